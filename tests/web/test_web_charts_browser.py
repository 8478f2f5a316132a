"""Charts people can use, in a real browser: one tab stop per chart, values on hover, tap and focus,
contrast and focus rings measured from computed styles, readable at phone width, downloads that are whole.

Debian's Chromium, headless, driven by Playwright against `caravan serve` on the real ledger.
"""

from __future__ import annotations

import csv
import io
import json
import struct
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from .test_web_browser import CHROMIUM, PAGES, SCREENSHOTS, Watched, browser, watched

__all__ = ["browser", "watched"]  # the fixtures, shared with the main browser tests

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (scripts/test installs it)"),
]

# WCAG 2 relative luminance and contrast, on colours composed over the backgrounds under them.
CONTRAST = """
const parse = (c) => {
  const m = /rgba?\\(([^)]+)\\)/.exec(c || "");
  if (!m) return null;
  const p = m[1].split(/[\\s,/]+/).filter(Boolean).map(Number);
  return [p[0], p[1], p[2], p[3] ?? 1];
};
const lum = (c) => {
  const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
};
const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
const over = (fg, bg) => [0, 1, 2].map((i) => fg[i] * fg[3] + bg[i] * (1 - fg[3]));
const chain = (node) => {
  const out = [];
  for (let n = node; n && n.nodeType === 1; n = n.parentElement) out.push(n);
  return out;
};
// The colour behind a node: every background from the page down to it, composed.
const backdrop = (node) => chain(node).reverse().reduce((bg, n) => {
  const c = parse(getComputedStyle(n).backgroundColor);
  return c && c[3] > 0 ? over(c, bg) : bg;
}, [255, 255, 255]);
const opacity = (node) => chain(node).reduce((o, n) => o * Number(getComputedStyle(n).opacity), 1);
"""

# Every visible text on the page that is not drawn over a map: its contrast with what is behind it.
TEXT_CONTRAST = f"""() => {{
{CONTRAST}
  const out = [];
  for (const node of document.querySelectorAll("body *")) {{
    if (node.closest("svg.map, script, style, [hidden], .visually-hidden, .skip-link")) continue;
    const own = [...node.childNodes].some((c) => c.nodeType === 3 && c.textContent.trim());
    if (!own || !node.getClientRects().length) continue;
    const style = getComputedStyle(node);
    if (style.visibility !== "visible") continue;
    const svgText = node instanceof SVGElement;
    const colour = parse(svgText ? style.fill : style.color);
    if (!colour) continue;
    const back = backdrop(svgText ? node.closest("svg").parentElement : node);
    const fg = over([...colour.slice(0, 3), colour[3] * opacity(node)], back);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    out.push({{ text: node.textContent.trim().slice(0, 40), tag: node.tagName,
      cls: String(node.className?.baseVal ?? node.className), ratio: ratio(fg, back), need: large ? 3 : 4.5 }});
  }}
  return out;
}}"""

# The focused element's focus indicator: its outline against what surrounds it (the parent's backdrop).
FOCUS_RING = f"""() => {{
{CONTRAST}
  const node = document.activeElement;
  const style = getComputedStyle(node);
  const ring = parse(style.outlineColor);
  const around = backdrop(node.parentElement);
  return {{ tag: node.tagName, label: (node.getAttribute("aria-label") || node.textContent || "").trim().slice(0, 40),
    style: style.outlineStyle, width: parseFloat(style.outlineWidth), ratio: ring ? ratio(ring, around) : 0 }};
}}"""

# Each chart's points: how many are in the tab order, and how many there are.
TAB_STOPS = """() => [...document.querySelectorAll("svg.chart")].map((svg) => ({
  label: svg.getAttribute("aria-label"),
  stops: [...svg.querySelectorAll("a, [tabindex]")].filter((n) => n.tabIndex >= 0).length + (svg.tabIndex >= 0 ? 1 : 0),
  points: svg.querySelectorAll("a").length,
}))"""

VISIBLE_TIP = "() => { const t = document.querySelector('.chart-tip:not([hidden])'); return t ? t.textContent : null; }"


