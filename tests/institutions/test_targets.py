"""Target evaluation on small hand-checked ledgers, by each reporter: met, split, behind, missed, bounds, no data."""

from __future__ import annotations

from datetime import date

import pytest

from caravan.institutions.commitments import get_commitment, list_commitments
from caravan.institutions.targets import Figure, Outcome, evaluate, project, reaches, reporters_of, select_series
from caravan.ledger.build import build
from caravan.ledger.store import Ledger
from caravan.settings import Settings
from conftest import write_tiny_data

ASSESSED = date(2026, 11, 29)

# The tiny data's China-customs series for Kazakhstan: 41 (2023), 43.8 (2024) bn USD;
# Kazakhstan's own statistics: 30.1 (2024) bn USD.
# EXTRA_OBSERVATIONS add, for the bounds and the two reporters:
#   China's customs, Uzbekistan 2017: 4.2 bn (exact)  | Uzbekistan's office, China 2017: 5.1 bn (exact)
#   China's customs, Kyrgyzstan 2025: over 27.2 bn (lower bound; 19.8 exact in 2023)
#   China's customs, Tajikistan 2019: almost 1.7 bn (upper bound; 3.9 exact in 2023)
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
  text: Reach 50 bn USD as Turkmenistan reports it by 2030.
  pillar: trade
  countries: [TKM]
  target: {indicator: trade.turnover, subject: TKM, counterpart: CHN, value: 50, unit: bn USD, by: 2030}
  status: unknown
- id: t.split-passed
  event: visit.example-2013
  text: Reach 5 bn USD with Uzbekistan by 2017 (a deadline long passed).
  pillar: trade
  countries: [CHN, UZB]
  target: {indicator: trade.turnover, subject: CHN, counterpart: UZB, value: 5, unit: bn USD, by: 2017}
  status: in-progress
  evidence: [{event: visit.example-2013}]
- id: t.missed-both
  event: summit.example-2023
  text: Reach 50 bn USD with Kazakhstan by 2024.
  pillar: trade
  countries: [CHN, KAZ]
  target: {indicator: trade.turnover, subject: CHN, counterpart: KAZ, value: 50, unit: bn USD, by: 2024}
  status: announced
- id: t.lower-met
  event: summit.example-2023
  text: Reach 20 bn USD with Kyrgyzstan by 2030.
  pillar: trade
  countries: [CHN, KGZ]
  target: {indicator: trade.turnover, subject: CHN, counterpart: KGZ, value: 20, unit: bn USD, by: 2030}
  status: announced
- id: t.lower-unknown
  event: summit.example-2023
  text: Reach 45 bn USD with Kyrgyzstan by 2030.
  pillar: trade
  countries: [CHN, KGZ]
  target: {indicator: trade.turnover, subject: CHN, counterpart: KGZ, value: 45, unit: bn USD, by: 2030}
  status: announced
- id: t.upper-missed
  event: visit.example-2013
  text: Reach 3 bn USD with Tajikistan by 2019.
  pillar: trade
  countries: [CHN, TJK]
  target: {indicator: trade.turnover, subject: CHN, counterpart: TJK, value: 3, unit: bn USD, by: 2019}
  status: announced
- id: t.no-target
  event: summit.example-2023
  text: Set up a secretariat.
  pillar: institutions
  countries: [C5, CHN]
  status: done
  evidence: [{source: src-b, date: 2024-03-30, locator: "launched"}]
"""


EXTRA_EVENTS = """\
- id: visit.example-2013
  date: 2013-09-09
  kind: visit
  title: {en: Example state visit}
  participants: [CHN, UZB]
  source: src-a
  locator: "on 9 September 2013"
