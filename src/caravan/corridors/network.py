"""The multimodal network as plain records and arrays, fed from the ledger or from rows.

`Network.from_rows` takes the same dicts the ledger's `node`, `edge` and
`mode_factor` tables hold, so tests and benchmarks can build networks without
a ledger; `load_network` reads them from a ledger.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from caravan.errors import DataError

Row = dict[str, Any]


@dataclass(frozen=True, kw_only=True)
class Node:
    """A place on the transport network."""

    id: str
    kind: str
    name_en: str
    name_zh: str | None = None
    name_ru: str | None = None
    country: str
    lon: float | None = None
    lat: float | None = None


@dataclass(frozen=True)
class Edge:
    """A link between two nodes by one mode; usable both ways."""

    id: str
    a: str
    b: str
    mode: str
    length_km: float | None
    gauge_from: int | None = None
    gauge_to: int | None = None
    length_method: str | None = "reported"
    speed_kmh: float | None = None
    time_h: float | None = None
    dwell_h: float | None = None
    dwell_back_h: float | None = None
    headway_h: float | None = None
    capacity: float | None = None
    capacity_unit: str | None = None
    cost_usd: float | None = None
    status: str = "operating"
    opened: int | None = None
    entity: str | None = None
    sources: tuple[str, ...] = ()
    extra_h: float = 0.0
    extra_back_h: float = 0.0
    facts: dict[str, Any] = field(default_factory=dict, compare=False)

    def dwell(self, forward: bool) -> float:
        """Cited dwell in hours when travelling a -> b (forward) or b -> a, plus a scenario's extra hours.

        A cited headway (the interval between scheduled departures) adds the average wait for a
        departure, half the headway, in either direction. An uncited dwell counts 0 here;
        `dwell_known` says whether it was cited.
        """
        departure = self.headway_h / 2 if self.headway_h is not None else 0.0
        if forward:
            return (self.dwell_h or 0.0) + departure + self.extra_h
        cited = self.dwell_back_h if self.dwell_back_h is not None else (self.dwell_h or 0.0)
        return cited + departure + self.extra_back_h

    def dwell_known(self, forward: bool) -> bool:
        """Whether a wait is cited for the direction travelled (forward stands for both; a headway for either).

        A ferry's wait is first a wait for a sailing: it is known only where the interval between its
        departures (a headway) is cited. A ferry's cited dwell is its handling at the berth (Kuryk's
        6–8 h processing cycle), which says nothing of how long cargo waits for the ferry: it counts,
        and the wait for the sailing stays unknown.
        """
        if self.mode == "ferry":
            return self.headway_h is not None
        return self.dwell_h is not None or self.headway_h is not None or (not forward and self.dwell_back_h is not None)

    def gauges(self, forward: bool) -> tuple[int | None, int | None]:
        """Gauge at the entry and at the exit of the edge in the direction travelled."""
        return (self.gauge_from, self.gauge_to) if forward else (self.gauge_to, self.gauge_from)


@dataclass(frozen=True)
class Factor:
    """A mode factor's value and its source."""

    value: float
    unit: str
    source: str


