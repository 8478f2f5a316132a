"""Fixtures for the extractor tests: a damageable copy of one shared publication folder."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[3] / "data"


@pytest.fixture
def copy_shared(shared_dir: Path, tmp_path: Path) -> Callable[[str], Path]:
    """Copy `../shared/data/<folder>` into the test's own folder (writable) and return the copy."""

    def copy(folder: str) -> Path:
        target = tmp_path / folder
        shutil.copytree(shared_dir / "data" / folder, target)
        for path in target.iterdir():
            path.chmod(0o644)
        return target

    return copy
