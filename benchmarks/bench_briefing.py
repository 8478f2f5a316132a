"""Benchmark: the commitment tracker, the people analysis and a briefing, on the ledger built from data/.

Prints the median wall time of each step against a baseline measured in the
same run: the overview (one headline query per country and pillar, 36 in
all), which is the cheapest whole-ledger read Caravan offers. The ratios show
what evaluating every commitment's target, comparing every people series
across the summit, assembling a briefing, writing its HTML and printing its
PDF cost relative to that.

Then the whole command against WeasyPrint alone, each a fresh process,
interleaved: `caravan report KAZ` (assembly, charts, HTML and PDF, with its
start-up and imports) and `python -c "import weasyprint; weasyprint.HTML(...)
.write_pdf(...)"` on the HTML that report wrote, which is what printing that
page costs anyone. The first report runs with an empty cache folder (its charts
are drawn: what a new build costs) and is printed apart; the others read the
charts kept by it. The ratio is printed with the target of issue 16 (the
briefing PDF within 3.5 s where WeasyPrint alone takes ~2.6 s, i.e. 1.35x).

    uv run python benchmarks/bench_briefing.py [--runs 3] [--country KAZ] [--lang en]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
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
WEASYPRINT_ALONE = "import sys, weasyprint; weasyprint.HTML(filename=sys.argv[1]).write_pdf(sys.argv[2])"


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
        whole = end_to_end(settings, args.country, args.lang, max(args.runs, 3))
    print(f"{'step':32} {'median s':>9} {'x baseline':>11}  what")
    for name, seconds, what in steps:
        print(f"{name:32} {seconds:9.4f} {seconds / base:11.1f}  {what}")
    print()
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"whole command against WeasyPrint alone on the same HTML (fresh processes; load average {load})")
    for kind, index in (("wall", 0), ("CPU (user + system)", 1)):
        alone = [sample[index] for sample in whole["WeasyPrint alone"]]
        print(f"{kind:34} {'min s':>7} {'median s':>9}  {'x WeasyPrint (min/med)':>23}")
        for name, samples in whole.items():
            values = [sample[index] for sample in samples]
            lo, mid = min(values), statistics.median(values)
            ratio = f"{lo / min(alone):7.2f} / {mid / statistics.median(alone):5.2f}"
            target = "" if "first" in name or name == "WeasyPrint alone" else "  target 3.5 s, 1.35x"
            print(f"{name:34} {lo:7.3f} {mid:9.3f}  {ratio:>23}{target}")


def end_to_end(settings: Settings, country: str, lang: str, runs: int) -> dict[str, list[tuple[float, float]]]:
    """Wall and CPU seconds of `caravan report` and of WeasyPrint alone on its HTML, as fresh processes."""
    env = {**os.environ, "CARAVAN_LEDGER": str(settings.ledger), "CARAVAN_DATA": str(settings.data)}
    out = settings.ledger.parent / "out"
    report = [sys.executable, "-c", "from caravan.cli import main; main()", "report", country, "--lang", lang]
    report += ["--out", str(out), "--as-of", TODAY.isoformat()]
    html = out / f"briefing-{country}-{lang}.html"
    alone = [sys.executable, "-c", WEASYPRINT_ALONE, str(html), str(out / "alone.pdf")]

    def run(argv: list[str]) -> tuple[float, float]:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime

    shutil.rmtree(settings.cache_dir, ignore_errors=True)
    first = run(report)  # no chart kept yet
    times: dict[str, list[tuple[float, float]]] = {
        "WeasyPrint alone": [],
        f"caravan report {country}, first": [first],
        f"caravan report {country}": [],
    }
    for _ in range(runs):
        times["WeasyPrint alone"].append(run(alone))
        times[f"caravan report {country}"].append(run(report))
    return times


if __name__ == "__main__":
    main()
