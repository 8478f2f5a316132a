"""Periods: what a figure covers, parsed from the curated files' short forms.

A period is never ambiguous: a calendar year, a month, a year-to-date span,
another span of months, a running total up to a date, a stock at a date, or an
academic year. Analyses compare figures only of the same kind.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from caravan.errors import InputError


class PeriodKind(StrEnum):
    """The kinds of period a figure can cover."""

    YEAR = "year"
    MONTH = "month"
    YTD = "year-to-date"
    SPAN = "span"
    CUMULATIVE = "cumulative-to-date"
    AS_OF = "as-of"
    ACADEMIC = "academic-year"


@dataclass(frozen=True, order=True)
class Period:
    """A parsed period: its first and last day, its kind, and its label."""

    start: date
    end: date
    kind: PeriodKind
    label: str

    @property
    def year(self) -> int:
        """The calendar year the period ends in."""
        return self.end.year

    @property
    def months(self) -> int:
        """How many calendar months the period spans (1 for as-of dates)."""
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    def __str__(self) -> str:
        return self.label


_YEAR = re.compile(r"^(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_SPAN = re.compile(r"^(\d{4})-(\d{2})/(\d{4})-(\d{2})$")
_ACADEMIC = re.compile(r"^(\d{4})/(\d{4})$")
_DATED = re.compile(r"^(cumulative-to|as-of)\s+(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def years_before(day: date, years: int) -> date:
    """The same day `years` years earlier (29 February falls on the 28th in a common year)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _check_month(text: str, month: int) -> None:
    if not 1 <= month <= 12:
        raise InputError(f"period {text!r} has month {month}; months run 01 to 12")


def parse_period(text: str) -> Period:
    """Parse a period such as `2024`, `2024-05`, `2025-01/2025-06`, `as-of 2023-03-31`.

    Args:
        text: The period as written in a curated file.

    Returns:
        The period with its first and last day and its kind.

    Raises:
        InputError: The text is not one of the documented forms, or the period
            ends before it starts.
    """
    raw = text.strip()
    if m := _YEAR.match(raw):
        y = int(m[1])
        return Period(date(y, 1, 1), date(y, 12, 31), PeriodKind.YEAR, raw)
    if m := _MONTH.match(raw):
        y, mo = int(m[1]), int(m[2])
        _check_month(raw, mo)
        return Period(date(y, mo, 1), _month_end(y, mo), PeriodKind.MONTH, raw)
    if m := _SPAN.match(raw):
        y1, m1, y2, m2 = (int(g) for g in m.groups())
        _check_month(raw, m1)
        _check_month(raw, m2)
        start, end = date(y1, m1, 1), _month_end(y2, m2)
        if end < start:
            raise InputError(f"period {raw!r} ends before it starts; write the earlier month first")
        kind = PeriodKind.YTD if (m1 == 1 and y1 == y2) else PeriodKind.SPAN
        return Period(start, end, kind, raw)
    if m := _ACADEMIC.match(raw):
        y1, y2 = int(m[1]), int(m[2])
        if y2 != y1 + 1:
            raise InputError(f"academic year {raw!r} must span two consecutive years, e.g. 2023/2024")
        return Period(date(y1, 9, 1), date(y2, 8, 31), PeriodKind.ACADEMIC, raw)
    if m := _DATED.match(raw):
        word, y = m[1], int(m[2])
        mo = int(m[3]) if m[3] else 12
        _check_month(raw, mo)
        if m[4]:
            try:
                end = date(y, mo, int(m[4]))
            except ValueError as exc:
                raise InputError(f"period {raw!r} names a day that does not exist") from exc
        else:
            end = _month_end(y, mo)
        kind = PeriodKind.CUMULATIVE if word == "cumulative-to" else PeriodKind.AS_OF
        start = date(1900, 1, 1) if kind is PeriodKind.CUMULATIVE else end
        return Period(start, end, kind, raw)
    raise InputError(
        f"period {raw!r} does not parse; use 2024, 2024-05, 2025-01/2025-06, "
        "cumulative-to 2022-12-31, as-of 2023-03-31 or 2023/2024"
    )


def parse_date(text: str) -> date:
    """Parse an ISO date, or `YYYY-MM` / `YYYY` as the first day they cover.

    Raises:
        InputError: The text is not such a date.
    """
    raw = str(text).strip()
    for pattern, build in (
        (r"^(\d{4})-(\d{2})-(\d{2})$", lambda g: date(int(g[0]), int(g[1]), int(g[2]))),
        (r"^(\d{4})-(\d{2})$", lambda g: date(int(g[0]), int(g[1]), 1)),
        (r"^(\d{4})$", lambda g: date(int(g[0]), 1, 1)),
    ):
        if m := re.match(pattern, raw):
            try:
                return build(m.groups())
            except ValueError:
                break
    raise InputError(f"date {raw!r} is not a date; write YYYY-MM-DD, YYYY-MM or YYYY")
