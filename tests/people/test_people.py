"""People-to-people figures and their change since the Xi'an summit, on a small hand-made ledger."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from caravan.cli import app
from caravan.errors import NotFoundError
from caravan.ledger.build import build
from caravan.ledger.store import Ledger
from caravan.people.figures import XIAN_SUMMIT, PeopleFigure, change_since, people_figures, since_summit
from caravan.people.institutions import institutions, openings_since, visa_events
from caravan.settings import Settings
from caravan.vocabulary import local
from conftest import write_tiny_data

INDICATORS = """
- {id: students.in_china, pillar: people, name: Students in China, unit: person, kind: stock, definition: Enrolled.}
- {id: visitors.arrivals, pillar: people, name: Visitor arrivals, unit: person, kind: flow, definition: Arrivals.}
- {id: flights.per_week, pillar: people, name: Flights a week, unit: flight/week, kind: rate, definition: Flights.}
"""

OBSERVATIONS = """\
students.in_china,KAZ,CHN,as-of 2018-08-04,15000,person,src-a,"15,000 students",reported,
students.in_china,KAZ,CHN,as-of 2022-12,16000,person,src-a,"16,000 students",reported,
students.in_china,KAZ,CHN,2024/2025,20000,person,src-b,"20,000 students",reported,over
visitors.arrivals,CHN,KAZ,2022,100000,person,src-a,"100,000 visitors",reported,
visitors.arrivals,CHN,KAZ,2024,655000,person,src-a,"655,000 visitors",reported,
visitors.arrivals,CHN,KAZ,2025-01/2025-05,280000,person,src-a,"280,000 visitors",reported,
flights.per_week,city.example,CHN,as-of 2023-04-21,13,flight/week,src-a,"13 a week",reported,
flights.per_week,city.example,CHN,as-of 2025-06-20,2,flight/day,src-b,"two flights daily",reported,
flights.per_week,KGZ,CHN,as-of 2024-01-24,3,flight/week,src-b,"three times a week",reported,
"""

ENTITIES = """
- id: workshop.luban-example
  kind: workshop
  names: {en: Luban Workshop Example}
  parent: KAZ
  host: A University
  opened: 2023-12
  source: src-a
- {id: workshop.luban-early, kind: workshop, names: {en: Early Workshop}, parent: KGZ, opened: '2022-11', source: src-b}
- id: org.confucius-example
  kind: institution
  names: {en: Confucius Institute Example}
  parent: KAZ
  opened: '2009-02-23'
  source: src-a
- {id: org.confucius-vague, kind: institution, names: {en: Vague Institute}, parent: KAZ, opened: '2023', source: src-a}
"""

EVENTS = """
- id: visa.kaz-chn-2023-11
  date: 2023-11-10
  kind: visa
  title: {en: Kazakhstan–China visa-free regime enters into force}
  participants: [CHN, KAZ]
  source: src-b
  locator: came into force on November 10
- id: agreement.visa-kaz-chn-2023
  date: 2023-05-17
  kind: agreement
  title: {en: Kazakhstan–China agreement on mutual visa exemption signed}
  participants: [CHN, KAZ]
  source: src-b
  locator: signed on May 17
