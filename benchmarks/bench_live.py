"""Benchmark: live data — how soon a running server answers from a new build, and whether any answer mixes builds.

Builds the ledger from data/ into a temporary folder, starts `caravan serve`
on a free loopback port, and runs reader threads on keep-alive connections
that ask `/api/meta` and one observation in a loop. Meanwhile it rebuilds the
ledger (`build --force`, a new build id each time) several times. For each
build it reports the time from the build's completion (the flip of the ledger
link) to the first answer carrying its id in `X-Caravan-Build`.

Target (issue #15): 0 errors, 0 mixed answers, each new build visible within
1 s of its completion. Baseline, measured in the same run: the median latency
of one request, so the ratio says how many requests' time a switch costs.

    uv run python benchmarks/bench_live.py [--builds 5] [--readers 4]
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from caravan.ledger.build import build
from caravan.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
FIGURE = "/api/observations?indicator=trade.turnover&subject=CHN&counterpart=KAZ&limit=5"


def free_port() -> int:
    """A free loopback port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main() -> None:
    """Run the benchmark and print its table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--builds", type=int, default=5)
    parser.add_argument("--readers", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="caravan-live-") as tmp:
        folder = Path(tmp)
        data = shutil.copytree(ROOT / "data", folder / "data")
        settings = Settings(ledger=folder / "caravan.duckdb", data=data)
        build(settings, force=True)
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-c", "from caravan.cli import main; main()", "serve", "--port", str(port)],
            env={**os.environ, "CARAVAN_LEDGER": str(settings.ledger), "CARAVAN_DATA": str(data)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            _wait(base)
            _run(base, settings, args.builds, args.readers)
        finally:
            server.terminate()
            server.wait(timeout=30)


def _wait(base: str) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/api/meta", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit("caravan serve did not answer within 120 s")


def _run(base: str, settings: Settings, builds: int, readers: int) -> None:
    stop = threading.Event()
    lock = threading.Lock()
    first_seen: dict[str, float] = {}
    latencies: list[float] = []
    counts = {"answers": 0, "errors": 0, "mixed": 0}

    def read(i: int) -> None:
        with httpx.Client(base_url=base, timeout=60) as client:
            k = i
            while not stop.is_set():
                path = "/api/meta" if k % 2 else FIGURE
                k += 1
                started = time.perf_counter()
                try:
                    response = client.get(path)
                except httpx.HTTPError:
                    with lock:
                        counts["errors"] += 1
                    continue
                now = time.perf_counter()
                build_id = response.headers.get("x-caravan-build", "")
                with lock:
                    latencies.append(now - started)
                    counts["answers"] += 1
                    if response.status_code != 200:
                        counts["errors"] += 1
                    elif path == "/api/meta" and response.json()["ledger"].get("build_id") != build_id:
                        counts["mixed"] += 1
                    first_seen.setdefault(build_id, now)

    threads = [threading.Thread(target=read, args=(i,), daemon=True) for i in range(readers)]
    for t in threads:
        t.start()
    visible: list[float] = []
    build_seconds: list[float] = []
    try:
        time.sleep(1.0)
        for _ in range(builds):
            started = time.perf_counter()
            report = build(settings, force=True)
            done = time.perf_counter()  # after the flip and the pruning: negative = seen before the build returned
            build_seconds.append(done - started)
            deadline = done + 60
            while report.build_id not in first_seen and time.perf_counter() < deadline:
                time.sleep(0.001)
            with lock:
                seen = first_seen.get(report.build_id)
            visible.append((seen - done) if seen is not None else float("inf"))
            time.sleep(0.5)
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=60)
    median = statistics.median(latencies)
    worst = max(visible)
    print(f"readers {readers}, builds {builds}: {counts['answers']} answers")
    print(f"errors {counts['errors']}, mixed answers {counts['mixed']}")
    print(f"baseline: median request latency {median * 1000:.1f} ms")
    print(f"build (force) median {statistics.median(build_seconds):.2f} s")
    for n, seconds in enumerate(visible, 1):
        print(
            f"build {n}: visible {seconds * 1000:7.1f} ms after completion = {seconds / median:6.1f} x median request"
        )
    print(f"worst visibility {worst * 1000:.1f} ms (target under 1000 ms): {'met' if worst < 1.0 else 'NOT met'}")


if __name__ == "__main__":
    main()
