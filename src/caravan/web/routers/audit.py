"""The audit: what the build's checks found in the ledger (contradictions, copy errors, stale figures)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Query

from caravan.figures import readable_units
from caravan.web.deps import LedgerDep
from caravan.web.models import AuditFinding
from caravan.web.tables import FormatQuery, TableFormat, csv_response

router = APIRouter(prefix="/api/audit", tags=["sources"])


class Severity(StrEnum):
    """How grave a finding is."""

    ERROR = "error"
    WARNING = "warning"


@router.get("", response_model=list[AuditFinding])
def audit(
    ledger: LedgerDep,
    severity: Annotated[Severity | None, Query(description="Only `error` or only `warning` findings.")] = None,
    check: Annotated[
        str | None, Query(max_length=40, pattern=r"^[a-z-]+$", description="Only this check, e.g. `part-whole`.")
    ] = None,
    fmt: FormatQuery = TableFormat.JSON,
) -> Any:
    """The audit's findings for this build, errors first, each naming the observations involved."""
    rows = ledger.audit_findings(severity=severity.value if severity else None, check=check)
    for row in rows:
        row["observations"] = row["observations"] or []
        row["text"] = readable_units(row["message"])
    if fmt.download:
        return csv_response(rows, "audit", list(AuditFinding.model_fields), ledger=ledger)
    return rows
