"""The README's CLI reference cannot drift: every command it shows exists with the options it names.

Each code span in the first column of the README's "CLI reference" table is read as a
usage line (`[...]` optional, `A|B` alternatives, `...` anything more, UPPERCASE
placeholders). The test walks the real command tree with each line: every command and
subcommand exists, every option belongs to that command, a choice lists only values the
option accepts, and the positional arguments fit the command's. Lines that name concrete
values only (`caravan show KAZ`) are also run on the real ledger and must succeed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from caravan.cli import app
from caravan.settings import Settings

README = Path(__file__).resolve().parents[1] / "README.md"
# Commands that write, serve or take minutes: checked against the command tree, not run.
NOT_RUN = {"build", "serve", "import", "synth", "report", "export", "extract", "flows", "scenario"}
CODES = {"CHN", "KAZ", "KGZ", "TJK", "TKM", "UZB", "C5"}


@dataclass
class Usage:
    """One usage line: its tokens, nested lists for optional groups."""

    text: str
    tokens: list[str | list[object]] = field(default_factory=list)


def _parse(text: str) -> list[str | list[object]]:
    stack: list[list[str | list[object]]] = [[]]
    for piece in re.findall(r"\[|\]|[^\s\[\]]+", text):
        if piece == "[":
            group: list[str | list[object]] = []
            stack[-1].append(group)  # type: ignore[arg-type]
            stack.append(group)
        elif piece == "]":
            stack.pop()
        else:
            stack[-1].append(piece)
    assert len(stack) == 1, f"unbalanced brackets in {text!r}"
    return stack[0]


def readme_usages() -> list[Usage]:
    """Every usage line in the first column of the CLI reference table."""
    section = README.read_text(encoding="utf-8").split("## CLI reference", 1)[1].split("\n## ", 1)[0]
    usages = []
    for line in section.splitlines():
        if not line.startswith("| `caravan"):
            continue
        first = line.split(" | ", 1)[0]
        for span in re.findall(r"`([^`]+)`", first.replace("\\|", "|")):
            if span.startswith("caravan"):
                usages.append(Usage(span, _parse(span.removeprefix("caravan").strip())))
    return usages


def _options(command: click.Command) -> dict[str, click.Option]:
    return {name: p for p in command.params if isinstance(p, click.Option) for name in (*p.opts, *p.secondary_opts)}


def _check_option(command: click.Command, token: str, value: str | None, where: str) -> None:
    options = _options(command)
    for name in token.split("|"):
        assert name in options, f"{where}: `{command.name}` has no option {name}"
        option = options[name]
        if value is not None and not _placeholder(value) and isinstance(option.type, click.Choice):
            for choice in value.split("|"):
                assert choice in option.type.choices, f"{where}: {name} does not accept {choice!r}"


def _placeholder(token: str) -> bool:
    """An UPPERCASE stand-in (FILE, DIR, Y, ID=HOURS, PATH..., FILE|-) rather than a concrete value."""
    return token not in CODES and re.fullmatch(r"[A-Z][A-Z_.]*(\.\.\.)?|FILE\|-|[A-Z]+=[A-Z]+", token) is not None


def _takes_value(command: click.Command, token: str) -> bool:
    option = _options(command).get(token.split("|")[0])
    return option is not None and not option.is_flag and not option.count


def _walk(command: click.Command, tokens: list[object], where: str) -> list[list[str]]:
    """Check the tokens against `command`; return the concrete argument lists the line stands for."""
    ctx = click.Context(app)
    runs: list[list[str]] = [[]]
    extended: list[list[str]] = [[]]  # with every optional group that names concrete values only
    positional = required = 0
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token == "...":
            return []  # "anything more": checked up to here, not run
        if isinstance(token, str) and isinstance(command, click.Group) and not token.startswith("-"):
            names = token.split("|")
            subs = [command.get_command(ctx, name) for name in names]
            assert all(subs), f"{where}: no command {token!r} under `{command.name}`"
            rest = tokens[i + 1 :]
            return [[*run, name, *more] for run in runs for name, sub in zip(names, subs, strict=True)
                    for more in _walk(sub, rest, where)]  # type: ignore[arg-type]  # fmt: skip
        if isinstance(token, list):
            inner = [t for t in token]
            j = 0
            while j < len(inner):
                t = inner[j]
                assert isinstance(t, str), f"{where}: nested optional groups are not read"
                if t.startswith("-"):
                    value = inner[j + 1] if _takes_value(command, t) and j + 1 < len(inner) else None
                    _check_option(command, t, value, where)
                    j += 2 if value is not None else 1
                else:
                    positional += 1
                    j += 1
            if all(isinstance(t, str) and "|" not in t and not _placeholder(t) for t in inner):
                extended = [[*run, *inner] for run in extended]  # type: ignore[list-item]
            i += 1
            continue
        assert isinstance(token, str)
        if token.startswith("-"):
            value = tokens[i + 1] if _takes_value(command, token) and i + 1 < len(tokens) else None
            _check_option(command, token, value if isinstance(value, str) else None, where)
            given = [token, *([value] if isinstance(value, str) else [])]
            runs = [[*run, *given] for run in runs]
            extended = [[*run, *given] for run in extended]
            i += 2 if value is not None else 1
            continue
        positional += 1
        required += 1
        runs = [[*run, token] for run in runs]
        extended = [[*run, token] for run in extended]
        i += 1
    arguments = [p for p in command.params if isinstance(p, click.Argument)]
    capacity = float("inf") if any(a.nargs == -1 for a in arguments) else sum(a.nargs for a in arguments)
    needed = sum(a.nargs for a in arguments if a.required and a.nargs > 0)
    assert positional <= capacity, (
        f"{where}: `{command.name}` takes {capacity} arguments, the README gives {positional}"
    )
    assert required >= needed, f"{where}: `{command.name}` needs {needed} arguments, the README gives {required}"
    return runs + [run for run in extended if run not in runs]


USAGES = readme_usages()


def test_the_readme_lists_the_commands() -> None:
    assert len(USAGES) >= 20
    listed = {u.tokens[0] for u in USAGES if isinstance(u.tokens[0], str) and not u.tokens[0].startswith("-")}
    ctx = click.Context(app)
    missing = set(app.list_commands(ctx)) - listed  # type: ignore[attr-defined]
    assert not missing, f"commands the README's CLI table does not show: {sorted(missing)}"


@pytest.mark.parametrize("usage", USAGES, ids=[u.text for u in USAGES])
def test_each_readme_command_exists_with_its_options(usage: Usage) -> None:
    _walk(app, usage.tokens, usage.text)


def _concrete(args: list[str]) -> bool:
    if not args or args[0] in NOT_RUN or any(a.startswith("--engine") for a in args):
        return False
    return not any(_placeholder(a) for a in args)


def _runs(usage: Usage) -> list[list[str]]:
    try:
        return _walk(app, usage.tokens, usage.text)
    except AssertionError:
        return []  # reported by the test above


RUNS = sorted({tuple(run) for u in USAGES for run in _runs(u) if _concrete(run)})


@pytest.mark.slow
@pytest.mark.parametrize("args", RUNS, ids=[" ".join(r) for r in RUNS])
def test_each_concrete_readme_command_runs(
    args: tuple[str, ...], real_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CARAVAN_LEDGER", str(real_settings.ledger))
    monkeypatch.setenv("CARAVAN_DATA", str(real_settings.data))
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, f"caravan {' '.join(args)}: {result.output[-500:]}"
