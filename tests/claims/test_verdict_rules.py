"""Each verdict rule against a small real ledger (the tiny fixtures plus a few rows).

The claims are read from sentences by the real extractor and then, where a rule is
about one field (whose statistics, which part, which direction, what measure), that
field is set, so that the test is about the verdict and not about extraction.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import write_tiny_data

from caravan.claims.claim import Claim
from caravan.claims.match import LedgerIndex
from caravan.claims.verify import (
    AVERAGE_GROWTH,
    CONFLICTING,
    CONTRADICTED,
    CURRENCY_AT_RATE,
    HEADLINE_AGAINST_BODY,
    PP_CHANGE,
    REPORTERS_RECORD,
    RUNNING_TOTAL,
    SELF_ONLY,
    STOCK_BY_DATE,
    SUM_OVER_FIVE,
    SUPPORTED,
    UNVERIFIABLE,
    Origin,
    Verdict,
    check_text,
    normalise_url,
    verify,
)
from caravan.ledger.build import build
from caravan.ledger.store import Ledger
from caravan.settings import Settings

EXTRA_SOURCES = """\
- id: src-a-revised
  publisher: Example Customs
  title: Trade of the example year, revised
  url: https://example.org/a-revised
  retrieved: 2026-11-29
  kind: official-statistics
  language: en
- id: src-c
  publisher: Example Statistics Yearbook
  title: Yearbook of the example year
  url: https://example.org/c
  retrieved: 2026-11-29
  kind: official-statistics
  language: en
- id: src-news
  publisher: Example Daily
  title: Kyrgyzstan and China trade in the example year
  url: https://example.com/news/trade-2025
  retrieved: 2026-11-29
  kind: news
  language: en
"""
EXTRA_INDICATORS = """\
- id: fdi.stock
  pillar: investment
  name: Direct investment stock
  unit: USD
  kind: stock
  definition: Stock of direct investment at a date.
- id: trade.imports
  pillar: trade
  name: Imports
  unit: USD
  kind: flow
  definition: Goods imported by the subject from the counterpart, as the subject's statistics report them.
- id: trade.partner_share
  pillar: trade
  name: Partner share
  unit: percent
  kind: rate
  definition: The counterpart's share, in percent, of the subject's total foreign trade turnover.
- id: trade.turnover.share_of_group
  pillar: trade
  name: Turnover, share of the group total
  unit: percent
  kind: rate
  definition: A member's trade.turnover as a percentage of the group's total from the same publisher.
- id: students.in_china
  pillar: people
  name: Students in China
  unit: person
  kind: stock
  definition: Students of the subject country studying in China.
