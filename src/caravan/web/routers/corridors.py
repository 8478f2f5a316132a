"""Corridors: the network, the route planner and scenario comparisons (from `caravan.corridors`)."""

from __future__ import annotations

import threading
from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from caravan.corridors.loads import corridor_loads, load_volumes, scenario_loads
from caravan.corridors.network import load_network
from caravan.corridors.route import Objective, RouteQuery, plan_routes
from caravan.corridors.scenario import compare, scenario_from_flags
from caravan.corridors.seaways import drawing_sources, leg_path, seaways
from caravan.web.deps import LedgerDep, record_model_run
from caravan.web.models import CorridorLoads, DrawingSource, Network, RoutePlan, ScenarioComparison
from caravan.web.tables import FormatQuery, TableFormat, csv_response

router = APIRouter(prefix="/api", tags=["corridors"])
_lock = threading.Lock()


def network_of(request: Request, ledger: Any) -> Any:
    """The network of the build this request reads, loaded once per build (a build never changes)."""
    build = ledger.meta.get("build_id")
    state = request.app.state
    held = getattr(state, "network", None)
    if held is None or held[0] != build:
        with _lock:
            held = getattr(state, "network", None)
            if held is None or held[0] != build:
                held = (build, load_network(ledger))
                state.network = held
    return held[1]


def _coords(net: Any, *node_ids: str) -> list[list[float]] | None:
    points = []
    for node_id in node_ids:
        node = net.node(node_id)
        if node.lon is None or node.lat is None:
            return None
        points.append([node.lon, node.lat])
    return points


@router.get("/network", response_model=Network)
def network(
    request: Request,
    ledger: LedgerDep,
    mode: Annotated[
        str | None, Query(max_length=100, description="Only edges of this mode (rail, road, ferry, sea).")
    ] = None,
) -> Any:
    """The multimodal network: nodes with coordinates, edges with mode, status and sources, and its years.

    Sea and ferry edges carry the path the map draws along the sea (`caravan.corridors.seaways`).
    """
    net = network_of(request, ledger)
    ways = seaways(net, request.app.state.settings.data)
    nodes = [asdict(n) for n in net.nodes]
    edges = [
        {
            "id": e.id,
            "source": e.a,
            "target": e.b,
            "mode": e.mode,
            "status": e.status,
            "length_km": e.length_km,
            "opened": e.opened,
            "sources": list(e.sources),
            "coords": _coords(net, e.a, e.b),
            "path": ways[e.id].path if e.id in ways else None,
            "drawn_km": ways[e.id].drawn_km if e.id in ways else None,
        }
        for e in net.edges
        if mode is None or e.mode == mode
    ]
    first, last = net.years()
    return {"nodes": nodes, "edges": edges, "years": {"first": first, "last": last}}


@router.get("/network/drawing", response_model=list[DrawingSource])
def network_drawing() -> Any:
    """What the map's sea and ferry lines are drawn from: the searoute library and the network it credits."""
    return [asdict(s) for s in drawing_sources()]


