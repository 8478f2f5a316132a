"""`caravan people`: people-to-people figures, their change since the Xi'an summit, institutes, visas."""

from __future__ import annotations

import click

from caravan.cli.base import emit, emit_result, format_option, open_ledger
from caravan.figures import readable_units, shown
from caravan.output import to_json
from caravan.periods import parse_date


@click.command()
@click.option(
    "--since-summit", "view", flag_value="since-summit", help="How each series changed since the Xi'an summit."
)
@click.option("--institutions", "view", flag_value="institutions", help="Luban Workshops and Confucius Institutes.")
@click.option("--visas", "view", flag_value="visas", help="Visa regimes as dated events.")
@click.option("--country", help="Only what concerns this country (KAZ; its cities count) or the group C5.")
@click.option("--since", help="With --since-summit: another dividing date (YYYY-MM-DD); default 2023-05-18.")
@format_option()
def people(view: str | None, country: str | None, since: str | None, fmt: str) -> None:
    """People-to-people figures with sources: latest of each series, or the change since the Xi'an summit."""
    from caravan.people.figures import XIAN_SUMMIT, latest_figures, since_summit
    from caravan.people.institutions import institutions, openings_since, visa_events

    view = view or "figures"
    with open_ledger() as ledger:
        if view == "since-summit":
            when = parse_date(since) if since else XIAN_SUMMIT
            changes = since_summit(ledger, country, when)
            openings = openings_since(ledger, country, when)
            visas = [v for v in visa_events(ledger, country) if v["date"] > when]
            if fmt == "json":
                click.echo(
                    to_json(
                        {
                            "since": when,
                            "series": [c.to_dict() for c in changes],
                            "institutions": openings,
                            "visa_events_after": visas,
                        }
                    )
                )
                return
            cols = ["indicator", "subject", "counterpart", "before", "after", "change_percent", "explanation"]
            rows = [c.to_row() for c in changes]
            if fmt == "table":  # what a person reads: display units, bounds as words
                for row, c in zip(rows, changes, strict=True):
                    row["before"] = f"{shown(c.before.to_dict())} ({c.before.period})" if c.before else None
                    row["after"] = f"{shown(c.after.to_dict())} ({c.after.period})" if c.after else None
                    row["explanation"] = readable_units(row["explanation"])
            emit(
                rows,
                fmt,
                cols if fmt == "table" else None,
                title=f"{len(changes)} series: the latest figure up to {when} against the latest after it",
            )
            if fmt == "table":
                emit(
                    openings,
                    fmt,
                    ["kind", "open_by", "opened_after", "undated"],
                    title=f"Luban Workshops and Confucius Institutes: open by {when}, opened after",
                )
                emit(visas, fmt, ["date", "kind", "title_en", "publisher"], title=f"visa events after {when}")
        elif view == "institutions":
            cols = ["kind", "country", "name", "opened", "opened_since_summit", "publisher"]
            emit_result(institutions(ledger, country), fmt, cols if fmt == "table" else None)
        elif view == "visas":
            rows = visa_events(ledger, country)
            cols = ["date", "kind", "title_en", "publisher", "source_url"]
            emit(rows, fmt, cols if fmt == "table" else None, title=f"{len(rows)} visa events")
        else:
            rows = [{**f.to_dict(), "figure": shown(f.to_dict())} for f in latest_figures(ledger, country)]
            cols = ["indicator", "subject", "counterpart", "period", "figure", "note", "publisher"]
            emit(rows, fmt, cols if fmt == "table" else None, title=f"{len(rows)} series, latest figure each")
