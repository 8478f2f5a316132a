"""Base expressions over the trade tables: which dataset, flows between groups, a country's partners.

Two kinds of dataset are stored. Reconciled flows (CEPII BACI) give each
flow once, with no reporter. Reported datasets (IMF DOTS, UN Comtrade) give a
flow twice: as the exporter reports it (FOB) and as the importer reports it
(CIF). A country's own view of its trade uses the rows it reports itself.
"""

from __future__ import annotations

from collections.abc import Sequence

import ibis
from ibis import _

from caravan.errors import NotFoundError
from caravan.ledger.backends import LEDGER as LEDGER  # the curated ledger's dataset name, kept with its table
from caravan.ledger.backends import TradeTables
from caravan.regions import FIVE

CHINA = "CHN"
C5 = FIVE
WORLD = "WLD"
PRODUCT_DATASETS = ("baci", "comtrade")
PREFERENCE = ("imf-dots", "baci", "comtrade")


def datasets(tables: TradeTables) -> dict[str, set[str]]:
    """Datasets present in each table: {'trade_flow': {...}, 'trade_total': {...}} (from the store's manifest)."""
    return tables.datasets()


def pick_dataset(tables: TradeTables, dataset: str | None = None, *, products: bool = False) -> str:
    """The dataset to use: the one asked for, else the first present in order of preference.

    Args:
        tables: The trade tables.
        dataset: A dataset name, or None to choose.
        products: Only datasets with product detail (BACI, Comtrade).

    Raises:
        NotFoundError: Nothing suitable has been imported.
    """
    present = datasets(tables)
    usable = present["trade_flow"] | (set() if products else present["trade_total"])
    if dataset is not None:
        if dataset not in usable:
            kind = "product-level " if products else ""
            raise NotFoundError(
                f"no {kind}{dataset} data in the ledger"
                + (f" (present: {', '.join(sorted(usable))})" if usable else ""),
                hint=f"import some with `caravan import {dataset} PATH`",
            )
        return dataset
    for name in PRODUCT_DATASETS if products else PREFERENCE:
        if name in usable:
            return name
    need = "baci or comtrade" if products else "imf-dots, baci or comtrade"
    raise NotFoundError(
        f"no bulk trade data ({need}) is imported into this ledger",
        hint=(
            f"run `caravan import {need.split(' or ')[0].split(',')[0]} PATH`; the ledger's own cited figures "
            "are in `caravan show trade.turnover` and `caravan trade mirror`"
        ),
    )


def rows_of(tables: TradeTables, dataset: str) -> ibis.Table:
    """The rows of one dataset with the columns both tables share (year, reporter, exporter, importer, value)."""
    cols = ["dataset", "year", "reporter", "exporter", "importer", "value_usd", "source_id"]
    if dataset == "baci":
        return tables.flow.filter(_.dataset == dataset).select(*cols)
    # Reported datasets: country totals (Comtrade's TOTAL rows are the reporter's full
    # trade; summing its six-digit rows would miss what is not classified that finely).
    return tables.total.filter(_.dataset == dataset).select(*cols)


def _years(t: ibis.Table, years: Sequence[int] | None) -> ibis.Table:
    return t.filter(_.year.isin(list(years))) if years else t


def among(column: ibis.Value, values: Sequence[str]) -> ibis.BooleanValue:
    """`column` is one of `values` (an equality for a single value, which engines filter faster)."""
    values = list(values)
    return column == values[0] if len(values) == 1 else column.isin(values)


def between(
    t: ibis.Table,
    a: Sequence[str],
    b: Sequence[str],
    *,
    reported_by: str | None = None,
) -> ibis.Table:
    """Rows of flows from any of `a` to any of `b` and back.

    Args:
        t: Rows with year, reporter, exporter, importer, value_usd.
        a: One group of countries (e.g. ["CHN"]).
        b: The other group (e.g. the five).
        reported_by: For reported datasets, whose figure to use: "exporter" (FOB) or
            "importer" (CIF); None keeps every row (right for reconciled data).
    """
    a, b = list(a), list(b)
    # No separate "exporter and importer among a and b" filter before the OR: DuckDB derives
    # it from the OR itself and skips the sorted BACI files' row groups by it; written out as
    # well, it made a query for China and the five 20-40% slower.
    keep = (among(t.exporter, a) & among(t.importer, b)) | (among(t.exporter, b) & among(t.importer, a))
    if reported_by == "exporter":
        keep = keep & (t.reporter.isnull() | (t.reporter == t.exporter))
    elif reported_by == "importer":
        keep = keep & (t.reporter.isnull() | (t.reporter == t.importer))
    return t.filter(keep)


