"""Search: one box over indicators, entities, sources, events and commitments, in three languages."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from caravan import search as finder
from caravan.web.deps import LedgerDep
from caravan.web.models import SearchHit

router = APIRouter(prefix="/api/search", tags=["search"])


@router.get("", response_model=list[SearchHit])
def search(
    ledger: LedgerDep,
    q: Annotated[str, Query(min_length=1, max_length=finder.MAX_QUERY, description="Words to look for.")],
    lang: Annotated[str, Query(pattern="^(en|zh|ru)$", description="Titles in this language where known.")] = "en",
    kind: Annotated[
        list[str] | None, Query(description=f"Only these kinds (repeatable): {', '.join(finder.KINDS)}.")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=100, description="At most this many hits.")] = 20,
) -> Any:
    """What in the ledger matches the words, best first, each with the dashboard address that shows it."""
    kinds = tuple(kind) if kind else finder.KINDS
    return [h.to_dict() for h in finder.search(ledger, q, lang=lang, kinds=kinds, limit=limit)]
