"""Benchmark: first render of an explorer view in headless Chromium, the server warm.

Target (issue #17): an explorer view renders in at most 1 s on this machine with the server warm.

Starts `caravan serve` on a free loopback port with a ledger built from data/ into a temporary
folder (or the one given with --ledger), opens each view once to warm the server, then opens it
`--runs` times, each in a fresh browser context (nothing cached in the browser: a first visit).
The time of a render is the page's own clock (`performance.now()`, from the start of navigation)
when the page marks itself ready (`body[data-ready=true]`, after its data is drawn).

Baseline, measured in the same run the same way: the claim checker's page, which draws its form
without asking the API for data, so the ratios show what an explorer view costs on top of loading
a page of the dashboard at all.

    uv run python benchmarks/bench_explore.py [--runs 15] [--ledger caravan.duckdb]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from caravan.ledger.build import build
from caravan.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run", "--disable-quic"]
FIVE = "".join(f"&pair={c}:CHN" for c in ("KAZ", "KGZ", "TJK", "TKM", "UZB"))
VIEWS = {
    "baseline: /claims": "/claims",
    "for comparison: overview (map)": "/",
    "explorer, default view": "/explore",
    "explorer, chart, 5 series": f"/explore?indicator=trade.exports{FIVE}&view=chart&scale=linear",
    "explorer, relative": f"/explore?indicator=trade.exports{FIVE}&view=chart&scale=relative",
    "explorer, table": f"/explore?indicator=trade.exports{FIVE}&view=table&scale=linear",
    "explorer, map": f"/explore?indicator=trade.exports{FIVE}&view=map&scale=linear",
}
TARGET_MS = 1000.0
# The page's clock when it marked itself ready, recorded by an observer installed before any script runs.
RECORD_READY = """
new MutationObserver((_, observer) => {
  if (document.body?.dataset.ready === "true") { window.__readyAt = performance.now(); observer.disconnect(); }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-ready"] });
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(settings: Settings) -> tuple[subprocess.Popen[bytes], str]:
    """`caravan serve` on a free loopback port; wait until it answers."""
    port = free_port()
    env = {**os.environ, "CARAVAN_LEDGER": str(settings.ledger), "CARAVAN_DATA": str(settings.data)}
    command = [sys.executable, "-c", "from caravan.cli import main; main()", "serve", "--port", str(port)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(base + "/api/meta", timeout=1).status_code == 200:
                return server, base
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("caravan serve did not start")


def render_ms(browser: object, url: str) -> float:
    """Milliseconds from navigation start to the page marking itself ready, in a fresh context."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    try:
        context.add_init_script(RECORD_READY)
        page = context.new_page()
        page.goto(url, wait_until="commit")
        page.wait_for_selector("body[data-ready=true]", timeout=60_000)
        if page.locator("#app .error").count():
            raise SystemExit(f"{url}: {page.locator('#app .error').inner_text()}")
        return float(page.evaluate("() => window.__readyAt"))
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="Renders measured per view.")
    parser.add_argument("--ledger", type=Path, help="A built ledger to serve (default: build data/ afresh).")
    args = parser.parse_args()
    if not CHROMIUM.exists():
        raise SystemExit("Debian's chromium is not installed (scripts/setup-system installs it)")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        if args.ledger:
            settings = Settings(ledger=args.ledger.resolve(), data=ROOT / "data")
        else:
            settings = Settings(ledger=Path(tmp) / "caravan.duckdb", data=ROOT / "data")
            build(settings, force=True)
        server, base = start_server(settings)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
                for path in VIEWS.values():  # warm the server: every answer a view needs, asked once
                    render_ms(browser, base + path)
                times = {n: [render_ms(browser, base + path) for _ in range(args.runs)] for n, path in VIEWS.items()}
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)
    baseline = statistics.median(times["baseline: /claims"])
    print(f"First render in headless Chromium, fresh browser context each run, server warm ({args.runs} runs)")
    print(f"{'view':32} {'median ms':>10} {'p90 ms':>8} {'max ms':>8} {'× baseline':>11}  target ≤ {TARGET_MS:.0f} ms")
    for name, values in times.items():
        median = statistics.median(values)
        p90 = statistics.quantiles(values, n=10)[-1] if len(values) > 1 else values[0]
        verdict = "" if not name.startswith("explorer") else ("  met" if p90 <= TARGET_MS else "  MISSED")
        print(f"{name:32} {median:10.0f} {p90:8.0f} {max(values):8.0f} {median / baseline:11.2f}{verdict}")


if __name__ == "__main__":
    main()
