"""The explorer's remaining gaps, in a real browser: derived figures shown as far as they mean something,
the gas map's countries coloured by a cited quantity, Turkmenistan included.

Debian's Chromium, headless, driven by Playwright against `caravan serve` on the real ledger.
"""

from __future__ import annotations

import re

import pytest

from .test_web_browser import CHROMIUM, Watched, browser, watched

__all__ = ["browser", "watched"]  # the fixtures, shared with the main browser tests

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (scripts/test installs it)"),
]

# A percentage written more exactly than it means: from one point up more than one decimal (78.77622378%,
# 12.35 %), below one point more than two significant digits (0.6412 %).
OVERLY_EXACT = re.compile(r"(?<![\d.,])(?:[1-9][\d,\s]*[.,]\d{2,}|0[.,]0*[1-9]\d{2,})\s?%")


def test_the_mirror_ratio_is_shown_to_a_tenth_of_a_point(watched: Watched, server: str) -> None:
    page = watched.open(f"{server}/trade")
    mirror = page.locator("section", has=page.locator("h2", has_text="Mirror gaps")).first
    tips = mirror.locator("svg.chart a").evaluate_all("(as) => as.map((a) => a.dataset.tip)")
    assert len(tips) >= 5, tips
    assert all("%" in tip for tip in tips), tips[:3]
    assert [tip for tip in tips if OVERLY_EXACT.search(tip)] == []
    cells = mirror.locator("table td.num").evaluate_all("(tds) => tds.map((td) => td.textContent)")  # folded away
    ratios = [c for c in cells if c.endswith("%")]
    assert ratios, cells[:12]
    assert [c for c in ratios if OVERLY_EXACT.search(c)] == []
    assert watched.problems == []
