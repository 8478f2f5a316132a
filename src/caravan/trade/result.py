"""What every trade analysis returns: rows, their columns, and the sources they rest on."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import ibis

from caravan.ledger.backends import TradeTables

Row = dict[str, Any]


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
    """

    title: str
    columns: list[str]
    rows: list[Row]
    sources: list[Row] = field(default_factory=list)
    dataset: str = ""
    engine: str = ""
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The whole result as plain data (for JSON)."""
        return {
            "title": self.title,
            "dataset": self.dataset,
            "engine": self.engine,
            "columns": self.columns,
            "rows": self.rows,
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
    ids.update(known_sources or [])
    columns = [c for c in expr.columns if c not in ("source_ids", "hs_revisions")]
    if "source_ids" in expr.columns:  # gathered by the query itself (`sum_with_sources`)
        for row in rows:
            ids.update(i for i in row.pop("source_ids") or [] if i)
    return TradeResult(
        title=title,
        columns=columns,
        rows=rows,
        sources=tables.sources(sorted(ids)),
        dataset=dataset,
        engine=tables.engine,
        notes=notes or [],
    )
