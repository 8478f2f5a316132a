"""kill -9 at any moment of a build or import leaves the old build or the complete new one, and the next run works."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from caravan.ledger.build import build
from caravan.ledger.builds import builds_dir
from caravan.ledger.store import Ledger
from caravan.settings import Settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "trade"))

from samples import write_wdi

BUILD = "from caravan.cli import main; main()"


def _state(settings: Settings) -> tuple[str, float]:
    """The served build's id and the figure it holds (opening it proves it complete)."""
    with Ledger(settings.ledger) as ledger:
        (row,) = ledger.query(
            "SELECT value FROM observation WHERE indicator = 'trade.turnover' AND subject = 'CHN' "
            "AND counterpart = 'KAZ' AND period = '2024'"
        )
        return ledger.meta["build_id"], row["value"]


@pytest.mark.slow
@pytest.mark.parametrize("trial", range(6))
def test_a_killed_build_or_import_leaves_old_or_new_and_the_next_run_cleans_up(
    tiny_settings: Settings, tmp_path: Path, trial: int
) -> None:
    build(tiny_settings)
    before = _state(tiny_settings)
    csv = tiny_settings.data / "observations" / "main.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("2024,43.8,bn USD", "2024,44.5,bn USD"), encoding="utf-8")
    env = {**os.environ, "CARAVAN_LEDGER": str(tiny_settings.ledger), "CARAVAN_DATA": str(tiny_settings.data)}
    args = ["build"] if trial % 2 == 0 else ["import", "wdi", str(write_wdi(tmp_path / "gdp.csv"))]
    process = subprocess.Popen([sys.executable, "-c", BUILD, *args], env=env, stdout=subprocess.DEVNULL)
    time.sleep(random.Random(trial).uniform(0.5, 4.0))  # a random moment of the run (or after it)
    process.send_signal(signal.SIGKILL)
    process.wait()
    after = _state(tiny_settings)
    if trial % 2 == 0:
        assert after == before or (after[0] != before[0] and after[1] == 44.5)
    else:
        assert after[1] == 43.8  # an import keeps the curated figure, whichever build is current
    report = build(tiny_settings)  # the next run succeeds and removes what the killed one left
    assert _state(tiny_settings)[1] == 44.5 and report.build_id
    assert not [p.name for p in builds_dir(tiny_settings.ledger).iterdir() if p.name.startswith(".")]
    assert not [p.name for p in tiny_settings.ledger.parent.iterdir() if p.name.endswith((".tmp", ".link"))]
    store = tiny_settings.store_dir
    assert not (store.is_dir() and [p.name for p in store.iterdir() if p.name.startswith(".")])
