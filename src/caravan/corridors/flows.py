"""Assigning annual flows onto the network within capacities, as a min-cost multicommodity flow.

A flows file (YAML) lists annual volumes by origin and destination::

    unit: train/year            # train/year or t/year
    tonnes_per_train: 1100      # optional: compares train flows with capacities stated in t/year
    modes: [rail, ferry]        # optional, default rail and ferry
    year: 2025                  # optional: the network of that year
    flows:
      - {from: Xi'an, to: Duisburg, volume: 3800}
      - {from: Chongqing, to: Almaty, volume: 500}

Each origin-destination pair is a commodity; the linear programme (solved by
HiGHS through `scipy.optimize.linprog`) minimises total hours (running time
plus dwell) times volume, keeps every edge within its cited capacity in each
direction, and routes what cannot fit to a costly "unmet" slack, which the
report shows. Edges with no cited capacity, or one in a unit the flows cannot
be compared with, are uncapacitated (and listed as such).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import numpy as np
import scipy.sparse as sp
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from scipy.optimize import linprog

from caravan.corridors.network import Network
from caravan.corridors.places import resolve_node
from caravan.corridors.route import MODES, arc_costs, check_year
from caravan.errors import InputError

# Hours charged per unit of demand left unmet: far above any route's hours.
UNMET_PENALTY = 1e6
BOTTLENECK = 0.9


class Flow(BaseModel):
    """One origin-destination volume."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    origin: str = Field(alias="from")
    destination: str = Field(alias="to")
    volume: Annotated[float, Field(gt=0)]


