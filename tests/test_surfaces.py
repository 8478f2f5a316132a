"""What a person reads: every surface shows figures in the display unit, bounds as words, whose figure via which page.

The tiny ledger gains rows printed as sources print them (`5000 yi m**3`, `7.5 wan person`,
`CNY/hectoUSD`) and a newspaper quoting China's customs; the CLI's `show`, `sources` and
`overview`, the API's human-facing fields and its HTML pages must never show pint's spellings.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from caravan import cli
from caravan.cli import app
from caravan.figures import attribution, printed, readable_units, shown, unit_label
from caravan.ledger.build import build
from caravan.settings import Settings
from caravan.web.app import create_app
from printed_units import RAW_SPELLINGS, add_printed

ROWS = """\
gas.delivered.cumulative,C5,CHN,cumulative-to 2024-11-30,5000,yi m**3,src-c,突破5000亿立方米,reported,over
students.in_china,KAZ,CHN,2023,7.5,wan person,src-c,7.5万人,reported,
students.in_china,KGZ,CHN,2023,42470,person,src-c,"42,470 students",reported,
fx.cny_per_usd,CHN,,2023,708.27,CNY/hectoUSD,src-c,"100美元兑708.27元",reported,
trade.turnover,CHN,TJK,2024,4.3,bn USD,src-c,"中塔贸易额43亿美元",reported,about
"""


@pytest.fixture
def printed_settings(tiny_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """The tiny ledger plus rows in 亿/万 units and a newspaper quoting customs, built."""
    data = tiny_settings.data
    add_printed(data, ROWS)
    monkeypatch.setenv("CARAVAN_DATA", str(data))
    monkeypatch.setenv("CARAVAN_LEDGER", str(tiny_settings.ledger))
    # Wide tables, so that a figure reads on one line: listings take the terminal's width from
    # COLUMNS (caravan.output), the overview's rich table from the console.
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setattr(cli.console, "width", 200)
    build(tiny_settings, force=True)
    return tiny_settings


@pytest.fixture
def api(printed_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(printed_settings, cache=False), raise_server_exceptions=False) as client:
        yield client


def _cli(*args: str) -> str:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def _clean(text: str, where: str) -> None:
    for raw in RAW_SPELLINGS:
        at = text.find(raw)
        assert at < 0, f"{where} shows {raw!r}: ...{text[max(0, at - 80) : at + 40]}..."


def test_the_helpers_write_display_units_bounds_and_attribution() -> None:
    row = {"value": 5000.0, "unit": "yi m**3", "value_display": 500.00000000000006, "display_unit": "bcm"}
    row["bound"] = "lower"
    assert shown(row) == "over 500 bcm"
    assert shown(row, "zh") == "超过 500 十亿立方米" and shown(row, "ru") == "более 500 млрд м³"  # the unit too
    assert shown({**row, "bound": "upper"}) == "nearly 500 bcm"
    assert shown({**row, "bound": "approximate"}) == "about 500 bcm"
    assert printed(row) == "5,000 亿 m³"
    # Bulk imports have no value_display: the canonical value stands in.
    assert shown({"value_std": 42470.0, "unit_std": "person", "value_display": None}) == "42,470 people"
    assert unit_label("CNY/hectoUSD") == "CNY/100 USD" and unit_label("percent") == "%"
    assert readable_units("falls to 5,000 yi m**3; 7.5 wan person") == "falls to 5,000 亿 m³; 7.5 万 person"
    gacc = "General Administration of Customs of China"
    assert attribution({"publisher": "The Astana Times", "primary_name": gacc}) == f"{gacc}, via The Astana Times"
    assert attribution({"publisher": "Example Customs", "primary_name": "Example Customs"}) == "Example Customs"
    assert attribution({"publisher": None}) is None


def test_cli_show_sources_and_overview_read_in_display_units(printed_settings: Settings) -> None:
    show = _cli("show", "gas.delivered.cumulative")
    _clean(show, "caravan show")
    assert "over 500 bcm" in show and "over 423.2 bcm" in show and "5,000 亿 m³" in show
    assert "Example Customs Administration, via The Example Times" in show and "[media]" in show
    people = _cli("show", "students.in_china")
    _clean(people, "caravan show students.in_china")
    assert "75,000 people" in people and "42,470 people" in people  # one scale, never 7.5 beside 42,470
    _clean(_cli("show", "fx.cny_per_usd"), "caravan show fx")
    source = _cli("sources", "src-c")
    _clean(source, "caravan sources src-c")
    assert "5,000 亿 m³" in source and "over 500 bcm" in source  # the figure as printed, and as shown
    assert "whose figures: Example Customs Administration" in source and "tier: media" in source
    overview = _cli("overview")
    _clean(overview, "caravan overview")
    assert "43.8 bn USD (2024)" in overview


def _human_fields(value: Any) -> Iterator[str]:
    """Every field of an API answer that a person reads (the raw `value`/`unit`/`message` stay data)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("shown", "printed", "attribution", "text", "unit_label", "explanation", "target_text"):
                if isinstance(item, str):
                    yield item
            else:
                yield from _human_fields(item)
    elif isinstance(value, list):
        for item in value:
            yield from _human_fields(item)


