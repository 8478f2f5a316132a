"""The `caravan` command: a thin surface over the library.

Each command parses its arguments, calls one library function and formats the
result. A `CaravanError` becomes one line on stderr and exit status 1.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from caravan.errors import CaravanError
from caravan.output import Format, render, to_json
from caravan.settings import Settings, get_settings

console = Console()


# Commands that live beside their pillar, imported only when called so that
# start-up stays fast: name -> "module:attribute".
LAZY_COMMANDS: dict[str, str] = {
    "serve": "caravan.cli.web:serve",
    "commitments": "caravan.cli.institutions:commitments",
    "people": "caravan.cli.people:people",
    "report": "caravan.cli.reports:report",
    "import": "caravan.cli.sources:import_command",
    "synth": "caravan.cli.sources:synth",
    "trade": "caravan.cli.trade:trade",
    "route": "caravan.cli.corridors:route",
    "scenario": "caravan.cli.corridors:scenario_group",
    "flows": "caravan.cli.corridors:flows",
    "pipelines": "caravan.cli.energy:pipelines",
    "check": "caravan.cli.claims:check",
    "eval": "caravan.cli.claims:eval_group",
}


class CaravanGroup(click.Group):
    """The command group: a `CaravanError` becomes one line on stderr and exit status 1.

    It also loads the pillar commands listed in `LAZY_COMMANDS` on first use.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Built-in and lazily loaded command names, sorted."""
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """A command by name, importing a lazy one on first use."""
        if cmd_name in LAZY_COMMANDS and cmd_name not in self.commands:
            import importlib

            module, attr = LAZY_COMMANDS[cmd_name].split(":")
            command = getattr(importlib.import_module(module), attr)
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command, turning Caravan's errors into click's one-line errors."""
        try:
            return super().invoke(ctx)
        except CaravanError as exc:
            raise click.ClickException(str(exc)) from exc