"""


def write_people_data(root: Path) -> Path:
    data = write_tiny_data(root)
    for name, text in (
        ("indicators/main.yaml", INDICATORS),
        ("entities/main.yaml", ENTITIES),
        ("events/main.yaml", EVENTS),
    ):
        path = data / name
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    obs = data / "observations/main.csv"
    obs.write_text(obs.read_text(encoding="utf-8") + OBSERVATIONS, encoding="utf-8")
    return data


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    data = write_people_data(tmp_path_factory.mktemp("people"))
    settings = Settings(ledger=data.parent / "caravan.duckdb", data=data)
    build(settings, force=True)
    return settings


@pytest.fixture
def ledger(settings: Settings):  # type: ignore[no-untyped-def]
    with Ledger(settings.ledger) as ledger:
        yield ledger


def _change(ledger: Ledger, indicator: str, subject: str):  # type: ignore[no-untyped-def]
    return next(c for c in since_summit(ledger) if c.indicator == indicator and c.subject == subject)


def test_stock_before_and_after_the_summit(ledger: Ledger) -> None:
    c = _change(ledger, "students.in_china", "KAZ")
    assert c.before is not None and c.before.period == "as-of 2022-12" and c.before.value == 16000
    assert c.after is not None and c.after.period == "2024/2025" and c.after.note == "over"
    assert c.comparable and c.change == 4000 and c.change_percent == pytest.approx(25.0)
    assert c.change_bound == "lower"  # "over 20,000" against 16,000: over 4,000 more
    assert c.before.publisher == "Example Customs" and c.after.source_url == "https://example.org/b"


def test_flow_compares_full_years_not_spans(ledger: Ledger) -> None:
    c = _change(ledger, "visitors.arrivals", "CHN")
    assert c.before is not None and c.before.period == "2022"
    assert c.after is not None and c.after.period == "2024"  # not the later Jan-May 2025 span
    assert c.change == 555000 and c.change_percent == pytest.approx(555.0)
    assert c.change_unit == c.after.unit_std == "person"
    # The listing (the CSV download's row) says the change's unit beside it.
    row = c.to_row()
    assert (row["change"], row["change_unit"]) == (555000, "person")


def test_rate_in_another_unit_is_converted(ledger: Ledger) -> None:
    c = _change(ledger, "flights.per_week", "city.example")
    assert c.before is not None and c.before.value == 13
    assert c.after is not None and c.after.unit == "flight/day" and c.after.value_std == pytest.approx(14)
    assert c.change == pytest.approx(1)


def test_after_only_has_no_change(ledger: Ledger) -> None:
    c = _change(ledger, "flights.per_week", "KGZ")
    assert c.before is None and c.change is None and "only after" in c.explanation


def test_country_filter_includes_its_cities(ledger: Ledger) -> None:
    kaz = {(f.indicator, f.subject) for f in people_figures(ledger, "KAZ")}
    assert ("flights.per_week", "city.example") in kaz and ("flights.per_week", "KGZ") not in kaz
    with pytest.raises(NotFoundError, match="no entity 'ZZZ'"):
        people_figures(ledger, "ZZZ")


def test_institutions_since_when(ledger: Ledger) -> None:
    found = {i["id"]: i for i in institutions(ledger).rows}
    assert found["workshop.luban-example"]["opened_since_summit"] is True
    assert found["workshop.luban-early"]["opened_since_summit"] is False
    assert found["org.confucius-vague"]["opened_since_summit"] is None  # 2023 straddles 18 May
    assert found["workshop.luban-example"]["publisher"] == "Example Customs"
    counts = {r["kind"]: r for r in openings_since(ledger)}
    assert counts["Luban Workshop"]["open_by"] == 1 and counts["Luban Workshop"]["opened_after"] == 1
    assert counts["Confucius Institute"]["open_by"] == 1 and counts["Confucius Institute"]["undated"] == 1
    assert {i["id"] for i in institutions(ledger, "KGZ").rows} == {"workshop.luban-early"}
    assert len(institutions(ledger, "C5").rows) == 4


def test_institutions_result_says_what_its_columns_mean_and_cites_each_row(ledger: Ledger) -> None:
    result = institutions(ledger)
    for column in result.fields():  # every column declared, labelled in the three languages
        assert set(column.label) == {"en", "zh", "ru"} and all(column.label.values()), column.name
    assert [r["source_id"] for r in result.rows if r["source_id"]] == [i for ids in result.row_sources for i in ids]
    cited = {s["id"] for s in result.sources}
    assert cited == {r["source_id"] for r in result.rows if r["source_id"]}
    assert all(s["title"] and s["url"] for s in result.sources)


def test_visa_events_are_dated(ledger: Ledger) -> None:
    events = visa_events(ledger, "KAZ")
    assert [e["date"] for e in events] == [date(2023, 5, 17), date(2023, 11, 10)]
    assert visa_events(ledger, "TJK") == []
    assert [e["id"] for e in visa_events(ledger) if e["date"] > XIAN_SUMMIT] == ["visa.kaz-chn-2023-11"]


def test_cli(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CARAVAN_DATA", str(settings.data))
    monkeypatch.setenv("CARAVAN_LEDGER", str(settings.ledger))
    runner = CliRunner()
    out = json.loads(runner.invoke(app, ["people", "--since-summit", "--format", "json"]).output)
    assert out["since"] == "2023-05-18" and len(out["series"]) == 4
    assert [v["id"] for v in out["visa_events_after"]] == ["visa.kaz-chn-2023-11"]
    table = runner.invoke(app, ["people", "--since-summit", "--country", "KAZ"])
    assert table.exit_code == 0 and "3 series" in table.output and "Luban Workshop" in table.output
    latest = json.loads(runner.invoke(app, ["people", "--format", "json"]).output)
    assert {(r["indicator"], r["period"]) for r in latest} >= {("visitors.arrivals", "2025-01/2025-05")}
    csv_text = runner.invoke(app, ["people", "--institutions", "--format", "csv"]).output
    assert csv_text.startswith("id,kind,name") and "workshop.luban-early" in csv_text
    listed = json.loads(runner.invoke(app, ["people", "--institutions", "--format", "json"]).output)
    assert listed["fields"][0]["name"] == "id" and len(listed["row_sources"]) == len(listed["rows"])
    shown = runner.invoke(app, ["people", "--institutions"]).output  # the sources under the table
    assert all(f"[{s['id']}] " in shown for s in listed["sources"]) and listed["sources"]
    assert "2023-11-10" in runner.invoke(app, ["people", "--visas", "-f", "csv"]).output
    bad = runner.invoke(app, ["people", "--country", "ZZZ"])
    assert bad.exit_code == 1 and "no entity 'ZZZ'" in bad.output
    later = json.loads(runner.invoke(app, ["people", "--since-summit", "--since", "2024-06-01", "-f", "json"]).output)
    kgz = next(c for c in later["series"] if c["subject"] == "KGZ")
    assert kgz["before"]["period"] == "as-of 2024-01-24" and kgz["after"] is None


def _figure(period: str, start: date, end: date, value: float, kind: str = "as-of") -> PeopleFigure:
    return PeopleFigure(
        observation_id=f"o-{period}",
        indicator="students.in_china",
        indicator_name="Students in China",
        indicator_kind="stock",
        subject="UZB",
        counterpart="CHN",
        period=period,
        period_kind=kind,
        period_start=start,
        period_end=end,
        value=value,
        unit="person",
        value_std=value,
        unit_std="person",
        method="reported",
        note=None,
        source_id=f"src-{period}",
        publisher="Example",
        source_url="https://example.org",
        locator="x",
        value_display=value,
        display_unit="person",
        bound="exact",
    )


def test_a_baseline_years_before_the_summit_states_no_change() -> None:
    """A 2009 count against one of 2024 is no change since the summit: it says there is no baseline."""
    old = _figure("2009", date(2009, 1, 1), date(2009, 12, 31), 582, kind="year")
    late = _figure("2024", date(2024, 1, 1), date(2024, 12, 31), 4000, kind="year")
    (change,) = change_since([old, late])
    assert not change.comparable and change.change is None and change.change_percent is None
    assert "no baseline" in str(local(change.explanation, "en"))
    recent = _figure("2022", date(2022, 1, 1), date(2022, 12, 31), 3000, kind="year")
    (change,) = change_since([old, recent, late])
    assert change.comparable and change.change == 1000


def test_a_figure_days_after_the_summit_is_too_soon_to_tell() -> None:
    before = _figure("as-of 2023-05-18", date(2023, 5, 18), date(2023, 5, 18), 11)
    after = _figure("as-of 2023-05-19", date(2023, 5, 19), date(2023, 5, 19), 11)
    (change,) = change_since([before, after])
    assert not change.comparable and change.change_percent is None
    assert "too soon" in str(local(change.explanation, "en"))
    later = _figure("as-of 2023-10-01", date(2023, 10, 1), date(2023, 10, 1), 15)
    (change,) = change_since([before, after, later])
    assert change.comparable and change.change == 4
