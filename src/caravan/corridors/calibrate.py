"""The planner against published end-to-end journeys (`data/network/journeys.yaml`).

Each journey is what an operator, a government or the press says a train, truck or
ship took (or is scheduled to take) between two places. The planner plans the same
trip (its modes, the via points that are places on the network, the network of the
journey's year) and the two times are compared. The model's speeds and waits come
from cited segment figures only; nothing here feeds back into them.

A model time is a range where waits are unknown (see `caravan.corridors.route`);
its point is the middle of that range, the time the search ranks by (an unknown
wait of a kind no source gives counts half the largest cited wait of any kind).
A journey outside its range carries `explained`: why the model misses it, found by
reading the route against the sources (a wait no source gives, a country average where
the train had its own schedule, a route the train did not take); `unexplained` lists
those that do not.

A journey is *inside* when that point lies in the published range: a time printed
as whole days stands for half a day either side; "more than" (bound: lower) and
"less than" (bound: upper) are open on one side. The error is the point against
the middle of the published range, as a share of it; against a bound ("more than
20 days") only the part that breaks the bound counts.
"""

from __future__ import annotations

import statistics
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from caravan.corridors.network import Network
from caravan.corridors.places import fold, resolve_node
from caravan.corridors.route import MODES, Route, RouteQuery, plan_routes
from caravan.errors import CaravanError, DataError
from caravan.sources.network import PublishedFigure
from caravan.sources.yamlfile import read_models

JOURNEYS_FILE = Path("network") / "journeys.yaml"


class Place(BaseModel):
    """An end or a via point of a journey, as the source names it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    node: str | None = None
    lon: float | None = None
    lat: float | None = None
    geonameid: int | None = None


class Journey(BaseModel):
    """One published journey."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, Field(pattern=r"^j\.[a-z0-9.\-]+$")]
    origin: Place
    destination: Place
    via: list[Place] = Field(default_factory=list)
    modes: str
    year: Annotated[int, Field(ge=1990, le=2100)]
    kind: str
    time: PublishedFigure
    distance: PublishedFigure | None = None
    operator: str | None = None
    note: str | None = None
    explained: str | None = None  # why the model misses this journey, researched and written by hand

    def mode_tuple(self) -> tuple[str, ...]:
        """The planner's modes for the journey's `rail+ferry` style modes."""
        return tuple(m for m in self.modes.split("+") if m)


def load_journeys(data: Path) -> list[Journey]:
    """The published journeys of a curated data folder ([] when it has none).

    Raises:
        DataError: The file is not YAML or a journey is malformed (file, journey and field named).
    """
    path = data / JOURNEYS_FILE
    out = []
    for line, journey in read_models(path, Journey, "journeys"):
        bad = [m for m in journey.mode_tuple() if m not in MODES]
        if bad:
            raise DataError(str(path), f"line {line} ({journey.id})", f"unknown mode {bad[0]!r}; use {'+'.join(MODES)}")
        out.append(journey)
    ids = [j.id for j in out]
    if len(set(ids)) < len(ids):
        dup = next(x for x in ids if ids.count(x) > 1)
        raise DataError(str(path), dup, "journey id given twice")
    return out


@dataclass
class JourneyResult:
    """One journey, published against model."""

    id: str
    kind: str
    origin: str
    destination: str
    modes: str
    year: int
    network_year: int | None
    published_days: str
    published_source: str
    model_days: float | None = None
    model_days_high: float | None = None
    model_point_days: float | None = None
    error_pct: float | None = None
    inside: bool | None = None
    published_km: float | None = None
    model_km: float | None = None
    distance_error_pct: float | None = None
    route: str | None = None
    unknown_waits: int = 0
    why: str = ""
    explained: str = ""

    def row(self) -> dict[str, Any]:
        """A flat row for tables, CSV and JSON."""
        return asdict(self)


@dataclass
class RouteEvaluation:
    """Every journey's comparison and the summary."""

    results: list[JourneyResult]
    median_abs_error_pct: float | None
    modelled: int
    inside: int
    outside: list[str] = field(default_factory=list)
    not_modelled: list[str] = field(default_factory=list)
    unexplained: list[str] = field(default_factory=list)

    def rows(self) -> list[dict[str, Any]]:
        """One row per journey."""
        return [r.row() for r in self.results]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "journeys": self.rows(),
            "median_abs_error_pct": self.median_abs_error_pct,
            "modelled": self.modelled,
            "inside": self.inside,
            "outside": self.outside,
            "not_modelled": self.not_modelled,
            "unexplained": self.unexplained,
        }


def _printed(f: PublishedFigure) -> str:
    text = f"{f.value:g}" + (f"–{f.high:g}" if f.high is not None else "") + f" {f.unit}"
    return {"lower": "over ", "upper": "under "}.get(f.bound or "", "") + text


def _exact_names(net: Network) -> dict[str, str]:
    return {fold(name): n.id for n in net.nodes for name in (n.id, n.name_en, n.name_zh, n.name_ru) if name is not None}


