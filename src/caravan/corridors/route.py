"""The route planner: distinct routes between two places by time, cost or CO2.

The network's edges become arcs with three weights: hours (running time plus
the dwell cited for the direction travelled), dollars for one consignment
(mode cost per km, or the edge's own price, plus a border fee where the
country changes) and kilograms of CO2 (distance x consignment tonnes x the
mode's factor).

Every border, port, ferry and break of gauge is a wait. Where the data cite
it, it counts (a cited headway, the interval between scheduled departures,
counts half its length on average and its whole length at worst); where they
do not, it is *unknown*: the route names it, and its
time becomes a range from the known waits up to the known waits plus, for each
unknown one, the largest wait of that kind cited anywhere on the network (a
break of gauge away from a border takes the mode's border waits, which include
gauge changes). The search ranks routes by the middle of that range, so an
uncited border never looks free and never counts as the worst one cited.
A change of mode between legs (other than onto a ferry or ship, whose port
wait is the ferry's own) is a transshipment; none is cited yet, so each is
named and leaves the range's upper end open. Alternatives come from a penalty search: each accepted route's
edges get dearer and the search runs again; a candidate counts as distinct
when it crosses borders at other points or shares at most 70 % of its
distance with every route already taken.
"""

from __future__ import annotations

import heapq
import itertools
import math
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

import numpy as np

from caravan.corridors.network import Edge, Network
from caravan.corridors.places import resolve_node, resolve_place
from caravan.corridors.shortest import EPSILON, CompiledGraph
from caravan.errors import InputError, NoRouteError

MODES = ("rail", "road", "ferry", "sea")
PENALTY = 1.8
MAX_OVERLAP = 0.7
# Layered networks up to this many nodes are searched with one plain Dijkstra (the curated one has ~350).
SMALL_BELOW = 20_000
# Penalty rounds in a row that find the very same path before the search for alternatives gives up.
SAME_PATH_ROUNDS = 3


TRANSSHIPMENT = "transshipment"


class Objective(StrEnum):
    """What a route minimises."""

    TIME = "time"
    COST = "cost"
    CO2 = "co2"


@dataclass(frozen=True)
class RouteQuery:
    """A route question: from, to, and the constraints."""

    origin: str
    destination: str
    via: tuple[str, ...] = ()
    avoid: tuple[str, ...] = ()
    modes: tuple[str, ...] = MODES
    objective: Objective = Objective.TIME
    alternatives: int = 1
    year: int | None = None

    def __post_init__(self) -> None:
        bad = [m for m in self.modes if m not in MODES]
        if bad:
            raise InputError(f"unknown mode {bad[0]!r}; choose from {', '.join(MODES)}")
        if not self.modes:
            raise InputError("no modes given; choose from " + ", ".join(MODES))
        if not 1 <= self.alternatives <= 20:
            raise InputError("alternatives must be between 1 and 20")
        if self.year is not None and not 1800 <= self.year <= 2100:
            raise InputError(f"year {self.year} is out of range")


@dataclass
class Leg:
    """One leg of a route, in the direction travelled."""

    edge: str
    origin: str
    destination: str
    mode: str
    length_km: float
    length_method: str
    running_h: float
    dwell_h: float
    cost_usd: float | None
    co2_kg: float | None
    gauge: str | None
    status: str
    opened: int | None
    sources: list[str]
    entity: str | None = None
    wait: str | None = None
    wait_known: bool = True


@dataclass
class UnknownWait:
    """A wait on the route that no source gives, and the largest cited wait of its kind."""

    kind: str
    at: str
    largest_cited_h: float | None


