"""The curated network in data/: loaded, cited, connected, located, and checked against published times."""

from __future__ import annotations

import json
import math
import textwrap
from pathlib import Path

import pytest

from caravan.corridors.network import Network, load_network
from caravan.corridors.route import Objective, RouteQuery, is_open, plan_routes
from caravan.errors import DataError
from caravan.ledger.build import build
from caravan.ledger.store import Ledger
from caravan.settings import Settings
from caravan.sources.curated import load_curated
from caravan.sources.network import great_circle_km


def net_country(net: Network, node: str) -> str:
    return net.node(node).country


@pytest.fixture(scope="module")
def real_net(real_settings: Settings) -> Network:
    with Ledger(real_settings.ledger) as ledger:
        return load_network(ledger)


def test_every_edge_cites_known_sources(real_settings: Settings) -> None:
    with Ledger(real_settings.ledger) as ledger:
        known = {r["id"] for r in ledger.query("SELECT id FROM source")}
        edges = ledger.query("SELECT id, source_ids, length_method, facts FROM edge")
        factors = ledger.query("SELECT source_id FROM mode_factor")
    assert len(edges) >= 60
    for e in edges:
        assert e["source_ids"], e["id"]
        assert set(e["source_ids"]) <= known, e["id"]
        for fact in json.loads(e["facts"] or "{}").values():
            assert fact["source"] in known and fact["locator"], e["id"]
        assert e["length_method"] in ("reported", "computed")
    assert {f["source_id"] for f in factors} <= known


def test_network_is_connected_today_and_when_planned_lines_open(real_net: Network) -> None:
    for year in (None, 2030):
        served = {end for e in real_net.edges if is_open(e, year) for end in (e.a, e.b)}
        if year == 2030:
            assert served == {n.id for n in real_net.nodes}
        for node in real_net.nodes:
            if node.id == "city.xian" or node.id not in served:
                continue
            routes = plan_routes(real_net, RouteQuery("city.xian", node.id, year=year))
            assert routes, node.id


def test_the_corridors_exist(real_net: Network) -> None:
    north = plan_routes(real_net, RouteQuery("Xi'an", "Duisburg", modes=("rail",)))[0]
    assert "crossing.alashankou-dostyk" in {leg.entity for leg in north.legs}
    assert north.gauge_changes == 2 and north.border_crossings == 5
    assert {"city.moscow", "city.brest", "station.malaszewicze"} <= set(north.nodes)
    middle = plan_routes(real_net, RouteQuery("Xi'an", "Istanbul", modes=("rail", "ferry"), avoid=("TKM",)))[0]
    assert "port.alat" in middle.nodes and middle.transshipments == 2
    south = plan_routes(real_net, RouteQuery("Almaty", "Gorgan", modes=("rail",)))[0]
    assert south.nodes[-2] == "station.bereket" and south.gauge_changes == 1
    assert (
        not plan_routes(real_net, RouteQuery("Kashgar", "Andijan", modes=("rail",)))[0]
        .legs[0]
        .edge.startswith("rail.cku")
    )
    cku = plan_routes(real_net, RouteQuery("Kashgar", "Andijan", modes=("rail",), avoid=("KAZ",), year=2030))[0]
    assert {leg.entity for leg in cku.legs} == {"line.cku-railway"} and cku.gauge_changes == 1
    assert [net_country(real_net, n) for n in cku.nodes] == ["CHN", "KGZ", "KGZ", "UZB"]
    for crossing in ("Torugart", "Kulma Pass"):
        r = plan_routes(real_net, RouteQuery("Kashgar", crossing, modes=("road",)))[0]
        assert r.legs[-1].mode == "road"
    # Irkeshtam's Chinese approach has no cited length and the crossing no cited location: reached from Osh only.
    assert plan_routes(real_net, RouteQuery("Osh", "Irkeshtam", modes=("road",)))[0].legs[-1].mode == "road"


@pytest.mark.parametrize("name", ["Almaty", "Алматы", "阿拉木图", "almaty", "Alma ty"])
def test_almaty_in_three_languages(real_net: Network, name: str) -> None:
    r = plan_routes(real_net, RouteQuery("西安", name))[0]
    assert r.destination == "city.almaty" and r.origin == "city.xian"


