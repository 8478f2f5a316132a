from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from caravan.errors import InputError
from caravan.periods import PeriodKind, parse_date, parse_period


@pytest.mark.parametrize(
    ("text", "kind", "start", "end"),
    [
        ("2024", PeriodKind.YEAR, date(2024, 1, 1), date(2024, 12, 31)),
        ("2024-02", PeriodKind.MONTH, date(2024, 2, 1), date(2024, 2, 29)),
        ("2025-01/2025-06", PeriodKind.YTD, date(2025, 1, 1), date(2025, 6, 30)),
        ("2024-03/2024-05", PeriodKind.SPAN, date(2024, 3, 1), date(2024, 5, 31)),
        ("2024-11/2025-02", PeriodKind.SPAN, date(2024, 11, 1), date(2025, 2, 28)),
        ("cumulative-to 2022-12-31", PeriodKind.CUMULATIVE, date(1900, 1, 1), date(2022, 12, 31)),
        ("cumulative-to 2024-11", PeriodKind.CUMULATIVE, date(1900, 1, 1), date(2024, 11, 30)),
        ("as-of 2023-03-31", PeriodKind.AS_OF, date(2023, 3, 31), date(2023, 3, 31)),
        ("as-of 2012", PeriodKind.AS_OF, date(2012, 12, 31), date(2012, 12, 31)),
        ("2023/2024", PeriodKind.ACADEMIC, date(2023, 9, 1), date(2024, 8, 31)),
    ],
)
def test_parse_period_forms(text: str, kind: PeriodKind, start: date, end: date) -> None:
    period = parse_period(text)
    assert (period.kind, period.start, period.end, period.label) == (kind, start, end, text)


@pytest.mark.parametrize(
    "text",
    ["", "24", "2024-13", "2025-06/2025-01", "as-of 2023-02-30", "2023/2025", "last year", "2024-1"],
)
def test_parse_period_refuses(text: str) -> None:
    with pytest.raises(InputError):
        parse_period(text)


def test_ytd_months() -> None:
    assert parse_period("2025-01/2025-09").months == 9
    assert parse_period("2024").months == 12


@given(st.integers(1900, 2100), st.integers(1, 12), st.integers(1, 12))
def test_span_roundtrip(year: int, m1: int, m2: int) -> None:
    lo, hi = sorted((m1, m2))
    text = f"{year}-{lo:02d}/{year}-{hi:02d}"
    period = parse_period(text)
    assert period.label == text
    assert period.start <= period.end
    assert period.kind is (PeriodKind.YTD if lo == 1 else PeriodKind.SPAN)


@pytest.mark.parametrize(
    ("text", "expected"), [("2024-05-18", date(2024, 5, 18)), ("2024-05", date(2024, 5, 1)), ("2013", date(2013, 1, 1))]
)
def test_parse_date(text: str, expected: date) -> None:
    assert parse_date(text) == expected


def test_parse_date_refuses() -> None:
    with pytest.raises(InputError, match="not a date"):
        parse_date("2024-02-31")
