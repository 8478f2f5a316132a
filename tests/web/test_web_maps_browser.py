"""Maps that inform, in a real browser: labels that never overlap, zoom and pan, border crossings named,
sea routes drawn along their path at sea, never straight over land.

Debian's Chromium, headless, driven by Playwright against `caravan serve` on the real ledger.
"""

from __future__ import annotations

from typing import Any

import pytest

from .test_web_browser import CHROMIUM, SCREENSHOTS, Watched, browser, watched

__all__ = ["browser", "watched"]  # the fixtures, shared with the main browser tests

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (scripts/test installs it)"),
]

# The shown labels of the map (on screen, inside the map) and the pairs of them that overlap.
LABELS = """() => {
  const svg = document.querySelector("svg.map");
  const box = svg.getBoundingClientRect();
  const shown = [...svg.querySelectorAll("text.node-label, text.country-label")]
    .filter((t) => getComputedStyle(t).visibility !== "hidden")
    .map((t) => { const r = t.getBoundingClientRect();
      return { text: t.textContent, node: t.dataset.node ?? null, kind: [...t.classList].pop(),
        left: r.left, right: r.right, top: r.top, bottom: r.bottom, px: parseFloat(getComputedStyle(t).fontSize) }; })
    .filter((r) => r.right > box.left && r.left < box.right && r.bottom > box.top && r.top < box.bottom);
  const overlaps = [];
  for (let i = 0; i < shown.length; i++) for (let j = i + 1; j < shown.length; j++) {
    const a = shown[i], b = shown[j];
    const apart = a.left >= b.right - 0.5 || a.right <= b.left + 0.5
      || a.top >= b.bottom - 0.5 || a.bottom <= b.top + 0.5;
    if (!apart) overlaps.push([a.text, b.text]);
  }
  return { shown, overlaps, hidden: svg.querySelectorAll("text.node-label[visibility=hidden]").length,
    zoom: Number(svg.dataset.zoom ?? 1) };
}"""


def test_map_labels_never_overlap_and_a_zoom_shows_more_of_them(watched: Watched, server: str) -> None:
    page = watched.open(f"{server}/corridors")
    whole = page.evaluate(LABELS)
    assert whole["overlaps"] == [], whole["overlaps"][:10]
    assert whole["hidden"] > 0, "at the whole map's scale some lesser labels should give way"
    names = {s["text"] for s in whole["shown"]}
    assert {"Kazakhstan", "China"} <= names
    # Border crossings are labelled (the crossings are among the labels shown first).
    assert any(s["kind"] == "crossing" for s in whole["shown"]), whole["shown"]

    page.locator(".map-controls .zoom-in").click()
    page.locator(".map-controls .zoom-in").click()
    zoomed = page.evaluate(LABELS)
    assert zoomed["zoom"] > 2
    assert zoomed["overlaps"] == [], zoomed["overlaps"][:10]
    # The cities the whole map had to leave unnamed around Almaty and Tashkent are named once zoomed in.
    near = {"Almaty", "Bishkek", "Tashkent", "Shymkent"}
    assert near <= {s["text"] for s in zoomed["shown"]}, near - {s["text"] for s in zoomed["shown"]}
    # Labels keep their size on screen whatever the zoom.
    sizes = {round(s["px"] * 10) for s in whole["shown"] if s["node"]}
    assert len(sizes) == 1 and {round(s["px"] * 10) for s in zoomed["shown"] if s["node"]} != sizes
    on_screen = page.evaluate(
        """() => [...document.querySelectorAll("svg.map text.node-label")]
             .filter((t) => getComputedStyle(t).visibility !== "hidden")
             .map((t) => Math.round(t.getBoundingClientRect().height))"""
    )
    assert max(on_screen) - min(on_screen) <= 1

    page.locator(".map-controls .zoom-reset").click()
    assert page.evaluate(LABELS)["zoom"] == 1
    watched.shot("corridors-map-labels")
    assert watched.problems == []


def test_the_map_pans_with_a_drag_and_zooms_with_ctrl_and_the_wheel(watched: Watched, server: str) -> None:
    page = watched.open(f"{server}/corridors")
    svg = page.locator("svg.map")
    box = svg.bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(cx, cy)
    page.mouse.wheel(0, -400)  # a plain wheel scrolls the page, it does not zoom
    assert page.evaluate("() => document.querySelector('svg.map').dataset.zoom ?? '1'") in ("1", "1.000")
    page.keyboard.down("Control")
    page.mouse.wheel(0, -400)
    page.keyboard.up("Control")
    page.wait_for_function("() => Number(document.querySelector('svg.map').dataset.zoom) > 1")
    before = page.evaluate("() => document.querySelector('svg.map .viewport').getAttribute('transform')")
    box = svg.bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(cx, cy)
    page.mouse.down()
    page.mouse.move(cx + 80, cy + 40, steps=5)
    page.mouse.up()
    after = page.evaluate("() => document.querySelector('svg.map .viewport').getAttribute('transform')")
    assert after != before
    # From the keyboard: a country of the map has focus, + zooms in, an arrow pans, 0 shows the whole map.
    page.locator("svg.map a").first.focus()
    page.keyboard.press("0")
    assert page.evaluate("() => document.querySelector('svg.map').dataset.zoom") == "1.000"
    page.keyboard.press("+")
    assert float(page.evaluate("() => document.querySelector('svg.map').dataset.zoom")) > 1
    moved = page.evaluate("() => document.querySelector('svg.map .viewport').getAttribute('transform')")
    page.keyboard.press("ArrowLeft")
    assert page.evaluate("() => document.querySelector('svg.map .viewport').getAttribute('transform')") != moved
    page.keyboard.press("0")
    assert page.evaluate("() => document.querySelector('svg.map').dataset.zoom") == "1.000"
    assert watched.problems == []