class FlowSet(BaseModel):
    """A flows file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    unit: str = "train/year"
    tonnes_per_train: Annotated[float, Field(gt=0)] | None = None
    modes: list[str] = Field(default_factory=lambda: ["rail", "ferry"])
    year: int | None = None
    flows: list[Flow]
    checksum: str = ""


def load_flows(path: Path) -> FlowSet:
    """Read and validate a flows file.

    Raises:
        InputError: Missing, not YAML, or malformed (one line naming the field).
    """
    try:
        raw = path.read_bytes()
        data = yaml.safe_load(raw.decode("utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read flows file {path}: {exc.strerror}") from exc
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise InputError(f"flows file {path}: not valid YAML") from exc
    if not isinstance(data, dict):
        raise InputError(f"flows file {path}: expected a mapping with unit and flows")
    try:
        flows = FlowSet.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ".".join(str(p) for p in err["loc"])
        raise InputError(f"flows file {path}: {loc}: {err['msg']}") from exc
    if flows.unit not in ("train/year", "t/year"):
        raise InputError(f"flows file {path}: unit must be train/year or t/year, not {flows.unit!r}")
    if not flows.flows:
        raise InputError(
            f"flows file {path}: flows: list at least one flow, e.g. - {{from: Xi'an, to: Duisburg, volume: 10}}"
        )
    bad = [m for m in flows.modes if m not in MODES]
    if bad or not flows.modes:
        what = f"unknown mode {bad[0]!r}" if bad else "no modes"
        raise InputError(f"flows file {path}: modes: {what}; choose from {', '.join(MODES)}")
    return flows.model_copy(update={"checksum": hashlib.sha256(raw).hexdigest()})


@dataclass
class Assignment:
    """Flows on edges, utilisation and what could not be carried."""

    edges: list[dict[str, Any]]
    unmet: list[dict[str, Any]]
    bottlenecks: list[str]
    uncapacitated: list[str] = field(default_factory=list)
    objective_hours: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "edges": self.edges,
            "unmet": self.unmet,
            "bottlenecks": self.bottlenecks,
            "uncapacitated": self.uncapacitated,
            "objective_hours": self.objective_hours,
        }


def _capacity_in(
    unit: str, edge_cap: float | None, edge_unit: str | None, tonnes_per_train: float | None
) -> float | None:
    """An edge's annual capacity in the flows' unit, or None when it cannot be compared."""
    if edge_cap is None or edge_unit is None:
        return None
    if edge_unit == unit:
        return edge_cap
    if unit == "train/year" and edge_unit == "t/year" and tonnes_per_train:
        return edge_cap / tonnes_per_train
    if unit == "t/year" and edge_unit == "train/year" and tonnes_per_train:
        return edge_cap * tonnes_per_train
    return None


@dataclass(frozen=True)
class Commodity:
    """One volume to carry: from an origin node to any of its destination nodes, by its modes."""

    name: str
    origin: int
    destinations: tuple[int, ...]
    volume: float
    unit: str
    modes: tuple[str, ...]
    banned: np.ndarray | None = None  # arcs this commodity may not use (an avoided country)


@dataclass
class Solution:
    """Per-commodity arc flows, unmet volumes, and the capacities that bound each arc."""

    arc_flow: list[np.ndarray]  # per commodity, one value per arc (2 per edge)
    unmet: list[float]
    caps: dict[int, dict[str, float]]  # arc -> {unit: capacity in that unit}
    objective_hours: float


def solve_flows(
    net: Network, commodities: list[Commodity], year: int | None, tonnes_per_train: float | None = None
) -> Solution:
    """Route every commodity at least total hours within the cited capacities, the rest unmet.

    A commodity reaches any of its destinations; an arc's capacity binds the sum of the
    commodities whose unit it can be compared with (`_capacity_in`), per direction.

    Raises:
        InputError: The solver fails (the message says why).
    """
    n, m_all = len(net.nodes), 2 * len(net.edges)
    if not commodities:
        return Solution([], [], {}, 0.0)
    blocks: list[tuple[np.ndarray, np.ndarray]] = []  # per commodity: usable arcs, their hours
    for k in commodities:
        costs = arc_costs(net, k.modes, year)
        usable = costs.usable & np.isfinite(costs.running + costs.dwell)
        if k.banned is not None:
            usable &= ~k.banned
        arcs = np.flatnonzero(usable)
        blocks.append((arcs, (costs.running + costs.dwell)[arcs]))
    offsets, nvar = [], 0
    for (arcs, _), k in zip(blocks, commodities, strict=True):
        offsets.append(nvar)
        nvar += len(arcs) + len(k.destinations) + 1  # arc flows, one sink per destination, the unmet slack
    c = np.zeros(nvar)
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    vals: list[np.ndarray] = []
    b_eq = np.zeros(len(commodities) * n)
    for idx, ((arcs, hours), k) in enumerate(zip(blocks, commodities, strict=True)):
        base, m, r0 = offsets[idx], len(arcs), idx * n
        c[base : base + m] = hours
        c[base + m + len(k.destinations)] = UNMET_PENALTY
        # Balance at each node: out - in + (sink at a destination) + (unmet at the origin) = volume at the origin.
        j = np.arange(m)
        rows += [r0 + net.arc_tail[arcs], r0 + net.arc_head[arcs]]
        cols += [base + j, base + j]
        vals += [np.ones(m), -np.ones(m)]
        dest = np.array(k.destinations, dtype=np.int64)
        rows += [r0 + dest, np.array([r0 + k.origin])]
        cols += [base + m + np.arange(len(dest)), np.array([base + m + len(dest)])]
        vals += [np.ones(len(dest)), np.ones(1)]
        b_eq[r0 + k.origin] = k.volume
    a_eq = sp.csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(len(b_eq), nvar))
    caps: dict[int, dict[str, float]] = {}
    units = sorted({k.unit for k in commodities})
    for arc in range(m_all):
        e = net.edges[arc // 2]
        for unit in units:
            cap = _capacity_in(unit, e.capacity, e.capacity_unit, tonnes_per_train)
            if cap is not None:
                caps.setdefault(arc, {})[unit] = cap
    cap_rows: list[int] = []
    cap_cols: list[int] = []
    cap_b: list[float] = []
    # One row per arc and unit: trains and tonnes on one arc are bound separately (no cited conversion).
    where = [{int(a): base + j for j, a in enumerate(arcs)} for (arcs, _), base in zip(blocks, offsets, strict=True)]
    for arc, by_unit in caps.items():
        for unit, cap in by_unit.items():
            members = [where[i][arc] for i, k in enumerate(commodities) if k.unit == unit and arc in where[i]]
            if not members:
                continue
            cap_rows += [len(cap_b)] * len(members)
            cap_cols += members
            cap_b.append(cap)
    a_ub = sp.csr_matrix((np.ones(len(cap_rows)), (cap_rows, cap_cols)), shape=(len(cap_b), nvar)) if cap_b else None
    result = linprog(
        c, A_ub=a_ub, b_ub=np.array(cap_b) if cap_b else None, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs"
    )
    if result.status != 0:
        raise InputError(f"the flow assignment failed: {result.message}")
    x = result.x
    arc_flow, unmet, served = [], [], 0.0
    for idx, ((arcs, hours), k) in enumerate(zip(blocks, commodities, strict=True)):
        base, m = offsets[idx], len(arcs)
        flow = np.zeros(m_all)
        flow[arcs] = x[base : base + m]
        arc_flow.append(flow)
        unmet.append(float(x[base + m + len(k.destinations)]))
        served += float(hours @ x[base : base + m])
    return Solution(arc_flow, unmet, caps, served)


def assign_flows(net: Network, flows: FlowSet) -> Assignment:
    """Assign the flows at least total hours within capacities; report utilisation and bottlenecks.

    Raises:
        NotFoundError: A place is not on the network.
        InputError: A flow's two ends are one place, the year is outside the network's range,
            or the solver fails (the message says why).
    """
    check_year(net, flows.year)
    modes = tuple(flows.modes)
    commodities = [
        Commodity(
            f"{f.origin}→{f.destination}",
            net.index[resolve_node(net, f.origin)],
            (net.index[resolve_node(net, f.destination)],),
            f.volume,
            flows.unit,
            modes,
        )
        for f in flows.flows
    ]
    same = [k.name for k in commodities if k.origin in k.destinations]
    if same:
        raise InputError(f"flow {same[0]}: origin and destination are the same place; give two places")
    solution = solve_flows(net, commodities, flows.year, flows.tonnes_per_train)
    usable = arc_costs(net, modes, flows.year).usable
    uncapacitated = [
        e.id
        for i, e in enumerate(net.edges)
        if e.capacity is not None
        and (usable[2 * i] or usable[2 * i + 1])
        and _capacity_in(flows.unit, e.capacity, e.capacity_unit, flows.tonnes_per_train) is None
    ]
    per_arc = np.sum(solution.arc_flow, axis=0) if commodities else np.zeros(2 * len(net.edges))
    edges_out: list[dict[str, Any]] = []
    bottlenecks: list[str] = []
    for i, e in enumerate(net.edges):
        for arc, direction in ((2 * i, f"{e.a}→{e.b}"), (2 * i + 1, f"{e.b}→{e.a}")):
            volume = float(per_arc[arc])
            if volume <= 1e-9:
                continue
            cap = solution.caps.get(arc, {}).get(flows.unit)
            util = volume / cap if cap else None
            edges_out.append(
                {
                    "edge": e.id,
                    "direction": direction,
                    "mode": e.mode,
                    "volume": round(volume, 2),
                    "capacity": round(cap, 2) if cap else None,
                    "utilisation": round(util, 3) if util is not None else None,
                }
            )
            if util is not None and util >= BOTTLENECK:
                bottlenecks.append(f"{e.id} ({direction}, {util:.0%})")
    unmet = [
        {"from": net.nodes[k.origin].name_en, "to": net.nodes[k.destinations[0]].name_en, "unmet": round(u, 2)}
        for k, u in zip(commodities, solution.unmet, strict=True)
        if u > 1e-6
    ]
    edges_out.sort(key=lambda r: -float(r["utilisation"] or 0))
    return Assignment(edges_out, unmet, bottlenecks, uncapacitated, round(solution.objective_hours, 1))
