"""Queries (a), (b), (c) give the same answers on the sorted store as on the same rows unsorted,
and the same through their kept SQL as through Ibis.

The store is written sorted by exporter and importer so that a query for a few
pairs reads only some row groups; the rows and the answers must not change. Each
analysis's kept text of a shape, with other values of that shape written into it,
must be what Ibis compiles for those values.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import duckdb
import ibis
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from caravan.ledger.backends import TradeTables, open_trade
from caravan.ledger.build import build
from caravan.ledger.compiled import Values, _Standins
from caravan.settings import Settings
from caravan.sources.bulkstore import TRADE_FLOW, TRADE_TOTAL
from caravan.sources.importer import import_files
from caravan.sources.synth import synth_baci
from caravan.trade import products, totals
from caravan.trade.flows import C5
from conftest import write_tiny_data

QUERIES = {
    "a": lambda t: totals.flows_between(t, ["CHN"], C5, dataset="baci"),
    "a-years": lambda t: totals.flows_between(t, ["KAZ", "UZB"], ["CHN"], years=[2020], dataset="baci"),
    "b": lambda t: products.products(
        t, ["CHN"], C5, year=2020, level="chapter", both_directions=True, limit=20, dataset="baci"
    ),
    "b-one-way": lambda t: products.products(t, ["KAZ"], ["CHN"], year=2019, level="heading", dataset="baci"),
    "c": lambda t: totals.exporter_totals(t, dataset="baci"),
    "c-years": lambda t: totals.exporter_totals(t, years=[2019], dataset="baci"),
}


@pytest.fixture(scope="module")
def synth_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """A tiny curated ledger with 40,000 synthetic BACI rows over two years imported (sorted)."""
    root = tmp_path_factory.mktemp("sorted")
    settings_ = Settings(ledger=root / "caravan.duckdb", data=write_tiny_data(root))
    build(settings_, force=True)
    synth_baci(root / "synth", 40_000, years=(2019, 2020), seed=11)
    import_files(settings_, "baci", [root / "synth"])
    return settings_


def answers(cfg: Settings, folder: Path | None) -> dict[str, Any]:
    out = {}
    for name, query in QUERIES.items():
        with open_trade(cfg, compiled_sql=folder) as tables:
            out[name] = query(tables).to_dict()
    return out


def test_the_answers_are_the_same_sorted_and_unsorted_and_kept_or_compiled(
    synth_settings: Settings, tmp_path: Path
) -> None:
    kept = tmp_path / "sql"
    sorted_compiled = answers(synth_settings, None)
    assert sorted_compiled["a"]["rows"] and sorted_compiled["b"]["rows"] and sorted_compiled["c"]["rows"]
    assert answers(synth_settings, kept) == sorted_compiled  # compiled, and kept
    assert len(list(kept.glob("*.json"))) == len(QUERIES)
    assert answers(synth_settings, kept) == sorted_compiled  # read from the kept texts
    # The same rows in another order, written over the stored files: the same answers.
    con = duckdb.connect()
    for path in sorted(synth_settings.store_dir.rglob("*.parquet")):
        shuffled = path.with_suffix(".shuffled")
        shuffle = f"SELECT * FROM read_parquet('{path}') ORDER BY hash(hs6, value_usd)"
        con.execute(f"COPY ({shuffle}) TO '{shuffled}' (FORMAT parquet)")
        shuffled.replace(path)
    first = con.execute(f"SELECT exporter FROM read_parquet('{path}') LIMIT 200").fetchall()
    assert first != sorted(first)  # no longer sorted
    assert answers(synth_settings, kept) == sorted_compiled
    assert answers(synth_settings, None) == sorted_compiled


def unbound() -> TradeTables:
    flow = ibis.table(ibis.Schema.from_pyarrow(TRADE_FLOW), name="trade_flow")
    total = ibis.table(ibis.Schema.from_pyarrow(TRADE_TOTAL), name="trade_total")
    return SimpleNamespace(flow=flow, total=total)  # type: ignore[return-value]


BUILDERS = {
    "flows_between": lambda v: totals.flows_between_of(unbound(), "baci", None, False, v),
    "flows_between-gather": lambda v: totals.flows_between_of(unbound(), "imf-dots", "exporter", True, v),
    "products": lambda v: products.products_of(unbound(), "baci", "chapter", True, False, v),
    "products-sector": lambda v: products.products_of(unbound(), "comtrade", "sector", False, True, v),
    "exporter_totals": lambda v: totals.exporter_totals_of(unbound(), "baci", False, v),
}

codes = st.sampled_from(["CHN", "KAZ", "KGZ", "TJK", "TKM", "UZB", "RUS", "O'Z"])
groups = st.lists(codes, min_size=1, max_size=5, unique=True)
years = st.none() | st.lists(st.integers(1990, 2030), min_size=1, max_size=4)


def values_of(builder: str, a: list[str], b: list[str], when: list[int] | None, limit: int | None) -> Values:
    if builder.startswith("flows_between"):
        return {"a": a, "b": b, "years": when}
    if builder.startswith("products"):
        return {"exporters": a, "importers": b, "year": (when or [2020])[0], "limit": limit}
    return {"years": when}


def sql(builder: str, values: Values) -> str:
    return ibis.to_sql(BUILDERS[builder](values), dialect="duckdb", pretty=False)


@settings(max_examples=20, deadline=None)
@given(
    builder=st.sampled_from(sorted(BUILDERS)),
    first=st.tuples(groups, groups, years, st.none() | st.integers(1, 50)),
    second=st.tuples(groups, groups, st.lists(st.integers(1990, 2030), min_size=4, max_size=4), st.integers(1, 50)),
)
def test_the_kept_text_of_each_query_is_what_ibis_compiles_for_any_values_of_its_shape(
    builder: str,
    first: tuple[list[str], list[str], list[int] | None, int | None],
    second: tuple[list[str], list[str], list[int], int],
) -> None:
    a, b, when, limit = first
    values = values_of(builder, a, b, when, limit)
    stand = _Standins.of(values)
    template = stand.template(sql(builder, stand.values))
    assert template is not None and "caravan_stand_in" not in template
    assert stand.written_back(template) == sql(builder, values)
    # Another call of the same shape: as many countries in each group, years and a limit.
    other_a = (second[0] * len(a))[: len(a)]
    other_b = (second[1] * len(b))[: len(b)]
    other = values_of(builder, other_a, other_b, None if when is None else second[2][: len(when)], second[3])
    if limit is None:
        other = {**other, "limit": None} if "limit" in other else other
    assert _Standins.of(other).written_back(template) == sql(builder, other)
