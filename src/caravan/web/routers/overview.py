"""The overview: each pillar's headline figure for China and each of the five, with sparklines."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from caravan.errors import CaravanError
from caravan.figures import attribution, display_fields, printed, shown
from caravan.ledger.backends import open_trade
from caravan.ledger.store import Ledger
from caravan.overview import group_shares, overview
from caravan.settings import Settings
from caravan.trade.flows import datasets
from caravan.vocabulary import period_label
from caravan.web.deps import LangQuery, LedgerDep, build_settings
from caravan.web.models import GroupShares, Headline, Meta
from caravan.web.tables import FormatQuery, TableFormat, csv_response

router = APIRouter(prefix="/api", tags=["overview"])


@router.get("/overview/shares", response_model=GroupShares)
def shares(ledger: LedgerDep, lang: LangQuery = "en") -> Any:
    """Each of the five's share of China's trade with them, in the latest year all five have one."""
    found = group_shares(ledger)
    rows = [{**r, **display_fields(r, lang)} for r in found.rows]
    return {"period": found.period, "rows": rows, "incomplete": found.incomplete}


@router.get("/overview", response_model=list[Headline])
def headlines(ledger: LedgerDep, fmt: FormatQuery = TableFormat.JSON, lang: LangQuery = "en") -> Any:
    """The latest cited headline of every pillar per country, each with its yearly series."""
    rows = [_readable(ledger, cell.to_dict(), lang) for cell in overview(ledger, series=True)]
    if fmt.download:
        return csv_response(rows, "overview", [c for c in Headline.model_fields if c != "series"], ledger=ledger)
    return rows


def _readable(ledger: Ledger, cell: dict[str, Any], lang: str) -> dict[str, Any]:
    """A headline as a person reads it: the figure in its display unit with the bound as a word, and whose it is."""
    if cell.get("titles"):
        cell["text"] = f"{cell['titles'].get(lang) or cell['titles']['en']} ({cell['period']})"
    if cell["value"] is not None:
        cell["period_label"] = period_label(cell["period"], lang)
        cell["text"] = f"{shown(cell, lang)} ({cell['period_label']})"
        figure = display_fields(cell, lang)
        cell["value_shown"], cell["unit_label"] = figure["value_shown"], figure["unit_label"]
    whose = {"publisher": cell["publisher"], "primary_name": cell["primary"]}
    if cell["observation_id"]:
        row = ledger.observation(cell["observation_id"])
        cell["printed"] = printed(row, lang)
        cell["indicator_name"] = row.get(f"indicator_name_{lang}") or row["indicator_name"]
        whose[f"primary_name_{lang}"] = row.get(f"primary_name_{lang}")
    cell["attribution"] = attribution(whose, lang)
    return cell


def trade_datasets(settings: Settings) -> dict[str, list[str]]:
    """The bulk trade datasets imported into the ledger's store, per table (empty where none)."""
    try:
        with open_trade(settings, "duckdb") as tables:
            return {name: sorted(found) for name, found in datasets(tables).items()}
    except CaravanError:
        return {}


@router.get("/meta", response_model=Meta)
def meta(request: Request, ledger: LedgerDep) -> Any:
    """The ledger being served: build facts, table sizes and the bulk trade datasets imported."""
    return {
        "ledger": ledger.meta,
        "counts": ledger.table_counts(("source", "entity", "indicator", "observation", "event", "commitment")),
        "trade_datasets": trade_datasets(build_settings(request)),
    }
