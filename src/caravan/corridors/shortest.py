"""Shortest paths on plain arc arrays, with scipy's compiled Dijkstra.

A graph is three arrays (tail, head, weight) over nodes 0..n-1. Parallel arcs
collapse to the cheapest one, so each node pair has one CSR entry that
remembers which arc it stands for. Queries run a bidirectional search: two
distance-limited Dijkstra balls (forward from the source, backward from the
target) whose radius doubles until an arc joins them at a total no longer
than twice the radius, which makes the join the exact shortest distance.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import dijkstra

# Weights are shifted by this much so that zero-weight arcs stay arcs.
EPSILON = 1e-9


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
    """

    def __init__(self, n: int, tail: np.ndarray, head: np.ndarray, weight: np.ndarray) -> None:
        tail = np.asarray(tail, dtype=np.int64)
        head = np.asarray(head, dtype=np.int64)
        weight = np.asarray(weight, dtype=np.float64)
        if not (len(tail) == len(head) == len(weight)):
            raise ValueError("tail, head and weight must have the same length")
        if len(weight) and np.nanmin(weight) < 0:
            raise ValueError("arc weights must not be negative")
        self.n = n
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
        self.forward = sp.csr_matrix((self.weight, self.head, indptr), shape=(n, n))
        rev = np.lexsort((self.tail, self.head))
        rindptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(self.head, minlength=n), out=rindptr[1:])
        self.backward = sp.csr_matrix((self.weight[rev], self.tail[rev], rindptr), shape=(n, n))
        self._indptr = indptr
        self._total = float(self.weight.sum()) if len(self.weight) else 0.0
        self._start = float(np.median(self.weight)) * 4 if len(self.weight) else 1.0

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
        if source == target:
            return Path(0.0, (), (source,))
        radius = self._start
        while True:
            ds, ps = dijkstra(self.forward, indices=source, limit=radius, return_predecessors=True)
            dt, pt = dijkstra(self.backward, indices=target, limit=radius, return_predecessors=True)
            reached = np.flatnonzero(np.isfinite(ds))
            pos = self._out_arcs(reached)
            if len(pos):
                total = ds[self.tail[pos]] + self.weight[pos] + dt[self.head[pos]]
                best = int(np.argmin(total))
                if total[best] <= 2 * radius:
                    return self._assemble(pos[best], ps, pt, source, target)
            if radius > self._total:
                return None
            radius *= 2

    def _assemble(self, join: int, ps: np.ndarray, pt: np.ndarray, source: int, target: int) -> Path:
        u, v = int(self.tail[join]), int(self.head[join])
        front = [u]
        while front[-1] != source:
            front.append(int(ps[front[-1]]))
        back = [v]
        while back[-1] != target:
            back.append(int(pt[back[-1]]))
        nodes = tuple(reversed(front)) + tuple(back)
        arcs = tuple(self._arc_between(a, b) for a, b in itertools.pairwise(nodes))
        return Path(
            math.fsum(float(self.weight[self._pos(a, b)]) - EPSILON for a, b in itertools.pairwise(nodes)), arcs, nodes
        )

    def _pos(self, u: int, v: int) -> int:
        lo, hi = self._indptr[u], self._indptr[u + 1]
        return int(lo + np.searchsorted(self.head[lo:hi], v))
