"""`kaz-bns-trade`: Kazakhstan's trade with China from the Bureau of National Statistics' .xls workbooks."""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import pytest
from xlrd.compdoc import CompDocError

import fuzzing
from caravan.errors import CaravanError, DataError
from caravan.sources.extraction import stale_files
from caravan.sources.official import EXTRACTORS
from caravan.sources.official.kaz_bns import FOLDER, NAME, extract

DATA = Path(__file__).resolve().parents[3] / "data"
pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def extraction(shared_dir: Path):  # type: ignore[no-untyped-def]
    return extract(shared_dir / "data")


def _obs(extraction, indicator: str, period: str) -> dict:  # type: ignore[no-untyped-def]
    [row] = [o for o in extraction.observations if o["indicator"] == indicator and o["period"] == period]
    return row


def test_registered() -> None:
    assert EXTRACTORS[NAME] == "kaz_bns"


def test_cells_read_by_hand(extraction) -> None:  # type: ignore[no-untyped-def]
    # kaz-foreign-trade-by-country-2023.xls, sheet 2023, row 76 "Китай": 30 055 389.6 / 14 666 158.3 / 15 389 231.3
    row = _obs(extraction, "trade.exports", "2023")
    assert (row["subject"], row["counterpart"], row["value"], row["unit"]) == (
        "KAZ",
        "CHN",
        "14666158.3001",
        "thousand USD",
    )
    assert row["locator"] == "kaz-foreign-trade-by-country-2023.xls, sheet 2023, row 76 Китай, column Экспорт (Всего)"
    assert row["primary"] == "kaz-bns" and row["source"] == "kaz-bns.foreign-trade-by-country"
    assert _obs(extraction, "trade.imports", "2023")["value"] == "15389231.31222"
    # 2018 stands only in the 2019 workbook, sheet 12_2018: turnover 11 691 670.0
    assert _obs(extraction, "trade.turnover", "2018")["value"] == "11691670"


def test_a_year_two_workbooks_cover_comes_from_the_later(extraction) -> None:  # type: ignore[no-untyped-def]
    row = _obs(extraction, "trade.turnover", "2019")
    assert row["locator"].startswith("kaz-foreign-trade-by-country-2020.xls, sheet 12_2019")
    assert "later, revised one (2020)" in row["note"]
    assert {o["period"] for o in extraction.observations} == {str(y) for y in range(2018, 2024)}
    assert len(extraction.observations) == 18
    assert all(float(o["value"]) >= 0 for o in extraction.observations)


def test_rerun_reproduces_the_committed_folder(extraction) -> None:  # type: ignore[no-untyped-def]
    assert stale_files(DATA, extraction) == []


def test_truncated_workbook_is_one_line_error(copy_shared: Callable[[str], Path], tmp_path: Path) -> None:
    folder = copy_shared(FOLDER)
    victim = folder / "kaz-foreign-trade-by-country-2021.xls"
    victim.write_bytes(victim.read_bytes()[:30000])
    with pytest.raises(CaravanError) as info:
        extract(tmp_path)
    message = str(info.value)
    assert "\n" not in message and "kaz-foreign-trade-by-country-2021.xls" in message and "damaged" in message


def test_not_a_workbook_and_empty_folder(copy_shared: Callable[[str], Path], tmp_path: Path) -> None:
    folder = copy_shared(FOLDER)
    (folder / "kaz-foreign-trade-by-country-2022.xls").write_text("Страна;Экспорт\n", encoding="utf-8")
    with pytest.raises(CaravanError, match=r"2022\.xls"):
        extract(tmp_path)
    with pytest.raises(CaravanError, match=r"no \.xls"):
        extract(tmp_path / "elsewhere")


def test_damaged_workbooks_are_one_line_errors(copy_shared: Callable[[str], Path], tmp_path: Path) -> None:
    """Three hundred damaged copies of a real workbook: each is read, or refused in one line naming it.

    The errors behind the refusals are the kinds `XLS_DAMAGE` lists (xlrd's own, a record cut short, a
    broken sector chain): anything else escapes as a traceback and fails here.
    """
    folder = copy_shared(FOLDER)
    seed = (folder / "kaz-foreign-trade-by-country-2021.xls").read_bytes()
    for path in folder.iterdir():
        path.unlink()
    victim = folder / "kaz-foreign-trade-by-country-2021.xls"
    causes = fuzzing.refusals(victim, seed, fuzzing.mutate_bytes, lambda: extract(tmp_path), 300)
    assert {IndexError, struct.error, CompDocError} <= causes, causes


def test_an_empty_or_xlsx_file_is_refused(copy_shared: Callable[[str], Path], tmp_path: Path) -> None:
    folder = copy_shared(FOLDER)
    victim = folder / "kaz-foreign-trade-by-country-2022.xls"
    victim.write_bytes(b"")
    with pytest.raises(DataError, match=r"2022\.xls.*not a readable Excel 97 workbook"):
        extract(tmp_path)
    book = BytesIO()
    with zipfile.ZipFile(book, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
    victim.write_bytes(book.getvalue())
    with pytest.raises(DataError, match=r"2022\.xls.*not a readable Excel 97 workbook"):
        extract(tmp_path)
