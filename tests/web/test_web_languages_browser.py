"""Every page and briefing in Chinese and Russian shows the ledger's data in that language, not in English.

Debian's Chromium, headless, driven by Playwright, renders each dashboard page (every country
profile, the embed view, a source's entry and a figure's lineage included) and the briefings
(HTML, and the PDF's text) against `caravan serve` on the real ledger. Each visible text node
that is not inside an element marked `lang="en"` (a source's title, a quote, a publisher's
name: English data) is split into Latin words; a word that is neither a code nor a proper name
on the allow list below, nor part of a publisher's or authority's name in the ledger, fails the
page, and the failure lists the offending words with the text they stand in.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run", "--disable-quic"]
LANGUAGES = ("zh", "ru")
# A search for a word in the page's own language (an English word typed in the box would be the reader's own).
SEARCH = {"zh": "天然气", "ru": "газ"}
PAGES = {
    "overview": "/",
    **{f"country-{c.lower()}": f"/country/{c}" for c in ("CHN", "KAZ", "KGZ", "TJK", "TKM", "UZB")},
    "trade": "/trade",
    "corridors": "/corridors",
    "energy": "/energy",
    "people": "/people",
    "institutions": "/institutions",
    "claims": "/claims",
    "sources": "/sources",
    "embed": "/embed/chart?indicator=trade.turnover&a=CHN&b=KAZ",
    "explore": "/explore",
    "explore-table": "/explore?indicator=trade.exports&view=table",
}
# Names of formats and standards, written as their makers write them.
PHRASES = ("Data Package", "Air China")
# Codes and proper names that read the same in every language. ISO codes of countries and groups,
# and the publishers' and authorities' own names, come from the ledger itself (see `allowed`).
ALLOWED = frozenset(
    {
        # units and their codes
        "USD", "CNY", "KZT", "UZS", "EUR", "TEU", "FEU", "CO", "km", "kg", "HS",
        # the project, file formats and interfaces
        "Caravan", "CSV", "JSON", "API", "OpenAPI", "PDF", "HTML", "SVG", "PNG",
        # datasets and compilers named as proper names
        "IMF", "DOTS", "BACI", "Comtrade", "CEPII", "AidData", "OpenFlights", "Wikidata", "UN", "GACC",
        # the library that draws the sea lines, named as its makers write it
        "searoute",
        # trade terms used as codes
        "CIF", "FOB",
    }
)  # fmt: skip
LATIN = re.compile(r"[A-Za-z]{2,}")

# The visible text of a page in the page's own language: text inside an element marked in another
# language (`lang="en"`: a source's title, a quote, a publisher's name) is skipped, the nearest `lang`
# winning, and so is code (`<code>`: ids, addresses) and a tooltip (`<title>`).
VISIBLE_TEXT = """() => {
  const out = [];
  const own = document.documentElement.lang;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const p = n.parentElement;
    if (!p || p.closest("script, style, noscript, title, code")) continue;
    const marked = p.closest("[lang]");
    if (marked && marked.getAttribute("lang") !== own) continue;
    if (p.tagName !== "OPTION" && p.tagName !== "OPTGROUP" && !p.closest("svg") && !p.checkVisibility()) continue;
    const text = n.textContent.trim();
    if (text) out.push(text);
  }
  for (const g of document.querySelectorAll("optgroup[label]")) out.push(g.getAttribute("label"));
  return out;
}"""

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


@pytest.fixture(scope="module")
def tab(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(90_000)  # generous: shared machines are slow at times
    yield page
    context.close()


@pytest.fixture(scope="module")
def allowed(server: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The words allowed everywhere (codes), and the proper names (publishers, authorities) allowed as phrases."""
    entities = httpx.get(f"{server}/api/entities", timeout=60).json()
    codes = {e["id"] for e in entities if e["kind"] in ("country", "group")}
    sources = httpx.get(f"{server}/api/sources", timeout=60).json()
    # Publishers and authorities keep brand names in every language (PipeChina, AidData): their names are
    # proper names, and so are the sources' titles, quoted as published.
    keys = ("publisher", "original_publisher", "authority_name", "authority_name_zh", "authority_name_ru", "title")
    names = {s[k] for s in sources for k in keys if s.get(k)} | set(PHRASES)
    # An investment tracker's investors, named as it names them (China National Petroleum Corp.).
    names |= {e["attributes"]["investor"] for e in entities if (e.get("attributes") or {}).get("investor")}
    # Longest first, so that "The Astana Times" goes before "Astana".
    return ALLOWED | codes, tuple(sorted(names, key=len, reverse=True))


def leaks(texts: list[str], allowed: tuple[frozenset[str], tuple[str, ...]]) -> Counter[str]:
    """The Latin words of `texts` that are neither codes nor proper names on the allow list, with an example each."""
    words, names = allowed
    found: Counter[str] = Counter()
    for text in texts:
        for name in names:
            if name in text:
                text = text.replace(name, " ")
        for word in LATIN.findall(text):
            if word not in words:
                found[f"{word!r} in {text.strip()[:90]!r}"] += 1
    return found


def _piece_of(found: str, blob: str) -> bool:
    """Whether a reported word (`'billio' in '...'`) is a piece, 4 letters or more, of the English data."""
    word = found.split("'")[1]
    return len(word) >= 4 and word in blob


