"""The Statistical Review extractor on the published 2024 workbook and the flattened editions."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from caravan.errors import CaravanError
from caravan.sources.extraction import stale_files
from caravan.sources.official import ei_gas

SHARED = Path(__file__).resolve().parents[3] / ".." / "shared" / "data"
DATA = Path(__file__).resolve().parents[3] / "data"
pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(not (SHARED / "ei-gas").is_dir(), reason="../shared/data/ei-gas is absent"),
]


@pytest.fixture(scope="module")
def extraction() -> ei_gas.Extraction:
    return ei_gas.extract(SHARED)


def _find(extraction: ei_gas.Extraction, subject: str, period: str) -> dict[str, str]:
    (row,) = [o for o in extraction.observations if o["subject"] == subject and o["period"] == period]
    return row


def test_2023_matrix_cells_read_by_hand(extraction: ei_gas.Extraction) -> None:
    # 'Gas trade - pipeline'!M27 (China <- Turkmenistan) and K27 (<- Kazakhstan), opened by hand.
    tkm = _find(extraction, "TKM", "2023")
    assert float(tkm["value"]) == pytest.approx(30.505834245161832, abs=1e-12)
    assert tkm["unit"] == "bcm" and tkm["counterpart"] == "CHN" and tkm["indicator"] == "gas.delivered"
    assert tkm["locator"] == "sheet Gas trade - pipeline, row China (27), column Turkmenistan (M)"
    assert tkm["source"] == "statreview-2024-gas-pipeline" and tkm["primary"] == "energy-institute"
    assert float(_find(extraction, "KAZ", "2023")["value"]) == pytest.approx(4.639262641019178, abs=1e-12)


def test_other_cis_row_read_by_hand(extraction: ei_gas.Extraction) -> None:
    # 'Gas - Trade movements'!S79: China's pipeline imports from Other CIS in 2017.
    row = _find(extraction, ei_gas.OTHER_CIS, "2017")
    assert float(row["value"]) == pytest.approx(36.6607124489898, abs=1e-12)
    assert "column 2017 (S)" in row["locator"]
    periods = sorted(int(o["period"]) for o in extraction.observations if o["subject"] == ei_gas.OTHER_CIS)
    assert periods == list(range(2010, 2024))  # zeros before 2010 are left out
    assert not any(o["subject"] == "C5" for o in extraction.observations)


def test_earlier_editions_cite_their_own_edition(extraction: ei_gas.Extraction) -> None:
    # gas_pipeline_trade_movements_long.csv: edition 2017, China <- Turkmenistan, 29.4234.
    row = _find(extraction, "TKM", "2016")
    assert row["value"] == "29.4234"
    assert row["source"] == "statreview-2017-gas-pipeline" and row["primary"] == "bp"
    sources = {s["id"]: s for s in extraction.sources}
    assert sources["statreview-2017-gas-pipeline"]["url"].startswith("https://www.bp.com/")
    # The 2024 workbook is preferred: no flattened figure for 2023.
    assert {o["source"] for o in extraction.observations if o["period"] == "2023"} == {"statreview-2024-gas-pipeline"}
    assert len({s["url"] for s in extraction.sources}) == len(extraction.sources)


def test_values_finite_non_negative(extraction: ei_gas.Extraction) -> None:
    assert all(float(o["value"]) > 0 for o in extraction.observations)


def test_reproduces_committed_folder(extraction: ei_gas.Extraction) -> None:
    assert stale_files(DATA, extraction) == []


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "ei-gas"
    folder.mkdir()
    for name in (ei_gas.WORKBOOK, ei_gas.FLAT):
        shutil.copy(SHARED / "ei-gas" / name, folder / name)
    return folder


def test_truncated_workbook_is_one_error_line(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    data = (folder / ei_gas.WORKBOOK).read_bytes()
    (folder / ei_gas.WORKBOOK).write_bytes(data[: len(data) // 3])
    with pytest.raises(CaravanError) as err:
        ei_gas.extract(tmp_path)
    assert "EI-Stats-Review-All-Data_2024.xlsx" in str(err.value) and "\n" not in str(err.value)


def test_negative_cell_names_sheet_row_column(tmp_path: Path) -> None:
    import openpyxl

    folder = _copy(tmp_path)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Gas trade - pipeline"
    ws.append(["Natural Gas: Trade movements 2023 by pipeline"])
    ws.append(["Billion cubic metres"])
    ws.append(["To", "Kazakhstan", "Turkmenistan"])
    ws.append(["China", 4.6, -30.5])
    wb.create_sheet("Gas - Trade movements")
    wb.save(folder / ei_gas.WORKBOOK)
    with pytest.raises(CaravanError) as err:
        ei_gas.extract(tmp_path)
    message = str(err.value)
    assert "sheet Gas trade - pipeline, row China (4), column Turkmenistan (C)" in message and "\n" not in message


def test_damaged_flattened_table(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    lines = (folder / ei_gas.FLAT).read_text(encoding="utf-8").splitlines()
    lines[5] = lines[5].replace(",country,country,", ",country,country,-", 1)
    (folder / ei_gas.FLAT).write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CaravanError) as err:
        ei_gas.extract(tmp_path)
    assert "gas_pipeline_trade_movements_long.csv:line 6" in str(err.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CaravanError, match="missing"):
        ei_gas.extract(tmp_path)