def tab_to(page: Any, selector: str, limit: int = 200) -> None:
    """Press Tab until the focused element matches the selector."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_each_chart_is_one_tab_stop_and_the_arrows_move_between_its_points(watched: Watched, server: str) -> None:
    page = watched.open(f"{server}/trade")
    charts = page.evaluate(TAB_STOPS)
    assert len(charts) >= 5
    assert all(c["stops"] == 1 for c in charts), charts
    assert sum(c["points"] for c in charts) > 3 * len(charts)  # the points are there, only not tab stops

    tab_to(page, "svg.chart a")
    first = page.evaluate("document.activeElement.getAttribute('aria-label')")
    tip = page.evaluate(VISIBLE_TIP)
    assert tip and tip.startswith(first) and " — " in tip  # the value, then whose figure it is
    page.keyboard.press("ArrowRight")
    second = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert second != first and page.evaluate(VISIBLE_TIP).startswith(second)
    page.keyboard.press("ArrowDown")  # the next series, at the nearest year
    third = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert third.split(" ")[0] != second.split(" ")[0]
    # Still one tab stop: the chart remembers the point last visited; Tab leaves the chart.
    assert page.evaluate(TAB_STOPS)[0]["stops"] == 1
    target = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")  # opens the point's source
    page.wait_for_url(f"**{target.split('#')[0]}*")
    assert page.url.endswith(target)
    assert watched.problems == []


def test_hovering_a_point_shows_its_value_and_source(watched: Watched, server: str) -> None:
    page = watched.open(f"{server}/trade")
    point = page.locator("svg.chart").first.locator("a").nth(2)
    assert page.evaluate(VISIBLE_TIP) is None
    box = point.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2 + 6, box["y"] + box["height"] / 2 + 4)  # near it, not on it
    assert page.evaluate(VISIBLE_TIP) == point.get_attribute("data-tip")
    assert "bn USD" in point.get_attribute("data-tip")
    assert page.locator("svg.chart title").count() == 0  # no slow native tooltips
    page.mouse.move(5, 5)
    assert page.evaluate(VISIBLE_TIP) is None
    assert watched.problems == []


def test_a_tap_shows_the_value_and_a_second_tap_opens_the_source(browser: Any, server: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(f"{server}/trade", wait_until="networkidle")
        page.wait_for_selector("body[data-ready=true]")
        point = page.locator("svg.chart").first.locator("a").last
        href = point.get_attribute("href")
        point.tap()
        assert page.evaluate(VISIBLE_TIP) == point.get_attribute("data-tip")
        assert "/sources/" not in page.url  # the first tap only shows the value
        page.locator("main h1").tap()  # a tap elsewhere hides it
        assert page.evaluate(VISIBLE_TIP) is None
        point.tap()
        assert page.evaluate(VISIBLE_TIP) == point.get_attribute("data-tip")
        point.tap()
        page.wait_for_url(f"**{href.split('#')[0]}*")
    finally:
        context.close()


def test_each_chart_has_a_text_summary_and_a_legend_with_markers(watched: Watched, server: str) -> None:
    page = watched.open(f"{server}/trade")
    first = page.locator("figure.chart-figure").first
    summary_id = first.locator("svg.chart").get_attribute("aria-describedby")
    summary = page.locator(f"[id='{summary_id}']")
    items = summary.locator("li").all_inner_texts()
    assert len(items) == 5  # one line per series
    assert all("2025" in line and "bn USD" in line for line in items), items
    # Series differ by more than colour: each has its own marker shape and dash pattern.
    markers = page.evaluate(
        """(f) => [...f.querySelectorAll("g[data-series]")].map((g) => g.querySelector(".marker").getAttribute("d"))""",
        first.element_handle(),
    )
    assert len(set(markers)) == len(markers) == 5
    dashes = page.evaluate(
        """(f) => [...new Set([...f.querySelectorAll("path.series")]
             .map((p) => getComputedStyle(p).strokeDasharray))]""",
        first.element_handle(),
    )
    assert len(dashes) >= 4
    assert first.locator(".legend .swatch-line .marker").count() == 5
    assert watched.problems == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_series_of_one_point_is_summarised_once(watched: Watched, server: str, lang: str) -> None:
    lines: list[str] = []
    for name in ("overview", "country-kaz", "country-uzb", "trade", "energy", "people", "institutions"):
        path = PAGES.get(name, "/country/UZB")
        page = watched.open(f"{server}{path}" + ("" if lang == "en" else f"?lang={lang}"))
        page.wait_for_timeout(300)
        lines += page.locator(".chart-summary li").all_inner_texts()
    assert lines
    assert not [line for line in lines if "(1 years" in line], lines
    one = {"en": "(one year with figures)", "zh": "（仅一年有数据）"}[lang]
    for line in lines:
        body = line.split(":" if lang == "en" else "：", 1)[-1]
        halves = body.split(", " if lang == "en" else "，")
        assert len(halves) < 2 or halves[0].strip() != halves[1].split("(")[0].split("（")[0].strip(), line
    assert any(one in line for line in lines), lines
    assert watched.problems == []


@pytest.mark.parametrize(
    "name", ["overview", "trade", "country-kaz", "corridors", "energy", "people", "institutions", "claims", "sources"]
)
def test_text_contrast_is_at_least_4_5_to_1(watched: Watched, server: str, name: str) -> None:
    page = watched.open(f"{server}{PAGES[name]}")
    page.evaluate("() => document.querySelectorAll('details').forEach((d) => { d.open = true; })")
    texts = page.evaluate(TEXT_CONTRAST)
    assert len(texts) > 20
    low = [t for t in texts if t["ratio"] < t["need"]]
    assert not low, low[:10]


@pytest.mark.parametrize("name", ["overview", "trade", "corridors", "energy", "people", "claims"])
def test_every_focus_ring_stands_out_3_to_1(watched: Watched, server: str, name: str) -> None:
    page = watched.open(f"{server}{PAGES[name]}")
    seen = []
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement === document.body"):
            break
        seen.append(page.evaluate(FOCUS_RING))
    assert len(seen) >= 10
    weak = [f for f in seen if f["style"] == "none" or f["width"] < 2 or f["ratio"] < 3]
    assert not weak, weak[:10]
    if name != "claims":  # a chart point or a country of the map (an SVG link: its tag name is lower case)
        assert any(f["tag"] == "a" and f["label"] for f in seen)


# At phone width: the effective size of every chart and map text (its font size times the drawing's scale).
TEXT_SIZES = """() => [...document.querySelectorAll("svg.chart text, svg.map text")]
  .filter((t) => t.getClientRects().length && getComputedStyle(t).display !== "none"
    && getComputedStyle(t).visibility !== "hidden").map((t) => {
  const svg = t.ownerSVGElement;
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const zoom = t.getScreenCTM() && svg.getScreenCTM() ? t.getScreenCTM().a / svg.getScreenCTM().a : 1;
  return { text: t.textContent.slice(0, 30), px: parseFloat(getComputedStyle(t).fontSize) * scale * zoom };
})"""

# Tables wider than their box scroll inside it.
TABLES = """() => [...document.querySelectorAll("main table")].map((t) => {
  const box = t.closest(".table-wrap");
  return { wide: t.scrollWidth > (box ?? t.parentElement).clientWidth + 1, boxed: !!box,
    scrolls: box ? ["auto", "scroll"].includes(getComputedStyle(box).overflowX) : false };
})"""


@pytest.mark.parametrize("name", ["overview", "trade", "country-kaz", "corridors", "energy", "people", "institutions"])
def test_charts_and_tables_are_readable_at_phone_width(browser: Any, server: str, name: str) -> None:
    w = Watched(browser, width=390, height=844)
    try:
        page = w.open(f"{server}{PAGES[name]}")
        page.evaluate("() => document.querySelectorAll('details').forEach((d) => { d.open = true; })")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{name} is {overflow}px wider than a phone"
        sizes = page.evaluate(TEXT_SIZES)
        if name != "institutions":
            assert sizes, f"{name} draws no chart or map text"
        small = [s for s in sizes if s["px"] < 9]
        assert not small, small[:10]
        tables = page.evaluate(TABLES)
        assert all(t["boxed"] and t["scrolls"] for t in tables), tables
        w.shot(f"phone-{name}")
        assert w.problems == []
    finally:
        w.close()


# Downloads: the chart as an image, its figures whole.


def download(page: Any, locator: Any) -> tuple[str, bytes]:
    with page.expect_download() as info:
        locator.click()
    got = info.value
    path = got.path()
    return got.suggested_filename, Path(path).read_bytes()


def png_size(content: bytes) -> tuple[int, int]:
    assert content[:8] == b"\x89PNG\r\n\x1a\n", content[:8]
    assert content[12:16] == b"IHDR"
    width, height = struct.unpack(">II", content[16:24])
    return int(width), int(height)


def test_a_chart_downloads_as_svg_png_csv_and_json_with_every_point(watched: Watched, server: str) -> None:
    page = watched.open(f"{server}/trade")
    figure = page.locator("figure.chart-figure").first
    points = figure.locator("svg.chart a").count()
    figure.locator(".chart-downloads summary").click()

    name, svg = download(page, figure.locator("button.svg"))
    assert name == "trade-turnover.svg"  # named after the view: the page and the chart
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg" and float(root.get("width") or 0) > 100
    assert len(root.findall(".//{http://www.w3.org/2000/svg}a")) == points
    # The file draws as an image on its own (styles inlined), at its own size.
    drawn = page.evaluate(
        """(text) => new Promise((resolve) => { const img = new Image();
           img.onload = () => resolve([img.naturalWidth, img.naturalHeight]); img.onerror = () => resolve(null);
           img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`; })""",
        svg.decode("utf-8"),
    )
    assert drawn and drawn[0] > 100 and drawn[1] > 50
    assert 'style="' in svg.decode("utf-8") and "stroke:" in svg.decode("utf-8")

    name, png = download(page, figure.locator("button.png"))
    assert name.endswith(".png")
    width, height = png_size(png)
    assert (width, height) == (2 * drawn[0], 2 * drawn[1])

    name, content = download(page, figure.locator("button.csv"))
    assert name.endswith(".csv") and content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    assert len(rows) == points
    assert {r["unit"] for r in rows} == {"bn USD"} and all(r["source"].startswith(server) for r in rows)
    assert len({r["series"] for r in rows}) == 5

    name, content = download(page, figure.locator("button.json"))
    package = json.loads(content)
    assert name.endswith(".json") and package["title"] and package["unit"]
    assert len(package["rows"]) == points and {f["name"] for f in package["fields"]} == set(rows[0])
    assert {s["id"] for s in package["sources"]} == {r["source_id"] for r in rows if r["source_id"]}
    # Beside the chart's own figures, the complete table it is drawn from, with its descriptor.
    table = figure.locator(".chart-downloads a.csv").get_attribute("href")
    # the explorer's table of the series drawn (`/api/explore`), each of the five pairs China reports
    assert table.startswith("/api/explore?") and "indicator=trade.turnover" in table
    assert {f"pair=CHN:{c}" for c in ("KAZ", "KGZ", "TJK", "TKM", "UZB")} <= set(table.split("&"))
    assert figure.locator(".chart-downloads a.datapackage").count() == 1
    assert watched.problems == []


def test_a_table_download_from_the_page_has_every_row(watched: Watched, server: str) -> None:
    page = watched.open(f"{server}/trade")
    page.locator("details:has(table) > summary").last.click()
    link = page.locator("a.csv").last
    total = page.evaluate(
        "(u) => fetch(u.replace('format=csv', 'format=json')).then((r) => r.json()).then((b) => b.total)",
        link.get_attribute("href"),
    )
    name, content = download(page, link)
    assert name == "observations-trade.turnover.csv"
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    assert content.startswith(b"\xef\xbb\xbf") and len(rows) == total > 100
    assert watched.problems == []


def test_screenshots_of_the_charts_at_phone_width_are_saved(browser: Any, server: str) -> None:
    w = Watched(browser, width=390, height=844)
    try:
        page = w.open(f"{server}/trade")
        page.locator("svg.chart").first.locator("a").first.focus()
        page.keyboard.press("ArrowRight")
        w.shot("phone-trade-tooltip")
        assert (SCREENSHOTS / "phone-trade-tooltip.png").stat().st_size > 10_000
        assert w.problems == []
    finally:
        w.close()


DRAW_LONG_BARS = """async () => {
  const charts = await import("/static/js/charts.js");
  const label = "Petroleum oils and oils obtained from bituminous minerals, crude";
  const bars = [{ label, value: 12, row: {} }, { label: "Copper", value: 3, row: {} }];
  const figure = charts.barChart(bars, { unit: "%" });
  document.querySelector("main").prepend(figure);
  const svg = figure.querySelector("svg.chart");
  const box = svg.getBoundingClientRect();
  return { inside: [...svg.querySelectorAll("text")].every((t) => t.getBoundingClientRect().left >= box.left - 0.5),
    shown: svg.querySelector(".bar-label").textContent, tip: svg.querySelector("a").dataset.tip, label };
}"""


def test_a_long_bar_label_fits_a_phone_and_the_tooltip_keeps_it_whole(browser: Any, server: str) -> None:
    w = Watched(browser, width=390, height=844)
    try:
        page = w.open(f"{server}/trade")
        drawn = page.evaluate(DRAW_LONG_BARS)
        assert drawn["inside"], drawn
        assert drawn["shown"].endswith("…") and drawn["label"].startswith(drawn["shown"][:-1])
        assert drawn["tip"].startswith(drawn["label"])
        assert w.problems == []
    finally:
        w.close()
