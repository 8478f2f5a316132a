"""Paginated observation queries for the API: the ledger's filter, with LIMIT and OFFSET."""

from __future__ import annotations

from typing import Any

from caravan.ledger.store import OBSERVATION_SELECT, Ledger, ObservationFilter, Record

ORDER = (
    " ORDER BY o.indicator, o.subject, o.counterpart NULLS FIRST, o.period_end, o.period_start,"
    " o.method, o.source_id, o.id"
)


def _where(flt: ObservationFilter) -> tuple[str, list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    for column, value in (
        ("o.indicator", flt.indicator),
        ("o.subject", flt.subject),
        ("o.counterpart", flt.counterpart),
        ("o.period", flt.period),
        ("o.method", flt.method),
    ):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    if flt.entity is not None:
        where.append("(o.subject = ? OR o.counterpart = ?)")
        params += [flt.entity, flt.entity]
    if not flt.include_derived:
        where.append("o.method <> 'derived'")
    return (" WHERE " + " AND ".join(where) if where else ""), params


def observation_page(ledger: Ledger, flt: ObservationFilter, limit: int, offset: int) -> tuple[int, list[Record]]:
    """The observations matching a filter, one page of them, and how many match in all.

    Args:
        ledger: An open ledger.
        flt: The filter (the same one `Ledger.observations` takes).
        limit: Rows per page.
        offset: Rows to skip.

    Returns:
        The total number of matching rows and the rows of this page, in the ledger's order.
    """
    where, params = _where(flt)
    rows = ledger.query(
        "SELECT *, count(*) OVER () AS total_rows FROM ("
        + OBSERVATION_SELECT
        + where
        + ") o"
        + ORDER
        + " LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    if rows:
        total = rows[0]["total_rows"]
        for row in rows:
            del row["total_rows"]
    else:
        total = ledger.query("SELECT count(*) AS n FROM observation o" + where, params)[0]["n"]
    return int(total), rows


def yearly_series(ledger: Ledger, indicator: str, subject: str, counterpart: str | None) -> list[Record]:
    """Reported yearly values of one indicator for one pair, one per year (the first source by id)."""
    return ledger.query(
        """
        SELECT period, value, unit, id AS observation_id, source_id FROM (
          SELECT o.*, row_number() OVER (PARTITION BY o.period ORDER BY o.source_id) AS rank
          FROM observation o
          WHERE o.indicator = ? AND o.subject = ? AND o.counterpart IS NOT DISTINCT FROM ?
            AND o.period_kind = 'year' AND o.method <> 'derived'
        ) WHERE rank = 1 ORDER BY period
        """,
        [indicator, subject, counterpart],
    )
