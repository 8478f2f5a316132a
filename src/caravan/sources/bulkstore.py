"""The Parquet store of bulk imports and its manifest, and how the ledger attaches them.

Bulk imports live beside the ledger in the store folder (`Settings.store_dir`):

```
<store>/manifest.json                                   what has been imported
<store>/trade_flow/dataset=baci/year=2020/<sha>-0.parquet   product-level flows
<store>/trade_total/dataset=imf-dots/<sha>.parquet      country totals by partner
<store>/observation/dataset=wdi/<sha>.parquet           small cited observations
```

The manifest is the single record of what the store holds: one entry per
imported file with its content checksum, its source row and the Parquet files
it produced. Files not named in the manifest are ignored, which is what makes
an import atomic. The ledger does not copy the large tables: `attach` creates
the views `trade_flow` and `trade_total` over the Parquet files in place, adds
each import's `source` row, and inserts the small observations. `caravan build`
calls `attach` inside its own transaction, so imports survive a rebuild.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from caravan.errors import DataError

MANIFEST = "manifest.json"
MANIFEST_VERSION = 1
# The ledger keeps the manifest of its last attach in `meta` under this key (see recover_manifest).
MANIFEST_META = "imports_manifest"

TRADE_FLOW = pa.schema(
    [
        ("dataset", pa.string()),
        ("year", pa.int32()),
        ("reporter", pa.string()),
        ("exporter", pa.string()),
        ("importer", pa.string()),
        ("hs_revision", pa.string()),
        ("hs6", pa.string()),
        ("value_usd", pa.float64()),
        ("quantity", pa.float64()),
        ("quantity_unit", pa.string()),
        ("basis", pa.string()),
        ("source_id", pa.string()),
    ]
)
"""Product-level bilateral flows (BACI, Comtrade): one row per exporter, importer, HS6, year.

`reporter` is the country whose statistics give the value (null for BACI's
reconciled flows); `basis` is `fob` (exports) or `cif` (imports).
"""

TRADE_TOTAL = pa.schema(
    [
        ("dataset", pa.string()),
        ("year", pa.int32()),
        ("reporter", pa.string()),
        ("exporter", pa.string()),
        ("importer", pa.string()),
        ("value_usd", pa.float64()),
        ("basis", pa.string()),
        ("estimate", pa.bool_()),
        ("source_id", pa.string()),
    ]
)
"""Total goods trade between two countries as one of them reports it (IMF DOTS, Comtrade TOTAL)."""

OBSERVATION = pa.schema(
    [
        ("id", pa.string()),
        ("indicator", pa.string()),
        ("subject", pa.string()),
        ("counterpart", pa.string()),
        ("period", pa.string()),
        ("period_kind", pa.string()),
        ("period_start", pa.date32()),
        ("period_end", pa.date32()),
        ("value", pa.float64()),
        ("unit", pa.string()),
        ("value_std", pa.float64()),
        ("unit_std", pa.string()),
        ("currency", pa.string()),
        ("source_id", pa.string()),
        ("locator", pa.string()),
        ("method", pa.string()),
        ("note", pa.string()),
        ("file", pa.string()),
    ]
)
"""Small cited observations from an import (WDI), inserted into the ledger's `observation` table."""

VIEWS: dict[str, pa.Schema] = {"trade_flow": TRADE_FLOW, "trade_total": TRADE_TOTAL}

_DUCK_TYPES = {
    pa.string(): "VARCHAR",
    pa.int32(): "INTEGER",
    pa.float64(): "DOUBLE",
    pa.bool_(): "BOOLEAN",
    pa.date32(): "DATE",
}


@dataclass
class ImportEntry:
    """One imported file as the manifest records it."""

    checksum: str
    format: str
    file: str
    scope: str
    source: dict[str, Any]
    files: dict[str, list[str]]
    rows: int
    imported_at: str
    unmapped: dict[str, int] = field(default_factory=dict)
    indicators: list[dict[str, Any]] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    """Years the entry covers, where every row of a year comes from it (BACI: one file a year)."""
    constants: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Per table, columns whose value is the same for every row of the entry's files.

    They are not written into the Parquet files (writing a constant into every
    row costs more than all the rest of a BACI import) but added by the view.
    """

    supersedes: list[str] = field(default_factory=list)
    """Checksums of files of the same scope that this one replaced when they were imported together.

    A folder holding two files of one scope (the IMF portal exported Nicaragua
    twice) imports the later one; remembering the earlier one's checksum makes
    importing the folder again add nothing, rather than each replacing the other.
    """

    def to_json(self) -> dict[str, Any]:
        """The entry as a JSON object."""
        return dict(self.__dict__)


@dataclass
class Manifest:
    """What the store holds: the imports, in the order they were made."""

    entries: list[ImportEntry] = field(default_factory=list)

    @property
    def checksum(self) -> str:
        """A checksum of the manifest's content (part of the build's input checksum)."""
        text = json.dumps([e.checksum for e in self.entries])
        return hashlib.sha256(text.encode()).hexdigest()

    def by_checksum(self, checksum: str) -> ImportEntry | None:
        """The entry of a file with this content, if it was imported."""
        return next((e for e in self.entries if e.checksum == checksum), None)

    def superseded_by(self, checksum: str) -> ImportEntry | None:
        """The entry that replaced a file with this content in the import that gave both, if any."""
        return next((e for e in self.entries if checksum in e.supersedes), None)

    def files(self, table: str) -> list[str]:
        """Relative paths of the Parquet files of one table, in import order."""
        return [f for e in self.entries for f in e.files.get(table, [])]


def read_manifest(store: Path) -> Manifest:
    """The store's manifest (empty when nothing was imported)."""
    path = store / MANIFEST
    if not path.exists():
        return Manifest()
    raw = json.loads(path.read_text(encoding="utf-8"))
    return Manifest([ImportEntry(**e) for e in raw.get("imports", [])])


