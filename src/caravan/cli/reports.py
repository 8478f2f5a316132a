"""`caravan report`: write a country briefing as HTML and PDF."""

from __future__ import annotations

from pathlib import Path

import click

from caravan.cli.base import open_ledger, settings, terminal
from caravan.periods import parse_date
from caravan.reports.briefing import SUBJECTS
from caravan.reports.labels import LANGUAGES


@click.command()
@click.argument("country", type=click.Choice(SUBJECTS, case_sensitive=False))
@click.option(
    "--out",
    "out",
    type=click.Path(path_type=Path),
    default=Path("."),
    show_default=True,
    help="Folder to write briefing-<COUNTRY>-<lang>.html and .pdf into.",
)
@click.option("--lang", type=click.Choice(LANGUAGES), default="en", show_default=True, help="Language of the briefing.")
@click.option("--as-of", "as_of", help="Date of the briefing (YYYY-MM-DD); targets are assessed on it. Default today.")
def report(country: str, out: Path, lang: str, as_of: str | None) -> None:
    """Write a briefing on COUNTRY (CHN, KAZ, KGZ, TJK, TKM, UZB or C5) as HTML and PDF, every figure footnoted."""
    from caravan.reports.pdf import write_briefing

    today = parse_date(as_of) if as_of else None
    with open_ledger() as ledger, terminal().status(f"writing the {country.upper()} briefing"):
        written = write_briefing(ledger, country.upper(), out, lang, today, charts_cache=settings().charts_cache_dir)
    click.echo(f"wrote {written.html} and {written.pdf} ({written.pages} pages)")
