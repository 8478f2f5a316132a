"""Target evaluation on small hand-checked ledgers: met, on track, behind, no data."""

from __future__ import annotations

from datetime import date

import pytest

from caravan.institutions.commitments import get_commitment, list_commitments
from caravan.institutions.targets import Figure, Outcome, evaluate, project, select_series
from caravan.ledger.build import build
from caravan.ledger.store import Ledger
from caravan.settings import Settings
from conftest import write_tiny_data

ASSESSED = date(2026, 11, 29)

# The tiny data's China-customs series for Kazakhstan: 41 (2023), 43.8 (2024) bn USD.
# Hand check of the projection to 2030: 43.8 * (43.8 / 41) ** 6 = 65.10 bn USD.
HAND_PROJECTION_2030 = 43.8 * (43.8 / 41) ** 6

COMMITMENTS = """\
- id: t.met
  event: summit.example-2023
  text: Reach 43 bn USD with Kazakhstan by 2030.
  pillar: trade
  countries: [CHN, KAZ]
  target: {indicator: trade.turnover, subject: CHN, counterpart: KAZ, value: 43, unit: bn USD, by: 2030}
  status: in-progress
  evidence: [{source: src-a, date: 2025-01-20}]
- id: t.on-track
  event: summit.example-2023
  text: Reach 50 bn USD with Kazakhstan by 2030.
  pillar: trade
  countries: [CHN, KAZ]
  target: {indicator: trade.turnover, subject: CHN, counterpart: KAZ, value: 50000, unit: mn USD, by: 2030}
  status: announced
- id: t.behind
  event: summit.example-2023
  text: Reach 70 bn USD with Kazakhstan by 2030.
  pillar: trade
  countries: [CHN, KAZ]
  target: {indicator: trade.turnover, subject: CHN, counterpart: KAZ, value: 70, unit: bn USD, by: 2030}
  status: announced
- id: t.lapsed
  event: summit.example-2023
  text: Reach 45 bn USD with Kazakhstan by 2025.
  pillar: trade
  countries: [CHN, KAZ]
  target: {indicator: trade.turnover, subject: CHN, counterpart: KAZ, value: 45, unit: bn USD, by: 2025}
  status: in-progress
  evidence: [{event: summit.example-2023}]
- id: t.one-figure
  event: summit.example-2023
  text: Reach 10 bn USD with Tajikistan by 2030.
  pillar: trade
  countries: [CHN, TJK]
  target: {indicator: trade.turnover, subject: CHN, counterpart: TJK, value: 10, unit: bn USD, by: 2030}
  status: announced
- id: t.no-figure
  event: summit.example-2023
  text: Reach 50 bn USD as Kyrgyzstan reports it by 2030.
  pillar: trade
  countries: [KGZ]
  target: {indicator: trade.turnover, subject: KGZ, counterpart: CHN, value: 50, unit: bn USD, by: 2030}
  status: unknown
- id: t.no-target
  event: summit.example-2023
  text: Set up a secretariat.
  pillar: institutions
  countries: [C5, CHN]
  status: done
  evidence: [{source: src-b, date: 2024-03-30, locator: "launched"}]
"""


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Ledger:
    data = write_tiny_data(tmp_path_factory.mktemp("targets"))
    (data / "commitments" / "main.yaml").write_text(COMMITMENTS, encoding="utf-8")
    settings = Settings(ledger=data.parent / "caravan.duckdb", data=data)
    build(settings, force=True)
    return Ledger(settings.ledger)


def _outcome(ledger: Ledger, cid: str) -> Outcome:
    c = get_commitment(ledger, cid, ASSESSED)
    assert c.target is not None
    return c.target.outcome


def test_met_by_the_2024_figure(ledger: Ledger) -> None:
    c = get_commitment(ledger, "t.met", ASSESSED)
    assert c.target is not None and c.target.outcome is Outcome.MET
    assert c.target.met_by is not None and c.target.met_by.period == "2024"
    assert c.target.latest is not None and c.target.latest.publisher == "Example Customs"
    assert c.target.share_of_target == pytest.approx(43.8 / 43 * 100)
    assert c.assessed_status == "done" and "meets the target" in (c.status_note or "")


