"""Benchmark: the HTTP API under load on loopback, and each dashboard page's transferred weight.

Starts `caravan serve` (one process, as users run it) on a free loopback port
with a ledger built from data/ into a temporary folder, then drives it with a
bounded load generator: client processes, each with threads on keep-alive
connections, stopping after a request count or a time limit, whichever comes
first. Targets (issue #6, on this 2-core machine, client and server sharing it):

* indicator and observation endpoints: at least 300 requests/s, p99 under 100 ms;
* a route request: p95 under 50 ms;
* every page: under 1.5 MB transferred (measured in headless Chromium).

Static files are measured too (issue #16: 460–850 req/s before they were compressed once).

Baseline, measured in the same run: the smallest static file the server sends
(its favicon), so the ratios show what the API's work costs on top of HTTP.

    uv run python benchmarks/bench_web.py [--seconds 10] [--threads 2] [--connections 16] [--python-client]

The load comes from `wrk` where it is installed (Debian package `wrk`), else
from Python client processes (which need much of the CPU themselves).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
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
from caravan.web.vendor import vendor_url

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ENDPOINTS = {
    "baseline: /favicon.ico": "/favicon.ico",
    "indicators": "/api/indicators",
    "observations, one pair": "/api/observations?indicator=trade.turnover&subject=CHN&counterpart=KAZ",
    "observations, page of 100": "/api/observations?indicator=trade.turnover&limit=100",
    "observations, by entity": "/api/observations?entity=KAZ&limit=50",
    # Static files as pages link them (a client that accepts gzip): the largest ones the explorer loads.
    "static: d3.min.js": vendor_url("d3.min.js"),
    "static: countries-50m.json": vendor_url("countries-50m.json"),
    "static: css/caravan.css": "/static/css/caravan.css",
}
ROUTE = "/api/routes?from=city.urumqi&to=city.almaty&alternatives=1"
PAGES = ["/", "/country/KAZ", "/trade", "/corridors", "/energy", "/people", "/institutions", "/claims", "/sources"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def client_process(base: str, path: str, count: int, seconds: float, threads: int, out: mp.Queue) -> None:
    """One load-generating process: `threads` keep-alive clients sharing a bounded budget."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    remaining = [count]
    deadline = time.perf_counter() + seconds

    def worker() -> None:
        nonlocal errors
        with httpx.Client(base_url=base, timeout=10, headers={"accept-encoding": "gzip"}) as http:
            while time.perf_counter() < deadline:
                with lock:
                    if remaining[0] <= 0:
                        return
                    remaining[0] -= 1
                start = time.perf_counter()
                response = http.get(path)
                elapsed = time.perf_counter() - start
                with lock:
                    latencies.append(elapsed)
                    if response.status_code != 200:
                        errors += 1

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    out.put((latencies, errors))


def load(base: str, path: str, count: int, seconds: float, clients: int, threads: int) -> dict[str, float]:
    """Drive one endpoint with `clients` processes x `threads` threads; return throughput and latencies."""
    httpx.get(base + path, timeout=30)  # warm-up (first route request loads the network)
    queue: mp.Queue = mp.Queue()
    share = max(1, count // clients)
    work = (base, path, share, seconds, threads, queue)
    procs = [mp.Process(target=client_process, args=work) for _ in range(clients)]
    start = time.perf_counter()
    for p in procs:
        p.start()
    results = [queue.get() for _ in procs]
    for p in procs:
        p.join()
    wall = time.perf_counter() - start
    latencies = sorted(x for lat, _ in results for x in lat)
    errors = sum(e for _, e in results)

    def pct(q: float) -> float:
        return latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000

    return {
        "requests": len(latencies),
        "errors": errors,
        "rps": len(latencies) / wall,
        "p50": pct(0.50),
        "p95": pct(0.95),
        "p99": pct(0.99),
        "mean": statistics.fmean(latencies) * 1000,
    }


def wrk_load(base: str, path: str, seconds: float, threads: int, connections: int) -> dict[str, float]:
    """Drive one endpoint with wrk (bounded by time); throughput and latency percentiles it reports."""
    out = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{max(1, int(seconds))}s",
            "--latency",
            "-H",
            "Accept-Encoding: gzip",
            base + path,
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 30,
    ).stdout
    result: dict[str, float] = {"errors": 0}
    units = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    for line in out.splitlines():
        parts = line.split()
        if line.startswith("Requests/sec:"):
            result["rps"] = float(parts[1])
        elif len(parts) == 2 and parts[0] in ("50%", "90%", "99%"):
            number = parts[1].rstrip("usm")
            unit = parts[1][len(number) :]
            result["p" + parts[0].rstrip("%")] = float(number) * units[unit]
        elif "requests in" in line:
            result["requests"] = float(parts[0])
        elif line.strip().startswith("Non-2xx"):
            result["errors"] = float(parts[-1])
    return result


