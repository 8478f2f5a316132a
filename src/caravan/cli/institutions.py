"""`caravan commitments`: the commitment tracker on the command line."""

from __future__ import annotations

import click

from caravan.cli.base import emit, format_option, open_ledger
from caravan.figures import attribution, format_number, readable_units, shown
from caravan.institutions.commitments import STATUSES, Commitment, get_commitment, list_commitments, summits
from caravan.institutions.targets import Figure
from caravan.ledger.store import Ledger
from caravan.output import to_json
from caravan.periods import parse_date
from caravan.vocabulary import local

LIST_COLUMNS = ["id", "pillar", "status", "assessed_status", "outcome", "by_reporter"]


def _figure(ledger: Ledger, f: Figure) -> str:
    """A target's figure as a person reads it: display unit, bound as a word, whose figure via which page."""
    row = ledger.observation(f.observation_id)
    return f"{shown(row)} ({f.period}), {f.method}, {attribution(row) or 'derived'} <{f.source_url}>"


def _print_one(c: Commitment, ledger: Ledger) -> None:
    def line(key: str, value: object) -> None:
        click.echo(f"{key}: {value if value not in (None, '') else '—'}")

    line("id", c.id)
    line("made at", f"{c.event_title} ({c.made_on})")
    line("text", c.text)
    line("pillar", c.pillar)
    line("countries", ", ".join(c.countries))
    line("source", f"{c.publisher} <{c.source_url}> {c.locator or ''}".strip() if c.source_id else None)
    line(
        "status", c.status if c.status == c.assessed_status else f"{c.status} (curated); {c.assessed_status} (assessed)"
    )
    name = ledger.namer()
    if c.status_note:
        line("status note", local(c.status_note, "en", name))
    for ev in c.evidence:
        what = ev.event_title or ev.publisher
        line(
            f"evidence {ev.seq}",
            f"{ev.date or 'undated'}: {what} <{ev.source_url}> {ev.locator or ''} {ev.note or ''}".strip(),
        )
    t = c.target
    if t is None:
        line("target", "none (no quantitative target)")
        return
    indicator = ledger.indicator(t.indicator)
    line("target", readable_units(c.target_text_in("en", indicator["name"], name)))
    line("outcome", f"{t.outcome.value} (assessed on {t.assessed_on})")
    for r in t.reporters:
        pair = f"{name(r.subject)}→{name(r.counterpart)}" if r.counterpart else name(r.subject)
        line(f"by {name(r.reporter)}'s figures ({pair})", readable_units(str(local(r.explanation, "en", name))))
        if r.latest:
            line("  latest figure", _figure(ledger, r.latest))
        if r.deciding and r.deciding is not r.latest:
            line("  deciding figure", _figure(ledger, r.deciding))
        if r.starting:
            line("  when made", _figure(ledger, r.starting))
        if r.share_of_target is not None:
            line("  share of target", f"{format_number(round(r.share_of_target, 1))}%")
        if r.progress_since_commitment is not None:
            line("  progress since made", f"{format_number(round(r.progress_since_commitment, 1))}% of the way")
        if r.projection:
            line("  projection", readable_units(r.projection.description))
    line("method", t.method)


@click.command()
@click.argument("commitment_id", required=False)
@click.option("--summit", help="Only those made at this event (summit.xian-2023).")
@click.option("--by-summit", is_flag=True, help="Count each event's commitments by assessed status instead.")
@click.option("--pillar", help="Only this pillar (trade, transport, energy, people, institutions, ...).")
@click.option("--country", help="Only commitments concerning this country (KAZ) or the group C5.")
@click.option("--status", type=click.Choice(STATUSES), help="Only this assessed status.")
@click.option("--as-of", "as_of", help="Assess targets on this date (YYYY-MM-DD); default today.")
@format_option()
def commitments(
    commitment_id: str | None,
    summit: str | None,
    by_summit: bool,
    pillar: str | None,
    country: str | None,
    status: str | None,
    as_of: str | None,
    fmt: str,
) -> None:
    """Commitments with status, evidence and target progress, or one (COMMITMENT_ID) in full."""
    assessed_on = parse_date(as_of) if as_of else None
    with open_ledger() as ledger:
        if commitment_id is not None:
            one = get_commitment(ledger, commitment_id, assessed_on)
            if fmt == "table":
                _print_one(one, ledger)
            elif fmt == "json":
                click.echo(to_json(one.to_dict()))
            else:
                emit([one.to_row()], fmt)
            return
        if by_summit:
            tallies = summits(ledger, assessed_on)
            if fmt == "json":
                click.echo(to_json([t.to_dict() for t in tallies]))
            else:
                tally_rows = [
                    {"event": t.event_id, "date": t.date, "commitments": t.commitments} | t.by_status for t in tallies
                ]
                emit(tally_rows, fmt, title=f"commitments of {len(tallies)} events by assessed status")
            return
        found = list_commitments(
            ledger, summit=summit, pillar=pillar, country=country, status=status, assessed_on=assessed_on
        )
        rows = [c.to_row() for c in found]
        if fmt == "table":  # the latest figure in its display unit, with its bound
            for row, c in zip(rows, found, strict=True):
                if c.target and c.target.latest:
                    row["latest"] = (
                        f"{shown(ledger.observation(c.target.latest.observation_id))} ({c.target.latest.period})"
                    )
    if fmt == "json":
        click.echo(to_json([c.to_dict() for c in found]))
        return
    emit(rows, fmt, LIST_COLUMNS if fmt == "table" else None, title=f"{len(rows)} commitments")
