"""The layers of DESIGN.md hold: data flows sources → ledger → analyses → surfaces, never back.

Read from the source with `ast`, so a lazy import inside a function counts as much as one at the
top. Two rules: no module imports a layer to its right, and no module under `web/` or `reports/`
runs a query of its own (`.sql(`, `.execute(`, `.query(`): it calls a named function of the
ledger or of the analysis that owns the rule.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SRC / "caravan"

SOURCES, LEDGER, ANALYSES, SURFACES = 0, 1, 2, 3
LAYER_NAMES = {SOURCES: "sources", LEDGER: "ledger", ANALYSES: "analyses", SURFACES: "surfaces"}
ANALYSIS_PACKAGES = (
    "trade",
    "corridors",
    "energy",
    "people",
    "institutions",
    "claims",
    "overview",
    "search",
    "explore",
)
SURFACE_PACKAGES = ("web", "reports", "cli")
# Modules at the top of the package that every layer may use: errors, settings, units, periods,
# regions, number formatting, the fixed words in three languages (vocabulary), the one result type
# (results). They sit with the sources at the left (`bounds` reads the sources' models).
SHARED = (
    "__init__",
    "bounds",
    "errors",
    "figures",
    "locking",
    "output",
    "periods",
    "regions",
    "results",
    "runs",
    "settings",
    "units",
    "vocabulary",
)
RAW_QUERY_METHODS = frozenset({"sql", "execute", "query"})
NO_RAW_QUERIES = ("caravan.web", "caravan.reports")

# Upward imports that are known today, as (importing module, imported module), so the list only
# shrinks. A package's cli.py imports the top-level command tree, but both are surfaces, so the CLI
# files add none (the move of the commands into one `caravan.cli` package leaves this list as it is).
# The bulk importer commits what it reads as a new build of the ledger: it is ledger work kept
# under sources/, and moving it to ledger/ (with the `caravan import` command) removes these two.
KNOWN_UPWARD: frozenset[tuple[str, str]] = frozenset(
    {
        ("caravan.sources.importer", "caravan.ledger.builds"),
        ("caravan.sources.importer", "caravan.ledger.vintages"),
    }
)

# Raw query calls known today in web/ or reports/, as (module, method). web/deps.py sets the thread
# count of the connection it opens a build on (`SET threads`): connection set-up that belongs to
# `Ledger` (a `threads` argument); it moves there with the rework of web/deps.py on another branch.
KNOWN_RAW_QUERIES: frozenset[tuple[str, str]] = frozenset({("caravan.web.deps", "execute")})


def module_name(path: Path) -> str:
    """The dotted module name of a file under src/."""
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer(module: str) -> int:
    """The layer a module of caravan belongs to.

    Both `caravan.cli` (and any module below it) and a package's own `caravan.<pkg>.cli` are
    surfaces.

    Raises:
        LookupError: A module in no layer: place its package in this test.
    """
    parts = module.split(".")
    top = parts[1] if len(parts) > 1 else "__init__"
    if top in SURFACE_PACKAGES or "cli" in parts[2:]:
        return SURFACES
    if top in ANALYSIS_PACKAGES:
        return ANALYSES
    if top == "ledger":
        return LEDGER
    if top == "sources" or (len(parts) <= 2 and top in SHARED):
        return SOURCES
    raise LookupError(f"{module} is in no layer; add its package to tests/test_layering.py")


def imported(module: str, tree: ast.Module) -> list[tuple[int, str]]:
    """Every caravan module a module imports (line, name), a submodule where `from x import y` names one."""
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    out: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names if a.name.split(".")[0] == "caravan"]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            if base.split(".")[0] != "caravan":
                continue
            for a in node.names:
                sub = f"{base}.{a.name}"
                out.append((node.lineno, sub if sub in MODULES else base))
    return out


def raw_queries(tree: ast.Module) -> list[tuple[int, str]]:
    """Calls of a raw query method (`x.sql(…)`, `x.execute(…)`, `x.query(…)`), with their lines."""
    return [
        (node.lineno, node.func.attr)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in RAW_QUERY_METHODS
    ]


def trees() -> dict[str, ast.Module]:
    """Every module of caravan, parsed."""
    return {name: ast.parse(path.read_text(encoding="utf-8"), str(path)) for name, path in MODULES.items()}


TREES = trees()


def upward_imports() -> list[tuple[str, int, str]]:
    """Every distinct import of a layer to the importer's right: (importer, line, imported)."""
    found = set()
    for module, tree in TREES.items():
        for line, name in imported(module, tree):
            if name in MODULES and layer(name) > layer(module):
                found.add((module, line, name))
    return sorted(found)