@pytest.mark.parametrize(
    "path",
    [
        "/api/observations?limit=1000",
        "/api/overview",
        "/api/sources/src-c",
        "/api/people/figures",
        "/api/people/changes",
        "/api/commitments",
        "/api/audit",
    ],
)
def test_api_human_fields_read_in_display_units(api: TestClient, path: str) -> None:
    response = api.get(path)
    assert response.status_code == 200, response.text
    for text in _human_fields(response.json()):
        _clean(text, path)


def test_api_keeps_the_raw_fields_and_gains_the_display_ones(api: TestClient) -> None:
    items = api.get("/api/observations", params={"indicator": "gas.delivered.cumulative"}).json()["items"]
    row = next(r for r in items if r["source_id"] == "src-c")
    assert (row["value"], row["unit"]) == (5000.0, "yi m**3")  # as the source printed it: data
    assert (row["value_display"], row["display_unit"], row["bound"]) == (pytest.approx(500.0), "bcm", "lower")
    assert (row["shown"], row["printed"]) == ("over 500 bcm", "5,000 亿 m³")
    assert row["attribution"] == "Example Customs Administration, via The Example Times"
    assert row["tier"] == "media" and row["primary_authority"] == "ex-customs"
    sources = {s["id"]: s for s in api.get("/api/sources").json()}
    assert (sources["src-c"]["tier"], sources["src-c"]["authority_name"]) == ("media", "Example Customs Administration")
    assert sources["src-a"]["tier"] == "official"
    heads = api.get("/api/overview").json()
    kaz_trade = next(h for h in heads if h["country"] == "KAZ" and h["pillar"] == "trade")
    assert (kaz_trade["as_of"], kaz_trade["old"], kaz_trade["text"]) == ("2024-12-31", False, "43.8 bn USD (2024)")
    csv = api.get("/api/overview", params={"format": "csv"}).text
    assert "as_of" in csv.splitlines()[0] and "old" in csv.splitlines()[0]


@pytest.mark.parametrize("page", ["/", "/sources", "/sources/src-c", "/country/KAZ", "/people", "/energy"])
def test_html_pages_show_no_pint_spellings(api: TestClient, page: str) -> None:
    response = api.get(page)
    assert response.status_code == 200
    body = re.sub(r"<script.*?</script>", "", response.text, flags=re.S)
    _clean(re.sub(r"<[^>]+>", " ", body), page)


def test_the_dashboards_messages_name_bounds_dates_and_the_audit_in_three_languages() -> None:
    root = Path(__file__).resolve().parents[1] / "src/caravan/web/static/i18n"
    messages = {lang: json.loads((root / f"{lang}.json").read_text(encoding="utf-8")) for lang in ("en", "zh", "ru")}
    keys = ["bound.lower", "bound.upper", "bound.approximate", "headline.as_of", "headline.old", "audit.title"]
    for lang, table in messages.items():
        assert all(table.get(k) for k in keys), lang
    assert messages["en"]["bound.upper"] == "nearly" and messages["zh"]["bound.lower"] == "超过"


def test_claim_evidence_reads_in_display_units_with_whose_figure(printed_settings: Settings) -> None:
    from caravan.claims import check_text
    from caravan.claims.report_html import render_html
    from caravan.ledger.store import Ledger

    with Ledger(printed_settings.ledger) as ledger:
        result = check_text("China's trade with Tajikistan reached $4.3 billion in 2024.", ledger, "en")
    evidence = [e for c in result.claims for e in c.verdict.evidence]
    assert evidence, [c.verdict.explanation for c in result.claims]
    ours = next(e for e in evidence if e.source_url == "https://example.com/c")
    assert (ours.shown, ours.printed) == ("about 4.3 bn USD", "4.3 bn USD")
    assert ours.attribution == "Example Customs Administration, via The Example Times"
    html = render_html(result)
    _clean(re.sub(r"<[^>]+>", " ", html), "the claim report")
    assert "Example Customs Administration, via The Example Times" in html
