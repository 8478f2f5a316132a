"""The explorer, permalinks and "cite this" in a real browser (Debian's Chromium, headless) against `caravan serve`.

A hover, a keyboard focus and a tap show a point's value; the address reopens the same view; the
citation names the build's date and the view's sources; a stored claim check and a scenario reopen
from their links. Screenshots go to artifacts/screenshots.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from web.test_web_browser import CHROMIUM, CHROMIUM_ARGS, Watched

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (scripts/test installs it)"),
]

EXPORTS = "/explore?indicator=trade.exports&pair=KAZ:CHN&pair=UZB:CHN"
SENTENCE = "China's trade with Central Asian nations reached $94.8 billion in 2024."


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    w = Watched(browser)
    yield w
    w.close()


def _api(server: str, path: str) -> Any:
    response = httpx.get(f"{server}{path}", timeout=60)
    response.raise_for_status()
    return response.json()


def _view(page: Any) -> dict[str, Any]:
    """What a reader sees of the explorer's choices and title."""
    return {
        "title": page.locator("main h1").inner_text(),
        "indicator": page.locator("#explore-indicator").input_value(),
        "pairs": page.locator('input[name="pair"]:checked').evaluate_all("els => els.map(e => e.value)"),
        "view": page.locator('input[name="view"]:checked').input_value(),
        "scale": page.locator('input[name="scale"]:checked').input_value(),
        "from": page.locator("#explore-from").input_value(),
    }


def test_hover_and_focus_show_a_points_value_and_each_point_links_its_source(watched: Watched, server: str) -> None:
    page = watched.open(f"{server}{EXPORTS}")
    result = _api(server, "/api/explore?indicator=trade.exports&pair=KAZ:CHN&pair=UZB:CHN")
    first = result["series"][0]["points"][0]
    point = page.locator("#explore-chart svg a").first
    point.hover()
    tip = page.locator(".explore-tip")
    assert tip.is_visible()
    assert tip.inner_text().endswith(f"{first['period']}: {first['shown']}")
    assert point.get_attribute("href") == f"/sources/{first['source_id']}#{first['observation_id']}"
    page.mouse.move(0, 0)
    assert not tip.is_visible()
    last = page.locator("#explore-chart svg a").last
    last.focus()
    final = result["series"][-1]["points"][-1]
    assert tip.is_visible() and tip.inner_text().endswith(f"{final['period']}: {final['shown']}")
    watched.shot("explore-hover")
    assert watched.problems == []


