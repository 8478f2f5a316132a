"""Entities: countries, cities, crossings, lines, pipelines, organisations."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Query

from caravan.ledger.store import Record
from caravan.web.deps import LedgerDep
from caravan.web.models import Entity
from caravan.web.tables import FormatQuery, TableFormat, csv_response

router = APIRouter(prefix="/api/entities", tags=["entities"])


def _entity(row: Record) -> Record:
    attributes: Any = row.get("attributes")
    if isinstance(attributes, str):
        row["attributes"] = json.loads(attributes)
    return row


@router.get("", response_model=list[Entity])
def list_entities(
    ledger: LedgerDep,
    kind: Annotated[
        str | None, Query(max_length=100, description="Only entities of this kind (country, city, crossing, ...).")
    ] = None,
    fmt: FormatQuery = TableFormat.JSON,
) -> Any:
    """Entities, optionally of one kind, with names in English, Chinese and Russian."""
    rows = [_entity(r) for r in ledger.entities(kind)]
    if fmt.download:
        return csv_response(rows, "entities", list(Entity.model_fields), ledger=ledger)
    return rows


@router.get("/{entity_id}", response_model=Entity)
def get_entity(entity_id: str, ledger: LedgerDep) -> Any:
    """One entity by id."""
    return _entity(ledger.entity(entity_id))
