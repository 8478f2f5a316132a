"""Importing the same folder again changes nothing: the store byte for byte, the ledger row for row."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "trade"))

from samples import DOTS, write_dots, write_dots_workbook

from caravan.settings import Settings
from caravan.sources.bulkstore import read_manifest
from caravan.sources.importer import import_files
from store_state import rows

KAZ = "Kazakhstan, Rep. of"


def store_bytes(settings: Settings) -> dict[str, str]:
    """Every file of the store (manifest included) by relative path, with the SHA-256 of its bytes."""
    store = settings.store_dir
    return {
        str(p.relative_to(store)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(store.rglob("*"))
        if p.is_file()
    }


def ledger_rows(settings: Settings) -> str:
    """A checksum of the ledger's imported rows and sources, in a fixed order."""
    got = rows(settings, "SELECT * FROM trade_total ORDER BY ALL")
    got += rows(settings, "SELECT id, checksum, file FROM source WHERE seen_via = 'import' ORDER BY id")
    return hashlib.sha256(repr(got).encode()).hexdigest()


def two_for_one_reporter(folder: Path) -> Path:
    """A folder where one reporter comes twice (as the IMF folder has Nicaragua), with other workbooks."""
    write_dots(folder)
    newer = dict(DOTS[KAZ])
    newer["exports"] = {"China, P.R.: Mainland": {2020: 71.0}}
    write_dots_workbook(folder / "DOTS_2b.xlsx", KAZ, newer)
    return folder


def test_a_folder_with_two_workbooks_for_one_reporter_imports_once(built: Settings, tmp_path: Path) -> None:
    folder = two_for_one_reporter(tmp_path / "dots")
    first = import_files(built, "imf-dots", [folder])
    assert len(first.imported) == 3 and len(first.replaced) == 1
    store, ledger = store_bytes(built), ledger_rows(built)
    for _ in range(2):
        again = import_files(built, "imf-dots", [folder])
        assert again.imported == [] and again.replaced == [] and not again.attached
        assert len(again.skipped) == 4 and len(again.superseded) == 1
        assert store_bytes(built) == store
        assert ledger_rows(built) == ledger


def test_a_folder_given_after_one_of_its_files_settles_at_once(built: Settings, tmp_path: Path) -> None:
    folder = two_for_one_reporter(tmp_path / "dots")
    import_files(built, "imf-dots", [folder / "DOTS_2.xlsx"])
    # The folder's later Kazakhstan workbook replaces the earlier one imported alone, once.
    import_files(built, "imf-dots", [folder])
    got = rows(
        built, "SELECT value_usd FROM trade_total WHERE reporter = 'KAZ' AND exporter = 'KAZ' AND importer = 'CHN'"
    )
    assert got == [(71e6,)]
    store, ledger = store_bytes(built), ledger_rows(built)
    again = import_files(built, "imf-dots", [folder])
    assert again.imported == [] and store_bytes(built) == store and ledger_rows(built) == ledger


def test_a_known_file_given_last_wins_over_a_new_one_and_stays(built: Settings, tmp_path: Path) -> None:
    folder = two_for_one_reporter(tmp_path / "dots")
    import_files(built, "imf-dots", [folder / "DOTS_2b.xlsx"])
    store = store_bytes(built)
    # DOTS_2 comes before DOTS_2b: the imported DOTS_2b stays and DOTS_2 is set aside.
    report = import_files(built, "imf-dots", [folder / "DOTS_2.xlsx", folder / "DOTS_2b.xlsx"])
    assert report.imported == [] and report.superseded == [str(folder / "DOTS_2.xlsx")]
    assert {k: v for k, v in store_bytes(built).items() if k != "manifest.json"} == {
        k: v for k, v in store.items() if k != "manifest.json"
    }
    [entry] = read_manifest(built.store_dir).entries
    assert entry.file.endswith("DOTS_2b.xlsx") and len(entry.supersedes) == 1
    settled = store_bytes(built), ledger_rows(built)
    import_files(built, "imf-dots", [folder])
    import_files(built, "imf-dots", [folder])
    assert (store_bytes(built), ledger_rows(built)) != settled  # the folder's other reporters came in
    final = store_bytes(built), ledger_rows(built)
    import_files(built, "imf-dots", [folder])
    assert (store_bytes(built), ledger_rows(built)) == final


@pytest.mark.shared
@pytest.mark.slow
def test_the_full_imf_folder_imported_twice_is_byte_for_byte_the_same(shared_dir: Path, built: Settings) -> None:
    folder = shared_dir / "data" / "imf-dots"
    first = import_files(built, "imf-dots", [folder])
    assert first.imported and first.replaced  # Nicaragua comes twice (DOTS_143, DOTS_144)
    store, ledger = store_bytes(built), ledger_rows(built)
    again = import_files(built, "imf-dots", [folder])
    assert again.imported == [] and again.replaced == [] and not again.attached
    assert store_bytes(built) == store
    assert ledger_rows(built) == ledger
