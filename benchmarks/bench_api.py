"""Benchmark: the API under load with and without its response cache, against the stack's own ceiling.

    uv run python benchmarks/bench_api.py [--seconds 10] [--rounds 2] [--threads 2] [--connections 16] [--gzip]

Three servers on free loopback ports, started once and measured in turn, each
endpoint in each round (interleaved, so that a busy moment of the shared
machine does not fall on one of them only):

* `caravan serve` (the response cache on: the cached path);
* `caravan serve --no-cache` (every request answered by the app: its
  observations and indicators from the build's tables held in memory, sent as
  the JSON the build encoded when it was opened, before routing —
  `caravan.web.direct`);
* a bare Starlette endpoint under the same uvicorn settings (`uvicorn_options`)
  sending the same bytes as the observations answer: the ceiling of the HTTP
  stack itself, with no routing, validation or middleware.

The ledger is built from the project's data/ into a temporary folder. The load
comes from `wrk` (2 threads x 16 connections, keep-alive, `--latency`; with
`--gzip` the clients accept gzip as browsers do, and the API compresses every
answer over 1 KB, which costs the server more) where it
is installed (Debian package `wrk`), else from a Python asyncio client (2
processes x 16 connections, plain HTTP/1.1 keep-alive on sockets), which needs
far more of the CPU itself; the tool used is printed. Load generator and server
share the machine's cores.

Printed per server and endpoint: requests/s, p50 and p99 latency, errors
(non-2xx answers and socket errors), the server's CPU time per request (from
/proc, where there is one) and throughput as a ratio of the bare endpoint's and
of the cached server's on the same endpoint.
Target (issue 16): uncached single-pair observations and indicators at
>= 1,000 req/s with p99 < 50 ms and 0 errors.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing as mp
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from caravan.ledger.build import build
from caravan.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
ENDPOINTS = {
    "observations, one pair": "/api/observations?indicator=trade.turnover&subject=CHN&counterpart=KAZ",
    "indicators": "/api/indicators",
    "one indicator": "/api/indicators/trade.turnover",
}
BARE = """
import sys
import uvicorn
from starlette.applications import Starlette
from starlette.responses import Response
from starlette.routing import Route
from caravan.web.server import uvicorn_options

body = open(sys.argv[2], "rb").read()


async def answer(request):
    return Response(body, media_type="application/json")


app = Starlette(routes=[Route("/{path:path}", answer)])
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning", **uvicorn_options(10.0))
"""


def free_port() -> int:
    """A TCP port free on loopback now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(process: subprocess.Popen[bytes], url: str) -> None:
    """Wait for a started server to answer `url` (status below 500)."""
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"a server exited with {process.returncode} before answering {url}")
        try:
            if httpx.get(url, timeout=1).status_code < 500:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit(f"no answer from {url} within 90 s")


def start_caravan(settings: Settings, cache: bool) -> tuple[subprocess.Popen[bytes], str]:
    """`caravan serve` on a free loopback port, as a user runs it."""
    port = free_port()
    env = {**os.environ, "CARAVAN_LEDGER": str(settings.ledger), "CARAVAN_DATA": str(settings.data)}
    command = [sys.executable, "-c", "from caravan.cli import main; main()", "serve", "--port", str(port)]
    process = subprocess.Popen(
        command + ([] if cache else ["--no-cache"]), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    wait_until_up(process, base + "/api/meta")
    return process, base


def start_bare(body_file: Path) -> tuple[subprocess.Popen[bytes], str]:
    """The bare Starlette endpoint on a free loopback port."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-c", BARE, str(port), str(body_file)], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    wait_until_up(process, base + "/")
    return process, base


def cpu_seconds(pid: int) -> float | None:
    """User plus system CPU time a process has used (None where /proc is absent)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wrk_load(url: str, seconds: int, threads: int, connections: int, headers: list[str]) -> dict[str, float]:
    """Drive one URL with wrk; throughput, p50/p99 (ms), requests and errors as wrk reports them."""
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    out = subprocess.run(
        [*command, *(part for h in headers for part in ("-H", h)), url],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 60,
    ).stdout
    result = {"errors": 0.0}
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}
    for line in out.splitlines():
        parts = line.split()
        if line.startswith("Requests/sec:"):
            result["rps"] = float(parts[1])
        elif len(parts) == 2 and parts[0] in ("50%", "99%"):
            number, unit = re.fullmatch(r"([\d.]+)([a-z]+)", parts[1]).groups()  # type: ignore[union-attr]
            result["p" + parts[0].rstrip("%")] = float(number) * scale[unit]
        elif "requests in" in line:
            result["requests"] = float(parts[0])
        elif line.strip().startswith("Non-2xx"):
            result["errors"] += float(parts[-1])
        elif line.strip().startswith("Socket errors:"):
            result["errors"] += sum(float(n) for n in re.findall(r"\d+", line))
    return result


async def _connection(
    host: str, port: int, target: str, headers: list[str], deadline: float, latencies: list[float]
) -> int:
    """One keep-alive connection sending GET requests until the deadline; returns its errors."""
    request = "".join(f"{h}\r\n" for h in [f"GET {target} HTTP/1.1", f"Host: {host}", *headers]).encode() + b"\r\n"
    errors = 0
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length = re.search(rb"(?i)\r\ncontent-length:\s*(\d+)", head)
            if length is None:
                raise ConnectionError("an answer without Content-Length")
            await reader.readexactly(int(length.group(1)))
            latencies.append(time.perf_counter() - start)
            errors += status >= 300
    except (OSError, asyncio.IncompleteReadError, ConnectionError):
        errors += 1
    finally:
        writer.close()
    return errors


