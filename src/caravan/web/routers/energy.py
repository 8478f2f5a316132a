"""Energy: pipelines' capacity against deliveries, and cumulative checks (from `caravan.energy`)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from caravan.energy.pipelines import GAS_COLUMNS, as_dicts, cumulative_checks
from caravan.energy.pipelines import utilisation as pipeline_utilisation
from caravan.ledger.store import Ledger
from caravan.results import frictionless
from caravan.vocabulary import local
from caravan.web.deps import LangQuery, LedgerDep
from caravan.web.models import CumulativeCheck, YearUtilisation
from caravan.web.tables import FormatQuery, TableFormat, csv_response

GAS_FIELDS = frictionless(GAS_COLUMNS.values())
"""What the gas downloads' columns mean, for their descriptors."""

router = APIRouter(prefix="/api/energy", tags=["energy"])

Pipeline = Annotated[str, Query(max_length=100, description="Pipeline entity id.")]
Party = Annotated[str, Query(max_length=20, description="Entity id (country or group).")]


@router.get("/utilisation", response_model=list[YearUtilisation])
def utilisation(
    ledger: LedgerDep,
    pipeline: Pipeline = "pipeline.cacgp",
    supplier: Party = "C5",
    buyer: Party = "CHN",
    fmt: FormatQuery = TableFormat.JSON,
    lang: LangQuery = "en",
) -> Any:
    """Delivered volume against capacity, year by year, each figure with its source."""
    rows = [
        _said(ledger, r, "capacity_basis", lang)
        for r in as_dicts(pipeline_utilisation(ledger, pipeline, supplier, buyer))
    ]
    if fmt.download:
        return csv_response(rows, "utilisation", list(YearUtilisation.model_fields), fields=GAS_FIELDS, ledger=ledger)
    return rows


@router.get("/cumulative", response_model=list[CumulativeCheck])
def cumulative(
    ledger: LedgerDep,
    supplier: Party = "C5",
    buyer: Party = "CHN",
    fmt: FormatQuery = TableFormat.JSON,
    lang: LangQuery = "en",
) -> Any:
    """Consecutive cumulative totals checked against the annual volumes between them."""
    rows = [_said(ledger, r, "status", lang) for r in as_dicts(cumulative_checks(ledger, supplier, buyer))]
    if fmt.download:
        columns = list(CumulativeCheck.model_fields)
        return csv_response(rows, "cumulative-checks", columns, fields=GAS_FIELDS, ledger=ledger)
    return rows


def _said(ledger: Ledger, row: dict[str, Any], column: str, lang: str) -> dict[str, Any]:
    """A row whose analysis-written sentence in `column` is said in the language asked for, entities by name."""

    def name(entity_id: str) -> str:
        entity = ledger.entity(entity_id)
        return str(entity.get(f"name_{lang}") or entity["name_en"])

    return row | {column: local(row[column], lang, name)}
