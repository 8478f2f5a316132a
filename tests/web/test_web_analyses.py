"""The analysis endpoints return what the library functions return (the web layer computes nothing)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from caravan import claims
from caravan.corridors import network, route, scenario, seaways
from caravan.energy import pipelines
from caravan.ledger import backends
from caravan.ledger.store import Ledger
from caravan.overview import group_shares
from caravan.people import figures, institutions
from caravan.runs import read_run
from caravan.settings import Settings
from caravan.trade import mirror
from caravan.web.app import create_app


def test_network_lists_nodes_and_edges_with_coordinates(client: TestClient, real_ledger: Ledger) -> None:
    net = network.load_network(real_ledger)
    body = client.get("/api/network").json()
    first, last = net.years()
    assert body["years"] == {"first": first, "last": last} and first is not None and last is not None
    assert {n["id"] for n in body["nodes"]} == {n.id for n in net.nodes}
    assert {e["id"] for e in body["edges"]} == {e.id for e in net.edges}
    by_id = {n.id: n for n in net.nodes}
    for edge in body["edges"]:
        if edge["coords"] is not None:
            assert edge["coords"][0] == [by_id[edge["source"]].lon, by_id[edge["source"]].lat]
    rail = client.get("/api/network", params={"mode": "rail"}).json()["edges"]
    assert rail and all(e["mode"] == "rail" for e in rail)


def test_sea_and_ferry_edges_carry_the_path_drawn_along_the_sea(
    client: TestClient, real_ledger: Ledger, real_settings: Settings
) -> None:
    net = network.load_network(real_ledger)
    ways = seaways.seaways(net, real_settings.data)
    edges = {e["id"]: e for e in client.get("/api/network").json()["edges"]}
    for edge in edges.values():
        if edge["mode"] in ("sea", "ferry"):
            assert edge["path"] == ways[edge["id"]].path and len(edge["path"]) >= 3, edge["id"]
            assert edge["drawn_km"] == ways[edge["id"]].drawn_km
            assert edge["path"][0] == edge["coords"][0]
        else:  # a land edge is drawn straight between its ends
            assert edge["path"] is None and edge["drawn_km"] is None, edge["id"]
    suez = edges["sea.shanghai-rotterdam-suez"]
    assert len(suez["path"]) > 50 and suez["length_km"] == pytest.approx(10600 * 1.852)
    assert abs(suez["drawn_km"] - suez["length_km"]) / suez["length_km"] < 0.05


def test_a_route_leg_at_sea_carries_its_path_in_the_direction_travelled(
    client: TestClient, real_ledger: Ledger, real_settings: Settings
) -> None:
    net = network.load_network(real_ledger)
    ways = seaways.seaways(net, real_settings.data)
    body = client.get("/api/routes", params={"from": "port.alat", "to": "port.aktau", "modes": "ferry"}).json()
    legs = body["routes"][0]["legs"]
    ferry = next(leg for leg in legs if leg["mode"] == "ferry")
    way = ways[ferry["edge"]]
    edge = net.edges[net.edge_index[ferry["edge"]]]
    assert ferry["path"] == (way.path if ferry["origin"] == edge.a else way.path[::-1])
    assert ferry["path"][0] == [net.node(ferry["origin"]).lon, net.node(ferry["origin"]).lat]
    assert ferry["drawn_km"] == way.drawn_km
    land = client.get("/api/routes", params={"from": "city.urumqi", "to": "city.almaty"}).json()["routes"][0]["legs"]
    assert all(leg["path"] is None and leg["drawn_km"] is None for leg in land)


def test_the_map_geometry_sources_name_searoute_and_the_network_it_credits(client: TestClient) -> None:
    works = client.get("/api/network/drawing").json()
    names = [w["name"] for w in works]
    assert names[0].startswith("searoute") and works[0]["version"] and works[0]["licence"] == "Apache-2.0"
    assert "Eurostat" in names[1] and "Oak Ridge National Labs" in works[1]["says"]


def test_routes_are_the_planners_routes(client: TestClient, real_ledger: Ledger) -> None:
    net = network.load_network(real_ledger)
    expected = route.plan_routes(net, route.RouteQuery("city.urumqi", "city.almaty", alternatives=3))
    body = client.get("/api/routes", params={"from": "city.urumqi", "to": "city.almaty"}).json()
    assert [r["nodes"] for r in body["routes"]] == [r.nodes for r in expected]
    assert [r["total_h"] for r in body["routes"]] == pytest.approx([r.total_h for r in expected])
    first = body["routes"][0]
    assert first["legs"][0]["origin"] == "city.urumqi" and first["legs"][-1]["destination"] == "city.almaty"
    assert all(leg["coords"] and len(leg["coords"]) == 2 for leg in first["legs"])
    assert first["sources"]


def test_route_places_may_be_names_in_any_language(client: TestClient) -> None:
    by_id = client.get("/api/routes", params={"from": "city.urumqi", "to": "city.almaty", "alternatives": 1}).json()
    by_name = client.get("/api/routes", params={"from": "Urumqi", "to": "阿拉木图", "alternatives": 1}).json()
    assert by_name["routes"][0]["nodes"] == by_id["routes"][0]["nodes"]


@pytest.mark.parametrize(
    "params,status,code",
    [
        ({"from": "Atlantis", "to": "city.almaty"}, 404, "not_found"),
        ({"from": "city.almaty", "to": "city.almaty"}, 400, "bad_request"),
        ({"from": "city.urumqi", "to": "city.almaty", "modes": "teleport"}, 400, "bad_request"),
        ({"from": "city.urumqi", "to": "city.almaty", "objective": "fun"}, 400, "bad_request"),
        ({"from": "city.urumqi"}, 400, "bad_request"),
    ],
)
def test_route_errors_have_the_one_shape(client: TestClient, params: dict[str, str], status: int, code: str) -> None:
    response = client.get("/api/routes", params=params)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code


def test_scenario_comparison_is_the_libraries(client: TestClient, real_ledger: Ledger) -> None:
    net = network.load_network(real_ledger)
    flags = scenario.scenario_from_flags(congest=("city.khorgos=48",))
    expected = scenario.compare(net, flags, [("city.urumqi", "city.almaty")], route.RouteQuery("x", "y"))
    params = {"from": "city.urumqi", "to": "city.almaty", "congest": "city.khorgos=48"}
    body = client.get("/api/scenarios/compare", params=params).json()
    assert body[0]["before_days"] == expected[0]["before_days"]
    assert body[0]["after_days"] == expected[0]["after_days"]
    assert body[0]["from"] == expected[0]["from"]
    csv_text = client.get("/api/scenarios/compare", params={**params, "format": "csv"}).content.decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("from,to,")


def test_trade_mirror_is_the_libraries(client: TestClient, real_settings: Settings) -> None:
    with backends.open_trade(real_settings) as tables:
        expected = mirror.mirror(tables, "CHN", "KAZ")
    body = client.get("/api/trade/mirror", params={"b": "KAZ"}).json()
    assert body["columns"] == expected.columns
    assert body["rows"] == expected.rows
    both = client.get("/api/trade/mirror", params={"b": "KAZ,KGZ"}).json()
    assert {r["flow"].split()[-1] for r in both["rows"]} >= {"KAZ", "KGZ"}
    csv_lines = (
        client.get("/api/trade/mirror", params={"b": "KAZ", "format": "csv"}).content.decode("utf-8-sig").splitlines()
    )
    assert csv_lines[0] == ",".join(expected.columns) and len(csv_lines) == len(expected.rows) + 1


def test_trade_without_imported_data_says_so(client: TestClient) -> None:
    meta = client.get("/api/meta").json()
    summary = client.get("/api/trade/summary")
    assert summary.status_code == 200
    if not any(meta["trade_datasets"].values()):
        # The summary falls back on the ledger's cited figures; a ranking of partners cannot.
        assert summary.json()["dataset"] == "ledger" and summary.json()["rows"]
        response = client.get("/api/trade/partners", params={"country": "KAZ", "year": 2023})
        assert response.status_code == 404
        message = response.json()["error"]["message"]
        assert "no bulk trade data" in message and "caravan" not in message  # no command line on the web


@pytest.mark.parametrize("params", [{"b": "kaz"}, {"b": "KAZ;DROP"}, {"b": "KAZ", "years": "twenty"}])
def test_trade_parameters_are_validated(client: TestClient, params: dict[str, str]) -> None:
    response = client.get("/api/trade/mirror", params=params)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_request"


def test_energy_utilisation_is_the_libraries(client: TestClient, real_ledger: Ledger) -> None:
    expected = pipelines.utilisation(real_ledger).rows
    body = client.get("/api/energy/utilisation").json()
    assert [r["year"] for r in body] == [r["year"] for r in expected]
    assert [r["delivered_bcm"] for r in body] == [r["delivered_bcm"] for r in expected]
    checks = client.get("/api/energy/cumulative").json()
    assert len(checks) == len(pipelines.cumulative_checks(real_ledger).rows)


def test_energy_lengths_are_the_librarys(client: TestClient, real_ledger: Ledger) -> None:
    expected = pipelines.section_lengths(real_ledger)
    body = client.get("/api/energy/lengths", params={"lang": "zh"}).json()
    assert [(r["counterpart"], r["id"]) for r in body] == [(r["counterpart"], r["id"]) for r in expected]
    assert all(r["source_id"] and r["shown"] for r in body), body


def test_energy_unknown_pipeline_is_not_found(client: TestClient) -> None:
    response = client.get("/api/energy/utilisation", params={"pipeline": "nope"})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert "no pipeline 'nope'" in response.json()["error"]["message"]


ARTICLE = "China's trade with Central Asian nations reached $94.8 billion in 2024."


def test_claim_check_is_the_libraries(client: TestClient, real_ledger: Ledger) -> None:
    expected = claims.check_text(ARTICLE, real_ledger, lang="en").to_dict()
    body = client.post("/api/claims/check", json={"text": ARTICLE, "lang": "en"}).json()
    assert [c["verdict"] for c in body["claims"]] == [c["verdict"] for c in expected["claims"]]
    for claim in body["claims"]:
        assert body["text"][claim["start"] : claim["end"]] == claim["text"]
        for evidence in claim["evidence"]:
            if evidence["observation"]:
                assert evidence["source_id"] == real_ledger.observation(evidence["observation"])["source_id"]


@pytest.mark.parametrize(
    "payload,status,code",
    [
        ({"text": ""}, 422, "invalid_request"),
        ({"text": "x" * 50_001}, 413, "payload_too_large"),
        ({"text": ARTICLE, "lang": "fr"}, 422, "invalid_request"),
        ({"words": ARTICLE}, 422, "invalid_request"),
    ],
)
def test_claim_check_refuses_bad_input(client: TestClient, payload: dict[str, str], status: int, code: str) -> None:
    response = client.post("/api/claims/check", json=payload)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code


def test_claim_check_refuses_text_it_cannot_read(client: TestClient) -> None:
    response = client.post("/api/claims/check", json={"text": "Der Handel wuchs im Jahr 2024 kräftig."})
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert response.json()["error"]["code"] == "bad_request"


def test_people_endpoints_are_the_libraries(client: TestClient, real_ledger: Ledger) -> None:
    body = client.get("/api/people/figures").json()
    assert [f["observation_id"] for f in body] == [f.observation_id for f in figures.people_figures(real_ledger)]
    changes = client.get("/api/people/changes", params={"country": "KAZ"}).json()
    assert [c["indicator"] for c in changes] == [c.indicator for c in figures.since_summit(real_ledger, "KAZ")]
    assert all((c["change"] is None) == (c["change_unit"] is None) for c in changes), changes
    csv_text = client.get("/api/people/changes", params={"country": "KAZ", "format": "csv"}).content.decode("utf-8-sig")
    assert "change_unit" in csv_text.splitlines()[0]
    found = client.get("/api/people/institutions").json()
    assert [i["id"] for i in found] == [i["id"] for i in institutions.institutions(real_ledger).rows]
    visas = client.get("/api/people/visas").json()
    assert [v["id"] for v in visas] == [v["id"] for v in institutions.visa_events(real_ledger)]
    assert client.get("/api/people/figures", params={"country": "XXX"}).json()["error"]["code"] == "not_found"


def test_corridor_loads_are_the_libraries(client: TestClient, real_ledger: Ledger, real_settings: Settings) -> None:
    from caravan.corridors import loads

    net = network.load_network(real_ledger)
    expected = loads.corridor_loads(net, loads.load_volumes(real_settings.data), 2024).to_dict()
    body = client.get("/api/corridors/loads", params={"year": "2024"}).json()
    assert [c["unmet"] for c in body["corridors"]] == [c["unmet"] for c in expected["corridors"]]
    assert body["bottlenecks"] == expected["bottlenecks"]
    assert any(e["capacity"] is None and e["status"].startswith("capacity unknown") for e in body["elements"])
    closed = client.get("/api/corridors/loads", params={"year": "2024", "close": "rail.alashankou-dostyk"}).json()
    assert closed["before"]["bottlenecks"] == expected["bottlenecks"]
    assert not any(e["edge"] == "rail.alashankou-dostyk" for e in closed["elements"])
    assert {c["corridor"] for c in closed["changes"]} == {c["corridor"] for c in expected["corridors"]}
    bad = client.get("/api/corridors/loads", params={"corridor": "nowhere"})
    assert bad.status_code == 400 and "no corridor 'nowhere'" in bad.json()["error"]["message"]


@pytest.mark.parametrize(
    ("kind", "path", "params"),
    [
        ("route", "/api/routes", {"from": "city.urumqi", "to": "city.almaty", "alternatives": 1}),
        ("scenario", "/api/scenarios/compare", {"from": "city.urumqi", "to": "city.almaty", "close": "city.khorgos"}),
        ("loads", "/api/corridors/loads", {}),
    ],
)
def test_a_model_run_asked_through_the_api_is_recorded_once_per_question(
    real_settings: Settings, tmp_path: Path, kind: str, path: str, params: dict[str, object]
) -> None:
    # The same record the CLI writes (caravan.runs), under the question's content key: asked twice, one file.
    ledger = tmp_path / "caravan.duckdb"
    ledger.symlink_to(real_settings.ledger.resolve())
    settings = Settings(ledger=ledger, data=real_settings.data)
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        first = client.get(path, params=params)
        again = client.get(path, params=params)
    assert first.status_code == again.status_code == 200
    records = sorted((tmp_path / "caravan.duckdb.runs").glob(f"{kind}-*.json"))
    assert len(records) == 1, records
    record = read_run(records[0])
    assert record["kind"] == kind and record["inputs"]["ledger_build"]
    answer, kept = again.json(), record["result"]
    if kind == "route":  # the record keeps the planner's whole routes; the answer is the API's view of them
        assert [r["nodes"] for r in kept["routes"]] == [r["nodes"] for r in answer["routes"]]
    elif kind == "scenario":
        assert [r["before_route"] for r in kept] == [r["before_route"] for r in answer]
    else:
        assert {k: v for k, v in answer.items() if k in kept} == {k: v for k, v in kept.items() if k in answer}
        assert set(kept) & set(answer)


def test_a_server_that_cannot_record_a_run_still_plans(real_settings: Settings, tmp_path: Path) -> None:
    ledger = tmp_path / "caravan.duckdb"
    ledger.symlink_to(real_settings.ledger.resolve())
    (tmp_path / "caravan.duckdb.runs").write_text("a file where the runs folder would be", encoding="utf-8")
    with TestClient(create_app(Settings(ledger=ledger, data=real_settings.data))) as client:
        response = client.get("/api/routes", params={"from": "city.urumqi", "to": "city.almaty", "alternatives": 1})
    assert response.status_code == 200 and response.json()["routes"]


@pytest.mark.parametrize(
    ("path", "params", "status", "says"),
    [
        ("/api/routes", {"from": "Atlantis", "to": "city.almaty"}, 404, "Atlantis"),
        ("/api/routes", {"from": "city.urumqi", "to": "city.almaty", "year": 1990}, 400, "outside the network's range"),
        ("/api/scenarios/compare", {"from": "Urumqi", "to": "Almaty", "close": "crossing.nowhere"}, 404, "nowhere"),
        ("/api/scenarios/compare", {"from": "city.urumqi", "to": "city.almaty", "year": 2090}, 400, "outside"),
        ("/api/corridors/loads", {"close": "rail.nowhere"}, 404, "rail.nowhere"),
        ("/api/corridors/loads", {"close": "crossing.nowhere"}, 404, "crossing.nowhere"),
        ("/api/corridors/loads", {"year": 1990}, 400, "year 1990 is outside the network's range"),
        ("/api/corridors/loads", {"network_year": 2090}, 400, "year 2090 is outside the network's range"),
        ("/api/routes", {"from": "city.urumqi", "to": "Atlantis"}, 404, "did you mean"),
        ("/api/routes", {"from": "city.urumqi", "to": "city.almaty", "year": 2090}, 400, "outside the network's range"),
        ("/api/scenarios/compare", {"from": "Urumqi", "to": "Atlantis", "close": "city.khorgos"}, 404, "did you mean"),
        # Before, "no route" on both sides, answered 200 and recorded as a run.
        ("/api/scenarios/compare", {"from": "Almaty", "to": "Almaty", "close": "city.khorgos"}, 400, "the same place"),
        # Nothing closed or congested: before, a comparison of two identical networks, answered 200 and recorded.
        ("/api/scenarios/compare", {"from": "city.urumqi", "to": "city.almaty"}, 400, "changes nothing"),
        ("/api/scenarios/compare", {"from": "city.urumqi", "to": "city.almaty", "year": 2027}, 400, "changes nothing"),
    ],
)
def test_a_refused_question_is_answered_in_the_error_shape_and_not_recorded(
    real_settings: Settings, tmp_path: Path, path: str, params: dict[str, object], status: int, says: str
) -> None:
    # Issue 14, bad input: an unknown place, a crossing that does not exist, a year outside the network's range:
    # one clear message, and nothing recorded as a model run.
    ledger = tmp_path / "caravan.duckdb"
    ledger.symlink_to(real_settings.ledger.resolve())
    with TestClient(create_app(Settings(ledger=ledger, data=real_settings.data)), raise_server_exceptions=False) as c:
        response = c.get(path, params=params)
    assert response.status_code == status, response.text
    message = response.json()["error"]["message"]
    assert says in message and "\n" not in message, message
    runs = tmp_path / "caravan.duckdb.runs"
    assert not runs.exists() or not any(runs.iterdir()), "a refused question was recorded as a run"


def test_the_shares_endpoint_is_the_librarys(client: TestClient, real_ledger: Ledger) -> None:
    found = group_shares(real_ledger)
    body = client.get("/api/overview/shares", params={"lang": "ru"}).json()
    assert body["period"] == found.period and body["incomplete"] == found.incomplete
    assert [r["id"] for r in body["rows"]] == [r["id"] for r in found.rows]
    assert all(r["shown"] for r in body["rows"])
