"""Pipeline utilisation and the cumulative check on a tiny ledger; the GEM import on the real files."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from caravan.energy.gem import read_ggit, route_length_km
from caravan.energy.pipelines import cumulative_checks, section_lengths, throughput_utilisation, utilisation
from caravan.errors import DataError, NotFoundError
from caravan.ledger.build import build
from caravan.ledger.store import Ledger
from caravan.settings import Settings

ENTITIES = """\
- {id: pipeline.gas, kind: pipeline, names: {en: Example gas pipeline}}
- {id: pipeline.gas-a, kind: pipeline, names: {en: Line A}, parent: pipeline.gas, opened: 2009-12-14}
- {id: pipeline.gas-b, kind: pipeline, names: {en: Line B}, parent: pipeline.gas, opened: 2010-10}
"""
INDICATORS = """\
- {id: gas.delivered, pillar: energy, name: Gas delivered, unit: m**3, kind: flow, definition: Gas delivered.}
- {id: gas.capacity, pillar: energy, name: Capacity, unit: m**3/year, kind: rate, definition: Design capacity.}
- {id: gas.throughput, pillar: energy, name: Throughput, unit: m**3/year, kind: rate, definition: Rate carried.}
"""
OBSERVATIONS = """\
indicator,subject,counterpart,period,value,unit,source,locator,method,note
gas.capacity,pipeline.gas-a,,as-of 2009-12,15,bcm/year,src-a,line A,reported,
gas.capacity,pipeline.gas-b,,as-of 2010-10,15,bcm/year,src-a,line B,reported,
gas.capacity,pipeline.gas,,as-of 2018-01,55,bcm/year,src-a,system,reported,
gas.throughput,pipeline.gas,,as-of 2014-06,28,bcm/year,src-a,rate,reported,almost
gas.delivered,C5,CHN,2010,3.5,bcm,src-a,2010,reported,
gas.delivered,C5,CHN,2011,14,bcm,src-a,2011,reported,
gas.delivered,C5,CHN,2019,47.9,bcm,src-a,2019,reported,
gas.delivered,C5,CHN,2020,40,bcm,src-a,2020,reported,
gas.delivered,C5,CHN,2021,45,bcm,src-a,2021,reported,
gas.delivered,C5,CHN,2022,43.2,bcm,src-a,2022,reported,
gas.delivered,C5,CHN,2023,50,bcm,src-a,2023,reported,
gas.delivered.cumulative,C5,CHN,cumulative-to 2017-12-31,203.2,bcm,src-a,end 2017,reported,
gas.delivered.cumulative,C5,CHN,cumulative-to 2019-12-31,294.6,bcm,src-a,end 2019,reported,
gas.delivered.cumulative,C5,CHN,cumulative-to 2023-12-31,480,bcm,src-a,end 2023,reported,
gas.delivered.cumulative,C5,CHN,cumulative-to 2023-12-31,481,bcm,src-b,end 2023 other,reported,
"""


@pytest.fixture
def gas_ledger(tiny_settings: Settings):  # type: ignore[no-untyped-def]
    data = tiny_settings.data
    (data / "entities" / "energy.yaml").write_text(textwrap.dedent(ENTITIES), encoding="utf-8")
    (data / "indicators" / "energy.yaml").write_text(textwrap.dedent(INDICATORS), encoding="utf-8")
    (data / "observations" / "energy.csv").write_text(textwrap.dedent(OBSERVATIONS), encoding="utf-8")
    build(tiny_settings, force=True)
    with Ledger(tiny_settings.ledger) as ledger:
        yield ledger


def test_utilisation_by_year(gas_ledger: Ledger) -> None:
    years = {u["year"]: u for u in utilisation(gas_ledger, "pipeline.gas").rows}
    assert years[2019]["capacity_bcm"] == pytest.approx(55)
    assert years[2019]["utilisation"] == pytest.approx(47.9 / 55, abs=1e-3)
    # The percentage as the surfaces show it, to what it means: 87.09… is 87.1.
    assert years[2019]["utilisation_pct"] == 87.1
    assert years[2010]["capacity_bcm"] == pytest.approx(30)
    assert "sum of lines open" in years[2010]["capacity_basis"]
    assert years[2011]["utilisation"] == pytest.approx(14 / 30, abs=1e-3)


def test_throughput_rate_against_lines_open(gas_ledger: Ledger) -> None:
    (rate,) = throughput_utilisation(gas_ledger, "pipeline.gas").rows
    assert rate["year"] == 2014 and rate["capacity_bcm"] == pytest.approx(30)
    assert rate["utilisation"] == pytest.approx(28 / 30, abs=1e-3) and "almost" in rate["note"]


def test_cumulative_check_agrees_gaps_and_missing(gas_ledger: Ledger) -> None:
    checks = {(c["start"], c["end"]): c for c in cumulative_checks(gas_ledger).rows}
    missing = checks[("2017-12-31", "2019-12-31")]
    assert missing["periods_sum_bcm"] is None and "cannot check" in missing["status"]
    assert "91.4" in missing["status"]
    gap = checks[("2019-12-31", "2022-12-31")]
    assert gap["periods"] == ["2020", "2021", "2022"]
    assert gap["periods_sum_bcm"] == pytest.approx(128.2) and gap["status"] == "agrees"
    off = checks[("2022-12-31", "2023-12-31")]
    assert off["gap_bcm"] == pytest.approx(50 - (480 - 423.2)) and "gap of -6.8 bcm" in off["status"]
    assert ("2019-12-31", "2023-12-31") in checks  # a longer span the annual volumes also cover
    disagree = checks[("2023-12-31", "2023-12-31")]
    assert "sources disagree" in disagree["status"]


def test_one_cited_length_per_crossed_country(real_ledger: Ledger) -> None:
    """Lines A, B and C cross Turkmenistan, Uzbekistan and Kazakhstan: one operating length each, the best cited."""
    chosen = {r["counterpart"]: r for r in section_lengths(real_ledger)}
    assert list(chosen) == sorted(chosen)
    assert {"TKM", "UZB", "KAZ"} <= set(chosen)
    assert chosen["KAZ"]["value_display"] > chosen["UZB"]["value_display"] > chosen["TKM"]["value_display"]
    # Of Interfax's "about 200 km" and the President of Kazakhstan's office's 188 km, the official figure stands.
    assert (chosen["TKM"]["value_display"], chosen["TKM"]["bound"], chosen["TKM"]["tier"]) == (188, "exact", "official")
    building = {
        e["id"] for e in real_ledger.entities("pipeline") if e["attributes"] and "under-construction" in e["attributes"]
    }
    assert building and not {r["subject"] for r in chosen.values()} & building


def test_real_ledger_pipelines_run(real_ledger: Ledger) -> None:
    years = utilisation(real_ledger).rows
    assert all(u["delivered_source"] for u in years)
    for u in years:
        if u["utilisation"] is not None:
            assert 0 < u["utilisation"] < 1.2
    checks = cumulative_checks(real_ledger).rows
    assert checks and all(c["sources"] for c in checks)
    # A capacity converted from its stated unit carries no conversion artefact (60 bcm/year, not 60.00000000000001).
    capacities = [u["capacity_bcm"] for u in years if u["capacity_bcm"] is not None]
    assert capacities and all(c == round(c, 3) for c in capacities), capacities


def test_gas_results_carry_their_columns_and_each_rows_sources(gas_ledger: Ledger) -> None:
    for result in (
        utilisation(gas_ledger, "pipeline.gas"),
        throughput_utilisation(gas_ledger, "pipeline.gas"),
        cumulative_checks(gas_ledger),
    ):
        assert [c.name for c in result.fields()] == result.columns  # every column declared
        assert result.rows and len(result.row_sources) == len(result.rows)
        listed = {s["id"] for s in result.sources}
        for row, ids in zip(result.rows, result.row_sources, strict=True):
            assert ids and set(ids) <= listed
            cited = row.get("sources") or [row["delivered_source"], *(row["capacity_source"] or "").split(", ")]
            assert set(ids) == {i for i in cited if i}
        assert result.to_dict()["fields"][0]["label"]["zh"]
        assert result.to_dict()["display"] is None  # no money column, so no money unit is named


@pytest.mark.shared
def test_gem_tracker_and_route_import(shared_dir: Path) -> None:
    folder = shared_dir / "data" / "gem-pipelines"
    units = read_ggit(folder / "ggit_2024-10-08.csv", "Central Asia–China")
    lines = {u.unit: u for u in units}
    assert lines["Line A"].capacity == 15 and lines["Line A"].start_year == 2009
    assert lines["Line C"].capacity == 25 and lines["Line D"].status == "Construction"
    assert "Kazakhstan" in lines["Line A"].countries
    length = route_length_km(folder / "P2299.geojson")
    assert 1800 < length < 1900  # published length of lines A–C: 1,833 km
    with pytest.raises(DataError, match="not a GEM GGIT file"):
        read_ggit(folder / "SOURCE.md")


def test_pipelines_command(real_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from click.testing import CliRunner

    from caravan.cli import app

    monkeypatch.setenv("CARAVAN_DATA", str(real_settings.data))
    monkeypatch.setenv("CARAVAN_LEDGER", str(real_settings.ledger))
    out = CliRunner().invoke(app, ["pipelines", "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert {"utilisation", "throughput", "cumulative", "run"} <= set(data)
    years = data["utilisation"]
    assert (
        years["fields"][3]["name"] == "utilisation"
        and years["rows"]
        and len(years["row_sources"]) == len(years["rows"])
    )
    table = CliRunner().invoke(app, ["pipelines"])
    assert table.exit_code == 0 and "against annual volumes (all pipelines)" in table.output
    # Figures as their columns declare: a ratio with three decimals, volumes with one; the sources below.
    shown = [u["utilisation"] for u in years["rows"] if u["utilisation"] is not None]
    assert shown and all(f"{u:.3f}" in table.output for u in shown)
    assert all(f"{u['delivered_bcm']:.1f}" in table.output for u in years["rows"])
    assert all(f"[{s['id']}] " in table.output for s in years["sources"])


def test_unknown_pipeline_is_refused(gas_ledger: Ledger) -> None:
    with pytest.raises(NotFoundError, match=r"no pipeline 'pipeline\.nope'"):
        utilisation(gas_ledger, "pipeline.nope")
    with pytest.raises(NotFoundError, match="not a pipeline"):
        throughput_utilisation(gas_ledger, "C5")


def test_pipelines_command_refuses_unknown_pipeline(real_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from caravan.cli import app
    from caravan.runs import runs_dir

    monkeypatch.setenv("CARAVAN_DATA", str(real_settings.data))
    monkeypatch.setenv("CARAVAN_LEDGER", str(real_settings.ledger))
    folder = runs_dir(real_settings.ledger)
    before = sorted(folder.glob("*.json")) if folder.exists() else []
    out = CliRunner().invoke(app, ["pipelines", "--pipeline", "nope"])
    assert out.exit_code == 1
    assert "no pipeline 'nope'" in out.output and len(out.output.strip().splitlines()) == 1
    after = sorted(folder.glob("*.json")) if folder.exists() else []
    assert after == before


def test_every_column_of_the_gas_tables_says_what_it_means() -> None:
    import dataclasses

    from caravan.energy.pipelines import GAS_COLUMNS, CumulativeCheck, YearUtilisation

    for table in (YearUtilisation, CumulativeCheck):
        for f in dataclasses.fields(table):
            column = GAS_COLUMNS[f.name]
            assert set(column.label) == {"en", "zh", "ru"} and all(column.label.values()), f.name
    assert GAS_COLUMNS["delivered_bcm"].unit == "bcm" and GAS_COLUMNS["capacity_bcm"].unit == "bcm/year"
    assert GAS_COLUMNS["utilisation"].unit is None and GAS_COLUMNS["gap_percent"].unit == "%"
