"""What every trade analysis returns: rows, their columns, and the sources they rest on."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from caravan.figures import unit_label
from caravan.ledger.backends import TradeTables

if TYPE_CHECKING:
    import ibis

    from caravan.ledger.compiled import Values

Row = dict[str, Any]

MONEY = frozenset(
    {
        "exports",
        "imports",
        "turnover",
        "balance",
        "first_reports",
        "second_reports",
        "gap",
        "second_fob",
        "adjusted_gap",
        "value_usd",
        "exporter_reports",
        "importer_reports",
        "world_turnover",
        "start_turnover",
        "end_turnover",
        "largest_turnover",
    }
)
"""Columns of trade results that hold US dollars (current, as reported); every other measure is a share or ratio."""


def column_unit(column: str) -> str | None:
    """The unit of a trade result's column: `USD` for money, `%` for `*_pct` and `share*`, None for the rest."""
    if column in MONEY:
        return "USD"
    if column.endswith("_pct"):
        return "%"
    return None


@dataclass
class TradeResult:
    """A table of results with its provenance.

    Attributes:
        title: What the table shows.
        columns: Column names in display order.
        rows: One dict per row.
        sources: The `source` rows the figures come from (id, publisher, title, url).
        dataset: Which dataset the figures come from (imf-dots, baci, comtrade, ledger).
        engine: duckdb or spark.
        notes: Caveats a reader needs (what was assumed, what was missing).
        row_sources: The ids of the sources behind each row, in row order (its own where the
            query gathers them, else those of the dataset's files covering its year).
    """

    title: str
    columns: list[str]
    rows: list[Row]
    sources: list[Row] = field(default_factory=list)
    dataset: str = ""
    engine: str = ""
    notes: list[str] = field(default_factory=list)
    row_sources: list[list[str]] = field(default_factory=list)

    def units(self) -> dict[str, str]:
        """The unit of each measure column (`USD`, `%`); dimensions (year, partner, code) have none."""
        return {c: unit for c in self.columns if (unit := column_unit(c)) is not None}

    def display(self) -> dict[str, Any]:
        """The one unit every money column of this result is shown in, chosen by `caravan.units.display_unit`.

        Returns:
            `unit` (`bn USD`), `label` (as a person reads it) and `scale`: how many US dollars one
            display unit is (1e9), so a surface divides by it and chooses nothing itself.
        """
        from caravan.units import display_unit, scale  # pint: only a surface that shows units needs it

        values = [
            float(row[c])
            for row in self.rows
            for c in self.columns
            if c in MONEY and isinstance(row.get(c), int | float)
        ]
        unit = display_unit("USD", values)
        return {"unit": unit, "label": unit_label(unit), "scale": scale(1.0, unit, "USD")}

    def to_dict(self) -> dict[str, Any]:
        """The whole result as plain data (for JSON), with its columns' units and each row's sources."""
        return {
            "title": self.title,
            "dataset": self.dataset,
            "engine": self.engine,
            "columns": self.columns,
            "units": self.units(),
            "display": self.display(),
            "rows": self.rows,
            "row_sources": self.row_sources or [[] for _ in self.rows],
            "sources": self.sources,
            "notes": self.notes,
        }


def clean(value: Any) -> Any:
    """Plain Python values: NaN becomes None, numpy scalars become Python numbers."""
    if hasattr(value, "item") and not isinstance(value, list | dict | str):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def execute(expr: ibis.Table, on: TradeTables | Any) -> list[Row]:
    """Run an expression and return plain rows.

    Args:
        expr: The expression.
        on: The trade tables it reads, or an Ibis backend (for in-memory tables).
    """
    table = on.to_arrow(expr) if isinstance(on, TradeTables) else on.to_pyarrow(expr)
    return [{k: clean(v) for k, v in row.items()} for row in table.to_pylist()]


def source_ids(tables: TradeTables, expr: ibis.Table) -> list[str]:
    """The distinct source ids among an expression's rows (it must have a `source_id` column)."""
    rows = tables.to_arrow(expr.select("source_id").distinct()).column("source_id").to_pylist()
    return sorted({r for r in rows if r})


def finish(
    tables: TradeTables,
    title: str,
    expr: ibis.Table,
    base: ibis.Table | None,
    dataset: str,
    notes: list[str] | None = None,
    known_sources: list[str] | None = None,
) -> TradeResult:
    """Execute an analysis and attach the sources of its rows.

    Sources come from the query's own `source_ids` column where it has one, from
    the distinct `source_id` of `base` (the rows it read) where given, and from
    `known_sources` (ids known without reading the data, e.g. from the manifest).
    """
    rows = execute(expr, tables)
    ids = set(source_ids(tables, base)) if base is not None else set()
    return _result(tables, title, rows, list(expr.columns), ids, dataset, notes, known_sources)


def finish_run(
    tables: TradeTables,
    title: str,
    query: str,
    values: Values,
    build: Callable[[Values], ibis.Table],
    dataset: str,
    notes: list[str] | None = None,
    known_sources: list[str] | None = None,
) -> TradeResult:
    """`finish` for an analysis whose expression is `build(values)`, run by `TradeTables.run`.

    Its SQL is kept per shape, so that on DuckDB the next run of the same shape
    needs no Ibis (nor its compiling). Its rows gather their own sources (a
    `source_ids` column), or `known_sources` says them.
    """
    table, columns = tables.run(query, values, build)
    rows = [{k: clean(v) for k, v in row.items()} for row in table.to_pylist()]
    return _result(tables, title, rows, columns, set(), dataset, notes, known_sources)


def _result(
    tables: TradeTables,
    title: str,
    rows: list[Row],
    expr_columns: list[str],
    ids: set[str],
    dataset: str,
    notes: list[str] | None,
    known_sources: list[str] | None,
) -> TradeResult:
    ids.update(known_sources or [])
    columns = [c for c in expr_columns if c not in ("source_ids", "hs_revisions")]
    own: list[list[str]] = []
    if "source_ids" in expr_columns:  # gathered by the query itself (`sum_with_sources`)
        for row in rows:
            own.append(sorted({i for i in row.pop("source_ids") or [] if i}))
            ids.update(own[-1])
    return TradeResult(
        title=title,
        columns=columns,
        rows=rows,
        sources=tables.sources(sorted(ids)),
        dataset=dataset,
        engine=tables.engine,
        notes=notes or [],
        row_sources=own or [_row_sources(tables, row, dataset, ids) for row in rows],
    )


def _row_sources(tables: TradeTables, row: Row, dataset: str, ids: set[str]) -> list[str]:
    """The sources of one row the query did not gather.

    Its own `*_source` columns, else the dataset's files that cover its year (the manifest
    says which years each file holds), else all the result's sources.
    """
    named = sorted({v for k, v in row.items() if k.endswith("_source") and isinstance(v, str) and v})
    if named:
        return named
    year = row.get("year")
    covering = {
        e.source["id"]
        for e in tables.entries
        if e.format == dataset and e.source["id"] in ids and (not e.years or year in e.years)
    }
    return sorted(covering) if covering and year is not None else sorted(ids)
