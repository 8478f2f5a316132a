"""Benchmark: building the ledger from data/ (issue target: under 5 s).

Prints the build's wall time (median of runs) against a baseline measured in
the same run: merely parsing every curated file (YAML and CSV) without any
validation, derivation or writing. The ratio shows what validation, units,
derivations and the atomic DuckDB write cost on top of reading the files.

    uv run python benchmarks/bench_build.py [--runs 5]
"""

from __future__ import annotations

import argparse
import csv
import statistics
import tempfile
import time
from pathlib import Path

import yaml

from caravan.ledger.build import build
from caravan.settings import Settings

DATA = Path(__file__).resolve().parent.parent / "data"


def parse_only() -> int:
    """Baseline: parse every curated file, nothing more."""
    n = 0
    for path in sorted(DATA.rglob("*.yaml")):
        n += len(yaml.safe_load(path.read_text(encoding="utf-8")) or [])
    for path in sorted(DATA.rglob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            n += sum(1 for _ in csv.reader(handle))
    return n


def timed(fn, runs: int) -> float:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(ledger=Path(tmp) / "bench.duckdb", data=DATA)
        build(settings, force=True)  # warm caches (pint registry, geonames)
        report = build(settings, force=True)
        base = timed(parse_only, args.runs)
        full = timed(lambda: build(settings, force=True), args.runs)
        skip = timed(lambda: build(settings), args.runs)
    rows = sum(report.counts.values())
    print(f"ledger rows: {rows} ({', '.join(f'{k} {v}' for k, v in report.counts.items())})")
    print(f"baseline (parse files only): {base * 1000:8.1f} ms")
    print(f"caravan build --force:       {full * 1000:8.1f} ms   ratio {full / base:5.1f}x baseline")
    print(f"caravan build (unchanged):   {skip * 1000:8.1f} ms   ratio {skip / base:5.1f}x baseline")
    print(f"target: build under 5 s -> {'met' if full < 5 else 'NOT met'}")


if __name__ == "__main__":
    main()
