"""Vintages: the builds the ledger remembers and every revision of a reported figure (`caravan.ledger.vintages`)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from caravan.ledger.builds import builds_dir
from caravan.ledger.vintages import changelog, history
from caravan.web.deps import LedgerDep
from caravan.web.models import Build, Change, Page
from caravan.web.tables import FormatQuery, TableFormat, csv_response

router = APIRouter(prefix="/api", tags=["vintages"])

MAX_LIMIT = 1000
BuildRef = Annotated[str | None, Query(max_length=40, description="A build id, or a date (YYYY-MM-DD, UTC).")]


@router.get("/changes", response_model=Page[Change])
def changes(
    ledger: LedgerDep,
    build: BuildRef = None,
    since: BuildRef = None,
    observation: Annotated[str | None, Query(max_length=40, description="Only this observation's revisions.")] = None,
    indicator: Annotated[str | None, Query(max_length=80, description="Indicator id.")] = None,
    subject: Annotated[str | None, Query(max_length=40, description="Subject or counterpart entity id.")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Rows per page.")] = 100,
    offset: Annotated[int, Query(ge=0, le=10**9, description="Rows to skip.")] = 0,
    fmt: FormatQuery = TableFormat.JSON,
) -> Any:
    """The changelog: figures each build added, removed or changed, newest build first, with old and new value.

    `build` gives one build's changes; `since` those of every build after one.
    """
    total, rows = changelog(
        ledger,
        build=build,
        since=since,
        observation=observation,
        indicator=indicator,
        subject=subject,
        limit=limit,
        offset=offset,
    )
    if fmt is TableFormat.CSV:
        return csv_response(rows, "changes", list(Change.model_fields))
    return {"total": total, "limit": limit, "offset": offset, "items": rows}


@router.get("/builds", response_model=list[Build])
def builds(request: Request, ledger: LedgerDep, fmt: FormatQuery = TableFormat.JSON) -> Any:
    """Every build the ledger remembers, newest first, with how many figures each added, removed and changed."""
    rows = history(ledger, builds_dir(request.app.state.settings.ledger))
    if fmt is TableFormat.CSV:
        return csv_response(rows, "builds", list(Build.model_fields))
    return rows
