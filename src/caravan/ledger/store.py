"""Reading the ledger: open it, check its schema, and answer queries with sources."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from caravan.errors import LedgerError, NotFoundError
from caravan.ledger.schema import SCHEMA_VERSION, TABLE_NAMES, VINTAGE_TABLES
from caravan.sources.vocabulary import printed_digits, tier_rank

Record = dict[str, Any]


@dataclass(frozen=True)
class ObservationFilter:
    """Which observations to return; every field left None matches all."""

    indicator: str | None = None
    subject: str | None = None
    counterpart: str | None = None
    period: str | None = None
    method: str | None = None
    entity: str | None = None
    include_derived: bool = True

    def where(self) -> tuple[str, list[Any]]:
        """The SQL WHERE clause (over `observation o`) and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        for column, value in (
            ("o.indicator", self.indicator),
            ("o.subject", self.subject),
            ("o.counterpart", self.counterpart),
            ("o.period", self.period),
            ("o.method", self.method),
        ):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(value)
        if self.entity is not None:
            clauses.append("(o.subject = ? OR o.counterpart = ?)")
            params += [self.entity, self.entity]
        if not self.include_derived:
            clauses.append("o.method <> 'derived'")
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params

    def matches(self, row: Record) -> bool:
        """Whether an observation row (as `OBSERVATION_SELECT` reads it) passes the filter; `where`, in Python.

        SQL's three-valued logic is kept: a missing (NULL) column equals no value and
        `method <> 'derived'` is not true of a missing method.
        """
        for column, value in (
            ("indicator", self.indicator),
            ("subject", self.subject),
            ("counterpart", self.counterpart),
            ("period", self.period),
            ("method", self.method),
        ):
            if value is not None and row[column] != value:
                return False
        if self.entity is not None and self.entity not in (row["subject"], row["counterpart"]):
            return False
        return self.include_derived or (row["method"] is not None and row["method"] != "derived")


OBSERVATION_SELECT = """
SELECT o.id, o.indicator, o.subject, o.counterpart, o.period, o.period_kind,
       o.period_start, o.period_end, o.value, o.unit, o.value_std, o.unit_std,
       coalesce(o.value_display, o.value_std) AS value_display, coalesce(i.display_unit, o.unit_std) AS display_unit,
       coalesce(o.bound, 'exact') AS bound, o.reporter, o.primary_authority, a.name_en AS primary_name,
       a.name_zh AS primary_name_zh, a.name_ru AS primary_name_ru,
       i.name AS indicator_name, i.name_zh AS indicator_name_zh, i.name_ru AS indicator_name_ru,
       o.currency, o.method, o.note, o.locator, o.derived_from,
       o.source_id, s.publisher, s.original_publisher, s.title AS source_title, s.url AS source_url, s.tier,
       s.authority AS source_authority, s.language AS source_language
FROM observation o LEFT JOIN source s ON s.id = o.source_id
LEFT JOIN indicator i ON i.id = o.indicator LEFT JOIN authority a ON a.id = o.primary_authority
"""
INDICATOR_SELECT = "SELECT * FROM indicator"
INDICATOR_COUNTS = (
    "SELECT i.*, count(o.id) AS observations FROM indicator i "
    "LEFT JOIN observation o ON o.indicator = i.id GROUP BY ALL ORDER BY i.id"
)
ENTITY_SELECT = "SELECT * FROM entity"
# Ties broken by id, so that pages never overlap or skip rows.
OBSERVATION_ORDER = (
    " ORDER BY o.indicator, o.subject, o.counterpart NULLS FIRST,"
    " o.period_end, o.period_start, o.method, o.source_id, o.id"
)


_LISTED_BY = {"indicator": "`caravan show` lists them"}


def missing(kind: str, key: str) -> NotFoundError:
    """The error for an observation, indicator or entity id the ledger does not hold."""
    return NotFoundError(f"no {kind} {key!r}", hint=_LISTED_BY.get(kind))


