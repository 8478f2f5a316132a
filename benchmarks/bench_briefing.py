"""Benchmark: the commitment tracker, the people analysis and a briefing, on the ledger built from data/.

Prints the median wall time of each step against a baseline measured in the
same run: the overview (one headline query per country and pillar, 36 in
all), which is the cheapest whole-ledger read Caravan offers. The ratios show
what evaluating every commitment's target, comparing every people series
across the summit, assembling a briefing, writing its HTML and printing its
PDF cost relative to that.

    uv run python benchmarks/bench_briefing.py [--runs 3] [--country KAZ] [--lang en]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from caravan.institutions.commitments import list_commitments
from caravan.ledger.build import build
from caravan.ledger.store import Ledger
from caravan.overview import overview
from caravan.people.figures import since_summit
from caravan.reports.briefing import assemble
from caravan.reports.html import render_html
from caravan.reports.pdf import html_to_pdf
from caravan.settings import Settings

DATA = Path(__file__).resolve().parent.parent / "data"
TODAY = date(2026, 11, 29)


def timed(fn: Callable[[], Any], runs: int) -> tuple[float, Any]:
    samples, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--country", default="KAZ")
    parser.add_argument("--lang", default="en")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(ledger=Path(tmp) / "caravan.duckdb", data=DATA)
        build(settings, force=True)
        with Ledger(settings.ledger) as ledger:
            base, cells = timed(lambda: overview(ledger), args.runs)
            steps: list[tuple[str, float, str]] = [("overview (baseline)", base, f"{len(cells)} headlines")]
            t, found = timed(lambda: list_commitments(ledger, assessed_on=TODAY), args.runs)
            with_target = sum(1 for c in found if c.target is not None)
            steps.append(("commitments, all assessed", t, f"{len(found)} commitments, {with_target} with targets"))
            t, changes = timed(lambda: since_summit(ledger), args.runs)
            steps.append(("people since the summit", t, f"{len(changes)} series"))
            t, briefing = timed(lambda: assemble(ledger, args.country, args.lang, TODAY), args.runs)
            steps.append((f"assemble {args.country} briefing", t, "queries and charts"))
            t, html = timed(lambda: render_html(briefing, ledger), args.runs)
            steps.append(("render HTML", t, f"{len(html) / 1024:.0f} KiB"))
            t, (pdf, pages) = timed(lambda: html_to_pdf(html), args.runs)
            steps.append(("print PDF (WeasyPrint)", t, f"{pages} pages, {len(pdf) / 1024:.0f} KiB"))
    print(f"{'step':32} {'median s':>9} {'x baseline':>11}  what")
    for name, seconds, what in steps:
        print(f"{name:32} {seconds:9.4f} {seconds / base:11.1f}  {what}")


if __name__ == "__main__":
    main()
