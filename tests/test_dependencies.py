"""Every runtime dependency earns its place: some module of caravan imports it.

A package that only tests or benchmarks use belongs in the dev group (`uv add --dev`).
"""

from __future__ import annotations

import ast
import re
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_dependencies() -> set[str]:
    """The distributions pyproject.toml lists as runtime dependencies, by normalised name."""
    listed = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    return {_normal(re.split(r"[\[<>=~!; ]", spec, maxsplit=1)[0]) for spec in listed}


def imported_top_levels() -> set[str]:
    """The top-level modules src/caravan imports, or locates with `importlib.util.find_spec("…")`."""
    found: set[str] = set()
    for path in (ROOT / "src" / "caravan").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.add(node.module.split(".")[0])
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "find_spec"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                found.add(str(node.args[0].value).split(".")[0])
    return found


def test_every_runtime_dependency_is_imported() -> None:
    distributions = packages_distributions()
    used = {_normal(d) for top in imported_top_levels() for d in distributions.get(top, [])}
    unused = sorted(runtime_dependencies() - used)
    assert not unused, f"runtime dependencies nothing in src/caravan imports (remove them, or `uv add --dev`): {unused}"


def test_the_check_sees_a_dependency_nobody_imports() -> None:
    """networkx is installed (tests use it) but src does not import it: it would be reported."""
    assert "networkx" in packages_distributions()
    assert "networkx" not in imported_top_levels()
    assert {"duckdb", "atlas_common_data"} <= imported_top_levels()