def family_of(row: Record) -> str | None:
    """A figure's publisher family: its primary authority, else its source's original publisher, else its publisher."""
    return row.get("primary_authority") or row.get("original_publisher") or row.get("publisher")


def one_per_period(rows: Sequence[Record]) -> tuple[str | None, list[Record]]:
    """Which cited figures stand for a series' periods: one publisher family, one figure per period.

    The family with the most periods is chosen (ties: the one reaching the latest
    period, then by name, a figure with no family last), so that a trend is never a
    change of source. Within it, one figure per period: an exact figure before a
    bound, `reported` before other methods, a better source tier before a lesser
    (`tier_rank`: the publisher's own release before a newspaper's copy of it),
    the figure printed with more digits before a rounder one (43.82 bn before a
    speech's "44 bn", `printed_digits`), then by source id and observation id.
    Rows are those `Ledger.series_rows` gives; the answer is in period order.
    """
    if not rows:
        return None, []
    periods: dict[str | None, set[date]] = {}
    for r in rows:
        periods.setdefault(family_of(r), set()).add(r["period_end"])
    family = min(periods, key=lambda f: (-len(periods[f]), -max(periods[f]).toordinal(), f is None, f or ""))
    best: dict[date, Record] = {}
    for r in sorted(
        (r for r in rows if family_of(r) == family),
        key=lambda r: (
            r["bound"] != "exact",
            r["method"] != "reported",
            tier_rank(r.get("tier")),
            -printed_digits(r.get("value")),
            r["source_id"] or "~",
            r["id"],
        ),
    ):
        best.setdefault(r["period_end"], r)
    return family, [best[end] for end in sorted(best)]


