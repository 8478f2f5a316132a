"""The planner on a hand-checked network: routes, counts, constraints, years and scenarios."""

from __future__ import annotations

from pathlib import Path

import pytest

from caravan.corridors.network import Network
from caravan.corridors.places import resolve_node, resolve_place
from caravan.corridors.route import Objective, RouteQuery, largest_waits, plan_routes, route_or_none
from caravan.corridors.scenario import Scenario, apply_scenario, compare, load_scenario
from caravan.errors import InputError, NoRouteError, NotFoundError


def best(net: Network, origin: str, destination: str, **kw: object) -> object:
    return plan_routes(net, RouteQuery(origin, destination, **kw))[0]  # type: ignore[arg-type]


def test_known_shortest_route_with_counts(net: Network) -> None:
    r = best(net, "Alpha", "Zulu")
    assert r.nodes == ["city.a", "city.b", "station.x", "city.z"]  # type: ignore[attr-defined]
    assert r.distance_km == pytest.approx(610)  # type: ignore[attr-defined]
    assert r.running_h == pytest.approx(12.2)  # type: ignore[attr-defined]
    assert r.dwell_h == pytest.approx(10)  # type: ignore[attr-defined]
    assert r.total_h == pytest.approx(22.2)  # type: ignore[attr-defined]
    assert r.border_crossings == 2  # type: ignore[attr-defined]
    assert r.gauge_changes == 1  # type: ignore[attr-defined]
    assert r.transshipments == 0  # type: ignore[attr-defined]
    assert r.cost_usd == pytest.approx(610 + 2 * 100)  # type: ignore[attr-defined]
    assert r.co2_kg == pytest.approx(610 * 20 * 30 / 1000)  # type: ignore[attr-defined]
    assert r.cost_complete and r.co2_complete  # type: ignore[attr-defined]
    assert next(leg.sources for leg in r.legs) == ["src-rail.a-b"]  # type: ignore[attr-defined]
    assert "f-rail" in r.sources  # type: ignore[attr-defined]


def test_dwell_is_directional(net: Network) -> None:
    back = best(net, "Zulu", "Alpha")
    assert back.dwell_h == pytest.approx(2)  # type: ignore[attr-defined]
    assert back.total_h == pytest.approx(14.2)  # type: ignore[attr-defined]


def test_ferry_route_counts_transshipments_and_flags_missing_costs(net: Network) -> None:
    r = best(net, "Alpha", "Delta")
    assert r.nodes == ["city.a", "city.b", "station.x", "city.y", "port.p", "port.q", "city.d"]  # type: ignore[attr-defined]
    assert r.transshipments == 2  # type: ignore[attr-defined]
    assert r.border_crossings == 2  # type: ignore[attr-defined]
    assert r.gauge_changes == 1  # type: ignore[attr-defined]
    assert r.total_h == pytest.approx(5.2 + 10 + 1 + 10 + 24)  # type: ignore[attr-defined]
    assert not r.cost_complete  # type: ignore[attr-defined]


def test_gauge_mismatch_between_legs_counts_as_a_change() -> None:
    nodes = [{"id": f"n.{i}", "name_en": f"N{i}", "country": "KAZ"} for i in range(3)]
    edges = [
        {
            "id": "rail.0-1",
            "from_node": "n.0",
            "to_node": "n.1",
            "mode": "rail",
            "length_km": 10,
            "gauge_from": 1435,
            "gauge_to": 1435,
            "source_ids": ["s"],
        },
        {
            "id": "rail.1-2",
            "from_node": "n.1",
            "to_node": "n.2",
            "mode": "rail",
            "length_km": 10,
            "gauge_from": 1520,
            "gauge_to": 1520,
            "source_ids": ["s"],
        },
    ]
    net = Network.from_rows(
        nodes, edges, [{"mode": "rail", "factor": "speed", "value": 10, "unit": "km/h", "source_id": "s"}]
    )
    r = plan_routes(net, RouteQuery("N0", "N2"))[0]
    assert r.gauge_changes == 1 and r.border_crossings == 0


