"""Builds as immutable files, and the pointer that names the current one.

Every build (and every import that changes the ledger) writes a new, complete
DuckDB file into the folder beside the ledger, then flips the pointer:

```
caravan.duckdb -> caravan.builds/20261202T004512.123456Z.duckdb   the pointer (a symbolic link)
caravan.builds/20261202T004512.123456Z.duckdb                      the current build
caravan.builds/20261201T170102.654321Z.duckdb                      an older build, kept
```

The pointer is the ledger path itself (`CARAVAN_LEDGER`), made a symbolic link
that is replaced atomically (`os.replace` of a new link over it): every caller
that opens the ledger path — the CLI, the tests, DuckDB itself — keeps working
and sees either the old build or the complete new one, never a half. A server
that holds an older build open keeps reading it (its file is never written
again) and opens the new one between requests. Only the newest
`Settings.keep_builds` files are kept; each build carries the history of every
build before it (`caravan.ledger.vintages`), so pruning a file loses nothing.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from caravan.sources.bulkstore import MANIFEST_META, read_manifest, remove_files

SUFFIX = ".duckdb"
_ID = re.compile(r"^\d{8}T\d{6}\.\d{6}Z$")


def builds_dir(ledger: Path) -> Path:
    """The folder of build files beside a ledger (`caravan.duckdb` -> `caravan.builds`)."""
    return ledger.with_suffix(".builds")


def new_build_id(now: datetime | None = None) -> str:
    """A fresh build id: the UTC time of the build to the microsecond (`20261202T004512.123456Z`).

    Builds are made one at a time under the ledger's lock, so ids sort in the order builds were made.
    """
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    return f"{moment:%Y%m%dT%H%M%S.%fZ}"


def build_file(ledger: Path, build_id: str) -> Path:
    """Where the file of one build lives."""
    return builds_dir(ledger) / f"{build_id}{SUFFIX}"


def current_file(ledger: Path) -> Path | None:
    """The file the ledger path designates now (the build it points to), or None when there is none."""
    if not ledger.exists():
        return None
    return Path(os.path.realpath(ledger))


def publish(ledger: Path, file: Path) -> None:
    """Make `file` (a complete build in the ledger's builds folder) the current ledger, atomically.

    A new symbolic link is made beside the ledger and moved over it; readers see
    the old build or the new one. A ledger left as a plain file by an earlier
    version of Caravan is replaced the same way (its write-ahead log folded in first).
    """
    target = os.path.relpath(file, ledger.parent)
    link = ledger.with_name(f".{ledger.name}.{secrets.token_hex(4)}.link")
    os.symlink(target, link)
    try:
        if ledger.exists() and not ledger.is_symlink():
            settle_wal(ledger)
        os.replace(link, ledger)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            link.unlink()
        raise
    with contextlib.suppress(OSError):  # make the flip durable where the platform allows it
        fd = os.open(ledger.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def settle_wal(path: Path) -> None:
    """Fold the write-ahead log of a plain-file ledger into it, so DuckDB never replays it onto a build."""
    wal = path.with_name(path.name + ".wal")
    if not wal.exists():
        return
    with contextlib.suppress(duckdb.Error):
        duckdb.connect(str(path)).close()  # opening read-write checkpoints the log
    with contextlib.suppress(FileNotFoundError):
        wal.unlink()


def scratch_file(ledger: Path, build_id: str) -> Path:
    """A temporary file a build is written to before it is complete (removed by the next run if killed)."""
    folder = builds_dir(ledger)
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f".{build_id}{SUFFIX}.tmp"


def clean_leftovers(ledger: Path, store: Path | None = None) -> list[Path]:
    """Remove what killed builds and imports left behind.

    That is unfinished build files, links and logs, complete builds never
    published, and in the store, staging folders and unwritten manifests.
    Called under the ledger's lock, so no other run is writing them.

    Returns:
        The files and folders removed.
    """
    found: list[Path] = []
    if store is not None and store.is_dir():
        for leftover in [*store.glob(".staging-*"), *store.glob(".manifest.*.tmp")]:
            if leftover.is_dir():
                shutil.rmtree(leftover, ignore_errors=True)
            else:
                leftover.unlink(missing_ok=True)
            found.append(leftover)
    folder = builds_dir(ledger)
    if folder.is_dir():
        found += [p for p in folder.iterdir() if p.name.startswith(".") and (p.is_file() or p.is_symlink())]
    if ledger.parent.is_dir():
        found += [
            p
            for p in ledger.parent.iterdir()
            if p.name.startswith(f".{ledger.name}.") and p.name.endswith((".tmp", ".tmp.wal", ".link"))
        ]
    # Builds are published in turn under the lock: a complete file newer than the current one was
    # written by a run killed before its flip, and never served.
    current = current_file(ledger)
    if current is not None and current.parent == folder:
        found += [f for f in kept_builds(ledger) if f.name > current.name]
    for path in found:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    return found


def kept_builds(ledger: Path) -> list[Path]:
    """The complete build files in the builds folder, oldest first (ids sort by time)."""
    folder = builds_dir(ledger)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob(f"*{SUFFIX}") if _ID.match(p.name.removesuffix(SUFFIX)))


def _stored_files(file: Path) -> set[str] | None:
    """The store files a build's views read (from the manifest in its meta); None when unreadable."""
    try:
        con = duckdb.connect(str(file), read_only=True)
    except duckdb.Error:
        return None
    try:
        row = con.execute("SELECT value FROM meta WHERE key = ?", [MANIFEST_META]).fetchone()
    except duckdb.Error:
        return None
    finally:
        con.close()
    if row is None:
        return set()
    imports = json.loads(row[0]).get("imports", [])
    return {f for entry in imports for files in entry.get("files", {}).values() for f in files}


def prune(ledger: Path, store: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` build files (never the current one), and store files no build reads.

    An import that replaces a file leaves the replaced Parquet files in the
    store while a kept build still reads them; they go with the last such build.
    A server still answering a request from a deleted build keeps its open file.

    Returns:
        The build files removed.
    """
    current = current_file(ledger)
    files = kept_builds(ledger)
    old = [f for f in files[: max(0, len(files) - keep)] if f != current]
    if not old:
        return []
    released: set[str] = set()
    for file in old:
        stored = _stored_files(file)
        released |= stored or set()
        with contextlib.suppress(FileNotFoundError):
            file.unlink()
        with contextlib.suppress(FileNotFoundError):
            file.with_name(file.name + ".wal").unlink()
    if released:
        still: set[str] = {f for e in read_manifest(store).entries for rels in e.files.values() for f in rels}
        for file in kept_builds(ledger):
            stored = _stored_files(file)
            if stored is None:  # cannot tell what it reads: remove nothing
                return old
            still |= stored
        remove_files(store, sorted(released - still))
    return old
