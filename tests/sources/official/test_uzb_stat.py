"""`uzb-stat-trade`: Uzbekistan's trade with China from the Statistics Agency's SDMX CSV files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from caravan.errors import CaravanError
from caravan.sources.extraction import stale_files
from caravan.sources.official import EXTRACTORS
from caravan.sources.official.uzb_stat import FOLDER, NAME, extract

DATA = Path(__file__).resolve().parents[3] / "data"
pytestmark = pytest.mark.shared
EXPORTS = "uzb-sdmx-1105-exports-by-partner.csv"
IMPORTS = "uzb-sdmx-1176-imports-by-partner.csv"


@pytest.fixture(scope="module")
def extraction(shared_dir: Path):  # type: ignore[no-untyped-def]
    return extract(shared_dir / "data")


def _obs(extraction, indicator: str, period: str) -> dict:  # type: ignore[no-untyped-def]
    [row] = [o for o in extraction.observations if o["indicator"] == indicator and o["period"] == period]
    return row


def test_registered() -> None:
    assert EXTRACTORS[NAME] == "uzb_stat"


def test_cells_read_by_hand(extraction) -> None:  # type: ignore[no-untyped-def]
    # 1105 line 47 "156,Xitoy,Китай,China,931846.9,...,2486557.3"; 1176 line 48 "...,6427708.09,11339099.0"
    first = _obs(extraction, "trade.exports", "2010")
    assert (first["subject"], first["counterpart"], first["value"], first["unit"]) == (
        "UZB",
        "CHN",
        "931846.9",
        "thousand USD",
    )
    assert first["locator"].startswith(f"{EXPORTS}, line 47 (Code 156")
    assert _obs(extraction, "trade.exports", "2023")["value"] == "2486557.3"
    assert _obs(extraction, "trade.imports", "2022")["value"] == "6427708.09"
    assert _obs(extraction, "trade.imports", "2023")["value"] == "11339099.0"
    assert {o["source"] for o in extraction.observations} == {"uzb-stat.siat-1105", "uzb-stat.siat-1176"}
    assert len(extraction.observations) == 28


def test_rerun_reproduces_the_committed_folder(extraction) -> None:  # type: ignore[no-untyped-def]
    assert stale_files(DATA, extraction) == []


def test_truncated_file_is_one_line_error(copy_shared: Callable[[str], Path], tmp_path: Path) -> None:
    folder = copy_shared(FOLDER)
    victim = folder / IMPORTS
    lines = victim.read_text(encoding="utf-8-sig").splitlines()
    china = next(n for n, line in enumerate(lines) if line.startswith("156,"))
    victim.write_text("\n".join([*lines[:china], lines[china][:60]]) + "\n", encoding="utf-8")
    with pytest.raises(CaravanError) as info:
        extract(tmp_path)
    message = str(info.value)
    assert "\n" not in message and IMPORTS in message and f"line {china + 1}" in message


def test_bad_value_and_other_indicator(copy_shared: Callable[[str], Path], tmp_path: Path) -> None:
    folder = copy_shared(FOLDER)
    victim = folder / EXPORTS
    victim.write_text(victim.read_text(encoding="utf-8-sig").replace(",931846.9,", ",-931846.9,"), encoding="utf-8")
    with pytest.raises(CaravanError, match="column 2010"):
        extract(tmp_path)
    victim.rename(folder / "uzb-sdmx-9999-something.csv")
    with pytest.raises(CaravanError, match="not one of the indicators"):
        extract(tmp_path)
