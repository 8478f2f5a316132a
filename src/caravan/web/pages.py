"""The dashboard's pages: small HTML shells that share one navigation and load one ES module each.

The shell is rendered on the server in the chosen language (`?lang=en|zh|ru`),
so navigation, titles and the language switch work before any script runs;
the page's module then fetches the API and draws tables, charts and maps.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import Path
from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, HTMLResponse

from caravan.errors import NotFoundError
from caravan.overview import COUNTRIES
from caravan.web.deps import LedgerDep
from caravan.web.vendor import vendor_url

STATIC = Path(__file__).parent / "static"
LANGUAGES = ("en", "zh", "ru")
LANGUAGE_NAMES = {"en": "English", "zh": "中文", "ru": "Русский"}

router = APIRouter(include_in_schema=False)


@dataclass(frozen=True)
class PageSpec:
    """A dashboard page: its key (title and module name), path and the vendor scripts it needs."""

    key: str
    path: str
    vendor: tuple[str, ...] = ("d3.min.js",)


MAP_VENDOR = ("d3.min.js", "topojson-client.min.js")
PAGES: tuple[PageSpec, ...] = (
    PageSpec("overview", "/", MAP_VENDOR),
    PageSpec("country", "/country/CHN", MAP_VENDOR),
    PageSpec("trade", "/trade"),
    PageSpec("corridors", "/corridors", MAP_VENDOR),
    PageSpec("energy", "/energy", MAP_VENDOR),
    PageSpec("people", "/people"),
    PageSpec("institutions", "/institutions"),
    PageSpec("explore", "/explore", MAP_VENDOR),
    PageSpec("claims", "/claims", ()),
    PageSpec("sources", "/sources", ()),
)
SEARCH = PageSpec("search", "/search", ())  # reached from the box on every page, not from the navigation
BY_KEY = {p.key: p for p in (*PAGES, SEARCH)}
# The pillar whose indicators a page shows: its explorer link opens on them.
PILLAR_OF_PAGE = {"trade": "trade", "corridors": "transport", "energy": "energy", "people": "people"}


_IMPORT = re.compile(r'^(?:import|export)\b[^;]*?\bfrom\s+"(\.{1,2}/[\w./-]+\.js)"', re.M)


@cache
def module_imports(key: str) -> tuple[str, ...]:
    """The addresses of every module a page's module imports, directly or not, in the order first met.

    Named in the page's head (`modulepreload`), the browser fetches them all at once beside the page's
    own module instead of one level of imports after another.
    """
    js = STATIC / "js"
    seen: dict[Path, None] = {}
    todo = [js / "pages" / f"{key}.js"]
    while todo:
        module = todo.pop(0)
        for spec in _IMPORT.findall(module.read_text(encoding="utf-8")):
            found = (module.parent / spec).resolve()
            if found not in seen:
                seen[found] = None
                todo.append(found)
    return tuple(f"/static/js/{m.relative_to(js.resolve()).as_posix()}" for m in seen)


@cache
def messages(lang: str) -> dict[str, str]:
    """The interface strings of one language (static/i18n/<lang>.json, shared with the scripts)."""
    text = (STATIC / "i18n" / f"{lang}.json").read_text(encoding="utf-8")
    return dict(json.loads(text))


def _href(path: str, lang: str) -> str:
    return f"{path}{'&' if '?' in path else '?'}lang={lang}" if lang != "en" else path


def _shell(
    lang: str, path: str, title: str, body: str, *, key: str = "", head: str = "", attrs: str = "", query: str = ""
) -> str:
    """The frame every page shares: head, navigation, the search box, language switch and footer around `body`."""
    msg = messages(lang)
    nav = "\n".join(
        f'<li><a href="{_href(p.path, lang)}"{" aria-current=page" if p.key == key else ""}>'
        f"{escape(msg[f'page.{p.key}'])}</a></li>"
        for p in PAGES
    )
    switch = "\n".join(
        f'<li><a href="{escape(_href(path, code))}" hreflang="{code}" lang="{code}"'
        f"{' aria-current=true' if code == lang else ''}>{LANGUAGE_NAMES[code]}</a></li>"
        for code in LANGUAGES
    )
    return f"""<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} · Caravan</title>
