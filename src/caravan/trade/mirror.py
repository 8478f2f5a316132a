"""Mirror statistics: a country's figure beside its partner's figure for the same flow.

China's customs and a partner's statistics office report the same trade
differently: exports are valued FOB at the exporter's border, imports CIF at
the importer's (freight and insurance included), goods are attributed to
different partners (origin against consignment), and some trade is missed.
For each pair, year and direction, Caravan shows both figures, the gap
(importer's figure minus exporter's), the ratio, and a CIF/FOB-adjusted
comparison: the importer's CIF figure divided by an assumed CIF/FOB factor.

Where bulk data (IMF DOTS, Comtrade totals) is absent, the curated ledger's
own cited trade.exports / trade.imports / trade.turnover observations fill in.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import ibis
from ibis import _

from caravan.errors import InputError
from caravan.ledger.backends import TradeTables
from caravan.trade.flows import WORLD
from caravan.trade.result import TradeResult, finish
from caravan.vocabulary import Phrase

CIF_FOB_FACTOR = 1.10
"""Default ratio of CIF to FOB value assumed for the adjusted comparison (a parameter, not a measurement)."""
FAR_APART = 3.0
"""Two sides' figures for one flow further apart than this factor likely measure different things."""


def year_runs(years: Sequence[int]) -> str:
    """Sorted years as runs: `2000–2005, 2008`."""
    runs: list[list[int]] = []
    for year in years:
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)


def far_apart(ratio: float | None) -> bool | None:
    """Whether the two sides' figures differ by more than `FAR_APART` times (None: no ratio to judge)."""
    if ratio is None or ratio <= 0:
        return None
    return ratio > FAR_APART or ratio < 1 / FAR_APART


PRIORITY = {"imf-dots": 1, "comtrade": 2, "ledger": 3}


def datasets_named(rows: list[dict[str, Any]], columns: Sequence[str]) -> str:
    """The datasets the rows' figures actually come from, in priority order (`imf-dots, ledger`)."""
    used = {r[c] for r in rows for c in columns if r.get(c)}
    return ", ".join(sorted(used, key=lambda d: (PRIORITY.get(d, 9), d)))


def reports(tables: TradeTables) -> ibis.Table:
    """Every reported figure, long: year, flow (exports/imports/turnover), reporter, partner, value, source.

    Bulk totals give exports and imports (and turnover where both are given);
    the ledger's curated observations give what their sources print.
    """
    t = tables.total.filter(tables.total.importer != WORLD)
    t = t.filter((t.exporter != WORLD) & t.reporter.notnull())
    exports = t.filter(t.reporter == t.exporter).select(
        "year",
        "dataset",
        "source_id",
        "value_usd",
        flow=ibis.literal("exports"),
        reporter=_.exporter,
        partner=_.importer,
    )
    imports = t.filter(t.reporter == t.importer).select(
        "year",
        "dataset",
        "source_id",
        "value_usd",
        flow=ibis.literal("imports"),
        reporter=_.importer,
        partner=_.exporter,
    )
    both = exports.union(imports)
    turnover = (
        both.group_by("year", "dataset", "reporter", "partner")
        .agg(value_usd=_.value_usd.sum(), flows=_.flow.nunique(), source_id=_.source_id.max())
        .filter(_.flows == 2)
        .select(
            "year",
            "dataset",
            "source_id",
            "value_usd",
            flow=ibis.literal("turnover"),
            reporter=_.reporter,
            partner=_.partner,
        )
    )
    r = tables.reported
    curated = r.select(
        "year",
        dataset=ibis.literal("ledger"),
        source_id=r.source_id,
        value_usd=r.value_usd,
        flow=r.flow,
        reporter=r.reporter,
        partner=r.partner,
    )
    cols = ["year", "dataset", "source_id", "value_usd", "flow", "reporter", "partner"]
    return both.select(*cols).union(turnover.select(*cols)).union(curated.select(*cols))


def best_reports(all_reports: ibis.Table) -> ibis.Table:
    """One figure per year, flow, reporter and partner: bulk data first, the curated ledger where it is absent."""
    priority = all_reports.dataset.substitute(PRIORITY, else_=9)
    ranked = all_reports.mutate(priority=priority)
    window = ibis.window(
        group_by=["year", "flow", "reporter", "partner"], order_by=["priority", ibis.desc("value_usd"), "source_id"]
    )
    picked = ranked.mutate(pick=ibis.row_number().over(window)).filter(_.pick == 0)
    return picked.select(*all_reports.columns)


