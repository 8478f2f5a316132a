"""What every trade analysis returns: rows, their columns, and the sources they rest on."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from caravan.ledger.backends import TradeTables
from caravan.results import Column, Result, Row, declare, dimension, label, measure

if TYPE_CHECKING:
    import ibis

    from caravan.ledger.compiled import Values

_FIRST = label("first", "第一方", "первой стороны")
_SECOND = label("second", "第二方", "второй стороны")


def _side(name: str, who: Mapping[str, str], role: str) -> list[Column]:
    """The figure, source and dataset columns of one side of a comparison (`first`, `exporter`)."""
    en, zh, ru = who["en"], who["zh"], who["ru"]
    return [
        measure(
            f"{name}_reports",
            label(
                f"Figure of the {en} reporter" if role == "reporter" else f"{en.capitalize()}'s figure",
                f"{zh}数据",
                f"Данные {ru}",
            ),
            "USD",
            f"What the {en} side reports, in US dollars (current, as reported).",
        ),
        dimension(
            f"{name}_source",
            label(f"Source of the {en} figure", f"{zh}数据来源", f"Источник данных {ru}"),
            f"The source the {en} side's figure is cited from.",
        ),
        dimension(
            f"{name}_dataset",
            label(f"Dataset of the {en} figure", f"{zh}数据集", f"Набор данных {ru}"),
            f"Where the {en} side's figure comes from: imf-dots, comtrade or the curated ledger.",
        ),
    ]


def _cagr(flow: str, zh: str, ru: str) -> Column:
    return measure(
        f"{flow}_cagr_pct",
        label(f"{flow.capitalize()}, average yearly growth", f"{zh}年均增长率", f"{ru}, среднегодовой рост"),
        "%",
        f"Compound average growth of {flow} per year between the two years.",
    )


TRADE_COLUMNS = declare(
    dimension("year", label("Year", "年份", "Год")),
    dimension("country", label("Country", "国家", "Страна"), "Whose trade the row is."),
    dimension("partner", label("Partner", "伙伴国", "Партнёр"), "The other side of the trade."),
    dimension("exporter", label("Exporter", "出口方", "Экспортёр")),
    dimension("importer", label("Importer", "进口方", "Импортёр")),
    dimension("flow", label("Flow", "流向", "Поток"), "A -> B: A's exports to B; A <-> B: their turnover."),
    dimension(
        "measure",
        label("Measure", "指标", "Показатель"),
        "direction: one side's exports (FOB) against the other's imports (CIF); turnover: each side's turnover.",
    ),
    dimension("code", label("Product code (HS)", "商品编码（HS）", "Код товара (ГС)")),
    dimension("product", label("Product code (HS)", "商品编码（HS）", "Код товара (ГС)")),
    dimension("name", label("Product", "商品", "Товар"), "The product's name in the Harmonized System."),
    dimension("reported_by_first", label("First reporter", "第一报告方", "Первая сторона")),
    dimension("reported_by_second", label("Second reporter", "第二报告方", "Вторая сторона")),
    dimension("largest_partner", label("Largest partner", "最大伙伴国", "Крупнейший партнёр")),
    dimension("is_largest", label("Largest partner?", "是否最大伙伴国", "Крупнейший партнёр?")),
    measure("exports", label("Exports", "出口", "Экспорт"), "USD", "Exports, US dollars (current, as reported)."),
    measure("imports", label("Imports", "进口", "Импорт"), "USD", "Imports, US dollars (current, as reported)."),
    measure("turnover", label("Turnover", "贸易额", "Товарооборот"), "USD", "Exports plus imports, US dollars."),
    measure("balance", label("Balance", "贸易差额", "Сальдо"), "USD", "Exports minus imports, US dollars."),
    measure("value_usd", label("Value", "金额", "Стоимость"), "USD", "US dollars (current, as reported)."),
    measure("value", label("Exports", "出口", "Экспорт"), "USD", "The product's exports, US dollars."),
    measure("world_turnover", label("Turnover with the world", "对世界贸易额", "Товарооборот с миром"), "USD"),
    measure("start_turnover", label("Turnover, first year", "首年贸易额", "Товарооборот, первый год"), "USD"),
    measure("end_turnover", label("Turnover, last year", "末年贸易额", "Товарооборот, последний год"), "USD"),
    measure(
        "largest_turnover",
        label("Turnover with the largest partner", "与最大伙伴国贸易额", "Товарооборот с крупнейшим партнёром"),
        "USD",
    ),
    measure(
        "turnover_yoy_pct",
        label("Turnover growth on the year before", "贸易额同比增长", "Рост товарооборота к прошлому году"),
        "%",
    ),
    _cagr("turnover", "贸易额", "Товарооборот"),
    _cagr("exports", "出口", "Экспорт"),
    _cagr("imports", "进口", "Импорт"),
    measure("share_pct", label("Share", "占比", "Доля"), "%", "The partner's share of the country's turnover."),
    measure("largest_share_pct", label("Largest partner's share", "最大伙伴国占比", "Доля крупнейшего партнёра"), "%"),
    measure("rank", label("Rank", "排名", "Место"), None, "By turnover, 1 the largest."),
    *_side("first", _FIRST, "reporter"),
    *_side("second", _SECOND, "reporter"),
    *_side("exporter", label("exporter", "出口方", "экспортёра"), "party"),
    *_side("importer", label("importer", "进口方", "импортёра"), "party"),
    measure("gap", label("Gap", "差额", "Расхождение"), "USD", "The second (importer's) figure minus the first."),
    measure("abs_gap", label("Gap, absolute", "差额绝对值", "Расхождение по модулю"), "USD"),
    measure("ratio", label("Ratio", "比率", "Соотношение"), None, "The second (importer's) figure over the first.", 3),
    dimension(
        "far_apart",
        label("Far apart?", "差距过大？", "Сильное расхождение?"),
        "True where one side's figure is over three times the other's: they likely measure different things.",
    ),
    measure(
        "second_fob",
        label("Second figure at FOB", "第二方数据（按离岸价）", "Данные второй стороны в ценах FOB"),
        "USD",
        "The importer's CIF figure divided by the CIF/FOB factor.",
    ),
    measure(
        "adjusted_gap",
        label("Gap, CIF/FOB adjusted", "差额（CIF/FOB 调整后）", "Расхождение с поправкой CIF/FOB"),
        "USD",
        "The second figure at FOB minus the first.",
    ),
    measure(
        "rca",
        label("Revealed comparative advantage", "显示性比较优势指数", "Индекс выявленного сравнительного преимущества"),
        None,
        "Balassa's index: the product's share of the country's exports over its share of world exports.",
        3,
    ),
    measure(
        "tci",
        label("Trade complementarity index", "贸易互补性指数", "Индекс торговой взаимодополняемости"),
        None,
        "0 (no overlap of one's exports with the other's imports) to 100 (a perfect match).",
    ),
    measure("intensity", label("Trade intensity index", "贸易强度指数", "Индекс интенсивности торговли"), None),
    measure(
        "hhi",
        label("Herfindahl–Hirschman index", "赫芬达尔—赫希曼指数", "Индекс Херфиндаля — Хиршмана"),
        None,
        "Sum of squared shares, 0 to 1.",
        3,
    ),
    measure("hhi_points", label("HHI, points", "HHI（点）", "ИХХ, пункты"), None, "The HHI times 10,000."),
    measure("items", label("Items", "项数", "Позиций"), None, "How many products or partners the index covers."),
)
"""What every column of a trade result means; money is in US dollars (current, as reported)."""


@dataclass
class TradeResult(Result):
    """A table of trade results with its meaning and its provenance (`caravan.results.Result`).

    Attributes:
        dataset: Which dataset the figures come from (imf-dots, baci, comtrade, ledger).
        engine: duckdb or spark.
        row_sources: The ids of the sources behind each row, in row order (its own where the
            query gathers them, else those of the dataset's files covering its year).
    """

    declared: ClassVar[Mapping[str, Column]] = TRADE_COLUMNS

    dataset: str = ""
    engine: str = ""

    def header(self) -> dict[str, Any]:
        """The dataset and the engine, before the columns."""
        return {"dataset": self.dataset, "engine": self.engine}


def clean(value: Any) -> Any:
    """Plain Python values: NaN becomes None, numpy scalars become Python numbers."""
    if hasattr(value, "item") and not isinstance(value, list | dict | str):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def execute(expr: ibis.Table, on: TradeTables | Any) -> list[Row]:
    """Run an expression and return plain rows.

    Args:
        expr: The expression.
        on: The trade tables it reads, or an Ibis backend (for in-memory tables).
    """
    table = on.to_arrow(expr) if isinstance(on, TradeTables) else on.to_pyarrow(expr)
    return [{k: clean(v) for k, v in row.items()} for row in table.to_pylist()]


def source_ids(tables: TradeTables, expr: ibis.Table) -> list[str]:
    """The distinct source ids among an expression's rows (it must have a `source_id` column)."""
    rows = tables.to_arrow(expr.select("source_id").distinct()).column("source_id").to_pylist()
    return sorted({r for r in rows if r})


def finish(
    tables: TradeTables,
    title: str,
    expr: ibis.Table,
    base: ibis.Table | None,
    dataset: str,
    notes: list[str] | None = None,
    known_sources: list[str] | None = None,
) -> TradeResult:
    """Execute an analysis and attach the sources of its rows.

    Sources come from the query's own `source_ids` column where it has one, from
    the distinct `source_id` of `base` (the rows it read) where given, and from
    `known_sources` (ids known without reading the data, e.g. from the manifest).
    """
    rows = execute(expr, tables)
    ids = set(source_ids(tables, base)) if base is not None else set()
    return _result(tables, title, rows, list(expr.columns), ids, dataset, notes, known_sources)


def finish_run(
    tables: TradeTables,
    title: str,
    query: str,
    values: Values,
    build: Callable[[Values], ibis.Table],
    dataset: str,
    notes: list[str] | None = None,
    known_sources: list[str] | None = None,
) -> TradeResult:
    """`finish` for an analysis whose expression is `build(values)`, run by `TradeTables.run`.

    Its SQL is kept per shape, so that on DuckDB the next run of the same shape
    needs no Ibis (nor its compiling). Its rows gather their own sources (a
    `source_ids` column), or `known_sources` says them.
    """
    table, columns = tables.run(query, values, build)
    rows = [{k: clean(v) for k, v in row.items()} for row in table.to_pylist()]
    return _result(tables, title, rows, columns, set(), dataset, notes, known_sources)


def _result(
    tables: TradeTables,
    title: str,
    rows: list[Row],
    expr_columns: list[str],
    ids: set[str],
    dataset: str,
    notes: list[str] | None,
    known_sources: list[str] | None,
) -> TradeResult:
    ids.update(known_sources or [])
    columns = [c for c in expr_columns if c not in ("source_ids", "hs_revisions")]
    own: list[list[str]] = []
    if "source_ids" in expr_columns:  # gathered by the query itself (`sum_with_sources`)
        for row in rows:
            own.append(sorted({i for i in row.pop("source_ids") or [] if i}))
            ids.update(own[-1])
    return TradeResult(
        title=title,
        columns=columns,
        rows=rows,
        sources=tables.sources(sorted(ids)),
        dataset=dataset,
        engine=tables.engine,
        notes=notes or [],
        row_sources=own or [_row_sources(tables, row, dataset, ids) for row in rows],
    )


def _row_sources(tables: TradeTables, row: Row, dataset: str, ids: set[str]) -> list[str]:
    """The sources of one row the query did not gather.

    Its own `*_source` columns, else the dataset's files that cover its year (the manifest
    says which years each file holds), else all the result's sources.
    """
    named = sorted({v for k, v in row.items() if k.endswith("_source") and isinstance(v, str) and v})
    if named:
        return named
    year = row.get("year")
    covering = {
        e.source["id"]
        for e in tables.entries
        if e.format == dataset and e.source["id"] in ids and (not e.years or year in e.years)
    }
    return sorted(covering) if covering and year is not None else sorted(ids)
