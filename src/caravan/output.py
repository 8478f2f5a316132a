"""Output formats shared by every command: a terminal table, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from caravan.figures import format_number

if TYPE_CHECKING:
    from rich.console import Console


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


FIGURE = re.compile(r"[-+]?[\d,]*\.?\d+%?")
"""A figure already written as text (a command's own rounding, e.g. "12,500.0")."""


def _is_year(column: str) -> bool:
    return column == "year" or column.endswith("_year")


def _is_figure(value: Any) -> bool:
    if isinstance(value, str):
        return FIGURE.fullmatch(value) is not None
    return isinstance(value, float | int | Decimal) and not isinstance(value, bool)


def _cell(value: Any, column: str = "") -> str:
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool) and _is_year(column):
        return str(value)  # 2013, not 2,013
    if isinstance(value, float | int) and not isinstance(value, bool):
        return format_number(value)
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(_plain(value))


# Characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: Any) -> Any:
    """A CSV cell that a spreadsheet will not run: text starting like a formula gets a leading `'`.

    Numbers stay numbers (a negative value is written as it is); only text is changed,
    as OWASP recommends, so "+89.4 %" is written "'+89.4 %".
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_lines(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> Iterator[str]:
    """CSV text one line at a time: the header, then each row, formula-like text neutralised (`csv_safe`).

    The CLI writes it whole; the API streams it, so a download of any size is never held as one text.
    """
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    # The csv module quotes a field with "\n" but not one with a lone "\r" (not in the line
    # terminator), which a reader would split: such a row is written fully quoted.
    quoted = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_ALL)

    def take() -> str:
        text = buf.getvalue()
        buf.seek(0)
        buf.truncate()
        return text

    writer.writerow(columns)
    yield take()
    for r in rows:
        cells = ["" if r.get(c) is None else csv_safe(_plain(r.get(c))) for c in columns]
        (quoted if any(isinstance(v, str) and "\r" in v for v in cells) else writer).writerow(cells)
        yield take()


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
        return "".join(csv_lines(rows, cols))
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    # Cells are Text, never markup: a locator quoting "[on]" or "[/]" prints as written.
    table = Table(title=Text(title) if title else None, show_lines=False, expand=False, pad_edge=False)
    cells = [[_cell(r.get(c), c) for c in cols] for r in rows]
    for i, c in enumerate(cols):
        values = [r.get(c) for r in rows if r.get(c) is not None]
        numeric = bool(values) and all(_is_figure(v) for v in values)
        # A figure is never folded across lines (it would read as two numbers): its
        # column is as wide as its widest figure, and the text columns give way.
        widest = max((len(row[i]) for row in cells), default=0) if numeric else None
        # Headers wrap between words ("first_reports" is written "first reports").
        table.add_column(
            Text(c.replace("_", " ")), overflow="fold", min_width=widest, justify="right" if numeric else "left"
        )
    for row in cells:
        table.add_row(*(Text(cell) for cell in row))
    (console or Console()).print(table)
    return None