def manifest_text(manifest: Manifest) -> str:
    """The manifest as the JSON text stored in the store and, with each attach, in the ledger's meta."""
    return json.dumps(
        {"version": MANIFEST_VERSION, "imports": [e.to_json() for e in manifest.entries]},
        ensure_ascii=False,
        indent=1,
        default=str,
    )


def write_manifest_tmp(store: Path, manifest: Manifest) -> Path:
    """Write the manifest to a temporary file in the store; `os.replace` it to commit."""
    store.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=MANIFEST_TMP_PREFIX, suffix=".tmp", dir=store)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(manifest_text(manifest))
    os.chmod(name, 0o644)
    return Path(name)


def recover_manifest(ledger: Path, store: Path) -> bool:
    """Finish an import that stopped between the ledger's commit and the manifest's write.

    Every attach stores the manifest in the ledger's `meta` inside the ledger's
    transaction, so the ledger holds the last committed one. Where the store's
    file differs (or is missing), it is rewritten from the ledger.

    Returns:
        True when the store's manifest was rewritten.
    """
    if not ledger.exists():
        return False
    try:
        con = duckdb.connect(str(ledger), read_only=True)
    except duckdb.Error:
        return False
    try:
        row = con.execute("SELECT value FROM meta WHERE key = ?", [MANIFEST_META]).fetchone()
    except duckdb.Error:
        return False
    finally:
        con.close()
    if row is None:
        return False
    path = store / MANIFEST
    on_disk = path.read_text(encoding="utf-8") if path.exists() else manifest_text(Manifest())
    if on_disk == row[0]:
        return False
    store.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=MANIFEST_TMP_PREFIX, suffix=".tmp", dir=store)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(row[0])
    os.chmod(name, 0o644)
    os.replace(name, path)
    return True


def commit_manifest(tmp: Path, store: Path) -> None:
    """Move a temporary manifest into place (the commit point of an import)."""
    os.replace(tmp, store / MANIFEST)


def _sql_list(paths: list[Path]) -> str:
    return "[" + ", ".join("'" + str(p).replace("'", "''") + "'" for p in paths) + "]"


def _empty_select(schema: pa.Schema) -> str:
    cols = ", ".join(f"CAST(NULL AS {_DUCK_TYPES[f.type]}) AS {f.name}" for f in schema)
    return f"SELECT {cols} WHERE false"


def _literal(value: Any, type_name: str) -> str:
    if value is None:
        return f"CAST(NULL AS {type_name})"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"CAST({value} AS {type_name})"
    return "'" + str(value).replace("'", "''") + "'"


def view_sql(store: Path, manifest: Manifest, table: str) -> str:
    """The SELECT a view over one stored table runs (typed, empty when nothing is stored).

    Entries whose files carry every column are read together; an entry with
    constant columns gets its own branch that adds them, so filters on those
    columns (dataset, source) are decided when the query is planned.
    """
    schema = VIEWS[table]
    plain: list[Path] = []
    branches: list[str] = []
    # Entries whose constants differ only in their source (BACI's yearly files) are read by one
    # scan, their source named from each row's file: a branch per file made DuckDB run a
    # pipeline per file, and a query for a few pairs took half as long again.
    groups: dict[str, list[tuple[list[Path], dict[str, Any]]]] = {}
    for entry in manifest.entries:
        files = [store / f for f in entry.files.get(table, [])]
        if not files:
            continue
        constants = entry.constants.get(table)
        if not constants:
            plain += files
            continue
        shared = {k: v for k, v in constants.items() if k != "source_id"}
        key = json.dumps([shared, "source_id" in constants], sort_keys=True, default=str)
        groups.setdefault(key, []).append((files, constants))
    for members in groups.values():
        constants = members[0][1]
        files = [f for group_files, _ in members for f in group_files]
        per_file = len(members) > 1 and "source_id" in constants
        source = (
            "CASE caravan_file "
            + " ".join(
                f"WHEN {_literal(str(f), 'VARCHAR')} THEN {_literal(c['source_id'], 'VARCHAR')}"
                for group_files, c in members
                for f in group_files
            )
            + " END"
        )
        cols = ", ".join(
            f"{source} AS {f.name}"
            if per_file and f.name == "source_id"
            else f"{_literal(constants[f.name], _DUCK_TYPES[f.type])} AS {f.name}"
            if f.name in constants
            else f"CAST({f.name} AS {_DUCK_TYPES[f.type]}) AS {f.name}"
            for f in schema
        )
        options = "hive_partitioning = false" + (", filename = 'caravan_file'" if per_file else "")
        branches.append(f"SELECT {cols} FROM read_parquet({_sql_list(files)}, {options})")
    if plain:
        cols = ", ".join(f"CAST({f.name} AS {_DUCK_TYPES[f.type]}) AS {f.name}" for f in schema)
        branches.insert(0, f"SELECT {cols} FROM read_parquet({_sql_list(plain)}, hive_partitioning = false)")
    return "\nUNION ALL\n".join(branches) if branches else _empty_select(schema)