@dataclass
class Network:
    """Nodes, edges and mode factors, with arc arrays for the algorithms.

    Each edge gives two arcs: 2*i runs a -> b, 2*i+1 runs b -> a.
    """

    nodes: list[Node]
    edges: list[Edge]
    factors: dict[str, dict[str, Factor]]
    checksum: str = ""

    def __post_init__(self) -> None:
        self.index = {n.id: i for i, n in enumerate(self.nodes)}
        self.edge_index = {e.id: i for i, e in enumerate(self.edges)}
        for e in self.edges:
            for end in (e.a, e.b):
                if end not in self.index:
                    raise DataError("network", e.id, f"edge ends at unknown node {end!r}")
        a = np.array([self.index[e.a] for e in self.edges], dtype=np.int64)
        b = np.array([self.index[e.b] for e in self.edges], dtype=np.int64)
        self.arc_tail = np.empty(2 * len(self.edges), dtype=np.int64)
        self.arc_head = np.empty(2 * len(self.edges), dtype=np.int64)
        self.arc_tail[0::2], self.arc_head[0::2] = a, b
        self.arc_tail[1::2], self.arc_head[1::2] = b, a
        if not self.checksum:
            self.checksum = hashlib.sha256(
                json.dumps(
                    [[n.__dict__ for n in self.nodes], [_edge_key(e) for e in self.edges]], sort_keys=True, default=str
                ).encode()
            ).hexdigest()

    def node(self, node_id: str) -> Node:
        """A node by id."""
        return self.nodes[self.index[node_id]]

    def years(self) -> tuple[int | None, int | None]:
        """The years the network can describe, each end None where it has no dated edge.

        From the earliest cited opening of a line in service (before it the network cannot say
        which lines ran) to the latest planned opening (after it the network knows no plans).
        """
        operating = [e.opened for e in self.edges if e.opened is not None and e.status == "operating"]
        planned = [e.opened for e in self.edges if e.opened is not None]
        return (min(operating) if operating else None, max(planned) if planned else None)

    def factor(self, mode: str, name: str) -> Factor | None:
        """A mode's factor, if cited."""
        return self.factors.get(mode, {}).get(name)

    def with_edges(self, edges: list[Edge]) -> Network:
        """A copy of the network with other edges (used by scenarios)."""
        return Network(list(self.nodes), edges, self.factors)

    def replace_edge(self, edge_id: str, **changes: Any) -> Network:
        """A copy with one edge changed."""
        edges = list(self.edges)
        i = self.edge_index[edge_id]
        edges[i] = replace(edges[i], **changes)
        return self.with_edges(edges)

    @classmethod
    def from_rows(cls, nodes: list[Row], edges: list[Row], factors: list[Row], checksum: str = "") -> Network:
        """Build a network from rows shaped like the ledger's `node`, `edge` and `mode_factor` tables."""
        node_list = [
            Node(
                id=r["id"],
                kind=r.get("kind") or "city",
                name_en=r.get("name_en") or r["id"],
                country=r.get("country") or "",
                name_zh=r.get("name_zh"),
                name_ru=r.get("name_ru"),
                lon=r.get("lon"),
                lat=r.get("lat"),
            )
            for r in nodes
        ]
        edge_list = []
        for r in edges:
            facts = r.get("facts") or {}
            if isinstance(facts, str):
                facts = json.loads(facts)
            edge_list.append(
                Edge(
                    id=r["id"],
                    a=r["from_node"],
                    b=r["to_node"],
                    mode=r["mode"],
                    length_km=r.get("length_km"),
                    gauge_from=r.get("gauge_from"),
                    gauge_to=r.get("gauge_to"),
                    length_method=r.get("length_method", "reported"),
                    speed_kmh=r.get("speed_kmh"),
                    time_h=r.get("time_h"),
                    dwell_h=r.get("dwell_h"),
                    dwell_back_h=r.get("dwell_back_h"),
                    headway_h=r.get("headway_h"),
                    capacity=r.get("capacity"),
                    capacity_unit=r.get("capacity_unit"),
                    cost_usd=r.get("cost_usd"),
                    status=r.get("status") or "operating",
                    opened=r.get("opened"),
                    entity=r.get("entity_id"),
                    sources=tuple(r.get("source_ids") or ()),
                    facts=facts,
                )
            )
        fac: dict[str, dict[str, Factor]] = {}
        for r in factors:
            fac.setdefault(r["mode"], {})[r["factor"]] = Factor(float(r["value"]), r["unit"], r["source_id"])
        return cls(node_list, edge_list, fac, checksum)


def _edge_key(e: Edge) -> dict[str, Any]:
    return {k: v for k, v in e.__dict__.items() if k != "facts"}


def load_network(ledger: Any) -> Network:
    """The network held in a ledger (a `caravan.ledger.store.Ledger`).

    Raises:
        DataError: The ledger holds no network; the curated data has no data/network/ files.
    """
    nodes = ledger.query("SELECT * FROM node ORDER BY id")
    if not nodes:
        raise DataError(
            str(ledger.path), None, "the ledger holds no network; add data/network/ and run `caravan build`"
        )
    edges = ledger.query("SELECT * FROM edge ORDER BY id")
    factors = ledger.query("SELECT * FROM mode_factor ORDER BY mode, factor")
    checksum = ledger.meta.get("input_checksum", "")
    return Network.from_rows(nodes, edges, factors, checksum=checksum)
