"""Cited corridor volumes loaded onto the network against cited capacities (issue 14, item 5)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from caravan.corridors.loads import Corridor, Volume, corridor_loads, load_volumes, scenario_loads
from caravan.corridors.network import Network, load_network
from caravan.corridors.scenario import Scenario
from caravan.errors import InputError
from caravan.ledger.store import Ledger
from caravan.settings import Settings

EAST = Corridor("east-trains", "trains Alpha to Zulu", "city.a", ("city.z",), ("rail",), "train/year")
SOUTH = Corridor("south-tonnes", "tonnes Alpha to Delta", "city.a", ("city.d",), ("rail", "ferry"), "t/year")


def volume(what: str, value: float, unit: str = "train", year: int = 2024, **kw: Any) -> Volume:
    period = kw.pop("period", None)
    amount = {"value": value, "unit": unit, "source": "src-test", "locator": "a quoted sentence", **kw}
    return Volume.model_validate({"what": what, "year": year, "value": amount, "period": period})


def by_edge(result: Any) -> dict[str, dict[str, Any]]:
    return {f"{e['edge']} {e['direction']}": e for e in result.elements}


def test_within_capacity_everything_is_carried(net: Network) -> None:
    result = corridor_loads(net, [volume("east-trains", 400)], corridors=(EAST,))
    [row] = result.corridors
    assert (row["demand"], row["assigned"], row["unmet"]) == (400, 400, 0)
    # rail.a-b and rail.x-z carry it with no cited capacity: the status says so, it never claims a fit.
    assert row["capacity_unknown_on_way"] == ["rail.a-b", "rail.x-z"]
    assert row["status"] == "all carried; 2 elements on its way have no cited capacity in train/year"
    crossing = by_edge(result)["rail.b-x city.b→station.x"]
    assert crossing["load"] == {"train/year": 400}
    assert crossing["capacity"] == 1000 and crossing["utilisation"] == pytest.approx(0.4)
    assert crossing["status"] == "within capacity" and not result.bottlenecks


def test_over_capacity_the_rest_is_unmet_and_the_element_is_a_bottleneck(net: Network) -> None:
    result = corridor_loads(net, [volume("east-trains", 1500)], corridors=(EAST,))
    [row] = result.corridors
    assert row["assigned"] == pytest.approx(1000) and row["unmet"] == pytest.approx(500)
    crossing = by_edge(result)["rail.b-x city.b→station.x"]
    assert crossing["utilisation"] == pytest.approx(1.0) and crossing["status"] == "bottleneck"
    assert result.bottlenecks == ["rail.b-x (city.b→station.x, 100%)"]


def test_an_uncited_capacity_is_shown_unknown_not_unlimited(net: Network) -> None:
    result = corridor_loads(net, [volume("east-trains", 400)], corridors=(EAST,))
    beyond = by_edge(result)["rail.x-z station.x→city.z"]
    assert beyond["capacity"] is None and beyond["utilisation"] is None
    assert beyond["status"] == "capacity unknown (none cited)"


def test_tonnes_are_not_counted_against_a_train_capacity(net: Network) -> None:
    result = corridor_loads(
        net, [volume("east-trains", 1000), volume("south-tonnes", 2, unit="Mt")], corridors=(EAST, SOUTH)
    )
    crossing = by_edge(result)["rail.b-x city.b→station.x"]
    assert crossing["load"] == {"t/year": 2e6, "train/year": 1000}
    assert crossing["utilisation"] == pytest.approx(1.0)
    assert "the load in t/year is not counted against it" in crossing["status"]
    assert [r["unmet"] for r in result.corridors] == [0, 0]


def test_a_part_year_figure_is_never_loaded_and_the_corridor_says_so(net: Network) -> None:
    part = volume("east-trains", 700, period="2024-01/2024-06")
    result = corridor_loads(net, [part], year=2024, corridors=(EAST,))
    [row] = result.corridors
    assert row["demand"] is None and row["status"] == "no cited full-year volume"
    assert result.elements == []


def test_a_lower_bound_makes_the_demand_at_least(net: Network) -> None:
    result = corridor_loads(net, [volume("east-trains", 1500, bound="lower")], corridors=(EAST,))
    assert result.corridors[0]["status"].startswith("part unmet (demand at least this)")


def test_the_latest_full_year_is_taken_unless_a_year_is_given(net: Network) -> None:
    volumes = [volume("east-trains", 300, year=2020), volume("east-trains", 600, year=2023)]
    assert corridor_loads(net, volumes, corridors=(EAST,)).corridors[0]["demand"] == 600
    assert corridor_loads(net, volumes, year=2020, corridors=(EAST,)).corridors[0]["demand"] == 300


def test_closing_the_crossing_leaves_the_rail_corridor_unmet(net: Network) -> None:
    closed = Scenario.model_validate({"name": "crossing closed", "changes": [{"edge": "rail.b-x", "close": True}]})
    out = scenario_loads(net, [volume("east-trains", 400)], closed, corridors=(EAST,))
    assert out["changes"] == [
        {
            "corridor": "east-trains",
            "unit": "train/year",
            "demand": 400,
            "unmet_before": 0,
            "unmet_after": 400,
            "change": 400,
        }
    ]
    assert out["elements"] == [] and out["before"]["elements"]


def test_an_unknown_corridor_is_one_clear_error(net: Network) -> None:
    with pytest.raises(InputError, match="no corridor 'nowhere'; choose from east-trains"):
        corridor_loads(net, [], only=("nowhere",), corridors=(EAST,))


@settings(max_examples=40, deadline=None)
@given(
    east=st.floats(min_value=1, max_value=5000, allow_nan=False),
    south=st.floats(min_value=1e3, max_value=1e7, allow_nan=False),
)
def test_assigned_plus_unmet_is_the_demand_and_no_capacity_is_exceeded(east: float, south: float) -> None:
    from tests.corridors.conftest import EDGES, FACTORS, NODES

    net = Network.from_rows(NODES, EDGES, FACTORS)
    result = corridor_loads(
        net, [volume("east-trains", east), volume("south-tonnes", south, unit="t")], corridors=(EAST, SOUTH)
    )
    for row in result.corridors:
        assert row["assigned"] + row["unmet"] == pytest.approx(row["demand"], rel=1e-6, abs=0.02)
        assert row["assigned"] >= -1e-6 and row["unmet"] >= -1e-6
    for e in result.elements:
        if e["utilisation"] is not None:
            assert e["utilisation"] <= 1 + 1e-6


# ---------------------------------------------------------------- the real data


@pytest.fixture(scope="module")
def real_net(real_settings: Settings) -> Network:
    with Ledger(real_settings.ledger) as ledger:
        return load_network(ledger)


def test_every_volume_cites_a_known_source(real_settings: Settings) -> None:
    volumes = load_volumes(real_settings.data)
    assert len(volumes) >= 28
    with Ledger(real_settings.ledger) as ledger:
        known = {r["id"] for r in ledger.query("SELECT id FROM source")}
    assert {v.value.source for v in volumes} <= known


def test_the_cited_volumes_on_the_real_network(real_settings: Settings, real_net: Network) -> None:
    result = corridor_loads(real_net, load_volumes(real_settings.data), year=2024)
    rows = {r["corridor"]: r for r in result.corridors}
    assert rows["china-europe-trains-via-alashankou-and-khorgos"]["demand"] == 16400
    assert rows["china-central-asia-trains"]["demand"] == 11920
    for row in rows.values():
        assert row["assigned"] + row["unmet"] == pytest.approx(row["demand"], abs=0.02)
    crossing = by_edge(result)["rail.alashankou-dostyk station.alashankou→station.dostyk"]
    assert crossing["capacity_source"] == "tp-ktz-altynkol-record-2025"
    assert crossing["capacity_locator"].startswith("increase the exchange of trains")
    assert any(e["status"] == "capacity unknown (none cited)" for e in result.elements)
    assert [n["what"] for n in result.not_loaded] == []  # no full-year 2024 total of all China–Europe trains


def test_closing_alashankou_dostyk_sends_its_trains_to_khorgos_or_leaves_them_unmet(
    real_settings: Settings, real_net: Network
) -> None:
    closed = Scenario.model_validate({"changes": [{"edge": "rail.alashankou-dostyk", "close": True}]})
    only = ("china-europe-trains-via-alashankou-and-khorgos", "china-central-asia-trains")
    out = scenario_loads(real_net, load_volumes(real_settings.data), closed, year=2024, only=only)
    after = {f"{e['edge']} {e['direction']}" for e in out["elements"]}
    assert not any(key.startswith("rail.alashankou-dostyk ") for key in after)
    total_before = sum(r["unmet_before"] for r in out["changes"])
    total_after = sum(r["unmet_after"] for r in out["changes"])
    assert total_after > total_before
    json.dumps(out)  # JSON-ready


def test_a_scenario_year_is_the_network_of_both_sides_for_the_same_volumes(net: Network) -> None:
    # rail.b-y opens in 2030. The scenario's year is the network's on both sides (Scenario.network_year, as in
    # `route --scenario`, `scenario compare` and `flows`), so only its changes differ; the volumes stay 2024's.
    opening = Scenario.model_validate(
        {"name": "the 2030 network", "year": 2030, "changes": [{"mode": "rail", "speed_factor": 1}]}
    )
    tonnes = [volume("south-tonnes", 1000, unit="t")]
    out = scenario_loads(net, tonnes, opening, corridors=(SOUTH,), network_year=2024)
    assert out["year"] == out["before"]["year"] == 2030
    assert out["changes"][0]["demand"] == 1000
    assert any(e["edge"] == "rail.b-y" for e in out["elements"])
    assert any(e["edge"] == "rail.b-y" for e in out["before"]["elements"])
    # Without a year of its own, the asked network year stands on both sides: the line is not open yet.
    today = scenario_loads(
        net, tonnes, opening.model_copy(update={"year": None}), corridors=(SOUTH,), network_year=2024
    )
    assert today["year"] == today["before"]["year"] == 2024
    assert not any(e["edge"] == "rail.b-y" for e in today["elements"] + today["before"]["elements"])


def test_the_all_routes_total_is_shown_as_not_loaded_with_its_bound(real_settings: Settings, real_net: Network) -> None:
    result = corridor_loads(real_net, load_volumes(real_settings.data), year=2023)
    [total] = result.not_loaded
    assert (total["what"], total["value"], total["bound"]) == ("china-europe-trains", 17000, "lower")
    assert "Erenhot" in total["why"]
