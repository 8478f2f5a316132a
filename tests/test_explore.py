"""The explorer's one function: series selection, the relative index, the map and the meaning of each column.

On the tiny ledger plus a few rows written here, every expected value worked out by hand.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from caravan.cli import app
from caravan.errors import InputError, NotFoundError
from caravan.explore import Scale, explore, pair_key, parse_pair
from caravan.ledger.build import build
from caravan.ledger.store import Ledger
from caravan.settings import Settings

# Kazakhstan 2021 from src-a (so China's series of Kazakhstan runs 2021, 2023, 2024: 2022 missing);
# a 2022 figure from another publisher, which must not fill the gap; a bound for 2023 from the same
# publisher's press note (src-d) beside src-a's exact figure; a zero for Tajikistan (no place on a log scale).
ROWS = """\
trade.turnover,CHN,KAZ,2021,25.2,bn USD,src-a,"table 0, Kazakhstan",reported,
trade.turnover,CHN,KAZ,2022,99,bn USD,src-b,"another office",reported,
trade.turnover,CHN,KAZ,2023,40,bn USD,src-d,"press note",reported,about
trade.turnover,CHN,TJK,2022,0,bn USD,src-a,"table 0, Tajikistan",reported,
"""
PRESS_NOTE = """\
- id: src-d
  publisher: Example Customs
  title: Press note
  url: https://example.org/d
  retrieved: 2026-11-29
  kind: government
  language: en