def _client_process(url: str, seconds: float, connections: int, headers: list[str], out: mp.Queue) -> None:
    host, port, target = _split(url)

    async def run() -> tuple[list[float], int]:
        latencies: list[float] = []
        deadline = time.perf_counter() + seconds
        clients = (_connection(host, port, target, headers, deadline, latencies) for _ in range(connections))
        errors = await asyncio.gather(*clients)
        return latencies, sum(errors)

    out.put(asyncio.run(run()))


def _split(url: str) -> tuple[str, int, str]:
    match = re.fullmatch(r"http://([^:/]+):(\d+)(/.*)", url)
    if match is None:
        raise ValueError(url)
    return match.group(1), int(match.group(2)), match.group(3)


def python_load(url: str, seconds: int, processes: int, connections: int, headers: list[str]) -> dict[str, float]:
    """Drive one URL with `processes` asyncio clients of `connections` keep-alive connections each."""
    queue: mp.Queue = mp.Queue()
    work = (url, seconds, connections, headers, queue)
    procs = [mp.Process(target=_client_process, args=work) for _ in range(processes)]
    start = time.perf_counter()
    for p in procs:
        p.start()
    results = [queue.get() for _ in procs]
    for p in procs:
        p.join()
    wall = time.perf_counter() - start
    latencies = sorted(x for lat, _ in results for x in lat)
    if not latencies:
        return {"rps": 0.0, "p50": float("nan"), "p99": float("nan"), "requests": 0.0, "errors": 1.0}

    def pct(q: float) -> float:
        return latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000

    return {
        "rps": len(latencies) / wall,
        "p50": pct(0.50),
        "p99": pct(0.99),
        "requests": float(len(latencies)),
        "errors": float(sum(e for _, e in results)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=10, help="load time per endpoint and server")
    parser.add_argument("--rounds", type=int, default=2, help="interleaved rounds; the best round is printed")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads, or client processes")
    parser.add_argument("--connections", type=int, default=16, help="connections per thread or process")
    parser.add_argument("--python-client", action="store_true", help="use the asyncio client even if wrk is there")
    parser.add_argument("--gzip", action="store_true", help="clients accept gzip (the server compresses answers)")
    args = parser.parse_args()
    headers = ["Accept-Encoding: gzip"] if args.gzip else []
    use_wrk = shutil.which("wrk") is not None and not args.python_client
    total = args.threads * args.connections
    tool = (
        f"wrk -t{args.threads} -c{total}"
        if use_wrk
        else f"Python asyncio client, {args.threads} processes x {args.connections} connections"
    )

    def drive(url: str) -> dict[str, float]:
        if use_wrk:
            return wrk_load(url, args.seconds, args.threads, total, headers)
        return python_load(url, args.seconds, args.threads, args.connections, headers)

    servers: list[tuple[str, subprocess.Popen[bytes], str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(ledger=Path(tmp) / "caravan.duckdb", data=ROOT / "data")
        build(settings, force=True)
        try:
            for label, cache in (("cached", True), ("uncached", False)):
                process, base = start_caravan(settings, cache)
                servers.append((label, process, base))
            body = Path(tmp) / "body.json"
            body.write_bytes(httpx.get(servers[1][2] + ENDPOINTS["observations, one pair"], timeout=30).content)
            process, base = start_bare(body)
            servers.append(("bare Starlette", process, base))

            best: dict[tuple[str, str], dict[str, float]] = {}
            for _ in range(args.rounds):
                for label, process, base in servers:
                    paths = {"same bytes as one pair": "/"} if label == "bare Starlette" else ENDPOINTS
                    for name, path in paths.items():
                        httpx.get(base + path, timeout=30)  # warm-up
                        before = cpu_seconds(process.pid)
                        result = drive(base + path)
                        after = cpu_seconds(process.pid)
                        if before is not None and after is not None and result.get("requests"):
                            result["cpu_ms"] = (after - before) / result["requests"] * 1000
                        kept = best.get((label, name))
                        if kept is None or result["rps"] > kept["rps"]:
                            best[label, name] = result
        finally:
            for _, process, _ in servers:
                process.terminate()
                process.wait(timeout=10)

    ceiling = best["bare Starlette", "same bytes as one pair"]["rps"]
    print(f"{os.cpu_count()} cores shared by load generator and server; loopback; {tool}, {args.seconds} s a run,")
    print(
        f"best of {args.rounds} interleaved rounds; answers {'gzip' if args.gzip else 'not'} compressed; "
        "errors are non-2xx answers plus socket errors"
    )
    print(
        f"{'server':<15} {'endpoint':<24} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} "
        f"{'cpu ms/req':>10} {'vs bare':>8} {'vs cached':>9}"
    )
    for (label, name), r in best.items():
        cpu = f"{r['cpu_ms']:>10.3f}" if "cpu_ms" in r else f"{'-':>10}"
        cached = best.get(("cached", name))
        versus_cached = f"{r['rps'] / cached['rps']:>9.2f}" if cached else f"{'-':>9}"
        print(
            f"{label:<15} {name:<24} {r['rps']:>8.0f} {r['p50']:>8.1f} {r['p99']:>8.1f} {int(r['errors']):>7} "
            f"{cpu} {r['rps'] / ceiling:>8.2f} {versus_cached}"
        )
    print("target: uncached one pair and indicators >= 1,000 req/s, p99 < 50 ms, 0 errors")


if __name__ == "__main__":
    main()
