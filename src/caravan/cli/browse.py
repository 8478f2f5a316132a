"""`caravan overview`, `show`, `explore`, `indicators`, `sources` and `timeline`: reading the ledger's cited figures."""

from __future__ import annotations

import click

from caravan.cli.base import emit, emit_cited, format_option, open_ledger, terminal
from caravan.output import to_json


@click.command()
@format_option()
def overview(fmt: str) -> None:
    """The headline figure of every pillar for China and each of the five, with sources."""
    from rich.table import Table

    from caravan.figures import attribution, shown
    from caravan.overview import PILLARS
    from caravan.overview import overview as run_overview

    with open_ledger() as ledger:
        cells = run_overview(ledger)
        if fmt != "table":
            emit([c.to_dict() for c in cells], fmt)
            return
        table = Table(title="Caravan overview: the latest cited headline of each pillar")
        # The period is the headline's date; one that ended over three years ago is marked old.
        figures = {
            id(c): f"{shown(c.to_dict())} ({c.period}{', old' if c.old else ''})" if c.value is not None else c.text
            for c in cells
        }
        # A figure and its period stay on one line where they can (up to 20 characters); an
        # event's title and a long period wrap between words, never inside a number.
        widest = min(20, max((len(figures[id(c)]) for c in cells if c.value is not None), default=0))
        for col in ("country", "pillar", "figure", "indicator", "src"):
            table.add_column(col, overflow="fold", min_width=widest if col == "figure" else None)
        notes: dict[tuple[str, str | None], int] = {}
        for c in cells:
            ref = f"[{notes.setdefault((c.source_id, c.primary), len(notes) + 1)}]" if c.source_id else ""
            first = c.pillar == PILLARS[0]
            table.add_row(
                c.country if first else "",
                c.pillar,
                figures[id(c)],
                c.indicator or "",
                ref,
                end_section=c.pillar == PILLARS[-1],
            )
        terminal().print(table)
        for (sid, primary), n in notes.items():
            s = ledger.source(sid)
            whose = attribution({"publisher": s["publisher"], "primary_name": primary})
            tier = f" [{s['tier']}]" if s.get("tier") else ""
            click.echo(f"[{n}] {whose}: {s['title']} <{s['url']}>{tier}")
        if any(c.old for c in cells):
            click.echo("old: the figure's period ended more than three years ago")


@click.command()
@click.argument("target")
@click.option("--subject", help="Only this subject.")
@click.option("--counterpart", help="Only this counterpart.")
@click.option("--period", help="Only this period, as written (2024, as-of 2023-03-31).")
@click.option("--derived/--no-derived", default=True, show_default=True, help="Include derived rows.")
@click.option(
    "--as-of",
    "as_of",
    metavar="BUILD|DATE",
    help="The reported figures as they stood in an earlier build (an id, or the last build by a date).",
)
@format_option()
def show(
    target: str,
    subject: str | None,
    counterpart: str | None,
    period: str | None,
    derived: bool,
    as_of: str | None,
    fmt: str,
) -> None:
    """Every observation of an indicator (trade.turnover) or about an entity (KAZ), with sources."""
    from caravan.errors import NotFoundError
    from caravan.ledger.store import ObservationFilter

    with open_ledger() as ledger:
        common = {"subject": subject, "counterpart": counterpart, "period": period, "include_derived": derived}
        if ledger.has_indicator(target):
            flt = ObservationFilter(indicator=target, **common)  # type: ignore[arg-type]
        elif ledger.has_entity(target):
            flt = ObservationFilter(entity=target, **common)  # type: ignore[arg-type]
        else:
            raise NotFoundError(
                f"{target!r} is neither an indicator nor an entity; try `caravan show KAZ` or "
                "`caravan show trade.turnover` (`caravan indicators` lists them)"
            )
        if as_of is not None:
            from caravan.ledger.vintages import as_of as figures_as_of

            then, rows = figures_as_of(ledger, as_of, flt)
        else:
            rows = ledger.observations(flt)
    if fmt != "table":
        emit(rows, fmt)
        return
    if not rows:
        click.echo(f"no observations match {target}")
        return
    from caravan.figures import printed, shown

    if as_of is not None:
        columns = ["subject", "counterpart", "period", "figure", "file"]
        if flt.indicator is None:
            columns.insert(0, "indicator")
        emit_cited(rows, columns, f"{target} as of build {then['id']} ({then['built_at']}): {len(rows)} reported")
        return

    columns = ["subject", "counterpart", "period", "figure", "method"]
    if flt.indicator is None:
        columns.insert(0, "indicator")
    # Where a source printed a figure in another unit or scale, the figure as printed stands beside it.
    if any(printed(r) != shown({**r, "bound": "exact"}) for r in rows):
        columns.insert(columns.index("figure") + 1, "printed")
        rows = [{**r, "printed": printed(r)} for r in rows]
    emit_cited(rows, columns, f"{target}: {len(rows)} observations")


@click.command()
@format_option()
def indicators(fmt: str) -> None:
    """The indicators the ledger knows, with their units and observation counts."""
    with open_ledger() as ledger:
        rows = ledger.indicators()
    emit(rows, fmt, ["id", "pillar", "unit", "kind", "observations", "name"] if fmt == "table" else None)