<meta name="description" content="{escape(msg["site.tagline"])}">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/css/caravan.css">
<link rel="stylesheet" href="/static/css/explore.css">
{head}
</head>
<body{attrs}>
<a class="skip-link" href="#main">{escape(msg["nav.skip"])}</a>
<header class="site-header">
<a class="brand" href="{_href("/", lang)}">Caravan</a>
<nav aria-label="{escape(msg["nav.label"])}"><ul class="nav">
{nav}
</ul></nav>
<form class="site-search" role="search" method="get" action="/search">
<label for="site-search-q" class="visually-hidden">{escape(msg["search.label"])}</label>
<input id="site-search-q" name="q" type="search" required maxlength="200" value="{escape(query)}"
 placeholder="{escape(msg["search.placeholder"])}">
{f'<input type="hidden" name="lang" value="{lang}">' if lang != "en" else ""}
<button type="submit">{escape(msg["search.label"])}</button>
</form>
<nav aria-label="{escape(msg["nav.language"])}"><ul class="lang-switch">
{switch}
</ul></nav>
</header>
<main id="main" tabindex="-1">
{body}
</main>
<footer class="site-footer"><p>{escape(msg["site.tagline"])}
<a href="/docs">{escape(msg["nav.api"])}</a></p></footer>
</body>
</html>
"""


def render_page(
    key: str, lang: str, path: str, arg: str = "", title: str = "", query: str = "", atlas: bool | None = None
) -> str:
    """The HTML shell of one page in one language.

    Args:
        key: Page key (overview, country, trade, ...).
        lang: Interface language: en, zh or ru.
        path: The page's own path (for the language switch).
        arg: The page's argument (a country code, a source id), passed to its script.
        title: The page's own title where it has one (a country's name); the page kind's otherwise.
        query: The words in the search box (the search page's own).
        atlas: Whether the page draws a map at once (default: every page that loads the map's scripts);
            its country shapes are then asked for in the head, beside the page's scripts.
    """
    msg = messages(lang)
    spec = BY_KEY[key]
    title = title or msg[f"page.{key}"]
    atlas_url = escape(vendor_url("countries-50m.json"))
    draws_map = spec.vendor == MAP_VENDOR if atlas is None else atlas
    # Everything the page will ask for first, asked at once: its modules, its messages, the map's shapes.
    early = [f'<link rel="modulepreload" href="{m}">' for m in module_imports(key)]
    early.append(f'<link rel="preload" href="/static/i18n/{lang}.json" as="fetch" crossorigin>')
    if draws_map:
        early.append(f'<link rel="preload" href="{atlas_url}" as="fetch" crossorigin>')
    scripts = "\n".join(f'<script src="{vendor_url(name)}" defer></script>' for name in spec.vendor)
    head = "\n".join([*early, scripts, f'<script type="module" src="/static/js/pages/{key}.js"></script>'])
    pillar = PILLAR_OF_PAGE.get(key)
    explore = (
        f'<p class="explore-link"><a href="{escape(_href(f"/explore?pillar={pillar}", lang))}">'
        f"{escape(msg['explore.link'])}</a></p>\n"
        if pillar
        else ""
    )
    body = f"""<h1>{escape(title)}</h1>
{explore}<div id="app" aria-live="polite"><p class="loading">{escape(msg["status.loading"])}</p></div>"""
    attrs = f' data-page="{key}" data-arg="{escape(arg)}" data-atlas="{atlas_url}"'
    return _shell(lang, path, title, body, key=key, head=head, attrs=attrs, query=query)


def render_error(status: int, lang: str, path: str, detail: str = "", *, bad_language: bool = False) -> str:
    """A page that tells a person in a browser what went wrong, in their language, without API jargon.

    Args:
        status: The HTTP status (400, 404, 500, 503; others read as 400 or 500).
        lang: Interface language (an unknown one reads as English).
        path: The address asked for (the language links point at it).
        detail: What was wrong, in words (English: the ledger's messages are English).
        bad_language: The address asked for an interface language that does not exist.
    """
    lang = lang if lang in LANGUAGES else "en"
    msg = messages(lang)
    kind = status if f"error.{status}" in msg else (500 if status >= 500 else 400)
    title = msg[f"error.{kind}"]
    if bad_language:
        choices = "".join(
            f'<li><a href="{escape(path)}?lang={code}" hreflang="{code}" lang="{code}">{LANGUAGE_NAMES[code]}</a></li>'
            for code in LANGUAGES
        )
        text = f'<p>{escape(msg["error.lang"])}</p>\n<ul class="lang-choice">{choices}</ul>'
    elif detail:
        text = f'<p lang="en">{escape(detail)}</p>' if lang != "en" else f"<p>{escape(detail)}</p>"
    else:
        text = f"<p>{escape(msg.get(f'error.{kind}.detail', ''))}</p>"
    body = f"""<h1>{escape(title)}</h1>
<div class="error-page" role="alert">{text}
<p><a href="{_href("/", lang)}">{escape(msg["error.home"])}</a></p></div>"""
    return _shell(lang, path, title, body)


LangQuery = Annotated[str, Query(pattern="^(en|zh|ru)$", description="Interface language.")]


def _page(key: str, lang: str, path: str, arg: str = "", title: str = "") -> HTMLResponse:
    return HTMLResponse(render_page(key, lang, path, arg, title))


@router.get("/", response_class=HTMLResponse)
def overview_page(lang: LangQuery = "en") -> HTMLResponse:
    """The overview page."""
    return _page("overview", lang, "/")


@router.get("/country/{code}", response_class=HTMLResponse)
def country_page(code: str, ledger: LedgerDep, lang: LangQuery = "en") -> HTMLResponse:
    """A country's profile (CHN: China's view of the region), titled with the country's name."""
    code = code.upper()
    if code not in COUNTRIES:
        raise NotFoundError(f"no profile for {code!r}; profiles exist for {', '.join(COUNTRIES)}")
    msg = messages(lang)
    if code == "CHN":
        title = msg["country.china_view"]
    else:
        entity = ledger.entity(code)
        title = f"{msg['page.country']}: {entity.get(f'name_{lang}') or entity['name_en']}"
    return _page("country", lang, f"/country/{code}", code, title)


def render_embed(lang: str, title: str, indicator: str, a: str, b: str, full: str) -> str:
    """A chart alone, to be framed by another site: its title, the chart, its sources, a link to Caravan.

    Links open in a new window (`<base target="_blank">`), never inside the frame's host.
    """
    msg = messages(lang)
    scripts = "\n".join(f'<script src="{vendor_url(name)}" defer></script>' for name in ("d3.min.js",))
    return f"""<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} · Caravan</title>
<base target="_blank">
<link rel="stylesheet" href="/static/css/caravan.css">
{scripts}
<script type="module" src="/static/js/pages/embed.js"></script>
</head>
<body class="embed" data-page="embed" data-indicator="{escape(indicator)}" data-a="{escape(a)}" data-b="{escape(b)}">
<main id="main">
<h1>{escape(title)}</h1>
<div id="app" aria-live="polite"><p class="loading">{escape(msg["status.loading"])}</p></div>
<p class="embed-credit"><a href="{escape(_href(full, lang))}">Caravan</a> · {escape(msg["embed.credit"])}</p>
</main>
</body>
</html>
"""


@router.get("/embed/chart", response_class=HTMLResponse)
def embed_chart(
    ledger: LedgerDep,
    indicator: Annotated[str, Query(max_length=80, description="The indicator (trade.turnover).")],
    a: Annotated[str, Query(max_length=40, description="One side (CHN): its figures about the other.")],
    b: Annotated[str, Query(max_length=40, description="The other side (KAZ): its figures about the first.")],
    lang: LangQuery = "en",
) -> HTMLResponse:
    """One indicator between two sides as a chart any site may frame, each side's figures a line, sources under it."""
    row = ledger.indicator(indicator)
    names = {}
    for code in (a, b):
        entity = ledger.entity(code)
        names[code] = entity.get(f"name_{lang}") or entity["name_en"]
    title = f"{row.get(f'name_{lang}') or row['name']}: {names[a]} – {names[b]}"
    full = f"/country/{b}" if b in COUNTRIES and a == "CHN" else "/"
    return HTMLResponse(render_embed(lang, title, indicator, a, b, full))


@router.get("/explore", response_class=HTMLResponse)
def explore_page(
    request: Request,
    ledger: LedgerDep,
    lang: LangQuery = "en",
    indicator: Annotated[str | None, Query(max_length=100, description="The indicator shown.")] = None,
) -> HTMLResponse:
    """The indicator explorer, titled with its indicator; the whole view (pairs, years, scale) is in the address."""
    kept = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    path = f"/explore?{urlencode(kept)}" if kept else "/explore"
    title = ""
    if indicator:
        title = f"{messages(lang)['page.explore']}: {ledger.indicator(indicator)['name']}"
    map_view = request.query_params.get("view") == "map"
    return HTMLResponse(render_page("explore", lang, path, indicator or "", title, atlas=map_view))


@router.get("/search", response_class=HTMLResponse)
def search_page(
    lang: LangQuery = "en", q: Annotated[str, Query(max_length=200, description="Words to look for.")] = ""
) -> HTMLResponse:
    """What the ledger holds that matches the words of the search box."""
    path = f"/search?q={quote(q)}" if q else "/search"
    return HTMLResponse(render_page("search", lang, path, q, query=q))


@router.get("/sources/{source_id}", response_class=HTMLResponse)
def source_page(source_id: str, ledger: LedgerDep, lang: LangQuery = "en") -> HTMLResponse:
    """One source's entry in the catalogue.

    Raises:
        NotFoundError: No source has that id (answered 404 in the one error shape).
    """
    ledger.source(source_id)
    return _page("sources", lang, f"/sources/{quote(source_id)}", source_id)


def _simple(key: str) -> None:
    spec = BY_KEY[key]

    def page(lang: LangQuery = "en") -> HTMLResponse:
        return _page(key, lang, spec.path)

    page.__doc__ = f"The {key} page."
    router.add_api_route(spec.path, page, methods=["GET"], response_class=HTMLResponse, name=f"{key}_page")


for _key in ("trade", "corridors", "energy", "people", "institutions", "claims", "sources"):
    _simple(_key)


@router.get("/docs", response_class=HTMLResponse)
def api_docs() -> HTMLResponse:
    """The API documentation (Swagger UI, served from this server), linking its files at their versioned addresses."""
    html = (STATIC / "docs.html").read_text(encoding="utf-8")
    for name in ("swagger-ui.css", "swagger-ui-bundle.js"):
        html = html.replace(f'"/static/vendor/{name}"', f'"{vendor_url(name)}"')
    return HTMLResponse(html)


@router.get("/favicon.ico", response_class=FileResponse)
def favicon() -> FileResponse:
    """The site icon."""
    return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")
