"""The dashboard in a real browser, on a small ledger: the sources page shows the audit, headlines show their date.

The ledger is the tiny one plus rows printed in 亿/万 units, a newspaper quoting customs,
an old figure and one the audit flags; `caravan serve` runs it on a free loopback port and
Debian's Chromium, headless, driven by Playwright, reads the pages in three languages.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from caravan.ledger.build import build
from caravan.settings import Settings
from conftest import write_tiny_data
from printed_units import RAW_SPELLINGS, add_printed

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run", "--disable-quic"]

# 亿 m³ and 万 persons as printed; an old figure (2015) heads Kyrgyzstan's people pillar;
# a 2025 figure from a page of January 2025 is flagged by the audit (not-yet-ended).
ROWS = """\
gas.delivered.cumulative,C5,CHN,cumulative-to 2024-11-30,5000,yi m**3,src-c,突破5000亿立方米,reported,over
students.in_china,KAZ,CHN,2024,7.5,wan person,src-c,7.5万人,reported,
students.in_china,KGZ,CHN,2015,4247,person,src-c,"4,247 students",reported,
trade.turnover,CHN,KGZ,2025,21,bn USD,src-a,table 3 (forecast),reported,
"""

# A two-node network, so that the country pages can draw their map.
NODES = """\
- {id: city.example, kind: city}
- {id: city.other, kind: city, names: {en: Other}, country: KAZ, geonameid: 1526273}
"""
EDGES = "- {id: rail.x, from: city.example, to: city.other, mode: rail, gauge: 1520, sources: [src-a]}\n"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (scripts/test installs it)"),
]


@pytest.fixture(scope="module")
def small_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`caravan serve` on the small ledger, on a free loopback port."""
    from web.conftest import free_port, start_server

    data = write_tiny_data(tmp_path_factory.mktemp("surfaces"))
    add_printed(data, ROWS)
    (data / "network").mkdir(exist_ok=True)
    (data / "network/nodes.yaml").write_text(NODES, encoding="utf-8")
    (data / "network/edges.yaml").write_text(EDGES, encoding="utf-8")
    settings = Settings(ledger=data.parent / "caravan.duckdb", data=data)
    build(settings, force=True)
    port = free_port()
    process = start_server(settings, port)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="module")
def page(small_server: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        tab = context.new_page()
        tab.set_default_timeout(60_000)
        tab.problems = []
        tab.on("console", lambda m: m.type == "error" and tab.problems.append(f"console: {m.text}"))
        tab.on("pageerror", lambda e: tab.problems.append(f"page error: {e}"))
        yield tab
        browser.close()


def _open(tab: Any, url: str) -> Any:
    tab.problems.clear()
    tab.goto(url, wait_until="networkidle")
    tab.wait_for_selector("body[data-ready=true]", timeout=60_000)
    assert tab.locator(".error").count() == 0, tab.locator(".error").all_inner_texts()
    return tab


def _clean(text: str, where: str) -> None:
    for raw in RAW_SPELLINGS:
        assert raw not in text, f"{where} shows {raw!r}"


AUDIT_TITLE = {"en": "Audit of the ledger", "zh": "数据账本审计", "ru": "Аудит реестра"}
AS_OF = {"en": "as of", "zh": "截至", "ru": "на"}
OLD = {"en": "old figure", "zh": "旧数据", "ru": "устаревшие данные"}
TWENTY_ONE_BN = {"en": "21 bn USD", "zh": "21 十亿美元", "ru": "21 млрд долл. США"}  # the unit in the page's language


@pytest.mark.parametrize("lang", ["en", "zh", "ru"])
def test_sources_page_shows_the_audit(page: Any, small_server: str, lang: str) -> None:
    tab = _open(page, f"{small_server}/sources?lang={lang}")
    audit = tab.locator("#audit")
    assert audit.locator("h2").inner_text() == AUDIT_TITLE[lang]
    assert re.search(r"\d", audit.locator("#audit-summary").inner_text())
    audit.locator("#audit-summary").click()  # the findings unfold
    rows = audit.locator("tbody tr")
    assert rows.count() >= 1
    flagged = audit.locator("tbody tr", has_text="not-yet-ended").first
    link = flagged.locator("a.figure-link").first
    assert "observation=o-" in (link.get_attribute("href") or "")
    # The catalogue names each source's tier, in the page's language.
    assert tab.locator("[data-tier=official]").count() >= 1 and tab.locator("[data-tier=media]").count() >= 1
    _clean(tab.locator("#app").inner_text(), f"/sources?lang={lang}")
    link.click()
    tab.wait_for_selector("#observation-figure", timeout=60_000)
    assert TWENTY_ONE_BN[lang] in tab.locator("#observation-figure").inner_text().replace("\u00a0", " ")
    assert tab.problems == []


@pytest.mark.parametrize("lang", ["en", "zh", "ru"])
def test_overview_and_country_pages_date_every_headline(page: Any, small_server: str, lang: str) -> None:
    tab = _open(page, f"{small_server}/?lang={lang}")
    dates = tab.locator("#app time[datetime]")
    assert dates.count() >= 1
    assert AS_OF[lang] in dates.first.inner_text()
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", dates.first.get_attribute("datetime") or "")
    # Kyrgyzstan's students headline is from 2015: marked old.
    assert tab.locator(".badge.old").count() >= 1 and OLD[lang] in tab.locator(".badge.old").first.inner_text()
    _clean(tab.locator("#app").inner_text(), f"/?lang={lang}")
    tab = _open(page, f"{small_server}/country/KGZ?lang={lang}")
    card = tab.locator("article.card[data-pillar=people]")
    assert card.get_attribute("data-old") == "true" and OLD[lang] in card.inner_text()
    assert AS_OF[lang] in card.locator("time").inner_text()
    assert tab.problems == []


def test_figures_read_in_display_units_with_bounds_and_whose_they_are(page: Any, small_server: str) -> None:
    tab = _open(page, f"{small_server}/sources/src-c")
    body = tab.locator("#app").inner_text().replace("\u00a0", " ")
    _clean(body, "/sources/src-c")
    assert "over 500 bcm" in body and "printed: 5,000 亿 m³" in body
    assert "75,000 people" in body  # 7.5 万 persons, on the same scale as the others
    tab = _open(page, f"{small_server}/country/KAZ")
    figure = tab.locator("article.card[data-pillar=people] a.figure-link")
    assert "75,000 people" in figure.inner_text().replace("\u00a0", " ")
    assert "Example Customs Administration, via The Example Times" in (figure.get_attribute("title") or "")
    assert "printed: 7.5 万 people" in (figure.get_attribute("title") or "")
    _clean(tab.locator("#app").inner_text(), "/country/KAZ")
    assert tab.problems == []
