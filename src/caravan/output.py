"""Output formats shared by every command: a terminal table, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from caravan.figures import format_number


class Format(StrEnum):
    """How a command prints its result."""

    TABLE = "table"
    CSV = "csv"
    JSON = "json"


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def to_json(data: Any) -> str:
    """JSON text with dates as ISO strings and non-ASCII kept readable."""
    return json.dumps(_plain(data), ensure_ascii=False, indent=2)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float | int) and not isinstance(value, bool):
        return format_number(value)
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(_plain(value))


def render(
    rows: Sequence[Mapping[str, Any]],
    fmt: Format,
    columns: Sequence[str] | None = None,
    *,
    title: str | None = None,
    console: Console | None = None,
) -> str | None:
    """Print rows in a format; return the text for CSV and JSON (None for tables).

    Args:
        rows: The records.
        fmt: table, csv or json.
        columns: Columns to show in a table or CSV (default: all keys of the first row).
        title: A table's title.
        console: Where a table goes (default: standard output).
    """
    cols = list(columns or (rows[0].keys() if rows else []))
    if fmt is Format.JSON:
        return to_json([dict(r) for r in rows])
    if fmt is Format.CSV:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(cols)
        for r in rows:
            writer.writerow(["" if r.get(c) is None else _plain(r.get(c)) for c in cols])
        return buf.getvalue()
    # Cells are Text, never markup: a locator quoting "[on]" or "[/]" prints as written.
    table = Table(title=Text(title) if title else None, show_lines=False, expand=False)
    for c in cols:
        numeric = any(isinstance(r.get(c), float | int) and not isinstance(r.get(c), bool) for r in rows)
        # A figure is never folded across lines: it would read as two numbers.
        table.add_column(Text(c), overflow="fold", no_wrap=numeric, justify="right" if numeric else "left")
    for r in rows:
        table.add_row(*(Text(_cell(r.get(c))) for c in cols))
    (console or Console()).print(table)
    return None
