"""How Caravan writes a number: every figure as its source printed it.

One function for every surface (terminal tables, overview, derivation
locators, reports), so that no surface rounds a cited figure into a new one.
"""

from __future__ import annotations

import math


def format_number(value: float, digits: int = 10) -> str:
    """A number with thousands separators and no rounding of a printed figure.

    Whole numbers keep every digit (2,077,216); other values keep up to
    `digits` significant digits, enough for any printed figure while hiding
    binary noise (0.1 + 0.2 is written 0.3). Never scientific notation below 1e15.

    Args:
        value: The number.
        digits: Significant digits kept for values that are not whole.
    """
    if isinstance(value, int):
        return f"{value:,}"
    if not math.isfinite(value):
        return str(value)
    if value.is_integer() and abs(value) < 1e15:
        return f"{value:,.0f}"
    text = f"{value:,.{digits}g}"
    if "e" in text and abs(value) < 1e15:
        text = f"{value:,.{digits}f}".rstrip("0").rstrip(".")
    return text
