"""`caravan import imf-dots`: IMF DOTS workbooks into the store and ledger, idempotent and atomic."""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "trade"))

from samples import DOTS, write_dots, write_dots_workbook

from caravan.cli import app
from caravan.errors import DataError
from caravan.ledger.build import build
from caravan.settings import Settings
from caravan.sources.bulkstore import read_manifest
from caravan.sources.imf_dots import parse_value
from caravan.sources.importer import import_files
from store_state import rows, snapshot


def test_parse_value() -> None:
    assert parse_value(12.5) == (12.5, False)
    assert parse_value("0.15 e") == (0.15, True)
    assert parse_value("1,234.5") == (1234.5, False)
    assert parse_value(None) == (None, False)
    assert parse_value("  ") == (None, False)
    with pytest.raises(ValueError):
        parse_value("n.a.")


def test_import_values_estimates_and_unmapped_names(built: Settings, tmp_path: Path) -> None:
    folder = write_dots(tmp_path / "dots")
    report = import_files(built, "imf-dots", [folder])
    assert report.attached and len(report.imported) == 3
    got = rows(
        built,
        "SELECT reporter, exporter, importer, year, value_usd, basis, estimate FROM trade_total "
        "WHERE reporter = 'KAZ' ORDER BY exporter, importer",
    )
    assert ("KAZ", "CHN", "KAZ", 2020, 66e6, "cif", True) in got
    assert ("KAZ", "KAZ", "CHN", 2020, 70e6, "fob", False) in got
    assert ("KAZ", "KAZ", "RUS", 2020, 90.25e6, "fob", True) in got
    assert ("KAZ", "KAZ", "WLD", 2020, 500e6, "fob", False) in got
    # "Euro Area" is an aggregate: listed, not imported; rows after "Memorandum Items" are not read.
    assert report.unmapped() == {"Euro Area": 2}
    assert not rows(built, "SELECT 1 FROM trade_total WHERE exporter IS NULL OR importer IS NULL")
    [(source_id, checksum, publisher)] = rows(
        built, "SELECT id, checksum, publisher FROM source WHERE file LIKE '%DOTS_2.xlsx'"
    )
    assert checksum == hashlib.sha256((folder / "DOTS_2.xlsx").read_bytes()).hexdigest()
    assert publisher == "International Monetary Fund" and source_id.startswith("imf-dots.")


def test_same_file_twice_adds_nothing(built: Settings, tmp_path: Path) -> None:
    folder = write_dots(tmp_path / "dots")
    import_files(built, "imf-dots", [folder])
    before = rows(built, "SELECT count(*) FROM trade_total")[0][0]
    again = import_files(built, "imf-dots", [folder / "DOTS_1.xlsx", folder])
    assert again.imported == [] and len(again.skipped) == 3
    assert rows(built, "SELECT count(*) FROM trade_total")[0][0] == before
    assert len(read_manifest(built.store_dir).entries) == 3


def test_a_newer_workbook_of_the_same_reporter_replaces_the_old(built: Settings, tmp_path: Path) -> None:
    first = write_dots_workbook(tmp_path / "a" / "kaz.xlsx", "Kazakhstan, Rep. of", DOTS["Kazakhstan, Rep. of"])
    import_files(built, "imf-dots", [first])
    newer = dict(DOTS["Kazakhstan, Rep. of"])
    newer["exports"] = {"China, P.R.: Mainland": {2020: 71.0}}
    second = write_dots_workbook(tmp_path / "b" / "kaz.xlsx", "Kazakhstan, Rep. of", newer)
    report = import_files(built, "imf-dots", [second])
    assert report.replaced == [str(first)]
    got = rows(built, "SELECT value_usd FROM trade_total WHERE exporter = 'KAZ' AND importer = 'CHN'")
    assert got == [(71e6,)]
    assert len(read_manifest(built.store_dir).entries) == 1


def test_imports_survive_a_rebuild(built: Settings, tmp_path: Path) -> None:
    import_files(built, "imf-dots", [write_dots(tmp_path / "dots")])
    before = rows(built, "SELECT count(*) FROM trade_total")[0][0]
    report = build(built, force=True)
    assert not report.skipped
    assert rows(built, "SELECT count(*) FROM trade_total")[0][0] == before > 0
    assert rows(built, "SELECT count(*) FROM source WHERE seen_via = 'import'")[0][0] == 3
    # An unforced build after an import must not skip: the manifest is part of its input.
    import_files(
        built,
        "imf-dots",
        [write_dots_workbook(tmp_path / "x.xlsx", "Uzbekistan, Rep. of", {"exports": {"World": {2020: 1.0}}})],
    )
    assert rows(built, "SELECT count(*) FROM source WHERE seen_via = 'import'")[0][0] == 4