@click.command()
@click.argument("source_id", required=False)
@format_option()
def sources(source_id: str | None, fmt: str) -> None:
    """The source catalogue with observation counts, or one source (SOURCE_ID) and what it supports."""
    from caravan.figures import printed, shown

    with open_ledger() as ledger:
        if source_id is None:
            rows = ledger.sources()
            cols = ["id", "publisher", "tier", "observations", "events", "url"] if fmt == "table" else None
            emit(rows, fmt, cols, title=f"{len(rows)} sources")
            return
        record = ledger.source(source_id)
        shown_rows = record["observations"]
    if fmt == "json":
        click.echo(to_json(record))
        return
    if fmt == "table":
        for key in (
            "id",
            "publisher",
            "original_publisher",
            "authority_name",
            "tier",
            "title",
            "url",
            "published",
            "retrieved",
            "kind",
            "language",
            "seen_via",
        ):
            label = "whose figures" if key == "authority_name" else key
            click.echo(f"{label}: {record.get(key) or '—'}")
        rows = [
            {
                **r,
                "figure": shown(r),
                "printed": printed(r),
                "whose": r.get("primary_name") if r.get("primary_name") != record["authority_name"] else None,
            }
            for r in shown_rows
        ]
        emit(
            rows,
            fmt,
            ["indicator", "period", "figure", "printed", "locator"]
            + (["whose"] if any(r["whose"] for r in rows) else []),
            title=f"{len(rows)} observations",
        )
        return
    emit(record["observations"], fmt, title=f"{len(record['observations'])} observations")


@click.command()
@click.option("--since", help="Only events on or after this date (YYYY-MM-DD, YYYY-MM or YYYY).")
@click.option("--kind", help="Only events of this kind (summit, ministerial, ...).")
@format_option()
def timeline(since: str | None, kind: str | None, fmt: str) -> None:
    """Events in date order, each with its source."""
    from caravan.periods import parse_date

    start = parse_date(since).isoformat() if since else None
    with open_ledger() as ledger:
        rows = ledger.events(since=start, kind=kind)
    emit(
        rows,
        fmt,
        ["date", "kind", "title_en", "publisher", "source_url"] if fmt == "table" else None,
        title=f"{len(rows)} events",
    )


@click.command("search")
@click.argument("words", nargs=-1, required=True)
@click.option("--lang", type=click.Choice(["en", "zh", "ru"]), default="en", help="Titles in this language.")
@click.option("--kind", "kinds", multiple=True, help="Only this kind (repeatable): entity, indicator, event, ...")
@click.option("--limit", type=click.IntRange(1, 100), default=20, help="At most this many hits.")
@format_option()
def search_command(words: tuple[str, ...], lang: str, kinds: tuple[str, ...], limit: int, fmt: str) -> None:
    """Find indicators, places, events, commitments and sources by name, in English, Chinese or Russian."""
    from caravan.search import KINDS, search

    with open_ledger() as ledger:
        hits = search(ledger, " ".join(words), lang=lang, kinds=kinds or KINDS, limit=limit)
    if fmt == "json":
        click.echo(to_json([h.to_dict() for h in hits]))
        return
    emit(
        [h.to_dict() for h in hits],
        fmt,
        ["kind", "id", "title", "score"] if fmt == "table" else None,
        title=f"{len(hits)} found",
    )


@click.command()
@click.argument("indicator")
@click.option("--pair", "pairs", multiple=True, metavar="SUBJECT:COUNTERPART", help="A series (repeat for more).")
@click.option("--from", "start", type=int, help="First year shown.")
@click.option("--to", "end", type=int, help="Last year shown.")
@click.option(
    "--scale",
    type=click.Choice(["linear", "log", "relative"]),
    default="linear",
    show_default=True,
    help="relative: each series' first figure in the range = 100.",
)
@click.option(
    "--per-capita",
    is_flag=True,
    help="Per person: each figure divided by one country's population of the same year (World Bank WDI).",
)
@format_option()
def explore(
    indicator: str, pairs: tuple[str, ...], start: int | None, end: int | None, scale: str, per_capita: bool, fmt: str
) -> None:
    """One indicator's series for chosen pairs and years, on a linear, log or relative scale, each figure cited.

    The dashboard's explorer (`/explore`) and `/api/explore` show the same. Without --pair, the
    series with the most periods. With --per-capita, each figure per person of the subject (of
    the other country, for a pair of China and one of the five); a year without a population is a gap.
    """
    from caravan.explore import explore as run_explore
    from caravan.figures import format_number

    with open_ledger() as ledger:
        result = run_explore(ledger, indicator, pairs, start=start, end=end, scale=scale, per_capita=per_capita)
    if fmt == "json":
        click.echo(to_json(result.to_dict()))
        return
    if fmt == "csv":
        emit(result.rows(), fmt, [c.name for c in result.columns])
        return
    applied = result.per_capita_applied
    rows = []
    for s in result.series:
        for p in s.points:
            shown = p.to_dict()
            row = {**p.row, "reporter": s.reporter, "index": shown["index_shown"]}
            if applied:
                pc = shown["per_capita"]
                row["per_person"] = pc["shown"] if pc else "— (no population)"
                row["population"] = (
                    f"{format_number(pc['population'])} ({pc['country']} {pc['population_period']})" if pc else ""
                )
            rows.append(row)
    columns = ["period", "subject", "counterpart", "reporter", "figure"]
    columns += ["per_person", "population"] if applied else []
    columns += ["index"] if scale == "relative" else []
    emit_cited(rows, columns, title=f"{result.indicator['name']} ({result.period_kind}, {scale})")
    if applied:
        population = [s for s in result.sources() if s["id"] in result.per_capita["population_sources"]]
        for source in population:
            click.echo(f"population: {source['publisher']}: {source['title']} <{source['url']}>")
    elif per_capita:
        terminal().print(f"per person: {result.per_capita['reason']}", highlight=False, markup=False)
    for note in [*result.notes, *(f"{s.key}: {s.note}" for s in result.series if s.note)]:
        terminal().print(note, highlight=False, markup=False)
