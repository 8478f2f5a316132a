"""Dates and periods, relative ones resolved from the publication date."""

from __future__ import annotations

from datetime import date

import pytest

from caravan.claims.normalise import find_times


def _first(text: str, lang: str, published: date) -> tuple[str, str | None, str]:
    t = find_times(text, lang, published)[0]
    return t.kind, t.period, t.role


@pytest.mark.parametrize(
    ("text", "lang", "published", "expected"),
    [
        ("It took effect on Friday.", "en", date(2023, 11, 13), ("day", "2023-11-10", "period")),
        ("It was created four years ago.", "en", date(2024, 3, 29), ("year", "2020", "period")),
        ("It met in May last year.", "en", date(2024, 3, 29), ("month", "2023-05", "period")),
        ("over the past year trade rose", "en", date(2024, 3, 29), ("year", "2023", "period")),
        ("for 11 months of 2024", "en", date(2025, 1, 24), ("span", "2024-01/2024-11", "period")),
        ("From January through November 2024", "en", date(2025, 1, 20), ("span", "2024-01/2024-11", "period")),
        ("In February–July 2023 trade grew", "en", date(2024, 1, 5), ("span", "2023-02/2023-07", "period")),
        ("In March-May 2022 trade grew", "en", date(2024, 1, 5), ("span", "2022-03/2022-05", "period")),
        # A start: "since" a long way before the date, or Chinese 以来 after it.
        (
            "visitors have come since the new terminal beside the old customs post opened in 2016",
            "en",
            date(2024, 1, 5),
            ("year", "2016", "start"),
        ),
        ("2022年3月1日以来", "zh", date(2024, 1, 5), ("day", "2022-03-01", "start")),
        ("By Dec 31, 2019, it had", "en", date(2020, 1, 7), ("by", "2019-12-31", "period")),
        ("by the end of 2022", "en", date(2023, 5, 16), ("by", "2022-12-31", "period")),
        ("in the 2003/2004 academic year", "en", date(2013, 10, 30), ("academic", "2003/2004", "period")),
        ("up $5.4 billion on 2023", "en", date(2025, 1, 24), ("year", "2023", "base")),
        ("Since entering service in December 2009", "en", date(2020, 1, 7), ("month", "2009-12", "start")),
        ("今年1—3月,双方贸易额同比增长22%", "zh", date(2023, 5, 11), ("span", "2023-01/2023-03", "period")),
        ("截至今年3月底,投资存量", "zh", date(2023, 5, 11), ("by", "2023-03-31", "period")),
        ("5月18日至19日,峰会将举行", "zh", date(2023, 5, 11), ("days", "2023-05-18/2023-05-19", "period")),
        ("и до конца 2022 г. поступило", "ru", date(2023, 1, 7), ("by", "2022-12-31", "period")),
        ("за четыре последних года вырос", "ru", date(2025, 8, 13), ("lastn", "2020->2024", "period")),
        ("а в 2024-м - уже", "ru", date(2025, 8, 13), ("year", "2024", "period")),
        ("in the first half of 2025", "en", date(2025, 8, 20), ("span", "2025-01/2025-06", "period")),
        ("今年前三季度,贸易额", "zh", date(2025, 10, 20), ("span", "2025-01/2025-09", "period")),
        ("в первом полугодии 2025 года", "ru", date(2025, 8, 1), ("span", "2025-01/2025-06", "period")),
    ],
)
def test_times(text: str, lang: str, published: date, expected: tuple[str, str, str]) -> None:
    assert _first(text, lang, published) == expected


def test_day_without_year_takes_the_nearest_year() -> None:
    (t,) = find_times("signed on July 26", "en", date(2023, 11, 13))
    assert t.date == "2023-07-26"
    (t,) = find_times("set for 30 March", "en", date(2024, 3, 29))
    assert t.date == "2024-03-30"
