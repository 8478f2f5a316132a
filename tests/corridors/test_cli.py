"""`caravan route`, `scenario compare` and `flows` through click's runner on the real ledger."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from caravan.cli import app
from caravan.runs import read_run, runs_dir
from caravan.settings import Settings


@pytest.fixture
def run(real_settings: Settings, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CARAVAN_DATA", str(real_settings.data))
    monkeypatch.setenv("CARAVAN_LEDGER", str(real_settings.ledger))

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(app, list(args))

    return invoke


def test_route_table_and_json(run) -> None:  # type: ignore[no-untyped-def]
    table = run("route", "Xi'an", "Duisburg", "--modes", "rail", "-k", "2")
    assert table.exit_code == 0, table.output
    assert "route 1: Xi'an → Duisburg" in table.output and "gauge changes" in table.output
    data = json.loads(run("route", "西安", "Алматы", "--format", "json").output)
    first = data["routes"][0]
    assert first["origin"] == "city.xian" and first["destination"] == "city.almaty"
    assert first["legs"] and all(leg["sources"] for leg in first["legs"])
    record = read_run(Path(data["run"]))
    assert record["kind"] == "route" and record["parameters"]["origin"] == "西安"
    assert record["inputs"]["ledger"] and record["timestamp"]


def test_route_with_scenario_shows_before_and_after(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    scenario = tmp_path / "s.yaml"
    scenario.write_text(
        "name: Altynkol shut\nchanges:\n  - {edge: rail.khorgos-altynkol, close: true}\n", encoding="utf-8"
    )
    out = run("route", "Xi'an", "Almaty", "--modes", "rail", "--scenario", str(scenario))
    assert out.exit_code == 0, out.output
    assert "before" in out.output and "after" in out.output and "Altynkol shut" in out.output
    data = json.loads(
        run(
            "route", "Xi'an", "Almaty", "--modes", "rail", "--close", "rail.khorgos-altynkol", "--format", "json"
        ).output
    )
    assert "station.altynkol" in data["routes"][0]["nodes"]
    assert "station.altynkol" not in data["after"][0]["nodes"]


def test_scenario_compare(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    scenario = tmp_path / "s.yaml"
    scenario.write_text(
        "name: CKU open early\nyear: 2026\nchanges:\n  - {edge: line.cku-railway, open: 2026}\n"
        "routes:\n  - {from: Kashgar, to: Jalal-Abad}\n  - {from: Xi'an, to: Tashkent}\n",
        encoding="utf-8",
    )
    out = run("scenario", "compare", str(scenario), "--modes", "rail", "--format", "json")
    assert out.exit_code == 0, out.output
    rows = json.loads(out.output)
    # Jalal-Abad has no railway before the CKU line opens; after, the line through Torugart reaches it.
    assert len(rows) == 2 and rows[0]["before_days"] is None and rows[0]["after_days"] > 0
    assert "Torugart" in rows[0]["after_route"]
    table = run("scenario", "compare", str(scenario), "Xi'an", "Andijan", "--modes", "rail")
    assert table.exit_code == 0 and "CKU open early" in table.output


def test_flows_command(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    flows = tmp_path / "f.yaml"
    flows.write_text(
        "unit: train/year\nflows:\n  - {from: Xi'an, to: Duisburg, volume: 9000}\n"
        "  - {from: Chongqing, to: Almaty, volume: 4000}\n",
        encoding="utf-8",
    )
    out = run("flows", str(flows), "--format", "json")
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["edges"] and "bottlenecks" in data
    assert any(e["utilisation"] for e in data["edges"])
    halved = tmp_path / "half.yaml"
    halved.write_text("changes:\n  - {edge: rail.alashankou-dostyk, capacity_factor: 0.5}\n", encoding="utf-8")
    after = json.loads(run("flows", str(flows), "--scenario", str(halved), "--format", "json").output)
    cap = {e["edge"]: e["capacity"] for e in data["edges"] if e["capacity"]}
    cap_after = {e["edge"]: e["capacity"] for e in after["edges"] if e["capacity"]}
    assert cap_after["rail.alashankou-dostyk"] == pytest.approx(cap["rail.alashankou-dostyk"] / 2)


def test_a_scenario_year_is_the_network_year_of_route_flows_compare_and_loads_alike(  # type: ignore[no-untyped-def]
    run, tmp_path: Path
) -> None:
    # Issue 14: a valid scenario year was checked but not applied by `route --scenario` and `flows --scenario`.
    # One rule (Scenario.network_year): the scenario's year wins over the asked one, before and after alike.
    # The Bakhty railway opens in 2027; today's network goes round by Alashankou.
    scenario = tmp_path / "s.yaml"
    scenario.write_text(
        "name: the 2027 network\nyear: 2027\nchanges:\n  - {edge: rail.khorgos-altynkol, extra_dwell_h: 1}\n",
        encoding="utf-8",
    )
    today = json.loads(run("route", "Tacheng", "Ayagoz", "--modes", "rail", "--format", "json").output)
    assert "crossing.bakhty" not in today["routes"][0]["nodes"]
    for extra in ((), ("--year", "2024")):
        out = run(
            "route", "Tacheng", "Ayagoz", "--modes", "rail", *extra, "--scenario", str(scenario), "--format", "json"
        )
        assert out.exit_code == 0, out.output
        data = json.loads(out.output)
        assert (
            data["routes"][0]["nodes"]
            == data["after"][0]["nodes"]
            == ["city.tacheng", "crossing.bakhty", "city.ayagoz"]
        )
        assert read_run(Path(data["run"]))["parameters"]["year"] == 2027
    flows = tmp_path / "f.yaml"
    flows.write_text("year: 2024\nflows:\n  - {from: Tacheng, to: Ayagoz, volume: 100}\n", encoding="utf-8")
    plain = json.loads(run("flows", str(flows), "--format", "json").output)
    assert not any(e["edge"] == "rail.bakhty-ayagoz" for e in plain["edges"])
    out = run("flows", str(flows), "--scenario", str(scenario), "--format", "json")
    assert out.exit_code == 0, out.output
    assert any(e["edge"] == "rail.bakhty-ayagoz" and e["volume"] for e in json.loads(out.output)["edges"])
    compared = json.loads(
        run(
            "scenario",
            "compare",
            str(scenario),
            "Tacheng",
            "Ayagoz",
            "--modes",
            "rail",
            "--year",
            "2024",
            "--format",
            "json",
        ).output
    )
    assert compared[0]["before_route"] == compared[0]["after_route"] == "Tacheng > Bakhty > Ayagoz"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("route", "Atlantis", "Almaty"), "no place on the network matches 'Atlantis'"),
        (("route", "Almaty", "Duisburg", "--modes", "road"), "no route from Almaty to Duisburg"),
        (("route", "Almaty", "Duisburg", "--avoid", "DEU"), "cannot avoid DEU"),
        (("route", "Almaty", "Duisburg", "--modes", "rail,air"), "unknown mode 'air'"),
        (("route", "Almaty"), "give FROM and TO"),
        (("route", "Almaty", "Almaty"), "origin and destination are the same place"),
        (("route", "Almaty", "Baku", "--congest", "rail.x"), "--congest 'rail.x': write ID=HOURS"),
        (("route", "Almaty", "Baku", "--close", "rail.nowhere"), "no edge, line or crossing 'rail.nowhere'"),
        (("route", "Almaty", "Baku", "--close", "crossing.atlantis-dostyk"), "edge, line or crossing"),
        (("route", "Almaty", "Baku", "--close", "Atlantis"), "no place on the network matches 'Atlantis'"),
        (("route", "Almaty", "Baku", "--year", "1990"), "year 1990 is outside the network's range"),
        (("route", "Almaty", "Baku", "--year", "2090"), "year 2090 is outside the network's range"),
        (("route", "Almaty", "Baku", "--via", "Almaty"), "a place is given twice"),
        (("loads", "--corridor", "nowhere"), "no corridor 'nowhere'; choose from"),
        (("loads", "--year", "1990"), "year 1990 is outside the network's range"),
        (("loads", "--close", "rail.nowhere"), "no edge, line or crossing 'rail.nowhere'"),
    ],
)
def test_bad_input_is_one_line_and_exit_1(run, real_settings: Settings, args: tuple[str, ...], message: str) -> None:  # type: ignore[no-untyped-def]
    runs = runs_dir(real_settings.ledger)
    before = sorted(runs.glob("*")) if runs.exists() else []
    out = run(*args)
    assert out.exit_code == 1
    lines = [line for line in out.output.splitlines() if line.strip()]
    assert len(lines) == 1 and message in lines[0], out.output
    assert (sorted(runs.glob("*")) if runs.exists() else []) == before, "a refused request was recorded as a run"


def test_scenario_naming_no_known_element_is_refused_and_not_recorded(  # type: ignore[no-untyped-def]
    run, real_settings: Settings, tmp_path: Path
) -> None:
    scenario = tmp_path / "s.yaml"
    scenario.write_text("name: nowhere\nchanges:\n  - {edge: crossing.nowhere, close: true}\n", encoding="utf-8")
    runs = runs_dir(real_settings.ledger)
    before = sorted(runs.glob("*")) if runs.exists() else []
    for args in (
        ("route", "Xi'an", "Almaty", "--scenario", str(scenario)),
        ("scenario", "compare", str(scenario), "Xi'an", "Almaty"),
        ("flows", str(tmp_path / "f.yaml"), "--scenario", str(scenario)),
    ):
        (tmp_path / "f.yaml").write_text("flows:\n  - {from: Xi'an, to: Almaty, volume: 10}\n", encoding="utf-8")
        out = run(*args)
        lines = [line for line in out.output.splitlines() if line.strip()]
        assert out.exit_code == 1 and len(lines) == 1 and "crossing.nowhere" in lines[0], out.output
    assert (sorted(runs.glob("*")) if runs.exists() else []) == before


def test_a_scenario_in_a_year_outside_the_network_is_refused_and_not_recorded(  # type: ignore[no-untyped-def]
    run, real_settings: Settings, tmp_path: Path
) -> None:
    # Before, each side silently found "no route" and the comparison was recorded as a run.
    scenario = tmp_path / "s.yaml"
    text = "name: far\nyear: 2090\nchanges:\n  - {edge: rail.khorgos-altynkol, close: true}\n"
    scenario.write_text(text, encoding="utf-8")
    runs = runs_dir(real_settings.ledger)
    before = sorted(runs.glob("*")) if runs.exists() else []
    out = run("scenario", "compare", str(scenario), "Xi'an", "Almaty")
    lines = [line for line in out.output.splitlines() if line.strip()]
    assert out.exit_code == 1 and len(lines) == 1 and "year 2090 is outside the network's range" in lines[0], out.output
    assert (sorted(runs.glob("*")) if runs.exists() else []) == before


_FAR = "name: far\nyear: 2090\nchanges:\n  - {edge: rail.khorgos-altynkol, close: true}\n"


@pytest.mark.parametrize(
    ("scenario_text", "flows_text", "args", "message"),
    [
        # A scenario that lists no change names no element of the network: before, it was planned as if it did.
        ("name: empty\nchanges: []\n", None, ("route", "Xi'an", "Almaty", "--scenario", "{s}"), "none listed"),
        ("name: empty\n", None, ("scenario", "compare", "{s}", "Xi'an", "Almaty"), "none listed"),
        ("name: empty\nchanges: []\n", None, ("loads", "--scenario", "{s}"), "none listed"),
        # The same place twice was swallowed as "no route" on both sides and recorded.
        (
            "changes:\n  - {edge: rail.khorgos-altynkol, close: true}\n",
            None,
            ("scenario", "compare", "{s}", "Almaty", "Almaty"),
            "origin and destination are the same place",
        ),
        (
            "changes:\n  - {edge: rail.khorgos-altynkol, close: true}\n",
            None,
            ("scenario", "compare", "{s}", "Almaty", "Atlantis"),
            "no place on the network matches 'Atlantis'; did you mean",
        ),
        # A scenario's year outside the network's range: before, `route` and `flows` ignored it and recorded a run.
        (_FAR, None, ("route", "Xi'an", "Almaty", "--scenario", "{s}"), "year 2090 is outside"),
        (_FAR, "flows:\n  - {from: Xi'an, to: Almaty, volume: 10}\n", ("flows", "{f}", "--scenario", "{s}"), "2090"),
        (None, "year: 1990\nflows:\n  - {from: Xi'an, to: Almaty, volume: 10}\n", ("flows", "{f}"), "year 1990"),
        (None, "modes: [rail, air]\nflows:\n  - {from: Xi'an, to: Almaty, volume: 10}\n", ("flows", "{f}"), "'air'"),
        (None, "flows: []\n", ("flows", "{f}"), "list at least one flow"),
        (None, "flows:\n  - {from: Almaty, to: Алматы, volume: 10}\n", ("flows", "{f}"), "the same place"),
        (None, "flows:\n  - {from: Atlantis, to: Almaty, volume: 10}\n", ("flows", "{f}"), "did you mean"),
        (
            "name: empty\nchanges: []\n",
            "flows:\n  - {from: Xi'an, to: Almaty, volume: 10}\n",
            ("flows", "{f}", "--scenario", "{s}"),
            "none listed",
        ),
    ],
)
def test_bad_scenario_and_flows_questions_are_one_line_exit_1_and_not_recorded(  # type: ignore[no-untyped-def]
    run,
    real_settings: Settings,
    tmp_path: Path,
    scenario_text: str | None,
    flows_text: str | None,
    args: tuple[str, ...],
    message: str,
) -> None:
    files = {"s": tmp_path / "s.yaml", "f": tmp_path / "f.yaml"}
    for key, text in (("s", scenario_text), ("f", flows_text)):
        if text is not None:
            files[key].write_text(text, encoding="utf-8")
    runs = runs_dir(real_settings.ledger)
    before = sorted(runs.glob("*")) if runs.exists() else []
    out = run(*(a.format(**files) for a in args))
    lines = [line for line in out.output.splitlines() if line.strip()]
    assert out.exit_code == 1 and len(lines) == 1 and message in lines[0], out.output
    assert (sorted(runs.glob("*")) if runs.exists() else []) == before, "a refused request was recorded as a run"


def test_malformed_scenario_and_flows_files_exit_1(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.yaml"
    bad.write_text("changes: [{edge: rail.khorgos-altynkol, extra_dwell_h: many}]\n", encoding="utf-8")
    for args in (
        ("scenario", "compare", str(bad), "Xi'an", "Almaty"),
        ("flows", str(bad)),
        ("scenario", "compare", str(tmp_path / "missing.yaml")),
    ):
        out = run(*args)
        assert out.exit_code == 1
        assert len([line for line in out.output.splitlines() if line.strip()]) == 1, out.output


def test_places_lists_the_network(run, real_settings: Settings) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(run("route", "--places", "--format", "json").output)
    assert {"city.xian", "station.malaszewicze", "port.alat"} <= {p["id"] for p in data}
    assert runs_dir(real_settings.ledger).name.endswith(".runs")


def test_loads_command(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = run("loads", "--year", "2024", "--format", "json")
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert {c["corridor"] for c in data["corridors"]} >= {"china-central-asia-trains", "middle-corridor-tonnes"}
    assert any(e["status"] == "capacity unknown (none cited)" for e in data["elements"])
    # KTZ's planned doubling of the Dostyk exchange (14 to 28 trains a day): with demand above the cited
    # capacity, the unmet volume falls by exactly the capacity added.
    doubled = tmp_path / "dostyk-28.yaml"
    doubled.write_text(
        "name: Dostyk at 28 trains a day\nchanges:\n  - {edge: rail.alashankou-dostyk, capacity_factor: 2}\n",
        encoding="utf-8",
    )
    after = json.loads(run("loads", "--year", "2024", "--scenario", str(doubled), "--format", "json").output)
    [dostyk] = [e for e in data["elements"] if e["edge"] == "rail.alashankou-dostyk"]
    assert sum(c["change"] for c in after["changes"]) == pytest.approx(-dostyk["capacity"], abs=0.1)
    assert after["scenario"] == "Dostyk at 28 trains a day"
    later = json.loads(run("loads", "--year", "2024", "--network-year", "2030", "--format", "json").output)
    assert later["year"] == 2030 and [c["demand"] for c in later["corridors"]] == [
        c["demand"] for c in data["corridors"]
    ]
    table = run("loads", "--year", "2024", "--close", "rail.alashankou-dostyk")
    assert table.exit_code == 0, table.output
    assert "unmet volume before and after" in table.output and "bottlenecks:" in table.output
