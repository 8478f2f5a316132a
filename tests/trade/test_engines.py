"""One expression, two engines: the same analyses on DuckDB and on a local Spark session agree."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import pytest

from caravan.ledger.backends import TradeTables
from caravan.trade import indices, mirror, partners, products, totals
from caravan.trade.result import TradeResult

ANALYSES: dict[str, Callable[[TradeTables], TradeResult]] = {
    "flows_between": lambda t: totals.flows_between(t, ["CHN"], ["KAZ", "UZB"], dataset="baci"),
    "summary_baci": lambda t: totals.summary(t, "CHN", ["KAZ", "UZB"], dataset="baci"),
    "summary_dots": lambda t: totals.summary(t, "CHN", ["KAZ", "TJK"], dataset="imf-dots"),
    "summary_ledger": lambda t: totals.summary(t, "CHN", ["KAZ", "UZB"], dataset="ledger"),
    "growth": lambda t: totals.growth(t, 2019, 2020, "CHN", ["KAZ"], dataset="baci"),
    "exporter_totals": lambda t: totals.exporter_totals(t, dataset="baci"),
    "partners": lambda t: partners.partners(t, "KAZ", 2020, dataset="baci"),
    "position": lambda t: partners.partner_position(t, "CHN", ["KAZ", "TJK"], year=2020, dataset="imf-dots"),
    "products": lambda t: products.products(t, ["CHN"], ["KAZ"], year=2020, level="section", both_directions=True),
    "rca": lambda t: indices.rca(t, ["KAZ", "CHN"], year=2020),
    "complementarity": lambda t: indices.complementarity(t, "CHN", "KAZ", year=2020),
    "mirror": lambda t: mirror.mirror(t, "CHN", "KAZ"),
    "gaps": lambda t: mirror.largest_gaps(t, limit=5),
}


def normalise(value: Any) -> Any:
    if isinstance(value, float):
        return None if math.isnan(value) else float(f"{value:.10g}")
    return value


def table(result: TradeResult) -> list[tuple]:
    return sorted(
        (tuple(normalise(row.get(c)) for c in result.columns) for row in result.rows),
        key=lambda r: tuple((x is None, str(x)) for x in r),
    )


@pytest.mark.slow
def test_same_results_on_duckdb_and_spark(duck: TradeTables, spark: TradeTables) -> None:
    for name, analysis in ANALYSES.items():
        on_duck, on_spark = analysis(duck), analysis(spark)
        assert on_spark.engine == "spark" and on_duck.engine == "duckdb"
        assert on_duck.columns == on_spark.columns, name
        assert on_duck.rows, f"{name}: no rows, the comparison would prove nothing"
        assert table(on_duck) == table(on_spark), name
        assert on_duck.sources == on_spark.sources, name
