"""Trade indices against a small example worked out by hand, on DuckDB and on Spark.

Flows (exporter, importer, product, value):

    A -> X p1 30    A -> Y p1 20    A -> X p2 10
    B -> X p2 40    B -> Y p1 10    B -> X p1 10

Exports: A p1 50, p2 10 (60); B p1 20, p2 40 (60); world p1 70, p2 50 (120).
Imports: X p1 40, p2 50 (90); Y p1 30 (30).

* RCA(A, p1) = (50/60) / (70/120) = 10/7; RCA(A, p2) = (10/60) / (50/120) = 0.4;
  RCA(B, p1) = (20/60) / (70/120) = 4/7; RCA(B, p2) = (40/60) / (50/120) = 1.6.
* HHI of A over products: (5/6)^2 + (1/6)^2 = 26/36; of B: (1/3)^2 + (2/3)^2 = 5/9.
  HHI of B over partners (X 50, Y 10): 26/36.
* TCI(A -> X) = 100 (1 - (|4/9 - 5/6| + |5/9 - 1/6|) / 2) = 100 (1 - 7/18) = 1100/18.
* Intensity(A -> X) = (40/60) / (90/120) = 8/9; Intensity(A -> Y) = (20/60) / (30/120) = 4/3.
"""

from __future__ import annotations

from typing import Any

import ibis
import pyarrow as pa
import pytest

from caravan.ledger.backends import TradeTables
from caravan.trade import indices
from caravan.trade.result import execute

FLOWS = pa.table(
    {
        "exporter": ["A", "A", "A", "B", "B", "B"],
        "importer": ["X", "Y", "X", "X", "Y", "X"],
        "product": ["p1", "p1", "p2", "p2", "p1", "p1"],
        "value": [30.0, 20.0, 10.0, 40.0, 10.0, 10.0],
    }
)


@pytest.fixture(params=["duckdb", "spark"])
def engine(request: pytest.FixtureRequest) -> Any:
    """A connection to each engine (Spark skips where Java is absent)."""
    if request.param == "duckdb":
        return ibis.duckdb.connect()
    tables: TradeTables = request.getfixturevalue("spark")
    return tables.con


@pytest.fixture
def flows() -> ibis.Table:
    """The worked example as an in-memory table (run on each engine through `engine`)."""
    return ibis.memtable(FLOWS)


def test_hhi_of_a_list() -> None:
    assert indices.hhi_of([50, 10]) == pytest.approx(26 / 36)
    assert indices.hhi_of([1, 1, 1, 1]) == pytest.approx(0.25)
    with pytest.raises(ValueError):
        indices.hhi_of([0, 0])


def test_rca(flows: ibis.Table, engine: Any) -> None:
    rows = {(r["exporter"], r["product"]): r["rca"] for r in execute(indices.rca_expr(flows), engine)}
    assert rows[("A", "p1")] == pytest.approx(10 / 7)
    assert rows[("A", "p2")] == pytest.approx(0.4)
    assert rows[("B", "p1")] == pytest.approx(4 / 7)
    assert rows[("B", "p2")] == pytest.approx(1.6)


def test_hhi(flows: ibis.Table, engine: Any) -> None:
    by_product = {r["exporter"]: r for r in execute(indices.hhi_expr(flows, "product"), engine)}
    assert by_product["A"]["hhi"] == pytest.approx(26 / 36)
    assert by_product["B"]["hhi"] == pytest.approx(5 / 9)
    assert by_product["B"]["hhi_points"] == pytest.approx(5 / 9 * 10000)
    by_partner = {r["exporter"]: r["hhi"] for r in execute(indices.hhi_expr(flows, "importer"), engine)}
    assert by_partner["B"] == pytest.approx(26 / 36)


def test_complementarity(flows: ibis.Table, engine: Any) -> None:
    [row] = execute(indices.complementarity_expr(flows, "A", "X"), engine)
    assert row["tci"] == pytest.approx(1100 / 18)
    [same] = execute(indices.complementarity_expr(flows, "A", "A"), engine)
    assert same["tci"] is None  # A imports nothing: the index is undefined


def test_intensity(flows: ibis.Table, engine: Any) -> None:
    [x] = execute(indices.intensity_expr(flows, "A", "X"), engine)
    [y] = execute(indices.intensity_expr(flows, "A", "Y"), engine)
    assert x["intensity"] == pytest.approx(8 / 9)
    assert y["intensity"] == pytest.approx(4 / 3)


def test_indices_on_the_ledger(duck: TradeTables) -> None:
    rca = indices.rca(duck, ["KAZ"], year=2020, level="chapter")
    # KAZ exports 2020: chapter 27: 300+100+400 = 800, chapter 74: 100 (total 900).
    # World (all exporters in the sample) chapter 27: 800 + 500 = 1300; total 6700.
    by_code = {r["product"]: r["rca"] for r in rca.rows}
    assert by_code["27"] == pytest.approx((800 / 900) / (1300 / 6700))
    assert rca.sources
    hhi = indices.concentration(duck, ["KAZ"], year=2020, by="importer")
    # KAZ 2020 exports by partner: CHN 400, RUS 100, DEU 400 (900).
    assert hhi.rows[0]["hhi"] == pytest.approx((4 / 9) ** 2 + (1 / 9) ** 2 + (4 / 9) ** 2)
    tci = indices.complementarity(duck, "CHN", "KAZ", year=2020)
    assert 0 <= tci.rows[0]["tci"] <= 100
    ti = indices.intensity(duck, "CHN", "KAZ", year=2020)
    # CHN exports 3200 of which 1000 to KAZ; KAZ imports 1000+750+300 = 2050 of world 6700.
    assert ti.rows[0]["intensity"] == pytest.approx((1000 / 3200) / (2050 / 6700))