def format_option(*choices: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The shared `--format` option (table, csv, json unless other choices are given)."""
    names = choices or tuple(f.value for f in Format)
    return click.option(
        "--format",
        "-f",
        "fmt",
        type=click.Choice(names),
        default=names[0],
        show_default=True,
        help="Output format.",
    )


def emit(rows: list[dict[str, Any]], fmt: str, columns: list[str] | None = None, title: str | None = None) -> None:
    """Print rows in the chosen format (shared by every command)."""
    text = render(rows, Format(fmt), columns, title=title, console=console)
    if text is not None:
        click.echo(text, nl=not text.endswith("\n"))


def emit_cited(rows: list[dict[str, Any]], columns: list[str], title: str | None = None) -> None:
    """Print a table whose rows cite sources as [n], with the numbered sources below it.

    Rows carry `source_id`, `publisher`, `source_title` and `source_url` (as
    `Ledger.observations` returns them); derived rows say what they rest on. A
    column `figure` shows the value in the indicator's display unit with its
    bound ("over 100 bn USD"); each note says whose figure it is when that is not
    the page's publisher ("General Administration of Customs of China, via The
    Astana Times"), and the source's tier.
    """
    from caravan.figures import attribution, shown

    notes: dict[tuple[str, str | None], tuple[int, str]] = {}
    out = []
    for r in rows:
        if r.get("source_id"):
            whose = attribution(r) or r.get("publisher")
            tier = f" [{r['tier']}]" if r.get("tier") else ""
            label = f"{whose}: {r.get('source_title')} <{r.get('source_url')}>{tier}"
            key = (r["source_id"], r.get("primary_name"))
            n, _ = notes.setdefault(key, (len(notes) + 1, label))
            ref = f"[{n}]"
        else:
            ref = f"derived from {len(r.get('derived_from') or [])}"
        out.append({**r, "figure": shown(r), "src": ref})
    emit(out, "table", [*columns, "src"], title=title)
    for n, label in notes.values():
        console.print(f"[{n}] {label}", highlight=False, markup=False)


def settings() -> Settings:
    """The settings for this invocation."""
    return get_settings()


def open_ledger() -> Any:
    """Open the configured ledger read-only."""
    from caravan.ledger.store import Ledger

    return Ledger(settings().ledger)


@click.group(cls=CaravanGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="caravan")
@click.option(
    "--engine",
    type=click.Choice(["duckdb", "spark"]),
    default="duckdb",
    show_default=True,
    help="Engine for large-table analyses (spark needs the `spark` extra and Java).",
)
@click.pass_context
def app(ctx: click.Context, engine: str) -> None:
    """Caravan: an open observatory of China–Central Asia cooperation, every figure cited."""
    ctx.ensure_object(dict)
    ctx.obj["engine"] = engine


@app.command()
@click.option("--force", is_flag=True, help="Rebuild even if nothing changed.")
@click.option("--check", is_flag=True, help="Only validate the curated files; list every problem.")
@format_option()
def build(force: bool, check: bool, fmt: str) -> None:
    """Build the ledger from the curated data files (validate all, then write atomically)."""
    from caravan.ledger.build import build as run_build
    from caravan.sources.curated import load_curated

    cfg = settings()
    if check:
        _, problems = load_curated(cfg.data, collect=True)
        for problem in problems:
            click.echo(str(problem))
        if problems:
            raise CaravanError(f"{len(problems)} problems in {cfg.data}; fix them and run `caravan build`")
        click.echo(f"{cfg.data}: no problems")
        return
    with console.status("building the ledger") as status:
        report = run_build(cfg, force=force, progress=lambda msg: status.update(msg))
    rows = [{"table": t, "rows": n} for t, n in report.counts.items()]
    if fmt == "table":
        verb = "unchanged (use --force to rebuild)" if report.skipped else f"built in {report.seconds:.2f} s"
        if report.recovered:
            console.print("finished an earlier import that stopped after the ledger's commit", highlight=False)
        console.print(f"ledger {report.ledger}: {verb}", highlight=False)
        if report.build_id:
            c = report.changes
            changed = (
                f": {c.get('added', 0)} figures added, {c.get('removed', 0)} removed, {c.get('changed', 0)} changed"
                if c
                else ""
            )
            console.print(f"build {report.build_id}{changed}", highlight=False)
    emit(rows, fmt, ["table", "rows"])


@app.command()
@format_option()
def audit(fmt: str) -> None:
    """Check the curated data for contradictions: parts above wholes, shares above 100 %, copy errors, ..."""
    from caravan.ledger.audit import ERROR, provenance
    from caravan.ledger.audit import audit as run_audit
    from caravan.ledger.build import assemble
    from caravan.sources.curated import load_curated

    data, _ = load_curated(settings().data)
    tables = assemble(data)
    findings = [f.to_dict() for f in run_audit(tables)]
    errors = sum(f["severity"] == ERROR for f in findings)
    emit(
        findings,
        fmt,
        ["severity", "check_name", "message"] if fmt == "table" else None,
        title=f"audit: {errors} errors, {len(findings) - errors} warnings",
    )
    if fmt == "table":
        emit(provenance(tables), fmt, title="reported figures by pillar: from an official source or primary")
    if errors:
        raise CaravanError(f"the audit found {errors} errors; the build refuses until they are fixed")


@app.command()
@click.argument("name")
@click.option(
    "--shared",
    type=click.Path(path_type=Path),
    help="Folder of the bulk publications (default: ../shared/data beside the checkout, or CARAVAN_SHARED).",
)
def extract(name: str, shared: Path | None) -> None:
    """Extract official figures from a bulk publication (NAME, or `all`) into data/generated/NAME/."""
    from caravan.sources.extraction import write_extraction
    from caravan.sources.official import EXTRACTORS
    from caravan.sources.official import extract as run_extract

    cfg = settings()
    folder = shared or cfg.shared
    for one in sorted(EXTRACTORS) if name == "all" else [name]:
        with console.status(f"extracting {one} from {folder}"):
            written = write_extraction(cfg.data, run_extract(one, folder))
        click.echo(f"{one}: wrote {written}")


@app.command()
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
        console.print(table)
        for (sid, primary), n in notes.items():
            s = ledger.source(sid)
            whose = attribution({"publisher": s["publisher"], "primary_name": primary})
            tier = f" [{s['tier']}]" if s.get("tier") else ""
            console.print(f"[{n}] {whose}: {s['title']} <{s['url']}>{tier}", highlight=False, markup=False)
        if any(c.old for c in cells):
            console.print("old: the figure's period ended more than three years ago", highlight=False)


@app.command()
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
        console.print(f"no observations match {target}")
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


@app.command()
@format_option()
def builds(fmt: str) -> None:
    """Every build the ledger remembers, newest first: when, what made it, what changed, whether its file is kept."""
    from caravan.ledger.builds import builds_dir
    from caravan.ledger.vintages import history

    with open_ledger() as ledger:
        rows = history(ledger, builds_dir(settings().ledger))
    emit(
        rows,
        fmt,
        ["id", "kind", "built_at", "added", "removed", "changed", "kept", "current"] if fmt == "table" else None,
        title=f"{len(rows)} builds",
    )


@app.command()
@click.argument("old", required=False, metavar="[OLD]")
@click.argument("new", required=False, metavar="[NEW]")
@format_option()
def diff(old: str | None, new: str | None, fmt: str) -> None:
    """What changed between two builds (ids or dates; default: the current build and the one before)."""
    from caravan.figures import format_number
    from caravan.ledger.vintages import diff as run_diff

    with open_ledger() as ledger:
        start, end, rows = run_diff(ledger, old, new)
    title = f"{start['id'] or 'nothing'} -> {end['id']}: {len(rows)} change{'' if len(rows) == 1 else 's'}"
    if fmt != "table":
        emit(rows, fmt, title=title)
        return

    def figure(value: float | None, unit: str | None, bound: str | None) -> str:
        if value is None:
            return ""
        qualifier = f"{bound} " if bound and bound != "exact" else ""
        return f"{qualifier}{format_number(value)} {unit or ''}".strip()

    shown = [
        {
            **r,
            "old": figure(r["old_value"], r["old_unit"], r["old_bound"]),
            "new": figure(r["new_value"], r["new_unit"], r["new_bound"]),
        }
        for r in rows
    ]
    emit(
        shown,
        fmt,
        ["change", "indicator", "subject", "counterpart", "period", "old", "new", "source_id"],
        title=title,
    )


@app.command()
@format_option()
def indicators(fmt: str) -> None:
    """The indicators the ledger knows, with their units and observation counts."""
    with open_ledger() as ledger:
        rows = ledger.indicators()
    emit(rows, fmt, ["id", "pillar", "unit", "kind", "observations", "name"] if fmt == "table" else None)


@app.command()
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
            console.print(f"{label}: {record.get(key) or '—'}", highlight=False, markup=False)
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


@app.command()
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


@app.command()
@click.argument("out", type=click.Path(path_type=Path))
@format_option("csv", "parquet", "datapackage")
def export(out: Path, fmt: str) -> None:
    """Write the ledger into folder OUT as CSV, Parquet, or a Frictionless Data Package."""
    from caravan.ledger.export import export as run_export

    with open_ledger() as ledger:
        written = run_export(ledger, out, fmt)  # type: ignore[arg-type]
    click.echo(f"wrote {len(written)} files to {out}")


@app.command()
def schema() -> None:
    """Print the ledger's tables and columns as Markdown (docs/ledger-schema.md)."""
    from caravan.ledger.schema import markdown

    click.echo(markdown(), nl=False)


def main() -> None:
    """Entry point of the `caravan` command."""
    app(prog_name="caravan")