def _node_of(net: Network, place: Place) -> str | None:
    """The network node a journey end is: its `node`, or the node whose name it is exactly (no fuzzy match)."""
    if place.node:
        return place.node if place.node in net.index else None
    return _exact_names(net).get(fold(place.name))


def _via_nodes(net: Network, journey: Journey) -> tuple[str, ...]:
    """The via points that name a place on the network exactly (countries and seas are left out)."""
    names = _exact_names(net)
    out = []
    for v in journey.via:
        node = v.node or names.get(fold(v.name))
        if (
            node
            and node in net.index
            and node not in (_node_of(net, journey.origin), _node_of(net, journey.destination))
        ):
            out.append(node)
    return tuple(dict.fromkeys(out))


def _why(net: Network, journey: Journey, route: Route, via: tuple[str, ...], inside: bool, point: float) -> str:
    """Why the model lands where it does: direction of a miss, uncited waits and their bounds, unplaced via points."""
    parts = []
    if not inside:
        parts.append("model slower" if point > journey.time.middle("day") else "model faster")
    if route.unknown_waits:
        bounds: dict[str, float | None] = {}
        for u in route.unknown_waits:
            bounds[u.kind] = u.largest_cited_h
        parts.append(
            f"{len(route.unknown_waits)} waits uncited: "
            + ", ".join(f"{k} (bound {'none cited' if h is None else f'{h:g} h'})" for k, h in bounds.items())
        )
    placed = {net.node(n).name_en for n in via}
    unplaced = [v.name for v in journey.via if v.name not in placed and not (v.node and v.node in via)]
    if unplaced:
        parts.append("via not on the network: " + ", ".join(unplaced))
    return "; ".join(parts)


def _error(published: PublishedFigure, point: float) -> float:
    """The model point's error as a share of the published time; against a bound, only a violation counts."""
    figure = published.middle("day")
    if published.bound == "lower":
        return min(0.0, point - figure) / figure
    if published.bound == "upper":
        return max(0.0, point - figure) / figure
    return (point - figure) / figure


def evaluate_journey(net: Network, journey: Journey) -> JourneyResult:
    """One journey: plan the same trip and compare times and distances."""
    low_year, high_year = net.years()
    year = journey.year
    if low_year is not None:
        year = max(year, low_year)
    if high_year is not None:
        year = min(year, high_year)
    result = JourneyResult(
        id=journey.id,
        kind=journey.kind,
        origin=journey.origin.name,
        destination=journey.destination.name,
        modes=journey.modes,
        year=journey.year,
        network_year=year,
        published_days=_printed(journey.time),
        published_source=journey.time.source,
        published_km=round(journey.distance.middle("km"), 1) if journey.distance else None,
        explained=journey.explained or "",
    )
    ends = [_node_of(net, p) for p in (journey.origin, journey.destination)]
    missing = [p.name for p, node in zip((journey.origin, journey.destination), ends, strict=True) if node is None]
    if missing:
        result.why = f"not on the network: {', '.join(missing)}"
        return result
    assert ends[0] is not None and ends[1] is not None
    via = _via_nodes(net, journey)
    query = RouteQuery(
        resolve_node(net, ends[0]),
        resolve_node(net, ends[1]),
        via=via,
        modes=journey.mode_tuple(),
        year=year,
    )
    try:
        route = plan_routes(net, query)[0]
    except CaravanError as exc:
        result.why = f"no route: {exc}"
        return result
    low, high, point = route.total_days, route.total_days_high, route.point_days
    pub_low, pub_high = journey.time.span("day", whole=0.5 if journey.time.unit.startswith("d") else 0.0)
    inside = (pub_low is None or point >= pub_low) and (pub_high is None or point <= pub_high)
    result.model_days = round(low, 2)
    result.model_days_high = None if high is None else round(high, 2)
    result.model_point_days = round(point, 2)
    result.error_pct = round(100 * _error(journey.time, point), 1)
    result.inside = inside
    result.model_km = route.distance_km
    if result.published_km:
        result.distance_error_pct = round(100 * (route.distance_km - result.published_km) / result.published_km, 1)
    result.route = " > ".join(net.node(n).name_en for n in route.nodes)
    result.unknown_waits = len(route.unknown_waits)
    result.why = _why(net, journey, route, via, inside, point)
    return result


def evaluate_routes(net: Network, journeys: list[Journey]) -> RouteEvaluation:
    """Every journey against the planner, and the median absolute error of the time."""
    results = [evaluate_journey(net, j) for j in journeys]
    errors = [abs(r.error_pct) for r in results if r.error_pct is not None]
    modelled = [r for r in results if r.inside is not None]
    return RouteEvaluation(
        results=results,
        median_abs_error_pct=round(statistics.median(errors), 1) if errors else None,
        modelled=len(modelled),
        inside=sum(1 for r in modelled if r.inside),
        outside=[r.id for r in modelled if not r.inside],
        not_modelled=[r.id for r in results if r.inside is None],
        unexplained=[r.id for r in modelled if not r.inside and not r.explained],
    )
