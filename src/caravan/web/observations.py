"""Observation series the dashboard draws (pages of observations come from `Ledger.observation_page`)."""

from __future__ import annotations

from caravan.ledger.store import Ledger, Record


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
