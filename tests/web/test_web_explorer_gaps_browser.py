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


def test_the_gas_map_colours_the_countries_the_lines_cross_by_their_cited_length(watched: Watched, server: str) -> None:
    page = watched.open(f"{server}/energy")
    shapes = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll("svg.map path.focus")]
      .map((p) => [p.dataset.country, { km: p.dataset.km ?? null, crossed: p.classList.contains("crossed"),
        fill: getComputedStyle(p).fill, label: p.parentNode.getAttribute("aria-label"),
        href: p.parentNode.getAttribute("href") }]))""")
    # Lines A, B and C run from Turkmenistan through Uzbekistan and Kazakhstan: none of the three is blank.
    for code in ("TKM", "UZB", "KAZ"):
        assert shapes[code]["crossed"], code
        assert shapes[code]["km"] is not None, (code, shapes[code])
        assert "km" in shapes[code]["label"] and "/sources/" in shapes[code]["href"], shapes[code]
    assert float(shapes["KAZ"]["km"]) > float(shapes["UZB"]["km"]) > float(shapes["TKM"]["km"])
    assert len({shapes[c]["fill"] for c in ("TKM", "UZB", "KAZ")}) == 3  # the colour says the quantity
    assert "about 200 km" in shapes["TKM"]["label"] and "Interfax" in shapes["TKM"]["label"]
    listed = page.locator(".pipeline-lengths li").all_inner_texts()
    assert any(text.startswith("Turkmenistan: about 200 km") for text in listed), listed
    assert watched.problems == []
