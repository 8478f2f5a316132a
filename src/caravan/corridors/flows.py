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
from caravan.corridors.route import arc_costs
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


def assign_flows(net: Network, flows: FlowSet) -> Assignment:
    """Assign the flows at least total hours within capacities; report utilisation and bottlenecks.

    Raises:
        NotFoundError: A place is not on the network.
        InputError: The solver fails (the message says why).
    """
    costs = arc_costs(net, tuple(flows.modes), flows.year)
    hours = np.where(costs.usable, costs.running + costs.dwell, np.inf)
    arcs = np.flatnonzero(np.isfinite(hours))
    n, k_count, m = len(net.nodes), len(flows.flows), len(arcs)
    pairs = [(net.index[resolve_node(net, f.origin)], net.index[resolve_node(net, f.destination)]) for f in flows.flows]
    # Variables: x[k, a] for each commodity and usable arc, then one unmet slack per commodity.
    nvar = k_count * m + k_count
    c = np.concatenate([np.tile(hours[arcs], k_count), np.full(k_count, UNMET_PENALTY)])
    rows, cols, vals, rhs = [], [], [], []
    tails, heads = net.arc_tail[arcs], net.arc_head[arcs]
    for k, (o, d) in enumerate(pairs):
        base = k * m
        for j in range(m):
            rows += [k * n + tails[j], k * n + heads[j]]
            cols += [base + j, base + j]
            vals += [1.0, -1.0]
        demand = np.zeros(n)
        demand[o], demand[d] = flows.flows[k].volume, -flows.flows[k].volume
        # Unmet slack leaves the origin's balance short: out - in + unmet = volume at o.
        rows += [k * n + o, k * n + d]
        cols += [k_count * m + k, k_count * m + k]
        vals += [1.0, -1.0]
        rhs.append(demand)
    a_eq = sp.csr_matrix((vals, (rows, cols)), shape=(k_count * n, nvar))
    b_eq = np.concatenate(rhs) if rhs else np.zeros(0)
    cap_rows: list[int] = []
    cap_cols: list[int] = []
    cap_b: list[float] = []
    uncapacitated: list[str] = []
    caps: dict[int, float] = {}
    for j, usable_arc in enumerate(arcs.tolist()):
        e = net.edges[usable_arc // 2]
        cap = _capacity_in(flows.unit, e.capacity, e.capacity_unit, flows.tonnes_per_train)
        if cap is None:
            if e.capacity is not None and e.id not in uncapacitated:
                uncapacitated.append(e.id)
            continue
        caps[usable_arc] = cap
        r = len(cap_b)
        for k in range(k_count):
            cap_rows.append(r)
            cap_cols.append(k * m + j)
        cap_b.append(cap)
    a_ub = sp.csr_matrix((np.ones(len(cap_rows)), (cap_rows, cap_cols)), shape=(len(cap_b), nvar)) if cap_b else None
    result = linprog(
        c, A_ub=a_ub, b_ub=np.array(cap_b) if cap_b else None, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs"
    )
    if result.status != 0:
        raise InputError(f"the flow assignment failed: {result.message}")
    x = result.x
    per_arc = np.zeros(2 * len(net.edges))
    for k in range(k_count):
        per_arc[arcs] += x[k * m : (k + 1) * m]
    edges_out: list[dict[str, Any]] = []
    bottlenecks: list[str] = []
    for i, e in enumerate(net.edges):
        for arc, direction in ((2 * i, f"{e.a}→{e.b}"), (2 * i + 1, f"{e.b}→{e.a}")):
            volume = float(per_arc[arc])
            if volume <= 1e-9:
                continue
            cap = caps.get(arc)
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
        {"from": net.nodes[o].name_en, "to": net.nodes[d].name_en, "unmet": round(float(x[k_count * m + k]), 2)}
        for k, (o, d) in enumerate(pairs)
        if x[k_count * m + k] > 1e-6
    ]
    edges_out.sort(key=lambda r: -float(r["utilisation"] or 0))
    served = float(c[: k_count * m] @ x[: k_count * m])
    return Assignment(edges_out, unmet, bottlenecks, uncapacitated, round(served, 1))
