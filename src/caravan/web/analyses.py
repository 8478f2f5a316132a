"""The analyses the web surface presents, found by name when their packages provide them.

The web layer never computes what an analysis should: it calls the library
function. Pillar packages are built in parallel, so each is looked up when an
endpoint needs it; a function not yet in this installation makes the endpoint
answer 501 with the one error shape, and the dashboard shows what the ledger
holds instead.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from caravan.errors import CaravanError
from caravan.web.problems import AnalysisUnavailable


def find(module: str, name: str) -> Callable[..., Any] | None:
    """The function `name` of `module`, or None where the module or function is absent."""
    try:
        mod = importlib.import_module(module)
    except ImportError:
        return None
    found = getattr(mod, name, None)
    return found if callable(found) else None


def require(module: str, name: str) -> Callable[..., Any]:
    """The function `name` of `module`.

    Raises:
        AnalysisUnavailable: The module or the function is not in this installation.
    """
    found = find(module, name)
    if found is None:
        raise AnalysisUnavailable(
            f"the analysis {module}.{name} is not part of this installation yet; "
            "the ledger's own figures are under /api/observations"
        )
    return found


# What the dashboard can offer, by the library function that provides it.
CAPABILITIES: dict[str, tuple[str, str]] = {
    "commitments": ("caravan.institutions.commitments", "list_commitments"),
    "network": ("caravan.corridors.network", "load_network"),
    "routes": ("caravan.corridors.route", "plan_routes"),
    "scenarios": ("caravan.corridors.scenario", "compare"),
    "claims": ("caravan.claims", "check_text"),
    "trade_summary": ("caravan.trade.totals", "summary"),
    "trade_partners": ("caravan.trade.partners", "partner_position"),
    "trade_products": ("caravan.trade.products", "products"),
    "trade_mirror": ("caravan.trade.mirror", "mirror"),
    "energy": ("caravan.energy.pipelines", "utilisation"),
    "people": ("caravan.people.figures", "people_figures"),
}


def trade_datasets(settings: Any) -> dict[str, list[str]]:
    """The bulk trade datasets imported into the ledger's store, per table (empty where none or no trade engine)."""
    datasets = find("caravan.trade.flows", "datasets")
    open_trade = find("caravan.ledger.backends", "open_trade")
    if datasets is None or open_trade is None:
        return {}
    try:
        with open_trade(settings, "duckdb") as tables:
            return {name: sorted(found) for name, found in datasets(tables).items()}
    except CaravanError:
        return {}


def capabilities() -> dict[str, bool]:
    """Which analyses this installation provides, by capability name."""
    return {name: find(module, attr) is not None for name, (module, attr) in CAPABILITIES.items()}
