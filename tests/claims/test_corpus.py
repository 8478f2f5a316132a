"""The real annotated corpus in ../shared (skipped where absent): the issue's targets, per language."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import SHARED

from caravan.claims.evaluate import evaluate

CORPUS = SHARED / "claims-corpus"


@pytest.mark.shared
def test_targets_on_the_shared_corpus() -> None:
    if not (CORPUS / "claims.jsonl").is_file():
        pytest.skip("../shared/claims-corpus is absent")
    result = evaluate(Path(CORPUS))
    for lang in ("en", "zh", "ru"):
        row = result.scores[lang].to_row()
        assert row["recall"] >= 0.9, row
        assert row["precision"] >= 0.85, row
        assert row["indicator"] >= 0.85, row
        assert row["period"] >= 0.85, row
