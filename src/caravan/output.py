"""Output formats shared by every command: a terminal table, CSV or JSON.

The terminal table is drawn here as plain text in the look of a rich table: rich
lays out every cell through its console (about 0.3 s for the 530 rows of `caravan
show KAZ`), this takes a hundredth of that and needs no import.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

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
    width: int | None = None,
) -> str:
    """Rows as text in a format: a terminal table, CSV or JSON.

    Args:
        rows: The records.
        fmt: table, csv or json.
        columns: Columns to show in a table or CSV (default: all keys of the first row).
        title: A table's title.
        width: A table's widest line (default: the terminal's width, see `terminal_width`).
    """
    cols = list(columns or (rows[0].keys() if rows else []))
    if fmt is Format.JSON:
        return to_json([dict(r) for r in rows])
    if fmt is Format.CSV:
        return "".join(csv_lines(rows, cols))
    return table_text(rows, cols, title=title, width=terminal_width() if width is None else width)


def terminal_width() -> int:
    """The terminal's width in characters, found as rich finds it (80 when there is no terminal).

    `COLUMNS` wins, then the size of standard output; when that is a pipe
    (`caravan show KAZ | less`), the size of standard input or error.
    """
    found = shutil.get_terminal_size(fallback=(0, 0)).columns
    for descriptor in (0, 2):
        if found:
            break
        try:
            found = os.get_terminal_size(descriptor).columns
        except (AttributeError, ValueError, OSError):
            continue
    return found or 80


# Control characters (but the line break) are dropped from a cell, a tab becomes a space:
# ledger text is printed as written, never as a terminal's escape sequence.
_CONTROLS = {c: None for c in (*range(0x20), 0x7F, *range(0x80, 0xA0))} | {ord("\t"): " ", ord("\n"): "\n"}


def _clean(text: str) -> str:
    return text if text.isprintable() else text.translate(_CONTROLS)


def _char_width(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def text_width(text: str) -> int:
    """Columns a line of text takes in a terminal (a Chinese character takes two)."""
    return len(text) if text.isascii() else sum(_char_width(c) for c in text)


def _fold(word: str, width: int) -> list[str]:
    """A word too wide for `width`, cut into pieces that fit (a piece holds at least one character)."""
    pieces, piece, used = [], "", 0
    for char in word:
        w = _char_width(char)
        if piece and used + w > width:
            pieces.append(piece)
            piece, used = "", 0
        piece += char
        used += w
    return [*pieces, piece] if piece else pieces


def wrap(text: str, width: int) -> list[str]:
    """A cell's lines at most `width` wide: broken between words, a longer word folded."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if text_width(paragraph) <= width:
            lines.append(paragraph)
            continue
        line, used = "", 0
        for word in paragraph.split(" "):
            w = text_width(word)
            if line and used + 1 + w <= width:
                line, used = f"{line} {word}", used + 1 + w
                continue
            if line:
                lines.append(line)
            pieces = [word] if w <= width else _fold(word, width)
            lines.extend(pieces[:-1])
            line = pieces[-1] if pieces else ""
            used = text_width(line)
        lines.append(line)
    return lines


MIN_SHARED = 8
"""The narrowest a column gives way to, to make another column's cells whole."""


def _fit(natural: list[int], least: list[int], room: int) -> list[int] | None:
    """Column widths that fit `room`: the widest columns give way first, none below its `least`.

    None if even the least widths do not fit.
    """
    if sum(natural) <= room:
        return natural
    if sum(least) > room:
        return None

    def capped(cap: int) -> list[int]:
        return [min(n, max(cap, m)) for n, m in zip(natural, least, strict=True)]

    low, high = 0, max(natural)  # capped(low) fits, capped(high) does not
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if sum(capped(middle)) <= room else (low, middle)
    widths = capped(low)
    spare = room - sum(widths)
    for i, n in enumerate(natural):  # what is left goes to the columns the cap cut, left to right
        if spare and widths[i] < n:
            widths[i] += 1
            spare -= 1
    # A column the cap cut by little is made whole by the one it cut most ("over 500 bcm" on
    # one line, a long period wrapping a little more), while that one keeps MIN_SHARED.
    while True:
        short = sorted((n - w, i) for i, (n, w) in enumerate(zip(natural, widths, strict=True)) if w < n)
        if len(short) < 2:
            return widths
        (need, taker), donor = short[0], short[-1][1]
        if widths[donor] - need < max(least[donor], MIN_SHARED):
            return widths
        widths[donor] -= need
        widths[taker] += need


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * (width - text_width(text))
    return gap + text if right else text + gap


