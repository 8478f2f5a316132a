"""`wdi-population`: total population of China and the five, from the World Bank's WDI (SP.POP.TOTL)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from caravan.errors import CaravanError
from caravan.sources.extraction import stale_files
from caravan.sources.official import EXTRACTORS
from caravan.sources.official.wdi_population import FILE, FOLDER, NAME, SIX, extract

DATA = Path(__file__).resolve().parents[3] / "data"
pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def extraction(shared_dir: Path):  # type: ignore[no-untyped-def]
    return extract(shared_dir / "data")


def _obs(extraction, subject: str, period: str) -> dict:  # type: ignore[no-untyped-def]
    [row] = [o for o in extraction.observations if (o["subject"], o["period"]) == (subject, period)]
    return row


def test_registered() -> None:
    assert EXTRACTORS[NAME] == "wdi_population"


def test_lines_read_by_hand(extraction) -> None:  # type: ignore[no-untyped-def]
    # population.csv line 7797: "Kazakhstan,KAZ,2020,19482117"
    row = _obs(extraction, "KAZ", "2020")
    assert (row["value"], row["unit"], row["primary"], row["indicator"]) == (
        "19482117",
        "person",
        "world-bank",
        "macro.population",
    )
    assert row["locator"] == "population.csv line 7797 (SP.POP.TOTL, KAZ, 2020)"
    # line 2602: "China,CHN,1960,667070000"
    assert _obs(extraction, "CHN", "1960")["value"] == "667070000"


def test_six_countries_every_year(extraction) -> None:  # type: ignore[no-untyped-def]
    assert {o["subject"] for o in extraction.observations} == set(SIX)
    for country in SIX:
        years = sorted(int(o["period"]) for o in extraction.observations if o["subject"] == country)
        assert years == list(range(1960, 2025))
    assert all(o["counterpart"] == "" for o in extraction.observations)
    [source] = extraction.sources
    assert source["authority"] == "world-bank" and source["publisher"] == "World Bank"


def test_rerun_reproduces_the_committed_folder(extraction) -> None:  # type: ignore[no-untyped-def]
    assert stale_files(DATA, extraction) == []


def test_damaged_file_is_one_line_error(copy_shared: Callable[[str], Path], tmp_path: Path) -> None:
    folder = copy_shared(FOLDER)
    path = folder / FILE
    text = path.read_text(encoding="utf-8").replace("Kazakhstan,KAZ,2020,19482117", "Kazakhstan,KAZ,2020,many")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CaravanError) as info:
        extract(tmp_path)
    message = str(info.value)
    assert "\n" not in message and "row 7797" in message and "not a number" in message


def test_missing_country_and_missing_file(copy_shared: Callable[[str], Path], tmp_path: Path) -> None:
    folder = copy_shared(FOLDER)
    path = folder / FILE
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if ",TKM," not in line]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CaravanError, match="no rows for TKM"):
        extract(tmp_path)
    path.unlink()
    with pytest.raises(CaravanError, match=r"population\.csv"):
        extract(tmp_path)
