"""The indicator explorer's data: one indicator's series for chosen pairs, years and scale (`caravan.explore`)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from caravan.explore import MAX_PAIRS, Scale, explore
from caravan.ledger.store import Ledger
from caravan.results import frictionless
from caravan.web.deps import LangQuery, LedgerDep, read
from caravan.web.tables import FormatQuery, TableFormat, csv_response, view_name

router = APIRouter(prefix="/api/explore", tags=["explore"])


@router.get("")
async def explore_indicator(
    ledger: LedgerDep,
    indicator: Annotated[str, Query(max_length=100, description="Indicator id, e.g. `trade.exports`.")],
    pair: Annotated[
        list[str] | None,
        Query(
            max_length=MAX_PAIRS,
            description="Pairs shown, `SUBJECT:COUNTERPART` (`KAZ:CHN`) or `SUBJECT` alone; repeat for more. "
            "None: the series with the most periods.",
        ),
    ] = None,
    start: Annotated[int | None, Query(alias="from", ge=1900, le=2100, description="First year shown.")] = None,
    end: Annotated[int | None, Query(alias="to", ge=1900, le=2100, description="Last year shown.")] = None,
    scale: Annotated[Scale, Query(description="linear, log, or relative (first figure = 100).")] = Scale.LINEAR,
    per_capita: Annotated[
        bool,
        Query(description="Per person of one country in the same year (the answer says whose, or why none is shown)."),
    ] = False,
    period_kind: Annotated[
        str | None, Query(max_length=40, description="Kind of period (default: yearly where there are yearly figures).")
    ] = None,
    year: Annotated[int | None, Query(ge=1900, le=2100, description="The year the map shows.")] = None,
    fmt: FormatQuery = TableFormat.JSON,
    lang: LangQuery = "en",
) -> Any:
    """One indicator's series for the chosen pairs and years, with each column's meaning and every point's source."""
    args = (ledger, indicator, pair or [], start, end, scale, per_capita, period_kind, year, fmt, lang)
    return await read(ledger, _explore, *args, memory=not fmt.download)


def _explore(
    ledger: Ledger,
    indicator: str,
    pairs: list[str],
    start: int | None,
    end: int | None,
    scale: Scale,
    per_capita: bool,
    period_kind: str | None,
    year: int | None,
    fmt: TableFormat,
    lang: str,
) -> Any:
    result = explore(
        ledger,
        indicator,
        pairs,
        start=start,
        end=end,
        scale=scale,
        per_capita=per_capita,
        period_kind=period_kind,
        map_year=year,
    )
    if fmt.download:
        name = view_name("explore", [indicator, *(s.key for s in result.series), start, end, scale.value])
        return csv_response(
            result.rows(),
            "explore",
            [c.name for c in result.columns],
            name=name,
            fields=frictionless(result.columns),
            sources=result.sources(),
            title=f"{result.indicator['name']} ({scale.value})",
        )
    return result.to_dict(lang)
