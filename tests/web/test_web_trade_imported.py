"""Trade endpoints and the trade page on a ledger with an imported (synthetic) BACI dataset."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from caravan.ledger import backends
from caravan.ledger.build import build
from caravan.settings import Settings
from caravan.sources import importer, synth
from caravan.web.app import create_app

from .conftest import start_server

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The real curated data built into a ledger, with 4,000 synthetic BACI rows imported."""
    root = tmp_path_factory.mktemp("imported")
    settings = Settings(ledger=root / "caravan.duckdb", data=ROOT / "data")
    build(settings, force=True)
    synth.synth_baci(root / "baci", 4000, years=(2021, 2022), seed=11)
    importer.import_files(settings, "baci", [root / "baci"])
    return settings


@pytest.fixture(scope="module")
def trade_client(imported: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(imported), raise_server_exceptions=False) as test_client:
        yield test_client


def test_meta_lists_the_imported_dataset(trade_client: TestClient) -> None:
    assert "baci" in trade_client.get("/api/meta").json()["trade_datasets"]["trade_flow"]


def test_summary_and_products_are_the_libraries(trade_client: TestClient, imported: Settings) -> None:
    from caravan.trade.products import products
    from caravan.trade.totals import summary

    with backends.open_trade(imported) as tables:
        expected_summary = summary(tables)
        expected_products = products(tables, ["CHN"], ["KAZ", "KGZ", "TJK", "TKM", "UZB"], year=2022, limit=20)
    body = trade_client.get("/api/trade/summary").json()
    assert body["columns"] == expected_summary.columns
    assert body["rows"] == expected_summary.rows
    assert body["sources"] == expected_summary.sources
    found = trade_client.get("/api/trade/products", params={"year": 2022}).json()
    assert found["rows"] == expected_products.rows
    csv_bytes = trade_client.get("/api/trade/products", params={"year": 2022, "format": "csv"}).content
    lines = csv_bytes.decode("utf-8-sig").splitlines()
    assert lines[0] == ",".join(expected_products.columns)


def test_partners_and_position(trade_client: TestClient, imported: Settings) -> None:
    from caravan.trade.partners import partner_position, partners

    with backends.open_trade(imported) as tables:
        expected = partners(tables, "KAZ", 2022, limit=20)
        position = partner_position(tables, year=2022)
    found = trade_client.get("/api/trade/partners", params={"country": "KAZ", "year": 2022}).json()
    assert found["rows"] == expected.rows
    assert trade_client.get("/api/trade/position", params={"year": 2022}).json()["rows"] == position.rows


C5 = ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
SUMMARY_POINTS = """() => [...document.querySelectorAll("section")]
  .filter((s) => s.querySelector("h2")?.textContent === "Trade summary")
  .flatMap((s) => [...s.querySelectorAll("svg.chart g[data-series] a")].map((a) => ({
    series: Number(a.parentNode.dataset.series), x: Number(a.dataset.x), href: a.getAttribute("href") })))"""


@pytest.mark.slow
@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="Debian's chromium is not installed")
def test_trade_page_draws_the_imported_sections(imported: Settings) -> None:
    from playwright.sync_api import sync_playwright

    from .conftest import free_port
    from .test_web_browser import CHROMIUM_ARGS, SCREENSHOTS

    port = free_port()
    process = start_server(imported, port)
    problems: list[str] = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("console", lambda m: m.type == "error" and problems.append(m.text))
            page.on("pageerror", lambda e: problems.append(str(e)))
            page.goto(f"http://127.0.0.1:{port}/trade", wait_until="networkidle")
            page.wait_for_selector("body[data-ready=true]", timeout=30_000)
            headings = page.locator("main h2").all_inner_texts()
            summary = page.evaluate("() => fetch('/api/trade/summary').then((r) => r.json())")
            drawn = page.evaluate(SUMMARY_POINTS)
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / "trade-imported.png"), full_page=True)
            browser.close()
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert problems == []
    # Each point of the summary chart links to the sources of its own row (its year's BACI file), not sources[0].
    expected = {
        (C5.index(r["partner"]), r["year"], f"/sources/{ids[0]}")
        for r, ids in zip(summary["rows"], summary["row_sources"], strict=True)
        if r["turnover"] is not None
    }
    assert len({href for _, _, href in expected}) > 1, "one BACI file a year: the points rest on several sources"
    assert {(d["series"], d["x"], d["href"]) for d in drawn} == expected
    assert any("Product composition" in h for h in headings)
    assert any("rank and share" in h for h in headings)
