"""Sea and ferry edges drawn along the sea: off the land, through Suez or round the Cape, near their cited length.

The land is Natural Earth's (1:10m, from the pinned world-atlas package; see `tests.corridors.land`).
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from tests.conftest import DATA
from tests.corridors.land import SUEZ_POINT, densify, land_km

from caravan.corridors.network import Network, load_network
from caravan.corridors.seaways import Seaway, draw_seaways, leg_path, path_km, seaways, unwrap
from caravan.errors import DataError
from caravan.ledger.store import Ledger
from caravan.settings import Settings
from caravan.sources.network import great_circle_km

# How much of each end a land test leaves out: Shanghai and Rotterdam are cities some way inland of
# the open sea (the Yangtze and the Nieuwe Waterweg); the ferry ports stand on the shore.
ENDS_KM = {"sea": 60.0, "ferry": 10.0}
SUEZ = "sea.shanghai-rotterdam-suez"
CAPE = "sea.shanghai-rotterdam-cape"


@pytest.fixture(scope="module")
def real_net(real_settings: Settings) -> Network:
    with Ledger(real_settings.ledger) as ledger:
        return load_network(ledger)


@pytest.fixture(scope="module")
def ways(real_net: Network) -> dict[str, Seaway]:
    return seaways(real_net, DATA)


def sea_edges(net: Network) -> list[str]:
    return [e.id for e in net.edges if e.mode in ("sea", "ferry")]


def test_every_sea_and_ferry_edge_is_drawn_from_its_first_node_to_its_second(
    real_net: Network, ways: dict[str, Seaway]
) -> None:
    assert set(ways) == set(sea_edges(real_net))
    assert {SUEZ, CAPE} <= set(ways)
    for edge_id, way in ways.items():
        e = real_net.edges[real_net.edge_index[edge_id]]
        a, b = real_net.node(e.a), real_net.node(e.b)
        assert way.path[0] == [a.lon, a.lat], edge_id
        assert way.path[-1][1] == b.lat and math.isclose(way.path[-1][0] % 360, b.lon % 360), edge_id
        assert len(way.path) >= 3, edge_id
        assert way.drawn_km == round(path_km(way.path), 1)
        # No step of a drawn line jumps across the antimeridian.
        assert all(abs(p[0] - q[0]) < 180 for p, q in zip(way.path, way.path[1:], strict=False)), edge_id


def test_no_drawn_sea_path_crosses_land(real_net: Network, ways: dict[str, Seaway]) -> None:
    over = {
        edge_id: round(land_km(way.path, ENDS_KM[real_net.edges[real_net.edge_index[edge_id]].mode]), 1)
        for edge_id, way in ways.items()
    }
    assert over == dict.fromkeys(ways, 0.0)


def test_straight_lines_between_the_ends_fail_the_land_test(real_net: Network, ways: dict[str, Seaway]) -> None:
    # The test can fail: the lines the map drew before (two ends) cross Eurasia, and the Absheron peninsula.
    for edge_id in (SUEZ, CAPE, "ferry.aktau-alat"):
        straight = [ways[edge_id].path[0], ways[edge_id].path[-1]]
        mode = real_net.edges[real_net.edge_index[edge_id]].mode
        assert land_km(straight, ENDS_KM[mode]) > 10, edge_id
    assert land_km([ways[SUEZ].path[0], ways[SUEZ].path[-1]], ENDS_KM["sea"]) > 5000


def test_the_suez_route_passes_the_canal_and_the_cape_route_the_cape(ways: dict[str, Seaway]) -> None:
    near_suez = min(great_circle_km(p[0], p[1], *SUEZ_POINT) for p in densify(ways[SUEZ].path, 5.0))
    assert near_suez < 50
    assert "suez" in ways[SUEZ].passages
    assert min(p[1] for p in ways[CAPE].path) < -34
    assert "suez" not in ways[CAPE].passages and "south_africa" in ways[CAPE].passages
    # The Cape route keeps well away from the canal.
    assert min(great_circle_km(p[0], p[1], *SUEZ_POINT) for p in ways[CAPE].path) > 2000


@pytest.mark.parametrize("edge_id", [SUEZ, CAPE])
def test_the_drawn_length_is_within_five_percent_of_the_cited_one(
    real_net: Network, ways: dict[str, Seaway], edge_id: str
) -> None:
    cited = real_net.edges[real_net.edge_index[edge_id]].length_km
    assert cited is not None
    assert abs(ways[edge_id].drawn_km - cited) / cited < 0.05


def test_drawing_is_computed_once_per_build(real_net: Network) -> None:
    assert seaways(real_net, DATA) is seaways(real_net, DATA)


def test_a_route_leg_gets_the_path_in_the_direction_travelled(real_net: Network, ways: dict[str, Seaway]) -> None:
    e = real_net.edges[real_net.edge_index["ferry.aktau-alat"]]
    forward, km = leg_path(ways, e.id, e.a, real_net)
    back, _ = leg_path(ways, e.id, e.b, real_net)
    assert forward == ways[e.id].path and back == ways[e.id].path[::-1] and km == ways[e.id].drawn_km
    land_leg = next(x for x in real_net.edges if x.mode == "rail")
    assert leg_path(ways, land_leg.id, land_leg.a, real_net) == (None, None)


def test_longitudes_are_unwrapped_across_the_antimeridian() -> None:
    assert unwrap([[179.0, 0.0], [-179.0, 1.0], [-170.0, 2.0]]) == [[179.0, 0.0], [181.0, 1.0], [190.0, 2.0]]
    assert unwrap([[-179.0, 0.0], [179.0, 1.0]]) == [[-179.0, 0.0], [-181.0, 1.0]]
    assert unwrap([[364.5, 51.9], [4.5, 51.9]]) == [[4.5, 51.9], [4.5, 51.9]]


def _data_with(tmp_path: Path, seaways_yaml: str) -> Path:
    (tmp_path / "network").mkdir()
    (tmp_path / "network" / "seaways.yaml").write_text(seaways_yaml)
    return tmp_path


def test_a_required_passage_the_drawing_misses_is_an_error(real_net: Network, tmp_path: Path) -> None:
    # Restricting only Suez sends searoute's Cape route through Panama, not round the Cape: drawing says so.
    data = _data_with(tmp_path, f"- edge: {CAPE}\n  restrictions: [northwest, suez]\n  passes: [south_africa]\n")
    with pytest.raises(DataError, match="does not pass"):
        draw_seaways(real_net, data)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (f"- edge: {CAPE}\n  restrictions: [nowhere]\n", "unknown passage"),
        ("- edge: rail.nowhere\n  waypoints: [[1, 2]]\n", "no sea or ferry edge"),
        (f"- edge: {CAPE}\n  waypoints: [[1, 2]]\n  passes: [suez]\n", "not both"),
        (f"- edge: {CAPE}\n- edge: {CAPE}\n", "drawn twice"),
    ],
)
def test_malformed_seaways_are_data_errors(real_net: Network, tmp_path: Path, text: str, problem: str) -> None:
    with pytest.raises(DataError, match=problem):
        draw_seaways(real_net, _data_with(tmp_path, text))


def test_waypoints_are_drawn_between_the_nodes(real_net: Network, tmp_path: Path) -> None:
    data = _data_with(tmp_path, "- edge: ferry.aktau-alat\n  waypoints: [[50.8, 42.0]]\n")
    way = draw_seaways(real_net, data)["ferry.aktau-alat"]
    aktau, alat = real_net.node("port.aktau"), real_net.node("port.alat")
    assert way.method == "waypoints"
    assert way.path == [[aktau.lon, aktau.lat], [50.8, 42.0], [alat.lon, alat.lat]]
