"""The dashboard in a real browser: Debian's Chromium, headless, driven by Playwright against `caravan serve`."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PAGES = {
    "overview": "/",
    "country-chn": "/country/CHN",
    "country-kaz": "/country/KAZ",
    "trade": "/trade",
    "corridors": "/corridors",
    "energy": "/energy",
    "people": "/people",
    "institutions": "/institutions",
    "explore": "/explore",
    "claims": "/claims",
    "sources": "/sources",
}
LANGUAGES = ("en", "zh", "ru")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (scripts/test installs it)"),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class Watched:
    """A page with every console error, page error and failed request recorded."""

    def __init__(self, browser: Any, width: int = 1280, height: int = 900) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.page = self.context.new_page()
        self.page.set_default_timeout(60_000)  # generous: CI machines are shared and slow at times
        self.problems: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"))
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("requestfailed", self._failed)
        self.page.on("response", lambda r: r.status >= 400 and self.problems.append(f"HTTP {r.status}: {r.url}"))

    def _failed(self, request: Any) -> None:
        # The browser fetches the favicon for its own tab strip, late and on its own; a navigation that starts
        # meanwhile aborts that fetch. That is the browser's doing, not the page's; a favicon that does not answer
        # is still caught by the status check below.
        if request.url.endswith("/static/favicon.svg") and request.failure == "net::ERR_ABORTED":
            return
        self.problems.append(f"request failed: {request.url} {request.failure}")

    def open(self, url: str) -> Any:
        self.page.goto(url, wait_until="networkidle")
        self.page.wait_for_selector("body[data-ready=true]", timeout=60_000)
        return self.page

    def shot(self, name: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    w = Watched(browser)
    yield w
    w.close()


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", list(PAGES))
def test_page_loads_without_errors(watched: Watched, server: str, name: str, lang: str) -> None:
    page = watched.open(f"{server}{PAGES[name]}?lang={lang}")
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("main h1").inner_text().strip()
    assert page.locator(".error").count() == 0, page.locator(".error").all_inner_texts()
    watched.shot(f"{name}-{lang}")
    assert watched.problems == []


def test_language_switch_changes_the_interface(watched: Watched, server: str) -> None:
    page = watched.open(f"{server}/")
    page.get_by_role("link", name="中文").click()
    page.wait_for_selector("body[data-ready=true]")
    assert page.locator("html").get_attribute("lang") == "zh"
    assert page.locator("main h1").inner_text() == "概览"
    # entity names come from the ledger in the page's language
    assert "哈萨克斯坦" in page.locator("#app").inner_text()
    assert watched.problems == []


def test_map_draws_the_six_countries_and_the_network(watched: Watched, server: str) -> None:
    page = watched.open(f"{server}/corridors")
    countries = {
        page.locator("svg.map path.focus").nth(i).get_attribute("data-country")
        for i in range(page.locator("svg.map path.focus").count())
    }
    assert countries == {"CHN", "KAZ", "KGZ", "TJK", "TKM", "UZB"}
    for code in countries:
        box = page.locator(f"svg.map path[data-country={code}]").bounding_box()
        assert box is not None and box["width"] > 5 and box["height"] > 5
    assert page.locator("svg.map .node").count() >= 5
    assert page.locator("svg.map path.edge").count() >= 1
    watched.shot("corridors-network")
    assert watched.problems == []


def test_route_planner_returns_and_draws_a_route(watched: Watched, server: str) -> None:
    page = watched.open(f"{server}/corridors")
    options = page.locator("#route-from option")
    values = [options.nth(i).get_attribute("value") for i in range(options.count())]
    assert values, "the planner offers no places"
    page.select_option("#route-from", value=next(v for v in values if v and "urumqi" in v))
    page.select_option("#route-to", value=next(v for v in values if v and "almaty" in v))
    page.locator("#route-form button[type=submit]").click()
    page.wait_for_selector("#route-results .route-result", timeout=60_000)
    assert page.locator("svg.map path.route").count() >= 1
    assert page.locator("#route-results table tbody tr").count() >= 1
    heading = page.locator("#route-results .route-result h3").first.inner_text()
    assert "USD" in heading and not re.search(r"\d[.,]\d\d USD", heading), heading  # an estimate, not cents
    watched.shot("corridors-route")
    # The query is in the address: a shared link plans the same request again.
    assert "from=city.urumqi" in page.url and "to=city.almaty" in page.url
    assert watched.problems == []


def test_the_year_fields_offer_the_networks_years(watched: Watched, server: str, real_settings: Any) -> None:
    # Issue 14: the fields allowed 2000–2100 while the network describes fewer years; the bounds come from it.
    from caravan.corridors.network import load_network
    from caravan.ledger.store import Ledger

    with Ledger(real_settings.ledger) as ledger:
        first, last = load_network(ledger).years()
    page = watched.open(f"{server}/corridors")
    page.wait_for_selector("#route-year")
    for field in ("#route-year", "#scenario-year"):
        box = page.locator(field)
        assert (box.get_attribute("min"), box.get_attribute("max")) == (str(first), str(last)), field
    assert watched.problems == []


def test_route_planner_modes_via_year_from_a_shared_address(watched: Watched, server: str) -> None:
    # Rail only, by the Alashankou crossing, in the network of 2024: every leg is rail and the query survives.
    page = watched.open(f"{server}/corridors?from=city.urumqi&to=city.almaty&modes=rail&via=station.dostyk&year=2024")
    page.wait_for_selector("#route-results .route-result", timeout=60_000)
    assert page.locator("#route-modes").input_value() == "rail"
    assert page.locator("#route-via").input_value() == "station.dostyk"
    assert page.locator("#route-year").input_value() == "2024"
    first = page.locator("#route-results .route-result").first
    assert "Dostyk" in first.inner_text()
    modes = {
        first.locator("table tbody tr").nth(i).locator("td").nth(2).inner_text()
        for i in range(first.locator("table tbody tr").count())
    }
    assert len(modes) == 1, modes  # one mode: rail, in the page's language
    # Road only to Bishkek shows the uncited waits of the route, and switching the modes replans.
    page.select_option("#route-modes", value="road")
    page.select_option("#route-via", value="")
    page.locator("#route-form button[type=submit]").click()
    page.wait_for_function("() => new URLSearchParams(location.search).get('modes') === 'road'")
    page.wait_for_selector("#route-results .route-result", timeout=60_000)
    assert "via=" not in page.url
    assert watched.problems == []


def test_route_planner_avoid_and_alternatives_from_a_shared_address(watched: Watched, server: str) -> None:
    # Rail and ferry avoiding Russia, two routes: both choices survive in the form and the address, at most two
    # routes come back, and none passes Moscow.
    page = watched.open(f"{server}/corridors?from=city.xian&to=city.istanbul&modes=rail,ferry&avoid=RUS&alternatives=2")
    page.wait_for_selector("#route-results .route-result", timeout=60_000)
    assert page.locator("#route-avoid").input_value() == "RUS"
    assert page.locator("#route-alternatives").input_value() == "2"
    results = page.locator("#route-results .route-result")
    assert 1 <= results.count() <= 2
    assert "Moscow" not in page.locator("#route-results").inner_text()
    # One route asked for: the address keeps the new count and one route is drawn.
    page.fill("#route-alternatives", "1")
    page.locator("#route-form button[type=submit]").click()
    page.wait_for_function("() => new URLSearchParams(location.search).get('alternatives') === '1'")
    page.wait_for_function("() => document.querySelectorAll('#route-results .route-result').length === 1")
    assert "avoid=RUS" in page.url
    assert watched.problems == []


def test_claim_checker_annotates_a_pasted_article(watched: Watched, server: str) -> None:
    page = watched.open(f"{server}/claims")
    article = (
        "China's trade with Central Asian nations reached $94.8 billion in 2024, "
        "and Kazakhstan alone accounted for $43.8 billion."
    )
    page.fill("#claim-text", article)
    page.locator("#claim-form button[type=submit]").click()
    page.wait_for_selector("#annotated mark.claim", timeout=60_000)
    assert page.locator("#annotated").inner_text().replace("\n", "") == article
    assert page.locator("#annotated mark.claim").count() >= 1
    assert page.locator("ol.verdicts li").count() >= 1
    watched.shot("claims-annotated")
    assert watched.problems == []


def test_a_figure_links_to_its_source_entry(watched: Watched, server: str) -> None:
    page = watched.open(f"{server}/")
    link = page.locator("[data-pillar=trade] a.figure-link").first
    target = link.get_attribute("href")
    assert target and target.startswith("/sources/")
    link.click()
    page.wait_for_selector("#source-entry", timeout=60_000)
    source_id = target.split("/sources/")[1].split("?")[0].split("#")[0]
    observation_id = target.split("#")[1]
    assert page.locator("#source-entry").get_attribute("data-source") == source_id
    # the figure's own row is marked among everything the source supports
    assert page.locator(f"tr.highlight[id='{observation_id}']").count() == 1
    assert page.locator("#source-entry a[href^=http]").count() == 1
    assert page.locator("main table tbody tr").count() >= 1
    watched.shot("source-entry")
    assert watched.problems == []


def test_keyboard_reaches_the_navigation_and_the_map(watched: Watched, server: str) -> None:
    page = watched.open(f"{server}/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    focused = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focused.append(page.evaluate("document.activeElement.getAttribute('href') || ''"))
    assert "/trade" in focused
    assert any(h.startswith("/country/") for h in focused)


def test_pages_fit_a_phone_width(browser: Any, server: str) -> None:
    w = Watched(browser, width=390, height=844)
    try:
        for name in ("overview", "corridors", "trade", "explore"):
            page = w.open(f"{server}{PAGES[name]}")
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 1, f"{name} is {overflow}px wider than a phone"
            w.shot(f"{name}-phone")
        assert w.problems == []
    finally:
        w.close()


def test_api_docs_work_offline(watched: Watched, server: str) -> None:
    page = watched.page
    page.goto(f"{server}/docs", wait_until="networkidle")
    page.wait_for_selector(".swagger-ui .opblock", timeout=60_000)
    assert page.locator(".swagger-ui .opblock").count() >= 8
    watched.shot("api-docs")
    assert watched.problems == []


# Charts that do not mislead: a gap breaks the line, one unit per axis, each point linked to its own source.

DRAW_GAPPED = """async () => {
  const charts = await import("/static/js/charts.js");
  const points = [2010, 2011, 2012, 2015, 2016, 2019].map((x) => ({
    x, y: x - 2000, row: { value: x - 2000, display_unit: "bn USD", source_id: `src-${x}` } }));
  const figure = charts.lineChart([{ name: "a series with gaps", points }], { unit: "bn USD" });
  document.querySelector("main").append(figure);
  return {
    paths: [...figure.querySelectorAll("path.series")].map((p) => [Number(p.dataset.from), Number(p.dataset.to)]),
    links: [...figure.querySelectorAll("svg a")].map((a) => a.getAttribute("href")),
  };
}"""

DRAW_TWO_UNITS = """async () => {
  const charts = await import("/static/js/charts.js");
  const points = [
    { x: 2023, y: 7.5, row: { value: 7.5, display_unit: "wan person" } },
    { x: 2024, y: 42470, row: { value: 42470, display_unit: "person" } },
  ];
  try { charts.lineChart([{ name: "mixed", points }], { unit: "person" }); return "drawn"; }
  catch (error) { return error.message; }
}"""

# Every drawn series: its paths' year ranges and its points' years, units and links.
CHART_SERIES = """(selector) => [...document.querySelectorAll(selector)].map((svg) => ({
  axis: [...svg.querySelectorAll(".axis-unit")].map((t) => t.dataset.unit),
  series: [...svg.querySelectorAll("g[data-series]")].map((g) => ({
    paths: [...svg.querySelectorAll(`path.series[data-series="${g.dataset.series}"]`)]
      .map((p) => [Number(p.dataset.from), Number(p.dataset.to)]),
    points: [...g.querySelectorAll("a")].map((a) => ({
      x: Number(a.dataset.x), unit: a.dataset.unit, href: a.getAttribute("href") })),
  })),
}))"""


def test_a_series_with_a_gap_is_drawn_as_separate_segments(watched: Watched, server: str) -> None:
    page = watched.open(f"{server}/trade")
    drawn = page.evaluate(DRAW_GAPPED)
    # 2010-2012 and 2015-2016 are lines; 2019 stands alone as a point; nothing joins 2012 to 2015.
    assert drawn["paths"] == [[2010, 2012], [2015, 2016]]
    assert drawn["links"] == [f"/sources/src-{x}" for x in (2010, 2011, 2012, 2015, 2016, 2019)]
    assert watched.problems == []


@pytest.mark.parametrize("path", ["/trade", "/country/KAZ", "/country/TKM", "/people", "/energy"])
def test_no_line_on_a_page_crosses_a_missing_year(watched: Watched, server: str, path: str) -> None:
    page = watched.open(f"{server}{path}")
    charts = page.evaluate(CHART_SERIES, "svg.chart")
    assert charts, f"{path} draws no chart"
    gapped = 0
    for chart in charts:
        for series in chart["series"]:
            xs = sorted(p["x"] for p in series["points"])
            gapped += any(b - a > 1 + 1e-6 for a, b in itertools.pairwise(xs))
            for start, end in series["paths"]:
                inside = [x for x in xs if start - 1e-6 <= x <= end + 1e-6]
                assert inside[0] == start and inside[-1] == end
                steps = [b - a for a, b in itertools.pairwise(inside)]
                assert steps and max(steps) <= 1 + 1e-6, f"{path}: a line joins {inside} across a gap"
    if path in ("/trade", "/country/KAZ"):
        assert gapped, f"{path}: expected a series with a missing year (China's figures for Kazakhstan)"
    assert watched.problems == []


@pytest.mark.parametrize("code", ["TKM", "KAZ"])
def test_a_country_pages_trade_lines_are_the_explorers_series(watched: Watched, server: str, code: str) -> None:
    """Each line is one publisher family's figures, one a year, as the library chose them: the page picks nothing.

    China's figures for Turkmenistan are cited from MFA China (2018), a magazine (2022) and China's customs
    (2023-2025): the line is the customs series alone, not a first-row-per-year mix of the three.
    """
    page = watched.open(f"{server}/country/{code}")
    (chart,) = page.evaluate(CHART_SERIES, 'svg.chart[aria-label="Trade over time, both sides\' figures"]')
    explore = "/api/explore?indicator=trade.turnover&pair=CHN:${code}&pair=${code}:CHN"
    answer = page.evaluate(f"(code) => fetch(`{explore}`).then((r) => r.json())", code)
    expected = sorted(sorted(p["x"] for p in s["points"] if p["y"] is not None) for s in answer["series"])
    drawn = sorted(sorted(p["x"] for p in s["points"]) for s in chart["series"])
    assert drawn == [e for e in expected if e], (drawn, expected)
    if code == "TKM":
        china = next(s for s in answer["series"] if s["subject"] == "CHN")
        assert {p["publisher"] for p in china["points"]} and all(p["period"] >= "2023" for p in china["points"])
    assert watched.problems == []


def test_a_people_chart_has_one_unit_on_its_axis(watched: Watched, server: str) -> None:
    page = watched.open(f"{server}/people")
    charts = page.evaluate(CHART_SERIES, "[data-indicator] svg.chart")
    assert len(charts) >= 3
    figures = watched.page.evaluate("() => fetch('/api/people/figures').then((r) => r.json())")
    display = {f["indicator"]: f["display_unit"] for f in figures}
    for chart in charts:
        (unit,) = chart["axis"]  # one unit label on the axis
        units = {p["unit"] for s in chart["series"] for p in s["points"]}
        assert units == {unit}, f"an axis in {unit} draws figures in {units}"
    drawn_units = {c["axis"][0] for c in charts}
    assert drawn_units <= set(display.values())
    # The chart refuses to put two scales on one axis rather than draw 7.5 (万) beside 42,470.
    assert "wan person" in page.evaluate(DRAW_TWO_UNITS)
    assert watched.problems == []


def test_each_chart_point_links_to_its_own_source(watched: Watched, server: str) -> None:
    # China's customs figures for Kazakhstan, as the library picks them (`/api/explore`): one figure a year.
    page = watched.open(f"{server}/trade")
    answer = page.evaluate("() => fetch('/api/explore?indicator=trade.turnover&pair=CHN:KAZ').then((r) => r.json())")
    (series,) = answer["series"]
    expected = {int(p["x"]): f"/sources/{p['source_id']}#{p['observation_id']}" for p in series["points"]}
    assert len(set(h.split("#")[0] for h in expected.values())) > 1, "the series should rest on several sources"
    charts = page.evaluate(CHART_SERIES, ".card:has(h3 a[href='/country/KAZ']) svg.chart")
    (chart,) = charts
    china = chart["series"][0]["points"]
    assert {int(p["x"]): p["href"] for p in china} == expected
    assert watched.problems == []


def test_a_wrong_address_shows_a_page_not_json(browser: Any, server: str) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        response = page.goto(f"{server}/country/FRA?lang=ru")
        assert response is not None and response.status == 404
        assert page.locator("main h1").inner_text() == "Страница не найдена"
        assert page.title().endswith("Caravan")
        page.get_by_role("link", name="Перейти к обзору").click()
        page.wait_for_selector("body[data-ready=true]")
        assert page.locator("main h1").inner_text() == "Обзор"
        page.goto(f"{server}/trade?lang=de")
        page.get_by_role("link", name="中文").first.click()
        page.wait_for_selector("body[data-ready=true]")
        assert page.locator("html").get_attribute("lang") == "zh"
    finally:
        context.close()


def test_what_from_the_xian_summit_is_done_in_two_actions(watched: Watched, server: str) -> None:
    page = watched.open(f"{server}/institutions?lang=zh")
    # The tally by summit comes first, above the commitments and the timeline.
    headings = page.locator("main section h2").all_inner_texts()
    assert headings[0] == "各次峰会的承诺", headings
    page.select_option("#filter-summit", value="summit.xian-2023")
    page.locator("#commitment-filter button[type=submit]").click()
    page.wait_for_selector("body[data-ready=true]")
    assert "summit=summit.xian-2023" in page.url and "lang=zh" in page.url
    rows = page.locator("main section").nth(1).locator("table tbody tr")
    tally = page.locator("main section").first.locator("table tbody tr", has_text="2023-05-18")
    assert rows.count() == int(tally.locator("td").nth(2).inner_text())
    # The same view from its address alone.
    again = watched.open(page.url)
    assert again.locator("#filter-summit").input_value() == "summit.xian-2023"
    assert watched.problems == []


def test_the_search_box_on_every_page_finds_a_country(watched: Watched, server: str) -> None:
    page = watched.open(f"{server}/trade?lang=ru")
    page.fill("#site-search-q", "Казахстан")
    page.locator(".site-search button[type=submit]").click()
    page.wait_for_selector("body[data-ready=true]")
    assert "/search?" in page.url and "lang=ru" in page.url
    first = page.locator(".search-hits a").first
    assert first.inner_text() == "Казахстан"
    watched.shot("search-ru")
    first.click()
    page.wait_for_selector("body[data-ready=true]")
    assert "/country/KAZ" in page.url and page.locator("html").get_attribute("lang") == "ru"
    assert page.locator("#site-search-q").count() == 1  # the box is on the country page too
    assert watched.problems == []


def test_an_embed_renders_framed_and_the_site_refuses_framing(watched: Watched, server: str) -> None:
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    embed = f"{server}/embed/chart?indicator=trade.turnover&a=CHN&b=KAZ&lang=zh"
    host_page = (
        f'<!doctype html><iframe id="embed" src="{embed}" width="700" height="520"></iframe>'
        f'<iframe id="site" src="{server}/trade" width="300" height="200"></iframe>'
    ).encode()

    class Host(BaseHTTPRequestHandler):  # another site, of another origin, that embeds the chart
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("content-type", "text/html")
            self.end_headers()
            self.wfile.write(host_page)

        def log_message(self, *args: object) -> None:
            pass

    host = ThreadingHTTPServer(("127.0.0.1", 0), Host)
    threading.Thread(target=host.serve_forever, daemon=True).start()
    try:
        page = watched.page
        page.goto(f"http://127.0.0.1:{host.server_address[1]}/")
        framed = page.frame_locator("#embed")
        framed.locator("body[data-ready=true]").wait_for()
        assert framed.locator("svg.chart a").count() >= 2  # each side's points, each linked to its source
        assert framed.locator(".embed-sources li").count() >= 1
        assert framed.locator("h1").inner_text().endswith("中国 – 哈萨克斯坦")
        # goto waited for every frame's load: the site's own page came back, and was refused.
        site = next(f for f in page.frames if f != page.main_frame and "/embed/" not in f.url)
        assert site.locator("body[data-page]").count() == 0
        watched.shot("embed-framed")
    finally:
        host.shutdown()


def test_a_country_page_offers_its_chart_as_an_embed(watched: Watched, server: str) -> None:
    page = watched.open(f"{server}/country/UZB?lang=ru")
    link = page.locator("a.embed-link")
    assert "/embed/chart?" in (link.get_attribute("href") or "") and "b=UZB" in (link.get_attribute("href") or "")
    link.click()
    page.wait_for_selector("body[data-ready=true]")
    assert page.locator("svg.chart").count() == 1 and page.locator("html").get_attribute("lang") == "ru"
    assert watched.problems == []


def test_the_partner_shares_are_of_a_year_every_partner_has(watched: Watched, server: str) -> None:
    """Five bars of one complete year; a later year with shares missing is named, not drawn as three bars."""
    page = watched.open(f"{server}/trade")
    shares = page.locator("section", has=page.locator("h2", has_text="Partner shares")).first
    assert shares.locator("svg.chart a").count() == 5
    notes = shares.locator(".shares-incomplete").all_inner_texts()
    assert any(n.startswith("2025") and "Kazakhstan" in n and "Kyrgyzstan" in n and "exact" in n for n in notes), notes
    assert watched.problems == []


def test_each_overview_cell_names_its_measure(watched: Watched, server: str) -> None:
    """The investment column mixes stocks, flows and development finance: each cell says which it is."""
    page = watched.open(f"{server}/")
    measures = page.locator("td .headline .headline-measure").all_inner_texts()
    headlines = page.evaluate("() => fetch('/api/overview').then((r) => r.json())")
    named = {h["indicator_name"] for h in headlines if h["indicator_name"] and h["pillar"] == "investment"}
    assert len(named) > 1 and named <= set(measures), (named, measures)
    assert watched.problems == []


def test_a_summits_done_count_opens_exactly_its_done_commitments(watched: Watched, server: str) -> None:
    """The summit table's count of done commitments opens exactly those, and the view is in the address."""
    page = watched.open(f"{server}/institutions")
    tallies = page.evaluate("() => fetch('/api/commitments/summits').then((r) => r.json())")
    xian = next(x for x in tallies if x["event_id"] == "summit.xian-2023")
    done = xian["by_status"].get("done", 0)
    assert done > 0
    page.locator("a.status-count[href*='summit.xian-2023'][data-status='done']").click()
    page.wait_for_function("() => new URLSearchParams(location.search).get('status') === 'done'")
    page.wait_for_selector("body[data-ready=true]")
    assert page.locator("#filter-status").input_value() == "done"
    rows = page.locator("main section").nth(1).locator("table tbody tr")
    assert rows.count() == done
    badges = page.locator("main section").nth(1).locator("table tbody tr td .badge.done")
    assert badges.count() == done
    assert watched.problems == []