"""

EXTRA_OBSERVATIONS = """\
indicator,subject,counterpart,period,value,unit,source,locator,method,note,bound,primary
trade.turnover,CHN,UZB,2017,4.2,bn USD,src-a,"table 3, Uzbekistan",reported,,,
trade.turnover,UZB,CHN,2017,5.1,bn USD,src-b,"partner table 2017",reported,,,
trade.turnover,CHN,KGZ,2025,27.2,bn USD,src-a,"over 27.2 billion",reported,over,lower,
trade.turnover,CHN,TJK,2019,1.7,bn USD,src-a,"almost 1.7 billion",reported,almost,upper,
"""


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Ledger:
    data = write_tiny_data(tmp_path_factory.mktemp("targets"))
    (data / "commitments" / "main.yaml").write_text(COMMITMENTS, encoding="utf-8")
    (data / "observations" / "extra.csv").write_text(EXTRA_OBSERVATIONS, encoding="utf-8")
    (data / "events" / "extra.yaml").write_text(EXTRA_EVENTS, encoding="utf-8")
    settings = Settings(ledger=data.parent / "caravan.duckdb", data=data)
    build(settings, force=True)
    return Ledger(settings.ledger)


def _outcome(ledger: Ledger, cid: str) -> Outcome:
    c = get_commitment(ledger, cid, ASSESSED)
    assert c.target is not None
    return c.target.outcome


def test_met_by_china_but_not_by_the_partner_is_split(ledger: Ledger) -> None:
    c = get_commitment(ledger, "t.met", ASSESSED)
    t = c.target
    assert t is not None and t.outcome is Outcome.SPLIT
    china, kazakhstan = t.reporters
    assert (china.subject, china.counterpart, kazakhstan.subject, kazakhstan.counterpart) == (
        "CHN",
        "KAZ",
        "KAZ",
        "CHN",
    )
    # China's customs: 43.8 (2024) >= 43 is met; Kazakhstan's office: 30.1 (2024) < 43 and one figure, no trend
    assert china.outcome is Outcome.MET and china.met_by is not None and china.met_by.period == "2024"
    assert kazakhstan.outcome is Outcome.NO_DATA and kazakhstan.latest is not None and kazakhstan.latest.value == 30.1
    assert kazakhstan.latest.publisher == "Example Statistics Office"
    assert kazakhstan.share_of_target == pytest.approx(30.1 / 43 * 100)
    # the target's own fields are China's (its subject)
    assert t.met_by is not None and t.latest is not None and t.latest.publisher == "Example Customs"
    assert t.share_of_target == pytest.approx(43.8 / 43 * 100)
    assert t.by_reporter == "CHN: met (43.8 bn USD (2024)); KAZ: no data (30.1 bn USD (2024))"
    assert "by the figures of CHN, met" in t.explanation and "by the figures of KAZ, no data" in t.explanation
    # the reporters disagree: the curated status stands, with a note naming both
    assert c.assessed_status == "in-progress" and "disagree" in (c.status_note or "")
    assert c.to_row()["by_reporter"] == t.by_reporter


def test_passed_deadline_split_between_reporters(ledger: Ledger) -> None:
    c = get_commitment(ledger, "t.split-passed", ASSESSED)
    t = c.target
    assert t is not None and t.outcome is Outcome.SPLIT
    china, uzbekistan = t.reporters
    # deadline 2017-12-31 passed; China's 2017 figure 4.2 < 5 missed; Uzbekistan's 5.1 >= 5 met
    assert china.outcome is Outcome.MISSED and china.deciding is not None and china.deciding.value == 4.2
    assert uzbekistan.outcome is Outcome.MET and uzbekistan.met_by is not None and uzbekistan.met_by.value == 5.1
    assert c.assessed_status == "in-progress"
    assert "CHN: missed (4.2 bn USD (2017)); UZB: met (5.1 bn USD (2017))" in (c.status_note or "")


def test_passed_deadline_missed_by_both_is_lapsed(ledger: Ledger) -> None:
    c = get_commitment(ledger, "t.missed-both", ASSESSED)
    t = c.target
    assert t is not None and t.outcome is Outcome.MISSED
    # the 2024 figures: 43.8 (China) and 30.1 (Kazakhstan), both below 50
    assert [r.deciding.value for r in t.reporters if r.deciding] == [43.8, 30.1]
    assert c.assessed_status == "lapsed" and "passed with the target unmet" in (c.status_note or "")


def test_a_lower_bound_at_or_above_the_target_meets_it(ledger: Ledger) -> None:
    c = get_commitment(ledger, "t.lower-met", ASSESSED)
    t = c.target
    # 19.8 (2023, exact) < 20, but "over 27.2" (2025) >= 20: met by a lower bound
    assert t is not None and t.outcome is Outcome.MET
    assert t.met_by is not None and t.met_by.bound == "lower" and t.met_by.text == "at least 27.2 bn USD (2025)"
    assert t.share_of_target is None  # no share from a bound
    assert c.assessed_status == "done"


def test_a_lower_bound_below_the_target_is_unknown_not_behind(ledger: Ledger) -> None:
    c = get_commitment(ledger, "t.lower-unknown", ASSESSED)
    t = c.target
    # "over 27.2" < 45 cannot tell; 19.8 -> over 27.2 would be a trend from a bound, so none is drawn
    assert t is not None and t.outcome is Outcome.UNKNOWN and t.projection is None
    assert "lower bound below the target" in t.explanation
    assert t.reporters[1].outcome is Outcome.NO_DATA  # Kyrgyzstan's side has no figure here
    assert c.assessed_status == "announced" and c.status_note is None


def test_an_upper_bound_below_the_target_misses_it(ledger: Ledger) -> None:
    c = get_commitment(ledger, "t.upper-missed", ASSESSED)
    t = c.target
    # deadline 2019 passed; "almost 1.7" (2019) < 3 falls short whatever the true figure
    assert t is not None and t.outcome is Outcome.MISSED
    assert t.reporters[0].deciding is not None and t.reporters[0].deciding.text == "at most 1.7 bn USD (2019)"
    assert c.assessed_status == "lapsed"


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


def test_deadline_passed_without_a_figure_for_its_year_is_no_data(ledger: Ledger) -> None:
    c = get_commitment(ledger, "t.lapsed", ASSESSED)
    t = c.target
    # deadline 2025-12-31 passed; the figures stop at 2024, which does not stand in for 2025
    assert t is not None and t.outcome is Outcome.NO_DATA
    assert "no figure covers 2025" in t.explanation and "43.8 bn USD (2024)" in t.explanation
    assert c.status == "in-progress" and c.assessed_status == "in-progress"
    # assessed before the deadline, the same commitment was projected on track by China's figures:
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
        "t.upper-missed",
        "t.no-target",  # C5 concerns each of the five
    }
    assert {c.id for c in list_commitments(ledger, status="lapsed", assessed_on=ASSESSED)} == {
        "t.missed-both",
        "t.upper-missed",
    }
    assert {c.id for c in list_commitments(ledger, status="done", assessed_on=ASSESSED)} == {
        "t.lower-met",
        "t.no-target",
    }


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
        bound=str(kw.get("bound", "exact")),
        authority=kw.get("authority"),  # type: ignore[arg-type]
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


def test_met_only_after_the_deadline_is_not_met() -> None:
    series = [_fig(date(2024, 12, 31), 40), _fig(date(2026, 12, 31), 60)]
    outcome, text, _ = evaluate(
        series, target_std=50, by=date(2025, 12, 31), made_on=date(2023, 5, 18), assessed_on=date(2027, 6, 1)
    )
    assert outcome is Outcome.NO_DATA and "no figure covers 2025" in text and "40 USD (2024)" in text
    with_2025 = [*series[:1], _fig(date(2025, 12, 31), 45), series[1]]
    outcome, text, parts = evaluate(
        with_2025, target_std=50, by=date(2025, 12, 31), made_on=date(2023, 5, 18), assessed_on=date(2027, 6, 1)
    )
    assert outcome is Outcome.MISSED and parts["deciding"].value == 45


def test_reached_before_a_passed_deadline_is_judged_on_the_deadline_year() -> None:
    series = [_fig(date(2024, 12, 31), 55), _fig(date(2025, 12, 31), 48)]
    outcome, _, parts = evaluate(
        series, target_std=50, by=date(2025, 12, 31), made_on=date(2023, 5, 18), assessed_on=date(2026, 6, 1)
    )
    assert outcome is Outcome.MISSED and parts["deciding"].value == 48
    # before the deadline, 55 (2024) had already met it
    outcome, _, parts = evaluate(
        series[:1], target_std=50, by=date(2025, 12, 31), made_on=date(2023, 5, 18), assessed_on=date(2025, 3, 1)
    )
    assert outcome is Outcome.MET and parts["met_by"].value == 55


def test_bounds_decide_only_on_their_safe_side() -> None:
    at = date(2024, 12, 31)
    assert reaches(_fig(at, 100, bound="lower"), 100) is True
    assert reaches(_fig(at, 99, bound="lower"), 100) is None
    assert reaches(_fig(at, 99, bound="upper"), 100) is False
    assert reaches(_fig(at, 100, bound="upper"), 100) is None
    # approximate decides only beyond 10 %: about 111 > 110 reaches, about 89 < 90 falls short, about 95 cannot tell
    assert reaches(_fig(at, 111, bound="approximate"), 100) is True
    assert reaches(_fig(at, 89, bound="approximate"), 100) is False
    assert reaches(_fig(at, 95, bound="approximate"), 100) is None
    assert reaches(_fig(at, 99), 100) is False and reaches(_fig(at, 100), 100) is True
    # a passed deadline judged on a lower bound below the target is unknown, not missed
    outcome, text, _ = evaluate(
        [_fig(at, 99, bound="lower")], target_std=100, by=at, made_on=date(2023, 5, 18), assessed_on=ASSESSED
    )
    assert outcome is Outcome.UNKNOWN and "cannot tell" in text


def test_trend_never_crosses_authorities() -> None:
    series = [_fig(date(2023, 12, 31), 100, authority="edb"), _fig(date(2024, 12, 31), 121, authority="kaz-bns")]
    outcome, text, parts = evaluate(
        series, target_std=200, by=date(2030, 12, 31), made_on=date(2024, 1, 1), assessed_on=ASSESSED
    )
    assert outcome is Outcome.NO_DATA and "a trend needs two" in text and "projection" not in parts
    # the starting figure is EDB's, the latest the bureau's: no progress is measured across them
    assert parts["starting"].value == 100 and "progress_since_commitment" not in parts
    assert parts["share_of_target"] == pytest.approx(60.5)


def test_reporters_of_two_sided_indicators() -> None:
    assert reporters_of("trade.turnover", "CHN", "KAZ") == [("CHN", "KAZ"), ("KAZ", "CHN")]
    assert reporters_of("trade.turnover", "CHN", "C5") == [("CHN", "C5"), ("C5", "CHN")]
    assert reporters_of("gas.delivered", "TKM", "CHN") == [("TKM", "CHN")]
    assert reporters_of("aid.grants", "CHN", None) == [("CHN", None)]


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


def test_series_prefers_a_named_primary_then_the_value_most_figures_print() -> None:
    def row(value: float, source: str, publisher: str, primary: str | None = None) -> dict:
        r = _row("2024", "year", date(2024, 12, 31), value, "reported", source, publisher)
        r["primary_authority"] = primary
        return r

    # two pages copy a compiler's 18; the statistics office's 12.4 names its authority and wins
    picked = select_series([row(18, "a", "A"), row(18, "b", "B"), row(12.4, "c", "C", "uzb-stat")], "flow")
    assert [f.value for f in picked] == [12.4] and picked[0].authority == "uzb-stat"
    # without primaries, the value three pages print outvotes a misprint on a busier publisher's page
    rows = [row(70.2, "a", "A"), row(70.2, "b", "B"), row(70.2, "c", "C"), row(69.8, "d", "D")]
    rows += [_row("2023", "year", date(2023, 12, 31), 1, "reported", "d2", "D")]
    assert [f.value for f in select_series(rows, "flow")] == [1, 70.2]