def test_model_distances_against_published_ones(real_net: Network) -> None:
    # Published rail distances (China Daily, 2013: "take six days to travel the 3,866 km route", "a 9,850-km-long
    # Xi'an-Rotterdam route and a 7,251-km-long Xi'an-Moscow route"); most segment lengths are computed estimates.
    lines = []
    for origin, destination, km in (("Xi'an", "Almaty", 3866), ("Xi'an", "Rotterdam", 9850), ("Xi'an", "Moscow", 7251)):
        model = plan_routes(real_net, RouteQuery(origin, destination, modes=("rail",), objective=Objective.COST))[0]
        lines.append(
            f"{origin} → {destination}: model {model.distance_km:,.0f} km, published {km:,} km "
            f"({100 * (model.distance_km - km) / km:+.1f} %, nw-chinadaily-xian-almaty-2013)"
        )
        assert abs(model.distance_km - km) / km < 0.15, lines[-1]
    print("\n".join(lines))


@pytest.mark.shared
def test_node_coordinates_agree_with_openstreetmap_stations(real_net: Network, shared_dir: Path) -> None:
    files = {
        "AZE": "azerbaijan",
        "IRN": "iran",
        "KAZ": "kazakhstan",
        "RUS": "russia",
        "TKM": "turkmenistan",
        "UZB": "uzbekistan",
    }
    folder = shared_dir / "data" / "osm-railway" / "stations"
    stations: dict[str, list[tuple[float, float]]] = {}
    for code, name in files.items():
        path = folder / f"{name}.json"
        if path.exists():
            stations[code] = [(s["lon"], s["lat"]) for s in json.loads(path.read_text(encoding="utf-8"))]
    if not stations:
        pytest.skip("no OpenStreetMap station files")
    checked = []
    for node in real_net.nodes:
        if node.country not in stations or node.lon is None or node.lat is None:
            continue
        nearest = min(great_circle_km(node.lon, node.lat, lon, lat) for lon, lat in stations[node.country])
        checked.append((node.id, round(nearest, 1)))
        assert nearest < 25, f"{node.id} is {nearest:.1f} km from the nearest OSM station"
    print("\nnearest OSM station (km): " + ", ".join(f"{n} {d}" for n, d in checked))
    assert len(checked) >= 15


def _write_network(data: Path, edges: str, nodes: str | None = None) -> None:
    folder = data / "network"
    folder.mkdir(exist_ok=True)
    (folder / "nodes.yaml").write_text(
        textwrap.dedent(
            nodes
            or """\
        - {id: city.example, kind: city}
        - {id: city.other, kind: city, names: {en: Other}, country: KAZ, geonameid: 1526273}
    """
        ),
        encoding="utf-8",
    )
    (folder / "edges.yaml").write_text(textwrap.dedent(edges), encoding="utf-8")


@pytest.mark.parametrize(
    ("edges", "message"),
    [
        (
            "- {id: rail.x, from: city.example, to: city.nowhere, mode: rail, gauge: 1520, sources: [src-a]}",
            "line 1 (rail.x): unknown node 'city.nowhere'",
        ),
        (
            "- {id: rail.x, from: city.example, to: city.other, mode: rail, gauge: 1520}",
            "line 1 (rail.x): Value error, sources: name at least one source",
        ),
        (
            "- {id: rail.x, from: city.example, to: city.other, mode: rail, gauge: 1520, sources: [src-zz]}",
            "unknown source 'src-zz'",
        ),
        ("- {id: rail.x, from: city.example, to: city.other, mode: rail, sources: [src-a]}", "rail edges need gauge"),
        (
            "- {id: rail.x, from: city.example, to: city.other, mode: rail, gauge: 1520, sources: [src-a],"
            " entity: line.nowhere}",
            "unknown entity 'line.nowhere'",
        ),
        (
            "- {id: rail.x, from: city.example, to: city.other, mode: rail, gauge: 1520, sources: [src-a],\n"
            "   length: {value: 5, unit: h, source: src-a, locator: x}}",
            "length: h does not convert to km",
        ),
        (
            "- {id: rail.x, from: city.example, to: city.other, mode: rail, gauge: 1520, sources: [src-a],\n"
            "   status: planned}",
            "needs opened",
        ),
        (
            "- {id: rail.x, from: city.example, to: city.other, mode: rail, gauge: 1520, sources: [src-a],\n"
            "   dwell_other_side: {value: 5, unit: h, source: src-a, locator: x}}",
            "dwell_other_side: give the crossing's own dwell first",
        ),
        (
            "- {id: rail.x, from: city.example, to: city.other, mode: rail, gauge: 1520, sources: [src-a],\n"
            "   dwell: {value: 2, high: 3, unit: day, source: src-a, locator: x},\n"
            "   dwell_other_side: {value: 5, unit: h, source: src-a, locator: x}}",
            "as a single figure (not a range)",
        ),
    ],
)
def test_bad_network_records_name_file_and_line(tiny_data: Path, edges: str, message: str) -> None:
    _write_network(tiny_data, edges)
    with pytest.raises(DataError, match="data/network/") as err:
        load_curated(tiny_data)
    assert message.replace("Value error, ", "") in str(err.value)