def test_a_tap_shows_the_value_before_it_opens_the_source(browser: Any, server: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(f"{server}{EXPORTS}", wait_until="networkidle")
        page.wait_for_selector("body[data-ready=true]")
        point = page.locator('#explore-chart svg g[data-series="0"] a').last  # Kazakhstan 2020, apart from the rest
        point.tap()
        assert page.locator(".explore-tip").is_visible()
        assert page.url.startswith(f"{server}/explore?")  # the first tap reads, it does not leave
        point.tap()
        page.wait_for_url("**/sources/**")
    finally:
        context.close()


def test_the_permalink_reopens_the_same_view(watched: Watched, server: str, browser: Any) -> None:
    page = watched.open(f"{server}/explore?pillar=energy")
    page.select_option("#explore-indicator", "trade.imports")
    page.locator("main h1", has_text="Imports").wait_for()
    page.wait_for_selector("#explore-chart")
    # the controls are drawn again after each choice: find each box by its value
    values = page.locator('input[name="pair"]').evaluate_all("els => els.map(e => e.value)")
    chosen = page.locator('input[name="pair"]:checked').evaluate_all("els => els.map(e => e.value)")
    for value in [*chosen[1:], values[-1]]:
        box = page.locator(f'input[name="pair"][value="{value}"]')
        box.uncheck() if value in chosen else box.check()
        page.wait_for_selector("#explore-chart")
    page.locator("#explore-from").fill("2012")
    page.locator("#explore-from").dispatch_event("change")
    page.check('input[name="scale"][value="relative"]')
    page.check('input[name="view"][value="table"]')
    page.wait_for_selector("#explore-view table")
    before = _view(page)
    cells = page.locator("#explore-view table").inner_text()
    link = page.url
    assert "scale=relative" in link and "view=table" in link and "from=2012" in link
    assert len(before["pairs"]) == 2 and before["indicator"] == "trade.imports"
    again = Watched(browser)
    try:
        reopened = again.open(link)
        reopened.wait_for_selector("#explore-view table")
        assert _view(reopened) == before
        assert reopened.locator("#explore-view table").inner_text() == cells
        again.shot("explore-permalink")
        assert again.problems == []
    finally:
        again.close()
    assert watched.problems == []


def test_cite_this_names_the_build_date_the_sources_and_the_permalink(watched: Watched, server: str) -> None:
    page = watched.open(f"{server}{EXPORTS}&scale=log")
    built = _api(server, "/api/meta")["ledger"]["built_at"][:10]
    result = _api(server, "/api/explore?indicator=trade.exports&pair=KAZ:CHN&pair=UZB:CHN&scale=log")
    text = page.locator("#cite-text").input_value()
    assert text.startswith("Explorer: Exports. Caravan, ledger build of ")
    assert built in text and page.url in text
    for source in result["sources"]:
        assert source["publisher"] in text
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.locator(".cite-copy").click()
    page.locator(".cite-status", has_text="Copied").wait_for()  # the copy is asynchronous
    assert page.evaluate("navigator.clipboard.readText()") == text
    assert watched.problems == []


def test_every_page_can_be_cited_with_the_build_date(watched: Watched, server: str) -> None:
    built = _api(server, "/api/meta")["ledger"]["built_at"][:10]
    page = watched.open(f"{server}/trade?lang=zh")
    text = page.locator("#cite-text").input_value()
    assert text.startswith("贸易。Caravan，账本构建于 ") and built in text and "lang=zh" in text
    first = page.locator('#app a[href*="/sources/"]').first.get_attribute("href")
    source = first.split("/sources/")[1].split("#")[0].split("?")[0]
    assert _api(server, f"/api/sources/{source}")["publisher"] in text  # by name, the sources its figures link
    assert watched.problems == []


def test_the_map_colours_each_country_by_its_figure_or_says_why_it_cannot(watched: Watched, server: str) -> None:
    pairs = "".join(f"&pair={c}:CHN" for c in ("KAZ", "KGZ", "TJK", "TKM", "UZB"))
    page = watched.open(f"{server}/explore?indicator=trade.exports{pairs}&view=map")
    page.wait_for_selector("#explore-map svg")
    result = _api(server, f"/api/explore?indicator=trade.exports{pairs}")
    year = result["choropleth"]["year"]
    assert page.locator("#explore-year").input_value() == str(year)
    for value in result["choropleth"]["values"]:
        country = page.locator(f'#explore-map path.focus[data-country="{value["country"]}"]')
        if value["y"] is None:
            assert "no-data" in (country.get_attribute("class") or "")
        else:
            assert country.get_attribute("data-value") is not None
            assert country.locator("xpath=..").get_attribute("href").endswith(f"#{value['observation_id']}")
    page.locator('#explore-map path.focus[data-country="KAZ"]').hover()
    assert page.locator(".explore-tip").inner_text().startswith(f"Kazakhstan {year}")
    watched.shot("explore-map")
    page.goto(f"{server}{EXPORTS}&pair=CHN:KAZ&view=map", wait_until="networkidle")
    page.wait_for_selector("body[data-ready=true]")
    assert "one figure per country" in page.locator(".no-map").inner_text()
    assert watched.problems == []


def test_ticking_per_capita_shows_the_figures_per_person_of_each_country(watched: Watched, server: str) -> None:
    page = watched.open(f"{server}{EXPORTS}&from=2019&to=2020&view=table")
    box = page.locator("#explore-per-capita")
    assert box.is_enabled() and not box.is_checked()
    box.check()
    page.wait_for_url("**per_capita=1**")
    page.wait_for_selector("#explore-per-capita-note")
    query = "indicator=trade.exports&pair=KAZ:CHN&pair=UZB:CHN&from=2019&to=2020&per_capita=true"
    answer = _api(server, f"/api/explore?{query}")
    assert answer["per_capita"]["applied"] and answer["per_capita"]["unit_label"] == "USD per person"
    kaz = {p["period"]: p["per_capita"] for p in answer["series"][0]["points"]}
    assert kaz["2019"]["population"] == 19209555  # WDI population.csv line 7796
    note = page.locator("#explore-per-capita-note").inner_text()
    assert "per person (USD per person)" in note and "same year" in note
    table = page.locator("#explore-view table")
    assert "USD per person" in table.locator("caption").inner_text()
    row = table.locator("tbody tr", has_text="2019")
    assert f"{kaz['2019']['value_shown']} USD per person" in row.inner_text()
    assert "per person of Kazakhstan" in page.locator("#explore-reporters").inner_text()
    assert "World Bank" in page.locator("#explore-sources").inner_text()
    page.check('input[name="view"][value="chart"]')
    page.wait_for_selector("#explore-chart")
    assert page.locator("#explore-chart .axis-unit").text_content() == "USD per person"
    watched.shot("explore-per-capita")
    box = page.locator("#explore-per-capita")
    box.uncheck()
    page.wait_for_url(lambda url: "per_capita" not in url)
    page.locator("#explore-per-capita-note").wait_for(state="detached")
    assert "per person" not in (page.locator("#explore-chart .axis-unit").text_content() or "")
    assert "null" not in page.locator("#explore-form").inner_text()  # offered, not ticked: no note at all
    assert watched.problems == []


def test_the_map_per_person_speaks_chinese(watched: Watched, server: str) -> None:
    page = watched.open(f"{server}{EXPORTS}&view=map&per_capita=1&lang=zh")
    page.wait_for_selector(".explore-map-values")
    assert page.locator("#explore-per-capita").is_checked()
    legend = page.locator(".explore-map-values").inner_text()
    assert legend.count("美元/人") == 2  # Kazakhstan's and Uzbekistan's exports to China, per person of each
    assert "美元/人" in page.locator("#explore-per-capita-note").inner_text()
    assert watched.problems == []


def test_per_capita_is_refused_with_the_reason_for_a_share(watched: Watched, server: str) -> None:
    page = watched.open(f"{server}/explore?indicator=trade.partner_share&per_capita=1")
    assert page.locator("#explore-per-capita").is_disabled()
    assert not page.locator("#explore-per-capita").is_checked()
    note = page.locator("#explore-per-capita-note").inner_text()
    assert note.startswith("Per person is not available") and "percentage, share or ratio" in note
    assert watched.problems == []


@pytest.mark.parametrize("lang", ["zh", "ru"])
def test_the_explorer_works_in_every_language(watched: Watched, server: str, lang: str) -> None:
    page = watched.open(f"{server}{EXPORTS}&lang={lang}")
    page.check('input[name="scale"][value="log"]')
    page.wait_for_url("**scale=log**")
    assert f"lang={lang}" in page.url
    switch = page.locator('.lang-switch a[hreflang="en"]').get_attribute("href")
    assert "scale=log" in switch and "lang=" not in switch
    watched.shot(f"explore-{lang}")
    assert watched.problems == []


def test_a_stored_claim_check_reopens_from_its_link(watched: Watched, server: str, browser: Any) -> None:
    page = watched.open(f"{server}/claims")
    page.fill("#claim-text", SENTENCE)
    page.select_option("#claim-lang", "en")
    page.click("#claim-form button[type=submit]")
    page.wait_for_selector("#claim-permalink")
    link = page.url
    assert "check=" in link
    verdicts = page.locator(".verdicts").inner_text()
    citation = page.locator("#cite-text").input_value()
    assert link in citation and "General Administration of Customs of China" in citation
    again = Watched(browser)
    try:
        reopened = again.open(link)
        reopened.wait_for_selector(".verdicts")
        assert reopened.locator("#claim-text").input_value() == SENTENCE
        assert reopened.locator(".verdicts").inner_text() == verdicts
        assert reopened.locator("#claim-stored").is_visible()
        again.shot("claims-stored")
        assert again.problems == []
    finally:
        again.close()
    assert watched.problems == []


def test_a_scenario_in_the_address_is_compared_on_opening(watched: Watched, server: str) -> None:
    page = watched.open(f"{server}/corridors")
    page.select_option("#scenario-from", "city.xian")
    page.select_option("#scenario-to", "city.tashkent")
    page.select_option("#scenario-close", "station.dostyk")
    page.click("#scenario-form button[type=submit]")
    page.wait_for_selector("#scenario-results table")
    link = page.url
    assert "scenario_close=station.dostyk" in link
    rows = page.locator("#scenario-results table").inner_text()
    reopened = watched.open(link)
    reopened.wait_for_selector("#scenario-results table")
    assert reopened.locator("#scenario-close").input_value() == "station.dostyk"
    assert reopened.locator("#scenario-results table").inner_text() == rows
    assert watched.problems == []


def test_the_source_catalogue_keeps_its_filter_in_the_address(watched: Watched, server: str) -> None:
    page = watched.open(f"{server}/sources?lang=ru")
    page.fill("#source-search", "Monetary")
    page.wait_for_url("**q=Monetary**")
    count = page.locator(".note[aria-live]").first.inner_text()
    assert "lang=ru" in page.url
    reopened = watched.open(page.url)
    assert reopened.locator("#source-search").input_value() == "Monetary"
    assert reopened.locator(".note[aria-live]").first.inner_text() == count
    assert watched.problems == []


def test_the_keyboard_keeps_its_place_while_the_view_changes(watched: Watched, server: str) -> None:
    page = watched.open(f"{server}{EXPORTS}")
    page.focus('input[name="scale"][value="linear"]')
    page.keyboard.press("ArrowRight")  # to the logarithmic scale: the view is drawn again
    page.wait_for_url("**scale=log**")
    page.wait_for_selector("#explore-chart")
    assert page.evaluate("() => document.activeElement.value") == "log"
    page.keyboard.press("ArrowRight")
    page.wait_for_url("**scale=relative**")
    page.wait_for_selector("#explore-chart")
    assert page.evaluate("() => document.activeElement.value") == "relative"
    assert watched.problems == []