"""
EXTRA_OBSERVATIONS = """\
trade.turnover,CHN,KGZ,2024,22.7,bn USD,src-a,"table 2, Kyrgyzstan",reported,
trade.turnover,CHN,TJK,2024,3.8,bn USD,src-a,"table 2, Tajikistan",reported,
trade.turnover,CHN,TJK,2024,4.2,bn USD,src-a-revised,"revised table 2, Tajikistan",reported,
trade.turnover,CHN,TKM,2024,10.5,bn USD,src-a,"table 2, Turkmenistan",reported,
trade.turnover,CHN,TKM,2022,11.0,bn USD,src-a,"table 0, Turkmenistan",reported,
trade.turnover,TKM,CHN,2023,9.0,bn USD,src-b,"partner table, China",reported,
trade.turnover,TKM,CHN,2024,9500,mn USD,src-b,"partner table, China, in millions",reported,
trade.turnover,CHN,UZB,2024,13.7,bn USD,src-a,"table 2, Uzbekistan",reported,
trade.turnover,CHN,KAZ,2021,25.3,bn USD,src-a,"table 0, Kazakhstan",reported,
trade.turnover,CHN,UZB,2023,15.2,bn USD,src-c,"yearbook table 7",reported,
trade.turnover,CHN,KGZ,2025,27.2,bn USD,src-news,"the article's figure",reported,
fdi.stock,CHN,KAZ,as-of 2023-03-31,15,bn USD,src-a,"exceeded 15 billion",reported,over
students.in_china,KAZ,CHN,2024,15000,person,src-a,"students table",reported,
trade.imports,KAZ,CHN,2024,15.4,bn USD,src-b,"imports table, China",reported,
trade.imports,CHN,KAZ,2024,9.8,bn USD,src-a,"imports table, Kazakhstan",reported,
trade.partner_share,UZB,CHN,2024,21.3,percent,src-b,"partners table, China",reported,
trade.turnover.share_of_group,CHN,KGZ,2024,24.1,percent,src-a,"table 2, Kyrgyzstan's share",reported,
"""


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LedgerIndex]:
    """The tiny ledger with the rows above, read once for the module."""
    data = write_tiny_data(tmp_path_factory.mktemp("rules"))
    _append(data / "sources/main.yaml", EXTRA_SOURCES)
    _append(data / "indicators/main.yaml", EXTRA_INDICATORS)
    _append(data / "observations/main.csv", EXTRA_OBSERVATIONS)
    cfg = Settings(ledger=data.parent / "caravan.duckdb", data=data)
    build(cfg, force=True)
    with Ledger(cfg.ledger) as ledger:
        yield LedgerIndex.load(ledger)


def claim_of(sentence: str, read_as: str, published: str = "2025-02-01", **fields: Any) -> Claim:
    """The one claim in unit `read_as` (alternatives split by `|`) read from `sentence`, with `fields` set."""
    claims = check_text(sentence, None, lang="en", published=published).claims
    found = [c.claim for c in claims if c.claim.unit in read_as.split("|")]
    assert len(found) == 1, [(c.raw, c.unit) for c in found]
    return replace(found[0], **fields)


def _says(v: Verdict, *words: str) -> None:
    for word in words:
        assert word in v.explanation, v.explanation


# --- contradicted only with the same definition, reporter, direction and period -------------


@pytest.mark.parametrize(
    ("sentence", "value", "indicator"),
    [
        ("In 2024 China accounted for 21.3 percent of Uzbekistan's foreign trade.", 21.3, "trade.partner_share"),
        (
            "In 2024 Kyrgyzstan's share of the total of China's trade with Central Asia was 24.1 percent.",
            24.1,
            "trade.turnover.share_of_group",
        ),
    ],
)
def test_shares_meet_the_ledger_total_owner_first(
    index: LedgerIndex, sentence: str, value: float, indicator: str
) -> None:
    # The claim names whose share it is first, the ledger whose total it is.
    claim = claim_of(sentence, "percent")
    assert claim.indicator == indicator and claim.value == pytest.approx(value)
    v = verify(claim, index)
    assert v.verdict == SUPPORTED, v.explanation


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Kazakhstan's imports from China reached $15.4 billion in 2024.", 15.4e9),
        ("China's imports from Kazakhstan reached $9.8 billion in 2024.", 9.8e9),
    ],
)
def test_imports_meet_the_ledger_importer_first(index: LedgerIndex, sentence: str, value: float) -> None:
    # The claim runs origin → destination (CHN → KAZ for Kazakhstan's imports from China); the
    # ledger's imports name the importer first. Read the other way round, each figure would meet
    # the other country's imports.
    claim = claim_of(sentence, "USD")
    assert claim.indicator == "trade.imports" and claim.value == pytest.approx(value)
    v = verify(claim, index)
    assert v.verdict == SUPPORTED, v.explanation


def test_the_same_reporters_differing_figure_contradicts(index: LedgerIndex) -> None:
    claim = claim_of("Trade between China and Kyrgyzstan reached $21.5 billion in 2023.", "USD", reporter="CHN")
    v = verify(claim, index)
    assert v.verdict == CONTRADICTED, v.explanation
    _says(v, "19.8 bn")


def test_another_reporters_figure_never_contradicts(index: LedgerIndex) -> None:
    # The ledger has only China's customs figure; the article quotes Kyrgyzstan's statistics.
    claim = claim_of("Trade between China and Kyrgyzstan reached $21.5 billion in 2023.", "USD", reporter="KGZ")
    v = verify(claim, index)
    assert v.verdict == UNVERIFIABLE
    _says(v, "KGZ's statistics", "CHN")


def test_an_unnamed_reporter_against_one_reporter_is_undecided(index: LedgerIndex) -> None:
    claim = claim_of("Trade between China and Kyrgyzstan reached $21.5 billion in 2023.", "USD", reporter=None)
    v = verify(claim, index)
    assert v.verdict == UNVERIFIABLE
    _says(v, "does not say whose statistics")


def test_two_reporters_both_differing_contradict_an_unnamed_one(index: LedgerIndex) -> None:
    # China's customs (43.8) and Kazakhstan's statistics (30.1) both differ from 48, by more than a revision.
    claim = claim_of("Trade between China and Kazakhstan reached $48 billion in 2024.", "USD", reporter=None)
    assert verify(claim, index).verdict == CONTRADICTED


@pytest.mark.parametrize("figure", ["$44.5 billion", "$41.5 billion"])
def test_a_figure_near_a_reporters_only_release_may_be_a_revision(index: LedgerIndex, figure: str) -> None:
    # The ledger holds one release of China's customs' 43.8 for 2024: within 6 % of it, a later release may say so.
    claim = claim_of(f"Trade between China and Kazakhstan reached {figure} in 2024.", "USD", reporter=None)
    v = verify(claim, index)
    assert v.verdict == UNVERIFIABLE, v.explanation
    _says(v, "one release", "revised release")


def test_a_figure_between_two_reporters_is_neither_reporters(index: LedgerIndex) -> None:
    # China's customs (43.8) and Kazakhstan's statistics (30.1): 36 is no release of either.
    claim = claim_of("Trade between China and Kazakhstan reached $36 billion in 2024.", "USD", reporter=None)
    v = verify(claim, index)
    assert v.verdict == CONTRADICTED, v.explanation


def test_a_figure_between_two_releases_of_one_reporter_is_undecided(index: LedgerIndex) -> None:
    # China's customs gives 3.8 and, revised, 4.2: a figure between them may be a third release.
    claim = claim_of("Trade between China and Tajikistan reached $4.0 billion in 2024.", "USD", reporter="CHN")
    v = verify(claim, index)
    assert v.verdict == UNVERIFIABLE, v.explanation
    _says(v, "another release")
    beyond = claim_of("Trade between China and Tajikistan reached $6.0 billion in 2024.", "USD", reporter="CHN")
    assert verify(beyond, index).verdict == CONTRADICTED


@pytest.mark.parametrize(
    ("figure", "verdict"),
    [
        ("$17 billion", CONTRADICTED),  # 1.55 times China's 11.0: above every reporter the ledger records
        ("$7 billion", CONTRADICTED),  # 0.64 times: below the partner's 0.85 and 0.90, with a tenth to spare
        ("$8.7 billion", UNVERIFIABLE),  # 0.79 times: where the partner's own figure may lie
    ],
)
def test_the_reporters_recorded_gap_decides_an_unnamed_reporter(index: LedgerIndex, figure: str, verdict: str) -> None:
    # For 2022 the ledger has only China's figure (11.0); for 2023 and 2024 it has Turkmenistan's
    # beside China's, at 0.85 and 0.90 times China's (one printed in millions: compared in one unit).
    claim = claim_of(f"Trade between China and Turkmenistan reached {figure} in 2022.", "USD", reporter=None)
    v = verify(claim, index)
    assert v.verdict == verdict, v.explanation
    if verdict == CONTRADICTED:
        _says(v, REPORTERS_RECORD, "in 2 other periods", "0.85–0.90 times")
    else:
        _says(v, "does not say whose statistics")


def test_one_period_of_record_is_not_a_record(index: LedgerIndex) -> None:
    # Kazakhstan's figure beside China's in 2024 only: 2023's China figure alone does not decide.
    claim = claim_of("Trade between China and Kazakhstan reached $70 billion in 2023.", "USD", reporter=None)
    assert verify(claim, index).verdict == UNVERIFIABLE


@pytest.mark.parametrize(("share", "verdict"), [("24.1", SUPPORTED), ("36", CONTRADICTED), ("14", CONTRADICTED)])
def test_a_share_of_chinas_total_is_chinas_statistic(index: LedgerIndex, share: str, verdict: str) -> None:
    # The total is China's trade with the group, which only China's statistics hold: whose figures
    # the share is need not be said, and a share beyond the wording is wrong.
    claim = claim_of(
        f"In 2024 Kyrgyzstan's share of the total of China's trade with Central Asia was {share} percent.",
        "percent",
        reporter=None,
    )
    v = verify(claim, index)
    assert v.verdict == verdict, v.explanation


def test_a_part_is_never_contradicted_by_the_whole(index: LedgerIndex) -> None:
    claim = claim_of(
        "Trade in agricultural products between China and Kazakhstan reached $40 billion in 2024.",
        "USD",
        reporter="CHN",
        part="agricultural products",
    )
    v = verify(claim, index)
    assert v.verdict == UNVERIFIABLE
    _says(v, "part (agricultural products)")


def test_direction_matters_for_a_flow(index: LedgerIndex) -> None:
    # The ledger counts Kazakh students in China (KAZ→CHN); Chinese students in Kazakhstan are another flow.
    claim = claim_of(
        "There were 1,200 Chinese students in Kazakhstan in 2024.",
        "persons",
        indicator="students.in_china",
        family="students",
        subject="CHN",
        counterpart="KAZ",
        reporter="KAZ",
    )
    v = verify(claim, index)
    assert v.verdict == UNVERIFIABLE
    assert all(e.value != 15000 for e in v.evidence)
    same_way = verify(replace(claim, subject="KAZ", counterpart="CHN", value=15000.0, raw="15,000"), index)
    assert same_way.verdict == SUPPORTED, same_way.explanation


def test_turnover_matches_either_way_round(index: LedgerIndex) -> None:
    claim = claim_of("Trade between Kazakhstan and China reached $43.8 billion in 2024.", "USD")
    for subject, counterpart in (("KAZ", "CHN"), ("CHN", "KAZ")):
        assert verify(replace(claim, subject=subject, counterpart=counterpart), index).verdict == SUPPORTED


def test_a_period_read_from_around_the_sentence_never_contradicts(index: LedgerIndex) -> None:
    claim = claim_of("Trade between China and Kazakhstan reached $44.5 billion in 2024.", "USD")
    moved = replace(claim, sentence="Trade between the two countries reached $44.5 billion.")
    v = verify(moved, index)
    assert v.verdict == UNVERIFIABLE
    _says(v, "not stated in its sentence")


def test_the_ledgers_rounding_is_allowed(index: LedgerIndex) -> None:
    # "41 bn" may be anything from 40.5 to 41.5 bn: 41.3 is not contradicted by it.
    claim = claim_of("Trade between China and Kazakhstan reached $41.3 billion in 2023.", "USD", reporter="CHN")
    v = verify(claim, index)
    assert v.verdict == UNVERIFIABLE
    _says(v, "rounding")


# --- conflicting evidence ------------------------------------------------------------------


def test_sources_of_one_reporter_that_disagree_are_conflicting(index: LedgerIndex) -> None:
    # Customs gives 14 bn for China–Uzbekistan 2023, the yearbook 15.2 bn: both official, both China's.
    claim = claim_of("Trade between China and Uzbekistan reached $14 billion in 2023.", "USD", reporter="CHN")
    v = verify(claim, index)
    assert v.verdict == CONFLICTING, v.explanation
    assert {e.source_id for e in v.evidence} == {"src-a", "src-c"}
    _says(v, "sources disagree", "14 bn", "15.2 bn")


# --- independence --------------------------------------------------------------------------


ARTICLE = "Trade between China and Kyrgyzstan reached $27.2 billion in 2025."


@pytest.mark.parametrize(
    "url", ["https://example.com/news/trade-2025", "http://www.Example.com/news/trade-2025/?utm_source=feed"]
)
def test_the_article_itself_never_supports_it(index: LedgerIndex, url: str) -> None:
    result = check_text(f"URL: {url}\nLANG: en\nTITLE: Trade report\n\n{ARTICLE}", index, published="2026-02-01")
    (item,) = [c for c in result.claims if c.claim.unit == "USD"]
    assert item.verdict.verdict == SELF_ONLY, item.verdict.explanation
    assert [e.independent for e in item.verdict.evidence] == [False]


def test_the_same_report_republished_is_the_article_itself(index: LedgerIndex) -> None:
    text = (
        f"URL: https://elsewhere.example.net/copy\nTITLE: Kyrgyzstan and China trade in the example year\n\n{ARTICLE}"
    )
    (item,) = [c for c in check_text(text, index, lang="en", published="2026-02-01").claims if c.claim.unit == "USD"]
    assert item.verdict.verdict == SELF_ONLY


def test_another_article_is_supported_by_that_report(index: LedgerIndex) -> None:
    text = f"URL: https://another.example.net/story\nTITLE: Trade\n\n{ARTICLE}"
    (item,) = [c for c in check_text(text, index, lang="en", published="2026-02-01").claims if c.claim.unit == "USD"]
    assert item.verdict.verdict == SUPPORTED
    assert all(e.independent for e in item.verdict.evidence)


def test_addresses_are_normalised() -> None:
    assert normalise_url("HTTPS://www.example.com/a/b/?utm_medium=x#top") == "example.com/a/b"
    assert normalise_url("example.com/a?id=3") == "example.com/a?id=3"
    assert normalise_url("") is None


# --- reasoning steps, each named ------------------------------------------------------------


def test_a_running_total_reached_before_the_date_supports_over(index: LedgerIndex) -> None:
    claim = claim_of(
        "Gas deliveries from Central Asia to China passed 400 bcm by the end of 2023.",
        "bcm",
        indicator="gas.delivered.cumulative",
        period="cumulative-to 2023-12-31",
        qualifiers=["over"],
        subject="C5",
        counterpart="CHN",
    )
    v = verify(claim, index)
    assert v.verdict == SUPPORTED, v.explanation
    assert RUNNING_TOTAL in v.reasoning
    _says(v, RUNNING_TOTAL, "2022-12-31")


def test_a_later_larger_running_total_does_not_contradict_an_earlier_one(index: LedgerIndex) -> None:
    claim = claim_of(
        "Gas deliveries from Central Asia to China reached 300 bcm by the end of 2020.",
        "bcm",
        indicator="gas.delivered.cumulative",
        period="cumulative-to 2020-12-31",
        qualifiers=[],
        subject="C5",
        counterpart="CHN",
    )
    assert verify(claim, index).verdict == UNVERIFIABLE


def test_a_stock_above_the_figure_within_the_year_supports_by_that_year(index: LedgerIndex) -> None:
    claim = claim_of(
        "By 2023, Chinese investment in Kazakhstan had exceeded $15 billion.",
        "USD",
        indicator="invest.stock",
        family="invest",
        period="as-of 2023",
        qualifiers=["over"],
        subject="CHN",
        counterpart="KAZ",
    )
    v = verify(claim, index)
    assert v.verdict == SUPPORTED, v.explanation
    assert STOCK_BY_DATE in v.reasoning


def test_average_annual_growth_is_computed_over_the_span(index: LedgerIndex) -> None:
    # (43.8 / 25.3) ^ (1/3) − 1 = 20.1 % a year, 2021 to 2024.
    claim = claim_of(
        "Trade between China and Kazakhstan grew at an average annual rate of 20.1% in 2021-2024.",
        "percent",
        measure="avg_growth",
        indicator="trade.turnover.avg_growth",
        period="2021/2024",
        subject="CHN",
        counterpart="KAZ",
    )
    v = verify(claim, index)
    assert v.verdict == SUPPORTED, v.explanation
    assert AVERAGE_GROWTH in v.reasoning and "^(1/3)" in v.explanation


def test_average_growth_is_never_one_years_growth(index: LedgerIndex) -> None:
    # 6.8 % is 2024's growth over 2023, not the average over 2021–2024.
    claim = claim_of(
        "Trade between China and Kazakhstan grew at an average annual rate of 6.8% in 2021-2024.",
        "percent",
        measure="avg_growth",
        indicator="trade.turnover.avg_growth",
        period="2021/2024",
        subject="CHN",
        counterpart="KAZ",
    )
    v = verify(claim, index)
    assert v.verdict != SUPPORTED, v.explanation
    assert all(not e.indicator.endswith(".yoy") for e in v.evidence)


@pytest.mark.parametrize(("value", "verdict"), [(0.4, SUPPORTED), (6.8, UNVERIFIABLE)])
def test_a_percentage_point_change_is_a_change_of_shares(index: LedgerIndex, value: float, verdict: str) -> None:
    # Kazakhstan's share of the five: 45.9 % in 2023, 46.3 % in 2024, +0.4 points; 6.8 is the growth rate.
    claim = claim_of(
        f"Kazakhstan's share of China's trade with Central Asia rose by {value} percentage points in 2024.",
        "pp|percent",
        measure="pp_change",
        indicator="trade.turnover.share.pp_change",
        unit="pp",
        value=value,
        raw=str(value),
        decimals=1,
        subject="KAZ",  # whose share it is comes first (the ledger names the total's owner first)
        counterpart="CHN",
        period="2024",
        base="2023",
    )
    v = verify(claim, index)
    assert v.verdict == verdict, v.explanation
    assert PP_CHANGE in v.reasoning
    assert all(not e.indicator.endswith(".yoy") for e in v.evidence)


def test_sum_over_the_five_and_currency_are_named(index: LedgerIndex) -> None:
    result = check_text(
        "China's trade with the Central Asian countries was $89.3 billion in 2023. "
        "Trade between China and the Central Asian states reached $94.66 billion in 2024.",
        index,
        lang="en",
        published="2025-02-01",
    )
    by_value = {c.claim.value: c.verdict for c in result.claims if c.claim.unit == "USD"}
    assert SUM_OVER_FIVE in by_value[89.3e9].reasoning
    assert by_value[94.66e9].verdict == SUPPORTED
    assert CURRENCY_AT_RATE in by_value[94.66e9].reasoning
    assert CURRENCY_AT_RATE in by_value[94.66e9].explanation


def test_a_headline_its_own_body_and_the_ledger_give_otherwise_is_contradicted(index: LedgerIndex) -> None:
    text = (
        "TITLE: Trade between China and Kyrgyzstan reached $18.9 billion in 2023\n\n"
        "Trade between China and Kyrgyzstan reached $19.8 billion in 2023."
    )
    result = check_text(text, index, lang="en", published="2024-02-01")
    (head,) = [c for c in result.claims if c.claim.headline]
    assert head.verdict.verdict == CONTRADICTED, head.verdict.explanation
    assert HEADLINE_AGAINST_BODY in head.verdict.reasoning


# --- a true claim is never contradicted by evidence that does not decide it -----------------

WRONG_EVIDENCE = {
    "part for the whole": {"reporter": "CHN", "part": "agricultural products"},
    "another reporter": {"reporter": "KAZ"},
    "the other direction": {
        "indicator": "students.in_china",
        "family": "students",
        "unit": "persons",
        "subject": "CHN",
        "counterpart": "KAZ",
        "reporter": "KAZ",
    },
}


@settings(max_examples=60, deadline=None)
@given(kind=st.sampled_from(sorted(WRONG_EVIDENCE)), factor=st.floats(min_value=0.3, max_value=3.0))
def test_a_true_claim_is_never_contradicted_by_evidence_that_does_not_decide_it(
    index: LedgerIndex, kind: str, factor: float
) -> None:
    # Whatever the article's (true) figure is, a part, another reporter's figure for 2023 or the
    # flow the other way round never makes it "contradicted".
    fields = WRONG_EVIDENCE[kind]
    base = 15000.0 if kind == "the other direction" else 41e9
    sentence = "Trade between China and Kazakhstan reached $1 billion in 2023."
    changes: dict[str, Any] = {
        "subject": "CHN",
        "counterpart": "KAZ",
        "period": "2023" if kind != "the other direction" else "2024",
        "sentence": sentence.replace("2023", "2023 and 2024"),
        "value": round(base * factor, -3 if kind == "the other direction" else 8),
        **fields,
    }
    claim = replace(claim_of(sentence, "USD", published="2024-02-01"), **changes)
    v = verify(claim, index, origin=Origin())
    assert v.verdict != CONTRADICTED, (kind, claim.value, v.explanation)


@pytest.mark.parametrize(
    ("sentence", "stated"),
    [
        ("Trade reached $43.8 billion in 2024.", True),
        ("Trade reached $43.8 billion, up 6.8% on 2024.", False),
        ("Товарооборот составил $43,8 млрд — больше, чем в 2024 году.", False),
        ("贸易额比2024年增长6.8%。", False),
        ("Trade has grown 70% since 2024.", False),
    ],
)
def test_a_base_year_does_not_state_the_period(sentence: str, stated: bool) -> None:
    from caravan.claims.gates import period_stated

    claim = claim_of("Trade between China and Kazakhstan reached $43.8 billion in 2024.", "USD")
    assert period_stated(replace(claim, sentence=sentence, period="2024")) is stated


def test_a_neighbouring_years_figure_with_the_period_read_from_around_is_no_accusation(index: LedgerIndex) -> None:
    # 43.8 bn is the ledger's figure for 2024; the claim's 2023 came from the base ("than in 2023").
    claim = claim_of("Trade between China and Kazakhstan reached $43.8 billion in 2024.", "USD")
    moved = replace(claim, period="2023", sentence="Trade reached $43.8 billion, more than in 2023.")
    v = verify(moved, index)
    assert v.verdict == UNVERIFIABLE, v.explanation
    _says(v, "2024", "not stated in its sentence")
    assert verify(replace(claim, period="2025", reporter="CHN"), index).verdict != CONTRADICTED


def test_a_figure_cut_rather_than_rounded_is_not_contradicted(index: LedgerIndex) -> None:
    # China's 19.8 bn written as "$19 billion" (cut, not rounded), quoting China's own statistics.
    claim = claim_of("Trade between China and Kyrgyzstan reached $19 billion in 2023.", "USD", reporter="CHN")
    v = verify(claim, index)
    assert v.verdict == UNVERIFIABLE, v.explanation
    _says(v, "cut to the digits written")
    assert verify(replace(claim, value=18e9, raw="18"), index).verdict == CONTRADICTED


@pytest.mark.parametrize(
    ("sentence", "stated"),
    [
        # A year in Chinese numerals states it; so does a year relative to publication in the figure's clause.
        ("二○二四年中哈贸易额达到438亿美元。", True),
        ("去年中哈贸易额达到438亿美元。", True),
        ("Last year trade reached $43.8 billion.", True),
        ("В прошлом году товарооборот составил $43,8 млрд.", True),
        # "the same period last year" and 去年同期 are the base, not the period.
        ("贸易额较去年同期增长6.8%。", False),
        ("Trade reached $43.8 billion, up 6.8% compared with last year.", False),
    ],
)
def test_years_in_chinese_numerals_and_relative_years_state_the_period(sentence: str, stated: bool) -> None:
    from caravan.claims.gates import period_stated

    claim = claim_of("Trade between China and Kazakhstan reached $43.8 billion in 2024.", "USD")
    assert period_stated(replace(claim, sentence=sentence, period="2024", start=0, sentence_start=0)) is stated


@pytest.mark.parametrize(
    ("sentence", "figure", "stated"),
    [
        # A relative year in a phrase put before the figure's clause states it.
        (
            "In the first two months of this year, trade between China and Kazakhstan surged 22% year on year.",
            "22%",
            True,
        ),
        ("За январь–февраль этого года, по данным таможни, товарооборот вырос на 22%.", "22%", True),
        ("Compared with last year, trade between China and Kazakhstan rose 22%.", "22%", False),
        # The figure in brackets right after a base year is that year's; the base figure's own is not.
        ("Товарооборот составил $94,8 млрд — на $5,4 млрд больше, чем в 2023 году ($89,4 млрд).", "$89,4", True),
        ("贸易额为948亿美元，比2023年（894亿美元）增长6%。", "894", True),
        ("Товарооборот составил $94,8 млрд — на $5,4 млрд больше, чем в 2023 году ($89,4 млрд).", "$5,4", False),
        ("Trade reached $94.8 billion in 2024, up from 2023 (when it was lower), by $5.4 billion.", "$5.4", False),
    ],
)
def test_a_period_stated_before_the_figure_or_around_it_in_brackets(sentence: str, figure: str, stated: bool) -> None:
    from caravan.claims.gates import period_stated

    claim = claim_of("Trade between China and Kazakhstan reached $43.8 billion in 2024.", "USD")
    at = sentence.index(figure)
    assert period_stated(replace(claim, sentence=sentence, period="2023", start=at, sentence_start=0)) is stated


def test_a_relative_year_decides_only_with_a_publication_date(index: LedgerIndex) -> None:
    # China's customs (43.8) and Kazakhstan's statistics (30.1) both differ from 65.7.
    text = "Last year trade between China and Kazakhstan reached $65.7 billion."
    dated = check_text(text, index, lang="en", published="2025-02-01").claims
    assert [c.verdict.verdict for c in dated if c.claim.unit == "USD"] == [CONTRADICTED]
    from caravan.claims.evidence import CheckedClaim
    from caravan.claims.verify import _undated_relative

    undated = [CheckedClaim(c.claim, c.verdict) for c in dated if c.claim.unit == "USD"]
    _undated_relative(undated)
    assert undated[0].verdict.verdict == UNVERIFIABLE
    _says(undated[0].verdict, "no publication date")
    zh = check_text("二○二四年中哈贸易额达到657亿美元。", index, lang="zh", published="2025-02-01").claims
    assert [c.verdict.verdict for c in zh if c.claim.unit == "USD"] == [CONTRADICTED]


@pytest.mark.parametrize(("base", "verdict"), [("2023", CONTRADICTED), ("2021", UNVERIFIABLE)])
def test_a_base_one_year_before_confirms_the_year_read_from_around(index: LedgerIndex, base: str, verdict: str) -> None:
    text = (
        f"China's customs published the figures for 2024 this week and revised those for 2020. In 2024 trade "
        f"grew fast. Trade between China and Kazakhstan reached $65.7 billion, far more than in {base}."
    )
    claims = check_text(text, index, lang="en", published="2025-02-01").claims
    (level,) = [c for c in claims if c.claim.unit == "USD"]
    assert level.claim.period == "2024"
    assert level.verdict.verdict == verdict, level.verdict.explanation


@pytest.mark.parametrize(
    ("first", "verdict"),
    [
        # The one year the article names before the figure: the period is stated around it.
        ("China's customs published its figures for 2024 this week.", CONTRADICTED),
        # An earlier paragraph naming two years leaves the figure's year unstated: it may be either.
        ("China's customs published its figures for 2024 and revised those for 2020.", UNVERIFIABLE),
    ],
)
def test_a_year_stated_alone_before_the_figure_may_decide_it(index: LedgerIndex, first: str, verdict: str) -> None:
    text = f"{first}\n\nIn 2024 trade grew fast.\n\nTrade between China and Kazakhstan reached $65.7 billion."
    claims = check_text(text, index, lang="en", published="2025-02-01").claims
    (level,) = [c for c in claims if c.claim.unit == "USD"]
    assert level.claim.period == "2024"
    assert level.verdict.verdict == verdict, level.verdict.explanation


def test_a_short_ledger_id_is_read_with_its_name() -> None:
    # `trade.growth` is named "Trade turnover growth": it measures a turnover's growth, not exports'.
    index = LedgerIndex(indicators={"trade.growth": {"id": "trade.growth", "name": "Trade turnover growth"}})
    claim = claim_of("Trade between China and Kazakhstan grew 12% in 2024.", "percent")
    assert index.comparable(replace(claim, indicator="trade.turnover.growth_yoy"), "trade.growth")
    assert not index.comparable(replace(claim, indicator="trade.exports.growth_yoy"), "trade.growth")
    assert not LedgerIndex().comparable(replace(claim, indicator="trade.turnover.growth_yoy"), "trade.growth")
