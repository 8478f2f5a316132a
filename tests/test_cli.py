"""The CLI through click's runner, in-process: every command, every output format."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from caravan.cli import app
from caravan.ledger.build import build
from caravan.settings import Settings


@pytest.fixture
def run(tiny_settings: Settings, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CARAVAN_DATA", str(tiny_settings.data))
    monkeypatch.setenv("CARAVAN_LEDGER", str(tiny_settings.ledger))
    build(tiny_settings, force=True)

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(app, list(args), catch_exceptions=False)

    return invoke


def test_build_prints_counts(run) -> None:  # type: ignore[no-untyped-def]
    result = run("build", "--force")
    assert result.exit_code == 0
    assert "observation" in result.output and "built in" in result.output
    data = json.loads(run("build", "--format", "json").output)
    assert {r["table"]: r["rows"] for r in data}["source"] == 2


def test_overview_has_every_country_and_pillar(run) -> None:  # type: ignore[no-untyped-def]
    rows = json.loads(run("overview", "--format", "json").output)
    assert len(rows) == 36
    kaz_trade = next(r for r in rows if r["country"] == "KAZ" and r["pillar"] == "trade")
    assert (kaz_trade["value"], kaz_trade["period"], kaz_trade["url"]) == (43.8, "2024", "https://example.org/a")
    table = run("overview").output
    assert "43.8 bn USD (2024)" in table and "https://example.org/a" in table


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_show_indicator_in_each_format(run, fmt: str) -> None:  # type: ignore[no-untyped-def]
    result = run("show", "trade.turnover", "--subject", "CHN", "--counterpart", "KAZ", "--format", fmt)
    assert result.exit_code == 0
    if fmt == "json":
        rows = json.loads(result.output)
        assert [(r["period"], r["value"]) for r in rows] == [("2023", 41.0), ("2024", 43.8)]
        assert all(r["source_url"] == "https://example.org/a" for r in rows)
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(result.output)))
        assert [r["value"] for r in rows] == ["41.0", "43.8"]
        assert rows[0]["publisher"] == "Example Customs"
    else:
        assert "Example Customs" in result.output and "43.8" in result.output


def test_show_entity_and_cumulative(run) -> None:  # type: ignore[no-untyped-def]
    rows = json.loads(run("show", "KAZ", "--format", "json", "--no-derived").output)
    assert {r["indicator"] for r in rows} == {"trade.turnover"}
    assert len(rows) == 3
    cum = json.loads(run("show", "gas.delivered.cumulative", "--format", "json").output)
    assert cum[0]["period"] == "cumulative-to 2022-12-31"


def test_show_unknown_is_one_line_error(run) -> None:  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(app, ["show", "bananas"])
    assert result.exit_code == 1
    assert result.output.strip().startswith("Error: 'bananas' is neither")
    assert len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_sources_list_and_one(run, fmt: str) -> None:  # type: ignore[no-untyped-def]
    listing = run("sources", "--format", fmt)
    assert listing.exit_code == 0 and "src-a" in listing.output
    one = run("sources", "src-a", "--format", fmt)
    assert one.exit_code == 0 and "Kazakhstan" in one.output
    if fmt == "json":
        counts = {r["id"]: r["observations"] for r in json.loads(listing.output)}
        assert counts == {"src-a": 9, "src-b": 1}


def test_unknown_source(run) -> None:  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(app, ["sources", "nope"])
    assert result.exit_code == 1 and "caravan sources" in result.output


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_timeline(run, fmt: str) -> None:  # type: ignore[no-untyped-def]
    result = run("timeline", "--format", fmt)
    assert result.exit_code == 0 and "2023-05-18" in result.output


def test_indicators(run) -> None:  # type: ignore[no-untyped-def]
    rows = json.loads(run("indicators", "--format", "json").output)
    ids = {r["id"] for r in rows}
    assert {"trade.turnover", "trade.turnover.yoy", "trade.turnover.share_of_group"} <= ids


def test_no_ledger_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CARAVAN_LEDGER", str(tmp_path / "missing.duckdb"))
    result = CliRunner().invoke(app, ["overview"])
    assert result.exit_code == 1
    assert "run `caravan build` first" in result.output


def test_help_lists_commands() -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    for name in ("build", "overview", "show", "sources", "export", "timeline"):
        assert name in result.output


def test_tables_keep_every_digit_and_print_brackets_as_written(
    tiny_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    with (tiny_settings.data / "observations" / "main.csv").open("a", encoding="utf-8") as handle:
        handle.write('trade.turnover,CHN,TJK,2024,2077216,USD,src-b,"worth $2.1 billi[on] [/] as printed",reported,\n')
    monkeypatch.setenv("CARAVAN_DATA", str(tiny_settings.data))
    monkeypatch.setenv("CARAVAN_LEDGER", str(tiny_settings.ledger))
    build(tiny_settings, force=True)
    runner = CliRunner()
    shown = runner.invoke(app, ["show", "trade.turnover", "--counterpart", "TJK"], catch_exceptions=False)
    assert shown.exit_code == 0
    assert "2,077,216" in shown.output and "e+06" not in shown.output
    source = runner.invoke(app, ["sources", "src-b"], catch_exceptions=False)
    assert source.exit_code == 0
    assert "billi[on] [/]" in " ".join(source.output.split())


@pytest.mark.parametrize(("since", "expected"), [("2023", "2023-05-18"), ("2023-05", "2023-05-18"), ("2024", None)])
def test_timeline_since_takes_partial_dates(run, since: str, expected: str | None) -> None:  # type: ignore[no-untyped-def]
    rows = json.loads(run("timeline", "--since", since, "--format", "json").output)
    assert [r["date"] for r in rows] == ([expected] if expected else [])


def test_timeline_since_refuses_a_bad_date(run) -> None:  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(app, ["timeline", "--since", "2023-13-45"])
    assert result.exit_code == 1
    assert result.output.strip().startswith("Error: date '2023-13-45' is not a date")
    assert "Traceback" not in result.output


def test_export_to_an_unwritable_place_is_one_line(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    result = CliRunner().invoke(app, ["export", str(blocker / "sub")])
    assert result.exit_code == 1
    assert result.output.strip().startswith("Error: cannot write the export")
    assert len(result.output.strip().splitlines()) == 1