@dataclass
class Route:
    """A route with its totals (time, distance, borders, cost, CO2) and legs."""

    origin: str
    destination: str
    nodes: list[str]
    legs: list[Leg]
    distance_km: float
    running_h: float
    dwell_h: float
    total_h: float
    border_crossings: int
    borders: list[str]
    gauge_changes: int
    transshipments: int
    cost_usd: float
    cost_complete: bool
    co2_kg: float
    co2_complete: bool
    objective: str
    objective_value: float
    sources: list[str] = field(default_factory=list)
    unknown_waits: list[UnknownWait] = field(default_factory=list)
    total_high_h: float | None = None
    point_h: float | None = None

    @property
    def total_days(self) -> float:
        """Total time in days, with the known waits only (the low end of the range)."""
        return self.total_h / 24

    @property
    def total_days_high(self) -> float | None:
        """The range's upper end in days; None when an unknown wait has no cited wait of its kind."""
        return None if self.total_high_h is None else self.total_high_h / 24

    @property
    def point_days(self) -> float:
        """The time the search ranks by, in days: the middle of the range (see the module docstring)."""
        return (self.point_h if self.point_h is not None else self.total_h) / 24

    @property
    def time_text(self) -> str:
        """The time in days as a planner reads it: one figure, or a range over the unknown waits."""
        if not self.unknown_waits:
            return f"{self.total_days:.1f} days"
        high = self.total_days_high
        upper = f"{high:.1f}" if high is not None else "unknown"
        return f"{self.total_days:.1f}–{upper} days ({len(self.unknown_waits)} unknown waits)"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        out = asdict(self)
        out["total_days"] = round(self.total_days, 2)
        high = self.total_days_high
        out["total_days_high"] = None if high is None else round(high, 2)
        out["point_days"] = round(self.point_days, 2)
        return out


@dataclass
class ArcCosts:
    """Per-arc hours, dollars and kilograms, and which arcs are usable."""

    running: np.ndarray
    dwell: np.ndarray
    cost: np.ndarray
    cost_known: np.ndarray
    co2: np.ndarray
    co2_known: np.ndarray
    length: np.ndarray
    usable: np.ndarray
    dwell_known: np.ndarray
    unknown_h: np.ndarray
    wait_kinds: list[str | None]
    largest: dict[str, float]


def wait_kind(net: Network, edge: Edge) -> str | None:
    """What kind of wait an edge holds: a port (ferry or sea), a border (by mode), a break of gauge, or none."""
    if edge.mode in ("ferry", "sea"):
        return f"port ({edge.mode})"
    if net.node(edge.a).country != net.node(edge.b).country:
        return f"border ({edge.mode})"
    if edge.gauge_from is not None and edge.gauge_to is not None and edge.gauge_from != edge.gauge_to:
        return "gauge change"
    return None


def _cited_wait_hours(edge: Edge) -> list[float]:
    """The cited wait of each direction in hours, at the upper end of a published range.

    A cited headway adds its whole length: the longest wait for a departure is one interval.
    """
    out = []
    headway = edge.headway_h or 0.0
    for name, central in (("dwell", edge.dwell_h), ("dwell_back", edge.dwell_back_h)):
        fact = edge.facts.get(name) if edge.facts else None
        if fact and fact.get("high") is not None and central is not None and fact.get("value"):
            out.append(central * 2 * fact["high"] / (fact["value"] + fact["high"]) + headway)
        elif central is not None:
            out.append(central + headway)
    if edge.headway_h is not None and not out:
        out.append(headway)
    return out


def _bound(largest: dict[str, float], kind: str, mode: str) -> float | None:
    """The largest cited wait for an unknown one of `kind`: its own kind's, a gauge change the mode's border's."""
    if kind in largest:
        return largest[kind]
    if kind == "gauge change":
        return largest.get(f"border ({mode})")
    return None


def largest_waits(net: Network) -> dict[str, float]:
    """The largest cited wait of each kind on the whole network, in hours."""
    out: dict[str, float] = {}
    for e in net.edges:
        kind = wait_kind(net, e)
        if kind is not None:
            for hours in _cited_wait_hours(e):
                out[kind] = max(out.get(kind, 0.0), hours)
    return out


def is_open(edge: Edge, year: int | None) -> bool:
    """Whether an edge carries traffic in `year` (today's operating network when None)."""
    if year is None:
        return edge.status == "operating"
    if edge.status == "operating":
        return edge.opened is None or edge.opened <= year
    return edge.opened is not None and edge.opened <= year


def _consignment_t(net: Network, mode: str) -> float | None:
    own = net.factor(mode, "consignment_t")
    if own is not None:
        return own.value
    for m in MODES:
        f = net.factor(m, "consignment_t")
        if f is not None:
            return f.value
    return None


