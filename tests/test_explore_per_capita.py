"""The explorer per person: each figure divided by one country's population of the same year.

On the tiny ledger plus population rows written here (every expected value worked out by hand),
and on the committed World Bank population rows of data/generated/wdi-population (no shared file needed).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from caravan.cli import app
from caravan.explore import explore, per_capita_refusal, population_of
from caravan.ledger.build import build
from caravan.ledger.store import Ledger
from caravan.settings import Settings

# Kazakhstan's population for 2021 and 2024, none for 2023: China's trade with Kazakhstan
# (tiny data: 2023 41 bn, 2024 43.8 bn; 2021 25.2 bn written here) has a gap in 2023.
ROWS = """\
trade.turnover,CHN,KAZ,2021,25.2,bn USD,src-a,"table 0, Kazakhstan",reported,
trade.turnover,C5,CHN,2024,90,bn USD,src-a,"table 3, Central Asia",reported,
trade.share,CHN,KAZ,2024,12.5,percent,src-a,"table 4",reported,
macro.population,KAZ,,2021,19743603,person,src-pop,"line 7798",reported,
macro.population,KAZ,,2024,20592571,person,src-pop,"line 7801",reported,
macro.population,KAZ,,2022,20034609,person,src-pop,"line 7799",reported,
"""
INDICATORS = """\
- id: macro.population
  pillar: macro
  name: Population, total
  unit: person
  kind: stock
  definition: Total population, mid-year estimate.
- id: trade.share
  pillar: trade
  name: Share of the partner in trade
  unit: percent
  kind: rate
  definition: A share.
"""
SOURCES = """\
- id: src-pop
  publisher: Example Statistics Office
  title: Population by year
  url: https://example.org/pop
  retrieved: 2026-11-29
  kind: official-statistics
  language: en
