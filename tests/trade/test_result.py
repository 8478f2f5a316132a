"""Every trade result says what each of its columns means: label in three languages, role and unit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

import pytest
from test_engines import ANALYSES  # the analyses of the engine parity test, found on the conftest's path

from caravan.ledger.backends import TradeTables
from caravan.results import DIMENSION, MEASURE, Column, Result, declare, dimension, label, measure
from caravan.trade import indices, mirror
from caravan.trade.result import TRADE_COLUMNS, TradeResult

EVERY: dict[str, Callable[[TradeTables], TradeResult]] = {
    **ANALYSES,
    "mirrors": lambda t: mirror.mirrors(t, "CHN", ["KAZ", "KGZ"]),
    "concentration": lambda t: indices.concentration(t, ["KAZ", "CHN"], year=2020),
    "concentration_by_partner": lambda t: indices.concentration(t, ["CHN"], year=2020, by="importer"),
    "intensity": lambda t: indices.intensity(t, "CHN", "KAZ", year=2020),
}
MONEY = {"exports", "imports", "turnover", "balance", "value_usd", "gap", "first_reports", "importer_reports"}


@pytest.mark.parametrize("name", sorted(EVERY))
def test_every_column_of_every_trade_result_is_declared(duck: TradeTables, name: str) -> None:
    result = EVERY[name](duck)
    fields = result.fields()
    assert [c.name for c in fields] == result.columns
    for column in fields:
        assert column.role in (DIMENSION, MEASURE), column.name
        assert set(column.label) == {"en", "zh", "ru"} and all(column.label.values()), column.name
        assert column.label["zh"] != column.label["en"] != column.label["ru"], column.name
        if column.role == DIMENSION:
            assert column.unit is None, column.name
    # Each figure's values match what its unit says: money is a float of dollars, a share a percentage.
    for row in result.rows:
        for column in fields:
            value = row.get(column.name)
            if column.unit is not None and value is not None:
                assert isinstance(value, int | float) and not isinstance(value, bool), (name, column.name)
            if column.unit == "%" and value is not None and column.name.startswith("share"):
                assert 0 <= value <= 100, (name, column.name)
    data = result.to_dict()
    assert [f["name"] for f in data["fields"]] == result.columns
    assert data["units"] == {c.name: c.unit for c in fields if c.unit}


def test_money_shares_and_pure_numbers_have_their_units() -> None:
    assert {c for c in MONEY if TRADE_COLUMNS[c].unit != "USD"} == set()
    assert TRADE_COLUMNS["share_pct"].unit == "%" and TRADE_COLUMNS["turnover_yoy_pct"].unit == "%"
    for pure in ("ratio", "rca", "hhi", "tci", "rank", "items"):
        assert TRADE_COLUMNS[pure].unit is None and TRADE_COLUMNS[pure].role == MEASURE
    assert TRADE_COLUMNS["ratio"].decimals == 3 and TRADE_COLUMNS["share_pct"].decimals is None


def test_a_column_without_a_declaration_is_an_error() -> None:
    result = TradeResult(title="t", columns=["year", "mystery"], rows=[{"year": 2020, "mystery": 1.0}])
    with pytest.raises(LookupError, match="mystery"):
        result.fields()
    with pytest.raises(LookupError, match="mystery"):
        result.to_dict()


@dataclass
class Heights(Result):
    declared: ClassVar[dict[str, Column]] = declare(
        dimension("peak", label("Peak", "山峰", "Вершина")),
        measure("height", label("Height", "高度", "Высота"), "m"),
        measure("budget", label("Budget", "预算", "Бюджет"), "USD"),
    )


def test_a_result_of_another_analysis_formats_from_its_own_declaration() -> None:
    result = Heights(
        "Peaks",
        ["peak", "height", "budget"],
        [
            {"peak": "Khan Tengri", "height": 7010.0, "budget": 2.5e9},
            {"peak": "Pobeda", "height": 7439.0, "budget": None},
        ],
    )
    data = result.to_dict("ru")
    assert "dataset" not in data and data["units"] == {"height": "m", "budget": "USD"}
    # Only the money columns choose the display unit: 2.5e9 dollars are shown in bn USD.
    assert data["display"]["unit"] == "bn USD" and data["display"]["scale"] == 1e9
    assert data["fields"][1]["label"]["ru"] == "Высота" and data["fields"][1]["role"] == MEASURE
    assert data["row_sources"] == [[], []]
