"""People-to-people ties: figures, change since the Xi'an summit, workshops and institutes, visas (`caravan.people`)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from caravan.figures import display_fields, readable_units
from caravan.people.figures import people_figures, since_summit
from caravan.people.institutions import institutions as people_institutions
from caravan.people.institutions import visa_events
from caravan.vocabulary import local, term
from caravan.web.deps import LangQuery, LedgerDep
from caravan.web.models import Event, PeopleChange, PeopleFigure, PeopleInstitution
from caravan.web.tables import FormatQuery, TableFormat, csv_response

router = APIRouter(prefix="/api/people", tags=["people"])

CountryQuery = Annotated[str | None, Query(max_length=10, description="Only figures concerning this country.")]


@router.get("/figures", response_model=list[PeopleFigure])
def figures(
    ledger: LedgerDep,
    country: CountryQuery = None,
    indicator: Annotated[str | None, Query(max_length=60, description="Only this indicator.")] = None,
    fmt: FormatQuery = TableFormat.JSON,
    lang: LangQuery = "en",
) -> Any:
    """Every cited figure of the people pillar: students, visitors, flights, sister cities."""
    rows = [{**f.to_dict(), **display_fields(f.to_dict(), lang)} for f in people_figures(ledger, country, indicator)]
    if fmt.download:
        return csv_response(rows, "people", list(PeopleFigure.model_fields), ledger=ledger)
    return rows


@router.get("/changes", response_model=list[PeopleChange])
def changes(
    ledger: LedgerDep, country: CountryQuery = None, fmt: FormatQuery = TableFormat.JSON, lang: LangQuery = "en"
) -> Any:
    """How each series changed since the Xi'an summit (May 2023), where the figures are comparable."""
    found = since_summit(ledger, country)
    if fmt.download:
        rows = [c.to_row() for c in found]
        return csv_response(rows, "people-changes", list(rows[0]) if rows else None, ledger=ledger)
    out = []
    for change in (c.to_dict() for c in found):
        for key in ("before", "after"):
            if change.get(key):
                change[key] |= display_fields(change[key], lang)
        change["explanation"] = readable_units(str(local(change["explanation"], lang)))
        change["indicator_name"] = change.get(f"indicator_name_{lang}") or change["indicator_name"]
        out.append(change)
    return out


@router.get("/institutions", response_model=list[PeopleInstitution])
def institutions(
    ledger: LedgerDep, country: CountryQuery = None, fmt: FormatQuery = TableFormat.JSON, lang: LangQuery = "en"
) -> Any:
    """Luban Workshops and Confucius Institutes: which, where, since when, with sources."""
    rows = [
        r | {"kind_label": term("institution_kind", r["kind"], lang)} for r in people_institutions(ledger, country).rows
    ]
    if fmt.download:
        return csv_response(rows, "people-institutions", list(PeopleInstitution.model_fields), ledger=ledger)
    return rows


@router.get("/visas", response_model=list[Event])
def visas(ledger: LedgerDep, country: CountryQuery = None, fmt: FormatQuery = TableFormat.JSON) -> Any:
    """Visa regimes as dated events: signatures and entries into force, with sources."""
    rows = visa_events(ledger, country)
    if fmt.download:
        return csv_response(rows, "visas", list(rows[0]) if rows else None, ledger=ledger)
    return rows