def _sides(best: ibis.Table) -> tuple[ibis.Table, ibis.Table]:
    """Each reported flow keyed by (year, exporter, importer): the exporter's exports and the importer's imports."""
    x = best.filter(best.flow == "exports").select(
        "year",
        exporter=_.reporter,
        importer=_.partner,
        exporter_reports=_.value_usd,
        exporter_source=_.source_id,
        exporter_dataset=_.dataset,
    )
    m = best.filter(best.flow == "imports").select(
        "year",
        exporter=_.partner,
        importer=_.reporter,
        importer_reports=_.value_usd,
        importer_source=_.source_id,
        importer_dataset=_.dataset,
    )
    return x, m


def mirror_expr(best: ibis.Table, a: str, b: str, cif_fob: float = CIF_FOB_FACTOR) -> ibis.Table:
    """Side by side for a pair: per year and direction, the exporter's and the importer's figures and the gap."""
    pair = best.filter(best.reporter.isin([a, b]) & best.partner.isin([a, b]) & (best.reporter != best.partner))
    x, m = _sides(pair)
    directions = x.outer_join(m, ["year", "exporter", "importer"]).select(
        year=ibis.coalesce(_.year, _.year_right),
        exporter=ibis.coalesce(_.exporter, _.exporter_right),
        importer=ibis.coalesce(_.importer, _.importer_right),
        measure=ibis.literal("direction"),
        first_reports=_.exporter_reports,
        second_reports=_.importer_reports,
        first_source=_.exporter_source,
        second_source=_.importer_source,
        first_dataset=_.exporter_dataset,
        second_dataset=_.importer_dataset,
        adjust=ibis.literal(cif_fob),
    )
    ta = pair.filter((pair.flow == "turnover") & (pair.reporter == a)).select(
        "year", first_reports=_.value_usd, first_source=_.source_id, first_dataset=_.dataset
    )
    tb = pair.filter((pair.flow == "turnover") & (pair.reporter == b)).select(
        "year", second_reports=_.value_usd, second_source=_.source_id, second_dataset=_.dataset
    )
    turnover = ta.outer_join(tb, "year").select(
        year=ibis.coalesce(_.year, _.year_right),
        exporter=ibis.literal(a),
        importer=ibis.literal(b),
        measure=ibis.literal("turnover"),
        first_reports=_.first_reports,
        second_reports=_.second_reports,
        first_source=_.first_source,
        second_source=_.second_source,
        first_dataset=_.first_dataset,
        second_dataset=_.second_dataset,
        adjust=ibis.literal(1.0),
    )
    rows = directions.union(turnover)
    gap = rows.second_reports - rows.first_reports
    adjusted = rows.second_reports / rows.adjust
    return rows.select(
        "year",
        flow=ibis.ifelse(
            rows.measure == "turnover", rows.exporter + " <-> " + rows.importer, rows.exporter + " -> " + rows.importer
        ),
        partner=ibis.literal(b),
        measure=rows.measure,
        reported_by_first=rows.exporter,
        first_reports=rows.first_reports,
        reported_by_second=rows.importer,
        second_reports=rows.second_reports,
        gap=gap,
        ratio=ibis.ifelse(rows.first_reports > 0, rows.second_reports / rows.first_reports, ibis.null("float64")),
        second_fob=ibis.ifelse(rows.measure == "turnover", ibis.null("float64"), adjusted),
        adjusted_gap=ibis.ifelse(rows.measure == "turnover", ibis.null("float64"), adjusted - rows.first_reports),
        first_source=rows.first_source,
        second_source=rows.second_source,
        first_dataset=rows.first_dataset,
        second_dataset=rows.second_dataset,
    ).order_by("year", "flow")