def report(found: Counter[str]) -> str:
    return "Latin-script words on the page:\n" + "\n".join(f"  {k} (x{n})" for k, n in found.most_common(40))


def visible_text(tab: Any, url: str) -> list[str]:
    tab.goto(url, wait_until="networkidle")
    tab.wait_for_selector("body[data-ready=true]", timeout=90_000)
    return list(tab.evaluate(VISIBLE_TEXT))


def test_the_check_catches_english(tab: Any, allowed: tuple[frozenset[str], tuple[str, ...]]) -> None:
    # English outside an English element is found; inside one, in code or in a tooltip, it is not.
    tab.set_content(
        '<html lang="zh"><body data-ready="true"><p>报告 as-of 2023</p><p lang="en">The period volumes</p>'
        "<p><code>trade.turnover</code> 10 USD</p><svg><title>tooltip words</title></svg>"
        '<div lang="en"><p lang="zh">截至 <b>deadline</b></p></div></body></html>'
    )
    found = leaks(list(tab.evaluate(VISIBLE_TEXT)), allowed)
    assert {k.split(" in ")[0] for k in found} == {"'as'", "'of'", "'deadline'"}, report(found)
    assert not leaks(["中国 KAZ 10 USD", "俄罗斯 The Astana Times"], allowed)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", list(PAGES))
def test_page_shows_no_english(
    tab: Any, server: str, allowed: tuple[frozenset[str], tuple[str, ...]], name: str, lang: str
) -> None:
    path = PAGES[name]
    url = f"{server}{path}{'&' if '?' in path else '?'}lang={lang}"
    found = leaks(visible_text(tab, url), allowed)
    assert not found, f"{name} ({lang}): {report(found)}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_shows_no_english(
    tab: Any, server: str, allowed: tuple[frozenset[str], tuple[str, ...]], lang: str
) -> None:
    found = leaks(visible_text(tab, f"{server}/search?q={SEARCH[lang]}&lang={lang}"), allowed)
    assert not found, f"search ({lang}): {report(found)}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_source_entry_and_lineage_show_no_english(
    tab: Any, server: str, allowed: tuple[frozenset[str], tuple[str, ...]], lang: str
) -> None:
    page = httpx.get(f"{server}/api/observations", params={"indicator": "trade.turnover", "limit": 1}, timeout=60)
    row = page.json()["items"][0]
    derived = httpx.get(f"{server}/api/observations", params={"method": "derived", "limit": 1}, timeout=60).json()[
        "items"
    ][0]
    for url in (
        f"{server}/sources/{row['source_id']}?lang={lang}",
        f"{server}/sources?observation={derived['id']}&lang={lang}",
    ):
        found = leaks(visible_text(tab, url), allowed)
        assert not found, f"{url}: {report(found)}"


# What a briefing's HTML marks as not in its language (English data, code), to take out of its PDF's text.
ENGLISH_TEXT = """() => [...document.querySelectorAll("[lang], code")]
  .filter((e) => e.tagName === "CODE" || e.getAttribute("lang") !== document.documentElement.lang)
  .map((e) => e.textContent.trim()).filter(Boolean)"""


def without(text: str, phrases: list[str]) -> str:
    """`text` less every phrase, matched across the line breaks a PDF puts anywhere (in a word, an address)."""
    for phrase in sorted(set(phrases), key=len, reverse=True):
        pattern = r"\s*".join(re.escape(c) for c in "".join(phrase.split()))
        text = re.sub(pattern, " ", text)
    return text


@pytest.fixture(scope="module")
def briefings(real_settings: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Any]:
    """Every briefing in Chinese and Russian, written as HTML and PDF from the real ledger."""
    from caravan.ledger.store import Ledger
    from caravan.reports.briefing import SUBJECTS
    from caravan.reports.pdf import write_briefing

    out = tmp_path_factory.mktemp("briefings")
    with Ledger(real_settings.ledger) as ledger:
        return {(c, lang): write_briefing(ledger, c, out, lang) for c in SUBJECTS for lang in LANGUAGES}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_briefings_show_no_english(
    tab: Any, briefings: dict[tuple[str, str], Any], allowed: tuple[frozenset[str], tuple[str, ...]], lang: str
) -> None:
    import pypdf

    problems = []
    for (_, language), written in sorted(briefings.items()):
        if language != lang:
            continue
        tab.goto(written.html.as_uri(), wait_until="load")
        found = leaks(list(tab.evaluate(VISIBLE_TEXT)), allowed)
        if found:
            problems.append(f"{written.html.name}: {report(found)}")
        # The PDF's text, less the English data the HTML marks: its words are the HTML's, in pages.
        # The PDF's text, less what the HTML marks as English data or code. A PDF breaks an address or a
        # long title anywhere, so a remaining piece of one (4 letters or more) is taken as part of it;
        # the words themselves are checked in the HTML above.
        english = list(tab.evaluate(ENGLISH_TEXT))
        blob = "".join("".join(english).split())
        words = allowed[0] | set(LATIN.findall(" ".join(english)))
        text = " ".join(p.extract_text() or "" for p in pypdf.PdfReader(written.pdf).pages)
        found = leaks([without(text, english + list(allowed[1]))], (words, ()))
        found = Counter({k: n for k, n in found.items() if not _piece_of(k, blob)})
        if found:
            problems.append(f"{written.pdf.name}: {report(found)}")
    assert not problems, "\n".join(problems)
