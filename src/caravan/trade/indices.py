"""Trade indices: concentration (HHI), revealed comparative advantage (Balassa), complementarity, intensity.

Each index is an Ibis expression over a table of flows with the columns
`exporter`, `importer`, `product` and `value` (any engine, any source), plus a
function that runs it on the ledger's product-level data for one year.

Definitions:

* Herfindahl–Hirschman index of a country's exports over products (or
  partners): the sum of squared shares, 0–1 (× 10,000 in `hhi_points`).
* Balassa RCA of country c in product p: (X_cp / X_c) / (X_wp / X_w), where X
  are exports and w the world (all exporters in the table).
* Trade complementarity index of exporter j with importer i (Michaely):
  100 × (1 − Σ_p |m_ip − x_jp| / 2), m_ip the share of p in i's imports, x_jp
  the share of p in j's exports. 100 is a perfect match.
* Trade intensity index of i's exports to j (as the World Bank's WITS defines
  it): (x_ij / X_i) / (x_wj / X_w): the share of j in i's exports over j's
  share in world imports. Above 1, i sells to j more than j's size suggests.
"""

from __future__ import annotations

from collections.abc import Sequence

import ibis
from ibis import _

from caravan.ledger.backends import TradeTables
from caravan.trade.flows import pick_dataset
from caravan.trade.products import product_code
from caravan.trade.result import TradeResult, finish


def hhi_of(values: Sequence[float]) -> float:
    """The Herfindahl–Hirschman index (0–1) of a list of non-negative values."""
    total = float(sum(values))
    if total <= 0:
        raise ValueError("HHI needs a positive total")
    return sum((v / total) ** 2 for v in values)


def hhi_expr(flows: ibis.Table, by: str = "product") -> ibis.Table:
    """HHI of each exporter's exports over products (by="product") or partners (by="importer")."""
    per = flows.group_by("exporter", item=flows[by]).agg(value=_.value.sum())
    total = per.value.sum().over(ibis.window(group_by="exporter"))
    shares = per.mutate(share=per.value / total)
    return (
        shares.group_by("exporter")
        .agg(hhi=(_.share * _.share).sum(), items=_.item.count())
        .mutate(hhi_points=_.hhi * 10000.0)
        .order_by("exporter")
    )


def rca_expr(flows: ibis.Table) -> ibis.Table:
    """Balassa RCA of each exporter in each product: exporter, product, value, rca."""
    cp = flows.group_by("exporter", "product").agg(value=_.value.sum())
    x_c = cp.value.sum().over(ibis.window(group_by="exporter"))
    x_p = cp.value.sum().over(ibis.window(group_by="product"))
    x_w = cp.value.sum().over(ibis.window())
    return cp.mutate(rca=(cp.value / x_c) / (x_p / x_w)).order_by("exporter", "product")


def complementarity_expr(flows: ibis.Table, exporter: str, importer: str) -> ibis.Table:
    """Trade complementarity of an exporter's exports with an importer's imports: one row, `tci`.

    `tci` is null when the exporter exports nothing or the importer imports nothing.
    """
    x = flows.filter(flows.exporter == exporter).group_by("product").agg(x=_.value.sum())
    m = flows.filter(flows.importer == importer).group_by("product").agg(m=_.value.sum())
    x = x.mutate(x_share=x.x / x.x.sum().over(ibis.window())).select("product", "x_share")
    m = m.mutate(m_share=m.m / m.m.sum().over(ibis.window())).select("product", "m_share")
    joined = x.outer_join(m, "product").select(
        x_share=ibis.coalesce(_.x_share, 0.0), m_share=ibis.coalesce(_.m_share, 0.0)
    )
    totals = joined.agg(
        distance=(joined.m_share - joined.x_share).abs().sum(),
        m_total=joined.m_share.sum(),
        x_total=joined.x_share.sum(),
    )
    defined = (totals.m_total > 0) & (totals.x_total > 0)
    return totals.select(
        exporter=ibis.literal(exporter),
        importer=ibis.literal(importer),
        tci=ibis.ifelse(defined, 100.0 * (1.0 - totals.distance / 2.0), ibis.null("float64")),
    )


def intensity_expr(flows: ibis.Table, exporter: str, importer: str) -> ibis.Table:
    """Trade intensity of an exporter's exports to an importer: one row, `intensity`."""
    totals = flows.agg(
        x_ij=flows.value.sum(where=(flows.exporter == exporter) & (flows.importer == importer)),
        x_i=flows.value.sum(where=flows.exporter == exporter),
        x_wj=flows.value.sum(where=flows.importer == importer),
        x_w=flows.value.sum(),
    )
    return totals.select(
        exporter=ibis.literal(exporter),
        importer=ibis.literal(importer),
        intensity=(totals.x_ij / totals.x_i) / (totals.x_wj / totals.x_w),
    )


def _flows(tables: TradeTables, year: int, level: str, dataset: str | None) -> tuple[ibis.Table, str]:
    name = pick_dataset(tables, dataset, products=True)
    t = tables.flow.filter((_.dataset == name) & (_.year == year))
    if name != "baci":
        t = t.filter(t.reporter == t.exporter)
    return t.mutate(product=product_code(t, level), value=t.value_usd), name


def concentration(
    tables: TradeTables,
    countries: Sequence[str],
    *,
    year: int,
    by: str = "product",
    level: str = "subheading",
    dataset: str | None = None,
) -> TradeResult:
    """HHI of each country's exports over products (at an HS level) or over partners (by="importer")."""
    t, name = _flows(tables, year, level, dataset)
    expr = hhi_expr(t, by).filter(_.exporter.isin(list(countries)))
    return finish(
        tables,
        f"Export concentration (HHI) by {by}, {year} ({name})",
        expr,
        t.filter(t.exporter.isin(list(countries))),
        name,
    )


def rca(
    tables: TradeTables,
    countries: Sequence[str],
    *,
    year: int,
    level: str = "chapter",
    min_rca: float = 0.0,
    dataset: str | None = None,
) -> TradeResult:
    """Balassa RCA of some countries in each product (the world is every exporter in the data)."""
    t, name = _flows(tables, year, level, dataset)
    expr = rca_expr(t).filter(_.exporter.isin(list(countries)) & (_.rca >= min_rca))
    return finish(tables, f"Revealed comparative advantage by {level}, {year} ({name})", expr, t, name)


def complementarity(
    tables: TradeTables,
    exporter: str,
    importer: str,
    *,
    year: int,
    level: str = "subheading",
    dataset: str | None = None,
) -> TradeResult:
    """Trade complementarity of one country's exports with another's imports."""
    t, name = _flows(tables, year, level, dataset)
    base = t.filter((t.exporter == exporter) | (t.importer == importer))
    return finish(
        tables,
        f"Trade complementarity {exporter} → {importer}, {year} ({name})",
        complementarity_expr(t, exporter, importer),
        base,
        name,
    )


def intensity(
    tables: TradeTables, exporter: str, importer: str, *, year: int, dataset: str | None = None
) -> TradeResult:
    """Trade intensity of one country's exports to another."""
    t, name = _flows(tables, year, "subheading", dataset)
    return finish(
        tables,
        f"Trade intensity {exporter} → {importer}, {year} ({name})",
        intensity_expr(t, exporter, importer),
        t,
        name,
    )
