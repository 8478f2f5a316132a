"""Observations: every cited number, filtered and paginated."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from caravan.figures import display_fields
from caravan.ledger.store import Ledger, ObservationFilter
from caravan.web.deps import LangQuery, LedgerDep, read
from caravan.web.encoded import EncodedTables
from caravan.web.models import Observation, ObservationDetail, Page
from caravan.web.tables import FormatQuery, TableFormat, csv_response

router = APIRouter(prefix="/api/observations", tags=["observations"])

MAX_LIMIT = 1000
DEFAULT_LIMIT = 100
MAX_OFFSET = 10_000_000


@router.get("", response_model=Page[Observation])
async def list_observations(
    ledger: LedgerDep,
    indicator: Annotated[str | None, Query(max_length=100, description="Indicator id, e.g. `trade.turnover`.")] = None,
    subject: Annotated[str | None, Query(max_length=100, description="Subject entity id, e.g. `CHN`.")] = None,
    counterpart: Annotated[str | None, Query(max_length=100, description="Counterpart entity id, e.g. `KAZ`.")] = None,
    period: Annotated[
        str | None, Query(max_length=100, description="Period as written: `2024`, `as-of 2023-03-31`.")
    ] = None,
    entity: Annotated[str | None, Query(max_length=100, description="Subject or counterpart.")] = None,
    method: Annotated[str | None, Query(max_length=100, description="reported, mirror, estimate or derived.")] = None,
    derived: Annotated[bool, Query(description="Include rows the build derived.")] = True,
    limit: Annotated[
        int | None, Query(ge=1, le=MAX_LIMIT, description="Rows per page (default 100; a download has every row).")
    ] = None,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")] = 0,
    fmt: FormatQuery = TableFormat.JSON,
    lang: LangQuery = "en",
) -> Any:
    """Observations matching the filter, one page at a time, each with its source."""
    flt = ObservationFilter(
        indicator=indicator,
        subject=subject,
        counterpart=counterpart,
        period=period,
        method=method,
        entity=entity,
        include_derived=derived,
    )
    # A page comes from memory; a download also reads the source catalogue from the build.
    return await read(ledger, _observations, ledger, flt, limit, offset, fmt, lang, memory=not fmt.download)


def direct_page(encoded: EncodedTables, params: dict[str, Any]) -> bytes:
    """`list_observations`'s JSON answer from a build's encoded tables, for checked query parameters.

    `params` holds the parameters the request gave, converted (`caravan.web.direct`); the
    defaults are the endpoint's.
    """
    flt = ObservationFilter(
        indicator=params.get("indicator"),
        subject=params.get("subject"),
        counterpart=params.get("counterpart"),
        period=params.get("period"),
        method=params.get("method"),
        entity=params.get("entity"),
        include_derived=params.get("derived", True),
    )
    positions = encoded.tables.matching_positions(flt)
    return encoded.page(positions, params.get("limit") or DEFAULT_LIMIT, params.get("offset", 0))


def _observations(
    ledger: Ledger, flt: ObservationFilter, limit: int | None, offset: int, fmt: TableFormat, lang: str
) -> Any:
    if fmt.download and limit is None:  # a download is the whole view, never its first page
        limit = ledger.observation_page(flt, 1, 0)[0] or 1
    total, found = ledger.observation_page(flt, limit or DEFAULT_LIMIT, offset)
    rows = [{**r, **display_fields(r, lang)} for r in found]
    if fmt.download:
        return csv_response(rows, "observations", list(Observation.model_fields), ledger=ledger)
    limit = limit or DEFAULT_LIMIT
    return {"total": total, "limit": limit, "offset": offset, "items": rows}


@router.get("/{observation_id}", response_model=ObservationDetail)
async def get_observation(observation_id: str, ledger: LedgerDep, lang: LangQuery = "en") -> Any:
    """One observation, with the reported observations a derived one rests on."""
    return await read(ledger, _observation, ledger, observation_id, lang)


def _observation(ledger: Ledger, observation_id: str, lang: str) -> Any:
    row = ledger.observation(observation_id)
    lineage = ledger.lineage(observation_id) if row["method"] == "derived" else []
    return {**row, **display_fields(row, lang), "lineage": [{**r, **display_fields(r, lang)} for r in lineage]}