def test_year_opens_planned_lines(net: Network) -> None:
    today = best(net, "Alpha", "Yankee")
    assert today.nodes == ["city.a", "city.b", "station.x", "city.y"]  # type: ignore[attr-defined]
    assert best(net, "Alpha", "Yankee", year=2025).nodes == today.nodes  # type: ignore[attr-defined]
    later = best(net, "Alpha", "Yankee", year=2030)
    assert later.nodes == ["city.a", "city.b", "city.y"]  # type: ignore[attr-defined]
    assert later.legs[-1].status == "planned" and later.legs[-1].opened == 2030  # type: ignore[attr-defined]


def test_avoid_node_and_country(net: Network) -> None:
    with pytest.raises(InputError, match="no route"):
        plan_routes(net, RouteQuery("Alpha", "Yankee", avoid=("Xray",)))
    assert best(net, "Alpha", "Yankee", avoid=("Xray",), year=2030).nodes == [  # type: ignore[attr-defined]
        "city.a",
        "city.b",
        "city.y",
    ]
    around = best(net, "Alpha", "Zulu", avoid=("KAZ",))
    assert around.nodes == ["city.a", "city.z"] and around.legs[0].mode == "road"  # type: ignore[attr-defined]
    assert best(net, "Alpha", "Zulu", avoid=("Kazakhstan",)).nodes == ["city.a", "city.z"]  # type: ignore[attr-defined]
    with pytest.raises(InputError, match="cannot avoid RUS"):
        plan_routes(net, RouteQuery("Alpha", "Zulu", avoid=("RUS",)))


def test_modes_restrict_the_network(net: Network) -> None:
    with pytest.raises(InputError, match="no route from Alpha to Delta with modes rail"):
        plan_routes(net, RouteQuery("Alpha", "Delta", modes=("rail",)))
    with pytest.raises(InputError, match="unknown mode"):
        RouteQuery("Alpha", "Delta", modes=("air",))


def test_via_forces_a_stop_and_no_place_is_passed_twice(net: Network) -> None:
    r = best(net, "Alpha", "Delta", via=("Papa",))
    assert r.nodes == ["city.a", "city.b", "station.x", "city.y", "port.p", "port.q", "city.d"]  # type: ignore[attr-defined]
    # Yankee is a dead end on the way to Zulu: reaching it and going on would pass Xray twice.
    with pytest.raises(InputError, match="without passing a place twice"):
        best(net, "Alpha", "Zulu", via=("Yankee",))


def test_via_takes_a_longer_leg_when_the_short_one_would_block_the_next() -> None:
    # Vee to Ay is shorter through Em, but Em is the only way on from Ay to Dee: the leg to Ay
    # is searched again with Em closed, as the Baku–Aktau leg of a via route through Aktau needs.
    names = zip("svamd", ("Es", "Vee", "Ay", "Em", "Dee"), strict=True)
    nodes = [{"id": f"n.{c}", "name_en": name, "country": "KAZ"} for c, name in names]
    pairs = [("s", "v", 10), ("v", "m", 10), ("m", "a", 10), ("v", "a", 100), ("m", "d", 10)]
    edges = [
        {
            "id": f"rail.{a}-{b}",
            "from_node": f"n.{a}",
            "to_node": f"n.{b}",
            "mode": "rail",
            "length_km": km,
            "gauge_from": 1520,
            "gauge_to": 1520,
            "source_ids": ["s"],
        }
        for a, b, km in pairs
    ]
    net = Network.from_rows(
        nodes, edges, [{"mode": "rail", "factor": "speed", "value": 10, "unit": "km/h", "source_id": "s"}]
    )
    r = plan_routes(net, RouteQuery("Es", "Dee", via=("Vee", "Ay")))[0]
    assert r.nodes == ["n.s", "n.v", "n.a", "n.m", "n.d"]
    assert plan_routes(net, RouteQuery("Es", "Ay", via=("Vee",)))[0].nodes == ["n.s", "n.v", "n.m", "n.a"]


