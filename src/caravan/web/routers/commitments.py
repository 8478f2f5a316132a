"""Commitments: what each summit promised, its status, evidence and progress (the commitment tracker)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from caravan.errors import NotFoundError
from caravan.figures import display_fields, readable_units
from caravan.institutions import commitments as tracker
from caravan.ledger.store import Ledger
from caravan.vocabulary import local, term
from caravan.web.deps import LangQuery, LedgerDep
from caravan.web.models import Commitment, SummitTally
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
    summit: Annotated[
        str | None, Query(max_length=80, description="Only those made at this event (summit.xian-2023).")
    ] = None,
    pillar: Annotated[str | None, Query(max_length=20, description="Only this pillar (trade, transport, ...).")] = None,
    country: Annotated[str | None, Query(max_length=10, description="Only those concerning this country.")] = None,
    status: Annotated[str | None, Query(max_length=20, description="Only this assessed status.")] = None,
    fmt: FormatQuery = TableFormat.JSON,
    lang: LangQuery = "en",
) -> Any:
    """Commitments with curated and assessed status, evidence, and progress toward any quantitative target."""
    found = tracker.list_commitments(ledger, summit=summit, pillar=pillar, country=country, status=status)
    if fmt.download:
        return csv_response([c.to_row() for c in found], "commitments", CSV_COLUMNS, ledger=ledger)
    return [_readable(ledger, _in(ledger, c, lang), lang) for c in found]


@router.get("/summits", response_model=list[SummitTally])
def summits(ledger: LedgerDep, fmt: FormatQuery = TableFormat.JSON) -> Any:
    """Every event that made commitments, with how many of them the tracker finds in each status and pillar."""
    found = tracker.summits(ledger)
    if fmt.download:
        rows = [
            {"event": t.event_id, "title": t.title.get("en"), "date": t.date, "commitments": t.commitments}
            | {f"status_{s}": n for s, n in t.by_status.items()}
            for t in found
        ]
        columns = ["event", "title", "date", "commitments", *(f"status_{s}" for s in tracker.STATUSES)]
        return csv_response(rows, "commitments-by-summit", columns, ledger=ledger)
    return [t.to_dict() for t in found]


@router.get("/{commitment_id}", response_model=Commitment)
def get_commitment(commitment_id: str, ledger: LedgerDep, lang: LangQuery = "en") -> Any:
    """One commitment with its evidence and target progress."""
    return _readable(ledger, _in(ledger, tracker.get_commitment(ledger, commitment_id), lang), lang)


def _in(ledger: Ledger, c: tracker.Commitment, lang: str) -> dict[str, Any]:
    """A commitment as a dict, its target in words in the language asked for."""
    out = c.to_dict()
    if c.target is not None:
        indicator = ledger.indicator(c.target.indicator)
        out["target_text"] = c.target_text_in(
            lang, indicator.get(f"name_{lang}") or indicator["name"], ledger.namer(lang)
        )
    return out


def _readable(ledger: Ledger, commitment: dict[str, Any], lang: str) -> dict[str, Any]:
    """A commitment whose target figures read in their display units, with whose figure each is.

    Its statuses and the target's outcome are labelled in the language asked for.
    """
    name = ledger.namer(lang)
    commitment["status_label"] = term("commitment", commitment["status"], lang)
    commitment["assessed_status_label"] = term("commitment", commitment["assessed_status"], lang)
    commitment["status_note"] = local(commitment["status_note"], lang, name)
    target = commitment.get("target")
    if not target:
        return commitment
    target["outcome_label"] = term("outcome", target.get("outcome"), lang)
    for part in (target, *target.get("reporters", [])):
        part["explanation"] = local(part.get("explanation"), lang, name)
    target["by_reporter"] = local(target.get("by_reporter"), lang, name)
    for key in ("latest", "starting", "met_by"):
        figure = target.get(key)
        if figure:
            figure.update(_shown(ledger, figure["observation_id"], lang))
    target["explanation"] = readable_units(target.get("explanation"))
    if target.get("projection"):
        target["projection"]["description"] = readable_units(target["projection"].get("description"))
    commitment["target_text"] = readable_units(commitment.get("target_text"))
    return commitment


def _shown(ledger: Ledger, observation_id: str, lang: str) -> dict[str, Any]:
    try:
        row = ledger.observation(observation_id)
    except NotFoundError:
        return {}
    return {k: row[k] for k in ("value_display", "display_unit", "bound")} | display_fields(row, lang)
