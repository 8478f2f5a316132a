"""Benchmark: faults at scale — concurrent imports lose nothing, and kill -9 at the import's commit leaves no split.

Two parts, each with real `caravan` processes on a ledger built from data/ in a
temporary folder:

* **Concurrent imports** (`--trials`, default 20): two `caravan import wdi` of
  different files start at once; both must land (two manifest entries, both
  indicators in the ledger) and survive a `caravan build --force`.
* **Kill at the commit** (`--kills`, default 30): an import is killed with
  SIGKILL at a random moment near its end (70–105 % of a measured import's
  duration, where its ledger commit and manifest write happen). Then the ledger
  and the store must agree — the import is wholly in or wholly out — once the
  next `caravan build` has run its recovery. A disagreement it does not detect
  and repair is an *undetected split*.

Target (issue #15): 0 lost of 20 concurrent imports; 0 undetected splits in 30 kills.
Baseline, in the same run: the duration of one uninterrupted import, so each
kill's moment is printed as a fraction of it.

    uv run python benchmarks/bench_faults.py [--trials 20] [--kills 30]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "trade"))

from samples import write_wdi, write_wdi_wide  # noqa: E402

from caravan.ledger.store import Ledger  # noqa: E402
from caravan.sources.bulkstore import read_manifest  # noqa: E402

CLI = [sys.executable, "-c", "from caravan.cli import main; main()"]


def _env(folder: Path) -> dict[str, str]:
    return {**os.environ, "CARAVAN_LEDGER": str(folder / "caravan.duckdb"), "CARAVAN_DATA": str(ROOT / "data")}


def _run(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], env=_env(folder), capture_output=True, text=True, check=False)


def _macro(folder: Path) -> set[str]:
    with Ledger(folder / "caravan.duckdb") as ledger:
        rows = ledger.query("SELECT DISTINCT indicator FROM observation WHERE indicator LIKE 'macro.%'")
    return {r["indicator"] for r in rows}


def _entries(folder: Path) -> int:
    return len(read_manifest(folder / "caravan.store").entries)


def _fresh(base: Path, name: str) -> Path:
    folder = base / name
    folder.mkdir()
    done = _run(folder, "build")
    if done.returncode != 0:
        raise SystemExit(f"build failed: {done.stderr.strip()}")
    return folder


def concurrent(base: Path, trials: int) -> int:
    """Two imports at once, `trials` times; return how many imports were lost."""
    lost = 0
    for trial in range(trials):
        folder = _fresh(base, f"concurrent-{trial}")
        files = [write_wdi(folder / "gdp.csv"), write_wdi_wide(folder / "API_SP.POP.TOTL.csv")]
        processes = [
            subprocess.Popen([*CLI, "import", "wdi", str(f)], env=_env(folder), stdout=subprocess.DEVNULL)
            for f in files
        ]
        codes = [p.wait() for p in processes]
        _run(folder, "build", "--force")
        landed = _macro(folder)
        missing = 2 - len(landed & {"macro.gdp", "macro.population"})
        lost += missing
        print(f"  trial {trial + 1:2}: exit {codes}, manifest {_entries(folder)}, in the ledger {sorted(landed)}")
        shutil.rmtree(folder)
    return lost


def kills(base: Path, count: int) -> tuple[int, float]:
    """Kill imports near their commit; return undetected splits and the baseline import time."""
    folder = _fresh(base, "baseline")
    gdp = write_wdi(folder / "gdp.csv")
    started = time.perf_counter()
    done = _run(folder, "import", "wdi", str(gdp))
    baseline = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"import failed: {done.stderr.strip()}")
    shutil.rmtree(folder)
    splits = 0
    rng = random.Random(15)
    for trial in range(count):
        folder = _fresh(base, f"kill-{trial}")
        gdp = write_wdi(folder / "gdp.csv")
        moment = rng.uniform(0.70, 1.05) * baseline
        process = subprocess.Popen([*CLI, "import", "wdi", str(gdp)], env=_env(folder), stdout=subprocess.DEVNULL)
        time.sleep(moment)
        process.send_signal(signal.SIGKILL)
        process.wait()
        recovered = _run(folder, "build")  # the next run: recovery, leftovers removed
        in_ledger = "macro.gdp" in _macro(folder)
        in_manifest = _entries(folder) == 1
        split = in_ledger != in_manifest or recovered.returncode != 0
        splits += split
        state = "in" if in_ledger and in_manifest else "out" if not (in_ledger or in_manifest) else "SPLIT"
        print(f"  kill {trial + 1:2} at {moment / baseline:4.0%} of an import: {state}")
        shutil.rmtree(folder)
    return splits, baseline


def main() -> None:
    """Run both parts and print the counts against the targets."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--kills", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        print(f"concurrent imports, {args.trials} trials of two:")
        lost = concurrent(base, args.trials)
        print(f"kill -9 near the import's commit, {args.kills} kills:")
        splits, baseline = kills(base, args.kills)
    print()
    print(f"baseline: one uninterrupted import takes {baseline:.2f} s (kill moments are fractions of it)")
    print(f"imports lost: {lost} of {2 * args.trials} (target 0)")
    print(f"undetected splits: {splits} of {args.kills} (target 0)")


if __name__ == "__main__":
    main()
