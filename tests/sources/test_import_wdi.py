"""`caravan import wdi`: GDP and population as cited observations in the ledger."""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "trade"))

from samples import write_wdi, write_wdi_wide

from caravan.errors import DataError
from caravan.ledger.build import build
from caravan.ledger.store import Ledger, ObservationFilter
from caravan.settings import Settings
from caravan.sources.importer import import_files


def test_long_form_becomes_cited_observations(built: Settings, tmp_path: Path) -> None:
    report = import_files(built, "wdi", [write_wdi(tmp_path / "gdp.csv")])
    assert report.unmapped() == {"AFE": 1}  # a regional aggregate: listed, not imported
    with Ledger(built.ledger) as ledger:
        [row] = ledger.observations(ObservationFilter(indicator="macro.gdp", subject="KAZ", period="2020"))
        assert row["value_std"] == pytest.approx(171082379211.4)
        assert row["publisher"] == "World Bank" and row["unit_std"] == "USD"
        assert "gdp.csv row 3" in row["locator"]
        assert ledger.has_indicator("macro.gdp")
        assert not ledger.observations(ObservationFilter(indicator="macro.gdp", subject="TJK"))
    build(built, force=True)  # survives a rebuild
    with Ledger(built.ledger) as ledger:
        assert len(ledger.observations(ObservationFilter(indicator="macro.gdp"))) == 4


def test_world_bank_download_layout(built: Settings, tmp_path: Path) -> None:
    import_files(built, "wdi", [write_wdi_wide(tmp_path / "API_SP.POP.TOTL.csv")])
    with Ledger(built.ledger) as ledger:
        rows = ledger.observations(ObservationFilter(indicator="macro.population"))
    assert [(r["subject"], r["period"], r["value"]) for r in rows] == [
        ("KAZ", "2019", 18513930),
        ("KAZ", "2020", 18755666),
        ("UZB", "2019", 33580650),
    ]


@pytest.mark.parametrize(
    ("name", "content", "where", "words"),
    [
        (
            "gdp.csv",
            "Country Name,Country Code,Year,Value\nKazakhstan,KAZ,2020,12x\n",
            "row 2",
            "'12x' is not a number",
        ),
        ("gdp.csv", "Country,Code,Value\nKazakhstan,KAZ,1\n", "row 1", "header does not match"),
        ("gdp.csv", "Country Name,Country Code,Year,Value\nKazakhstan,KAZ,2020,nan\n", "row 2", "not a finite number"),
        ("gdp.csv", "Country Name,Country Code,Year,Value\nKazakhstan,KAZ,2020,-1\n", "row 2", "negative"),
        ("gdp.csv", "Country Name,Country Code,Year,Value\nKazakhstan,KAZ\n", "row 2", "truncated"),
        (
            "exports.csv",
            "Country Name,Country Code,Year,Value\nKazakhstan,KAZ,2020,1\n",
            None,
            "cannot tell the indicator",
        ),
    ],
)
def test_bad_wdi_writes_nothing(
    built: Settings, tmp_path: Path, name: str, content: str, where: str | None, words: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    before = built.ledger.read_bytes()
    with pytest.raises(DataError) as caught:
        import_files(built, "wdi", [path])
    assert caught.value.where == where and words in caught.value.problem
    assert built.ledger.read_bytes() == before


@pytest.mark.shared
def test_real_wdi_files(shared_dir: Path, built: Settings) -> None:
    folder = shared_dir / "data" / "wdi"
    report = import_files(built, "wdi", [folder / "gdp.csv", folder / "population.csv"])
    assert len(report.imported) == 2
    con = duckdb.connect(str(built.ledger), read_only=True)
    try:
        got = dict(
            con.execute(
                "SELECT indicator, count(DISTINCT subject) FROM observation WHERE source_id LIKE 'wdi.%' GROUP BY 1"
            ).fetchall()
        )
    finally:
        con.close()
    assert got["macro.gdp"] > 150 and got["macro.population"] > 150
