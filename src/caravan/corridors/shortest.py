"""Shortest paths on plain arc arrays, with scipy's compiled Dijkstra.

A graph is three arrays (tail, head, weight) over nodes 0..n-1. Parallel arcs
collapse to the cheapest one, so each node pair has one CSR entry that
remembers which arc it stands for. Queries run a bidirectional search: two
distance-limited Dijkstra balls (forward from the source, backward from the
target) whose radius doubles until an arc joins them at a total no longer
than twice the radius, which makes the join the exact shortest distance.

scipy is imported when a graph is compiled, not with this module: the route
planner searches its small networks without it (`caravan.corridors.route`), and
takes `EPSILON` from here.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import scipy.sparse as sp

# Weights are shifted by this much so that zero-weight arcs stay arcs.
EPSILON = 1e-9
# Each failed round of the bidirectional search grows the radius by this factor.
GROWTH = 1.25
# After calibration the first radius is this share above the hop-based estimate.
HOP_MARGIN = 1.1
# Up to this many nodes a query is one full single-source search: restarts cost more than they save.
SMALL_GRAPH = 20_000


def _csr(data: np.ndarray, indices: np.ndarray, indptr: np.ndarray, n: int) -> sp.csr_matrix:
    import scipy.sparse as sp

    matrix = sp.csr_matrix((n, n))
    matrix.data = np.ascontiguousarray(data, dtype=np.float64)
    matrix.indices = np.ascontiguousarray(indices, dtype=np.int32)
    matrix.indptr = np.ascontiguousarray(indptr, dtype=np.int32)
    return matrix


@dataclass(frozen=True)
class Path:
    """A shortest path: its length and the arcs it uses, in order."""

    distance: float
    arcs: tuple[int, ...]
    nodes: tuple[int, ...]


class CompiledGraph:
    """A directed graph compiled for repeated shortest-path queries.

    Args:
        n: Number of nodes.
        tail: Tail node of each arc.
        head: Head node of each arc.
        weight: Non-negative weight of each arc; `inf` or NaN removes the arc.
        full_search_below: Graphs with fewer nodes answer a query with one full search.
    """

    def __init__(
        self, n: int, tail: np.ndarray, head: np.ndarray, weight: np.ndarray, full_search_below: int = SMALL_GRAPH
    ) -> None:
        tail = np.asarray(tail, dtype=np.int64)
        head = np.asarray(head, dtype=np.int64)
        weight = np.asarray(weight, dtype=np.float64)
        if not (len(tail) == len(head) == len(weight)):
            raise ValueError("tail, head and weight must have the same length")
        if len(weight) and np.nanmin(weight) < 0:
            raise ValueError("arc weights must not be negative")
        self.n = n
        self.full_search_below = full_search_below
        usable = np.flatnonzero(np.isfinite(weight) & (tail != head))
        # Sort by (tail, head, weight) and keep the first arc of each pair: the cheapest.
        order = usable[np.lexsort((weight[usable], head[usable], tail[usable]))]
        t, h = tail[order], head[order]
        first = np.ones(len(order), dtype=bool)
        first[1:] = (t[1:] != t[:-1]) | (h[1:] != h[:-1])
        keep = order[first]
        self.arc = keep
        self.tail = tail[keep]
        self.head = head[keep]
        self.weight = weight[keep] + EPSILON
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(self.tail, minlength=n), out=indptr[1:])
        # scipy's Dijkstra works on 32-bit indices; giving it those avoids a copy on every call.
        self.forward = _csr(self.weight, self.head, indptr, n)
        rev = np.lexsort((self.tail, self.head))
        rindptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(self.head, minlength=n), out=rindptr[1:])
        self.backward = _csr(self.weight[rev], self.tail[rev], rindptr, n)
        self._indptr = indptr
        # Undirected graphs (every arc has a twin of equal weight) run both balls in one call.
        self.symmetric = bool(
            np.array_equal(self.forward.indptr, self.backward.indptr)
            and np.array_equal(self.forward.indices, self.backward.indices)
            and np.array_equal(self.forward.data, self.backward.data)
        )
        self._total = float(self.weight.sum()) if len(self.weight) else 0.0
        self._start = float(np.median(self.weight)) * 4 if len(self.weight) else 1.0
        self._per_hop: float | None = None

    def calibrate(self, samples: int = 5, seed: int = 0) -> None:
        """Learn the typical distance per hop, so that a query's first radius fits it.

        The bidirectional search restarts with a larger radius when its balls do not
        meet; on large graphs each restart costs nearly as much as the search. After
        calibration a query first counts the hops to its target (one breadth-first
        search in C) and starts at about half the distance those hops usually take.
        """
        rng = np.random.default_rng(seed)
        ratios = []
        for _ in range(samples):
            s, t = (int(x) for x in rng.integers(0, self.n, 2))
            hops = self._hops(s, t)
            path = self.shortest_path(s, t)
            if path is not None and hops:
                ratios.append(path.distance / hops)
        if ratios:
            self._per_hop = float(np.median(ratios))

    def _hops(self, source: int, target: int) -> int | None:
        """Arcs on the fewest-arc path from source to target, or None if unreachable."""
        from scipy.sparse.csgraph import breadth_first_order

        _order, pred = breadth_first_order(self.forward, source, directed=True, return_predecessors=True)
        if target != source and pred[target] < 0:
            return None
        hops, node = 0, target
        while node != source:
            node = int(pred[node])
            hops += 1
        return hops

    def _arc_between(self, u: int, v: int) -> int:
        lo, hi = self._indptr[u], self._indptr[u + 1]
        j = lo + int(np.searchsorted(self.head[lo:hi], v))
        return int(self.arc[j])

    def _out_arcs(self, nodes: np.ndarray) -> np.ndarray:
        """Positions (in the compiled arrays) of every arc leaving `nodes`."""
        starts, ends = self._indptr[nodes], self._indptr[nodes + 1]
        counts = ends - starts
        if counts.sum() == 0:
            return np.zeros(0, dtype=np.int64)
        offsets = np.repeat(starts - np.cumsum(counts) + counts, counts)
        return offsets + np.arange(counts.sum())

    def shortest_path(self, source: int, target: int) -> Path | None:
        """The shortest path from `source` to `target`, or None when there is none."""
        from scipy.sparse.csgraph import dijkstra

        if source == target:
            return Path(0.0, (), (source,))
        if self.n < self.full_search_below:
            dist, pred = dijkstra(self.forward, indices=source, return_predecessors=True)
            if not np.isfinite(dist[target]):
                return None
            nodes = [target]
            while nodes[-1] != source:
                nodes.append(int(pred[nodes[-1]]))
            return self._path(tuple(reversed(nodes)))
        radius = self._start
        if self._per_hop is not None:
            hops = self._hops(source, target)
            if hops is None:
                return None
            radius = max(radius, HOP_MARGIN * self._per_hop * hops / 2)
        while True:
            if self.symmetric:
                # One multi-source search: each node is labelled with its nearer end. The shortest
                # path crosses from the source's region to the target's along exactly one arc.
                dist, pred, origin = dijkstra(
                    self.forward, indices=[source, target], limit=radius, min_only=True, return_predecessors=True
                )
                pos = self._out_arcs(np.flatnonzero(origin == source))
                if len(pos):
                    heads = self.head[pos]
                    total = np.where(
                        origin[heads] == target, dist[self.tail[pos]] + self.weight[pos] + dist[heads], np.inf
                    )
                ps = pt = pred
            else:
                ds, ps = dijkstra(self.forward, indices=source, limit=radius, return_predecessors=True)
                dt, pt = dijkstra(self.backward, indices=target, limit=radius, return_predecessors=True)
                pos = self._out_arcs(np.flatnonzero(np.isfinite(ds)))
                if len(pos):
                    total = ds[self.tail[pos]] + self.weight[pos] + dt[self.head[pos]]
            if len(pos):
                best = int(np.argmin(total))
                if total[best] <= 2 * radius:
                    return self._assemble(int(pos[best]), ps, pt, source, target)
                if np.isfinite(total[best]):
                    # The balls touch: that path bounds the distance, so half of it is a radius that must succeed.
                    radius = float(total[best]) / 2
                    continue
            if radius > self._total:
                return None
            radius *= GROWTH

    def _assemble(self, join: int, ps: np.ndarray, pt: np.ndarray, source: int, target: int) -> Path:
        u, v = int(self.tail[join]), int(self.head[join])
        front = [u]
        while front[-1] != source:
            front.append(int(ps[front[-1]]))
        back = [v]
        while back[-1] != target:
            back.append(int(pt[back[-1]]))
        return self._path(tuple(reversed(front)) + tuple(back))

    def _path(self, nodes: tuple[int, ...]) -> Path:
        arcs = tuple(self._arc_between(a, b) for a, b in itertools.pairwise(nodes))
        return Path(
            math.fsum(float(self.weight[self._pos(a, b)]) - EPSILON for a, b in itertools.pairwise(nodes)), arcs, nodes
        )

    def _pos(self, u: int, v: int) -> int:
        lo, hi = self._indptr[u], self._indptr[u + 1]
        return int(lo + np.searchsorted(self.head[lo:hi], v))