def mirror(
    tables: TradeTables, a: str, b: str, *, years: Sequence[int] | None = None, cif_fob: float = CIF_FOB_FACTOR
) -> TradeResult:
    """What each side of a pair reports, per year and direction, side by side with the gap.

    For a direction A -> B, `first_reports` is A's exports to B (FOB), `second_reports`
    B's imports from A (CIF), `gap` their difference, `ratio` second over first, and
    `second_fob` B's figure divided by the CIF/FOB factor, with `adjusted_gap`.
    For turnover (A <-> B) the first figure is A's and the second B's. Each row
    says its `partner` (B) and its `measure` (`direction` or `turnover`), so that
    no reader parses the flow's text back apart.
    `first_dataset` and `second_dataset` name where each figure comes from
    (imf-dots, comtrade or the curated ledger); the result's `dataset` lists
    only those its rows use.

    Raises:
        InputError: The two countries are the same, or the factor is not positive.
    """
    if a == b:
        raise InputError("give two different countries for a mirror comparison")
    if cif_fob <= 0:
        raise InputError("the CIF/FOB factor must be positive (e.g. 1.1)")
    best = best_reports(reports(tables))
    expr = mirror_expr(best, a, b, cif_fob)
    if years:
        expr = expr.filter(expr.year.isin(list(years)))
    rows = finish(tables, f"Mirror statistics {a} and {b}, US$", expr, None, "")
    for row in rows.rows:
        row["far_apart"] = far_apart(row["ratio"])
    rows.columns.append("far_apart")
    apart = sorted({r["year"] for r in rows.rows if r["far_apart"]})
    if apart:
        rows.notes.append(Phrase("trade.far_apart", factor=FAR_APART, years=year_runs(apart)))
    rows.dataset = datasets_named(rows.rows, ("first_dataset", "second_dataset"))
    ids = {r[k] for r in rows.rows for k in ("first_source", "second_source") if r[k]}
    rows.sources = tables.sources(sorted(ids))
    rows.notes.append(Phrase("trade.cif_fob", factor=cif_fob))
    return rows


def mirrors(
    tables: TradeTables,
    a: str,
    others: Sequence[str],
    *,
    years: Sequence[int] | None = None,
    cif_fob: float = CIF_FOB_FACTOR,
) -> TradeResult:
    """`mirror` of one country against several partners, as one table: each pair's rows in turn.

    The sources are those of every pair, once each; `dataset` lists the datasets the rows use.

    Raises:
        InputError: No partner is given, a partner is the country itself, or the factor is not positive.
    """
    if not others:
        raise InputError("give at least one partner for a mirror comparison, e.g. KAZ")
    results = [mirror(tables, a, b, years=years, cif_fob=cif_fob) for b in others]
    combined = results[0]
    for result in results[1:]:
        combined.rows += result.rows
        combined.row_sources += result.row_sources
        combined.sources += [s for s in result.sources if s not in combined.sources]
    if len(results) > 1:
        combined.title = f"Mirror statistics {a} and {', '.join(others)}, US$"
        combined.dataset = datasets_named(combined.rows, ("first_dataset", "second_dataset"))
    return combined


def largest_gaps(
    tables: TradeTables,
    *,
    year: int | None = None,
    countries: Sequence[str] | None = None,
    limit: int = 20,
    min_value: float = 0.0,
) -> TradeResult:
    """The pairs and years where the exporter's and importer's figures differ most (absolute gap)."""
    best = best_reports(reports(tables)).filter(_.dataset != "ledger")
    x, m = _sides(best)
    pairs = x.join(m, ["year", "exporter", "importer"])
    if year is not None:
        pairs = pairs.filter(pairs.year == year)
    if countries:
        pairs = pairs.filter(pairs.exporter.isin(list(countries)) | pairs.importer.isin(list(countries)))
    pairs = pairs.filter(ibis.greatest(pairs.exporter_reports, pairs.importer_reports) >= min_value)
    expr = (
        pairs.mutate(
            gap=pairs.importer_reports - pairs.exporter_reports,
            abs_gap=(pairs.importer_reports - pairs.exporter_reports).abs(),
            ratio=ibis.ifelse(
                pairs.exporter_reports > 0, pairs.importer_reports / pairs.exporter_reports, ibis.null("float64")
            ),
        )
        .order_by(ibis.desc("abs_gap"), "year", "exporter", "importer")
        .limit(limit)
    )
    result = finish(tables, "Largest gaps between exporters' and importers' figures, US$", expr, None, "")
    result.dataset = datasets_named(result.rows, ("exporter_dataset", "importer_dataset"))
    ids = {r[k] for r in result.rows for k in ("exporter_source", "importer_source") if r[k]}
    result.sources = tables.sources(sorted(ids))
    return result