def test_alternatives_are_distinct(net: Network) -> None:
    routes = plan_routes(net, RouteQuery("Alpha", "Zulu", alternatives=3))
    assert [r.nodes for r in routes] == [["city.a", "city.b", "station.x", "city.z"], ["city.a", "city.z"]]
    assert routes[0].objective_value <= routes[1].objective_value


def test_objectives_pick_different_measures(net: Network) -> None:
    by_cost = best(net, "Alpha", "Zulu", objective=Objective.COST)
    by_co2 = best(net, "Alpha", "Zulu", objective=Objective.CO2)
    assert by_cost.objective_value == pytest.approx(810)  # type: ignore[attr-defined]
    assert by_co2.objective_value == pytest.approx(366)  # type: ignore[attr-defined]


@pytest.mark.parametrize("text", ["Alpha", "alpha", "Альфа", "阿尔法", "Alpah", "city.a", "a"])
def test_names_resolve_in_three_languages_and_fuzzily(net: Network, text: str) -> None:
    assert resolve_node(net, text) == "city.a"


def test_unknown_place_suggests_names(net: Network) -> None:
    with pytest.raises(NotFoundError, match=r"no place on the network matches 'Zuluu Land'.*did you mean Zulu"):
        resolve_node(net, "Zuluu Land")


def test_country_codes_and_names_resolve_to_countries(net: Network) -> None:
    assert resolve_place(net, "kaz").country == "KAZ"
    assert resolve_place(net, "Russia").country == "RUS"
    assert resolve_place(net, "Xray").node == "station.x"


def test_scenario_congestion_switches_route(net: Network) -> None:
    s = Scenario(changes=[{"edge": "rail.b-x", "extra_dwell_h": 20}])  # type: ignore[list-item]
    after = best(apply_scenario(net, s), "Alpha", "Zulu")
    assert after.nodes == ["city.a", "city.z"]  # type: ignore[attr-defined]
    assert best(net, "Alpha", "Zulu").nodes == ["city.a", "city.b", "station.x", "city.z"]  # type: ignore[attr-defined]


def test_scenario_close_open_and_speed(net: Network) -> None:
    closed = apply_scenario(net, Scenario(changes=[{"node": "Xray", "close": True}]))  # type: ignore[list-item]
    with pytest.raises(InputError):
        plan_routes(closed, RouteQuery("Alpha", "Yankee"))
    opened = apply_scenario(net, Scenario(changes=[{"edge": "rail.b-y", "open": 2025}]))  # type: ignore[list-item]
    assert best(opened, "Alpha", "Yankee").nodes == ["city.a", "city.b", "city.y"]  # type: ignore[attr-defined]
    fast = apply_scenario(net, Scenario(changes=[{"mode": "rail", "speed_factor": 2}]))  # type: ignore[list-item]
    assert best(fast, "Alpha", "Zulu").running_h == pytest.approx(6.1)  # type: ignore[attr-defined]


def test_congested_node_delays_each_passage_once(net: Network) -> None:
    s = Scenario(changes=[{"node": "Xray", "extra_dwell_h": 5}])  # type: ignore[list-item]
    after = apply_scenario(net, s)
    assert best(after, "Alpha", "Yankee").dwell_h == pytest.approx(10 + 5)  # type: ignore[attr-defined]
    assert best(after, "Yankee", "Alpha").dwell_h == pytest.approx(2 + 5)  # type: ignore[attr-defined]