"""


@pytest.fixture
def ledger(tiny_data: Path, tiny_settings: Settings) -> Iterator[Ledger]:
    observations = tiny_data / "observations/main.csv"
    observations.write_text(observations.read_text(encoding="utf-8") + ROWS, encoding="utf-8")
    sources = tiny_data / "sources/main.yaml"
    sources.write_text(sources.read_text(encoding="utf-8") + PRESS_NOTE, encoding="utf-8")
    build(tiny_settings, force=True)
    with Ledger(tiny_settings.ledger) as opened:
        yield opened


def _values(series: object) -> list[tuple[str, float | None]]:
    return [(p.row["period"], p.y) for p in series.points]  # type: ignore[attr-defined]


def test_a_series_is_one_publisher_one_figure_per_year_and_keeps_its_gaps(ledger: Ledger) -> None:
    (kaz,) = explore(ledger, "trade.turnover", ["CHN:KAZ"]).series
    # src-a has three years, src-b one: src-b's 2022 never fills the gap; 2023 is src-a's exact 41, not 40
    assert _values(kaz) == [("2021", 25.2), ("2023", 41.0), ("2024", 43.8)]
    assert [p.x for p in kaz.points] == [2021.0, 2023.0, 2024.0]
    assert {p.row["source_id"] for p in kaz.points} == {"src-a"}
    assert kaz.family == "Example Customs"


def test_relative_scale_indexes_each_series_on_its_first_figure_in_the_range(ledger: Ledger) -> None:
    (kaz,) = explore(ledger, "trade.turnover", ["CHN:KAZ"], scale="relative").series
    # 41 / 25.2 × 100 = 162.698..., 43.8 / 25.2 × 100 = 173.809...
    assert [round(p.y, 3) for p in kaz.points] == [100.0, 162.698, 173.81]
    assert kaz.points[1].to_dict()["index_shown"] == 162.7
    assert kaz.base == "2021"
    (later,) = explore(ledger, "trade.turnover", ["CHN:KAZ"], scale="relative", start=2023).series
    # from 2023 on, 2023 is 100 and 2024 is 43.8 / 41 × 100 = 106.829...
    assert [round(p.y, 3) for p in later.points] == [100.0, 106.829]


def test_an_index_on_a_zero_is_refused_and_said(ledger: Ledger) -> None:
    (tjk,) = explore(ledger, "trade.turnover", ["CHN:TJK"], scale="relative").series
    assert [p.y for p in tjk.points] == [None, None]
    assert tjk.note and "zero" in tjk.note


def test_log_scale_leaves_zero_off_the_chart_and_counts_it(ledger: Ledger) -> None:
    (tjk,) = explore(ledger, "trade.turnover", ["CHN:TJK"], scale=Scale.LOG).series
    assert _values(tjk) == [("2022", None), ("2023", 3.9)]
    assert tjk.note and tjk.note.startswith("1 figure")
    assert [r["value"] for r in explore(ledger, "trade.turnover", ["CHN:TJK"], scale="log").rows()] == [0.0, 3.9]


def test_the_map_shows_one_figure_per_country_in_the_year_most_countries_have(ledger: Ledger) -> None:
    pairs = [f"CHN:{c}" for c in ("KAZ", "KGZ", "TJK", "TKM", "UZB")]
    shown = explore(ledger, "trade.turnover", pairs).choropleth
    assert shown["available"] and shown["by"] == "counterpart"
    assert shown["year"] == 2023  # five countries have 2023; only Kazakhstan has 2024
    assert {v["country"]: v["y"] for v in shown["values"]} == {
        "KAZ": 41,
        "KGZ": 19.8,
        "TJK": 3.9,
        "TKM": 10.6,
        "UZB": 14,
    }
    kaz_2024 = explore(ledger, "trade.turnover", pairs, map_year=2024).choropleth
    assert {v["country"]: v["y"] for v in kaz_2024["values"]}["KGZ"] is None  # unknown stays unknown
    mixed = explore(ledger, "trade.turnover", ["CHN:KAZ", "KAZ:CHN"]).choropleth
    assert not mixed["available"] and "one figure per country" in mixed["reason"]


def test_columns_carry_labels_in_three_languages_units_scales_and_roles(ledger: Ledger) -> None:
    result = explore(ledger, "trade.turnover", ["CHN:KAZ"]).to_dict()
    for column in result["columns"]:
        assert set(column["label"]) == {"en", "zh", "ru"} and all(column["label"].values())
        assert column["role"] in ("dimension", "measure")
    (value,) = [c for c in result["columns"] if c["role"] == "measure"]
    assert (value["unit"], value["scale"]) == ("bn USD", "linear")
    relative = explore(ledger, "trade.turnover", ["CHN:KAZ"], scale="relative").to_dict()
    assert [(c["unit"], c["scale"]) for c in relative["columns"] if c["role"] == "measure"] == [("index", "relative")]
    assert [s["id"] for s in result["sources"]] == ["src-a"]
    assert result["build"]["built_at"] == ledger.meta["built_at"]


def test_per_capita_says_there_is_no_population_series(ledger: Ledger) -> None:
    per = explore(ledger, "trade.turnover", ["CHN:KAZ"], per_capita=True).per_capita
    assert (per["asked"], per["available"], per["applied"]) == (True, False, False)
    assert per["reason"].startswith("the ledger holds no population series")


def test_without_pairs_china_with_each_of_the_five_comes_first(ledger: Ledger) -> None:
    """Not a mix of China–C5 and country pairs: one figure per country, so the map can draw the view."""
    result = explore(ledger, "trade.turnover")
    keys = [s.key for s in result.series]
    assert keys == sorted(set(keys), key=keys.index) and all(k.startswith("CHN:") and k != "CHN:C5" for k in keys)
    assert keys[:2] == ["CHN:KAZ", "CHN:KGZ"]  # in the five's order
    assert result.choropleth["available"], result.choropleth
    assert result.pairs[0] == {"key": "CHN:KAZ", "subject": "CHN", "counterpart": "KAZ", "periods": 4}


def test_without_pairs_and_no_pairs_with_china_the_series_with_most_periods_come_first(ledger: Ledger) -> None:
    result = explore(ledger, "gas.delivered.cumulative")
    keys = list(dict.fromkeys(s.key for s in result.series))
    assert keys and not any(k.startswith("CHN:") for k in keys)
    assert keys == [p["key"] for p in result.pairs][: len(keys)]  # in order of periods, the most first


def test_a_view_of_cumulative_figures_is_never_mixed_with_yearly_ones(ledger: Ledger) -> None:
    result = explore(ledger, "gas.delivered.cumulative")
    assert result.period_kind == "cumulative-to-date" and result.step == 0.0
    assert [p.row["period_kind"] for s in result.series for p in s.points] == ["cumulative-to-date"]


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"indicator": "no.such"}, NotFoundError, "no indicator 'no.such'"),
        ({"pairs": ["CHN:KAZ:KGZ"]}, InputError, "is not a pair"),
        ({"scale": "cubic"}, InputError, "choose linear, log or relative"),
        ({"start": 2024, "end": 2020}, InputError, "ends before it starts"),
        ({"period_kind": "month"}, InputError, "has no 'month' figures"),
        ({"pairs": [f"CHN:X{i}" for i in range(13)]}, InputError, "at most 12"),
    ],
)
def test_bad_choices_say_what_to_change(ledger: Ledger, kwargs: dict, error: type, words: str) -> None:
    args = {"indicator": "trade.turnover", **kwargs}
    with pytest.raises(error, match=words):
        explore(ledger, args.pop("indicator"), **args)


@pytest.mark.parametrize(("subject", "counterpart"), [("CHN", "KAZ"), ("C5", None), ("pipeline.cacgp-d", "CHN")])
def test_pair_keys_round_trip(subject: str, counterpart: str | None) -> None:
    assert parse_pair(pair_key(subject, counterpart)) == (subject, counterpart)


def test_the_command_prints_the_same_series_cited(
    ledger: Ledger, tiny_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CARAVAN_DATA", str(tiny_settings.data))
    monkeypatch.setenv("CARAVAN_LEDGER", str(tiny_settings.ledger))
    args = ["explore", "trade.turnover", "--pair", "CHN:KAZ", "--scale", "relative"]
    table = CliRunner().invoke(app, args, catch_exceptions=False)
    assert table.exit_code == 0
    assert "162.7" in table.output and "173.8" in table.output and "[1] Example Customs" in table.output
    rows = CliRunner().invoke(app, [*args, "-f", "csv"], catch_exceptions=False).output.splitlines()
    assert rows[0] == "period,subject,counterpart,reporter,value,source_id"
    assert [r.split(",")[0] for r in rows[1:]] == ["2021", "2023", "2024"]
    bad = CliRunner().invoke(app, ["explore", "trade.turnover", "--pair", "A:B:C"])
    assert bad.exit_code == 1 and bad.output.count("\n") == 1 and "is not a pair" in bad.output


def test_the_map_speaks_the_language_its_series_do(ledger: Ledger) -> None:
    pairs = [f"CHN:{c}" for c in ("KAZ", "KGZ", "TJK", "TKM", "UZB")]
    result = explore(ledger, "trade.turnover", pairs)
    english, chinese = result.to_dict()["choropleth"], result.to_dict("zh")["choropleth"]
    assert chinese["year"] == english["year"]
    assert [v["y"] for v in chinese["values"]] == [v["y"] for v in english["values"]]
    points = {p["x"]: p for p in result.series[0].to_dict("zh")["points"]}
    first = chinese["values"][0]
    assert first["shown"] == points[first["x"]]["shown"] != english["values"][0]["shown"]
    assert first["unit_label"] == "十亿美元"