def attach(con: duckdb.DuckDBPyConnection, store: Path, manifest: Manifest | None = None) -> dict[str, int]:
    """Attach the store's imports to an open ledger connection (inside the caller's transaction).

    Removes what an earlier attach added (import sources and their observations),
    then adds each import's source row, its observations and indicators, and
    (re)creates the `trade_flow` and `trade_total` views over the Parquet files.

    Args:
        con: A read-write connection to a ledger whose tables exist.
        store: The store folder.
        manifest: The manifest to attach (default: the one on disk).

    Returns:
        Rows attached per table or view.
    """
    manifest = manifest if manifest is not None else read_manifest(store)
    con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [MANIFEST_META, manifest_text(manifest)])
    # Bulk imports' sources carry their file's checksum; extracted (generated) sources are curated rows.
    bulk = "seen_via = 'import' AND checksum IS NOT NULL"
    con.execute(f"DELETE FROM observation WHERE source_id IN (SELECT id FROM source WHERE {bulk})")
    con.execute(f"DELETE FROM source WHERE {bulk}")
    counts: dict[str, int] = {"source": 0, "observation": 0}
    source_cols = [r[0] for r in con.execute("SELECT name FROM pragma_table_info('source')").fetchall()]
    for entry in manifest.entries:
        row = {**entry.source, "checksum": entry.checksum, "seen_via": "import"}
        if con.execute("SELECT 1 FROM source WHERE id = ?", [row["id"]]).fetchone() is not None:
            raise DataError(
                entry.file,
                None,
                f"its source id {row['id']!r} is already a source of the ledger; "
                "rename that curated source or leave this file out",
            )
        names = [c for c in source_cols if c in row]
        con.execute(
            f"INSERT INTO source ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})",
            [row[c] for c in names],
        )
        counts["source"] += 1
        for ind in entry.indicators:
            known = con.execute("SELECT 1 FROM indicator WHERE id = ?", [ind["id"]]).fetchone()
            if known is None:
                cols = list(ind)
                con.execute(
                    f"INSERT INTO indicator ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
                    [ind[c] for c in cols],
                )
    obs_paths = [store / f for f in manifest.files("observation")]
    if obs_paths:
        obs_cols = ", ".join(f.name for f in OBSERVATION)
        clash = con.execute(
            f"SELECT o.id, o.source_id FROM read_parquet({_sql_list(obs_paths)}) AS o "
            "WHERE o.id IN (SELECT id FROM observation) ORDER BY o.id LIMIT 1"
        ).fetchone()
        if clash is not None:
            named = next((e.file for e in manifest.entries if e.source.get("id") == clash[1]), str(obs_paths[0]))
            raise DataError(
                named,
                None,
                f"its observation id {clash[0]!r} is already an observation of the ledger; "
                "rename that curated observation or leave this file out",
            )
        con.execute(f"INSERT INTO observation ({obs_cols}) SELECT {obs_cols} FROM read_parquet({_sql_list(obs_paths)})")
        counts["observation"] = int(
            con.execute(f"SELECT count(*) FROM read_parquet({_sql_list(obs_paths)})").fetchone()[0]  # type: ignore[index]
        )
    for table in VIEWS:
        con.execute(f"CREATE OR REPLACE VIEW {table} AS {view_sql(store, manifest, table)}")
        counts[table] = sum(e.rows for e in manifest.entries if table in e.files)
    return counts


STAGING_PREFIX = ".staging-"
MANIFEST_TMP_PREFIX = ".manifest."


def remove_leftovers(store: Path) -> list[str]:
    """Remove what a killed import left in the store: staging folders and unfinished manifests.

    Call it only under the ledger's lock (no other import is running). Stored
    files no manifest names are left alone: a ledger may still read them.

    Returns:
        The names removed.
    """
    if not store.is_dir():
        return []
    removed = []
    for path in store.iterdir():
        if path.name.startswith(STAGING_PREFIX) and path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        elif path.name.startswith(MANIFEST_TMP_PREFIX) and path.name.endswith(".tmp") and path.is_file():
            path.unlink(missing_ok=True)
        else:
            continue
        removed.append(path.name)
    return sorted(removed)


def remove_files(store: Path, relative: list[str]) -> None:
    """Delete stored files (and the folders they leave empty); missing ones are ignored."""
    for rel in relative:
        path = store / rel
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        parent = path.parent
        while parent != store and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
