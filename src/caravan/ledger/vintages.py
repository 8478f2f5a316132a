"""Vintages: every build's id, inputs and changelog, carried from build to build.

Statistical offices never silently overwrite a published figure, and neither
does Caravan. Each new build (or import) records, inside its own file:

* a row in `build`: its id, the build before it, when, what made it (`build` or
  `import`), its input checksum and how many figures were added, removed and changed;
* its inputs in `build_input`: every curated file and imported file with its checksum;
* its changelog in `change`: each reported observation added, removed or changed
  (value, unit or bound) against the build before it, with old and new value,
  its source and the input file and line it came from.

The rows of every earlier build are copied forward, so the newest build holds
the whole history and pruning old build files loses nothing. Derived rows
(growth, shares) are not in the changelog: they are recomputed from the
reported ones, whose changes are. The large bulk tables (`trade_flow`,
`trade_total`) are recorded by their input files and checksums, not row by row.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path

import duckdb

from caravan.errors import InputError, NotFoundError
from caravan.ledger.store import Ledger, ObservationFilter, Record

# The columns of a figure the changelog follows; a change in any of them is a revision.
_TRACKED = ("value", "unit", "bound")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?Z?)?$")


@dataclass(frozen=True)
class BuildInfo:
    """What a new build says about itself."""

    build_id: str
    kind: str
    built_at: str
    input_checksum: str
    caravan_version: str
    inputs: Sequence[tuple[str, str, str]] = ()
    """(kind, name, checksum) of every input: `curated` files and `import` files."""


def _quote(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _has(con: duckdb.DuckDBPyConnection, catalog: str, table: str) -> bool:
    found = con.execute(
        "SELECT 1 FROM duckdb_tables() WHERE database_name = ? AND table_name = ?", [catalog, table]
    ).fetchone()
    return found is not None


def record(
    con: duckdb.DuckDBPyConnection, previous: Path | None, info: BuildInfo, *, before: str | None = None
) -> dict[str, int]:
    """Write the new build's history, inputs and changelog, inside the caller's transaction.

    Args:
        con: A read-write connection to the new build, its observations complete.
        previous: The build it follows (the file the ledger pointed to), or None for the first.
        info: The new build's id and inputs.
        before: For a build that began as a copy of `previous` (an import), a table of its
            observations as they were before this build changed them. The history is then
            already in `con`, and `previous` is not opened (opening a ledger file costs an
            import 15-30 ms).

    Returns:
        Figures added, removed and changed.
    """
    if before is not None:
        return _record_copy(con, info, before)
    parent: str | None = None
    seq = 1
    opened = attached = False
    if previous is not None and previous.exists():
        try:
            con.execute(f"ATTACH {_quote(previous)} AS prev (READ_ONLY)")
            opened = True
            attached = _has(con, "prev", "observation")
        except duckdb.Error:
            attached = False  # unreadable: this build starts a new history
    try:
        if attached:
            if _has(con, "prev", "meta"):
                row = con.execute("SELECT value FROM prev.meta WHERE key = 'build_id'").fetchone()
                parent = row[0] if row else None
            for table in ("build", "build_input", "change"):
                con.execute(f"DELETE FROM {table}")  # an import's new build starts as a copy of the previous
                if _has(con, "prev", table):
                    con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM prev.{table}")
            seq = _continue_history(con, info, parent, "prev.")
        _diff(con, info.build_id, "prev.observation" if attached else None)
    finally:
        if opened:
            con.execute("DETACH prev")
    return _close_record(con, info, parent, seq)


def _record_copy(con: duckdb.DuckDBPyConnection, info: BuildInfo, before: str) -> dict[str, int]:
    """`record` for a build that is a copy of the one it follows: its history tables are that build's."""
    row = con.execute("SELECT value FROM meta WHERE key = 'build_id'").fetchone()
    parent = row[0] if row else None
    seq = _continue_history(con, info, parent, "")
    _diff(con, info.build_id, before)
    return _close_record(con, info, parent, seq)


def _continue_history(con: duckdb.DuckDBPyConnection, info: BuildInfo, parent: str | None, schema: str) -> int:
    """The new build's sequence number, after its history (`build`) was carried over.

    An import's curated inputs are its parent's, read from the parent's `build_input` (`schema` is
    `prev.` for an attached parent file, empty where the history is already in `con`).
    """
    if info.kind == "import" and parent is not None:
        con.execute(
            f"INSERT INTO build_input SELECT ?, kind, name, checksum FROM {schema}build_input "
            "WHERE build_id = ? AND kind = 'curated'",
            [info.build_id, parent],
        )
    top = con.execute("SELECT max(seq) FROM build").fetchone()
    return int(top[0]) + 1 if top and top[0] is not None else 1