class Ledger:
    """A read-only connection to a built ledger.

    Use as a context manager, or call `close()`.
    """

    resident = False
    """Whether reads of observations, indicators and entities come from memory (`caravan.ledger.resident`)."""

    def __init__(self, path: Path, *, read_only: bool = True) -> None:
        """Open the ledger at `path` and check its schema version.

        Raises:
            LedgerError: No ledger there, or one of another schema version.
        """
        self.path = path
        if not path.exists():
            raise LedgerError(f"no ledger at {path}", hint="run `caravan build` first")
        try:
            # The ledger path is a link to the current build: open the build itself, so that DuckDB's
            # per-process cache of open databases never hands back an older build for the same path.
            self.con = duckdb.connect(os.path.realpath(path), read_only=read_only)
        except duckdb.Error as exc:
            raise LedgerError(f"cannot open the ledger at {path} ({exc}); run `caravan build --force`") from exc
        try:
            meta = dict(self.con.execute("SELECT key, value FROM meta").fetchall())
        except duckdb.Error as exc:
            self.con.close()
            raise LedgerError(f"{path} is not a Caravan ledger; run `caravan build --force`") from exc
        version = meta.get("schema_version")
        if version != str(SCHEMA_VERSION):
            self.con.close()
            raise LedgerError(
                f"the ledger at {path} has schema version {version}, this Caravan reads "
                f"version {SCHEMA_VERSION}; run `caravan build --force` to rebuild it"
            )
        self.meta = meta

    def close(self) -> None:
        """Close the connection."""
        self.con.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Record]:
        """Run a parameterised query and return rows as dicts."""
        cur = self.con.execute(sql, list(params))
        names = [d[0] for d in cur.description or []]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def observations(
        self, flt: ObservationFilter | None = None, *, limit: int | None = None, offset: int = 0
    ) -> list[Record]:
        """Observations that match a filter, with their sources, in a stable order.

        Args:
            flt: Which observations (default: all).
            limit: At most this many rows (default: all).
            offset: Rows to skip before the first one returned.
        """
        where, params = (flt or ObservationFilter()).where()
        page = " LIMIT ? OFFSET ?" if limit is not None else ""
        extra = [limit, offset] if limit is not None else []
        return self.query(OBSERVATION_SELECT + where + OBSERVATION_ORDER + page, [*params, *extra])

    def observation_page(self, flt: ObservationFilter, limit: int, offset: int) -> tuple[int, list[Record]]:
        """One page of the observations matching a filter, and how many match in all (one query)."""
        where, params = flt.where()
        rows = self.query(
            f"SELECT *, count(*) OVER () AS total_rows FROM ({OBSERVATION_SELECT}{where}) o"
            f"{OBSERVATION_ORDER} LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        if not rows:
            return int(self.query("SELECT count(*) AS n FROM observation o" + where, params)[0]["n"]), []
        total = rows[0]["total_rows"]
        for row in rows:
            del row["total_rows"]
        return int(total), rows

    def yearly_series(self, indicator: str, subject: str, counterpart: str | None) -> list[Record]:
        """Reported yearly values of one indicator for one pair, all from one publisher family.

        A series mixing, say, China's customs figures with a partner's statistics would draw a trend
        that is only a change of source, so every point comes from one family, one figure a year,
        chosen by `one_per_period`. Derived rows are never points. Each point says its `bound`.

        Returns:
            Rows of `period`, `value` and `unit` (in the indicator's display unit, so one axis has one
            scale), `bound`, `observation_id`, `source_id` and `publisher` (the family), in period order.
        """
        rows = [
            r
            for r in self.series_rows(indicator, subject, counterpart)
            if r["period_kind"] == "year" and r["method"] != "derived"
        ]
        family, picked = one_per_period(rows)
        return [
            {
                "period": r["period"],
                "value": r["value_display"],
                "unit": r["display_unit"],
                "bound": r["bound"],
                "observation_id": r["id"],
                "source_id": r["source_id"],
                "publisher": family,
            }
            for r in picked
        ]

    def series_rows(
        self, indicator: str, subject: str, counterpart: str | None, *, until: date | None = None
    ) -> list[Record]:
        """Every observation of one indicator for one pair (rows as `observations` gives them).

        The rows `caravan.institutions.targets.select_series` picks one figure per period from.

        Args:
            indicator: The indicator id.
            subject: The subject entity.
            counterpart: The counterpart entity (None: the subject's own figures, not every counterpart's).
            until: Only periods ending on or before this date (default: all).
        """
        where = " WHERE o.indicator = ? AND o.subject = ? AND o.counterpart IS NOT DISTINCT FROM ?"
        params: list[Any] = [indicator, subject, counterpart]
        if until is not None:
            where += " AND o.period_end <= ?"
            params.append(until)
        return self.query(OBSERVATION_SELECT + where + OBSERVATION_ORDER, params)

    def table_counts(self, tables: Sequence[str] | None = None) -> dict[str, int]:
        """Rows per table: the named ones, or every table of the ledger's schema but `meta` and the vintages'.

        Raises:
            NotFoundError: A name that is no table of the schema.
        """
        known = [t for t in TABLE_NAMES if t != "meta" and t not in VINTAGE_TABLES]
        names = list(tables) if tables is not None else known
        unknown = sorted(set(names) - set(TABLE_NAMES))
        if unknown:
            raise NotFoundError(f"no table {', '.join(unknown)} in the ledger; `caravan schema` lists them")
        # the names are the schema's own, never input, so they can stand in the SQL
        return {name: int(self.query(f"SELECT count(*) AS n FROM {name}")[0]["n"]) for name in names}

    def audit_findings(self, *, severity: str | None = None, check: str | None = None) -> list[Record]:
        """The build's audit findings, errors first then in the audit's order; optionally one severity or check."""
        where, params = [], []
        if severity is not None:
            where.append("severity = ?")
            params.append(severity)
        if check is not None:
            where.append("check_name = ?")
            params.append(check)
        clause = " WHERE " + " AND ".join(where) if where else ""
        return self.query(f"SELECT * FROM audit{clause} ORDER BY severity = 'error' DESC, seq", params)

    def observation(self, obs_id: str) -> Record:
        """One observation by id.

        Raises:
            NotFoundError: No observation has that id.
        """
        rows = self.query(OBSERVATION_SELECT + " WHERE o.id = ?", [obs_id])
        if not rows:
            raise missing("observation", obs_id)
        return rows[0]

    def lineage(self, obs_id: str) -> list[Record]:
        """The reported observations a derived one rests on (recursively), with their sources."""
        seen: list[Record] = []
        stack = [obs_id]
        while stack:
            row = self.observation(stack.pop())
            if row["method"] == "derived":
                stack.extend(row["derived_from"] or [])
            elif row not in seen:
                seen.append(row)
        return seen

    def sources(self) -> list[Record]:
        """The source catalogue with the number of observations each supports."""
        return self.query(
            """
            SELECT s.id, s.publisher, s.original_publisher, s.title, s.url, s.published,
                   s.kind, s.language, s.seen_via, s.tier, s.authority, a.name_en AS authority_name,
                   a.name_zh AS authority_name_zh, a.name_ru AS authority_name_ru,
                   count(o.id) AS observations,
                   (SELECT count(*) FROM event e WHERE e.source_id = s.id) AS events
            FROM source s LEFT JOIN observation o ON o.source_id = s.id
            LEFT JOIN authority a ON a.id = s.authority
            GROUP BY ALL ORDER BY s.id
            """
        )

    def source(self, source_id: str) -> Record:
        """One source with its tier and authority's name, and what it supports (observations as `observations`).

        Raises:
            NotFoundError: No source has that id.
        """
        rows = self.query(
            "SELECT s.*, a.name_en AS authority_name, a.name_zh AS authority_name_zh, a.name_ru AS authority_name_ru "
            "FROM source s LEFT JOIN authority a ON a.id = s.authority "
            "WHERE s.id = ?",
            [source_id],
        )
        if not rows:
            raise NotFoundError(f"no source {source_id!r}", hint="`caravan sources` lists them")
        record = rows[0]
        record["observations"] = self.query(
            OBSERVATION_SELECT + " WHERE o.source_id = ?" + OBSERVATION_ORDER, [source_id]
        )
        record["events"] = self.query(
            "SELECT id, date, title_en FROM event WHERE source_id = ? ORDER BY date", [source_id]
        )
        return record

    def source_records(self, source_ids: Sequence[str]) -> dict[str, Record]:
        """Sources by id, each with its tier and authority's name but not what it supports: one query.

        Raises:
            NotFoundError: An id names no source.
        """
        wanted = sorted(set(source_ids))
        if not wanted:
            return {}
        rows = self.query(
            "SELECT s.*, a.name_en AS authority_name FROM source s LEFT JOIN authority a ON a.id = s.authority "
            f"WHERE s.id IN ({_marks(wanted)})",
            wanted,
        )
        found = {r["id"]: r for r in rows}
        for source_id in wanted:
            if source_id not in found:
                raise NotFoundError(f"no source {source_id!r}", hint="`caravan sources` lists them")
        return found

    def entities(self, kind: str | None = None) -> list[Record]:
        """Entities, optionally of one kind."""
        if kind:
            return self.query(ENTITY_SELECT + " WHERE kind = ? ORDER BY id", [kind])
        return self.query(ENTITY_SELECT + " ORDER BY kind, id")

    def authorities(self) -> list[Record]:
        """Authorities (whose figure a number is) with their names in en/zh/ru, country and tier, by id."""
        return self.query("SELECT * FROM authority ORDER BY id")

    def entities_within(self, parents: Sequence[str], kinds: Sequence[str]) -> list[Record]:
        """Entities of the given kinds whose parent is one of `parents`, by kind then id."""
        if not parents or not kinds:
            return []
        return self.query(
            f"SELECT * FROM entity WHERE kind IN ({_marks(kinds)}) AND parent IN ({_marks(parents)}) ORDER BY kind, id",
            [*kinds, *parents],
        )

    def edges_touching(self, countries: Sequence[str]) -> list[Record]:
        """Network links with an end in one of the countries, by mode then id, with both ends' names.

        Each row is the `edge` row with `a_en`, `a_zh`, `a_ru` (its from-node's names) and `b_en`,
        `b_zh`, `b_ru` (its to-node's).
        """
        if not countries:
            return []
        marks = _marks(countries)
        return self.query(
            "SELECT e.*, a.name_en AS a_en, a.name_zh AS a_zh, a.name_ru AS a_ru, b.name_en AS b_en, "
            "b.name_zh AS b_zh, b.name_ru AS b_ru FROM edge e JOIN node a ON a.id = e.from_node "
            f"JOIN node b ON b.id = e.to_node WHERE a.country IN ({marks}) OR b.country IN ({marks}) "
            "ORDER BY e.mode, e.id",
            [*countries, *countries],
        )

    def entity(self, entity_id: str) -> Record:
        """One entity by id.

        Raises:
            NotFoundError: No entity has that id.
        """
        rows = self.query(ENTITY_SELECT + " WHERE id = ?", [entity_id])
        if not rows:
            raise missing("entity", entity_id)
        return rows[0]

    def namer(self, lang: str = "en") -> Callable[[str], str]:
        """An entity's name in a language, by id.

        Its English name where it has none in that language; the id itself where no entity
        has it. Every entity is read once, when the namer is made.
        """
        names = {e["id"]: str(e.get(f"name_{lang}") or e["name_en"]) for e in self.entities()}
        return lambda entity_id: names.get(entity_id, entity_id)

    def indicators(self) -> list[Record]:
        """Indicators with their observation counts."""
        return self.query(INDICATOR_COUNTS)

    def indicator(self, indicator_id: str) -> Record:
        """One indicator by id.

        Raises:
            NotFoundError: No indicator has that id.
        """
        rows = self.query(INDICATOR_SELECT + " WHERE id = ?", [indicator_id])
        if not rows:
            raise missing("indicator", indicator_id)
        return rows[0]

    def has_indicator(self, indicator_id: str) -> bool:
        """Whether an indicator id is known."""
        return bool(self.query("SELECT 1 FROM indicator WHERE id = ?", [indicator_id]))

    def has_entity(self, entity_id: str) -> bool:
        """Whether an entity id is known."""
        return bool(self.query("SELECT 1 FROM entity WHERE id = ?", [entity_id]))

    def events(self, since: str | None = None, kind: str | None = None) -> list[Record]:
        """Events in date order, with their sources."""
        where, params = [], []
        if since:
            where.append("e.date >= CAST(? AS DATE)")
            params.append(since)
        if kind:
            where.append("e.kind = ?")
            params.append(kind)
        sql = (
            "SELECT e.id, e.date, e.end_date, e.kind, e.title_en, e.title_zh, e.title_ru, e.place, "
            "e.participants, e.source_id, s.publisher, s.url AS source_url, e.locator "
            "FROM event e JOIN source s ON s.id = e.source_id"
        )
        if where:
            sql += " WHERE " + " AND ".join(where)
        return self.query(sql + " ORDER BY e.date, e.id", params)

    def commitments(self) -> list[Record]:
        """Commitments with the date of the event they were made at."""
        return self.query(
            "SELECT c.*, e.date AS made_on FROM commitment c JOIN event e ON e.id = c.event_id ORDER BY e.date, c.id"
        )

    def evidence(self, commitment_id: str) -> list[Record]:
        """Evidence rows of one commitment, with their sources."""
        return self.query(
            "SELECT v.*, s.publisher, s.title AS source_title, s.url AS source_url FROM evidence v "
            "LEFT JOIN source s ON s.id = v.source_id WHERE v.commitment_id = ? ORDER BY v.seq",
            [commitment_id],
        )


def _marks(values: Sequence[Any]) -> str:
    """One `?` per value, for an `IN (…)` list."""
    return ", ".join("?" for _ in values)


@contextmanager
def open_ledger(path: Path) -> Iterator[Ledger]:
    """Open the ledger read-only for the span of a `with` block."""
    ledger = Ledger(path)
    try:
        yield ledger
    finally:
        ledger.close()
