"""Commitments: what each summit promised, its status, evidence and progress."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from caravan.ledger.store import Ledger, Record
from caravan.web.analyses import find
from caravan.web.deps import LedgerDep
from caravan.web.models import Commitment
from caravan.web.tables import FormatQuery, TableFormat, csv_response

router = APIRouter(prefix="/api/commitments", tags=["institutions"])


def _with_progress(ledger: Ledger, rows: list[Record]) -> list[Record]:
    evaluate_target = find("caravan.institutions.targets", "evaluate_target")
    for row in rows:
        row["evidence"] = ledger.evidence(row["id"])
        progress = evaluate_target(ledger, row) if evaluate_target else None
        row["progress"] = progress.to_dict() if progress is not None else None
    return rows


@router.get("", response_model=list[Commitment])
def list_commitments(ledger: LedgerDep, fmt: FormatQuery = TableFormat.JSON) -> Any:
    """Commitments with status, evidence and progress toward any quantitative target."""
    rows = _with_progress(ledger, ledger.commitments())
    if fmt is TableFormat.CSV:
        for row in rows:
            progress = row.pop("progress") or {}
            row["outcome"] = progress.get("outcome")
            row["evidence"] = len(row["evidence"])
        columns = [c for c in Commitment.model_fields if c != "progress"] + ["outcome"]
        return csv_response(rows, "commitments", columns)
    return rows
