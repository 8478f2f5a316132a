"""SQL kept per expression shape: exact for every value of its shape, the same rows as Ibis's own, and no Ibis.

The kept text of a shape, with other values of the same shape written into it,
must be what Ibis compiles for those values: a cached query is the query Ibis
would run. On a ledger the second run of `summary` reads the kept text and gives
the rows the first (compiled) one gave; a process that runs it imports no Ibis.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import ibis
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from caravan.ledger.backends import REPORTED, TradeTables, open_trade
from caravan.ledger.build import build
from caravan.ledger.compiled import CompiledQueries, Values, _Standins
from caravan.settings import Settings
from caravan.sources.bulkstore import TRADE_TOTAL
from caravan.trade import totals

codes = st.sampled_from(["CHN", "KAZ", "KGZ", "TJK", "TKM", "UZB", "RUS", "O'Z"])


def unbound() -> TradeTables:
    """Trade tables known by their names and schemas only: enough to build and compile expressions."""
    from types import SimpleNamespace

    total = ibis.table(ibis.Schema.from_pyarrow(TRADE_TOTAL), name="trade_total")
    reported = ibis.table(ibis.Schema.from_pyarrow(REPORTED), name="trade_reported")
    return SimpleNamespace(total=total, reported=reported)  # type: ignore[return-value]


def compiled(values: Values) -> str:
    return ibis.to_sql(totals.ledger_summary_expr(unbound(), values), dialect="duckdb", pretty=False)


@settings(max_examples=25, deadline=None)
@given(
    first=st.tuples(codes, st.lists(codes, min_size=1, max_size=5), st.none() | st.lists(st.integers(1990, 2030))),
    second=st.tuples(codes, st.lists(codes, min_size=5, max_size=5), st.lists(st.integers(1990, 2030), min_size=1)),
)
def test_the_kept_text_of_a_shape_is_what_ibis_compiles_for_any_values_of_it(
    first: tuple[str, list[str], list[int] | None], second: tuple[str, list[str], list[int]]
) -> None:
    country, partners, years = first
    values: Values = {"country": country, "partners": partners, "years": years}
    stand = _Standins.of(values)
    template = stand.template(compiled(stand.values))
    assert template is not None and "caravan_stand_in" not in template
    assert stand.written_back(template) == compiled(values)
    # Another call of the same shape: the same number of partners and of years.
    other: Values = {
        "country": second[0],
        "partners": second[1][: len(partners)],
        "years": None if years is None else (second[2] * (len(years) + 1))[: len(years)],
    }
    assert _Standins.of(other).written_back(template) == compiled(other)


def test_a_value_the_expression_does_not_carry_is_not_kept(tmp_path: Path) -> None:
    queries = CompiledQueries(tmp_path)
    total = unbound().total
    # The expression's Python code reads the value (a filter only for CHN): no text may stand for other values.
    query = queries.compile("branchy", {"who": "CHN"}, lambda v: total.filter(total.year == 2020 if v["who"] else True))
    assert "2020" in query.sql
    assert list(tmp_path.iterdir()) == []
    assert queries.get("branchy", {"who": "CHN"}) is None


def run_twice(cfg: Settings, cache: Path, **kwargs: object) -> tuple[object, object]:
    results = []
    for _ in range(2):
        with open_trade(cfg, compiled_sql=cache) as tables:
            results.append(totals.summary(tables, **kwargs))  # type: ignore[arg-type]
    return results[0], results[1]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"country": "CHN", "partners": ["KAZ", "UZB"]},
        {"country": "KAZ", "partners": ["CHN"], "years": [2023, 2024]},
        {"country": "CHN", "partners": ["KAZ"], "years": [1999]},
    ],
)
def test_a_kept_query_gives_the_rows_and_sources_ibis_gives(
    tiny_settings: Settings, tmp_path: Path, kwargs: dict[str, object]
) -> None:
    build(tiny_settings, force=True)
    cache = tmp_path / "sql"
    first, second = run_twice(tiny_settings, cache, **kwargs)
    with open_trade(tiny_settings) as tables:  # no folder: compiled by Ibis, nothing kept
        plain = totals.summary(tables, **kwargs)  # type: ignore[arg-type]
    assert len(list(cache.glob("ledger_summary-*.json"))) == 1
    assert first.to_dict() == second.to_dict() == plain.to_dict()  # type: ignore[attr-defined]


def test_an_unreadable_kept_text_is_compiled_again(tiny_settings: Settings, tmp_path: Path) -> None:
    build(tiny_settings, force=True)
    cache = tmp_path / "sql"
    first, _ = run_twice(tiny_settings, cache, country="CHN", partners=["KAZ"])
    (kept,) = cache.glob("*.json")
    kept.write_text("{not json", encoding="utf-8")
    again, _ = run_twice(tiny_settings, cache, country="CHN", partners=["KAZ"])
    assert again.to_dict() == first.to_dict()  # type: ignore[attr-defined]
    assert json.loads(kept.read_text(encoding="utf-8"))["name"] == "ledger_summary"  # written again


def test_the_cli_runs_a_kept_summary_without_ibis(tiny_settings: Settings) -> None:
    build(tiny_settings, force=True)
    env = {**os.environ, "CARAVAN_LEDGER": str(tiny_settings.ledger), "CARAVAN_DATA": str(tiny_settings.data)}
    script = (
        "import sys\nfrom caravan.cli import main\n"
        "try:\n    main()\nexcept SystemExit as e:\n    assert not e.code, e.code\n"
        "print('IBIS' if 'ibis' in sys.modules else 'NO-IBIS')"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", script, "trade", "summary", "--partners", "KAZ,UZB"],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        for _ in range(2)
    ]
    for done in runs:
        assert done.returncode == 0, done.stderr[-2000:]
    assert runs[0].stdout.rstrip().endswith("IBIS") and not runs[0].stdout.rstrip().endswith("NO-IBIS")
    assert runs[1].stdout.rstrip().endswith("NO-IBIS")
    assert runs[0].stdout.rsplit("\n", 2)[0] == runs[1].stdout.rsplit("\n", 2)[0]  # the same table
    assert list(tiny_settings.sql_cache_dir.glob("ledger_summary-*.json"))