def table_text(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    *,
    title: str | None,
    width: int,
    lines_between: bool = False,
    style: Callable[[Mapping[str, Any], str, str], str] | None = None,
) -> str:
    """A boxed terminal table at most `width` wide (when its figures allow), drawn as rich draws one.

    Figures are right-aligned and never folded (their column is as wide as the
    widest figure); years print without separators; text columns wrap between
    words, the widest giving way first; headers wrap between words
    ("first_reports" is written "first reports"). Cells are plain text: a
    locator quoting "[on]" prints as written.

    Args:
        rows: The records.
        columns: The columns shown, in order.
        title: A title centred above the table.
        width: The widest a line may be.
        lines_between: A rule between rows (rich's `show_lines`).
        style: Styles one line of a body cell, given its row, column and the padded text
            (`click.style` to colour it): applied after the layout, so it never moves a column.
    """
    cols = list(columns)
    if not cols:
        return f"{title}\n" if title else ""
    cells = [[_clean(_cell(r.get(c), c)) for c in cols] for r in rows]
    heads = [_clean(c.replace("_", " ")) for c in cols]
    numeric = [
        bool(values) and all(_is_figure(v) for v in values)
        for values in ([r.get(c) for r in rows if r.get(c) is not None] for c in cols)
    ]
    # The least width of each column, from the most comfortable to the tightest: the first
    # that fits is used. A figure column always keeps its widest figure (its header wraps
    # between words). A text column keeps, where the width allows, its words of up to 12
    # characters, a figure inside its text ("5.132913458 mn USD") and its header's words
    # whole; where it does not, text columns share what is left.
    natural: list[int] = []
    tiers: list[list[int]] = [[], [], [], []]
    for i, head in enumerate(heads):
        words = [w for row in cells for line in row[i].split("\n") for w in line.split(" ")]
        widest_cell = max((text_width(line) for row in cells for line in row[i].split("\n")), default=0)
        head_words = max((text_width(w) for w in head.split()), default=0)
        natural.append(max(widest_cell, text_width(head), 1))
        if numeric[i]:
            for tier in tiers:
                tier.append(max(widest_cell, head_words, 1))
            continue
        figures = max((len(w) for w in words if FIGURE.fullmatch(w)), default=0)
        short_words = max((n for n in map(text_width, words) if n <= 12), default=0)
        least = [max(short_words, figures, head_words, 4), max(figures, head_words, 4), 6, 1]
        for tier, n in zip(tiers, least, strict=True):
            tier.append(min(natural[i], n))
    room = width - (len(cols) + 1) - 2 * (len(cols) - 1)  # borders, and a space each side inside but at the edges
    # Figures alone wider than the terminal stay whole: the lines run over.
    widths = next((w for w in (_fit(natural, tier, room) for tier in tiers) if w), tiers[-1])

    def lines(texts: list[str], vertical_bottom: bool, bar: str, row: Mapping[str, Any] | None = None) -> list[str]:
        wrapped = [wrap(t, w) for t, w in zip(texts, widths, strict=True)]
        height = max(len(w) for w in wrapped)
        for i, w in enumerate(wrapped):
            blank = [""] * (height - len(w))
            wrapped[i] = blank + w if vertical_bottom else w + blank

        def cell(i: int, k: int) -> str:
            text = _pad(wrapped[i][k], widths[i], numeric[i])
            return text if style is None or row is None else style(row, cols[i], text)

        inner = f" {bar} "
        return [bar + inner.join(cell(i, k) for i in range(len(cols))) + bar for k in range(height)]

    def rule(left: str, line: str, middle: str, right: str) -> str:
        spans = [w + (i > 0) + (i < len(cols) - 1) for i, w in enumerate(widths)]
        return left + middle.join(line * s for s in spans) + right

    out = []
    total = sum(widths) + (len(cols) + 1) + 2 * (len(cols) - 1)
    if title:
        out += [line.center(total - text_width(line) + len(line)).rstrip() for line in wrap(_clean(title), total)]
    out.append(rule("┏", "━", "┳", "┓"))
    out += lines(heads, True, "┃")
    out.append(rule("┡", "━", "╇", "┩"))
    for n, (record, row) in enumerate(zip(rows, cells, strict=True)):
        if lines_between and n:
            out.append(rule("├", "─", "┼", "┤"))
        out += lines(row, False, "│", record)
    out.append(rule("└", "─", "┴", "┘"))
    return "\n".join(out) + "\n"
