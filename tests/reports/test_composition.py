"""Product composition in a briefing, where product-level bulk data has been imported (synthetic BACI)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from caravan.ledger.build import build
from caravan.ledger.store import Ledger
from caravan.reports.briefing import assemble
from caravan.reports.html import render_html
from caravan.settings import Settings
from caravan.sources.importer import import_files
from caravan.sources.synth import synth_baci


@pytest.fixture(scope="module")
def ledger_with_baci(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import write_tiny_data

    root = tmp_path_factory.mktemp("baci-briefing")
    data = write_tiny_data(root)
    settings = Settings(ledger=root / "caravan.duckdb", data=data)
    build(settings, force=True)
    import_files(settings, "baci", synth_baci(root / "baci", 6_000, years=(2021, 2022), seed=3))
    return settings.ledger


def test_composition_chart_cites_the_imported_dataset(ledger_with_baci: Path) -> None:
    with Ledger(ledger_with_baci) as ledger:
        flows = ledger.query(
            "SELECT count(*) AS n, list(DISTINCT source_id) AS sources FROM trade_flow "
            "WHERE year = 2022 AND exporter = 'CHN' AND importer = 'KAZ'"
        )[0]
        assert flows["n"] > 0, "the synthetic file should hold China's exports to Kazakhstan"
        b = assemble(ledger, "KAZ", "en", date(2026, 11, 29))
        assert b.composition is not None
        assert "2022" in b.composition.title and "baci" in b.composition.title
        assert set(b.composition.sources) == set(flows["sources"])
        assert b.composition.svg.lstrip().startswith("<?xml")
        html = render_html(b, ledger)
    source = flows["sources"][0]
    assert "Product composition (baci, 2022)" in html
    with Ledger(ledger_with_baci) as ledger:
        url = ledger.source(source)["url"]
    assert url in html  # the dataset is in the footnotes