def sum_with_sources(
    t: ibis.Table, keys: Sequence[str], value: str = "value_usd", collect: Sequence[str] = ("source_id",)
) -> ibis.Table:
    """Sum `value` by `keys`, with the distinct values of `collect` behind each sum (`source_ids`, ...).

    The sources are gathered in the same pass over the data: a first grouping adds
    `source_id` to the keys (it adds few groups, since a source covers whole
    partitions), a second one over that small result collects them.
    """
    if not collect:
        return t.group_by(list(keys)).agg(value_usd=t[value].sum())
    inner = t.group_by([*keys, *collect]).agg(value_usd=t[value].sum())
    gathered = {f"{c}s": inner[c].collect(distinct=True) for c in collect}
    return inner.group_by(list(keys)).agg(value_usd=inner.value_usd.sum(), **gathered)


def year_sources(tables: TradeTables, dataset: str, years: Sequence[int] | None) -> list[str] | None:
    """The sources of a dataset whose files each hold whole years (BACI), for the given years.

    Such sources are known from the manifest without reading any data; returns
    None for datasets whose sources must be gathered from the rows.
    """
    entries = [e for e in tables.entries if e.format == dataset]
    if not entries or not all(e.years for e in entries):
        return None
    wanted = set(years) if years is not None else None
    return sorted(e.source["id"] for e in entries if wanted is None or wanted & set(e.years))


def flows_between_expr(
    t: ibis.Table,
    a: Sequence[str],
    b: Sequence[str],
    *,
    years: Sequence[int] | None = None,
    reported_by: str | None = None,
    gather_sources: bool = True,
) -> ibis.Table:
    """Value by year and direction between two groups: year, exporter, importer, value_usd (, source_ids)."""
    rows = _years(between(t, a, b, reported_by=reported_by), years)
    collect = ("source_id",) if gather_sources else ()
    return sum_with_sources(rows, ["year", "exporter", "importer"], collect=collect).order_by(
        "year", "exporter", "importer"
    )


def country_view(
    t: ibis.Table,
    countries: Sequence[str],
    *,
    partners: Sequence[str] | None = None,
    years: Sequence[int] | None = None,
) -> ibis.Table:
    """Each country's exports to and imports from each partner, from its own reports where it reports.

    Returns:
        year, country, partner, exports, imports, turnover, balance.
    """
    countries = list(countries)
    t = _years(t, years)
    as_exporter = t.filter(t.exporter.isin(countries) & (t.reporter.isnull() | (t.reporter == t.exporter)))
    as_importer = t.filter(t.importer.isin(countries) & (t.reporter.isnull() | (t.reporter == t.importer)))
    if partners is not None:
        as_exporter = as_exporter.filter(as_exporter.importer.isin(list(partners)))
        as_importer = as_importer.filter(as_importer.exporter.isin(list(partners)))
    zero = ibis.literal(0.0, type="float64")
    x = as_exporter.group_by("year", country=_.exporter, partner=_.importer).agg(
        exports=_.value_usd.sum(), imports=zero
    )
    m = as_importer.group_by("year", country=_.importer, partner=_.exporter).agg(
        exports=zero, imports=_.value_usd.sum()
    )
    both = x.union(m).group_by("year", "country", "partner").agg(exports=_.exports.sum(), imports=_.imports.sum())
    return both.mutate(turnover=_.exports + _.imports, balance=_.exports - _.imports)


def base_rows(t: ibis.Table, countries: Sequence[str], years: Sequence[int] | None = None) -> ibis.Table:
    """The rows `country_view` reads (for listing the sources used)."""
    countries = list(countries)
    t = _years(t, years)
    own = (t.exporter.isin(countries) & (t.reporter.isnull() | (t.reporter == t.exporter))) | (
        t.importer.isin(countries) & (t.reporter.isnull() | (t.reporter == t.importer))
    )
    return t.filter(own)


def exporter_totals_expr(
    t: ibis.Table, *, years: Sequence[int] | None = None, gather_sources: bool = True, world_rows: bool = True
) -> ibis.Table:
    """World exports of each exporter by year (, source_ids): reconciled data, or exporters' own reports.

    Args:
        t: Rows with year, reporter, exporter, importer, value_usd (, source_id).
        years: Only these years.
        gather_sources: Collect `source_ids` in the query.
        world_rows: Whether `t` may hold rows with the world as partner, to leave out
            (reported datasets do; a BACI import has none, so the test is skipped).
    """
    t = _years(t, years)
    t = t.filter(t.reporter.isnull() | (t.reporter == t.exporter))
    if world_rows:
        t = t.filter(t.importer != WORLD)
    collect = ("source_id",) if gather_sources else ()
    return sum_with_sources(t, ["year", "exporter"], collect=collect).order_by("year", "exporter")