def test_every_module_has_a_layer() -> None:
    """A new package must be placed in a layer before it can be checked."""
    for module in MODULES:
        layer(module)


def test_no_module_imports_a_layer_to_its_right() -> None:
    """Sources never import the ledger, the ledger never an analysis, an analysis never a surface."""
    found = [
        f"{module}:{line} ({LAYER_NAMES[layer(module)]}) imports {name} ({LAYER_NAMES[layer(name)]})"
        for module, line, name in upward_imports()
        if (module, name) not in KNOWN_UPWARD
    ]
    assert not found, "\n".join(found)


def test_known_upward_imports_are_still_there() -> None:
    """An entry of the allow-list that no longer happens is removed from it, so the list only shrinks."""
    still = {(module, name) for module, _, name in upward_imports()}
    assert still >= KNOWN_UPWARD, f"remove from KNOWN_UPWARD: {sorted(KNOWN_UPWARD - still)}"


@pytest.mark.parametrize("module", [m for m in MODULES if m.startswith(NO_RAW_QUERIES)])
def test_surfaces_run_no_query_of_their_own(module: str) -> None:
    """web/ and reports/ call the ledger's and the analyses' named functions, never SQL."""
    found = [
        f"{MODULES[module].name}:{line} calls .{method}("
        for line, method in raw_queries(TREES[module])
        if (module, method) not in KNOWN_RAW_QUERIES
    ]
    assert not found, f"{module}: " + "; ".join(found)


def test_known_raw_queries_are_still_there() -> None:
    """An allowed raw query that is gone is removed from the list, so it only shrinks."""
    still = {(module, method) for module, tree in TREES.items() for _, method in raw_queries(tree)}
    assert still >= KNOWN_RAW_QUERIES, f"remove from KNOWN_RAW_QUERIES: {sorted(KNOWN_RAW_QUERIES - still)}"


@pytest.mark.parametrize(
    ("module", "expected"),
    [
        ("caravan.sources.baci", SOURCES),
        ("caravan.errors", SOURCES),
        ("caravan.ledger.store", LEDGER),
        ("caravan.overview", ANALYSES),
        ("caravan.trade.products", ANALYSES),
        ("caravan.trade.cli", SURFACES),
        ("caravan.cli", SURFACES),
        ("caravan.cli.trade", SURFACES),
        ("caravan.web.routers.overview", SURFACES),
        ("caravan.reports.briefing", SURFACES),
    ],
)
def test_layer_of_a_module(module: str, expected: int) -> None:
    """The layers as DESIGN.md draws them, a package's own cli.py a surface like the command tree."""
    assert layer(module) == expected


def test_the_checks_see_what_they_look_for() -> None:
    """An upward import and a raw query written in a snippet are both found (the checks can fail)."""
    tree = ast.parse(
        "def f(ledger):\n    from caravan.web.app import create_app\n    return ledger.query('SELECT 1')\n"
    )
    assert imported("caravan.ledger.store", tree) == [(2, "caravan.web.app")]
    assert layer("caravan.web.app") > layer("caravan.ledger.store")
    assert raw_queries(tree) == [(3, "query")]
    relative = ast.parse("from ..trade import products\nfrom . import charts\n")
    assert imported("caravan.reports.briefing", relative) == [
        (1, "caravan.trade.products"),
        (2, "caravan.reports.charts"),
    ]