def sequential(base: str, path: str, count: int) -> dict[str, float]:
    """Latency of one client asking one request at a time (what a planner user sees)."""
    latencies = []
    with httpx.Client(base_url=base, timeout=30) as http:
        http.get(path)
        for _ in range(count):
            start = time.perf_counter()
            response = http.get(path)
            latencies.append(time.perf_counter() - start)
            if response.status_code != 200:
                return {"status": response.status_code, "body": response.text[:200]}  # type: ignore[dict-item]
    latencies.sort()
    return {"requests": count, "p50": latencies[count // 2] * 1000, "p95": latencies[int(0.95 * count)] * 1000}


def page_weights(base: str) -> dict[str, tuple[int, int]]:
    """Bytes transferred (bodies as sent, gzip where used, plus headers) and request count per page."""
    from playwright.sync_api import sync_playwright

    weights = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        for path in PAGES:
            context = browser.new_context()
            page = context.new_page()
            finished: list = []

            def record(request: object, into: list = finished) -> None:
                into.append(request)

            page.on("requestfinished", record)
            page.goto(base + path, wait_until="networkidle")
            page.wait_for_selector("body[data-ready=true]", timeout=30_000)
            total = 0
            for request in finished:
                sizes = request.sizes()
                total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
            weights[path] = (total, len(finished))
            context.close()
        browser.close()
    return weights


def start_server(settings: Settings, cache: bool) -> tuple[subprocess.Popen[bytes], str]:
    """`caravan serve` on a free loopback port; wait until it answers."""
    port = free_port()
    env = {**os.environ, "CARAVAN_LEDGER": str(settings.ledger), "CARAVAN_DATA": str(settings.data)}
    command = [sys.executable, "-c", "from caravan.cli import main; main()", "serve", "--port", str(port)]
    server = subprocess.Popen(
        command + ([] if cache else ["--no-cache"]), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            if httpx.get(base + "/api/meta", timeout=1).status_code == 200:
                return server, base
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("caravan serve did not start")


def measure(base: str, args: argparse.Namespace, label: str) -> None:
    """Throughput and latency of each endpoint, then of a route request."""
    use_wrk = shutil.which("wrk") is not None and not args.python_client
    tool = (
        f"wrk, {args.threads} threads x {args.connections} connections, {args.seconds:.0f} s"
        if use_wrk
        else f"Python client, {args.clients} processes x {args.threads} threads, "
        f"at most {args.requests} requests or {args.seconds:.0f} s"
    )
    print(f"\n== {label} ({tool})")
    tail = "p90 ms" if use_wrk else "p95 ms"
    print(f"{'endpoint':<30} {'req/s':>8} {'p50 ms':>8} {tail:>8} {'p99 ms':>8} {'errors':>7} {'vs base':>8}")
    baseline = None
    for name, path in ENDPOINTS.items():
        httpx.get(base + path, timeout=30)
        if use_wrk:
            r = wrk_load(base, path, args.seconds, args.threads, args.connections)
            r["p95"] = r.get("p90", float("nan"))
        else:
            r = load(base, path, args.requests, args.seconds, args.clients, args.threads)
        baseline = baseline or r["rps"]
        print(
            f"{name:<30} {r['rps']:>8.0f} {r['p50']:>8.1f} {r['p95']:>8.1f} {r['p99']:>8.1f} "
            f"{int(r['errors']):>7} {r['rps'] / baseline:>8.2f}"
        )
    r = sequential(base, ROUTE, args.route_requests)
    if "p95" not in r:
        print(f"route request failed: {r}")
        return
    print(
        f"route Urumqi -> Almaty, one client at a time: p50 {r['p50']:.1f} ms, p95 {r['p95']:.1f} ms "
        f"({r['requests']} requests; target p95 < 50 ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=3000, help="requests per endpoint (Python client)")
    parser.add_argument("--seconds", type=float, default=10.0, help="time limit per endpoint")
    parser.add_argument("--clients", type=int, default=2, help="load-generating processes (Python client)")
    parser.add_argument("--threads", type=int, default=2, help="threads per client process, or wrk threads")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections")
    parser.add_argument("--route-requests", type=int, default=200, help="sequential route requests")
    parser.add_argument("--python-client", action="store_true", help="use the Python client even if wrk is there")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(ledger=Path(tmp) / "caravan.duckdb", data=ROOT / "data")
        build(settings, force=True)
        print(f"{os.cpu_count()} cores; client and server share them; loopback only")
        for cache, label in ((True, "caravan serve (default: answers cached)"), (False, "caravan serve --no-cache")):
            server, base = start_server(settings, cache)
            try:
                measure(base, args, label)
                if cache and CHROMIUM.exists():
                    print(f"\n{'page':<16} {'transferred':>12} {'requests':>9}   (target < 1.5 MB)")
                    for path, (size, count) in page_weights(base).items():
                        print(f"{path:<16} {size / 1e6:>10.3f} MB {count:>9}")
                elif cache:
                    print("page weights: /usr/bin/chromium is absent; not measured")
            finally:
                server.terminate()
                server.wait(timeout=10)


if __name__ == "__main__":
    main()
