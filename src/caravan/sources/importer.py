"""`caravan import`: stage bulk files as Parquet, then commit them to the store and ledger at once.

An import reads every file first, writing what it produces into a staging
folder inside the store. Only when every file has been read does it move the
staged Parquet files into place, attach them in one transaction to a copy of
the current build (a new build, `caravan.ledger.builds`), flip the ledger to
it and replace the manifest. Any error before the flip removes the staging
folder, the new build and the files it moved, so the ledger and the store are
left exactly as they were; a server reading the ledger is never disturbed.

Once the ledger is flipped its views read the moved files, so they are never
removed again: if the manifest then cannot be replaced, the
import fails with a message asking to run it again. Stored file names are
derived from the content checksum, so the rerun stages the same files, moves
them over the ones in place (same bytes) and finishes the manifest. A move
never lists a file that already existed as its own to remove on failure.

A file whose content checksum is already in the manifest adds nothing. A file
that covers the same scope as an earlier import (the same IMF DOTS reporter,
the same BACI year in any HS revision) replaces it. Of several files of one
scope given together, the last in name order is imported and the manifest
remembers the others as superseded by it, so importing the same folder again
adds nothing (it used to swap them on every run).
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import hashlib
import importlib
import math
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Protocol

import duckdb

from caravan import __version__
from caravan.errors import CaravanError, DataError, InputError, LedgerError
from caravan.ledger.builds import build_file, clean_leftovers, current_file, new_build_id, prune, publish, scratch_file
from caravan.ledger.vintages import BuildInfo, record, stamp
from caravan.locking import exclusive
from caravan.settings import Settings
from caravan.sources.bulkstore import (
    STAGING_PREFIX,
    ImportEntry,
    Manifest,
    attach,
    commit_manifest,
    read_manifest,
    recover_manifest,
    remove_files,
    remove_leftovers,
    write_manifest_tmp,
)

Progress = Callable[[str, int, int], None]
"""Called with (file name, bytes done, bytes in all files) as an import reads."""


DUCKDB_MEMORY = "1GB"


def connect_duckdb(scratch: Path | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with bounded memory for CSV-to-Parquet conversion.

    Args:
        scratch: Where DuckDB spills what does not fit in memory (default: its own `.tmp`
            in the working folder). Imports give a folder inside their staging folder,
            so that a killed import's spill files are removed with it.
    """
    con = duckdb.connect()
    if scratch is not None:
        con.execute("SET temp_directory = '" + str(scratch).replace("'", "''") + "'")
    con.execute(f"SET memory_limit = '{DUCKDB_MEMORY}'")
    con.execute("SET preserve_insertion_order = false")
    return con


@dataclass
class Staging:
    """A staging folder inside the store, removed when the import ends."""

    root: Path
    _con: duckdb.DuckDBPyConnection | None = field(default=None, repr=False)

    def path(self, relative: str) -> Path:
        """Where a staged file with this store-relative path is written (folders created)."""
        target = self.root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def duckdb(self) -> duckdb.DuckDBPyConnection:
        """One DuckDB connection (`connect_duckdb`, spilling into this folder) for every file of the import.

        Opening a connection costs about 20 ms, as much as converting 50,000 rows: a
        folder of yearly BACI files paid it once a file.
        """
        if self._con is None:
            self._con = connect_duckdb(self.root / ".duckdb-tmp")
        return self._con

    def close(self) -> None:
        """Close the import's DuckDB connection, if one was opened (before the folder is removed)."""
        if self._con is not None:
            self._con.close()
            self._con = None


@dataclass
class InputFile:
    """One file to import, with its content checksum."""

    path: Path
    checksum: str
    size: int

    @property
    def short(self) -> str:
        """The first 16 hex digits of the checksum, used in ids and file names."""
        return self.checksum[:16]


class ImportFormat(Protocol):
    """What each bulk format module provides."""

    name: str
    suffixes: tuple[str, ...]

    def prepare(self, files: list[Path]) -> tuple[list[Path], Any]:
        """Split the expanded files into data files and shared context (e.g. BACI's country codes)."""
        ...

    def stage(self, file: InputFile, staging: Staging, context: Any, progress: Callable[[int], None]) -> ImportEntry:
        """Read one file, write its Parquet files into staging, and describe them."""
        ...


