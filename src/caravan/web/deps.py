"""Request dependencies: each request reads one build of the ledger, whole, on its own cursor.

The ledger path names the current build (`caravan.ledger.builds`); a build's
file never changes once written. `LiveLedger` keeps the current build open,
read-only, and checks the ledger path at the start of each request: when a
newer build has been published it opens that one, and every later request
reads it. A request keeps the build it started with to its end, so an answer
never mixes two builds; an older build is closed when the last request reading
it ends. Each request gets its own DuckDB cursor on its build (a cursor is a
separate connection to the same database, so requests served on different
threads never share one).

With `resident` on (the default), a build's observations, indicators and entities
are read into memory once when it is opened (`caravan.ledger.resident`), and each
request's ledger answers those reads from memory, with no query; the API's JSON of
the observations and indicators is encoded then too (`caravan.web.encoded`), for
the answers sent before routing (`caravan.web.direct`). The memory goes with the
build when it is closed.
"""

from __future__ import annotations

import contextlib
import ctypes
import dataclasses
import os
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, TypeVar

import duckdb
from fastapi import Depends, Query, Request
from starlette.concurrency import run_in_threadpool

from caravan.errors import CaravanError
from caravan.ledger.resident import ResidentLedger, ResidentTables
from caravan.ledger.store import Ledger
from caravan.settings import Settings
from caravan.web.encoded import EncodedTables

T = TypeVar("T")

BUILD_HEADER = "X-Caravan-Build"
"""The response header naming the build an answer was read from."""
BUILD_STATE = "caravan_build"
"""The key in a request's ASGI state under which `get_ledger` leaves the build id it read."""
BUILD_FILE_STATE = "caravan_build_file"
"""... and the build's file."""


@dataclass
class OpenBuild:
    """One build held open by the server, with the number of requests reading it."""

    ledger: Ledger
    file: Path
    identity: tuple[int, int]
    build_id: str
    tables: ResidentTables | None = None
    encoded: EncodedTables | None = None
    users: int = 0
    retired: bool = False

    def reader(self) -> Ledger:
        """A ledger for one request on its own cursor of this build (reading the resident tables if held)."""
        if self.tables is not None:
            return ResidentLedger(self.ledger.con.cursor(), self.ledger.path, self.ledger.meta, self.tables)
        return CursorLedger(self.ledger)


class LiveLedger:
    """The server's ledger provider: the current build, switched between requests, closed when unused."""

    def __init__(self, path: Path, *, threads: int = 1, resident: bool = True) -> None:
        """Open the build the ledger path names now.

        Args:
            path: The ledger path (`CARAVAN_LEDGER`).
            threads: DuckDB threads per query (one: requests run concurrently and each query is small).
            resident: Hold each build's small tables in memory (`caravan.ledger.resident`).

        Raises:
            LedgerError: No ledger there, or one that cannot be read.
        """
        self.path = path
        self.threads = threads
        self.resident = resident
        self._lock = threading.Lock()
        self._current = self._open()
        self.switches = 0

    def _open(self) -> OpenBuild:
        file = Path(os.path.realpath(self.path))
        ledger = Ledger(file)
        ledger.path = self.path  # messages and the builds folder name the ledger path, not the build file
        ledger.con.execute(f"SET threads TO {int(self.threads)}")
        try:
            tables = ResidentTables.load(ledger) if self.resident else None
        except duckdb.Error:
            ledger.close()
            raise
        encoded = EncodedTables.encode(tables) if tables is not None else None
        stat = os.stat(file)
        build_id = ledger.meta.get("build_id") or file.stem
        return OpenBuild(ledger, file, (stat.st_dev, stat.st_ino), build_id, tables, encoded)

    def stale(self) -> bool:
        """Whether the ledger path names a build other than the one held (one `stat`, no lock)."""
        try:
            stat = os.stat(self.path)
        except OSError:
            return False
        return (stat.st_dev, stat.st_ino) != self._current.identity

    def refresh(self) -> None:
        """Open the build the ledger path names now, if it is not the one held (blocks while it loads)."""
        with self._lock:
            self._refresh()

    def _refresh(self) -> None:
        """Open the build the ledger path names, if it is not the one held (under the lock)."""
        try:
            stat = os.stat(self.path)
        except OSError:
            return  # the link is being replaced or the ledger removed: keep answering from the build held
        if (stat.st_dev, stat.st_ino) == self._current.identity:
            return
        try:
            fresh = self._open()
        except (CaravanError, duckdb.Error, OSError):
            return  # a build that cannot be opened is not served; the one held stays
        old, self._current = self._current, fresh
        self.switches += 1
        old.retired = True
        if old.users == 0:
            _close(old)

    @property
    def build_id(self) -> str:
        """The id of the build new requests read (after checking for a newer one)."""
        with self._lock:
            self._refresh()
            return self._current.build_id

    def acquire(self) -> OpenBuild:
        """The current build, held for one request until `release`."""
        with self._lock:
            self._refresh()
            held = self._current
            held.users += 1
            return held

    def release(self, held: OpenBuild) -> None:
        """End one request's use of a build; a retired build is closed with its last request."""
        with self._lock:
            held.users -= 1
            if held.retired and held.users == 0:
                _close(held)

    def close(self) -> None:
        """Close the build held (at shutdown)."""
        with self._lock:
            self._current.retired = True
            if self._current.users == 0:
                self._current.ledger.close()
                self._current.tables = None
                self._current.encoded = None


