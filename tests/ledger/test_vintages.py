"""Vintages: every build's id, inputs and changelog; diffs, figures as of a build, and history kept through pruning."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from caravan.cli import app
from caravan.errors import InputError, NotFoundError
from caravan.ledger.build import build
from caravan.ledger.builds import build_file, kept_builds
from caravan.ledger.schema import SCHEMA_VERSION, ddl
from caravan.ledger.store import Ledger, ObservationFilter
from caravan.ledger.vintages import BuildInfo, as_of, changelog, diff, record, resolve
from caravan.settings import Settings

TURNOVER_2024 = "trade.turnover,CHN,KAZ,2024,43.8,bn USD"
TJK_2023 = 'trade.turnover,CHN,TJK,2023,3.9,bn USD,src-a,"table 1, Tajikistan",reported,\n'


def _edit(data: Path, old: str, new: str) -> None:
    path = data / "observations" / "main.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _history(settings: Settings) -> list[str]:
    """Build four vintages: first, a revised figure and a removed one, the figure revised again, the removed back."""
    ids = [build(settings).build_id]
    _edit(settings.data, TURNOVER_2024, TURNOVER_2024.replace("43.8", "44.1"))
    _edit(settings.data, TJK_2023, "")
    ids.append(build(settings).build_id)
    _edit(settings.data, "2024,44.1,bn USD", "2024,45,bn USD")
    ids.append(build(settings).build_id)
    path = settings.data / "observations" / "main.csv"
    path.write_text(path.read_text(encoding="utf-8") + TJK_2023, encoding="utf-8")
    ids.append(build(settings).build_id)
    return ids


@pytest.fixture
def vintaged(tiny_settings: Settings) -> tuple[Settings, list[str]]:
    """The tiny ledger after four builds, only the newest two files kept."""
    cfg = Settings(ledger=tiny_settings.ledger, data=tiny_settings.data, keep_builds=2)
    return cfg, _history(cfg)


def test_each_build_records_its_changes_inputs_and_the_whole_history(vintaged: tuple[Settings, list[str]]) -> None:
    cfg, ids = vintaged
    assert len(kept_builds(cfg.ledger)) == 2 and not build_file(cfg.ledger, ids[0]).exists()
    with Ledger(cfg.ledger) as ledger:
        assert ledger.meta["build_id"] == ids[-1] and ledger.meta["parent_build"] == ids[-2]
        builds = ledger.query("SELECT id, parent, added, removed, changed FROM build ORDER BY seq")
        assert [b["id"] for b in builds] == ids  # pruned files, history intact
        assert [(b["added"], b["removed"], b["changed"]) for b in builds] == [
            (10, 0, 0),
            (0, 1, 1),
            (0, 0, 1),
            (1, 0, 0),
        ]
        assert builds[0]["parent"] is None and builds[1]["parent"] == ids[0]
        _, revisions = changelog(ledger, indicator="trade.turnover", subject="KAZ")
        revised = [r for r in revisions if r["period"] == "2024" and r["subject"] == "CHN"]
        assert [(r["change"], r["old_value"], r["new_value"]) for r in revised] == [
            ("changed", 44.1, 45.0),
            ("changed", 43.8, 44.1),
            ("added", None, 43.8),
        ]
        assert revised[0]["new_file"].startswith("data/observations/main.csv:")
        assert revised[0]["source_id"] == "src-a" and revised[0]["publisher"]
        inputs = ledger.query(
            "SELECT name, checksum FROM build_input WHERE build_id = ? AND kind = 'curated'", [ids[-1]]
        )
        assert "observations/main.csv" in {i["name"] for i in inputs}
        assert all(len(i["checksum"]) == 64 for i in inputs)


def test_diff_composes_the_builds_between(vintaged: tuple[Settings, list[str]]) -> None:
    cfg, ids = vintaged
    with Ledger(cfg.ledger) as ledger:
        _, _, last = diff(ledger)  # the current build against the one before
        assert [(r["change"], r["subject"], r["counterpart"]) for r in last] == [("added", "CHN", "TJK")]
        start, end, whole = diff(ledger, ids[0], ids[-1])
        # Revised twice: first old and last new value; removed and added back unchanged: not listed.
        assert (start["id"], end["id"]) == (ids[0], ids[-1])
        assert [(r["change"], r["old_value"], r["new_value"]) for r in whole] == [("changed", 43.8, 45.0)]
        _, _, middle = diff(ledger, ids[0], ids[1])
        assert sorted(r["change"] for r in middle) == ["changed", "removed"]
        with pytest.raises(InputError, match="not earlier"):
            diff(ledger, ids[-1], ids[0])
        with pytest.raises(NotFoundError, match="caravan builds"):
            diff(ledger, "19990101T000000.000000Z")


def test_figures_as_of_a_pruned_build_and_a_date(vintaged: tuple[Settings, list[str]]) -> None:
    cfg, ids = vintaged
    flt = ObservationFilter(indicator="trade.turnover", subject="CHN")
    with Ledger(cfg.ledger) as ledger:
        _, first = as_of(ledger, ids[0], flt)
        _, second = as_of(ledger, ids[1], flt)
        _, now = as_of(ledger, ids[-1], flt)
        assert resolve(ledger, "2999-01-01")["id"] == ids[-1]
        with pytest.raises(NotFoundError):
            resolve(ledger, "1999-01-01")
        reported = ObservationFilter(indicator="trade.turnover", subject="CHN", include_derived=False)
        current = {(r["counterpart"], r["period"]): r["value"] for r in ledger.observations(reported)}
    figures = {(r["counterpart"], r["period"]): r["value"] for r in first}
    assert figures[("KAZ", "2024")] == 43.8 and figures[("TJK", "2023")] == 3.9
    assert ("TJK", "2023") not in {(r["counterpart"], r["period"]) for r in second}
    assert {(r["counterpart"], r["period"]): r["value"] for r in now} == current


def test_the_cli_diffs_lists_builds_and_shows_figures_as_of_a_build(
    vintaged: tuple[Settings, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    cfg, ids = vintaged
    monkeypatch.setenv("CARAVAN_LEDGER", str(cfg.ledger))
    runner = CliRunner()
    out = runner.invoke(app, ["diff", ids[0], ids[-1], "--format", "json"])
    assert out.exit_code == 0, out.output
    (row,) = json.loads(out.output)
    assert (row["old_value"], row["new_value"], row["source_id"]) == (43.8, 45.0, "src-a")
    table = runner.invoke(app, ["diff", ids[0], ids[-1]])
    assert table.exit_code == 0 and "changed" in table.output and "1 change" in table.output
    csv = runner.invoke(app, ["diff", ids[0], ids[1], "--format", "csv"])
    assert csv.exit_code == 0 and csv.output.count("\n") == 3  # header and two changes
    shown = runner.invoke(app, ["show", "trade.turnover", "--subject", "CHN", "--as-of", ids[0]])
    assert shown.exit_code == 0, shown.output
    assert "43.8" in shown.output and ids[0][:8] in shown.output
    listed = runner.invoke(app, ["builds", "--format", "json"])
    assert [b["id"] for b in json.loads(listed.output)] == ids[::-1]
    bad = runner.invoke(app, ["diff", "nonsense"])
    assert bad.exit_code == 1 and "caravan builds" in bad.output and bad.output.count("\n") == 1


def test_the_api_pages_the_changes_and_names_unknown_builds(vintaged: tuple[Settings, list[str]]) -> None:
    from fastapi.testclient import TestClient

    from caravan.web.app import create_app

    cfg, ids = vintaged
    with TestClient(create_app(cfg), raise_server_exceptions=False) as client:
        first = client.get("/api/changes", params={"limit": 2})
        assert first.status_code == 200 and first.headers["x-caravan-build"] == ids[-1]
        page = first.json()
        assert page["total"] == 14 and len(page["items"]) == 2 and page["items"][0]["build_id"] == ids[-1]
        rest = client.get("/api/changes", params={"limit": 100, "offset": 2}).json()
        assert len(rest["items"]) == 12 and rest["items"][-1]["build_id"] == ids[0]
        one = client.get("/api/changes", params={"observation": page["items"][0]["observation_id"]}).json()
        assert [c["change"] for c in one["items"]] == ["added", "removed", "added"]
        since = client.get("/api/changes", params={"since": ids[1]}).json()
        assert {c["build_id"] for c in since["items"]} == set(ids[2:])
        csv = client.get("/api/changes", params={"build": ids[1], "format": "csv"})
        assert csv.status_code == 200 and csv.text.count("\n") == 3
        missing = client.get("/api/changes", params={"build": "19990101T000000.000000Z"})
        assert missing.status_code == 404 and set(missing.json()) == {"error"}
        message = missing.json()["error"]["message"]
        assert "19990101T000000.000000Z" in message and "caravan" not in message  # no command line on the web
        builds = client.get("/api/builds").json()
        assert [b["id"] for b in builds] == ids[::-1] and builds[0]["current"] and not builds[-1]["kept"]


# Property: over any sequence of vintages, the composed diff and the figures as of each build agree
# with the vintages themselves (real DuckDB files, the changelog written by `record`).
IDS = [f"o-{i}" for i in range(6)]
STATE = st.dictionaries(st.sampled_from(IDS), st.sampled_from([1.0, 2.0, 3.5]), max_size=6)


def _vintage(folder: Path, n: int, state: dict[str, float], previous: Path | None) -> Path:
    path = folder / f"{n}.duckdb"
    con = duckdb.connect(str(path))
    for statement in ddl():
        con.execute(statement)
    for i, v in state.items():
        con.execute(
            "INSERT INTO observation (id, indicator, subject, period, period_kind, period_start, period_end, value,"
            " unit, value_std, unit_std, source_id, locator, method, file) VALUES (?, 'x', 'CHN', ?, 'year',"
            " DATE '2024-01-01', DATE '2024-12-31', ?, 'USD', ?, 'USD', 's', 'l', 'reported', 'f')",
            [i, i, v, v],
        )
    con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
    record(con, previous, BuildInfo(f"b{n:03d}", "build", f"2026-01-01T00:00:{n:02d}Z", "c", "t"))
    con.close()
    return path


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(states=st.lists(STATE, min_size=2, max_size=5))
def test_diffs_and_as_of_agree_with_every_vintage(tmp_path_factory: pytest.TempPathFactory, states: list) -> None:
    folder = tmp_path_factory.mktemp("vintages")
    previous = None
    for n, state in enumerate(states):
        previous = _vintage(folder, n, state, previous)
    assert previous is not None
    with Ledger(previous) as ledger:
        for n, state in enumerate(states):
            _, rows = as_of(ledger, f"b{n:03d}")
            assert {r["id"]: r["value"] for r in rows} == state
        first, last = states[0], states[-1]
        _, _, changes = diff(ledger, "b000", f"b{len(states) - 1:03d}")
        expect = {
            i: ("added" if i not in first else "removed" if i not in last else "changed")
            for i in set(first) | set(last)
            if first.get(i) != last.get(i)
        }
        assert {r["observation_id"]: r["change"] for r in changes} == expect
