"""Indicators: the kinds of measurement the ledger holds."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from caravan.ledger.store import Ledger
from caravan.web.deps import LedgerDep, read
from caravan.web.encoded import EncodedTables
from caravan.web.models import Indicator
from caravan.web.tables import FormatQuery, TableFormat, csv_response

router = APIRouter(prefix="/api/indicators", tags=["indicators"])


@router.get("", response_model=list[Indicator])
async def list_indicators(ledger: LedgerDep, fmt: FormatQuery = TableFormat.JSON) -> Any:
    """Indicators with their pillar, canonical unit and observation count."""
    # The list comes from memory; a download also reads the source catalogue from the build.
    return await read(ledger, _indicators, ledger, fmt, memory=not fmt.download)


def _indicators(ledger: Ledger, fmt: TableFormat) -> Any:
    rows = ledger.indicators()
    if fmt.download:
        return csv_response(rows, "indicators", list(Indicator.model_fields), ledger=ledger)
    return rows


@router.get("/{indicator_id}", response_model=Indicator)
async def get_indicator(indicator_id: str, ledger: LedgerDep) -> Any:
    """One indicator by id."""
    return await read(ledger, ledger.indicator, indicator_id)


def direct_list(encoded: EncodedTables, params: dict[str, Any]) -> bytes:
    """`list_indicators`'s JSON answer from a build's encoded tables (no parameter changes it)."""
    return encoded.indicators


def direct_one(encoded: EncodedTables, indicator_id: str) -> bytes | None:
    """`get_indicator`'s JSON answer from a build's encoded tables; None for an id it does not hold."""
    return encoded.indicator_rows.get(indicator_id)
