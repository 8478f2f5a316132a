"""Caravan's own claim corpus (`corpus/claims/`) follows its guideline, `docs/claims-annotation.md`."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

import pytest

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "claims"
LANG_RANGES = {"en": range(101, 200), "zh": range(201, 300), "ru": range(301, 400)}
MEASURES = {
    "level", "change", "growth", "avg_growth", "pp_change", "share",
    "multiple", "rank", "count", "date", "ordinal",
}  # fmt: skip
FAMILIES = {
    "trade", "rail", "road", "gas", "oil", "invest", "loan", "flights", "visitors", "visa",
    "students", "twinning", "summit", "agreement", "bri", "other",
}  # fmt: skip
COMPARISONS = {None, "yoy", "since-year", "share"}
QUALIFIERS = {None, "over", "under", "about", "nearly", "up_to", "range"}
TRUTHS = {"true", "false", "undecidable"}
PARTY = re.compile(r"^([A-Z]{3}|C5)$")
PERIOD = re.compile(
    r"^(\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?(-academic)?"
    r"|(as-of|cumulative-to) \d{4}(-\d{2}(-\d{2})?)?|\d{4}->\d{4})$"
)
FIELDS = [
    "article", "text", "quantity", "unit", "indicator", "measure", "subject", "counterpart", "reporter",
    "part", "period", "base", "comparison", "qualifier", "truth", "truth_source", "truth_locator", "notes",
]  # fmt: skip


def _index() -> list[dict[str, str]]:
    with (CORPUS / "index.tsv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _claims() -> list[dict[str, Any]]:
    lines = (CORPUS / "claims.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _article(number: str) -> tuple[dict[str, str], str]:
    text = (CORPUS / "articles" / f"{number}.txt").read_text(encoding="utf-8")
    head, _, body = text.partition("\n\n")
    header = dict(line.split(": ", 1) for line in head.splitlines())
    return header, body


def test_every_article_has_an_index_row_and_a_header() -> None:
    rows = _index()
    assert list(rows[0]) == ["article", "lang", "pub_date", "topic", "url", "outlet", "split"]
    numbers = {row["article"] for row in rows}
    assert len(numbers) == len(rows)
    assert numbers == {p.stem for p in (CORPUS / "articles").glob("*.txt")}
    for row in rows:
        header, body = _article(row["article"])
        assert set(header) == {"URL", "LANG", "TITLE"}, row["article"]
        assert header["URL"] == row["url"] and header["LANG"] == row["lang"]
        assert int(row["article"]) in LANG_RANGES[row["lang"]]
        assert row["split"] == ("tune" if int(row["article"]) % 2 else "heldout")
        assert re.match(r"^\d{4}-\d{2}(-\d{2})?( \(approx\.\))?$", row["pub_date"]), row
        assert body.strip()


def test_each_language_has_enough_articles_on_both_sides_of_the_split() -> None:
    rows = _index()
    for lang in LANG_RANGES:
        mine = [r for r in rows if r["lang"] == lang]
        assert len(mine) >= 20, lang
        assert sum(r["split"] == "heldout" for r in mine) >= 10, lang


@pytest.fixture(scope="module")
def bodies() -> dict[str, str]:
    return {row["article"]: _article(row["article"])[1] for row in _index()}


def test_every_claim_follows_the_guideline(bodies: dict[str, str]) -> None:
    for claim in _claims():
        where = f"{claim['article']}: {claim['text'][:60]}"
        assert list(claim) == FIELDS, where
        assert claim["text"] in bodies[claim["article"]], where
        assert claim["measure"] in MEASURES, where
        assert claim["indicator"].split(".")[0] in FAMILIES, where
        assert claim["comparison"] in COMPARISONS, where
        assert claim["qualifier"] in QUALIFIERS, where
        assert claim["truth"] in TRUTHS, where
        for party in ("subject", "counterpart", "reporter"):
            assert claim[party] is None or PARTY.match(claim[party]), where
        for span in ("period", "base"):
            assert claim[span] is None or PERIOD.match(claim[span]), (where, claim[span])
        if claim["truth"] != "undecidable":
            assert claim["truth_source"] and claim["truth_locator"], where
        if claim["unit"] == "date":
            assert isinstance(claim["quantity"], str), where
        else:
            assert isinstance(claim["quantity"], int | float), where


def test_no_article_decides_itself() -> None:
    urls = {row["article"]: row["url"] for row in _index()}
    for claim in _claims():
        assert claim["truth_source"] != urls[claim["article"]], claim["text"]


# Articles whose page the ledger came to cite after they entered the corpus (a journey time in
# data/network/journeys.yaml): kept, since the checker must then show that page's figures as
# the article itself, never as independent support.
CITED_LATER = {"104", "121"}


def test_no_article_is_a_page_the_ledger_cites() -> None:
    data = CORPUS.parents[1] / "data"
    cited = "\n".join(
        p.read_text(encoding="utf-8") for p in (*data.glob("sources/*.yaml"), *data.glob("generated/*/sources.yaml"))
    )
    both = {row["article"] for row in _index() if row["url"] in cited}
    assert both == CITED_LATER, f"corpus articles the ledger cites: {sorted(both)}"
