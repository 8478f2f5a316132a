"""`caravan trade ...`: summary, partners, position, products, mirror and gaps over the trade tables."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from caravan.cli.base import emit_result, engine, format_option, settings
from caravan.errors import InputError
from caravan.regions import CHINA, FIVE, counterparts

if TYPE_CHECKING:
    from caravan.trade.result import TradeResult

dataset_option = click.option(
    "--dataset",
    type=click.Choice(["imf-dots", "baci", "comtrade"]),
    default=None,
    help="Dataset to use (default: imf-dots, else baci, else comtrade).",
)


def _countries(text: str) -> list[str]:
    codes = [c.strip().upper() for c in text.split(",") if c.strip()]
    if not codes:
        raise InputError("give country codes separated by commas, e.g. KAZ,UZB")
    return codes


def _years(text: str | None) -> list[int] | None:
    if not text:
        return None
    try:
        if "-" in text:
            first, last = (int(y) for y in text.split("-", 1))
            return list(range(first, last + 1))
        return [int(y) for y in text.split(",")]
    except ValueError as exc:
        raise InputError(f"--years {text!r}: give FIRST-LAST or a list, e.g. 2015-2020 or 2019,2020") from exc


def _run(analysis: Callable[[Any], TradeResult], fmt: str, columns: list[str] | None = None) -> None:
    from caravan.ledger.backends import open_trade

    cfg = settings()
    with open_trade(cfg, engine(), compiled_sql=cfg.sql_cache_dir) as tables:
        result = analysis(tables)
    emit_result(result, fmt, columns, empty="no rows: nothing imported matches; see `caravan import --help`")


@click.group("trade")
def trade() -> None:
    """Trade analyses over imported bulk data and the ledger (every table lists its sources)."""


@trade.command("summary")
@click.option("--country", default=CHINA, show_default=True, help="Reporting country.")
@click.option("--partners", help="Partners, comma-separated (default: the five for CHN, CHN for any other country).")
@click.option("--years", help="Years: FIRST-LAST or a list.")
@click.option(
    "--dataset",
    type=click.Choice(["imf-dots", "baci", "comtrade", "ledger"]),
    default=None,
    help="Dataset to use (default: imf-dots, else baci, else comtrade, else the ledger's cited figures).",
)
@format_option()
def summary_command(country: str, partners: str | None, years: str | None, dataset: str | None, fmt: str) -> None:
    """Exports, imports, turnover, balance and growth of a country with each partner by year.

    With no bulk data imported, the ledger's own cited figures are used.
    """
    from caravan.trade.totals import summary

    code = country.upper()
    chosen = _countries(partners) if partners is not None else list(counterparts(code))
    _run(lambda t: summary(t, code, chosen, years=_years(years), dataset=dataset), fmt)


@trade.command("partners")
@click.argument("country")
@click.option("--year", type=int, required=True, help="Year.")
@click.option("--limit", type=int, default=20, show_default=True, help="Show the largest this many.")
@dataset_option
@format_option()
def partners_command(country: str, year: int, limit: int, dataset: str | None, fmt: str) -> None:
    """A country's partners ranked by turnover, with shares of its trade."""
    from caravan.trade.partners import partners

    _run(
        lambda t: partners(t, country.upper(), year, dataset=dataset, limit=limit),
        fmt,
        ["rank", "partner", "exports", "imports", "turnover", "share_pct"],
    )


@trade.command("position")
@click.option("--partner", default=CHINA, show_default=True, help="The partner whose rank is shown.")
@click.option("--countries", default=",".join(FIVE), show_default=True, help="Countries, comma-separated.")
@click.option("--year", type=int, required=True, help="Year.")
@dataset_option
@format_option()
def position_command(partner: str, countries: str, year: int, dataset: str | None, fmt: str) -> None:
    """A partner's (China's) rank and share in each country's trade, and each country's largest partner."""
    from caravan.trade.partners import partner_position

    _run(
        lambda t: partner_position(t, partner.upper(), _countries(countries), year=year, dataset=dataset),
        fmt,
        ["country", "partner", "rank", "is_largest", "share_pct", "turnover", "largest_partner", "largest_share_pct"],
    )


@trade.command("products")
@click.option("--exporter", "exporters", default=CHINA, show_default=True, help="Exporters, comma-separated.")
@click.option("--importer", "importers", default=",".join(FIVE), show_default=True, help="Importers, comma-separated.")
@click.option("--year", type=int, required=True, help="Year.")
@click.option(
    "--level",
    type=click.Choice(["section", "sector", "chapter", "heading", "subheading"]),
    default="chapter",
    show_default=True,
    help="HS level: section is the WCO's I-XXI, sector the Atlas grouping of chapters.",
)
@click.option("--both", is_flag=True, help="Include the flows from importers to exporters.")
@click.option("--limit", type=int, default=20, show_default=True, help="Show the largest this many.")
@click.option("--dataset", type=click.Choice(["baci", "comtrade"]), default=None, help="Dataset (default baci).")
@format_option()
def products_command(
    exporters: str, importers: str, year: int, level: str, both: bool, limit: int, dataset: str | None, fmt: str
) -> None:
    """Product composition of trade by HS section, chapter or heading, with names and shares."""
    from caravan.trade.products import products

    _run(
        lambda t: products(
            t,
            _countries(exporters),
            _countries(importers),
            year=year,
            level=level,
            both_directions=both,
            limit=limit,
            dataset=dataset,
        ),
        fmt,
    )


@trade.command("mirror")
@click.argument("first")
@click.argument("second")
@click.option("--years", help="Years: FIRST-LAST or a list.")
@click.option("--cif-fob", type=float, default=1.10, show_default=True, help="CIF/FOB factor for the adjusted gap.")
@format_option()
def mirror_command(first: str, second: str, years: str | None, cif_fob: float, fmt: str) -> None:
    """What each side reports, per year and direction, side by side with the gap (e.g. CHN KAZ or CHN KAZ,UZB)."""
    from caravan.trade.mirror import mirrors

    _run(
        lambda t: mirrors(t, first.upper(), _countries(second), years=_years(years), cif_fob=cif_fob),
        fmt,
        ["year", "flow", "first_reports", "second_reports", "gap", "ratio", "second_fob", "adjusted_gap"],
    )


@trade.command("gaps")
@click.option("--year", type=int, help="Only this year.")
@click.option("--countries", help="Only pairs involving these countries, comma-separated.")
@click.option("--limit", type=int, default=20, show_default=True, help="Show the largest this many.")
@format_option()
def gaps_command(year: int | None, countries: str | None, limit: int, fmt: str) -> None:
    """Pairs and years where exporter's and importer's figures differ most."""
    from caravan.trade.mirror import largest_gaps

    _run(
        lambda t: largest_gaps(t, year=year, countries=_countries(countries) if countries else None, limit=limit),
        fmt,
        ["year", "exporter", "importer", "exporter_reports", "importer_reports", "gap", "ratio"],
    )