def test_import_before_the_first_build_is_attached_by_it(tiny_settings: Settings, tmp_path: Path) -> None:
    report = import_files(tiny_settings, "imf-dots", [write_dots(tmp_path / "dots")])
    assert not report.attached and not tiny_settings.ledger.exists()
    build(tiny_settings)
    assert rows(tiny_settings, "SELECT count(*) FROM trade_total WHERE reporter = 'CHN'")[0][0] == 8


def damaged(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / "bad" / "DOTS_9.xlsx"
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "wrong format":
        path.write_text("t,i,j,k,v,q\n2020,156,398,040655,1.0,2\n", encoding="utf-8")
    elif kind == "truncated":
        good = write_dots_workbook(tmp_path / "good.xlsx", "Kazakhstan, Rep. of", DOTS["Kazakhstan, Rep. of"])
        path.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    elif kind == "header mismatch":
        write_dots_workbook(path, "Kazakhstan, Rep. of", DOTS["Kazakhstan, Rep. of"], unit="US Dollars, Thousands")
    elif kind == "non-numeric value":
        write_dots_workbook(path, "Kazakhstan, Rep. of", {"exports": {"Germany": {2019: "12.3x"}}})
    elif kind == "not a year":
        write_dots_workbook(path, "Kazakhstan, Rep. of", {"exports": {"Germany": {2019: 1.0}}}, years=(2019, "Total"))  # type: ignore[arg-type]
    return path


@pytest.mark.parametrize(
    ("kind", "where", "words"),
    [
        ("wrong format", None, "not a readable Excel workbook"),
        ("truncated", None, "truncated or damaged"),
        ("header mismatch", "row 5", "does not match the expected 'US Dollars, Millions'"),
        ("non-numeric value", "row 8 column D", "'12.3x' is not a number (partner Germany, year 2019)"),
        ("not a year", "row 7 column D", "'Total' is not a year"),
    ],
)
def test_bad_input_writes_nothing(built: Settings, tmp_path: Path, kind: str, where: str | None, words: str) -> None:
    good = write_dots(tmp_path / "bad")  # good workbooks beside the bad one, read first
    bad = damaged(tmp_path, kind)
    before = snapshot(built)
    with pytest.raises(DataError) as caught:
        import_files(built, "imf-dots", [good])
    assert caught.value.path == str(bad)
    assert words in caught.value.problem
    if where:
        assert where in (caught.value.where or "")
    assert "\n" not in str(caught.value)
    assert snapshot(built) == before
    assert not list(built.store_dir.glob(".staging-*"))


def test_cli_import_and_one_line_error(built: Settings, tmp_path: Path) -> None:
    env = {"CARAVAN_LEDGER": str(built.ledger), "CARAVAN_DATA": str(built.data)}
    runner = CliRunner()
    ok = runner.invoke(app, ["import", "imf-dots", str(write_dots(tmp_path / "dots"))], env=env)
    assert ok.exit_code == 0, ok.output
    assert "3 files imported" in ok.output and "Euro Area" in ok.output
    again = runner.invoke(app, ["import", "imf-dots", str(tmp_path / "dots"), "-f", "json"], env=env)
    assert again.exit_code == 0 and "already imported" in again.output
    bad = runner.invoke(app, ["import", "imf-dots", str(damaged(tmp_path, "non-numeric value"))], env=env)
    assert bad.exit_code == 1
    assert bad.output.count("\n") == 1 and "DOTS_9.xlsx" in bad.output and "row 8" in bad.output


@pytest.mark.shared
@pytest.mark.slow
def test_all_real_dots_workbooks(shared_dir: Path, built: Settings) -> None:
    folder = shared_dir / "data" / "imf-dots"
    workbooks = sorted(folder.glob("*.xlsx"))
    assert len(workbooks) >= 200
    report = import_files(built, "imf-dots", [folder])
    assert len(report.imported) + len(report.replaced) == len(workbooks)
    # China's customs against Tajikistan's statistics, 2020: Tajikistan reports well under half.
    [(china, tajik)] = rows(
        built,
        """
        SELECT max(value_usd) FILTER (WHERE reporter = 'CHN'), max(value_usd) FILTER (WHERE reporter = 'TJK')
        FROM trade_total WHERE exporter = 'CHN' AND importer = 'TJK' AND year = 2020""",
    )
    assert china > 0 and tajik > 0 and tajik / china < 0.5
    reporters = {r for (r,) in rows(built, "SELECT DISTINCT reporter FROM trade_total")}
    assert {"CHN", "KAZ", "KGZ", "TJK", "TKM", "UZB"} <= reporters
    assert "Euro Area" in report.unmapped()


def test_an_import_while_the_ledger_is_read_lands_and_the_reader_keeps_its_build(
    built: Settings, tmp_path: Path
) -> None:
    # A reader (the server) holds the current build open: the import writes a new build beside it.
    holder = duckdb.connect(os.path.realpath(built.ledger), read_only=True)
    try:
        assert holder.execute("SELECT count(*) FROM trade_total").fetchone() == (0,)
        import_files(built, "imf-dots", [write_dots(tmp_path / "dots")])
        assert holder.execute("SELECT count(*) FROM trade_total").fetchone() == (0,)  # its build is unchanged
    finally:
        holder.close()
    assert rows(built, "SELECT count(*) FROM trade_total")[0][0] > 0


def test_a_ledger_that_cannot_be_written_leaves_store_and_ledger_as_they_were(built: Settings, tmp_path: Path) -> None:
    from caravan.errors import LedgerError
    from caravan.ledger.builds import builds_dir, publish

    # The current build moved aside and the builds folder made a plain file: no new build can be written.
    moved = tmp_path / "elsewhere.duckdb"
    os.replace(os.path.realpath(built.ledger), moved)
    publish(built.ledger, moved)
    shutil.rmtree(builds_dir(built.ledger))
    builds_dir(built.ledger).write_text("not a folder", encoding="utf-8")
    folder = write_dots(tmp_path / "dots")
    before = snapshot(built)
    with pytest.raises(LedgerError, match=r"import again|caravan build"):
        import_files(built, "imf-dots", [folder])
    assert snapshot(built) == before
    assert not (built.store_dir / "manifest.json").exists()


def test_a_manifest_that_fails_after_the_ledger_commit_keeps_the_files_the_ledger_reads(
    built: Settings, tmp_path: Path
) -> None:
    from caravan.errors import LedgerError

    folder = write_dots(tmp_path / "dots")
    manifest = built.store_dir / "manifest.json"

    def block_manifest(name: str, done: int, total: int) -> None:
        # A folder where the manifest goes: replacing it fails, after the ledger has committed.
        (manifest / "blocked").mkdir(parents=True, exist_ok=True)

    with pytest.raises(LedgerError, match="run the same import again"):
        import_files(built, "imf-dots", [folder], progress=block_manifest)
    count = "SELECT count(*) FROM trade_total WHERE reporter = 'CHN'"
    assert rows(built, count) == [(8,)]  # the committed views still read their files
    (manifest / "blocked").rmdir()
    manifest.rmdir()

    # A rerun, even while another process reads the ledger, finishes the manifest from the ledger
    # (which keeps the one it committed), says so, and removes none of the files the ledger reads.
    holder = duckdb.connect(str(built.ledger), read_only=True)
    try:
        report = import_files(built, "imf-dots", [folder])
    finally:
        holder.close()
    assert report.recovered and not report.imported and len(report.skipped) == 3
    assert len(read_manifest(built.store_dir).entries) == 3
    assert rows(built, count) == [(8,)]
    again = import_files(built, "imf-dots", [folder])
    assert not again.recovered and len(again.skipped) == 3
    assert rows(built, "SELECT count(*) FROM source WHERE seen_via = 'import'") == [(3,)]


def test_an_import_whose_source_id_is_curated_is_refused(tiny_settings: Settings, tmp_path: Path) -> None:
    workbook = write_dots_workbook(tmp_path / "kaz.xlsx", "Kazakhstan, Rep. of", DOTS["Kazakhstan, Rep. of"])
    taken = "imf-dots." + hashlib.sha256(workbook.read_bytes()).hexdigest()[:16]
    sources = tiny_settings.data / "sources" / "main.yaml"
    sources.write_text(
        sources.read_text(encoding="utf-8")
        + f"- id: {taken}\n  publisher: Curator\n  title: Curated\n  url: https://example.org/c\n"
        "  retrieved: 2026-11-29\n  kind: dataset\n  language: en\n",
        encoding="utf-8",
    )
    build(tiny_settings, force=True)
    before = snapshot(tiny_settings)
    with pytest.raises(DataError) as caught:
        import_files(tiny_settings, "imf-dots", [workbook])
    assert caught.value.path == str(workbook)
    assert taken in caught.value.problem and "already a source" in caught.value.problem
    assert "\n" not in str(caught.value)
    assert snapshot(tiny_settings) == before
    assert rows(tiny_settings, f"SELECT publisher FROM source WHERE id = '{taken}'") == [("Curator",)]