def _close_record(con: duckdb.DuckDBPyConnection, info: BuildInfo, parent: str | None, seq: int) -> dict[str, int]:
    """Add the new build's inputs, its row in `build` and its meta, once its changelog is written."""
    counts = dict(
        con.execute(
            "SELECT change, count(*) FROM change WHERE build_id = ? GROUP BY change", [info.build_id]
        ).fetchall()
    )
    if info.inputs:
        con.executemany(
            "INSERT INTO build_input VALUES (?, ?, ?, ?)", [(info.build_id, k, n, c) for k, n, c in info.inputs]
        )
    con.execute(
        "INSERT INTO build VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            seq,
            info.build_id,
            parent,
            info.kind,
            info.built_at,
            info.input_checksum,
            info.caravan_version,
            counts.get("added", 0),
            counts.get("removed", 0),
            counts.get("changed", 0),
        ],
    )
    for key, value in (("build_id", info.build_id), ("parent_build", parent or ""), ("build_kind", info.kind)):
        con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])
    return {k: counts.get(k, 0) for k in ("added", "removed", "changed")}


def _diff(con: duckdb.DuckDBPyConnection, build_id: str, old: str | None) -> None:
    """Insert the changes of reported observations from `old` (a table, or nothing) to this build's."""
    cols = (
        "id, indicator, subject, counterpart, period, source_id, value, unit, coalesce(bound, 'exact') AS bound, file"
    )
    new_rows = f"SELECT {cols} FROM observation WHERE method <> 'derived'"
    old_rows = (
        f"SELECT {cols} FROM {old} WHERE method <> 'derived'" if old else f"SELECT {cols} FROM observation WHERE false"
    )
    moved = " OR ".join(f"n.{c} IS DISTINCT FROM p.{c}" for c in _TRACKED)
    con.execute(
        f"""
        INSERT INTO change
        SELECT ?, coalesce(n.id, p.id),
               CASE WHEN p.id IS NULL THEN 'added' WHEN n.id IS NULL THEN 'removed' ELSE 'changed' END,
               coalesce(n.indicator, p.indicator), coalesce(n.subject, p.subject),
               coalesce(n.counterpart, p.counterpart), coalesce(n.period, p.period),
               coalesce(n.source_id, p.source_id),
               p.value, n.value, p.unit, n.unit, p.bound, n.bound, p.file, n.file
        FROM ({new_rows}) n FULL JOIN ({old_rows}) p ON n.id = p.id
        WHERE p.id IS NULL OR n.id IS NULL OR {moved}
        """,
        [build_id],
    )


def history(ledger: Ledger, folder: Path) -> list[Record]:
    """Every build the ledger remembers, newest first, with its changelog counts and whether its file is kept.

    Args:
        ledger: The ledger (its newest build holds the whole history).
        folder: The builds folder (`caravan.ledger.builds.builds_dir`).
    """
    rows = ledger.query("SELECT * FROM build ORDER BY seq DESC")
    current = ledger.meta.get("build_id")
    for row in rows:
        row["current"] = row["id"] == current
        row["kept"] = (folder / f"{row['id']}.duckdb").exists()
    return rows


def resolve(ledger: Ledger, ref: str) -> Record:
    """The build a reference names: a build id (or a unique start of one), or a date or time (UTC).

    A date names the last build made on or before the end of that day; a time, the last one
    made at or before it.

    Raises:
        NotFoundError: No build matches (the message says how to list them).
        InputError: The start of an id matches several builds.
    """
    ref = ref.strip()
    if _DATE.match(ref):
        moment = _moment(ref)
        rows = ledger.query(
            "SELECT * FROM build WHERE built_at <= ? ORDER BY seq DESC LIMIT 1",
            [moment.strftime("%Y-%m-%dT%H:%M:%SZ")],
        )
        if not rows:
            raise NotFoundError(f"no build was made by {ref}", hint="`caravan builds` lists them with their times")
        return rows[0]
    rows = ledger.query("SELECT * FROM build WHERE starts_with(id, ?) ORDER BY seq", [ref])
    exact = [r for r in rows if r["id"] == ref]
    if exact:
        return exact[0]
    if len(rows) > 1:
        raise InputError(
            f"{ref!r} is the start of {len(rows)} build ids; give more of it", hint="`caravan builds` lists them"
        )
    if not rows:
        raise NotFoundError(f"no build {ref!r}", hint="`caravan builds` lists the builds this ledger remembers")
    return rows[0]


