"""A bound in the ledger ("over 100 bn") never makes a true figure 'contradicted'."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from caravan.claims.match import LedgerIndex
from caravan.claims.verify import CONTRADICTED, SUPPORTED, UNVERIFIABLE, check_text, verify
from caravan.ledger.build import build
from caravan.ledger.store import Ledger
from caravan.settings import Settings


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


@pytest.fixture
def bounded(tiny_settings: Settings) -> Settings:
    # The ledger knows China–Kazakhstan trade in 2025 only as "over 50 billion".
    _append(
        tiny_settings.data / "observations/main.csv",
        "trade.turnover,CHN,KAZ,2025,50,bn USD,src-a,exceeded 50 billion,reported,over\n",
    )
    build(tiny_settings, force=True)
    return tiny_settings


@pytest.mark.parametrize(
    ("figure", "reporter", "verdict"),
    [
        ("$52.5 billion", "CHN", UNVERIFIABLE),  # above the bound: consistent, not decided
        ("$40 billion", "CHN", CONTRADICTED),  # below "over 50" of China's own statistics: the bound decides
        ("$40 billion", None, UNVERIFIABLE),  # whose statistics unsaid, one reporter in the ledger: undecided
    ],
)
def test_a_bound_decides_only_outside_it(bounded: Settings, figure: str, reporter: str | None, verdict: str) -> None:
    text = f"Trade between China and Kazakhstan reached {figure} in 2025."
    with Ledger(bounded.ledger) as ledger:
        claims = [c.claim for c in check_text(text, None, lang="en", published="2026-02-01").claims]
        index = LedgerIndex.load(ledger)
    verdicts = [verify(replace(c, reporter=reporter), index) for c in claims if c.unit == "USD"]
    assert [v.verdict for v in verdicts] == [verdict], [v.explanation for v in verdicts]


def test_an_exact_figure_still_supports(bounded: Settings) -> None:
    with Ledger(bounded.ledger) as ledger:
        result = check_text(
            "Trade between China and Kazakhstan reached $43.8 billion in 2024.",
            ledger,
            lang="en",
            published="2025-02-01",
        )
    assert [c.verdict.verdict for c in result.claims if c.claim.unit == "USD"] == [SUPPORTED]


@pytest.mark.parametrize(
    "sentence",
    [
        "Trade between China and Kazakhstan grew by 2% in 2025 compared with 2024.",
        "Trade between China and Kazakhstan increased by $1 billion in 2025.",
    ],
)
def test_no_change_is_computed_from_a_bound(bounded: Settings, sentence: str) -> None:
    # 2024 is exact (43.8 bn) but 2025 is only "over 50 bn": neither the growth nor the change is known.
    with Ledger(bounded.ledger) as ledger:
        result = check_text(sentence, ledger, lang="en", published="2026-02-01")
    assert [c.verdict.verdict for c in result.claims] == [UNVERIFIABLE], [c.verdict.explanation for c in result.claims]
