"""`kgz-nsc-trade`: Kyrgyzstan's trade with China from the National Statistical Committee's tables."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import pytest
from openpyxl import load_workbook

import fuzzing
from caravan.errors import CaravanError
from caravan.sources.extraction import stale_files
from caravan.sources.official import EXTRACTORS
from caravan.sources.official.kgz_nsc import FOLDER, NAME, extract

DATA = Path(__file__).resolve().parents[3] / "data"
pytestmark = pytest.mark.shared
EXPORTS = "kgz-4.03.00.18-exports-by-country-usd.xlsx"
IMPORTS = "kgz-4.03.00.20-imports-by-country-usd.xlsx"


@pytest.fixture(scope="module")
def extraction(shared_dir: Path):  # type: ignore[no-untyped-def]
    return extract(shared_dir / "data")


def _obs(extraction, indicator: str, period: str) -> dict:  # type: ignore[no-untyped-def]
    [row] = [o for o in extraction.observations if o["indicator"] == indicator and o["period"] == period]
    return row


def test_registered() -> None:
    assert EXTRACTORS[NAME] == "kgz_nsc"


def test_cells_read_by_hand(extraction) -> None:  # type: ignore[no-untyped-def]
    # 4.03.00.18, row 76 "Китай": D76 (1994) 56 114.3, AG76 (2023) 80 446.3
    first = _obs(extraction, "trade.exports", "1994")
    assert (first["subject"], first["counterpart"], first["value"]) == ("KGZ", "CHN", "56114.33")
    assert first["locator"] == f"{EXPORTS}, sheet Лист1, row 76 Китай, column D (1994)"
    assert _obs(extraction, "trade.exports", "2023")["value"] == "80446.343"
    # 4.03.00.20, row 82 "Китай": AF82 (2022) 4 069 468.4; AG82 ("2023 1", preliminary) 5 353 257.3
    assert _obs(extraction, "trade.imports", "2022")["value"] == "4069468.372"
    last = _obs(extraction, "trade.imports", "2023")
    assert last["value"] == "5353257.336" and "preliminary" in last["note"]
    assert "preliminary" not in _obs(extraction, "trade.exports", "2023")["note"]
    assert all(o["unit"] == "thousand USD" and o["primary"] == "kgz-nsc" for o in extraction.observations)


def test_every_year_1994_to_2023(extraction) -> None:  # type: ignore[no-untyped-def]
    for indicator in ("trade.exports", "trade.imports"):
        years = {o["period"] for o in extraction.observations if o["indicator"] == indicator}
        assert years == {str(y) for y in range(1994, 2024)}


def test_rerun_reproduces_the_committed_folder(extraction) -> None:  # type: ignore[no-untyped-def]
    assert stale_files(DATA, extraction) == []


def test_truncated_workbook_is_one_line_error(copy_shared: Callable[[str], Path], tmp_path: Path) -> None:
    folder = copy_shared(FOLDER)
    victim = folder / IMPORTS
    victim.write_bytes(victim.read_bytes()[:30000])
    with pytest.raises(CaravanError) as info:
        extract(tmp_path)
    message = str(info.value)
    assert "\n" not in message and IMPORTS in message and "damaged" in message


def test_text_in_a_value_cell_names_file_row_and_column(copy_shared: Callable[[str], Path], tmp_path: Path) -> None:
    folder = copy_shared(FOLDER)
    book = load_workbook(folder / EXPORTS)
    book.worksheets[0]["AE76"] = "n/a"
    book.save(folder / EXPORTS)
    with pytest.raises(CaravanError) as info:
        extract(tmp_path)
    assert "row 76 column AE" in str(info.value) and EXPORTS in str(info.value)


def test_negative_value_refused(copy_shared: Callable[[str], Path], tmp_path: Path) -> None:
    folder = copy_shared(FOLDER)
    book = load_workbook(folder / IMPORTS)
    book.worksheets[0]["D82"] = -1
    book.save(folder / IMPORTS)
    with pytest.raises(CaravanError, match="non-negative"):
        extract(tmp_path)


@pytest.mark.filterwarnings("ignore:.*invalid dependency definitions:UserWarning")
def test_damaged_workbooks_are_one_line_errors(copy_shared: Callable[[str], Path], tmp_path: Path) -> None:
    """A hundred and fifty damaged copies of a real workbook (bytes, or one zip member re-zipped intact).

    Each is read, or refused in one line naming it; a broken sheet's XML (ElementTree's ParseError),
    openpyxl's IndexError or TypeError used to escape as a traceback.
    """
    folder = copy_shared(FOLDER)
    victim = folder / "kgz-4.03.00.18-exports-by-country-usd.xlsx"
    seed = victim.read_bytes()
    causes = fuzzing.refusals(victim, seed, fuzzing.mutate_workbook, lambda: extract(tmp_path), 150)
    assert ElementTree.ParseError in causes, causes
