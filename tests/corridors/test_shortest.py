"""The compiled shortest-path search against hand-checked graphs and against NetworkX."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from caravan.corridors.shortest import CompiledGraph


def test_known_shortest_path_and_arcs() -> None:
    # 0 -> 1 -> 3 costs 2; 0 -> 2 -> 3 costs 5; 0 -> 3 directly costs 10.
    tail = np.array([0, 1, 0, 2, 0])
    head = np.array([1, 3, 2, 3, 3])
    weight = np.array([1.0, 1.0, 2.0, 3.0, 10.0])
    path = CompiledGraph(4, tail, head, weight).shortest_path(0, 3)
    assert path is not None
    assert path.nodes == (0, 1, 3)
    assert path.arcs == (0, 1)
    assert path.distance == pytest.approx(2.0)


def test_parallel_arcs_take_the_cheapest() -> None:
    g = CompiledGraph(2, np.array([0, 0, 0]), np.array([1, 1, 1]), np.array([5.0, 2.0, 9.0]))
    path = g.shortest_path(0, 1)
    assert path is not None and path.arcs == (1,) and path.distance == pytest.approx(2.0)


def test_direction_and_removed_arcs() -> None:
    g = CompiledGraph(3, np.array([0, 1]), np.array([1, 2]), np.array([1.0, np.inf]))
    assert g.shortest_path(0, 2) is None
    assert g.shortest_path(1, 0) is None
    assert g.shortest_path(0, 1) is not None


def test_zero_weight_arcs_are_arcs() -> None:
    path = CompiledGraph(3, np.array([0, 1]), np.array([1, 2]), np.array([0.0, 0.0])).shortest_path(0, 2)
    assert path is not None and path.nodes == (0, 1, 2) and path.distance == pytest.approx(0.0)


def test_negative_weights_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        CompiledGraph(2, np.array([0]), np.array([1]), np.array([-1.0]))


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(min_value=2, max_value=12),
    arcs=st.lists(
        st.tuples(st.integers(0, 11), st.integers(0, 11), st.floats(min_value=0.0, max_value=100.0)),
        min_size=1,
        max_size=40,
    ),
)
def test_distances_match_networkx(n: int, arcs: list[tuple[int, int, float]]) -> None:
    arcs = [(a % n, b % n, w) for a, b, w in arcs]
    graph = nx.DiGraph()
    graph.add_nodes_from(range(n))
    for a, b, w in arcs:
        if a != b and (not graph.has_edge(a, b) or graph[a][b]["weight"] > w):
            graph.add_edge(a, b, weight=w)
    compiled = CompiledGraph(
        n, np.array([a for a, _, _ in arcs]), np.array([b for _, b, _ in arcs]), np.array([w for _, _, w in arcs])
    )
    for target in range(1, n):
        path = compiled.shortest_path(0, target)
        if nx.has_path(graph, 0, target):
            expected = nx.shortest_path_length(graph, 0, target, weight="weight")
            assert path is not None
            assert path.distance == pytest.approx(expected, abs=1e-6)
            walked = sum(graph[u][v]["weight"] for u, v in zip(path.nodes, path.nodes[1:], strict=False))
            assert walked == pytest.approx(expected, abs=1e-6)
        else:
            assert path is None


def test_calibrated_search_on_a_grid_matches_a_full_search() -> None:
    side = 40
    rng = np.random.default_rng(3)
    idx = np.arange(side * side).reshape(side, side)
    pairs = np.concatenate(
        [
            np.stack([idx[:, :-1].ravel(), idx[:, 1:].ravel()], 1),
            np.stack([idx[:-1, :].ravel(), idx[1:, :].ravel()], 1),
        ]
    )
    weight = rng.uniform(1, 10, len(pairs))
    tail = np.concatenate([pairs[:, 0], pairs[:, 1]])
    head = np.concatenate([pairs[:, 1], pairs[:, 0]])
    both = np.concatenate([weight, weight])
    fast = CompiledGraph(side * side, tail, head, both, full_search_below=0)
    assert fast.symmetric
    fast.calibrate(samples=3)
    full = CompiledGraph(side * side, tail, head, both)
    for s, t in rng.integers(0, side * side, size=(10, 2)):
        a, b = fast.shortest_path(int(s), int(t)), full.shortest_path(int(s), int(t))
        assert a is not None and b is not None and a.distance == pytest.approx(b.distance)
