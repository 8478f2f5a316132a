"""Sources: the catalogue, and what each source supports."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from caravan.figures import display_fields
from caravan.web.deps import LangQuery, LedgerDep
from caravan.web.models import Source, SourceDetail
from caravan.web.tables import FormatQuery, TableFormat, csv_response

router = APIRouter(prefix="/api/sources", tags=["sources"])


@router.get("", response_model=list[Source])
def list_sources(
    ledger: LedgerDep,
    q: Annotated[
        str | None, Query(max_length=200, description="Only sources whose id, publisher or title contains this text.")
    ] = None,
    fmt: FormatQuery = TableFormat.JSON,
) -> Any:
    """The source catalogue with the number of observations and events each supports."""
    rows = ledger.sources()
    if q:
        needle = q.casefold()
        rows = [
            r
            for r in rows
            if any(needle in str(r.get(k) or "").casefold() for k in ("id", "publisher", "original_publisher", "title"))
        ]
    if fmt.download:
        return csv_response(rows, "sources", list(Source.model_fields), ledger=ledger)
    return rows


@router.get("/{source_id}", response_model=SourceDetail)
def get_source(source_id: str, ledger: LedgerDep, lang: LangQuery = "en") -> Any:
    """One source with every observation and event it supports."""
    record = ledger.source(source_id)
    record["observations"] = [{**r, **display_fields(r, lang)} for r in record["observations"]]
    return record
