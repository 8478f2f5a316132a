"""The ledger's small tables held in memory, for a server reading one immutable build many times.

A build never changes once written, so its observations (already joined with
their sources, indicators and authorities by `OBSERVATION_SELECT`), its
indicators and its entities can be read once, when the build is opened, and
every later request answered from memory with no query. The rows are the
ledger's own answers: each table is loaded with the query `Ledger` runs, in
its order, and a filter is `ObservationFilter.matches`, the Python form of the
`ObservationFilter.where` clause beside it. Paging slices the ordered rows.
`tests/ledger/test_resident.py` compares every method with the ledger's query.

Rows are handed out as shallow copies, so a caller that adds a key to its row
cannot change the next request's answer. Anything not held here (trade,
claims, corridors, the changelog) reads the build through `con` as before.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from caravan.ledger.store import (
    ENTITY_SELECT,
    INDICATOR_COUNTS,
    INDICATOR_SELECT,
    OBSERVATION_ORDER,
    OBSERVATION_SELECT,
    Ledger,
    ObservationFilter,
    Record,
    missing,
)

INDEXED = ("indicator", "subject", "counterpart", "period", "method")
"""Observation columns with an index of the rows holding each value (a filter's equality tests)."""


@dataclass(frozen=True)
class ResidentTables:
    """One build's observations, indicators and entities, read once and kept in memory.

    Attributes:
        observations: Every observation with its source, in `OBSERVATION_ORDER`.
        indicators: Every indicator with its observation count (`Ledger.indicators`).
        indicator_rows: Each indicator's own row (`Ledger.indicator`), by id.
        entities: Every entity, by kind then id (`Ledger.entities`).
    """

    observations: tuple[Record, ...]
    indicators: tuple[Record, ...]
    indicator_rows: dict[str, Record]
    entities: tuple[Record, ...]
    by_id: dict[str, Record] = field(default_factory=dict)
    positions: dict[tuple[str, Any], list[int]] = field(default_factory=dict)
    entity_ids: dict[str, Record] = field(default_factory=dict)

    @classmethod
    def load(cls, ledger: Ledger) -> ResidentTables:
        """Read the tables from an open build (a few queries, once).

        The observation index maps each (column, value), and each (indicator, subject,
        counterpart) pair, to the positions of the rows holding it, ascending, so a filter
        scans only the rows of its most selective value.
        """
        observations = tuple(ledger.query(OBSERVATION_SELECT + OBSERVATION_ORDER))
        positions: dict[tuple[str, Any], list[int]] = defaultdict(list)
        by_id: dict[str, Record] = {}
        for at, row in enumerate(observations):
            by_id.setdefault(row["id"], row)
            for column in INDEXED:
                positions[column, row[column]].append(at)
            positions["pair", (row["indicator"], row["subject"], row["counterpart"])].append(at)
            for column in ("subject", "counterpart"):
                held = positions["entity", row[column]]
                if row[column] is not None and (not held or held[-1] != at):
                    held.append(at)
        entities = tuple(ledger.query(ENTITY_SELECT + " ORDER BY kind, id"))
        return cls(
            observations=observations,
            indicators=tuple(ledger.query(INDICATOR_COUNTS)),
            indicator_rows={r["id"]: r for r in ledger.query(INDICATOR_SELECT + " ORDER BY id")},
            entities=entities,
            by_id=by_id,
            positions=dict(positions),
            entity_ids={r["id"]: r for r in entities},
        )

    def matching(self, flt: ObservationFilter) -> list[Record]:
        """The observations passing a filter, in the ledger's order (not copied)."""
        rows = self.observations
        return [rows[at] for at in self.matching_positions(flt)]

    def matching_positions(self, flt: ObservationFilter) -> list[int]:
        """The positions in `observations` of the rows passing a filter, ascending (the ledger's order)."""
        given = [(c, getattr(flt, c)) for c in INDEXED if getattr(flt, c) is not None]
        if flt.entity is not None:
            given.append(("entity", flt.entity))
        if None not in (flt.indicator, flt.subject, flt.counterpart):  # one pair: its own rows, nothing to skip
            given.append(("pair", (flt.indicator, flt.subject, flt.counterpart)))
        candidates: range | list[int] = range(len(self.observations))
        if given:
            candidates = min((self.positions.get(key, []) for key in given), key=len)
        rows, matches = self.observations, flt.matches
        return [at for at in candidates if matches(rows[at])]


class ResidentLedger(Ledger):
    """A `Ledger` on one connection whose reads of observations, indicators and entities come from memory.

    Every other query runs on `con` as a `Ledger`'s does. The answers are the ledger's, and
    an id it does not hold raises the ledger's own `NotFoundError` (`missing`), with no query.
    """

    resident = True

    def __init__(self, con: duckdb.DuckDBPyConnection, path: Path, meta: dict[str, str], tables: ResidentTables):
        """Wrap an open connection (a request's cursor) and the build's resident tables."""
        self.con = con
        self.path = path
        self.meta = meta
        self.tables = tables

    def observations(
        self, flt: ObservationFilter | None = None, *, limit: int | None = None, offset: int = 0
    ) -> list[Record]:
        """As `Ledger.observations`, from memory."""
        found = self.tables.matching(flt or ObservationFilter())
        stop = None if limit is None else offset + max(limit, 0)
        return [dict(r) for r in found[offset:stop]]

    def observation_page(self, flt: ObservationFilter, limit: int, offset: int) -> tuple[int, list[Record]]:
        """As `Ledger.observation_page`, from memory."""
        found = self.tables.matching(flt)
        return len(found), [dict(r) for r in found[offset : offset + max(limit, 0)]]

    def observation(self, obs_id: str) -> Record:
        """As `Ledger.observation`, from memory."""
        row = self.tables.by_id.get(obs_id)
        if row is None:
            raise missing("observation", obs_id)
        return dict(row)

    def indicators(self) -> list[Record]:
        """As `Ledger.indicators`, from memory."""
        return [dict(r) for r in self.tables.indicators]

    def indicator(self, indicator_id: str) -> Record:
        """As `Ledger.indicator`, from memory."""
        row = self.tables.indicator_rows.get(indicator_id)
        if row is None:
            raise missing("indicator", indicator_id)
        return dict(row)

    def has_indicator(self, indicator_id: str) -> bool:
        """As `Ledger.has_indicator`, from memory."""
        return indicator_id in self.tables.indicator_rows

    def entities(self, kind: str | None = None) -> list[Record]:
        """As `Ledger.entities`, from memory."""
        return [dict(r) for r in self.tables.entities if not kind or r["kind"] == kind]

    def entity(self, entity_id: str) -> Record:
        """As `Ledger.entity`, from memory."""
        row = self.tables.entity_ids.get(entity_id)
        if row is None:
            raise missing("entity", entity_id)
        return dict(row)

    def has_entity(self, entity_id: str) -> bool:
        """As `Ledger.has_entity`, from memory."""
        return entity_id in self.tables.entity_ids
