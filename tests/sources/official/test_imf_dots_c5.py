"""`imf-dots-c5`: China's trade with the five and theirs with China, from the IMF DOTS workbooks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from caravan.errors import CaravanError
from caravan.sources.extraction import stale_files
from caravan.sources.official import EXTRACTORS
from caravan.sources.official.imf_dots_c5 import FOLDER, NAME, WORKBOOKS, extract

DATA = Path(__file__).resolve().parents[3] / "data"
pytestmark = pytest.mark.shared
FIVE = {"KAZ", "KGZ", "TJK", "TKM", "UZB"}


@pytest.fixture(scope="module")
def extraction(shared_dir: Path):  # type: ignore[no-untyped-def]
    return extract(shared_dir / "data")


def _obs(extraction, indicator: str, subject: str, counterpart: str, period: str) -> dict:  # type: ignore[no-untyped-def]
    [row] = [
        o
        for o in extraction.observations
        if (o["indicator"], o["subject"], o["counterpart"], o["period"]) == (indicator, subject, counterpart, period)
    ]
    return row


def test_registered() -> None:
    assert EXTRACTORS[NAME] == "imf_dots_c5"


def test_cells_read_by_hand(extraction) -> None:  # type: ignore[no-untyped-def]
    # DOTS_40.xlsx (China), sheet "Exports, FOB", row "Kazakhstan, Rep. of", 2000: 598.6
    row = _obs(extraction, "trade.exports", "CHN", "KAZ", "2000")
    assert (row["value"], row["unit"], row["primary"], row["method"]) == ("598.6", "mn USD", "imf", "reported")
    assert row["locator"].startswith("DOTS_40.xlsx, sheet Exports, FOB, row ")
    assert "reported to the IMF by China" in row["note"]
    # DOTS_109.xlsx (Kyrgyz Rep.), sheet "Imports, CIF", row "China, P.R.: Mainland", 2019: 1734.970508
    # (the Kyrgyz committee's own table prints 1 734 970.508 thousand for the same year)
    row = _obs(extraction, "trade.imports", "KGZ", "CHN", "2019")
    assert row["value"] == "1734.970508" and "Imports CIF" in row["note"]
    # DOTS_103.xlsx (Kazakhstan), row 59 "China, P.R.: Mainland", 2020 (column AE):
    # sheet "Exports, FOB" 9004.006953, sheet "Imports, CIF" 6346.496276
    row = _obs(extraction, "trade.exports", "KAZ", "CHN", "2020")
    assert row["value"] == "9004.006953" and "row 59 China, P.R.: Mainland, column AE (2020)" in row["locator"]
    assert _obs(extraction, "trade.imports", "KAZ", "CHN", "2020")["value"] == "6346.496276"


def test_pairs_and_years(extraction) -> None:  # type: ignore[no-untyped-def]
    pairs = {(o["subject"], o["counterpart"]) for o in extraction.observations}
    assert pairs == {("CHN", c) for c in FIVE} | {(c, "CHN") for c in FIVE}
    years = {int(o["period"]) for o in extraction.observations}
    assert min(years) == 2000 and max(years) == 2020
    assert all(float(o["value"]) >= 0 for o in extraction.observations)


def test_rerun_reproduces_the_committed_folder(extraction) -> None:  # type: ignore[no-untyped-def]
    assert stale_files(DATA, extraction) == []


def _copy(shared_dir: Path, tmp_path: Path) -> Path:
    target = tmp_path / FOLDER
    target.mkdir(parents=True)
    for number in WORKBOOKS:
        path = target / f"DOTS_{number}.xlsx"
        shutil.copyfile(shared_dir / "data" / FOLDER / path.name, path)
    return target


def test_truncated_workbook_is_one_line_error(shared_dir: Path, tmp_path: Path) -> None:
    folder = _copy(shared_dir, tmp_path)
    victim = folder / "DOTS_201.xlsx"
    victim.write_bytes(victim.read_bytes()[:20000])
    with pytest.raises(CaravanError) as info:
        extract(tmp_path)
    message = str(info.value)
    assert "\n" not in message and "DOTS_201.xlsx" in message and "damaged" in message


def test_wrong_reporter_and_missing_workbook(shared_dir: Path, tmp_path: Path) -> None:
    folder = _copy(shared_dir, tmp_path)
    shutil.copyfile(folder / "DOTS_103.xlsx", folder / "DOTS_109.xlsx")  # Kazakhstan's in Kyrgyzstan's place
    with pytest.raises(CaravanError, match="expected KGZ"):
        extract(tmp_path)
    (folder / "DOTS_210.xlsx").unlink()
    with pytest.raises(CaravanError, match=r"DOTS_210\.xlsx"):
        extract(tmp_path)