class CursorLedger(Ledger):
    """A `Ledger` whose queries run on a cursor of an already open ledger."""

    def __init__(self, base: Ledger) -> None:
        self.path = base.path
        self.meta = base.meta
        self.con = base.con.cursor()


def build_settings(request: Request) -> Settings:
    """Settings naming the build this request reads, for code that opens the ledger itself (trade analyses).

    The store stays the configured one. Outside a request that read the ledger, the configured settings.
    """
    settings: Settings = request.app.state.settings
    file = request.scope.get("state", {}).get(BUILD_FILE_STATE)
    if file is None:
        return settings
    return dataclasses.replace(settings, ledger=file, store=settings.store_dir)


@contextmanager
def request_build(request: Request) -> Iterator[Settings]:
    """Hold the current build for a block of a request that opens the ledger itself; yields its settings."""
    live: LiveLedger = request.app.state.ledgers
    held = live.acquire()
    try:
        state = request.scope.setdefault("state", {})
        state[BUILD_STATE], state[BUILD_FILE_STATE] = held.build_id, held.file
        yield build_settings(request)
    finally:
        live.release(held)


async def get_ledger(request: Request) -> AsyncIterator[Ledger]:
    """The current build for the span of one request, on its own cursor.

    Async so that opening and closing the cursor (both instant) cost no trip to the
    thread pool. The build's id is left in the request's state for the response header.
    """
    live: LiveLedger = request.app.state.ledgers
    held = live.acquire()
    try:
        state = request.scope.setdefault("state", {})
        state[BUILD_STATE], state[BUILD_FILE_STATE] = held.build_id, held.file
        ledger = held.reader()
        try:
            yield ledger
        finally:
            ledger.close()
    finally:
        live.release(held)


LedgerDep = Annotated[Ledger, Depends(get_ledger)]
# The language of an answer's words (units, periods, names); the codes and figures are the same in every one.
LangQuery = Annotated[
    str,
    Query(pattern="^(en|zh|ru)$", description="Language of the labels: units, periods and names (en, zh or ru)."),
]


async def read(ledger: Ledger, answer: Callable[..., T], *args: Any, memory: bool = True) -> T:
    """Run an endpoint's synchronous work where it belongs: inline when it reads memory only, else in a thread.

    An `async` endpoint whose answer comes from the resident tables (`memory` true and the
    ledger resident) computes it on the event loop, with no trip to the thread pool for the
    endpoint or its response validation (about a quarter of a small request's server CPU under
    load); anything that queries the build runs in the thread pool, as a synchronous endpoint
    would, so the event loop never waits on DuckDB.
    """
    if memory and ledger.resident:
        return answer(*args)
    return await run_in_threadpool(answer, *args)


def _close(build: OpenBuild) -> None:
    """Close a retired build, drop its resident tables and hand the memory back to the system.

    DuckDB frees a closed database's buffers, but glibc keeps freed memory in its
    arenas; `malloc_trim` returns it, so a server that has switched builds many
    times does not grow by one build's buffers each time. Elsewhere it is skipped.
    """
    build.ledger.close()
    build.tables = None
    build.encoded = None
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def record_model_run(request: Request, ledger: Any, kind: str, parameters: dict[str, Any], result: Any) -> Path | None:
    """Record a model run asked through the API, as the CLI records its runs (`caravan.runs`).

    The record is kept under the question's content key, so asking the same question
    again replaces it rather than adding one file per request. A server whose runs
    folder cannot be written still answers: the run is logged as not recorded (None).
    """
    import logging

    from caravan.runs import content_key, record_run, runs_dir

    inputs = {"ledger_build": ledger.meta.get("build_id", ""), "ledger": ledger.meta.get("input_checksum", "")}
    try:
        return record_run(
            runs_dir(request.app.state.settings.ledger), kind, parameters, inputs, result, key=content_key(parameters)
        )
    except OSError as exc:
        logging.getLogger(__name__).warning("%s run not recorded: %s", kind, exc)
        return None