@dataclass
class ImportReport:
    """What an import did."""

    format: str
    imported: list[ImportEntry] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    superseded: list[str] = field(default_factory=list)
    """Of the skipped files, those a later file of their scope given with them (now or before) replaces."""
    replaced: list[str] = field(default_factory=list)
    attached: bool = False
    recovered: bool = False
    """The store's manifest was finished from the ledger (an earlier import stopped after its commit)."""

    @property
    def rows(self) -> int:
        """Rows written by this import."""
        return sum(e.rows for e in self.imported)

    def unmapped(self) -> dict[str, int]:
        """Names or codes that could not be mapped to an ISO country, with row counts."""
        out: dict[str, int] = {}
        for e in self.imported:
            for name, n in e.unmapped.items():
                out[name] = out.get(name, 0) + n
        return dict(sorted(out.items()))


def checked_value(value: float, factor: float = 1.0, *, negative: bool = False) -> float:
    """A bulk file's value times its scale factor, refused where it is no trade or stock figure.

    Args:
        value: The value as the file gives it.
        factor: Its scale (1000 for BACI's thousands of dollars).
        negative: Let a negative value through (the caller sets it aside and reports it).

    Raises:
        ValueError: The value is not finite (NaN, infinity, or infinite once scaled) or is negative.
    """
    scaled = value * factor
    if not math.isfinite(value) or not math.isfinite(scaled):
        raise ValueError(f"value {value!r} is not a finite number")
    if value < 0 and not negative:
        raise ValueError(f"value {value!r} is negative; a flow or stock cannot be")
    return scaled


# The same rule, for the formats DuckDB reads: `value_sql('b.v', 1000)` errors with 'bad value'.
def value_sql(column: str, factor: float) -> str:
    """SQL that scales a value column and raises 'bad value' where `checked_value` would refuse it."""
    return (
        f"CASE WHEN isnan({column}) OR isinf({column}) OR isinf({column} * {factor}) OR {column} < 0 "
        f"THEN error('bad value') ELSE {column} * {factor} END"
    )


@dataclass
class ReadPlace:
    """Where the reading of a bulk file stands: a row number, or a csv reader whose line it is on."""

    row: int | None = None
    reader: Any = None

    def label(self) -> str | None:
        """`row N`, or None before the first row."""
        row = self.reader.line_num if self.reader is not None else self.row
        return f"row {row}" if row else None


@contextlib.contextmanager
def reading(path: Path) -> Iterator[ReadPlace]:
    """Turn a failure while reading a bulk file's rows into one line naming the file (and row, where known).

    Opening a file is not the only read that fails: a CSV row can be malformed
    (a field beyond the csv module's limit), bytes may not decode, the disk may
    fail half-way. The caller keeps the place it yields up to date.

    Raises:
        DataError: Reading failed.
    """
    place = ReadPlace()
    try:
        yield place
    except CaravanError:
        raise
    except csv.Error as exc:
        raise DataError(str(path), place.label(), f"malformed CSV: {exc}; download it again") from exc
    except UnicodeDecodeError as exc:
        raise DataError(str(path), place.label(), f"is not UTF-8 text ({exc.reason}); download it again") from exc
    except OSError as exc:
        raise DataError(
            str(path), place.label(), f"cannot be read ({exc.strerror or exc}); check the file and try again"
        ) from exc


def file_checksum(path: Path) -> str:
    """SHA-256 of a file's content, read in blocks.

    Raises:
        DataError: The file cannot be read.
    """
    digest = hashlib.sha256()
    with reading(path), path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def expand(paths: Sequence[Path], suffixes: tuple[str, ...]) -> list[Path]:
    """Files named directly, and the files with the format's suffixes inside folders, in name order.

    Raises:
        InputError: A path does not exist, or a folder holds no file of the format.
    """
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            found = sorted(
                (
                    f
                    for f in p.iterdir()
                    if f.is_file() and f.name.lower().endswith(suffixes) and not f.name.startswith(".")
                ),
                key=lambda f: _natural(f.name),
            )
            if not found:
                raise InputError(f"{p}: no {'/'.join(suffixes)} files in this folder")
            out += found
        elif p.is_file():
            out.append(p)
        else:
            raise InputError(f"{p}: no such file or folder")
    return list(dict.fromkeys(out))