def arc_costs(net: Network, modes: tuple[str, ...] = MODES, year: int | None = None) -> ArcCosts:
    """Hours, dollars and CO2 of every arc (2 per edge), and which are usable.

    Computed once per network, modes and year (a network's edges do not change; scenarios make
    new networks); callers must not write into the arrays.
    """
    memo: dict[tuple[tuple[str, ...], int | None], ArcCosts] | None = getattr(net, "_arc_costs", None)
    if memo is None:
        memo = {}
        net._arc_costs = memo  # type: ignore[attr-defined]
    key = (tuple(modes), year)
    if key not in memo:
        memo[key] = _arc_costs(net, tuple(modes), year)
    return memo[key]


def _arc_costs(net: Network, modes: tuple[str, ...], year: int | None) -> ArcCosts:
    m = 2 * len(net.edges)
    running, dwell = np.full(m, np.inf), np.zeros(m)
    cost, co2 = np.zeros(m), np.zeros(m)
    cost_known, co2_known = np.ones(m, dtype=bool), np.ones(m, dtype=bool)
    length, usable = np.zeros(m), np.zeros(m, dtype=bool)
    dwell_known, unknown_h = np.ones(m, dtype=bool), np.zeros(m)
    largest = largest_waits(net)
    # An unknown wait of a kind none is cited for is ranked with the largest cited wait of any kind
    # (its range's upper end stays open).
    fallback = max(largest.values(), default=0.0)
    kinds: list[str | None] = []
    for i, e in enumerate(net.edges):
        km = e.length_km or 0.0
        speed = e.speed_kmh or (f.value if (f := net.factor(e.mode, "speed")) else None)
        hours = e.time_h if e.time_h is not None else (km / speed if speed else math.inf)
        per_km = net.factor(e.mode, "cost_per_km")
        fee = net.factor(e.mode, "border_cost")
        crosses = net.node(e.a).country != net.node(e.b).country
        if e.cost_usd is not None:
            price, known = e.cost_usd, True
        elif per_km is not None:
            price, known = km * per_km.value, True
        else:
            price, known = 0.0, False
        if crosses and e.cost_usd is None:
            if fee is not None:
                price += fee.value
            else:
                known = False
        factor, tonnes = net.factor(e.mode, "co2_per_tkm"), _consignment_t(net, e.mode)
        if factor is not None and tonnes is not None and e.length_km is not None:
            kg, kg_known = km * tonnes * factor.value / 1000, True
        else:
            kg, kg_known = 0.0, False
        ok = e.mode in modes and is_open(e, year) and math.isfinite(hours) and e.length_km is not None
        kind = wait_kind(net, e)
        kinds.append(kind)
        for j, forward in ((2 * i, True), (2 * i + 1, False)):
            running[j], dwell[j] = hours, e.dwell(forward)
            cost[j], cost_known[j], co2[j], co2_known[j] = price, known, kg, kg_known
            length[j], usable[j] = km, ok
            if kind is not None and not e.dwell_known(forward):
                dwell_known[j] = False
                bound = _bound(largest, kind, e.mode)
                unknown_h[j] = fallback if bound is None else bound
    return ArcCosts(
        running, dwell, cost, cost_known, co2, co2_known, length, usable, dwell_known, unknown_h, kinds, largest
    )


def _weights(costs: ArcCosts, objective: Objective) -> np.ndarray:
    if objective is Objective.TIME:
        w = costs.running + costs.dwell + costs.unknown_h / 2
    elif objective is Objective.COST:
        w = costs.cost.copy()
    else:
        w = costs.co2.copy()
    return np.where(costs.usable, w, np.inf)