def test_sea_routes_are_drawn_along_their_path_at_sea_never_straight(watched: Watched, server: str) -> None:
    page = watched.open(f"{server}/corridors")
    network = page.evaluate("() => fetch('/api/network').then((r) => r.json())")
    at_sea = [e for e in network["edges"] if e["mode"] in ("sea", "ferry")]
    assert any(e["mode"] == "sea" for e in at_sea), "the network has sea edges"
    for edge in at_sea:
        drawn = page.locator(f"svg.map path.edge[data-edge='{edge['id']}']")
        if edge["path"]:
            assert drawn.count() == 1, edge["id"]
            assert int(drawn.get_attribute("data-points") or 0) == len(edge["path"]), edge["id"]
        else:  # no path at sea: a sea edge is not drawn at all (two ends would make a line over land)
            assert drawn.count() == (0 if edge["mode"] == "sea" else 1), edge["id"]
    # The Suez route is drawn with its many points: its SVG path has far more vertices than a straight line's two.
    suez = page.locator("svg.map path.edge[data-edge='sea.shanghai-rotterdam-suez']")
    assert int(suez.get_attribute("data-points") or 0) > 50
    vertices = page.evaluate(
        """() => (document.querySelector("svg.map path.edge[data-edge='sea.shanghai-rotterdam-suez']")
            .getAttribute("d").match(/[ML]/g) || []).length"""
    )
    assert vertices > 20
    # The map says where sea lines come from and that lengths stay the cited ones, and links the sources page.
    note = page.locator(".map-seaways")
    assert "searoute" in note.inner_text()
    assert note.locator("a").get_attribute("href").endswith("/sources#map-geometries")
    assert page.locator(".map-undrawn").count() == 0
    assert watched.problems == []


def test_the_sources_page_names_the_map_geometries(watched: Watched, server: str) -> None:
    page = watched.open(f"{server}/sources")
    section = page.locator("#map-geometries")
    section.wait_for()
    text = section.inner_text()
    assert "searoute" in text and "Eurostat" in text and "Oak Ridge National Labs" in text
    assert watched.problems == []


def test_the_map_is_readable_at_phone_width(browser: Any, server: str) -> None:
    w = Watched(browser, width=390, height=844)
    try:
        page = w.open(f"{server}/corridors")
        labels = page.evaluate(LABELS)
        assert labels["overlaps"] == [], labels["overlaps"][:10]
        heights = [s["bottom"] - s["top"] for s in labels["shown"]]
        assert heights and min(heights) >= 11  # about 11-12 px text, not 4 px
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.locator("svg.map").screenshot(path=str(SCREENSHOTS / "phone-corridors-map.png"))
        assert w.problems == []
    finally:
        w.close()


def test_the_energy_map_colours_every_country_a_cited_line_crosses(watched: Watched, server: str) -> None:
    page = watched.open(f"{server}/energy")
    entities = page.evaluate("() => fetch('/api/entities').then((r) => r.json())")
    address = "/api/observations?indicator=pipeline.length.section&derived=false&limit=1000"
    sections = page.evaluate("(u) => fetch(u).then((r) => r.json())", address)["items"]
    lines = {e["id"]: e for e in entities if e["kind"] == "pipeline"}
    operating: set[str] = set()
    building: set[str] = set()
    with_countries = 0
    for line in lines.values():
        countries = set((line["attributes"] or {}).get("crosses") or [])
        countries |= {r["counterpart"] for r in sections if r["subject"] == line["id"]}
        under = (line["attributes"] or {}).get("status") == "under-construction"
        (building if under else operating).update(countries)
        with_countries += bool(countries)
    assert "KAZ" in operating and "TJK" in building  # lines A-C cross Kazakhstan; Line D, Tajikistan
    marked = "(s) => [...document.querySelectorAll(s)].map((p) => p.dataset.country ?? p.dataset.building)"
    filled = set(page.evaluate(marked, "svg.map path.focus.crossed"))
    hatched = set(page.evaluate(marked, "svg.map .crossed-building"))
    assert filled == operating and hatched == building
    # What the colours rest on is listed, each country linked to the source that says the line crosses it.
    listed = page.locator(".pipeline-crossings li")
    assert listed.count() == with_countries
    assert page.locator(".pipeline-crossings li a[href^='/sources/']").count() >= len(operating) + len(building)
    assert watched.problems == []


def test_a_drawn_routes_border_crossing_is_labelled_first(watched: Watched, server: str) -> None:
    """Xi'an → Duisburg by rail crosses at Alashankou–Dostyk: its labels win their place over lesser neighbours."""
    page = watched.open(f"{server}/corridors?from=city.xian&to=city.duisburg&modes=rail")
    page.wait_for_selector("#route-results .route-result", timeout=60_000)
    page.wait_for_selector("svg.map path.route")
    shown = page.evaluate("""() => [...document.querySelectorAll("svg.map text.node-label")]
      .filter((t) => t.getAttribute("visibility") !== "hidden").map((t) => t.dataset.node)""")
    assert {"station.alashankou", "station.dostyk"} & set(shown), shown
    assert watched.problems == []