def _natural(name: str) -> list[Any]:
    """Sort key that puts DOTS_2 before DOTS_10."""
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", name)]


def source_row(
    *,
    source_id: str,
    publisher: str,
    title: str,
    url: str,
    file: Path,
    licence: str | None = None,
) -> dict[str, Any]:
    """The `source` row of an imported file."""
    return {
        "id": source_id,
        "publisher": publisher,
        "original_publisher": None,
        "title": title,
        "url": url,
        "published": None,
        "retrieved": date.today().isoformat(),
        "kind": "dataset",
        "language": "en",
        "licence": licence,
        "file": str(file),
    }


def new_entry(fmt: str, file: InputFile, scope: str, source: dict[str, Any]) -> ImportEntry:
    """An empty manifest entry for a file being staged."""
    return ImportEntry(
        checksum=file.checksum,
        format=fmt,
        file=str(file.path),
        scope=scope,
        source=source,
        files={},
        rows=0,
        imported_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )


# Each format's module and the name of its handler: an import loads only its own (the spreadsheet
# readers the IMF DOTS format needs cost a BACI import 10-20 ms).
FORMATS = {
    "imf-dots": ("caravan.sources.imf_dots", "IMF_DOTS"),
    "baci": ("caravan.sources.baci", "BACI"),
    "comtrade": ("caravan.sources.comtrade", "COMTRADE"),
    "wdi": ("caravan.sources.wdi", "WDI"),
}


def import_format(name: str) -> ImportFormat:
    """The handler of one import format.

    Raises:
        InputError: No format has this name.
    """
    if name not in FORMATS:
        raise InputError(f"unknown import format {name!r}; use one of {', '.join(FORMATS)}")
    module, handler = FORMATS[name]
    found: ImportFormat = getattr(importlib.import_module(module), handler)
    return found


def formats() -> dict[str, ImportFormat]:
    """The import formats by name."""
    return {name: import_format(name) for name in FORMATS}


def import_files(
    settings: Settings, fmt: str, paths: Sequence[Path], *, progress: Progress | None = None
) -> ImportReport:
    """Import bulk files of one format into the store and attach them to the ledger.

    Args:
        settings: Where the ledger and the store are.
        fmt: `imf-dots`, `baci`, `comtrade` or `wdi`.
        paths: Files or folders.
        progress: Called as bytes are read.

    Returns:
        What was imported, skipped (already imported) and replaced.

    Raises:
        InputError: Unknown format or missing path.
        DataError: A file is malformed (names file, row and problem); nothing is written.
        LedgerError: The ledger cannot be updated; nothing is written.
    """
    handler = import_format(fmt)
    data_files, context = handler.prepare(expand(paths, handler.suffixes))
    store = settings.store_dir
    try:
        with exclusive(settings.ledger, waiting=lambda: progress and progress("waiting for another import", 0, 1)):
            clean_leftovers(settings.ledger, store)
            remove_leftovers(store)
            recovered = recover_manifest(settings.ledger, store)
            report = _import_locked(settings, fmt, handler, data_files, context, progress)
    except OSError as exc:  # a full disk, a read-only store: the import undid what it had written
        where = f" ({exc.filename})" if exc.filename else ""
        raise LedgerError(
            f"cannot write the store {store}{where}: {exc.strerror or exc}; nothing was imported or changed. "
            "Free disk space or make the folder writable, then import again"
        ) from exc
    report.recovered = recovered
    return report


