"""Start-up of the `caravan` command: each command as a fresh process, against bare Python in the same run.

    uv run python benchmarks/bench_startup.py                  # 7 interleaved rounds
    uv run python benchmarks/bench_startup.py --runs 11
    uv run python benchmarks/bench_startup.py --without-bytecode

A ledger is built from data/ into a temporary folder; then every round runs each
command once, in turn (interleaved, so that a change in the machine's load falls
on all of them alike): `caravan --help`, `caravan trade --help`, `caravan show
KAZ`, `caravan route Xi'an Duisburg`, `caravan trade summary` (over the ledger's
cited figures: nothing is imported), `caravan check` on a two-sentence article
(and `caravan show KAZ -f json`, which shows what printing the table costs),
and the baselines `python -c pass` and `python -c "import duckdb"`. A first round
warms the file cache and is not counted. Each command prints its min and median
wall time and both as ratios against the baselines' min and median, with the
target of issue 16 (with bytecode): `--help` <= 0.3 s, `show` and `check` <= 0.3 s,
`route` <= 0.5 s, `trade summary` <= 0.6 s. The load average is printed: absolute
times move with it, the ratios much less; the CPU each process used (user and
system, over all its threads) is printed too, which waits least for a busy machine.

With bytecode, Caravan's own modules are compiled first (`compileall`, as
`scripts/setup` does): they are installed editable, outside what `uv sync
--compile-bytecode` compiles, and where the environment sets
PYTHONDONTWRITEBYTECODE no run would ever cache them, so each would recompile
them all (about 0.3 s for `caravan check`).

`--without-bytecode` runs everything with an empty bytecode cache that is never
written (`-X pycache_prefix` and `PYTHONDONTWRITEBYTECODE`): every module, the
standard library's too, is compiled on every run, an upper bound on what an
install without compiled bytecode costs before its imports are cached.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = (
    "Trade between China and Kazakhstan reached 43.8 billion US dollars in 2024, "
    "according to China's customs. The China–Central Asia gas pipeline has delivered over 500 billion cubic metres.\n"
)
PYTHON = [sys.executable]
CARAVAN = [sys.executable, "-c", "from caravan.cli import main; main()"]


BASELINES = ["python -c pass", 'python -c "import duckdb"']


def commands(article: Path) -> list[tuple[str, list[str], float | None]]:
    """(label, argv, target seconds or None), in the order each round runs them; the baselines first."""
    return [
        ("python -c pass", [*PYTHON, "-c", "pass"], None),
        ('python -c "import duckdb"', [*PYTHON, "-c", "import duckdb"], None),
        ("caravan --help", [*CARAVAN, "--help"], 0.3),
        ("caravan trade --help", [*CARAVAN, "trade", "--help"], 0.3),
        ("caravan show KAZ", [*CARAVAN, "show", "KAZ"], 0.3),
        ("caravan show KAZ -f json", [*CARAVAN, "show", "KAZ", "-f", "json"], None),
        ("caravan route Xi'an Duisburg", [*CARAVAN, "route", "Xi'an", "Duisburg"], 0.5),
        ("caravan trade summary", [*CARAVAN, "trade", "summary"], 0.6),
        ("caravan check article.txt", [*CARAVAN, "check", str(article)], 0.3),
    ]


def run_once(argv: list[str], env: dict[str, str], cwd: Path, bytecode: bool) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system, all its threads) of one run; fails loudly if it fails."""
    if not bytecode:
        argv = [argv[0], "-X", f"pycache_prefix={cwd / 'no-pycache'}", *argv[1:]]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr.decode()[-2000:]}")
    return seconds, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7, help="Counted rounds (at least 5).")
    parser.add_argument("--without-bytecode", action="store_true", help="Run with no bytecode cache at all.")
    args = parser.parse_args()
    runs = max(5, args.runs)
    bytecode = not args.without_bytecode

    from caravan.ledger.build import build
    from caravan.settings import Settings

    if bytecode:
        compileall.compile_dir(ROOT / "src", quiet=1)

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        settings = Settings(ledger=folder / "caravan.duckdb", data=ROOT / "data")
        build(settings, force=True)
        article = folder / "article.txt"
        article.write_text(ARTICLE, encoding="utf-8")
        env = {**os.environ, "CARAVAN_LEDGER": str(settings.ledger), "CARAVAN_DATA": str(settings.data)}
        if not bytecode:
            env["PYTHONDONTWRITEBYTECODE"] = "1"
        todo = commands(article)
        times: dict[str, list[float]] = {label: [] for label, _, _ in todo}
        cpu: dict[str, list[float]] = {label: [] for label, _, _ in todo}
        for _label, argv, _ in todo:  # warm-up round, not counted
            run_once(argv, env, folder, bytecode)
        for _ in range(runs):
            for label, argv, _ in todo:
                wall, used = run_once(argv, env, folder, bytecode)
                times[label].append(wall)
                cpu[label].append(used)

    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(
        f"start-up, {runs} interleaved rounds after one warm-up, {'with' if bytecode else 'WITHOUT'} bytecode; "
        f"{os.cpu_count()} cores, load average {load}"
        + ("; PYTHONDONTWRITEBYTECODE set" if os.environ.get("PYTHONDONTWRITEBYTECODE") else "")
    )
    bare, duck = BASELINES
    print(f"{'command':<30} {'min s':>6} {'median s':>8}  {'x pass (min/med)':>17}  {'x import duckdb':>16}  target")
    for label, _, target in todo:
        lo, mid = min(times[label]), statistics.median(times[label])
        verdict = "" if target is None else f"<= {target} s: min {_met(lo, target)}, median {_met(mid, target)}"
        bare_lo, bare_mid = min(times[bare]), statistics.median(times[bare])
        duck_lo, duck_mid = min(times[duck]), statistics.median(times[duck])
        print(
            f"{label:<30} {lo:>6.3f} {mid:>8.3f}  {lo / bare_lo:>7.1f} / {mid / bare_mid:>7.1f}"
            f"  {lo / duck_lo:>6.2f} / {mid / duck_mid:>6.2f}  {verdict}"
        )
    # On a loaded machine the wall times wait for the cores; the CPU a process used waits much less.
    print(f"\n{'CPU s (user + system)':<30} {'min s':>6} {'median s':>8}  {'x import duckdb (min/med)':>26}")
    duck_cpu_lo, duck_cpu_mid = min(cpu[duck]), statistics.median(cpu[duck])
    for label, _, _ in todo:
        lo, mid = min(cpu[label]), statistics.median(cpu[label])
        print(f"{label:<30} {lo:>6.3f} {mid:>8.3f}  {lo / duck_cpu_lo:>12.2f} / {mid / duck_cpu_mid:>6.2f}")


def _met(seconds: float, target: float) -> str:
    return "met" if seconds <= target else "NOT met"


if __name__ == "__main__":
    main()
