"""Partner shares and ranks: who trades most with a country, and where China stands."""

from __future__ import annotations

from collections.abc import Sequence

import ibis
from ibis import _

from caravan.ledger.backends import TradeTables
from caravan.trade.flows import C5, CHINA, WORLD, base_rows, country_view, pick_dataset, rows_of
from caravan.trade.result import TradeResult, finish


def ranked_partners(view: ibis.Table) -> ibis.Table:
    """Rank each country's partners by turnover and give each partner's share of the country's trade.

    The share's denominator is the country's trade with the world where the data
    has a World row (IMF DOTS), else the sum over its partners.

    Args:
        view: year, country, partner, exports, imports, turnover (from `country_view`).

    Returns:
        year, country, rank (1 = largest), partner, exports, imports, turnover, share_pct, world_turnover.
    """
    partners = view.filter(view.partner != WORLD)
    world_rows = view.filter(view.partner == WORLD).select("year", "country", world_row=_.turnover)
    sums = partners.group_by("year", "country").agg(partner_sum=_.turnover.sum())
    totals = sums.left_join(world_rows, ["year", "country"]).select(
        "year", "country", world_turnover=ibis.coalesce(_.world_row, _.partner_sum)
    )
    window = ibis.window(group_by=["year", "country"], order_by=[ibis.desc("turnover"), "partner"])
    ranked = partners.mutate(rank=ibis.row_number().over(window) + 1)
    joined = ranked.join(totals, ["year", "country"])
    return joined.select(
        "year",
        "country",
        "rank",
        "partner",
        "exports",
        "imports",
        "turnover",
        share_pct=ibis.ifelse(_.world_turnover > 0, _.turnover / _.world_turnover * 100.0, ibis.null("float64")),
        world_turnover=_.world_turnover,
    )


def partners(
    tables: TradeTables, country: str, year: int, *, dataset: str | None = None, limit: int | None = None
) -> TradeResult:
    """A country's partners in one year, ranked by turnover, with each one's share of its trade."""
    name = pick_dataset(tables, dataset)
    t = rows_of(tables, name)
    ranked = ranked_partners(country_view(t, [country], years=[year]))
    expr = ranked.order_by("rank")
    if limit:
        expr = expr.filter(expr["rank"] <= limit)
    return finish(
        tables,
        f"{country}'s partners in {year}, ranked by turnover, US$ ({name})",
        expr,
        base_rows(t, [country], [year]),
        name,
    )


def partner_position(
    tables: TradeTables,
    partner: str = CHINA,
    countries: Sequence[str] = C5,
    *,
    year: int,
    dataset: str | None = None,
) -> TradeResult:
    """Where one partner (China) stands in each country's trade: its rank and share, and who ranks first.

    "Is China the largest trading partner of Kazakhstan?" is answered by rank 1,
    with the largest partner and its turnover beside it.
    """
    name = pick_dataset(tables, dataset)
    t = rows_of(tables, name)
    ranked = ranked_partners(country_view(t, list(countries), years=[year]))
    top = ranked.filter(ranked["rank"] == 1).select(
        "year", "country", largest_partner=_.partner, largest_turnover=_.turnover, largest_share_pct=_.share_pct
    )
    mine = ranked.filter(ranked.partner == partner).select(
        "year", "country", "partner", "rank", "turnover", "share_pct", "world_turnover"
    )
    expr = mine.join(top, ["year", "country"]).mutate(is_largest=_["rank"] == 1).order_by("country")
    return finish(
        tables,
        f"{partner}'s rank and share in each country's trade, {year}, US$ ({name})",
        expr,
        base_rows(t, list(countries), [year]),
        name,
    )


def shares_in_trade_of(
    tables: TradeTables,
    country: str = CHINA,
    partners_of_interest: Sequence[str] = C5,
    *,
    year: int,
    dataset: str | None = None,
) -> TradeResult:
    """Each of some partners' share in one country's trade (the five's shares in China's trade)."""
    name = pick_dataset(tables, dataset)
    t = rows_of(tables, name)
    ranked = ranked_partners(country_view(t, [country], years=[year]))
    expr = ranked.filter(ranked.partner.isin(list(partners_of_interest))).order_by("rank")
    title = f"Shares in {country}'s trade, {year}, US$ ({name})"
    return finish(tables, title, expr, base_rows(t, [country], [year]), name)
