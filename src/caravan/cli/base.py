"""What every command shares: the lazily loading group, `--format`, printing, settings and the ledger.

Nothing here imports more than click at start-up: the terminal (`terminal()`, a
rich console) is made on first use, and the ledger, the settings and the formats are
imported by the functions that need them, so that `caravan --help` stays fast.
Tables (`emit`, `emit_cited`, `emit_result`) are drawn by `caravan.output` as plain text and
printed with click: a listing needs no rich at all.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import click

from caravan.errors import CaravanError

if TYPE_CHECKING:
    from rich.console import Console

    from caravan.ledger.store import Ledger
    from caravan.results import Result
    from caravan.settings import Settings

_console: Console | None = None


def terminal() -> Console:
    """The terminal every command prints to, made on first use (rich takes long to import)."""
    global _console
    if _console is None:
        from rich.console import Console

        _console = Console()
    return _console


class LazyGroup(click.Group):
    """A command group that imports a command's module only when the command runs or shows its help.

    `lazy` maps each command name to ("module:attribute", the first paragraph of
    its help): the group's own help lists the commands from that text without
    importing them. A `CaravanError` becomes one line on stderr and exit status 1.
    """

    def __init__(self, *args: Any, lazy: Mapping[str, tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Loaded and lazy command names, sorted."""
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """A command by name, importing a lazy one on first use."""
        if cmd_name in self.lazy and cmd_name not in self.commands:
            module, attr = self.lazy[cmd_name][0].split(":")
            self.add_command(getattr(importlib.import_module(module), attr), cmd_name)
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """List the commands with their short help, as click does, without importing lazy ones."""
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = []
        for name in names:
            # A command not loaded yet stands in as a bare command with its help's first paragraph.
            command = self.commands.get(name) or click.Command(name, help=self.lazy[name][1])
            if not command.hidden:
                rows.append((name, command.get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command, turning Caravan's errors into click's one-line errors."""
        try:
            return super().invoke(ctx)
        except CaravanError as exc:
            raise click.ClickException(str(exc)) from exc


def format_option(*choices: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The shared `--format` option (table, csv, json unless other choices are given)."""
    from caravan.output import Format

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
    from caravan.output import Format, render

    text = render(rows, Format(fmt), columns, title=title)
    click.echo(text, nl=not text.endswith("\n"))


def emit_result(result: Result, fmt: str, columns: list[str] | None = None, empty: str = "") -> None:
    """Print a result as its columns declare it: JSON of `Result.to_dict`, CSV of its rows, or a table.

    The table shows money in US$ millions with one decimal and other figures with their
    columns' decimals (`readable`), then the result's notes and the sources it rests on;
    `empty` is said when it has no rows.
    """
    from caravan.output import to_json

    if fmt == "json":
        click.echo(to_json(result.to_dict()))
        return
    if fmt != "table":
        emit(result.rows, fmt, columns or result.columns)
        return
    title = result.title.replace("US$", "US$ mn")
    emit([readable(r, result) for r in result.rows], fmt, columns or result.columns, title=title)
    if empty and not result.rows:
        click.echo(empty)
    for note in result.notes:
        click.echo(f"note: {note}")
    for s in result.sources:
        click.echo(f"[{s['id']}] {s['publisher']}: {s['title']} <{s['url']}>")


def readable(row: Mapping[str, Any], result: Result) -> dict[str, Any]:
    """Money in US$ millions with one decimal, other figures with their columns' decimals, for the terminal."""
    out = {}
    for key, value in row.items():
        column = result.declared.get(key)
        if isinstance(value, float) and column is not None and column.unit == "USD":
            value = f"{value / 1e6:,.1f}"
        elif isinstance(value, float):
            decimals = column.decimals if column is not None and column.decimals is not None else 2
            value = f"{value:,.{decimals}f}"
        out[key] = value
    return out


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
        click.echo(f"[{n}] {label}")


def settings() -> Settings:
    """The settings for this invocation."""
    from caravan.settings import get_settings

    return get_settings()


def open_ledger() -> Ledger:
    """Open the configured ledger read-only."""
    from caravan.ledger.store import Ledger

    return Ledger(settings().ledger)


def engine() -> str:
    """The engine chosen with `caravan --engine` (duckdb unless told otherwise)."""
    return str((click.get_current_context().find_root().obj or {}).get("engine", "duckdb"))