def _describe(net: Network, nodes: list[int], arcs: list[int], costs: ArcCosts, objective: Objective) -> Route:
    legs: list[Leg] = []
    borders: list[str] = []
    gauge_changes = transshipments = 0
    last_gauge: int | None = None
    last_mode: str | None = None
    unknown: list[UnknownWait] = []
    for k, arc in enumerate(arcs):
        e = net.edges[arc // 2]
        forward = arc % 2 == 0
        tail, head = net.nodes[nodes[k]], net.nodes[nodes[k + 1]]
        entry, exit_ = e.gauges(forward)
        kind = costs.wait_kinds[arc // 2]
        if kind is not None and not costs.dwell_known[arc]:
            unknown.append(UnknownWait(kind, f"{tail.name_en}–{head.name_en}", _bound(costs.largest, kind, e.mode)))
        if last_mode is not None and e.mode != last_mode and not {e.mode, last_mode} & {"ferry", "sea"}:
            unknown.append(
                UnknownWait(f"{TRANSSHIPMENT} ({last_mode}→{e.mode})", tail.name_en, costs.largest.get(TRANSSHIPMENT))
            )
        if e.mode == "rail":
            if last_mode == "rail" and last_gauge is not None and entry is not None and entry != last_gauge:
                gauge_changes += 1
            if entry is not None and exit_ is not None and entry != exit_:
                gauge_changes += 1
            last_gauge = exit_
        if last_mode is not None and e.mode != last_mode:
            transshipments += 1
        last_mode = e.mode
        if tail.country != head.country:
            borders.append(f"{tail.country}→{head.country} ({tail.name_en}–{head.name_en}, {e.mode})")
        gauge = None if entry is None else (f"{entry}" if entry == exit_ else f"{entry}→{exit_}")
        legs.append(
            Leg(
                edge=e.id,
                origin=tail.id,
                destination=head.id,
                mode=e.mode,
                length_km=round(float(costs.length[arc]), 1),
                length_method=e.length_method or "reported",
                running_h=round(float(costs.running[arc]), 2),
                dwell_h=round(float(costs.dwell[arc]), 2),
                cost_usd=round(float(costs.cost[arc]), 2) if costs.cost_known[arc] else None,
                co2_kg=round(float(costs.co2[arc]), 2) if costs.co2_known[arc] else None,
                gauge=gauge,
                status=e.status,
                opened=e.opened,
                sources=list(e.sources),
                entity=e.entity,
                wait=kind,
                wait_known=bool(costs.dwell_known[arc]) if kind is not None else True,
            )
        )
    sel = np.array(arcs, dtype=np.int64)
    running = float(costs.running[sel].sum()) if len(sel) else 0.0
    dwell = float(costs.dwell[sel].sum()) if len(sel) else 0.0
    value = float(_weights(costs, objective)[sel].sum()) if len(sel) else 0.0
    if objective is Objective.TIME:
        value += sum(_transfer_hours(costs, a.mode, b.mode) for a, b in itertools.pairwise(legs) if a.mode != b.mode)
    modes_used = {leg.mode for leg in legs}
    factor_sources = [
        f.source
        for m in sorted(modes_used)
        for name in ("speed", "cost_per_km", "border_cost", "co2_per_tkm")
        if (f := net.factor(m, name)) is not None
    ]
    sources = list(dict.fromkeys([s for leg in legs for s in leg.sources] + factor_sources))
    extra = [u.largest_cited_h for u in unknown]
    high = None if any(h is None for h in extra) else running + dwell + sum(h for h in extra if h is not None)
    fallback = max(costs.largest.values(), default=0.0)
    point = running + dwell + sum((fallback if h is None else h) / 2 for h in extra)
    return Route(
        origin=net.nodes[nodes[0]].id,
        destination=net.nodes[nodes[-1]].id,
        nodes=[net.nodes[i].id for i in nodes],
        legs=legs,
        distance_km=round(float(costs.length[sel].sum()), 1) if len(sel) else 0.0,
        running_h=round(running, 2),
        dwell_h=round(dwell, 2),
        total_h=round(running + dwell, 2),
        border_crossings=len(borders),
        borders=borders,
        gauge_changes=gauge_changes,
        transshipments=transshipments,
        cost_usd=round(float(costs.cost[sel].sum()), 2) if len(sel) else 0.0,
        cost_complete=bool(costs.cost_known[sel].all()) if len(sel) else True,
        co2_kg=round(float(costs.co2[sel].sum()), 2) if len(sel) else 0.0,
        co2_complete=bool(costs.co2_known[sel].all()) if len(sel) else True,
        objective=objective.value,
        objective_value=round(value, 3),
        sources=sources,
        unknown_waits=unknown,
        total_high_h=None if high is None else round(high, 2),
        point_h=round(point, 2),
    )


def _avoid_mask(net: Network, query: RouteQuery, stops: list[int]) -> np.ndarray:
    """Arcs that touch an avoided node or country."""
    banned = np.zeros(len(net.nodes), dtype=bool)
    for text in query.avoid:
        place = resolve_place(net, text)
        if place.country is not None:
            hit = [i for i, n in enumerate(net.nodes) if n.country == place.country]
            label = place.country
        else:
            assert place.node is not None
            hit, label = [net.index[place.node]], net.node(place.node).name_en
        for i in hit:
            if i in stops:
                raise InputError(
                    f"cannot avoid {label}: {net.nodes[i].name_en} is the origin, destination or a via point"
                )
            banned[i] = True
    return banned[net.arc_tail] | banned[net.arc_head]


def check_year(net: Network, year: int | None) -> None:
    """Refuse a network year outside the years the network's cited openings describe.

    Raises:
        InputError: The year is before the earliest cited opening or after the latest planned one.
    """
    low, high = net.years()
    if year is not None and ((low is not None and year < low) or (high is not None and year > high)):
        raise InputError(
            f"year {year} is outside the network's range {low or '…'}–{high or '…'} "
            "(its earliest cited opening of a line in service to its latest planned one); give a year in that range"
        )


@dataclass
class _Layered:
    """The network with one copy of each node per mode, so that a change of mode is an arc with a weight.

    Copy `n * len(MODES) + k` is node n reached by mode k; node `hub + n` is n itself, joined to its
    copies at no cost, where a route starts, stops or ends. An arc of mode k joins the mode-k copies
    of its ends; a transshipment joins two copies of one node.
    """

    tail: np.ndarray
    head: np.ndarray
    arc_of: np.ndarray  # the network arc an arc stands for, -1 - (i * len(MODES) + j) for a change of mode, or -100
    hub: int
    n: int
    hub_out: np.ndarray  # [node, mode]: position of the arc from the node's hub to its mode copy
    hub_in: np.ndarray  # [node, mode]: position of the arc from the mode copy to the hub


def _layered(net: Network) -> _Layered:
    """The layered arcs of a network, built once per network (scenarios make new networks)."""
    cached: _Layered | None = getattr(net, "_layered", None)
    if cached is not None:
        return cached
    k = len(MODES)
    n = len(net.nodes)
    mode_index = np.array([MODES.index(net.edges[a // 2].mode) for a in range(2 * len(net.edges))], dtype=np.int64)
    tails = [net.arc_tail * k + mode_index]
    heads = [net.arc_head * k + mode_index]
    arc_of = [np.arange(2 * len(net.edges), dtype=np.int64)]
    nodes = np.arange(n, dtype=np.int64)
    # A node changes between the modes it has edges of, and only those: a free change onto a ferry
    # cannot then be a way round the weight of a change from rail to road where no ferry calls.
    present = np.zeros((n, k), dtype=bool)
    present[net.arc_tail, mode_index] = True
    for i in range(k):
        for j in range(k):
            if i != j:
                at = np.flatnonzero(present[:, i] & present[:, j])
                tails.append(at * k + i)
                heads.append(at * k + j)
                arc_of.append(np.full(len(at), -1 - (i * k + j), dtype=np.int64))
    hub = n * k
    offset = sum(len(t) for t in tails)
    hub_out = np.empty((n, k), dtype=np.int64)
    hub_in = np.empty((n, k), dtype=np.int64)
    for i in range(k):
        tails += [hub + nodes, nodes * k + i]
        heads += [nodes * k + i, hub + nodes]
        arc_of += [np.full(n, -100, dtype=np.int64), np.full(n, -100, dtype=np.int64)]
        hub_out[:, i] = offset + 2 * i * n + nodes
        hub_in[:, i] = offset + 2 * i * n + n + nodes
    lay = _Layered(np.concatenate(tails), np.concatenate(heads), np.concatenate(arc_of), hub, hub + n, hub_out, hub_in)
    net._layered = lay  # type: ignore[attr-defined]
    return lay


def _small_shortest(lay: _Layered, weights: np.ndarray, source: int, target: int) -> list[int] | None:
    """The arcs of a shortest path on a small layered network, with one plain Dijkstra in Python.

    For a few thousand arcs this is quicker than a `CompiledGraph`, and than importing scipy
    (about a quarter of a second, most of `caravan route`'s start). Parallel arcs keep the
    cheapest; every arc weighs EPSILON more, as in `CompiledGraph`, so of two paths of equal
    weight the one with fewer arcs wins.
    """
    finite = np.flatnonzero(np.isfinite(weights))
    order = finite[np.argsort(weights[finite], kind="stable")]
    keys = lay.tail[order] * lay.n + lay.head[order]
    _unique, first = np.unique(keys, return_index=True)
    keep = order[first]  # one arc per (tail, head), in order of tail
    tails = lay.tail[keep]
    starts: list[int] = np.searchsorted(tails, np.arange(lay.n + 1)).tolist()
    heads: list[int] = lay.head[keep].tolist()
    cost: list[float] = (weights[keep] + EPSILON).tolist()
    best = {source: 0.0}
    via: dict[int, int] = {}  # node -> position of the arc that reaches it
    done: set[int] = set()
    queue = [(0.0, source)]
    while queue:
        d, u = heapq.heappop(queue)
        if u == target:
            break
        if u in done:
            continue
        done.add(u)
        for j in range(starts[u], starts[u + 1]):
            v, dv = heads[j], d + cost[j]
            if dv < best.get(v, math.inf):
                best[v] = dv
                via[v] = j
                heapq.heappush(queue, (dv, v))
    else:
        return None
    path = []
    node = target
    while node != source:
        j = via[node]
        path.append(int(keep[j]))
        node = int(tails[j])
    path.reverse()
    return path


def _transfer_hours(costs: ArcCosts, a: str, b: str) -> float:
    """What a change of mode from a to b weighs in the search: none onto or off a ferry or ship."""
    if {a, b} & {"ferry", "sea"}:
        return 0.0
    bound = costs.largest.get(TRANSSHIPMENT)
    return (bound if bound is not None else max(costs.largest.values(), default=0.0)) / 2


def _path(
    net: Network, weights: np.ndarray, stops: list[int], transfer: np.ndarray | None = None
) -> tuple[list[int], list[int]] | None:
    """The best path through the stops in order, never passing a node twice.

    Each leg between stops is a shortest path on the layered network (a change of mode costs
    `transfer[i * len(MODES) + j]`), so it has no repeated node; with via points, the nodes of
    the legs already taken, and the other stops, are closed to each leg. Where a leg finds no
    path because an earlier leg took a node it needs, the earlier leg is searched once more with
    the nodes of this leg's own best path closed, and this leg again after it.
    """
    lay = _layered(net)
    k = len(MODES)
    w = np.zeros(len(lay.arc_of))
    real = lay.arc_of >= 0
    w[real] = weights[lay.arc_of[real]]
    change = (lay.arc_of < 0) & (lay.arc_of > -100)
    pair = -1 - lay.arc_of[change]
    w[change] = transfer[pair] if transfer is not None else 0.0
    w[lay.arc_of == -100] = np.inf
    original = np.where(lay.tail < lay.hub, lay.tail // k, lay.tail - lay.hub)
    original_h = np.where(lay.head < lay.hub, lay.head // k, lay.head - lay.hub)

    def leg(a: int, b: int, closed: list[int]) -> list[int] | None:
        # Only this leg's two hubs are open: the route leaves a's and arrives at b's.
        leg_w = w.copy()
        leg_w[lay.hub_out[a]] = 0.0
        leg_w[lay.hub_in[b]] = 0.0
        if len(stops) > 2:
            used = np.zeros(len(net.nodes), dtype=bool)
            used[closed] = True
            used[stops] = True
            used[[a, b]] = False
            leg_w = np.where(used[original] | used[original_h], np.inf, leg_w)
        if lay.n <= SMALL_BELOW:
            found_arcs = _small_shortest(lay, leg_w, lay.hub + a, lay.hub + b)
        else:
            found = CompiledGraph(lay.n, lay.tail, lay.head, leg_w).shortest_path(lay.hub + a, lay.hub + b)
            found_arcs = None if found is None else list(found.arcs)
        if found_arcs is None:
            return None
        return [int(lay.arc_of[x]) for x in found_arcs if lay.arc_of[x] >= 0]

    def heads(arcs: list[int]) -> list[int]:
        return [int(net.arc_head[x]) for x in arcs]

    legs: list[list[int]] = []
    pairs = list(itertools.pairwise(stops))
    for i, (a, b) in enumerate(pairs):
        done = [stops[0]] + [n for taken in legs for n in heads(taken)]
        taken = leg(a, b, done)
        if taken is None and legs:
            alone = leg(a, b, [])
            if alone is None:
                return None
            needed = [n for n in heads(alone) if n != b]
            before = [stops[0]] + [n for t in legs[:-1] for n in heads(t)]
            again = leg(pairs[i - 1][0], pairs[i - 1][1], before + needed)
            if again is None:
                return None
            legs[-1] = again
            done = [stops[0]] + [n for t in legs for n in heads(t)]
            taken = leg(a, b, done)
        if taken is None:
            return None
        legs.append(taken)
    arcs = [x for taken in legs for x in taken]
    return [stops[0], *heads(arcs)], arcs


def _edges_of(arcs: list[int]) -> set[int]:
    return {a // 2 for a in arcs}


def _border_edges(net: Network, arcs: list[int]) -> tuple[int, ...]:
    out = []
    for a in arcs:
        e = net.edges[a // 2]
        if net.node(e.a).country != net.node(e.b).country:
            out.append(a // 2)
    return tuple(out)


def _distinct(net: Network, costs: ArcCosts, arcs: list[int], taken: list[list[int]]) -> bool:
    mine = _edges_of(arcs)
    length = {a // 2: float(costs.length[a]) for a in arcs}
    total = sum(length.values()) or 1.0
    for other in taken:
        if _border_edges(net, arcs) != _border_edges(net, other):
            continue
        shared = sum(length[e] for e in mine & _edges_of(other))
        if shared / total > MAX_OVERLAP:
            return False
    return True


def plan_routes(net: Network, query: RouteQuery) -> list[Route]:
    """Up to `query.alternatives` distinct routes, best first by the objective.

    Raises:
        NotFoundError: A place is not on the network.
        InputError: The question is bad (same place twice, a year outside the network's range).
        NoRouteError: The constraints leave no route (the message names them).
    """
    stops = [net.index[resolve_node(net, t)] for t in (query.origin, *query.via, query.destination)]
    if len(set(stops)) < 2:
        raise InputError("origin and destination are the same place")
    if len(set(stops)) < len(stops):
        raise InputError("a place is given twice among origin, via and destination; a route visits each place once")
    check_year(net, query.year)
    costs = arc_costs(net, query.modes, query.year)
    banned = _avoid_mask(net, query, stops)
    base = np.where(banned, np.inf, _weights(costs, query.objective))
    transfer = np.array(
        [
            _transfer_hours(costs, a, b) if query.objective is Objective.TIME and a != b else 0.0
            for a in MODES
            for b in MODES
        ]
    )
    found = _path(net, base, stops, transfer)
    if found is None:
        parts = [f"modes {','.join(query.modes)}"]
        if query.year is not None:
            parts.append(f"the network of {query.year}")
        if query.avoid:
            parts.append(f"avoiding {', '.join(query.avoid)}")
        if query.via:
            parts.append(f"via {', '.join(query.via)} without passing a place twice")
        raise NoRouteError(
            f"no route from {net.nodes[stops[0]].name_en} to {net.nodes[stops[-1]].name_en} with "
            + "; ".join(parts)
            + "; drop a constraint or add modes"
        )
    taken = [found[1]]
    routes = [_describe(net, found[0], found[1], costs, query.objective)]
    weights = base.copy()
    last = found[1]
    tries = repeats = 0
    # Stop when the penalties keep finding the same path: the network offers no other one.
    while len(routes) < query.alternatives and tries < 6 * query.alternatives and repeats < SAME_PATH_ROUNDS:
        tries += 1
        for arc in last:
            edge = arc // 2
            weights[2 * edge] *= PENALTY
            weights[2 * edge + 1] *= PENALTY
        nxt = _path(net, weights, stops, transfer)
        if nxt is None:
            break
        repeats = repeats + 1 if nxt[1] == last else 0
        last = nxt[1]
        if _distinct(net, costs, nxt[1], taken):
            taken.append(nxt[1])
            routes.append(_describe(net, nxt[0], nxt[1], costs, query.objective))
    return sorted(routes, key=lambda r: r.objective_value)


def route_or_none(net: Network, query: RouteQuery) -> list[Route]:
    """Like `plan_routes`, but an empty list when no route exists (scenario comparisons).

    Only "no route" becomes the empty list: an unknown place, a place given twice or a year
    outside the network's range still raise, so a bad question is never compared as "no route".
    """
    try:
        return plan_routes(net, query)
    except NoRouteError:
        return []
