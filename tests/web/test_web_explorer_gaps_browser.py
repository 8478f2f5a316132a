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
    # Of the two cited sections (Interfax's "about 200 km", the President of Kazakhstan's office's 188 km) the
    # official figure stands.
    assert "188 km" in shapes["TKM"]["label"] and "Government of Kazakhstan" in shapes["TKM"]["label"], shapes["TKM"]
    listed = page.locator(".pipeline-lengths li").all_inner_texts()
    assert any(text.startswith("Turkmenistan: 188 km") for text in listed), listed
    assert not any("about 200 km" in text for text in listed), listed
    assert watched.problems == []


def test_the_explorer_map_draws_only_the_land_its_view_can_show(watched: Watched, server: str) -> None:
    five = "".join(f"&pair={c}:CHN" for c in ("KAZ", "KGZ", "TJK", "TKM", "UZB"))
    page = watched.open(f"{server}/explore?indicator=trade.exports{five}&view=map")
    drawn = page.evaluate("""async () => {
      const svg = document.querySelector("svg.map");
      const [, , w, h] = svg.getAttribute("viewBox").split(" ").map(Number);
      const topo = await (await fetch(document.body.dataset.atlas)).json();
      const numbers = (d) => (d.match(/-?\\d+(\\.\\d+)?/g) ?? []).map(Number);
      const land = [...svg.querySelectorAll("path.land")].map((p) => p.getAttribute("d") ?? "");
      const xs = land.flatMap((d) => numbers(d).filter((_, i) => i % 2 === 0));
      const ys = land.flatMap((d) => numbers(d).filter((_, i) => i % 2 === 1));
      return { land: land.length, empty: land.filter((d) => !d).length, world: topo.objects.countries.geometries.length,
        focus: svg.querySelectorAll("path.focus").length, w, h,
        minX: Math.min(...xs), maxX: Math.max(...xs), minY: Math.min(...ys), maxY: Math.max(...ys) };
    }""")
    assert drawn["focus"] == 6
    assert drawn["empty"] == 0
    assert 10 < drawn["land"] < drawn["world"] / 3, drawn  # the Americas and Africa are not in the page
    # Clipped to the drawing: nothing lies beyond it (the zoom never shows more than the drawing).
    assert drawn["minX"] >= -0.01 and drawn["maxX"] <= drawn["w"] + 0.01, drawn
    assert drawn["minY"] >= -0.01 and drawn["maxY"] <= drawn["h"] + 0.01, drawn
    assert watched.problems == []


def test_the_explorer_map_and_its_choices_speak_the_page_language(watched: Watched, server: str) -> None:
    five = "".join(f"&pair={c}:CHN" for c in ("KAZ", "KGZ", "TJK", "TKM", "UZB"))
    page = watched.open(f"{server}/explore?indicator=trade.exports{five}&view=map&lang=zh")
    kinds = page.locator("#explore-kind option").all_inner_texts()
    assert "年度" in kinds and "year" not in kinds, kinds
    values = page.locator(".explore-map-values li").all_inner_texts()
    assert len(values) == 5 and all("十亿美元" in v for v in values if "：" in v or ":" in v), values
    assert not [v for v in values if "bn USD" in v], values
    labels = page.locator("svg.map a[aria-label]").evaluate_all("(as) => as.map((a) => a.getAttribute('aria-label'))")
    assert any("十亿美元" in label for label in labels), labels
    assert watched.problems == []
