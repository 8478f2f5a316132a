"""Extraction is unchanged by speed work: a digest of every claim read from each tune article and shared-corpus article.

The golden file holds, per article, a short SHA-256 of the claims `check_text` extracts
without a ledger (value, unit, indicator, period, parties, offsets, notes: the whole JSON).
Only the texts of the held-out half are never read here, and no annotation is. When a rule
changes what is extracted on purpose, rewrite the file and review which articles changed:

    uv run python -m tests.claims.test_extraction_golden --write
"""

from __future__ import annotations

import csv
import hashlib
import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from tests.conftest import SHARED

from caravan.claims.verify import check_text

OWN = Path(__file__).resolve().parents[2] / "corpus" / "claims"
REFERENCE = SHARED / "claims-corpus"
GOLDEN = Path(__file__).parent / "golden" / "extraction.json"


def _articles(root: Path, tune_only: bool) -> Iterator[tuple[str, str | None, str, date]]:
    rows: dict[str, dict[str, str]] = {}
    with (root / "index.tsv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            rows[row["article"]] = row
    for path in sorted((root / "articles").glob("*.txt")):
        row = rows.get(path.stem, {})
        if tune_only and row.get("split") != "tune":
            continue  # the held-out half is not even read
        try:
            published = date.fromisoformat((row.get("pub_date") or "")[:10])
        except ValueError:
            published = date(2025, 6, 1)
        yield path.stem, row.get("lang") or None, path.read_text(encoding="utf-8"), published


def digests(root: Path, tune_only: bool) -> dict[str, str]:
    """Article → digest of the JSON of the claims extracted from it (no ledger)."""
    out = {}
    for name, lang, text, published in _articles(root, tune_only):
        result = check_text(text, None, lang=lang, published=published).to_dict()
        blob = json.dumps(result, sort_keys=True, ensure_ascii=False, default=str)
        out[name] = hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]
    return out


def _golden() -> dict[str, dict[str, str]]:
    return json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_own_corpus_tune_half_extracts_as_recorded() -> None:
    got, want = digests(OWN, tune_only=True), _golden()["own-tune"]
    changed = sorted(k for k in got.keys() | want.keys() if got.get(k) != want.get(k))
    assert not changed, f"extraction changed for {changed}; rewrite the golden file if that was meant"


@pytest.mark.shared
def test_shared_corpus_extracts_as_recorded() -> None:
    if not REFERENCE.is_dir():
        pytest.skip("../shared/claims-corpus is absent")
    got, want = digests(REFERENCE, tune_only=False), _golden()["shared"]
    changed = sorted(k for k in got.keys() | want.keys() if got.get(k) != want.get(k))
    assert not changed, f"extraction changed for {changed}; rewrite the golden file if that was meant"


if __name__ == "__main__" and "--write" in sys.argv:
    golden = {"own-tune": digests(OWN, tune_only=True), "shared": digests(REFERENCE, tune_only=False)}
    GOLDEN.write_text(json.dumps(golden, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {GOLDEN.name}: {sum(len(v) for v in golden.values())} articles")
