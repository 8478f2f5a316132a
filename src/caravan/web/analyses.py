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
    "commitment_progress": ("caravan.institutions.targets", "evaluate_target"),
}


def capabilities() -> dict[str, bool]:
    """Which analyses this installation provides, by capability name."""
    return {name: find(module, attr) is not None for name, (module, attr) in CAPABILITIES.items()}
