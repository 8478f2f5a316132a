"""Extractions into data/generated/: written whole or not at all, read by the build like curated files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from caravan.cli import app
from caravan.errors import DataError, InputError
from caravan.ledger.build import build
from caravan.ledger.store import Ledger, ObservationFilter
from caravan.settings import Settings
from caravan.sources.extraction import Extraction, stale_files, write_extraction
from caravan.sources.official import extract


def _extraction(publication: Path, value: str = "2507.1") -> Extraction:
    return Extraction(
        name="example-office",
        sources=[
            {
                "id": "gen-example-office",
                "publisher": "Example Statistics Office",
                "title": "Trade by partner",
                "url": "https://example.org/trade",
                "retrieved": "2024-05-01",
                "kind": "official-statistics",
                "language": "en",
                "seen_via": "import",
            }
        ],
        observations=[
            {
                "indicator": "trade.turnover",
                "subject": "KAZ",
                "counterpart": "CHN",
                "period": "2019",
                "value": value,
                "unit": "mn USD",
                "source": "gen-example-office",
                "locator": "sheet 2019, row China, column turnover",
            }
        ],
        inputs=[publication],
        input_root=publication.parent,
    )


@pytest.fixture
def publication(tmp_path: Path) -> Path:
    path = tmp_path / "shared" / "office.csv"
    path.parent.mkdir()
    path.write_text("country,turnover\nChina,2507.1\n", encoding="utf-8")
    return path


def test_an_extraction_is_written_with_its_inputs_and_built_into_the_ledger(
    tiny_settings: Settings, publication: Path
) -> None:
    folder = write_extraction(tiny_settings.data, _extraction(publication))
    assert sorted(p.name for p in folder.iterdir()) == ["inputs.json", "observations.csv", "sources.yaml"]
    inputs = json.loads((folder / "inputs.json").read_text(encoding="utf-8"))
    assert inputs["inputs"][0]["file"] == "office.csv"
    assert len(inputs["inputs"][0]["sha256"]) == 64
    assert inputs["counts"]["observations"] == 1
    assert (folder / "observations.csv").read_text(encoding="utf-8").splitlines()[0].endswith(",bound,primary")
    assert oct((folder / "sources.yaml").stat().st_mode & 0o777) == "0o644"
    build(tiny_settings, force=True)
    with Ledger(tiny_settings.ledger) as ledger:
        rows = ledger.observations(ObservationFilter(indicator="trade.turnover", subject="KAZ", period="2019"))
    assert [(r["value"], r["unit"], r["source_id"]) for r in rows] == [(2507.1, "mn USD", "gen-example-office")]
    assert rows[0]["display_unit"] == "bn USD"


def test_the_same_publication_gives_the_same_bytes(tiny_settings: Settings, publication: Path) -> None:
    first = {p.name: p.read_bytes() for p in write_extraction(tiny_settings.data, _extraction(publication)).iterdir()}
    again = {p.name: p.read_bytes() for p in write_extraction(tiny_settings.data, _extraction(publication)).iterdir()}
    assert first == again
    assert stale_files(tiny_settings.data, _extraction(publication)) == []
    # A hand edit of a generated file, or a stray file, is caught.
    folder = tiny_settings.data / "generated" / "example-office"
    (folder / "observations.csv").write_text("edited\n", encoding="utf-8")
    (folder / "notes.txt").write_text("stray\n", encoding="utf-8")
    assert stale_files(tiny_settings.data, _extraction(publication)) == ["notes.txt", "observations.csv"]


def test_a_bad_row_writes_nothing_and_keeps_the_previous_extraction(tiny_settings: Settings, publication: Path) -> None:
    folder = write_extraction(tiny_settings.data, _extraction(publication))
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    with pytest.raises(DataError, match="not a plain number"):
        write_extraction(tiny_settings.data, _extraction(publication, value="2,507.1"))
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert [p.name for p in folder.parent.iterdir()] == ["example-office"]


def test_an_unknown_extractor_or_missing_folder_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(InputError, match="no extractor 'nonesuch'"):
        extract("nonesuch", tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["extract", "nonesuch"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: no extractor 'nonesuch'")


def test_an_empty_data_folder_is_refused_and_the_ledger_kept(tiny_settings: Settings, tmp_path: Path) -> None:
    build(tiny_settings, force=True)
    before = tiny_settings.ledger.read_bytes()
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="has no curated files"):
        build(Settings(ledger=tiny_settings.ledger, data=empty), force=True)
    assert tiny_settings.ledger.read_bytes() == before
