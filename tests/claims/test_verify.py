"""Verdicts against a real (tiny) ledger built from curated files the fixtures write."""

from __future__ import annotations

from caravan.claims import check_text
from caravan.claims.verify import CheckResult
from caravan.ledger.store import Ledger


def _check(text: str, ledger: Ledger, published: str = "2025-01-24") -> CheckResult:
    return check_text(text, ledger, lang="en", published=published)


def _only(result: CheckResult, value: float) -> tuple[str, str, list]:
    hits = [
        c for c in result.claims if isinstance(c.claim.value, float) and abs(c.claim.value - value) < 1e-3 * abs(value)
    ]
    assert len(hits) == 1, [(c.claim.raw, c.claim.value) for c in result.claims]
    v = hits[0].verdict
    return v.verdict, v.explanation, v.evidence


def test_supported_with_source(tiny_ledger: Ledger) -> None:
    text = "Trade between China and Kazakhstan reached $43.8 billion in 2024."
    verdict, _, evidence = _only(_check(text, tiny_ledger), 43.8e9)
    assert verdict == "supported"
    assert evidence[0].source_url == "https://example.org/a"
    assert evidence[0].locator == "table 2, Kazakhstan"


def test_qualifier_widens_the_tolerance(tiny_ledger: Ledger) -> None:
    text = "Trade between China and Kazakhstan reached almost $44 billion in 2024."
    assert _only(_check(text, tiny_ledger), 44e9)[0] == "supported"
    text = "Trade between China and Kazakhstan reached $48 billion in 2024."
    verdict, explanation, _ = _only(_check(text, tiny_ledger), 48e9)
    assert verdict == "contradicted"
    assert "differs by 4.2 bn" in explanation


def test_last_years_figure_is_outdated(tiny_ledger: Ledger) -> None:
    verdict, explanation, evidence = _only(
        _check("Trade between China and Kazakhstan reached $41 billion in 2024.", tiny_ledger), 41e9
    )
    assert verdict == "outdated"
    assert "2023" in explanation
    assert {e.period for e in evidence} == {"2023", "2024"}


def test_unverifiable_says_what_is_needed(tiny_ledger: Ledger) -> None:
    verdict, explanation, _ = _only(
        _check("Trade between China and Tajikistan reached $4.1 billion in 2024.", tiny_ledger), 4.1e9
    )
    assert verdict == "unverifiable"
    assert "2024" in explanation


def test_sum_over_the_five_with_lineage(tiny_ledger: Ledger) -> None:
    text = "China's trade with the Central Asian countries was $89.3 billion in 2023."
    verdict, _, evidence = _only(_check(text, tiny_ledger), 89.3e9)
    assert verdict == "supported"
    assert evidence[0].method == "derived"
    assert len(evidence[0].lineage) == 5
    assert {row["subject"] for row in evidence[0].lineage} == {"CHN"}


def test_growth_from_two_years(tiny_ledger: Ledger) -> None:
    text = "Trade between China and Kazakhstan grew 6.8 percent in 2024."
    verdict, explanation, evidence = _only(_check(text, tiny_ledger), 6.8)
    assert verdict == "supported", explanation
    assert evidence[0].method == "derived"
    assert "growth" in (evidence[0].locator or "")


def test_absolute_change_is_computed(tiny_ledger: Ledger) -> None:
    text = "Trade between China and Kazakhstan rose by $2.8 billion in 2024."
    verdict, _, evidence = _only(_check(text, tiny_ledger), 2.8e9)
    assert verdict == "supported"
    assert {e.period for e in evidence} == {"2023", "2024"}


def test_yuan_checked_through_a_cited_exchange_rate(tiny_ledger: Ledger) -> None:
    text = "Trade between China and the Central Asian states reached $94.66 billion in 2024."
    result = _check(text, tiny_ledger)
    verdict, explanation, evidence = _only(result, 94.66e9)
    assert verdict == "supported", explanation
    assert "7.1217" in explanation
    assert any(e.indicator == "fx.cny_per_usd" for e in evidence)
    assert result.claims[0].verdict.arithmetic


def test_dated_event(tiny_ledger: Ledger) -> None:
    result = check_text("The summit was held in Almaty on May 18, 2023.", tiny_ledger, lang="en")
    (item,) = [c for c in result.claims if c.claim.unit == "date"]
    assert item.verdict.verdict == "supported"
    result = check_text("The summit was held in Almaty on May 28, 2023.", tiny_ledger, lang="en")
    (item,) = [c for c in result.claims if c.claim.unit == "date"]
    assert item.verdict.verdict == "contradicted"