def test_on_track_by_compound_growth_in_another_unit(ledger: Ledger) -> None:
    c = get_commitment(ledger, "t.on-track", ASSESSED)
    t = c.target
    assert t is not None and t.outcome is Outcome.ON_TRACK
    assert t.target_std == 50e9
    assert t.projection is not None
    assert t.projection.annual_growth == pytest.approx(43.8 / 41 - 1)
    assert t.projection.projected_std == pytest.approx(HAND_PROJECTION_2030 * 1e9)
    # the stated method names both figures and the projection in the target's own unit
    assert "41 bn USD (2023) to 43.8 bn USD (2024)" in t.projection.description
    assert "65,100" in t.projection.description or "65,10" in t.projection.description
    assert c.assessed_status == "announced" and c.status_note is None


def test_behind_when_the_projection_falls_short(ledger: Ledger) -> None:
    assert HAND_PROJECTION_2030 < 70
    assert _outcome(ledger, "t.behind") is Outcome.BEHIND


def test_deadline_passed_unmet_is_behind_and_lapsed(ledger: Ledger) -> None:
    c = get_commitment(ledger, "t.lapsed", ASSESSED)
    assert c.target is not None and c.target.outcome is Outcome.BEHIND
    assert "deadline 2025-12-31 has passed" in c.target.explanation
    assert c.status == "in-progress" and c.assessed_status == "lapsed"
    # assessed before the deadline, the same commitment was projected on track:
    # 43.8 * (43.8 / 41) = 46.79 bn USD in 2025 >= 45
    early = get_commitment(ledger, "t.lapsed", date(2025, 6, 1))
    assert early.target is not None and early.target.outcome is Outcome.ON_TRACK
    assert early.target.projection is not None
    assert early.target.projection.projected_std == pytest.approx(43.8 * 43.8 / 41 * 1e9)
    assert early.assessed_status == "in-progress"


def test_one_figure_is_no_data_for_a_trend(ledger: Ledger) -> None:
    c = get_commitment(ledger, "t.one-figure", ASSESSED)
    assert c.target is not None and c.target.outcome is Outcome.NO_DATA
    assert c.target.latest is not None and c.target.latest.value == 3.9
    assert "a trend needs two" in c.target.explanation


def test_no_figure_is_no_data(ledger: Ledger) -> None:
    c = get_commitment(ledger, "t.no-figure", ASSESSED)
    assert c.target is not None and c.target.outcome is Outcome.NO_DATA and c.target.latest is None


def test_figures_after_the_assessment_date_are_not_used(ledger: Ledger) -> None:
    c = get_commitment(ledger, "t.met", date(2024, 6, 30))
    assert c.target is not None and c.target.outcome is Outcome.NO_DATA  # only 2023 by then


def test_filters(ledger: Ledger) -> None:
    assert {c.id for c in list_commitments(ledger, pillar="institutions")} == {"t.no-target"}
    assert {c.id for c in list_commitments(ledger, country="TJK", assessed_on=ASSESSED)} == {
        "t.one-figure",
        "t.no-target",  # C5 concerns each of the five
    }
    assert {c.id for c in list_commitments(ledger, status="lapsed", assessed_on=ASSESSED)} == {"t.lapsed"}
    assert {c.id for c in list_commitments(ledger, status="done", assessed_on=ASSESSED)} == {"t.met", "t.no-target"}


def _fig(period_end: date, value: float, **kw: object) -> Figure:
    return Figure(
        observation_id=f"o{period_end}",
        period=str(period_end.year),
        period_end=period_end,
        value=value,
        unit="USD",
        value_std=value,
        method=str(kw.get("method", "reported")),
        source_id="s",
        publisher="P",
        source_url=None,
        locator="x",
    )


