"""The curated data's words that readers of the ledger need too, in a module of their own (no pydantic).

`caravan.sources.models` validates the curated records with them; the analyses
(a figure's bound, a commitment's status) read them from here, so that reading
the ledger does not import the models (pydantic builds every model's schema at
import: about 0.15 s of a briefing).
"""

from __future__ import annotations

import math
from enum import StrEnum


class Bound(StrEnum):
    """How exactly a printed figure states the quantity ("over 15 bn" is a lower bound, not 15)."""

    EXACT = "exact"
    LOWER = "lower"
    UPPER = "upper"
    APPROXIMATE = "approximate"


class CommitmentStatus(StrEnum):
    """Where a commitment stands."""

    ANNOUNCED = "announced"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    LAPSED = "lapsed"
    UNKNOWN = "unknown"


class Tier(StrEnum):
    """How far a source can be trusted, from its domain (see `data/domains/`), best first."""

    OFFICIAL = "official"
    OPERATOR = "operator"
    MEDIA = "media"
    RESEARCH = "research"
    SECONDARY = "secondary"
    REFUSED = "refused"


_TIER_RANK = {t.value: i for i, t in enumerate(Tier)}


def tier_rank(tier: str | None) -> int:
    """A source tier's rank, best first: the one ordering of tiers (a source of no known tier ranks as secondary)."""
    return _TIER_RANK.get(tier or Tier.SECONDARY.value, _TIER_RANK[Tier.SECONDARY.value])


def tier_rank_sql(column: str) -> str:
    """`tier_rank` as a SQL expression over `column`, for queries that order figures by their source's tier."""
    cases = " ".join(f"WHEN '{t.value}' THEN {i}" for i, t in enumerate(Tier))
    return f"coalesce(CASE {column} {cases} END, {_TIER_RANK[Tier.SECONDARY.value]})"


def printed_digits(value: float | None) -> int:
    """How many significant digits a figure was printed with: 43.82 has 4, 44 (or 44.0) has 2, 1,300,000 has 2.

    Read to twelve significant digits, so binary noise (106.30000000000001) is no digit. The figure
    printed with more digits is the more precise of two that round to each other ("44 bn" is 43.82 bn
    rounded), so it stands before the rounder one (`caravan.ledger.store.one_per_period`); the
    surfaces show a figure to no more digits than it was printed with (`caravan.figures.meant`).
    """
    if value is None or not math.isfinite(value) or value == 0:
        return 0
    return len(f"{abs(float(value)):.12e}".split("e")[0].replace(".", "").rstrip("0"))


def printed_digits_sql(column: str) -> str:
    """`printed_digits` as a SQL expression over a DOUBLE `column` (DuckDB prints 44.0 as '44.0', as Python does)."""
    text = f"replace(CAST(abs({column}) AS VARCHAR), '-', '')"
    return f"length(trim(replace(rtrim(rtrim({text}, '0'), '.'), '.', ''), '0'))"