def _moment(ref: str) -> datetime:
    text = ref.replace(" ", "T").removesuffix("Z")
    try:
        if "T" not in text:
            day = date.fromisoformat(text)
            return datetime.combine(day, time(23, 59, 59), tzinfo=UTC)
        return datetime.fromisoformat(text).replace(tzinfo=UTC)
    except ValueError:
        raise InputError(f"{ref!r} is not a date; write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM") from None


CHANGE_ORDER = "b.seq DESC, c.indicator, c.subject, c.counterpart NULLS FIRST, c.period, c.source_id, c.observation_id"


def changelog(
    ledger: Ledger,
    *,
    build: str | None = None,
    since: str | None = None,
    observation: str | None = None,
    indicator: str | None = None,
    subject: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> tuple[int, list[Record]]:
    """Changes as each build recorded them, newest build first, and how many match in all.

    Args:
        ledger: The ledger (its newest build holds the whole history).
        build: Only the changes of this build (a reference `resolve` takes).
        since: Only changes of builds after this one (a reference `resolve` takes).
        observation: Only the revisions of one observation.
        indicator: Only this indicator.
        subject: Only this subject (or counterpart).
        limit: At most this many rows (default: all).
        offset: Rows to skip.
    """
    where, params = ["true"], []
    if build is not None:
        where.append("b.seq = ?")
        params.append(resolve(ledger, build)["seq"])
    if since is not None:
        where.append("b.seq > ?")
        params.append(resolve(ledger, since)["seq"])
    for column, value in (("c.observation_id", observation), ("c.indicator", indicator)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    if subject is not None:
        where.append("(c.subject = ? OR c.counterpart = ?)")
        params += [subject, subject]
    page = " LIMIT ? OFFSET ?" if limit is not None else ""
    rows = ledger.query(
        "SELECT c.*, b.built_at, b.kind AS build_kind, s.publisher, s.url AS source_url, "
        "count(*) OVER () AS total_rows FROM change c JOIN build b ON b.id = c.build_id "
        "LEFT JOIN source s ON s.id = c.source_id "
        f"WHERE {' AND '.join(where)} ORDER BY {CHANGE_ORDER}{page}",
        [*params, *([limit, offset] if limit is not None else [])],
    )
    if not rows:
        found = ledger.query(
            f"SELECT count(*) AS n FROM change c JOIN build b ON b.id = c.build_id WHERE {' AND '.join(where)}",
            params,
        )
        return int(found[0]["n"]), []
    total = int(rows[0]["total_rows"])
    for row in rows:
        del row["total_rows"]
    return total, rows


def diff(ledger: Ledger, old: str | None = None, new: str | None = None) -> tuple[Record, Record, list[Record]]:
    """What changed between two builds: each figure's value in `old` against its value in `new`.

    The changes of every build after `old` up to `new` are composed: a figure changed
    twice shows its first old and its last new value; one added and removed again
    in between, or changed back, is not listed.

    Args:
        ledger: The ledger (its newest build holds the whole history).
        old: The earlier build (default: the one before `new`).
        new: The later build (default: the current one).

    Returns:
        The two builds and the changes, in indicator, subject, period order.

    Raises:
        NotFoundError: A build is unknown.
        InputError: `old` is not earlier than `new`.
    """
    to = resolve(ledger, new) if new is not None else resolve(ledger, ledger.meta.get("build_id", ""))
    if old is None:
        before = ledger.query("SELECT * FROM build WHERE seq < ? ORDER BY seq DESC LIMIT 1", [to["seq"]])
        start = before[0] if before else {"seq": 0, "id": None, "built_at": None}
    else:
        start = resolve(ledger, old)
    if start["seq"] >= to["seq"]:
        raise InputError(
            f"build {start['id']} is not earlier than {to['id']}; give the older build first (`caravan builds`)"
        )
    rows = ledger.query(
        """
        WITH span AS (
          SELECT c.*, b.seq, b.built_at FROM change c JOIN build b ON b.id = c.build_id WHERE b.seq > ? AND b.seq <= ?
        ), ends AS (
          SELECT observation_id,
                 arg_min(change, seq) AS first_change, arg_max(change, seq) AS last_change,
                 arg_min_null(old_value, seq) AS old_value, arg_max_null(new_value, seq) AS new_value,
                 arg_min_null(old_unit, seq) AS old_unit, arg_max_null(new_unit, seq) AS new_unit,
                 arg_min_null(old_bound, seq) AS old_bound, arg_max_null(new_bound, seq) AS new_bound,
                 arg_min_null(old_file, seq) AS old_file, arg_max_null(new_file, seq) AS new_file,
                 arg_max(build_id, seq) AS build_id, max(built_at) AS built_at,
                 any_value(indicator) AS indicator, any_value(subject) AS subject,
                 any_value(counterpart) AS counterpart, any_value(period) AS period, any_value(source_id) AS source_id
          FROM span GROUP BY observation_id
        )
        SELECT CASE WHEN first_change = 'added' THEN 'added' WHEN last_change = 'removed' THEN 'removed'
                    ELSE 'changed' END AS change,
               e.observation_id, e.indicator, e.subject, e.counterpart, e.period, e.source_id,
               CASE WHEN first_change = 'added' THEN NULL ELSE old_value END AS old_value,
               CASE WHEN last_change = 'removed' THEN NULL ELSE new_value END AS new_value,
               CASE WHEN first_change = 'added' THEN NULL ELSE old_unit END AS old_unit,
               CASE WHEN last_change = 'removed' THEN NULL ELSE new_unit END AS new_unit,
               CASE WHEN first_change = 'added' THEN NULL ELSE old_bound END AS old_bound,
               CASE WHEN last_change = 'removed' THEN NULL ELSE new_bound END AS new_bound,
               CASE WHEN first_change = 'added' THEN NULL ELSE old_file END AS old_file,
               CASE WHEN last_change = 'removed' THEN NULL ELSE new_file END AS new_file,
               e.build_id, e.built_at, s.publisher, s.url AS source_url
        FROM ends e LEFT JOIN source s ON s.id = e.source_id
        WHERE NOT (first_change = 'added' AND last_change = 'removed')
          AND NOT (first_change <> 'added' AND last_change <> 'removed'
                   AND old_value IS NOT DISTINCT FROM new_value AND old_unit IS NOT DISTINCT FROM new_unit
                   AND old_bound IS NOT DISTINCT FROM new_bound)
        ORDER BY e.indicator, e.subject, e.counterpart NULLS FIRST, e.period, e.source_id, e.observation_id
        """,
        [start["seq"], to["seq"]],
    )
    return start, to, rows


def as_of(ledger: Ledger, ref: str, flt: ObservationFilter | None = None) -> tuple[Record, list[Record]]:
    """The reported observations as they stood in an earlier build, rebuilt from the changelog.

    Every figure untouched since that build is today's; one changed or removed since
    is given as it was then (value, unit, bound, source and input file); one added
    since is left out. Works for builds whose file has been pruned.

    Args:
        ledger: The ledger (its newest build holds the whole history).
        ref: The build: an id, or a date or time (the last build made by then).
        flt: Which observations (indicator, subject, counterpart, entity, period; derived rows never).

    Returns:
        The build and the observations, with their sources, in the usual order.
    """
    build = resolve(ledger, ref)
    # The changelog follows reported figures only: no method to filter on, no derived rows.
    where, params = dataclasses.replace(flt or ObservationFilter(), method=None, include_derived=True).where()
    rows = ledger.query(
        f"""
        WITH later AS (
          SELECT c.*, row_number() OVER (PARTITION BY c.observation_id ORDER BY b.seq) AS k
          FROM change c JOIN build b ON b.id = c.build_id WHERE b.seq > ?
        ), touched AS (SELECT * FROM later WHERE k = 1),
        then_rows AS (
          SELECT o.id, o.indicator, o.subject, o.counterpart, o.period, o.value, o.unit,
                 coalesce(o.bound, 'exact') AS bound, o.source_id, o.file
          FROM observation o WHERE o.method <> 'derived' AND o.id NOT IN (SELECT observation_id FROM touched)
          UNION ALL
          SELECT t.observation_id, t.indicator, t.subject, t.counterpart, t.period, t.old_value, t.old_unit,
                 t.old_bound, t.source_id, t.old_file
          FROM touched t WHERE t.change <> 'added'
        )
        SELECT o.id, o.indicator, o.subject, o.counterpart, o.period, o.value, o.unit, o.bound, o.source_id,
               o.file, s.publisher, s.original_publisher, s.title AS source_title, s.url AS source_url, s.tier
        FROM then_rows o LEFT JOIN source s ON s.id = o.source_id
        {where}
        ORDER BY o.indicator, o.subject, o.counterpart NULLS FIRST, o.period, o.source_id, o.id
        """,
        [build["seq"], *params],
    )
    return build, rows


def stamp(moment: datetime | None = None) -> str:
    """A build time as the `build` table stores it (UTC, to the second, ISO 8601)."""
    return (moment or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
