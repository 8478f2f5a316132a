"""Fixtures for the import tests."""

from __future__ import annotations

import pytest

from caravan.ledger.build import build
from caravan.settings import Settings


@pytest.fixture
def built(tiny_settings: Settings) -> Settings:
    """The tiny curated ledger, built, for imports to attach to."""
    build(tiny_settings, force=True)
    return tiny_settings