def _import_locked(
    settings: Settings,
    fmt: str,
    handler: ImportFormat,
    data_files: list[Path],
    context: Any,
    progress: Progress | None,
) -> ImportReport:
    """The import proper, under the ledger's lock."""
    store = settings.store_dir
    manifest = read_manifest(store)
    report = ImportReport(format=fmt)
    seen: set[str] = set()
    given: list[ImportEntry] = []  # entries staged and entries already imported, in the order given
    sizes = []
    for path in data_files:
        with reading(path):
            sizes.append(path.stat().st_size)
    total = sum(sizes)
    done = 0
    staging: Staging | None = None
    moved: list[str] = []
    # Checksums are computed ahead in a background thread (hashlib releases the GIL while it
    # hashes a block), so the next file is hashed while DuckDB converts this one.
    hasher = ThreadPoolExecutor(max_workers=1, thread_name_prefix="caravan-checksum")
    try:
        for path, size, checksum in zip(data_files, sizes, hasher.map(file_checksum, data_files), strict=True):
            base = done
            done += size
            known = manifest.by_checksum(checksum)
            if known is not None or checksum in seen:
                report.skipped.append(str(path))
                if known is not None and known not in given:
                    given.append(known)
                continue
            if manifest.superseded_by(checksum) is not None:
                report.skipped.append(str(path))
                report.superseded.append(str(path))
                continue
            seen.add(checksum)
            if staging is None:
                store.mkdir(parents=True, exist_ok=True)
                staging = Staging(Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=store)))

            def advance(nbytes: int, name: str = path.name, base: int = base) -> None:
                if progress:
                    progress(name, base + nbytes, total)

            entry = handler.stage(InputFile(path, checksum, size), staging, context, advance)
            advance(size)
            report.imported.append(entry)
            given.append(entry)
        if staging is None:  # every file was imported before
            return report
        new = _merge(manifest, report, given)
        for entry in report.imported:
            for rel in (r for rels in entry.files.values() for r in rels):
                target = store / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                existed = target.exists()
                (staging.root / rel).replace(target)
                if not existed:  # a file already in place may be read by the ledger (an unfinished import)
                    moved.append(rel)
        report.attached = _commit(settings, new, moved)
    except BaseException:
        remove_files(store, moved)
        raise
    finally:
        hasher.shutdown(wait=False, cancel_futures=True)
        if staging is not None:
            staging.close()
            shutil.rmtree(staging.root, ignore_errors=True)
    if report.attached:
        # Replaced files stay while a kept build reads them; pruning removes them with its last one.
        with contextlib.suppress(OSError):  # the import is done; a file left here is in no manifest and is ignored
            prune(settings.ledger, store, settings.keep_builds)
    else:
        still = {r for e in new.entries for rels in e.files.values() for r in rels}
        with contextlib.suppress(OSError):
            remove_files(
                store, [r for e in manifest.entries for rels in e.files.values() for r in rels if r not in still]
            )
    return report


def _merge(old: Manifest, report: ImportReport, given: list[ImportEntry]) -> Manifest:
    """The manifest after this import: of the files of one scope, the last given replaces the others.

    `given` holds the staged entries and the manifest's entries of files given
    again, in the order given. The winner of a scope remembers the checksums of
    the files it won over in `supersedes`, so that giving the same files again
    adds nothing. A staged file losing to a file already imported is not
    imported (it is listed with the superseded files).
    """
    staged = {id(e) for e in report.imported}
    winners: dict[str, ImportEntry] = {}
    losers: dict[str, list[ImportEntry]] = {}
    for entry in given:
        if entry.scope in winners:
            losers.setdefault(entry.scope, []).append(winners[entry.scope])
        winners[entry.scope] = entry
    for scope, lost in losers.items():
        winner = winners[scope]
        extra = [c for e in lost for c in (*e.supersedes, e.checksum) if c not in winner.supersedes]
        if id(winner) in staged:
            winner.supersedes = [*winner.supersedes, *extra]
        else:  # a copy, so that the old manifest (whose superseded files are removed) is left as read
            winners[scope] = winner = dataclasses.replace(winner, supersedes=[*winner.supersedes, *extra])
        for e in lost:
            if id(e) in staged and id(winner) not in staged:
                report.superseded.append(e.file)
                report.skipped.append(e.file)
            else:
                report.replaced.append(e.file)
    report.imported = [e for e in report.imported if winners[e.scope] is e]
    entries: list[ImportEntry] = []
    for entry in old.entries:
        won = winners.get(entry.scope)
        if won is None:
            entries.append(entry)
        elif won.checksum == entry.checksum:
            entries.append(won)  # kept, perhaps with more superseded checksums
        elif entry not in given:
            report.replaced.append(entry.file)
    kept = {e.checksum for e in entries}
    return Manifest(entries + [e for e in report.imported if e.checksum not in kept])


