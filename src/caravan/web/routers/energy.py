"""Energy: pipelines' capacity against deliveries, and cumulative checks (from `caravan.energy`)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from caravan.energy.pipelines import GasResult, cumulative_checks, section_lengths
from caravan.energy.pipelines import utilisation as pipeline_utilisation
from caravan.figures import display_fields
from caravan.ledger.store import Ledger
from caravan.results import frictionless
from caravan.vocabulary import local
from caravan.web.deps import LangQuery, LedgerDep
from caravan.web.models import CumulativeCheck, Observation, YearUtilisation
from caravan.web.tables import FormatQuery, TableFormat, csv_response

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
    return _answer(
        ledger, pipeline_utilisation(ledger, pipeline, supplier, buyer), "capacity_basis", "utilisation", fmt, lang
    )


@router.get("/cumulative", response_model=list[CumulativeCheck])
def cumulative(
    ledger: LedgerDep,
    supplier: Party = "C5",
    buyer: Party = "CHN",
    fmt: FormatQuery = TableFormat.JSON,
    lang: LangQuery = "en",
) -> Any:
    """Consecutive cumulative totals checked against the annual volumes between them."""
    return _answer(ledger, cumulative_checks(ledger, supplier, buyer), "status", "cumulative-checks", fmt, lang)


@router.get("/lengths", response_model=list[Observation])
def lengths(ledger: LedgerDep, lang: LangQuery = "en") -> Any:
    """Per country an operating gas line crosses, the one cited length of it there (the figure the map colours by)."""
    return [{**r, **display_fields(r, lang)} for r in section_lengths(ledger)]


def _answer(ledger: Ledger, result: GasResult, said: str, view: str, fmt: TableFormat, lang: str) -> Any:
    """A gas result's rows, its sentence column `said` in `lang`; as a download, with its columns' meaning."""
    rows = [_said(ledger, r, said, lang) for r in result.rows]
    if fmt.download:
        return csv_response(rows, view, result.columns, fields=frictionless(result.fields()), ledger=ledger)
    return rows


def _said(ledger: Ledger, row: dict[str, Any], column: str, lang: str) -> dict[str, Any]:
    """A row whose analysis-written sentence in `column` is said in the language asked for, entities by name."""

    def name(entity_id: str) -> str:
        entity = ledger.entity(entity_id)
        return str(entity.get(f"name_{lang}") or entity["name_en"])

    return row | {column: local(row[column], lang, name)}
