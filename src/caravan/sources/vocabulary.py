"""The curated data's words that readers of the ledger need too, in a module of their own (no pydantic).

`caravan.sources.models` validates the curated records with them; the analyses
(a figure's bound, a commitment's status) read them from here, so that reading
the ledger does not import the models (pydantic builds every model's schema at
import: about 0.15 s of a briefing).
"""

from __future__ import annotations

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
