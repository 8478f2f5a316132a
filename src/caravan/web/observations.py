"""Observation series the dashboard draws (pages of observations come from `Ledger.observation_page`)."""

from __future__ import annotations

from caravan.ledger.store import Ledger, Record


def yearly_series(ledger: Ledger, indicator: str, subject: str, counterpart: str | None) -> list[Record]:
    """Reported yearly values of one indicator for one pair, all from one publisher family.

    A series mixing, say, China's customs figures with a partner's statistics would draw a trend
    that is only a change of source, so every point comes from one family: the source's
    `original_publisher`, else its `publisher`. The family reporting the most years is chosen
    (ties: the one reaching the latest year, then by name); within it, one figure per year,
    `reported` before other methods, then by source id and observation id.

    Returns:
        Rows of `period`, `value`, `unit`, `observation_id`, `source_id` and `publisher` (the
        family), in period order.
    """
    return ledger.query(
        """
        WITH yearly AS (
          SELECT o.*, coalesce(s.original_publisher, s.publisher) AS family
          FROM observation o LEFT JOIN source s ON s.id = o.source_id
          WHERE o.indicator = ? AND o.subject = ? AND o.counterpart IS NOT DISTINCT FROM ?
            AND o.period_kind = 'year' AND o.method <> 'derived'
        ), chosen AS (
          SELECT family FROM yearly GROUP BY family
          ORDER BY count(DISTINCT period) DESC, max(period_end) DESC, family NULLS LAST
          LIMIT 1
        )
        SELECT period, value, unit, id AS observation_id, source_id, family AS publisher FROM (
          SELECT yearly.*, row_number() OVER (
            PARTITION BY period ORDER BY method = 'reported' DESC, source_id, id
          ) AS rank
          FROM yearly WHERE family IS NOT DISTINCT FROM (SELECT family FROM chosen)
        ) WHERE rank = 1 ORDER BY period
        """,
        [indicator, subject, counterpart],
    )
