"""Fuzz benchmark: 10,000 damaged files through each importer and the curated loader, no traceback allowed.

    uv run python benchmarks/bench_fuzz.py                      # 10,000 cases each
    uv run python benchmarks/bench_fuzz.py --cases 500 baci wdi # fewer, some targets

Each case damages a valid seed file (see tests/fuzzing.py: bytes flipped, cut
short, inserted or deleted, lines repeated or swapped; for IMF workbooks also a
zip member changed and zipped again with a correct CRC) and runs the real
reader. Printed per target: cases, files accepted, tracebacks (the target is 0;
each kind is listed with an example), messages spanning lines (target 0), and
the kinds of one-line `CaravanError` messages with their counts. Exit status 1
when any target had a traceback or a multi-line message.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import fuzzing


def main() -> int:
    """Run the targets and print what they found."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("targets", nargs="*", metavar="TARGET", help=f"Some of {', '.join(fuzzing.TARGETS)} (all).")
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--kinds", type=int, default=12, help="Error kinds to list per target.")
    args = parser.parse_args()
    unknown = [t for t in args.targets if t not in fuzzing.TARGETS]
    if unknown:
        parser.error(f"unknown targets {', '.join(unknown)}; use some of {', '.join(fuzzing.TARGETS)}")
    bad = 0
    for target in args.targets or fuzzing.TARGETS:
        started = time.perf_counter()
        outcome = fuzzing.run(target, args.cases, seed=args.seed)
        took = time.perf_counter() - started
        tracebacks = sum(outcome.tracebacks.values())
        bad += tracebacks + outcome.multiline
        print(
            f"{target}: {outcome.cases} cases in {took:.0f} s, {outcome.accepted} accepted, "
            f"{sum(outcome.errors.values())} one-line errors of {len(outcome.errors)} kinds, "
            f"{tracebacks} tracebacks, {outcome.multiline} multi-line messages",
            flush=True,
        )
        for kind, n in outcome.tracebacks.most_common():
            print(f"  TRACEBACK {n:5d}  {kind}\n{outcome.examples[kind]}")
        for kind, n in outcome.errors.most_common(args.kinds):
            print(f"  {n:5d}  {kind}")
        if len(outcome.errors) > args.kinds:
            print(f"  ... {len(outcome.errors) - args.kinds} more kinds")
    print("fuzz: " + ("0 tracebacks" if not bad else f"{bad} failures (tracebacks or multi-line messages)"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