@router.get("/routes", response_model=RoutePlan)
def routes(
    request: Request,
    ledger: LedgerDep,
    origin: Annotated[
        str, Query(alias="from", max_length=100, description="Origin: node id or a place name in en/zh/ru.")
    ],
    destination: Annotated[str, Query(alias="to", max_length=100, description="Destination: node id or place name.")],
    via: Annotated[list[str], Query(max_length=5, description="Places the route must pass.")] = [],  # noqa: B006
    avoid: Annotated[list[str], Query(max_length=10, description="Places or edges to avoid.")] = [],  # noqa: B006
    modes: Annotated[str | None, Query(max_length=100, description="Comma-separated modes, e.g. `rail,road`.")] = None,
    objective: Annotated[str, Query(pattern="^(time|cost|co2)$", description="What to minimise.")] = "time",
    alternatives: Annotated[int, Query(ge=1, le=5, description="How many distinct routes.")] = 3,
    year: Annotated[int | None, Query(ge=1800, le=2100, description="The network as of this year.")] = None,
) -> Any:
    """Distinct routes between two places, best first, each leg with its mode, time and sources."""
    net = network_of(request, ledger)
    query_args: dict[str, Any] = {
        "origin": origin,
        "destination": destination,
        "via": tuple(via),
        "avoid": tuple(avoid),
        "objective": Objective(objective),
        "alternatives": alternatives,
        "year": year,
    }
    if modes:
        query_args["modes"] = tuple(m.strip() for m in modes.split(",") if m.strip())
    found = plan_routes(net, RouteQuery(**query_args))
    ways = seaways(net, request.app.state.settings.data)
    out = []
    for route in found:
        row = route.to_dict()
        for leg in row["legs"]:
            leg["coords"] = _coords(net, leg["origin"], leg["destination"])
            leg["path"], leg["drawn_km"] = leg_path(ways, leg["edge"], leg["origin"], net)
        out.append(row)
    answer = {"origin": origin, "destination": destination, "objective": objective, "routes": out}
    record_model_run(request, ledger, "route", {**query_args, "objective": objective}, answer)
    return answer


@router.get("/scenarios/compare", response_model=list[ScenarioComparison])
def compare_scenario(
    request: Request,
    ledger: LedgerDep,
    origin: Annotated[str, Query(alias="from", max_length=100, description="Origin place.")],
    destination: Annotated[str, Query(alias="to", max_length=100, description="Destination place.")],
    close: Annotated[list[str], Query(max_length=10, description="Edges or places closed in the scenario.")] = [],  # noqa: B006
    congest: Annotated[
        list[str], Query(max_length=10, description="`ID=HOURS`: extra dwell at an edge or place.")
    ] = [],  # noqa: B006
    year: Annotated[int | None, Query(ge=1800, le=2100, description="The network as of this year.")] = None,
    fmt: FormatQuery = TableFormat.JSON,
) -> Any:
    """The best route before and after a scenario (closures, congestion, a year's network), side by side."""
    net = network_of(request, ledger)
    scenario = scenario_from_flags(close=tuple(close), congest=tuple(congest), year=year)
    rows = compare(
        net, scenario, [(origin, destination)], RouteQuery(origin=origin, destination=destination, year=year)
    )
    record_model_run(
        request, ledger, "scenario", {"pairs": [[origin, destination]], "scenario": scenario.model_dump()}, rows
    )
    if fmt.download:
        columns = [field.alias or name for name, field in ScenarioComparison.model_fields.items()]
        return csv_response(rows, "scenario", columns)
    return rows


@router.get("/corridors/loads", response_model=CorridorLoads)
def loads(
    request: Request,
    ledger: LedgerDep,
    year: Annotated[int | None, Query(ge=1800, le=2100, description="Volumes and network of this year.")] = None,
    network_year: Annotated[
        int | None, Query(ge=1800, le=2100, description="The network of this year; the volumes stay those of `year`.")
    ] = None,
    corridor: Annotated[list[str], Query(max_length=10, description="Only these corridors.")] = [],  # noqa: B006
    close: Annotated[list[str], Query(max_length=10, description="Edges or places closed in a scenario.")] = [],  # noqa: B006
) -> Any:
    """The corridors' cited annual volumes on the network: load, capacity, utilisation, bottlenecks and unmet."""
    net = network_of(request, ledger)
    volumes = load_volumes(request.app.state.settings.data)
    scenario = scenario_from_flags(close=tuple(close)) if close else None
    if scenario is None:
        result = corridor_loads(net, volumes, year, tuple(corridor), network_year=network_year).to_dict()
    else:
        result = scenario_loads(net, volumes, scenario, year, tuple(corridor), network_year=network_year)
    parameters = {
        "year": year,
        "network_year": network_year,
        "corridors": list(corridor),
        "scenario": scenario.model_dump() if scenario else None,
    }
    record_model_run(request, ledger, "loads", parameters, result)
    return result
