"""The dashboard's pages: small HTML shells that share one navigation and load one ES module each.

The shell is rendered on the server in the chosen language (`?lang=en|zh|ru`),
so navigation, titles and the language switch work before any script runs;
the page's module then fetches the API and draws tables, charts and maps.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import Path
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Query
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
    PageSpec("claims", "/claims", ()),
    PageSpec("sources", "/sources", ()),
)
BY_KEY = {p.key: p for p in PAGES}


@cache
def messages(lang: str) -> dict[str, str]:
    """The interface strings of one language (static/i18n/<lang>.json, shared with the scripts)."""
    text = (STATIC / "i18n" / f"{lang}.json").read_text(encoding="utf-8")
    return dict(json.loads(text))


def _href(path: str, lang: str) -> str:
    return f"{path}?lang={lang}" if lang != "en" else path


def render_page(key: str, lang: str, path: str, arg: str = "") -> str:
    """The HTML shell of one page in one language.

    Args:
        key: Page key (overview, country, trade, ...).
        lang: Interface language: en, zh or ru.
        path: The page's own path (for the language switch).
        arg: The page's argument (a country code, a source id), passed to its script.
    """
    msg = messages(lang)
    spec = BY_KEY[key]
    title = msg[f"page.{key}"]
    nav = "\n".join(
        f'<li><a href="{_href(p.path, lang)}"{" aria-current=page" if p.key == key else ""}>'
        f"{escape(msg[f'page.{p.key}'])}</a></li>"
        for p in PAGES
    )
    switch = "\n".join(
        f'<li><a href="{_href(path, code)}" hreflang="{code}" lang="{code}"'
        f"{' aria-current=true' if code == lang else ''}>{LANGUAGE_NAMES[code]}</a></li>"
        for code in LANGUAGES
    )
    scripts = "\n".join(f'<script src="{vendor_url(name)}" defer></script>' for name in spec.vendor)
    return f"""<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} · Caravan</title>
<meta name="description" content="{escape(msg["site.tagline"])}">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/css/caravan.css">
{scripts}
<script type="module" src="/static/js/pages/{key}.js"></script>
</head>
<body data-page="{key}" data-arg="{escape(arg)}" data-atlas="{escape(vendor_url("countries-50m.json"))}">
<a class="skip-link" href="#main">{escape(msg["nav.skip"])}</a>
<header class="site-header">
<a class="brand" href="{_href("/", lang)}">Caravan</a>
<nav aria-label="{escape(msg["nav.label"])}"><ul class="nav">
{nav}
</ul></nav>
<nav aria-label="{escape(msg["nav.language"])}"><ul class="lang-switch">
{switch}
</ul></nav>
</header>
<main id="main" tabindex="-1">
<h1>{escape(title)}</h1>
<div id="app" aria-live="polite"><p class="loading">{escape(msg["status.loading"])}</p></div>
</main>
<footer class="site-footer"><p>{escape(msg["site.tagline"])}
<a href="/docs">{escape(msg["nav.api"])}</a></p></footer>
</body>
</html>
"""


LangQuery = Annotated[str, Query(pattern="^(en|zh|ru)$", description="Interface language.")]


def _page(key: str, lang: str, path: str, arg: str = "") -> HTMLResponse:
    return HTMLResponse(render_page(key, lang, path, arg))


@router.get("/", response_class=HTMLResponse)
def overview_page(lang: LangQuery = "en") -> HTMLResponse:
    """The overview page."""
    return _page("overview", lang, "/")


@router.get("/country/{code}", response_class=HTMLResponse)
def country_page(code: str, lang: LangQuery = "en") -> HTMLResponse:
    """A country's profile (CHN: China's view of the region)."""
    code = code.upper()
    if code not in COUNTRIES:
        raise NotFoundError(f"no profile for {code!r}; profiles exist for {', '.join(COUNTRIES)}")
    return _page("country", lang, f"/country/{code}", code)


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
