"""Soak benchmark: a minute of mixed traffic against a real `caravan serve --no-cache`, a rebuild inside it.

    uv run python benchmarks/bench_soak.py                 # 60 s, 4 clients
    uv run python benchmarks/bench_soak.py --seconds 180   # longer

The ledger is built from the project's data/ into a temporary folder; the
server runs uncached on a free loopback port. Client threads loop over a mix
of pages (the overview, a country, a source), API answers (observations,
trade summary, meta), CSV downloads, a claim check (POST) and a route; a third
of the way through, `caravan build --force` rebuilds the ledger the server
reads (early enough to finish inside the run on a loaded machine).

Before the measured minute every request of the mix is sent once (warm-up:
the first answers fill DuckDB's buffers and the import caches, which is not
growth). A 503 with Retry-After (the claim checker's limit on concurrent checks)
is retried after the time it names, as a client should; such answers are
counted as shed, apart from errors.

Printed: requests and errors (any exception or unexpected status), latency
p50/p99 overall and per kind, the server's peak resident memory, and its mean
resident memory in the first and the last 10 s with the change between them
(target from the issue: 0 errors, memory flat within +-10 %). Exit status 1
on any error.
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

ROOT = Path(__file__).resolve().parents[1]
CARAVAN = [sys.executable, "-c", "from caravan.cli import main; main()"]
MIX: list[tuple[str, str, str, dict[str, object] | None]] = [
    # (kind, method, path, JSON body)
    ("page", "GET", "/", None),
    ("page", "GET", "/country/KAZ", None),
    ("api", "GET", "/api/meta", None),
    ("api", "GET", "/api/observations?indicator=trade.turnover&limit=50", None),
    ("api", "GET", "/api/trade/summary", None),
    ("api", "GET", "/api/overview", None),
    ("csv", "GET", "/api/observations?indicator=trade.turnover&limit=200&format=csv", None),
    ("csv", "GET", "/api/trade/summary?format=csv", None),
    (
        "claim",
        "POST",
        "/api/claims/check",
        {"text": "China's trade with Central Asian nations reached $94.8 billion in 2024.", "lang": "en"},
    ),
    ("route", "GET", "/api/routes?from=city.urumqi&to=city.almaty", None),
]


def free_port() -> int:
    """A TCP port free on the loopback interface right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def rss_kb(pid: int) -> tuple[int, int]:
    """(current, peak) resident memory of a process in kB, from /proc."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0])
    return values["VmRSS"], values["VmHWM"]


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) of the values, nearest rank."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def main() -> int:
    """Run the soak and print what it measured."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="caravan-soak-"))
    env = {**os.environ, "CARAVAN_LEDGER": str(work / "caravan.duckdb"), "CARAVAN_DATA": str(ROOT / "data")}
    started = time.perf_counter()
    subprocess.run([*CARAVAN, "build", "--force"], env=env, check=True, capture_output=True)
    print(f"ledger built in {time.perf_counter() - started:.1f} s")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [*CARAVAN, "serve", "--no-cache", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if httpx.get(f"{base}/api/meta", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.2)
        return soak(args, env, base, server)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(work, ignore_errors=True)


def soak(args: argparse.Namespace, env: dict[str, str], base: str, server: subprocess.Popen[bytes]) -> int:
    """Drive the traffic, the rebuild and the memory sampling; print the results."""
    stop = threading.Event()
    lock = threading.Lock()
    latencies: dict[str, list[float]] = {kind: [] for kind, *_ in MIX}
    errors: list[str] = []
    samples: list[tuple[float, int]] = []
    peak = [0]
    shed = [0]
    with httpx.Client(base_url=base, timeout=120) as http:  # warm-up: each request of the mix once
        for _, method, path, body in MIX:
            http.request(method, path, json=body)
    warm_rss, _ = rss_kb(server.pid)
    t0 = time.monotonic()

    def client(index: int) -> None:
        with httpx.Client(base_url=base, timeout=60) as http:
            i = index
            while not stop.is_set():
                kind, method, path, body = MIX[i % len(MIX)]
                i += 1
                began = time.perf_counter()
                try:
                    answer = http.request(method, path, json=body)
                    while answer.status_code == 503 and "retry-after" in answer.headers and not stop.is_set():
                        with lock:
                            shed[0] += 1
                        time.sleep(float(answer.headers["retry-after"]))
                        answer = http.request(method, path, json=body)
                    took = time.perf_counter() - began
                    ok = answer.status_code == 200 and len(answer.content) > 0
                    with lock:
                        latencies[kind].append(took)
                        if not ok:
                            errors.append(f"{method} {path}: {answer.status_code} {answer.text[:120]!r}")
                except httpx.HTTPError as exc:
                    with lock:
                        errors.append(f"{method} {path}: {type(exc).__name__} {exc}")

    def sampler() -> None:
        while not stop.is_set():
            current, high = rss_kb(server.pid)
            samples.append((time.monotonic() - t0, current))
            peak[0] = max(peak[0], high)
            time.sleep(0.5)

    rebuild: dict[str, object] = {}

    def rebuilder() -> None:
        time.sleep(args.seconds / 3)
        began = time.monotonic()
        done = subprocess.run([*CARAVAN, "build", "--force"], env=env, capture_output=True, text=True, check=False)
        rebuild.update(at=began - t0, took=time.monotonic() - began, code=done.returncode, err=done.stderr[-300:])
        rebuild["inside"] = time.monotonic() - t0 <= args.seconds

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(args.clients)]
    threads += [threading.Thread(target=sampler, daemon=True), threading.Thread(target=rebuilder, daemon=True)]
    for thread in threads:
        thread.start()
    time.sleep(args.seconds)
    stop.set()
    for thread in threads:
        thread.join(timeout=120)
    all_latencies = [x for values in latencies.values() for x in values]
    first = [rss for t, rss in samples if t <= 10]
    last = [rss for t, rss in samples if t >= args.seconds - 10]
    first_mb, last_mb = statistics.mean(first) / 1024, statistics.mean(last) / 1024
    growth = (last_mb - first_mb) / first_mb * 100
    print(
        f"soak: {args.seconds:.0f} s, {args.clients} clients, {len(all_latencies)} requests, {len(errors)} errors, "
        f"{shed[0]} shed with 503 + Retry-After and retried"
    )
    print(
        f"rebuild: `caravan build --force` at {rebuild.get('at', 0):.1f} s took {rebuild.get('took', 0):.1f} s, "
        f"exit {rebuild.get('code')}, {'inside' if rebuild.get('inside') else 'ending after'} the run"
        + (f" ({rebuild['err']!r})" if rebuild.get("code") else "")
    )
    print(
        f"latency: p50 {percentile(all_latencies, 50) * 1000:.0f} ms, p99 {percentile(all_latencies, 99) * 1000:.0f} ms"
    )
    for kind, values in latencies.items():
        if values:
            print(
                f"  {kind:6s} {len(values):6d} requests  p50 {percentile(values, 50) * 1000:6.0f} ms  "
                f"p99 {percentile(values, 99) * 1000:6.0f} ms"
            )
    print(
        f"server memory: after warm-up {warm_rss / 1024:.0f} MB, peak {peak[0] / 1024:.0f} MB; "
        f"mean first 10 s {first_mb:.0f} MB, last 10 s {last_mb:.0f} MB"
    )
    flat = abs(growth) <= 10
    print(f"memory change first to last 10 s: {growth:+.1f} % ({'flat' if flat else 'NOT flat'}, target +-10 %)")
    for error in errors[:10]:
        print("  error:", error)
    return 1 if errors or rebuild.get("code") else 0


if __name__ == "__main__":
    sys.exit(main())