def test_the_other_side_of_a_crossing_adds_to_its_dwell_each_way(tiny_settings: Settings) -> None:
    # Forward: 2 h own + 30 min other side; back: no dwell_back of its own, so the forward 2 h + 4 h other side.
    _write_network(
        tiny_settings.data,
        """\
        - id: rail.x
          from: city.example
          to: city.other
          mode: rail
          gauge: 1520
          sources: [src-a]
          dwell: {value: 2, unit: h, source: src-a, locator: x}
          dwell_other_side: {value: 30, unit: min, source: src-a, locator: y}
          dwell_back_other_side: {value: 4, unit: h, source: src-a, locator: z}
        - {id: rail.y, from: city.other, to: city.example, mode: rail, gauge: 1520, sources: [src-a],
           dwell: {value: 3, unit: h, source: src-a, locator: x}}
        """,
    )
    build(tiny_settings, force=True)
    with Ledger(tiny_settings.ledger) as ledger:
        rows = {r["id"]: r for r in ledger.query("SELECT id, dwell_h, dwell_back_h, facts FROM edge")}
    assert rows["rail.x"]["dwell_h"] == pytest.approx(2.5) and rows["rail.x"]["dwell_back_h"] == pytest.approx(6.0)
    assert {"dwell", "dwell_other_side", "dwell_back_other_side"} <= set(json.loads(rows["rail.x"]["facts"]))
    # Without an other side nothing changes: the back direction stays the forward figure (None stored).
    assert rows["rail.y"]["dwell_h"] == pytest.approx(3.0) and rows["rail.y"]["dwell_back_h"] is None


def test_tiny_network_builds_with_computed_length(tiny_settings: Settings) -> None:
    _write_network(
        tiny_settings.data,
        "- {id: rail.x, from: city.example, to: city.other, mode: rail, gauge: 1520, sources: [src-a]}",
    )
    build(tiny_settings, force=True)
    with Ledger(tiny_settings.ledger) as ledger:
        edge = ledger.query("SELECT * FROM edge")[0]
        node = ledger.query("SELECT * FROM node WHERE id = 'city.example'")[0]
    assert edge["length_method"] == "computed" and "great circle" in edge["length_basis"]
    almaty_astana = great_circle_km(76.9115, 43.25249, 71.44598, 51.1801)
    assert edge["length_km"] == pytest.approx(almaty_astana, rel=1e-3)  # no published rail segment: factor 1
    assert node["name_ru"] == "Алматы" and node["country"] == "KAZ" and not math.isnan(node["lon"])


def test_scheduled_caspian_feeders_carry_their_cited_headway(real_net: Network) -> None:
    # Both container feeders sail weekly (KTZ 2019, OSJD 2020): the wait for a departure is up to a week.
    for eid, source in (
        ("ferry.aktau-alat", "nj-uic-aktau-feeder-2019"),
        ("ferry.turkmenbashi-alat", "nj-osjd-azerbaijan-freight-2020"),
    ):
        e = real_net.edges[real_net.edge_index[eid]]
        assert e.headway_h == pytest.approx(168.0), eid
        assert e.facts["headway"]["source"] == source and source in e.sources
        assert e.dwell(True) >= 84.0 and e.dwell(False) >= 84.0 and e.dwell_known(True)
    # Kuryk's ferries keep no published timetable (no headway): its cited handling of a single-tier ferry, 6–8 h
    # (the port's press service, 2021), counts at its middle both ways, and the wait for a sailing stays unknown.
    kuryk = real_net.edges[real_net.edge_index["ferry.kuryk-alat"]]
    assert kuryk.headway_h is None and not kuryk.dwell_known(True) and not kuryk.dwell_known(False)
    assert kuryk.facts["dwell"]["source"] == "nf-astanatimes-kuryk-2021"
    assert kuryk.dwell(True) == pytest.approx(7.0) and kuryk.dwell(False) == pytest.approx(7.0)


