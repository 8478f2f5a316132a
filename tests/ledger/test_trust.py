"""Bounds, display units, authorities and reporters, worked by hand on the tiny ledger."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from caravan.bounds import bound_of_qualifier, combine_difference, combine_ratio, combine_sum
from caravan.errors import DataError
from caravan.ledger.build import build
from caravan.ledger.store import Ledger, ObservationFilter
from caravan.settings import Settings
from caravan.sources.curated import load_curated
from caravan.sources.models import Bound
from caravan.units import display_unit

OBS = "observations/main.csv"
L, U, A, E = Bound.LOWER, Bound.UPPER, Bound.APPROXIMATE, Bound.EXACT


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


@pytest.mark.parametrize(
    ("note", "bound"),
    [
        ("over", L),
        ("more than (более)", L),
        ("exceeded (突破); milestone date", L),
        ("nearly", U),
        ("almost; page undated", U),
        ("up to (до)", U),
        ("about", A),
        ("some (approximate)", A),
        ("roughly", A),
        ("Eurasian Development Bank", E),
        ("over; Chinese government grants only", L),
        ("grants allocated by the Xinjiang region", E),
        (None, E),
    ],
)
def test_qualifier_notes_give_bounds(note: str | None, bound: Bound) -> None:
    assert bound_of_qualifier(note) is bound


def test_bound_arithmetic_by_hand() -> None:
    assert combine_sum([E, L, L]) is L
    assert combine_sum([E, U]) is U
    assert combine_sum([L, U]) is None
    assert combine_sum([E, E]) is E
    # A part over a total that is "over X": the true total is larger, so the share is at most the quotient.
    assert combine_ratio(E, L) is U
    assert combine_ratio(L, E) is L
    assert combine_ratio(L, L) is None
    assert combine_ratio(U, L) is U
    # Over 20,000 now against exactly 16,000 before: over 4,000 more; exact now against "over" before: under.
    assert combine_difference(L, E) is L
    assert combine_difference(E, L) is U
    assert combine_difference(L, L) is None
    assert combine_difference(A, E) is None


@given(st.lists(st.sampled_from([E, L, U, A]), min_size=1, max_size=6))
def test_a_sum_with_both_directions_has_no_bound(bounds: list[Bound]) -> None:
    result = combine_sum(bounds)
    if L in bounds and U in bounds:
        assert result is None
    elif set(bounds) == {E}:
        assert result is E
    else:
        assert result is not E


def test_display_units_by_typical_value() -> None:
    assert display_unit("USD", [4.38e10, 1.98e10, 3.9e9]) == "bn USD"
    assert display_unit("USD", [3.2e8]) == "mn USD"
    assert display_unit("m**3", [5.0e11]) == "bcm"
    assert display_unit("person", [75000, 42470]) == "person"
    assert display_unit("USD", []) == "USD"


def test_a_lower_bound_total_makes_shares_upper_bounds_and_no_growth(tiny_settings: Settings) -> None:
    # "Exceeded 100 bn" in 2025 is a lower bound: Kazakhstan's share of it is at most 50 %, never exactly 50 %,
    # and no growth is derived from it.
    _append(
        tiny_settings.data / OBS, "trade.turnover,CHN,C5,2025,100,bn USD,src-a,exceeded 100 billion,reported,over\n"
    )
    _append(tiny_settings.data / OBS, "trade.turnover,CHN,KAZ,2025,50,bn USD,src-a,50 billion,reported,\n")
    _append(tiny_settings.data / OBS, "trade.turnover,CHN,C5,2024,94.8,bn USD,src-a,94.8 billion,reported,\n")
    build(tiny_settings, force=True)
    with Ledger(tiny_settings.ledger) as ledger:
        share = ledger.observations(ObservationFilter(indicator="trade.turnover.share_of_group", period="2025"))
        growth = ledger.observations(ObservationFilter(indicator="trade.turnover.yoy", counterpart="C5"))
        total = ledger.observations(ObservationFilter(indicator="trade.turnover", counterpart="C5", period="2025"))
    assert [(r["value_std"], r["bound"]) for r in share] == [(50.0, "upper")]
    assert [r["period"] for r in growth if r["period"] == "2025"] == []
    assert total[0]["bound"] == "lower"


def test_values_reach_surfaces_in_the_display_unit(tiny_settings: Settings) -> None:
    # 5,000 亿立方米 (yi m**3) is 500 bcm: stored as printed, shown in bcm.
    _append(
        tiny_settings.data / OBS,
        "gas.delivered.cumulative,C5,CHN,cumulative-to 2024-11-30,5000,yi m**3,src-b,5000亿立方米,reported,\n",
    )
    build(tiny_settings, force=True)
    with Ledger(tiny_settings.ledger) as ledger:
        rows = ledger.observations(ObservationFilter(indicator="gas.delivered.cumulative"))
        unit = ledger.query("SELECT display_unit FROM indicator WHERE id = 'gas.delivered.cumulative'")[0]
    assert unit["display_unit"] == "bcm"
    shown = {r["period"]: (r["value"], r["unit"], r["value_display"], r["display_unit"]) for r in rows}
    assert shown["cumulative-to 2024-11-30"] == (5000.0, "yi m**3", pytest.approx(500.0), "bcm")
    assert shown["cumulative-to 2022-12-31"] == (423.2, "bcm", 423.2, "bcm")


AUTHORITIES = """\
- id: ex-customs
  names: {en: Example Customs, zh: 示例海关, ru: Пример таможни}
  country: CHN
  tier: official
- id: ex-stat
  names: {en: Example Statistics Office}
  country: KAZ
  tier: official
