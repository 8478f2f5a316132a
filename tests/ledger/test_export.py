"""Exports: CSV and Parquet give the ledger's values back; the Data Package validates."""

from __future__ import annotations

import json
import math
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from caravan.cli import app
from caravan.ledger.build import build
from caravan.ledger.export import export
from caravan.ledger.store import Ledger
from caravan.settings import Settings
from conftest import write_tiny_data


def test_datapackage_validates_with_frictionless(real_ledger: Ledger, tmp_path: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    export(real_ledger, tmp_path, "datapackage")
    descriptor = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert {r["name"] for r in descriptor["resources"]} >= {"source", "observation", "entity"}
    assert len(descriptor["sources"]) >= 80
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_export_round_trips_observations(tiny_ledger: Ledger, tmp_path: Path, fmt: str) -> None:
    export(tiny_ledger, tmp_path, fmt)  # type: ignore[arg-type]
    reader = "read_csv_auto" if fmt == "csv" else "read_parquet"
    path = str(tmp_path / f"observation.{fmt}")
    got = duckdb.sql(f"SELECT id, value, unit, period FROM {reader}(?) ORDER BY id", params=[path]).fetchall()
    want = tiny_ledger.con.execute("SELECT id, value, unit, period FROM observation ORDER BY id").fetchall()
    assert got == want


def test_export_cli_and_file_target(tiny_settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(tiny_settings, force=True)
    monkeypatch.setenv("CARAVAN_LEDGER", str(tiny_settings.ledger))
    result = CliRunner().invoke(app, ["export", str(tmp_path / "out"), "--format", "datapackage"])
    assert result.exit_code == 0 and (tmp_path / "out" / "datapackage.json").exists()
    (tmp_path / "afile").write_text("x")
    result = CliRunner().invoke(app, ["export", str(tmp_path / "afile")])
    assert result.exit_code == 1 and "is a file" in result.output


values = st.decimals(min_value=-(10**9), max_value=10**9, places=3, allow_nan=False, allow_infinity=False)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=values, scale=st.sampled_from(["", "thousand ", "mn ", "bn "]))
def test_import_ledger_export_gives_values_back(tmp_path_factory: pytest.TempPathFactory, value, scale: str) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("rt")
    data = write_tiny_data(root)
    text = str(value)
    with (data / "observations" / "main.csv").open("a", encoding="utf-8") as handle:
        handle.write(f"trade.turnover,CHN,TJK,2024,{text},{scale}USD,src-b,row 9,reported,\n")
    cfg = Settings(ledger=root / "l.duckdb", data=data)
    build(cfg, force=True)
    with Ledger(cfg.ledger) as ledger:
        export(ledger, root / "out", "csv")
    row = duckdb.sql(
        "SELECT value, unit FROM read_csv_auto(?) WHERE subject = 'CHN' AND counterpart = 'TJK' AND period = '2024'",
        params=[str(root / "out" / "observation.csv")],
    ).fetchall()[0]
    assert math.isclose(row[0], float(text), rel_tol=1e-12, abs_tol=1e-12)
    assert row[1] == f"{scale}USD"