"""


@pytest.fixture
def ledger(tiny_data: Path, tiny_settings: Settings) -> Iterator[Ledger]:
    for name, text in (("observations/main.csv", ROWS), ("indicators/main.yaml", INDICATORS)):
        path = tiny_data / name
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    (tiny_data / "sources/pop.yaml").write_text(SOURCES, encoding="utf-8")
    build(tiny_settings, force=True)
    with Ledger(tiny_settings.ledger) as opened:
        yield opened


def _per(series: object) -> list[tuple[str, float | None]]:
    return [(p.row["period"], p.y) for p in series.points]  # type: ignore[attr-defined]


def test_a_figure_per_person_is_the_figure_over_the_population_of_its_year(ledger: Ledger) -> None:
    result = explore(ledger, "trade.turnover", ["CHN:KAZ"], per_capita=True)
    (kaz,) = result.series
    # 25.2 bn USD / 19,743,603 = 1,276.36 USD per person; 43.8 bn / 20,592,571 = 2,126.98
    [(y2021, v2021), (y2023, v2023), (y2024, v2024)] = _per(kaz)
    assert (y2021, y2023, y2024) == ("2021", "2023", "2024")
    assert v2021 == pytest.approx(1276.3628, rel=1e-7) and v2024 == pytest.approx(2126.9806, rel=1e-7)
    # no population for 2023: a gap, never 2022's or 2024's population
    assert v2023 is None and kaz.points[1].per_capita is None
    assert kaz.population_of == "KAZ" and "2023" in (kaz.note or "")
    per = result.to_dict()["per_capita"]
    assert (per["available"], per["applied"], per["unit"], per["unit_label"], per["gaps"]) == (
        True,
        True,
        "USD/person",
        "USD per person",
        1,
    )
    point = result.to_dict("zh")["series"][0]["points"][0]["per_capita"]
    assert (point["value_shown"], point["population"], point["population_period"]) == (1276.0, 19743603, "2021")
    assert point["shown"] == "1,276 美元/人" and point["population_source_id"] == "src-pop"
    assert [s["id"] for s in result.to_dict()["sources"]] == ["src-a", "src-pop"]
    (value,) = [c for c in result.to_dict()["columns"] if c["name"] == "value"]
    assert value["unit"] == "USD/person" and "per person" in value["description"]
    assert [r["value"] for r in result.rows()] == [v2021, None, v2024]


def test_both_sides_of_a_pair_with_china_are_per_person_of_the_other_country(ledger: Ledger) -> None:
    assert population_of("CHN", "KAZ") == population_of("KAZ", "CHN") == "KAZ"
    assert population_of("CHN", None) == "CHN" and population_of("C5", "CHN") == "C5"
    (kaz,) = explore(ledger, "trade.turnover", ["KAZ:CHN"], per_capita=True).series
    assert _per(kaz) == [("2024", pytest.approx(30.1e9 / 20592571))]
    _, group = explore(ledger, "trade.turnover", ["CHN:KAZ", "C5:CHN"], per_capita=True).series
    assert _per(group) == [("2024", None)] and "no population of C5" in (group.note or "")
    alone = explore(ledger, "trade.turnover", ["C5:CHN"], per_capita=True)
    assert not alone.per_capita["available"] and "none of the series shown" in alone.per_capita["reason"]
    assert _per(alone.series[0]) == [("2024", 90.0)]  # shown as it is


def test_the_relative_scale_indexes_the_figures_per_person(ledger: Ledger) -> None:
    (kaz,) = explore(ledger, "trade.turnover", ["CHN:KAZ"], per_capita=True, scale="relative").series
    assert [p.index for p in kaz.points] == [100.0, None, pytest.approx(2126.9806 / 1276.3628 * 100, rel=1e-6)]
    (late,) = explore(ledger, "trade.turnover", ["CHN:KAZ"], per_capita=True, scale="relative", start=2023).series
    assert [p.index for p in late.points] == [None, None] and "no population figure" in (late.note or "")


def test_a_percentage_and_the_population_itself_are_refused_with_the_reason(ledger: Ledger) -> None:
    share = explore(ledger, "trade.share", ["CHN:KAZ"], per_capita=True)
    assert share.per_capita["available"] is False and "percentage" in share.per_capita["reason"]
    assert [p.y for s in share.series for p in s.points] == [12.5]  # shown as it is
    rate = explore(ledger, "fx.cny_per_usd", per_capita=True).per_capita
    assert not rate["available"] and "ratio" in rate["reason"]
    assert "population itself" in explore(ledger, "macro.population", per_capita=True).per_capita["reason"]
    assert per_capita_refusal({"id": "x", "unit": "USD/person"}) == "its unit (USD/person) is already per person"
    assert per_capita_refusal({"id": "x", "unit": "t/year"}) is None


def test_not_asked_it_says_it_is_available_and_shows_the_figures(ledger: Ledger) -> None:
    result = explore(ledger, "trade.turnover", ["CHN:KAZ"])
    assert result.per_capita["available"] and not result.per_capita["applied"]
    assert _per(result.series[0])[0] == ("2021", 25.2)


def test_without_population_the_reason_says_how_to_bring_it(tiny_ledger: Ledger) -> None:
    per = explore(tiny_ledger, "trade.turnover", ["CHN:KAZ"], per_capita=True).per_capita
    assert not per["available"] and "no population series" in per["reason"]
    assert "caravan extract wdi-population" in per["reason"]


def test_the_committed_world_bank_population_divides_the_imf_figures(real_ledger: Ledger) -> None:
    # data/generated/wdi-population: population.csv line 7796 (SP.POP.TOTL, KAZ, 2019) = 19,209,555
    (kaz,) = explore(real_ledger, "trade.exports", ["KAZ:CHN"], start=2019, end=2019, per_capita=True).series
    (point,) = kaz.points
    assert point.per_capita is not None and point.per_capita.population["value_std"] == 19209555
    assert point.per_capita.population["publisher"] == "World Bank"
    assert point.y == pytest.approx(point.row["value_std"] / 19209555)
    assert point.per_capita.population["locator"] == "population.csv line 7796 (SP.POP.TOTL, KAZ, 2019)"
    share = explore(real_ledger, "trade.partner_share", per_capita=True).per_capita
    assert not share["available"] and "percentage" in share["reason"]


def test_small_counts_are_per_thousand_or_million_people(real_ledger: Ledger) -> None:
    result = explore(real_ledger, "flights.routes", ["CHN:KAZ"], per_capita=True)
    per = result.to_dict()["per_capita"]
    assert per["people"] == 1_000_000 and per["unit_label"] == "route per million people"
    (point,) = result.series[0].points
    population = point.per_capita.population["value_std"]  # type: ignore[union-attr]
    assert point.y == pytest.approx(point.row["value_std"] / population * 1_000_000)


def test_the_command_prints_the_figures_per_person_and_the_population_source(
    ledger: Ledger, tiny_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CARAVAN_DATA", str(tiny_settings.data))
    monkeypatch.setenv("CARAVAN_LEDGER", str(tiny_settings.ledger))
    monkeypatch.setenv("COLUMNS", "200")
    args = ["explore", "trade.turnover", "--pair", "CHN:KAZ", "--per-capita"]
    table = CliRunner().invoke(app, args, catch_exceptions=False)
    assert table.exit_code == 0
    assert "1,276 USD per person" in table.output and "19,743,603 (KAZ 2021)" in table.output
    assert "— (no population)" in table.output  # 2023
    assert "population: Example Statistics Office: Population by year" in table.output
    rows = CliRunner().invoke(app, [*args, "-f", "csv"], catch_exceptions=False).output.splitlines()
    assert rows[0] == "period,subject,counterpart,reporter,value,source_id,population_of,population"
    assert rows[2].startswith("2023,CHN,KAZ,") and rows[2].endswith(",src-a,KAZ,")
    refused = CliRunner().invoke(app, ["explore", "trade.share", "--per-capita"], catch_exceptions=False)
    assert "per person: no figure per person: its unit (%) is a percentage" in refused.output


def test_the_map_per_person_opens_on_a_year_it_can_draw(real_ledger: Ledger) -> None:
    """China's customs give 2025 figures, the World Bank's population ends in 2024: the map opens on a drawn year."""
    five = [f"CHN:{c}" for c in ("KAZ", "KGZ", "TJK", "TKM", "UZB")]
    view = explore(real_ledger, "trade.turnover", five, per_capita=True)
    choropleth = view.choropleth
    assert choropleth["available"], choropleth
    drawn = [v for v in choropleth["values"] if v.get("y") is not None]
    assert drawn, choropleth  # not a year every country would show as "no figure"
    years_with_population = {int(p.x) for s in view.series for p in s.points if p.y is not None}
    assert choropleth["year"] in years_with_population