"""


def _with_authorities(data: Path) -> None:
    (data / "authorities").mkdir()
    (data / "authorities/main.yaml").write_text(AUTHORITIES, encoding="utf-8")
    text = (data / "sources/main.yaml").read_text(encoding="utf-8")
    text = text.replace("  publisher: Example Customs\n", "  publisher: Example Customs\n  authority: ex-customs\n")
    (data / "sources/main.yaml").write_text(text, encoding="utf-8")


def test_the_primary_authority_and_reporter_travel_to_the_ledger(tiny_settings: Settings) -> None:
    _with_authorities(tiny_settings.data)
    build(tiny_settings, force=True)
    with Ledger(tiny_settings.ledger) as ledger:
        row = ledger.observations(ObservationFilter(indicator="trade.turnover", subject="CHN", period="2024"))[0]
        tier = ledger.query("SELECT tier FROM source WHERE id = 'src-a'")[0]["tier"]
    assert (row["primary_authority"], row["primary_name"], row["reporter"]) == ("ex-customs", "Example Customs", "CHN")
    assert tier == "official"


def test_a_customs_figure_filed_as_the_partners_statistics_is_refused(tiny_data: Path) -> None:
    # China's customs (the source's authority) speak for CHN: their figure cannot have subject KAZ.
    _with_authorities(tiny_data)
    _append(tiny_data / OBS, "trade.turnover,KAZ,CHN,2023,44.0,bn USD,src-a,44.0 bn,reported,\n")
    with pytest.raises(DataError, match="speaks for CHN, but the row's subject is KAZ"):
        load_curated(tiny_data)


def test_headline_is_the_latest_year_of_the_best_tier_never_a_copy(tiny_settings: Settings) -> None:
    from caravan.overview import headline, is_old

    _append(
        tiny_settings.data / "sources/main.yaml",
        "- {id: src-news, publisher: Example Daily, title: News, url: 'https://example.com/n',"
        " retrieved: 2026-11-29, kind: news, language: en}\n"
        "- {id: src-copy, publisher: Aggregator, original_publisher: Example Customs, title: Copy,"
        " url: 'https://copies.example.net/c', retrieved: 2026-11-29, kind: news, language: en}\n",
    )
    # A newspaper's 2024 figure loses to the customs page of the same year; a copy's 2025 figure never heads.
    _append(tiny_settings.data / OBS, "trade.turnover,CHN,KAZ,2024,44.5,bn USD,src-news,44.5 bn,reported,\n")
    _append(tiny_settings.data / OBS, "trade.turnover,CHN,KAZ,2025,50.2,bn USD,src-copy,50.2 bn,reported,\n")
    build(tiny_settings, force=True)
    with Ledger(tiny_settings.ledger) as ledger:
        cell = headline(ledger, "KAZ", "trade")
    assert (cell.value, cell.unit, cell.period, cell.source_id, cell.tier) == (
        43.8,
        "bn USD",
        "2024",
        "src-a",
        "official",
    )
    assert cell.as_of == "2024-12-31"
    assert is_old(date(2021, 12, 31), today=date(2026, 12, 1)) and not is_old(
        date(2024, 12, 31), today=date(2026, 12, 1)
    )


def test_series_prefer_exact_figures_and_say_where_a_point_is_a_bound(tiny_settings: Settings) -> None:
    # 2024: "over 40 bn" from one customs page and 43.8 exact from another of the same family; 2025 only "over 50".
    _append(
        tiny_settings.data / "sources/main.yaml",
        "- {id: src-a2, publisher: Example Customs, title: Later,"
        " url: 'https://example.org/a2', retrieved: 2026-11-29, kind: official-statistics, language: en}\n",
    )
    _append(tiny_settings.data / OBS, "trade.turnover,CHN,KAZ,2024,40,bn USD,src-a2,over 40 billion,reported,over\n")
    _append(tiny_settings.data / OBS, "trade.turnover,CHN,KAZ,2025,50,bn USD,src-a2,over 50 billion,reported,over\n")
    build(tiny_settings, force=True)
    with Ledger(tiny_settings.ledger) as ledger:
        series = ledger.yearly_series("trade.turnover", "CHN", "KAZ")
    assert [(p["period"], p["value"], p["bound"]) for p in series] == [
        ("2023", 41.0, "exact"),
        ("2024", 43.8, "exact"),
        ("2025", 50.0, "lower"),
    ]


def test_a_people_change_from_a_bound_carries_the_bound(tiny_settings: Settings) -> None:
    from caravan.people.figures import since_summit
    from printed_units import add_printed

    add_printed(
        tiny_settings.data,
        "students.in_china,KAZ,CHN,as-of 2022-09-01,10000,person,src-c,more than 10000,reported,more than\n"
        "students.in_china,KAZ,CHN,as-of 2024-09-01,11784,person,src-c,11784 students,reported,\n",
    )
    build(tiny_settings, force=True)
    with Ledger(tiny_settings.ledger) as ledger:
        [change] = [c for c in since_summit(ledger, "KAZ") if c.indicator == "students.in_china"]
    # 11,784 less "more than 10,000" is under 1,784; no percentage of a bound is given.
    assert (change.change, change.change_bound, change.change_percent) == (1784.0, "upper", None)
    assert "bound" in change.explanation


def test_trade_analyses_read_only_exact_figures(tiny_settings: Settings) -> None:
    from caravan.ledger.backends import REPORTED_SQL

    _append(tiny_settings.data / OBS, "trade.turnover,CHN,KAZ,2025,50,bn USD,src-a,over 50 billion,reported,over\n")
    build(tiny_settings, force=True)
    with Ledger(tiny_settings.ledger) as ledger:
        years = {(r["reporter"], r["partner"], r["year"]) for r in ledger.query(REPORTED_SQL)}
    assert ("CHN", "KAZ", 2024) in years and ("CHN", "KAZ", 2025) not in years