def _commit(settings: Settings, manifest: Manifest, moved: list[str]) -> bool:
    """Write a new build with the import attached, flip the ledger to it, then replace the manifest.

    The current build is copied to a new file, the import attached to the copy in
    one transaction with its changelog, and the ledger path flipped to it
    (`caravan.ledger.builds`): a server reading the current build is never
    disturbed and sees the new one on its next request. True when the ledger was updated.

    `moved` lists the files the caller removes if this fails. It is emptied just
    before the flip: from then on the ledger may read those files, so they must
    stay even if the manifest cannot be written.

    Raises:
        LedgerError: The ledger cannot be updated (nothing changed), or the ledger
            was updated but the manifest could not be written (run the import again).
    """
    store = settings.store_dir
    tmp = write_manifest_tmp(store, manifest)
    try:
        current = current_file(settings.ledger)
        if current is None:
            commit_manifest(tmp, store)
            return False
        _write_build(settings, current, manifest, moved)
        try:
            commit_manifest(tmp, store)
        except OSError as exc:
            raise LedgerError(
                f"the ledger now reads this import but the manifest in {store} could not be written ({exc}); "
                "run the same import again to finish it"
            ) from exc
        return True
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


BEFORE = "caravan_observation_before"


def _write_build(settings: Settings, current: Path, manifest: Manifest, moved: list[str]) -> None:
    """Copy the current build, attach the store's imports to the copy, and publish it."""
    build_id = new_build_id()
    target = build_file(settings.ledger, build_id)
    scratch = target.with_name(f".{target.name}.tmp")
    handed_over: list[str] = []
    try:
        try:
            scratch = scratch_file(settings.ledger, build_id)
            shutil.copyfile(current, scratch)
            con = duckdb.connect(str(scratch))
        except (OSError, duckdb.Error) as exc:
            raise LedgerError(
                f"cannot write a new build of the ledger at {settings.ledger} ({exc}); "
                "check the folder is writable and has space, then import again"
            ) from exc
        try:
            con.execute("BEGIN")
            # The copy's observations before the import changes them: the changelog's "before".
            con.execute(f"CREATE TEMP TABLE {BEFORE} AS SELECT * FROM observation")
            attach(con, settings.store_dir, manifest)
            row = con.execute("SELECT value FROM meta WHERE key = 'input_checksum'").fetchone()
            checksum = hashlib.sha256(f"{row[0] if row else ''}|imports{manifest.checksum}".encode()).hexdigest()
            inputs = [("import", e.file, e.checksum) for e in manifest.entries]
            info = BuildInfo(build_id, "import", stamp(), checksum, __version__, inputs)
            record(con, current, info, before=BEFORE)
            con.execute(f"DROP TABLE {BEFORE}")
            con.execute("COMMIT")
            con.execute("CHECKPOINT")
        except duckdb.Error as exc:
            with contextlib.suppress(duckdb.Error):
                con.execute("ROLLBACK")
            raise LedgerError(
                f"cannot attach the import to {settings.ledger}: {exc}; run `caravan build --force`"
            ) from exc
        finally:
            con.close()
        os.replace(scratch, target)
        handed_over[:] = moved
        moved.clear()
        publish(settings.ledger, target)
    except BaseException:
        moved.extend(handed_over)  # the ledger was not flipped: the files are still ours to remove
        for path in (scratch, target, scratch.with_name(scratch.name + ".wal")):
            with contextlib.suppress(OSError):  # absent, or its folder is not one
                path.unlink()
        raise
