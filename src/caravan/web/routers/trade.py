"""Trade: summaries, partners, products and mirror gaps (from `caravan.trade`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from caravan.ledger.backends import open_trade
from caravan.results import frictionless
from caravan.trade.mirror import largest_gaps, mirrors
from caravan.trade.partners import partner_position
from caravan.trade.partners import partners as ranked_partners
from caravan.trade.products import products
from caravan.trade.totals import summary
from caravan.web.deps import LangQuery, request_build
from caravan.web.models import TradeTable
from caravan.web.tables import FormatQuery, TableFormat, csv_response, view_name

router = APIRouter(prefix="/api/trade", tags=["trade"])

Country = Annotated[str, Query(pattern="^[A-Z0-9]{3}$", description="ISO 3166 alpha-3 code, e.g. `KAZ`.")]
Countries = Annotated[str, Query(pattern="^[A-Z0-9]{3}(,[A-Z0-9]{3})*$", description="Comma-separated codes.")]
Year = Annotated[int, Query(ge=1950, le=2100, description="The year.")]
OptionalYears = Annotated[
    str | None, Query(pattern="^[0-9]{4}(,[0-9]{4})*$", description="Comma-separated years (default: all).")
]
Dataset = Annotated[
    str | None, Query(pattern="^(baci|imf-dots|comtrade)$", description="Dataset (default: the preferred one).")
]
C5 = "KAZ,KGZ,TJK,TKM,UZB"


def _codes(text: str) -> list[str]:
    return [c for c in text.split(",") if c]


def _years(text: str | None) -> list[int] | None:
    return [int(y) for y in text.split(",")] if text else None


def run_trade(
    request: Request,
    analysis: Callable[..., Any],
    call: Callable[[Any, Callable[..., Any]], Any],
    fmt: TableFormat,
    view: str,
    name: Callable[[Any], str] | None = None,
    lang: str = "en",
) -> Any:
    """Open the trade tables, call one trade analysis and return its result (or its rows as a download).

    A download's columns carry their labels, units and descriptions (the result's `fields`) in its
    descriptor, and its sources are the result's; the JSON says its units and notes in `lang`.
    """
    with request_build(request) as settings, open_trade(settings, "duckdb") as tables:
        result = call(tables, analysis)
    if fmt.download:
        return csv_response(
            result.rows,
            view,
            result.columns,
            name=name(result) if name else None,
            fields=frictionless(result.fields()),
            sources=result.sources,
            title=result.title,
        )
    return result.to_dict(lang)


def _span(rows: list[dict[str, Any]]) -> str:
    years = sorted({r["year"] for r in rows if r.get("year") is not None})
    return f"{years[0]}-{years[-1]}" if len(years) > 1 else "".join(str(y) for y in years)


@router.get("/summary", response_model=TradeTable)
def trade_summary(
    request: Request,
    country: Country = "CHN",
    partners: Countries = C5,
    years: OptionalYears = None,
    dataset: Dataset = None,
    fmt: FormatQuery = TableFormat.JSON,
    lang: LangQuery = "en",
) -> Any:
    """Exports, imports, turnover and balance of a country with each partner by year, with growth."""
    return run_trade(
        request,
        summary,
        lambda t, f: f(t, country, _codes(partners), years=_years(years), dataset=dataset),
        fmt,
        "trade-summary",
        lang=lang,
    )


@router.get("/partners", response_model=TradeTable)
def trade_partners(
    request: Request,
    country: Country,
    year: Year,
    dataset: Dataset = None,
    limit: Annotated[int, Query(ge=1, le=250)] = 20,
    fmt: FormatQuery = TableFormat.JSON,
    lang: LangQuery = "en",
) -> Any:
    """A country's partners in one year, ranked by turnover, with each one's share."""
    return run_trade(
        request,
        ranked_partners,
        lambda t, f: f(t, country, year, dataset=dataset, limit=limit),
        fmt,
        "trade-partners",
        lang=lang,
    )


@router.get("/position", response_model=TradeTable)
def trade_position(
    request: Request,
    year: Year,
    partner: Country = "CHN",
    countries: Countries = C5,
    dataset: Dataset = None,
    fmt: FormatQuery = TableFormat.JSON,
    lang: LangQuery = "en",
) -> Any:
    """China's rank and share in each country's trade in a year, and who ranks first."""
    return run_trade(
        request,
        partner_position,
        lambda t, f: f(t, partner, _codes(countries), year=year, dataset=dataset),
        fmt,
        "trade-position",
        lang=lang,
    )


@router.get("/products", response_model=TradeTable)
def trade_products(
    request: Request,
    year: Year,
    exporters: Countries = "CHN",
    importers: Countries = C5,
    level: Annotated[str, Query(pattern="^(section|chapter|heading|subheading)$")] = "chapter",
    limit: Annotated[int, Query(ge=1, le=500)] = 20,
    dataset: Dataset = None,
    fmt: FormatQuery = TableFormat.JSON,
    lang: LangQuery = "en",
) -> Any:
    """What the exporters sell to the importers in a year, by product, with HS names and shares."""
    return run_trade(
        request,
        products,
        lambda t, f: f(t, _codes(exporters), _codes(importers), year=year, level=level, limit=limit, dataset=dataset),
        fmt,
        "trade-products",
        lang=lang,
    )


@router.get("/mirror", response_model=TradeTable)
def trade_mirror(
    request: Request,
    b: Countries,
    a: Country = "CHN",
    years: OptionalYears = None,
    cif_fob: Annotated[float, Query(gt=0, le=3, description="CIF/FOB factor.")] = 1.1,
    fmt: FormatQuery = TableFormat.JSON,
    lang: LangQuery = "en",
) -> Any:
    """What each side of a pair reports, per year and direction, side by side with the gap (`b` may list several)."""
    # Named after both parties and the years it covers: mirror-CHN-UZB-2015-2024.csv.
    return run_trade(
        request,
        mirrors,
        lambda t, f: f(t, a, _codes(b), years=_years(years), cif_fob=cif_fob),
        fmt,
        "mirror",
        lambda r: view_name("mirror", [a, *_codes(b), _span(r.rows)]),
        lang=lang,
    )


@router.get("/gaps", response_model=TradeTable)
def trade_gaps(
    request: Request,
    year: Annotated[int | None, Query(ge=1950, le=2100)] = None,
    countries: Annotated[str | None, Query(pattern="^[A-Z0-9]{3}(,[A-Z0-9]{3})*$")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 20,
    fmt: FormatQuery = TableFormat.JSON,
    lang: LangQuery = "en",
) -> Any:
    """The pairs and years where the exporter's and importer's figures differ most."""
    return run_trade(
        request,
        largest_gaps,
        lambda t, f: f(t, year=year, countries=_codes(countries) if countries else None, limit=limit),
        fmt,
        "mirror-gaps",
        lang=lang,
    )
