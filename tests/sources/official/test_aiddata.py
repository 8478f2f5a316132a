"""The AidData GCDF 3.0 extractor on the shared country-year file."""

from __future__ import annotations

from pathlib import Path

import pytest

from caravan.errors import CaravanError
from caravan.sources.extraction import stale_files
from caravan.sources.official import aiddata

SHARED = Path(__file__).resolve().parents[3] / ".." / "shared" / "data"
DATA = Path(__file__).resolve().parents[3] / "data"
pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(not (SHARED / "aiddata-gcdf3").is_dir(), reason="../shared/data/aiddata-gcdf3 is absent"),
]


@pytest.fixture(scope="module")
def extraction() -> aiddata.Extraction:
    return aiddata.extract(SHARED)


def _find(extraction: aiddata.Extraction, indicator: str, country: str, year: str) -> dict[str, str]:
    (row,) = [
        o
        for o in extraction.observations
        if o["indicator"] == indicator and o["counterpart"] == country and o["period"] == year
    ]
    return row


def test_cells_read_by_hand(extraction: aiddata.Extraction) -> None:
    # cow_gcdf.csv: "705,2008,12552952613.83346,12552952613.83346,11008425.108025303,...,152458592.194905,..."
    row = _find(extraction, "devfinance.committed.oof_like", "KAZ", "2008")
    assert row["value"] == "12552952613.83346" and row["unit"] == "USD" and row["subject"] == "CHN"
    assert row["locator"].endswith("(ccode 705, year 2008), column oof_adj")
    assert _find(extraction, "devfinance.committed.vague", "KAZ", "2008")["value"] == "152458592.194905"
    # "704,2021,200000000,200000000,127500000,127500000,330575000,330575000"
    assert _find(extraction, "devfinance.committed.oda_like", "UZB", "2021")["value"] == "127500000"
    # the adjusted amount, not the unadjusted one: "702,2006,1420642183.2644305,1420642183.2670832,..."
    assert _find(extraction, "devfinance.committed.oof_like", "TJK", "2006")["value"] == "1420642183.2670832"


def test_only_the_five_no_zeros(extraction: aiddata.Extraction) -> None:
    assert {o["counterpart"] for o in extraction.observations} == {"KAZ", "KGZ", "TJK", "TKM", "UZB"}
    assert all(float(o["value"]) > 0 for o in extraction.observations)
    assert all(2000 <= int(o["period"]) <= 2021 for o in extraction.observations)
    # Turkmenistan 2018: a row of zeros (projects without amounts) gives no figure.
    assert not [o for o in extraction.observations if o["counterpart"] == "TKM" and o["period"] == "2018"]


def test_reproduces_committed_folder(extraction: aiddata.Extraction) -> None:
    assert stale_files(DATA, extraction) == []


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda t: t.replace("705,2008,12552952613.83346", "705,2008,-12552952613.83346", 1), "column oof_amt"),
        (lambda t: t.replace("705,2008,12552952613.83346", "705,2008,nan", 1), "column oof_amt"),
        (lambda t: t.replace("ccode,year", "code,year", 1), "line 1"),
        (lambda t: t[: len(t) // 2].rsplit(",", 2)[0], "fields"),
    ],
)
def test_damaged_copy_is_one_error_line(tmp_path: Path, change, where: str) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "aiddata-gcdf3"
    folder.mkdir()
    text = (SHARED / "aiddata-gcdf3" / "cow_gcdf.csv").read_text(encoding="utf-8")
    (folder / "cow_gcdf.csv").write_text(change(text), encoding="utf-8")
    with pytest.raises(CaravanError) as err:
        aiddata.extract(tmp_path)
    message = str(err.value)
    assert message.startswith("aiddata-gcdf3/cow_gcdf.csv:") and where in message and "\n" not in message
