"""One lock for the ledger and its store: builds and imports take turns, none is lost.

Two imports at once used to both read the manifest, and the one that finished
last wrote it without the other's files. Every build and import now holds an
exclusive lock on `<ledger>.lock` for its whole run; a second one waits for the
first (saying so) and gives up with one line after `wait` seconds.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from caravan.errors import LedgerError

WAIT_SECONDS = 600.0


def lock_path(ledger: Path) -> Path:
    """The lock file beside a ledger."""
    return ledger.with_name(ledger.name + ".lock")


@contextlib.contextmanager
def exclusive(ledger: Path, *, wait: float | None = None, waiting: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the ledger's lock for the duration of the block.

    Args:
        ledger: The ledger whose lock to take.
        wait: Seconds to wait for another build or import to finish (default `WAIT_SECONDS`).
        waiting: Called once if the lock is held by another process.

    Raises:
        LedgerError: Another build or import held the lock for longer than `wait`.
    """
    wait = WAIT_SECONDS if wait is None else wait
    path = lock_path(ledger)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LedgerError(
                        f"another build or import of {ledger} is still running after {wait:.0f} s; "
                        "wait for it to finish and try again"
                    ) from None
                if not told and waiting is not None:
                    waiting()
                    told = True
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