def test_compare_side_by_side(net: Network) -> None:
    s = Scenario(
        name="x",
        changes=[{"edge": "rail.b-x", "extra_dwell_h": 20}],  # type: ignore[list-item]
        routes=[{"from": "Alpha", "to": "Zulu"}],
    )  # type: ignore[list-item]
    rows = compare(net, s, [], RouteQuery("-", "-"))
    assert rows[0]["before_days"] == pytest.approx(22.2 / 24, abs=0.01)
    assert rows[0]["after_route"] == "Alpha > Zulu"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("changes: [{edge: rail.a-b}]", "say what changes"),
        ("changes: [{edge: rail.a-b, extra_dwell_h: -1}]", "greater than or equal to 0"),
        ("changes: [{edge: rail.a-b, node: city.a, close: true}]", "exactly one of edge, node or mode"),
        ("changes: [{edge: rail.a-b, colse: true}]", "Extra inputs are not permitted"),
        ("- just a list", "expected a mapping"),
        ("changes: [{edge: rail.a-b, close: true", "not valid YAML"),
        ("name: nothing", "changes: none listed"),
        ("name: nothing\nchanges: []", "names no element of the network"),
    ],
)
def test_malformed_scenarios_give_one_clear_line(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message) as err:
        load_scenario(path)
    assert "\n" not in str(err.value)


def test_route_or_none_turns_only_no_route_into_an_empty_list(net: Network) -> None:
    # Road alone does not reach Papa: that is "no route", and plan_routes says so in its own error.
    with pytest.raises(NoRouteError, match="no route from Alpha to Papa"):
        plan_routes(net, RouteQuery("Alpha", "Papa", modes=("road",)))
    assert route_or_none(net, RouteQuery("Alpha", "Papa", modes=("road",))) == []
    assert route_or_none(net, RouteQuery("Alpha", "Zulu"))[0].nodes[-1] == "city.z"
    # A bad question is never "no route".
    with pytest.raises(NotFoundError, match="Atlantis"):
        route_or_none(net, RouteQuery("Alpha", "Atlantis"))
    with pytest.raises(InputError, match="the same place"):
        route_or_none(net, RouteQuery("Alpha", "Alpha"))
    with pytest.raises(InputError, match="a place is given twice"):
        route_or_none(net, RouteQuery("Alpha", "Zulu", via=("Alpha",)))
    with pytest.raises(InputError, match="outside the network's range"):
        route_or_none(net, RouteQuery("Alpha", "Zulu", year=2090))


def test_scenario_naming_an_unknown_edge(net: Network) -> None:
    with pytest.raises(NotFoundError, match=r"no edge, line or crossing 'rail\.a-q'"):
        apply_scenario(net, Scenario(changes=[{"edge": "rail.a-q", "close": True}]))  # type: ignore[list-item]


def test_a_cited_headway_is_the_wait_for_a_departure(net: Network) -> None:
    # Papa -> Quebec ferry: 10 h sailing and 24 h cited dwell; a weekly sailing adds half a week on average.
    before = plan_routes(net, RouteQuery("Yankee", "Delta", modes=("rail", "ferry")))[0]
    weekly = net.replace_edge("ferry.p-q", headway_h=168.0)
    after = plan_routes(weekly, RouteQuery("Yankee", "Delta", modes=("rail", "ferry")))[0]
    assert after.total_h == pytest.approx(before.total_h + 84.0, abs=0.01)
    ferry = next(leg for leg in after.legs if leg.mode == "ferry")
    assert ferry.dwell_h == pytest.approx(24.0 + 84.0) and ferry.wait_known
    # Without a cited dwell the headway alone makes the port wait known, and both directions wait for a sailing.
    bare = net.replace_edge("ferry.p-q", dwell_h=None, headway_h=168.0)
    back = plan_routes(bare, RouteQuery("Delta", "Yankee", modes=("rail", "ferry")))[0]
    assert not back.unknown_waits
    assert next(leg for leg in back.legs if leg.mode == "ferry").dwell_h == pytest.approx(84.0)
    # At worst a train waits one whole interval: that is the bound an uncited port wait of the same kind takes.
    assert largest_waits(weekly)["port (ferry)"] == pytest.approx(24.0 + 168.0)
    assert largest_waits(bare)["port (ferry)"] == pytest.approx(168.0)
