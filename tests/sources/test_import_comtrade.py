"""`caravan import comtrade`: totals and six-digit rows, aggregates left out and listed."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "trade"))

from samples import COMTRADE_HEADER, comtrade_row, write_comtrade

from caravan.errors import DataError
from caravan.settings import Settings
from caravan.sources.importer import import_files
from store_state import rows


def test_comtrade_totals_products_and_listed_leftovers(built: Settings, tmp_path: Path) -> None:
    report = import_files(built, "comtrade", [write_comtrade(tmp_path / "kaz.csv")])
    totals = rows(built, "SELECT reporter, exporter, importer, value_usd, basis FROM trade_total ORDER BY basis")
    assert totals == [("KAZ", "CHN", "KAZ", 9e6, "cif"), ("KAZ", "KAZ", "CHN", 7e6, "fob")]
    flows = rows(built, "SELECT exporter, importer, hs6, value_usd, reporter FROM trade_flow ORDER BY hs6")
    assert flows == [
        ("CHN", "KAZ", "040655", 5e5, "KAZ"),
        ("KAZ", "CHN", "270900", 6e6, "KAZ"),
        ("CHN", "KAZ", "851712", 4e6, "KAZ"),
    ]
    left = report.unmapped()
    assert sum(left.values()) == 3  # re-export, breakdown by transport mode, chapter aggregate "85"
    assert rows(built, "SELECT publisher FROM source WHERE id LIKE 'comtrade.%'") == [
        ("United Nations Statistics Division",)
    ]


@pytest.mark.parametrize(
    ("header", "data", "where", "words"),
    [
        ([c for c in COMTRADE_HEADER if c != "primaryValue"], None, "row 1", "header lacks primaryValue"),
        (
            None,
            [comtrade_row(398, "M", 156, "TOTAL", 1.0), comtrade_row(398, "M", 777, "TOTAL", 1.0)],
            "row 3",
            "unknown partnerCode 777",
        ),
        (
            None,
            [[*comtrade_row(398, "M", 156, "TOTAL", 1.0)[:-1], "lots"]],
            "row 2",
            "column primaryValue: 'lots' is not a number",
        ),
    ],
    ids=["header", "unknown-code", "non-numeric"],
)
def test_bad_comtrade_writes_nothing(
    built: Settings, tmp_path: Path, header: list[str] | None, data: list | None, where: str, words: str
) -> None:
    path = write_comtrade(
        tmp_path / "bad.csv", data if data is not None else [comtrade_row(398, "M", 156, "TOTAL", 1.0)], header=header
    )
    before = built.ledger.read_bytes()
    with pytest.raises(DataError) as caught:
        import_files(built, "comtrade", [path])
    assert caught.value.path == str(path) and caught.value.where == where
    assert words in caught.value.problem
    assert built.ledger.read_bytes() == before and not (built.store_dir / "manifest.json").exists()