def test_evaluate_rules_on_plain_figures() -> None:
    made, by = date(2023, 5, 18), date(2030, 12, 31)
    series = [_fig(date(2022, 12, 31), 100), _fig(date(2023, 12, 31), 110), _fig(date(2024, 12, 31), 121)]
    outcome, _, parts = evaluate(series, target_std=200, by=by, made_on=made, assessed_on=ASSESSED)
    # 121 * 1.1 ** 6 = 214.36 >= 200
    assert outcome is Outcome.ON_TRACK
    assert parts["projection"].projected_std == pytest.approx(121 * 1.1**6)
    assert parts["starting"].value == 100
    assert parts["progress_since_commitment"] == pytest.approx((121 - 100) / (200 - 100) * 100)
    outcome, _, _ = evaluate(series, target_std=250, by=by, made_on=made, assessed_on=ASSESSED)
    assert outcome is Outcome.BEHIND
    outcome, _, _ = evaluate(series, target_std=110, by=by, made_on=made, assessed_on=ASSESSED)
    assert outcome is Outcome.MET
    shrinking = [_fig(date(2023, 12, 31), 0), _fig(date(2024, 12, 31), 5)]
    outcome, text, _ = evaluate(shrinking, target_std=50, by=by, made_on=made, assessed_on=ASSESSED)
    assert outcome is Outcome.NO_DATA and "not positive" in text


def test_met_only_after_the_deadline_is_behind() -> None:
    series = [_fig(date(2024, 12, 31), 40), _fig(date(2026, 12, 31), 60)]
    outcome, text, _ = evaluate(
        series, target_std=50, by=date(2025, 12, 31), made_on=date(2023, 5, 18), assessed_on=date(2027, 6, 1)
    )
    assert outcome is Outcome.BEHIND and "40 USD (2024)" in text


def test_projection_counts_whole_years_between_year_ends() -> None:
    p = project(_fig(date(2023, 12, 31), 100), _fig(date(2024, 12, 31), 200), date(2026, 12, 31))
    assert p is not None and p.projected_std == pytest.approx(800)


def _row(period: str, kind: str, end: date, value: float, method: str, source: str, publisher: str) -> dict:
    return {
        "id": f"{period}-{source}-{method}",
        "period": period,
        "period_kind": kind,
        "period_end": end,
        "value": value,
        "unit": "USD",
        "value_std": value,
        "method": method,
        "source_id": source,
        "publisher": publisher,
        "source_url": None,
        "locator": "x",
    }


def test_series_prefers_reported_and_the_most_complete_publisher_and_skips_partial_spans() -> None:
    rows = [
        _row("2023", "year", date(2023, 12, 31), 1, "derived", None, None),  # type: ignore[arg-type]
        _row("2023", "year", date(2023, 12, 31), 2, "reported", "b", "B"),
        _row("2023", "year", date(2023, 12, 31), 3, "reported", "a", "A"),
        _row("2024", "year", date(2024, 12, 31), 4, "reported", "b2", "B"),
        _row("2025-01/2025-06", "year-to-date", date(2025, 6, 30), 5, "reported", "b", "B"),
        _row("as-of 2025-06", "as-of", date(2025, 6, 30), 6, "reported", "b", "B"),
    ]
    flow = select_series(rows, "flow")
    assert [f.value for f in flow] == [2, 4]  # B has the most figures; YTD and as-of skipped for a flow
    stock = select_series(rows, "stock")
    assert [f.value for f in stock] == [2, 4, 6]


def test_status_filter_rejects_unknown_status(ledger: Ledger) -> None:
    from caravan.errors import InputError, NotFoundError

    with pytest.raises(InputError, match="not one of"):
        list_commitments(ledger, status="finished")
    with pytest.raises(NotFoundError, match="no entity 'ZZZ'"):
        list_commitments(ledger, country="ZZZ")
    with pytest.raises(NotFoundError, match="caravan commitments"):
        get_commitment(ledger, "nope")
