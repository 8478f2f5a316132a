"""Turnover, exports, imports and balance; year-on-year growth and CAGR over any span.

Ibis and the modules that build expressions are imported by the functions that
build them: `summary` over the ledger's cited figures (what `caravan trade
summary` shows when nothing is imported) runs its kept SQL without them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from caravan.errors import InputError
from caravan.ledger.backends import LEDGER, TradeTables
from caravan.regions import CHINA
from caravan.regions import FIVE as C5
from caravan.trade.result import TradeResult, finish, finish_run
from caravan.vocabulary import Phrase

if TYPE_CHECKING:
    import ibis

    from caravan.ledger.compiled import Values


def cagr(start_value: float, end_value: float, years: float) -> float | None:
    """Compound annual growth rate in percent: (end / start) ** (1 / years) - 1.

    Returns:
        None when it is undefined (a non-positive value or a span of zero years).
    """
    if years <= 0 or start_value <= 0 or end_value <= 0:
        return None
    return ((end_value / start_value) ** (1.0 / years) - 1.0) * 100.0


def with_yoy(t: ibis.Table, value: str, keys: Sequence[str]) -> ibis.Table:
    """Add `<value>_yoy_pct`: change on the previous year of the same keys (null if that year is missing)."""
    import ibis

    window = ibis.window(group_by=list(keys), order_by="year")
    prev_value = t[value].lag().over(window)
    prev_year = t.year.lag().over(window)
    growth = ibis.ifelse(
        (prev_year == t.year - 1) & (prev_value > 0), (t[value] / prev_value - 1.0) * 100.0, ibis.null("float64")
    )
    return t.mutate(**{f"{value}_yoy_pct": growth})


def flows_between(
    tables: TradeTables,
    a: Sequence[str] = (CHINA,),
    b: Sequence[str] = C5,
    *,
    years: Sequence[int] | None = None,
    dataset: str | None = None,
    reported_by: str | None = None,
) -> TradeResult:
    """Value of goods by year and direction between two groups of countries (both directions).

    Args:
        tables: The trade tables.
        a: One group (default China).
        b: The other group (default the five Central Asian states).
        years: Only these years.
        dataset: baci, imf-dots or comtrade (default: the preferred one present).
        reported_by: For reported datasets, "exporter" (FOB, the default) or "importer" (CIF).
    """
    from caravan.trade.flows import pick_dataset, year_sources

    name = pick_dataset(tables, dataset)
    who = reported_by or (None if name == "baci" else "exporter")
    known = year_sources(tables, name, years)
    gather = known is None
    values = {"a": list(a), "b": list(b), "years": list(years) if years else None}
    return finish_run(
        tables,
        f"Trade between {'/'.join(a)} and {'/'.join(b)}, US$",
        f"flows_between-{name}-{who}-{'gather' if gather else 'known'}",
        values,
        lambda v: flows_between_of(tables, name, who, gather, v),
        name,
        known_sources=known,
    )


def flows_between_of(tables: TradeTables, name: str, who: str | None, gather: bool, values: Values) -> ibis.Table:
    """The expression of `flows_between` for `a`, `b` and `years` in `values`."""
    from caravan.trade.flows import flows_between_expr, rows_of

    a, b, years = values["a"], values["b"], values["years"]
    assert isinstance(a, list) and isinstance(b, list)
    return flows_between_expr(
        rows_of(tables, name),
        [str(x) for x in a],
        [str(x) for x in b],
        years=[int(y) for y in years] if isinstance(years, list) else None,
        reported_by=who,
        gather_sources=gather,
    )


def summary(
    tables: TradeTables,
    country: str = CHINA,
    partners: Sequence[str] = C5,
    *,
    years: Sequence[int] | None = None,
    dataset: str | None = None,
) -> TradeResult:
    """Exports, imports, turnover and balance of a country with each partner by year, with growth.

    Figures are the country's own reports in reported datasets (IMF DOTS,
    Comtrade) and the reconciled flows in BACI. With no bulk data imported, or
    with `dataset="ledger"`, they are the ledger's own cited figures
    (`ledger_summary`).
    """
    if dataset == LEDGER or (dataset is None and not any(tables.datasets().values())):
        return ledger_summary(tables, country, partners, years=years)
    from caravan.trade.flows import base_rows, country_view, pick_dataset, rows_of

    name = pick_dataset(tables, dataset)
    t = rows_of(tables, name)
    view = country_view(t, [country], partners=list(partners), years=years)
    view = with_yoy(view, "turnover", ["country", "partner"])
    expr = view.select(
        "year", "country", "partner", "exports", "imports", "turnover", "balance", "turnover_yoy_pct"
    ).order_by("partner", "year")
    base = base_rows(t, [country], years)
    base = base.filter(base.exporter.isin(list(partners)) | base.importer.isin(list(partners)))
    return finish(
        tables,
        f"{country}'s trade with {', '.join(partners)}, US$ ({name})",
        expr,
        base,
        name,
        notes=[] if name == "baci" else [Phrase("trade.own_reports", country=country)],
    )


def ledger_summary(
    tables: TradeTables, country: str = CHINA, partners: Sequence[str] = C5, *, years: Sequence[int] | None = None
) -> TradeResult:
    """`summary` from the curated ledger's trade observations with the country as their subject.

    One figure per year, partner and flow, as the mirror picks it (the largest where
    the country's sources differ); turnover as printed where a source gives it, else
    exports plus imports where both are given. Each row lists the sources it rests on.
    Its SQL is kept per shape (`caravan.ledger.compiled`).
    """
    values = {"country": country, "partners": list(partners), "years": list(years) if years else None}
    return finish_run(
        tables,
        f"{country}'s trade with {', '.join(partners)}, US$ (the ledger's cited figures)",
        "ledger_summary",
        values,
        lambda v: ledger_summary_expr(tables, v),
        LEDGER,
        notes=[Phrase("trade.ledger_figures" if any(tables.datasets().values()) else "trade.no_bulk", country=country)],
    )


def ledger_summary_expr(tables: TradeTables, values: Values) -> ibis.Table:
    """The expression of `ledger_summary` for `country`, `partners` and `years` (None: all) in `values`."""
    import ibis
    from ibis import _

    from caravan.trade.mirror import best_reports, reports

    country, partners, years = values["country"], values["partners"], values["years"]
    assert isinstance(country, str) and isinstance(partners, list)
    best = best_reports(reports(tables))
    own = best.filter((best.dataset == LEDGER) & (best.reporter == country) & best.partner.isin(partners))
    if years is not None:
        assert isinstance(years, list)
        own = own.filter(own.year.isin(years))
    wide = own.group_by("year", "partner").agg(
        exports=_.value_usd.max(where=_.flow == "exports"),
        imports=_.value_usd.max(where=_.flow == "imports"),
        printed_turnover=_.value_usd.max(where=_.flow == "turnover"),
        source_ids=_.source_id.collect(distinct=True),
    )
    view = wide.mutate(
        country=ibis.literal(country),
        turnover=ibis.coalesce(wide.printed_turnover, wide.exports + wide.imports),
        balance=wide.exports - wide.imports,
    )
    view = with_yoy(view, "turnover", ["country", "partner"])
    return view.select(
        "year", "country", "partner", "exports", "imports", "turnover", "balance", "turnover_yoy_pct", "source_ids"
    ).order_by("partner", "year")


def growth(
    tables: TradeTables,
    start: int,
    end: int,
    country: str = CHINA,
    partners: Sequence[str] = C5,
    *,
    dataset: str | None = None,
) -> TradeResult:
    """Turnover, exports and imports in two years and the compound annual growth between them.

    Raises:
        InputError: `end` is not after `start`.
    """
    if end <= start:
        raise InputError(f"the span {start}-{end} is empty; give an end year after the start year")
    import ibis
    from ibis import _

    from caravan.trade.flows import base_rows, country_view, pick_dataset, rows_of

    name = pick_dataset(tables, dataset)
    t = rows_of(tables, name)
    view = country_view(t, [country], partners=list(partners), years=[start, end])
    first = view.filter(view.year == start).select(
        "partner", start_turnover=_.turnover, start_exports=_.exports, start_imports=_.imports
    )
    last = view.filter(view.year == end).select(
        "partner", end_turnover=_.turnover, end_exports=_.exports, end_imports=_.imports
    )
    span = float(end - start)
    joined = first.join(last, "partner")
    out = {}
    for measure in ("turnover", "exports", "imports"):
        s, e = joined[f"start_{measure}"], joined[f"end_{measure}"]
        out[f"{measure}_cagr_pct"] = ibis.ifelse(
            (s > 0) & (e > 0), ((e / s) ** (1.0 / span) - 1.0) * 100.0, ibis.null("float64")
        )
    expr = (
        joined.mutate(**out)
        .select(
            "partner", "start_turnover", "end_turnover", "turnover_cagr_pct", "exports_cagr_pct", "imports_cagr_pct"
        )
        .order_by("partner")
    )
    base = base_rows(t, [country], [start, end])
    base = base.filter(base.exporter.isin(list(partners)) | base.importer.isin(list(partners)))
    return finish(tables, f"{country}'s trade, growth {start}-{end} ({name})", expr, base, name)


def exporter_totals(
    tables: TradeTables, *, years: Sequence[int] | None = None, dataset: str | None = None
) -> TradeResult:
    """World exports of every exporter by year."""
    from caravan.trade.flows import pick_dataset, year_sources

    name = pick_dataset(tables, dataset)
    known = year_sources(tables, name, years)
    gather = known is None
    return finish_run(
        tables,
        f"Exports to the world by exporter and year, US$ ({name})",
        f"exporter_totals-{name}-{'gather' if gather else 'known'}",
        {"years": list(years) if years else None},
        lambda v: exporter_totals_of(tables, name, gather, v),
        name,
        known_sources=known,
    )


def exporter_totals_of(tables: TradeTables, name: str, gather: bool, values: Values) -> ibis.Table:
    """The expression of `exporter_totals` for the `years` in `values` (None: all)."""
    from caravan.trade.flows import exporter_totals_expr, rows_of

    years = values["years"]
    return exporter_totals_expr(
        rows_of(tables, name),
        years=[int(y) for y in years] if isinstance(years, list) else None,
        gather_sources=gather,
        world_rows=name != "baci",
    )
