"""The timeline of events."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query

from caravan.web.deps import LedgerDep
from caravan.web.models import Event
from caravan.web.tables import FormatQuery, TableFormat, csv_response

router = APIRouter(prefix="/api/timeline", tags=["institutions"])


@router.get("", response_model=list[Event])
def timeline(
    ledger: LedgerDep,
    since: Annotated[date | None, Query(description="Only events on or after this date.")] = None,
    kind: Annotated[
        str | None, Query(max_length=100, description="Only events of this kind (summit, ministerial, ...).")
    ] = None,
    fmt: FormatQuery = TableFormat.JSON,
) -> Any:
    """Events in date order, each with its source."""
    rows = ledger.events(since=since.isoformat() if since else None, kind=kind)
    if fmt.download:
        return csv_response(rows, "timeline", list(Event.model_fields), ledger=ledger)
    return rows
