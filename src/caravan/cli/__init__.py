"""The `caravan` command: a thin surface over the library, its whole command tree in this package.

Each command parses its arguments, calls one library function and formats the
result. A `CaravanError` becomes one line on stderr and exit status 1.

The tree is written once, in `COMMANDS` below: each command lives in the module
of its pillar (`caravan.cli.trade`, `caravan.cli.corridors`, ...) and is imported
only when it runs or shows its help, so that `caravan --help` lists every command
from the text here without importing the analyses behind them. No module of the
library outside this package imports it (a test checks).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from caravan.cli.base import LazyGroup, terminal

if TYPE_CHECKING:
    from rich.console import Console

# Every command: name -> ("module:attribute", the first paragraph of its help, as
# its docstring says it; a test checks the two agree).
COMMANDS: dict[str, tuple[str, str]] = {
    "audit": (
        "caravan.cli.ledger:audit",
        "Check the curated data for contradictions: parts above wholes, shares above 100 %, copy errors, ...",
    ),
    "build": (
        "caravan.cli.ledger:build",
        "Build the ledger from the curated data files (validate all, then write atomically).",
    ),
    "builds": (
        "caravan.cli.ledger:builds",
        "Every build the ledger remembers, newest first: when, what made it, what changed, whether its file is kept.",
    ),
    "check": (
        "caravan.cli.claims:check",
        "Find every quantitative claim in an article and check it against the ledger, with evidence.",
    ),
    "commitments": (
        "caravan.cli.institutions:commitments",
        "Commitments with status, evidence and target progress, or one (COMMITMENT_ID) in full.",
    ),
    "diff": (
        "caravan.cli.ledger:diff",
        "What changed between two builds (ids or dates; default: the current build and the one before).",
    ),
    "eval": ("caravan.cli.claims:eval_group", "Evaluate Caravan's analyses on annotated corpora."),
    "export": (
        "caravan.cli.ledger:export",
        "Write the ledger into folder OUT as CSV, Parquet, or a Frictionless Data Package.",
    ),
    "explore": (
        "caravan.cli.browse:explore",
        "One indicator's series for chosen pairs and years, on a linear, log or relative scale, each figure cited.",
    ),
    "extract": (
        "caravan.cli.sources:extract",
        "Extract official figures from a bulk publication (NAME, or `all`) into data/generated/NAME/.",
    ),
    "flows": (
        "caravan.cli.corridors:flows",
        "Assign the annual flows in FILE within capacities; utilisation and bottlenecks.",
    ),
    "loads": (
        "caravan.cli.corridors:loads",
        "The corridors' cited annual volumes on the network: load, capacity, utilisation, bottlenecks, unmet.",
    ),
    "import": (
        "caravan.cli.sources:import_command",
        "Import bulk files (a PATH may be a folder) into the store and attach them to the ledger.",
    ),
    "indicators": (
        "caravan.cli.browse:indicators",
        "The indicators the ledger knows, with their units and observation counts.",
    ),
    "overview": (
        "caravan.cli.browse:overview",
        "The headline figure of every pillar for China and each of the five, with sources.",
    ),
    "people": (
        "caravan.cli.people:people",
        "People-to-people figures with sources: latest of each series, or the change since the Xi'an summit.",
    ),
    "pipelines": (
        "caravan.cli.energy:pipelines",
        "Capacity against delivered gas by year, and whether annual volumes add up to cumulative totals.",
    ),
    "report": (
        "caravan.cli.reports:report",
        "Write a briefing on COUNTRY (CHN, KAZ, KGZ, TJK, TKM, UZB or C5) as HTML and PDF, every figure footnoted.",
    ),
    "route": (
        "caravan.cli.corridors:route",
        "Routes from ORIGIN to DESTINATION (English, Chinese or Russian names), with times, borders and sources.",
    ),
    "scenario": ("caravan.cli:scenario", "What-if scenarios on the corridor network."),
    "schema": (
        "caravan.cli.ledger:schema",
        "Print the ledger's tables and columns as Markdown (docs/ledger-schema.md).",
    ),
    "serve": (
        "caravan.cli.web:serve",
        "Serve the HTTP API (/api, documented at /docs) and the dashboard (/) from the ledger.",
    ),
    "search": (
        "caravan.cli.browse:search_command",
        "Find indicators, places, events, commitments and sources by name, in English, Chinese or Russian.",
    ),
    "show": (
        "caravan.cli.browse:show",
        "Every observation of an indicator (trade.turnover) or about an entity (KAZ), with sources.",
    ),
    "sources": (
        "caravan.cli.browse:sources",
        "The source catalogue with observation counts, or one source (SOURCE_ID) and what it supports.",
    ),
    "synth": (
        "caravan.cli.sources:synth",
        "Write synthetic data files in the bulk formats (for benchmarks and trials).",
    ),
    "timeline": ("caravan.cli.browse:timeline", "Events in date order, each with its source."),
    "trade": (
        "caravan.cli.trade:trade",
        "Trade analyses over imported bulk data and the ledger (every table lists its sources).",
    ),
}

# `caravan scenario`'s commands, listed without importing the route planner.
SCENARIO_COMMANDS: dict[str, tuple[str, str]] = {
    "compare": (
        "caravan.cli.corridors:scenario_compare",
        "Best routes before and after the scenario in FILE, side by side (its routes, or ORIGIN DESTINATION).",
    ),
}


@click.group(cls=LazyGroup, lazy=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
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


@click.group("scenario", cls=LazyGroup, lazy=SCENARIO_COMMANDS)
def scenario() -> None:
    """What-if scenarios on the corridor network."""


def main() -> None:
    """Entry point of the `caravan` command."""
    app(prog_name="caravan")


def __getattr__(name: str) -> Console:
    """`caravan.cli.console`: the terminal the commands print to (made on first use, see `terminal`)."""
    if name != "console":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return terminal()
