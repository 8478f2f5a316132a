"""Route planner speed: the curated network, and a synthetic graph against NetworkX in the same run.

    uv run python benchmarks/bench_route.py                      # defaults: 1,000,000 nodes, 2,500,000 edges
    uv run python benchmarks/bench_route.py --nodes 250000 --edges 625000 --queries 5

1. Curated network (built from data/ into a temporary ledger): a route query with
   three alternatives, repeated over several origin-destination pairs; p50 and p95.
   Target: p95 under 20 ms.
2. Synthetic graph, undirected with random weights (1-10), as plain arrays:
   `--family road` (default) is a square grid plus random diagonals, a planar,
   road-like network; `--family small-world` is a grid plus random long-range links.
   One shortest route between random pairs with the compiled search
   (`caravan.corridors.shortest`, scipy's Dijkstra, calibrated once after compiling),
   against NetworkX's `bidirectional_dijkstra` on the same pairs. Targets: median
   under 0.3 s, and at least 8x faster than NetworkX. Distances are checked to agree.
   The machine's load average is printed: the absolute times move with it, the ratio
   (both measured in the same run) much less.
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import tempfile
import time
from pathlib import Path

import networkx as nx
import numpy as np

from caravan.corridors.network import load_network
from caravan.corridors.route import RouteQuery, plan_routes
from caravan.corridors.shortest import CompiledGraph
from caravan.ledger.build import build
from caravan.ledger.store import Ledger
from caravan.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
PAIRS = [
    ("Xi'an", "Duisburg"),
    ("Chongqing", "Almaty"),
    ("Chengdu", "Tashkent"),
    ("Yiwu", "Baku"),
    ("Zhengzhou", "Istanbul"),
    ("Lianyungang", "Małaszewicze"),
    ("Urumqi", "Ashgabat"),
    ("Kashgar", "Bishkek"),
    ("Kashgar", "Dushanbe"),
    ("Shanghai", "Rotterdam"),
]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(q / 100 * len(ordered)) - 1)]


def bench_curated(repeats: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(ledger=Path(tmp) / "caravan.duckdb", data=ROOT / "data")
        build(settings, force=True)
        with Ledger(settings.ledger) as ledger:
            net = load_network(ledger)
    times = []
    for _ in range(repeats):
        for origin, destination in PAIRS:
            start = time.perf_counter()
            plan_routes(net, RouteQuery(origin, destination, alternatives=3))
            times.append((time.perf_counter() - start) * 1000)
    p50, p95 = statistics.median(times), percentile(times, 95)
    print(f"curated network: {len(net.nodes)} nodes, {len(net.edges)} edges; {len(times)} queries with 3 alternatives")
    print(f"  p50 {p50:.2f} ms, p95 {p95:.2f} ms (target p95 < 20 ms: {'met' if p95 < 20 else 'NOT met'})")


def synthetic(nodes: int, edges: int, seed: int, family: str) -> tuple[int, np.ndarray, np.ndarray, np.ndarray]:
    """A grid with extra links (random diagonals, or random long-range pairs); no repeated edges."""
    rng = np.random.default_rng(seed)
    side = math.isqrt(nodes)
    n = side * side
    idx = np.arange(n).reshape(side, side)
    grid = np.concatenate(
        [
            np.stack([idx[:, :-1].ravel(), idx[:, 1:].ravel()], 1),
            np.stack([idx[:-1, :].ravel(), idx[1:, :].ravel()], 1),
        ]
    )
    want = max(0, edges - len(grid))
    if family == "road":
        cells = rng.choice((side - 1) * (side - 1), size=min(want, (side - 1) * (side - 1)), replace=False)
        r, c = cells // (side - 1), cells % (side - 1)
        flip = rng.random(len(cells)) < 0.5
        extra = np.where(
            flip[:, None], np.stack([idx[r, c + 1], idx[r + 1, c]], 1), np.stack([idx[r, c], idx[r + 1, c + 1]], 1)
        )
    else:
        extra = rng.integers(0, n, size=(want, 2))
        extra = extra[extra[:, 0] != extra[:, 1]]
    pairs = np.concatenate([grid, extra])
    pairs = np.unique(np.sort(pairs, axis=1), axis=0)[:edges]
    weight = rng.uniform(1.0, 10.0, len(pairs))
    return n, pairs[:, 0], pairs[:, 1], weight


def bench_synthetic(nodes: int, edges: int, queries: int, nx_queries: int, seed: int, family: str) -> None:
    n, a, b, w = synthetic(nodes, edges, seed, family)
    start = time.perf_counter()
    tail, head = np.concatenate([a, b]), np.concatenate([b, a])
    graph = CompiledGraph(n, tail, head, np.concatenate([w, w]))
    compile_s = time.perf_counter() - start
    start = time.perf_counter()
    graph.calibrate()
    calibrate_s = time.perf_counter() - start
    print(
        f"synthetic {family} graph: {n:,} nodes, {len(a):,} undirected edges ({len(tail):,} arcs); "
        f"compiled in {compile_s:.1f} s, calibrated in {calibrate_s:.1f} s; load average {os.getloadavg()[0]:.1f}"
    )
    rng = np.random.default_rng(seed + 1)
    pairs = [tuple(int(x) for x in rng.integers(0, n, 2)) for _ in range(queries)]
    ours, distances = [], []
    for s, t in pairs:
        t0 = time.perf_counter()
        path = graph.shortest_path(s, t)
        ours.append(time.perf_counter() - t0)
        distances.append(path.distance if path else math.inf)
    start = time.perf_counter()
    g = nx.Graph()
    g.add_weighted_edges_from(zip(a.tolist(), b.tolist(), w.tolist(), strict=True))
    print(f"  NetworkX graph built in {time.perf_counter() - start:.1f} s")
    theirs = []
    for (s, t), d in zip(pairs[:nx_queries], distances, strict=False):
        t0 = time.perf_counter()
        length, _ = nx.bidirectional_dijkstra(g, s, t, weight="weight")
        theirs.append(time.perf_counter() - t0)
        assert abs(length - d) < 1e-6 * max(1.0, length), (s, t, length, d)
    ours_med, theirs_med = statistics.median(ours), statistics.median(theirs)
    print(
        f"  compiled search: median {ours_med:.3f} s over {len(ours)} queries "
        f"(min {min(ours):.3f}, max {max(ours):.3f}); target < 0.3 s: {'met' if ours_med < 0.3 else 'NOT met'}"
    )
    print(f"  NetworkX bidirectional Dijkstra: median {theirs_med:.3f} s over {len(theirs)} queries; distances agree")
    same = statistics.median(ours[: len(theirs)])
    print(f"  on the same {len(theirs)} pairs the compiled search took median {same:.3f} s")
    ratio = theirs_med / same
    print(
        f"  speed-up: {ratio:.1f}x (target >= 8x: {'met' if ratio >= 8 else 'NOT met'}); "
        f"load average now {os.getloadavg()[0]:.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nodes", type=int, default=1_000_000)
    parser.add_argument("--edges", type=int, default=2_500_000)
    parser.add_argument("--queries", type=int, default=9, help="compiled-search queries (median over them)")
    parser.add_argument("--nx-queries", type=int, default=3, help="NetworkX queries (the slow baseline)")
    parser.add_argument("--repeats", type=int, default=20, help="repeats of the curated query set")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--family", choices=["road", "small-world"], default="road")
    parser.add_argument("--skip-curated", action="store_true")
    args = parser.parse_args()
    if not args.skip_curated:
        bench_curated(args.repeats)
    bench_synthetic(args.nodes, args.edges, args.queries, args.nx_queries, args.seed, args.family)


if __name__ == "__main__":
    main()
