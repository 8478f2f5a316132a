"""The `caravan trade` commands, driven in-process through click's runner."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from caravan.cli import app
from caravan.settings import Settings


def run(settings: Settings, *args: str, engine: str = "duckdb") -> tuple[int, str]:
    env = {"CARAVAN_LEDGER": str(settings.ledger), "CARAVAN_DATA": str(settings.data)}
    result = CliRunner().invoke(app, ["--engine", engine, *args], env=env)
    return result.exit_code, result.output


def test_trade_mirror_table_shows_both_sides_and_sources(trade_settings: Settings) -> None:
    code, out = run(trade_settings, "trade", "mirror", "CHN", "KAZ", "--years", "2020")
    assert code == 0, out
    assert "120.5" in out and "66.0" in out and "CHN" in out and "KAZ" in out
    assert "International Monetary Fund" in out


def test_trade_mirror_json_carries_sources(trade_settings: Settings) -> None:
    code, out = run(trade_settings, "trade", "mirror", "CHN", "KAZ", "-f", "json")
    assert code == 0, out
    data = json.loads(out)
    assert {"rows", "sources", "notes"} <= set(data)
    assert any(r["flow"] == "CHN <-> KAZ" and r["year"] == 2024 for r in data["rows"])


@pytest.mark.parametrize(
    ("args", "expect"),
    [
        (("trade", "partners", "KAZ", "--year", "2020", "--dataset", "baci", "-f", "csv"), "CHN"),
        (("trade", "summary", "--partners", "KAZ", "--dataset", "baci", "-f", "csv"), "1400000"),
        (("trade", "products", "--importer", "KAZ", "--year", "2020", "-f", "csv"), "85"),
        (("trade", "position", "--year", "2020", "--countries", "KAZ", "--dataset", "baci", "-f", "csv"), "True"),
        (("trade", "gaps", "--year", "2020", "-f", "csv"), "CHN,KAZ"),
    ],
)
def test_trade_commands_csv(trade_settings: Settings, args: tuple[str, ...], expect: str) -> None:
    code, out = run(trade_settings, *args)
    assert code == 0, out
    rows = list(csv.reader(io.StringIO(out)))
    assert len(rows) > 1
    assert expect in out


def test_trade_partners_ranked_first_is_china(trade_settings: Settings) -> None:
    code, out = run(trade_settings, "trade", "partners", "KAZ", "--year", "2020", "--dataset", "baci", "-f", "csv")
    assert code == 0, out
    first = next(csv.DictReader(io.StringIO(out)))
    assert first["rank"] == "1" and first["partner"] == "CHN"


def test_trade_bad_input_is_one_line(trade_settings: Settings) -> None:
    code, out = run(
        trade_settings,
        "trade",
        "products",
        "--year",
        "2020",
        "--dataset",
        "comtrade",
        "--importer",
        "XXX",
        "--exporter",
        "",
    )
    assert code == 1
    assert len(out.strip().splitlines()) == 1 and out.startswith("Error:")
    code, out = run(trade_settings, "trade", "summary", "--years", "twenty")
    assert code == 1 and "--years" in out


def test_trade_on_spark_engine(spark_settings: Settings) -> None:
    code, out = run(
        spark_settings, "trade", "partners", "KAZ", "--year", "2020", "--dataset", "baci", "-f", "csv", engine="spark"
    )
    assert code == 0, out
    assert next(csv.DictReader(io.StringIO(out)))["partner"] == "CHN"


def test_trade_summary_of_a_central_asian_country_is_with_china_by_default(trade_settings: Settings) -> None:
    code, out = run(trade_settings, "trade", "summary", "--country", "KAZ", "--dataset", "baci", "-f", "csv")
    assert code == 0, out
    partners = {row["partner"] for row in csv.DictReader(io.StringIO(out))}
    assert partners == {"CHN"}
