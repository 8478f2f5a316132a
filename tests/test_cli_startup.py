"""Start-up and layering of the command tree: help is printed without the analyses behind it.

`caravan --help`, each group's and almost every command's `--help` run as real
processes under `python -X importtime`, which lists every module the process
imported; none of the heavy libraries may be among them. The short help the root group prints
from `COMMANDS` must be each command's own docstring, and nothing outside
`caravan.cli` may import the command tree.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import os
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest

import caravan
from caravan.cli import COMMANDS, SCENARIO_COMMANDS, app
from caravan.ledger.store import Ledger
from caravan.settings import Settings

HEAVY = frozenset(
    {"duckdb", "ibis", "pandas", "pyarrow", "matplotlib", "scipy", "numpy", "pint", "weasyprint", "fastapi", "rich"}
)
GROUPS = ("trade", "scenario", "eval", "synth")
SRC = Path(caravan.__file__).parent


def imported(*args: str, env: dict[str, str] | None = None) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """Run `caravan ARGS` as a process; its result and the top-level packages it imported."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "from caravan.cli import main; main()", *args],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    names = {m.group(1).split(".")[0] for m in re.finditer(r"^import time:.*\|\s*(\S+)$", done.stderr, re.M)}
    return done, names


# Commands whose options are choices the analyses define (the planner's modes and
# objectives, the commitment statuses, the briefing's subjects): their help imports them.
# `loads` lives in the planner's module beside `route` and `flows`, and loads it too.
HELP_NEEDS_ANALYSIS = frozenset({"route", "flows", "loads", "commitments", "report"})


@pytest.mark.parametrize(
    "args",
    [(), *((name,) for name in COMMANDS if name not in HELP_NEEDS_ANALYSIS)],
    ids=lambda a: " ".join(a) or "caravan",
)
def test_help_imports_no_heavy_library(args: tuple[str, ...]) -> None:
    done, names = imported(*args, "--help")
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith(f"Usage: caravan {' '.join(args)}".rstrip() + " ")
    assert ("Commands:" in done.stdout) == (not args or args[0] in GROUPS)
    assert "caravan" in names and "click" in names  # the listing of imports was read
    assert not names & HEAVY, f"`caravan {' '.join(args)} --help` imported {sorted(names & HEAVY)}"


def test_a_command_imports_what_it_uses(tiny_ledger: Ledger) -> None:
    """The counterpart: a command that reads the ledger does import DuckDB (the listing is not empty by mistake)."""
    done, names = imported("show", "KAZ", env={**os.environ, "CARAVAN_LEDGER": str(tiny_ledger.path)})
    assert done.returncode == 0, done.stderr[-2000:]
    assert "KAZ" in done.stdout
    assert "duckdb" in names
    assert "rich" not in names  # its table is drawn by caravan.output


# Libraries a command may pull in at start-up; each command of benchmarks/bench_startup.py imports
# exactly the ones it needs among them. A new one here is a slower start (the benchmark says how much).
WATCHED = HEAVY | {"sqlglot", "pydantic", "rapidfuzz", "pycountry", "networkx", "yaml", "polars", "pyspark"}
ARTICLE = "Trade between China and Kazakhstan reached 43.8 billion US dollars in 2024, according to China's customs.\n"
NEEDS: dict[tuple[str, ...], frozenset[str]] = {
    # The table is drawn by caravan.output: no rich.
    ("show", "KAZ"): frozenset({"duckdb"}),
    # The claims modules and the ledger; the claims table is drawn by caravan.output too.
    ("check", "article.txt"): frozenset({"duckdb"}),
    # The planner's arrays; its small networks are searched without scipy, exact names without rapidfuzz.
    ("route", "Xi'an", "Duisburg"): frozenset({"duckdb", "numpy"}),
    # Its SQL kept from the first run: no Ibis, no sqlglot (pyarrow for the rows, which imports numpy).
    ("trade", "summary"): frozenset({"duckdb", "pyarrow", "numpy"}),
}


@pytest.mark.parametrize("args", list(NEEDS), ids=" ".join)
def test_each_command_imports_only_the_libraries_it_needs(
    args: tuple[str, ...], real_settings: Settings, tmp_path: Path
) -> None:
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    env = {**os.environ, "CARAVAN_LEDGER": str(real_settings.ledger), "CARAVAN_DATA": str(real_settings.data)}
    argv = [str(tmp_path / a) if a == "article.txt" else a for a in args]
    imported(*argv, env=env)  # a first run keeps what later runs reuse (the compiled SQL)
    done, names = imported(*argv, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "caravan" in names and "click" in names  # the listing of imports was read
    assert names & WATCHED == NEEDS[args], f"`caravan {' '.join(args)}` imported {sorted(names & WATCHED)}"


def test_a_second_briefing_draws_no_chart_and_imports_neither_ibis_nor_pydantic(
    real_settings: Settings, tmp_path: Path
) -> None:
    env = {**os.environ, "CARAVAN_LEDGER": str(real_settings.ledger), "CARAVAN_DATA": str(real_settings.data)}
    args = ("report", "KAZ", "--out", str(tmp_path), "--as-of", "2026-11-29")
    first, before = imported(*args, env=env)
    assert first.returncode == 0, first.stderr[-2000:]
    assert "matplotlib" in before or list(real_settings.charts_cache_dir.glob("*.svg"))
    second, names = imported(*args, env=env)
    assert second.returncode == 0, second.stderr[-2000:]
    assert "weasyprint" in names and "duckdb" in names
    # (pint imports the top of scipy where it is installed, which is light: scipy is not watched here.)
    assert not names & {"matplotlib", "ibis", "sqlglot", "pydantic", "pandas"}, sorted(names & WATCHED)
    assert (tmp_path / "briefing-KAZ-en.pdf").stat().st_size > 0


def _loaded(group: click.Group, name: str) -> click.Command:
    command = group.get_command(click.Context(group), name)
    assert command is not None, name
    return command


def test_groups_are_the_ones_tested() -> None:
    groups = {name for name in COMMANDS if isinstance(_loaded(app, name), click.Group)}
    assert groups == set(GROUPS)


@pytest.mark.parametrize(
    ("path", "entry"),
    [
        *(pytest.param((n,), e, id=n) for n, e in COMMANDS.items()),
        *(pytest.param(("scenario", n), e, id=f"scenario {n}") for n, e in SCENARIO_COMMANDS.items()),
    ],
)
def test_listed_help_is_the_commands_docstring(path: tuple[str, ...], entry: tuple[str, str]) -> None:
    group: click.Group = app
    for name in path[:-1]:
        sub = _loaded(group, name)
        assert isinstance(sub, click.Group)
        group = sub
    command = _loaded(group, path[-1])
    target, short = entry
    module, attr = target.split(":")
    assert getattr(importlib.import_module(module), attr) is command
    assert command.name == path[-1]
    assert inspect.cleandoc(command.help or "").split("\n\n")[0] == short


def test_nothing_outside_the_cli_imports_it() -> None:
    upward = []
    for path in sorted(SRC.rglob("*.py")):
        relative = path.relative_to(SRC)
        if relative.parts[0] == "cli":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            else:
                continue
            if any(n == "caravan.cli" or n.startswith("caravan.cli.") for n in names):
                upward.append(f"{relative}:{node.lineno}")
    assert upward == []
    assert sorted(str(p.relative_to(SRC)) for p in SRC.rglob("cli.py")) == []