def test_a_route_over_kuryks_ferry_names_the_unknown_wait_for_a_sailing(real_net: Network) -> None:
    """A cited handling time at the berth does not make a ferry's wait known: the route says which wait it lacks."""
    (route,) = plan_routes(real_net, RouteQuery("port.kuryk", "port.alat", modes=("ferry",)))
    assert [leg.edge for leg in route.legs] == ["ferry.kuryk-alat"]
    assert [u.kind for u in route.unknown_waits] == ["port (ferry)"], route.unknown_waits
    assert route.total_high_h is not None and route.total_high_h > route.total_h
    assert route.total_h == pytest.approx(21 + 7.0)  # the cited 20–22 h sailing and 7 h of handling, known


def test_the_china_crossings_count_their_own_inbound_figures(real_net: Network) -> None:
    # A crossing's own cited figure stands in place of Kazakhstan's 78 h country average (CPMM); outbound keeps it.
    own = {
        "rail.alashankou-dostyk": "nj-silkroadnews-dostyk-2016",
        "rail.khorgos-altynkol": "nj-khorgosgateway-first-train-2015",
    }
    # The Chinese side is cited apart (the PRC's CPMM averages, 2023) and added: 14.0 h out of China, 16.3 h in.
    for eid, source in own.items():
        e = real_net.edges[real_net.edge_index[eid]]
        assert e.facts["dwell"]["source"] == source, eid
        assert e.facts["dwell_other_side"]["source"] == "nj-cpmm-2023-prc", eid
        assert e.dwell_h is not None and 14.0 < e.dwell_h < 14.0 + 6, eid
        assert e.facts["dwell_back"]["source"] == "nw-cpmm-2022-kazakhstan"
        assert e.dwell_back_h == pytest.approx(6.8 + 16.3), eid


def test_the_small_network_search_finds_scipys_shortest_distances(real_net: Network) -> None:
    """The planner's Dijkstra in Python (for small networks) against scipy's compiled one, on the curated layers.

    Random weights (some arcs closed) over the layered network, many pairs: the path found
    must be as short as scipy's, and be a path (each arc starts where the one before ended).
    """
    import itertools

    import numpy as np
    import scipy.sparse as sp
    from scipy.sparse.csgraph import dijkstra

    from caravan.corridors.route import _layered, _small_shortest
    from caravan.corridors.shortest import EPSILON

    lay = _layered(real_net)
    rng = np.random.default_rng(16)
    found = 0
    for _ in range(20):
        weights = rng.uniform(0.0, 50.0, len(lay.tail))
        weights[rng.random(len(lay.tail)) < 0.1] = np.inf
        finite = np.isfinite(weights)
        # One entry per (tail, head), the cheapest: a sparse matrix would add parallel arcs up.
        order = np.lexsort((weights[finite], lay.head[finite], lay.tail[finite]))
        t, h, w = lay.tail[finite][order], lay.head[finite][order], weights[finite][order] + EPSILON
        first = np.ones(len(t), dtype=bool)
        first[1:] = (t[1:] != t[:-1]) | (h[1:] != h[:-1])
        graph = sp.csr_matrix((w[first], (t[first], h[first])), shape=(lay.n, lay.n))
        for source, target in rng.integers(0, lay.n, (15, 2)):
            if source == target:
                continue
            distance = dijkstra(graph, indices=int(source))[int(target)]
            arcs = _small_shortest(lay, weights, int(source), int(target))
            if not np.isfinite(distance):
                assert arcs is None
                continue
            assert arcs is not None
            assert int(lay.tail[arcs[0]]) == source and int(lay.head[arcs[-1]]) == target
            assert all(int(lay.head[a]) == int(lay.tail[b]) for a, b in itertools.pairwise(arcs))
            assert float(np.sum(weights[arcs] + EPSILON)) == pytest.approx(distance, rel=1e-9, abs=1e-9)
            found += 1
    assert found >= 100  # most pairs are joined: the comparison ran


def test_the_caucasus_rail_crossings_are_bounded_by_whole_runs(real_net: Network) -> None:
    # No source gives either crossing's own time: each lies within a whole run's published time, its middle counted.
    for eid, source, high in (
        ("rail.baku-tbilisi", "nj-agenda-poti-baku-train-2014", 34.0),  # Poti–Baku 'within 34 hours' (2014)
        ("rail.btk-tbilisi-kars", "nj-vestnikkavkaza-btk-first-train-2017", 40.0),  # Baku–Kars in 40 hours (2017)
    ):
        e = real_net.edges[real_net.edge_index[eid]]
        assert e.facts["dwell"]["source"] == source and source in e.sources, eid
        assert e.facts["dwell"]["value"] == 0 and e.facts["dwell"]["high"] == high, eid
        assert e.dwell(True) == pytest.approx(high / 2) and e.dwell(False) == pytest.approx(high / 2), eid
