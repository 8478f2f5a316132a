"""Commitments: what each summit promised, its status, evidence and progress (the commitment tracker)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from caravan.institutions import commitments as tracker
from caravan.web.deps import LedgerDep
from caravan.web.models import Commitment
from caravan.web.tables import FormatQuery, TableFormat, csv_response

router = APIRouter(prefix="/api/commitments", tags=["institutions"])
CSV_COLUMNS = [
    "id",
    "made_on",
    "event",
    "pillar",
    "countries",
    "status",
    "assessed_status",
    "target",
    "outcome",
    "by_reporter",
    "latest",
    "latest_source",
    "share_of_target",
    "evidence",
    "text",
    "status_note",
]


@router.get("", response_model=list[Commitment])
def list_commitments(
    ledger: LedgerDep,
    pillar: Annotated[str | None, Query(max_length=20, description="Only this pillar (trade, transport, ...).")] = None,
    country: Annotated[str | None, Query(max_length=10, description="Only those concerning this country.")] = None,
    status: Annotated[str | None, Query(max_length=20, description="Only this assessed status.")] = None,
    fmt: FormatQuery = TableFormat.JSON,
) -> Any:
    """Commitments with curated and assessed status, evidence, and progress toward any quantitative target."""
    found = tracker.list_commitments(ledger, pillar=pillar, country=country, status=status)
    if fmt is TableFormat.CSV:
        return csv_response([c.to_row() for c in found], "commitments", CSV_COLUMNS)
    return [c.to_dict() for c in found]


@router.get("/{commitment_id}", response_model=Commitment)
def get_commitment(commitment_id: str, ledger: LedgerDep) -> Any:
    """One commitment with its evidence and target progress."""
    return tracker.get_commitment(ledger, commitment_id).to_dict()
