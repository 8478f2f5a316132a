"""Units and money: one pint registry with Caravan's own units.

Currencies are separate dimensions, so unit arithmetic can never turn yuan
into dollars; `convert_money` does that only through a cited exchange rate.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from tokenize import TokenError

import pint

from caravan.errors import InputError

CURRENCIES = ("USD", "CNY", "KZT", "UZS", "EUR")


@cache
def registry() -> pint.UnitRegistry:
    """The shared unit registry, with the definitions in `units.txt`.

    pint's own definitions are parsed once and kept in the user's cache folder (pint's
    `cache_folder=":auto:"`): parsing them took about 0.2 s of every process that shows a
    unit (a briefing, `caravan show`). Where that folder cannot be made, they are parsed.
    """
    try:
        ureg: pint.UnitRegistry = pint.UnitRegistry(autoconvert_offset_to_baseunit=True, cache_folder=":auto:")
    except OSError:
        ureg = pint.UnitRegistry(autoconvert_offset_to_baseunit=True)
    with files("caravan").joinpath("units.txt").open(encoding="utf-8") as handle:
        ureg.load_definitions([line.rstrip("\n") for line in handle])
    return ureg


def parse_unit(text: str) -> pint.Unit:
    """Parse a unit as a source prints it (`bn USD`, `thousand TEU`, `Mt/year`).

    Raises:
        InputError: pint does not know the unit.
    """
    try:
        return registry().parse_units(text.strip())
    # pint evaluates the text with Python's tokenizer: an unbalanced bracket (`bn USD(`) is a TokenError.
    except (
        pint.errors.PintError,
        AttributeError,
        TypeError,
        ValueError,
        SyntaxError,
        ArithmeticError,
        TokenError,
    ) as exc:
        raise InputError(f"unit {text!r} is not known; see src/caravan/units.txt") from exc


def scale(value: float, from_unit: str, to_unit: str) -> float:
    """Convert a value between compatible units (`bn USD` to `USD`).

    Raises:
        InputError: The units measure different things (e.g. USD and CNY).
    """
    ureg = registry()
    try:
        return float(ureg.Quantity(value, parse_unit(from_unit)).to(parse_unit(to_unit)).magnitude)
    except pint.errors.DimensionalityError as exc:
        raise InputError(f"unit {from_unit!r} does not convert to {to_unit!r}") from exc


def compatible(from_unit: str, to_unit: str) -> bool:
    """Whether a value in `from_unit` converts to `to_unit` by unit arithmetic."""
    return parse_unit(from_unit).dimensionality == parse_unit(to_unit).dimensionality


def currency_of(unit: str) -> str | None:
    """The currency a money unit is counted in, or None for other units."""
    dims = parse_unit(unit).dimensionality
    for code in CURRENCIES:
        if dims == registry().parse_units(code).dimensionality:
            return code
    return None


def convert_money(value: float, currency: str, target: str, rate_cny_per_usd: float) -> float:
    """Convert between USD and CNY at a given CNY-per-USD rate.

    The rate must come from a cited exchange-rate observation; this function
    only does the arithmetic so that callers can show it.

    Raises:
        InputError: The currencies are not USD and CNY, or the rate is not positive.
    """
    if rate_cny_per_usd <= 0:
        raise InputError(f"exchange rate {rate_cny_per_usd} is not positive")
    if currency == target:
        return value
    if (currency, target) == ("CNY", "USD"):
        return value / rate_cny_per_usd
    if (currency, target) == ("USD", "CNY"):
        return value * rate_cny_per_usd
    raise InputError(f"no conversion from {currency} to {target}; only USD and CNY are supported")


# Display units by canonical unit: (threshold, unit) from the largest; the first
# threshold the typical value reaches wins. Scale words stay in Latin script
# (`bn USD`, `bcm`), never `yi` or `wan` as some sources print them.
_DISPLAY_STEPS: dict[str, tuple[tuple[float, str], ...]] = {
    "USD": ((1e9, "bn USD"), (1e6, "mn USD"), (0.0, "USD")),
    "CNY": ((1e9, "bn CNY"), (1e6, "mn CNY"), (0.0, "CNY")),
    "m**3": ((1e9, "bcm"), (1e6, "mcm"), (0.0, "m**3")),
    "m**3/year": ((1e9, "bcm/year"), (1e6, "mcm/year"), (0.0, "m**3/year")),
    "m**3/day": ((1e6, "mcm/day"), (0.0, "m**3/day")),
    "t": ((1e6, "Mt"), (1e3, "thousand t"), (0.0, "t")),
    "t/year": ((1e6, "Mt/year"), (1e3, "thousand t/year"), (0.0, "t/year")),
    "TEU": ((1e6, "mn TEU"), (0.0, "TEU")),
}


def display_unit(canonical: str, values: list[float]) -> str:
    """The one unit an indicator is shown in, from its canonical unit and typical value.

    The typical value is the median magnitude of the indicator's values in the
    canonical unit; an indicator with no values is shown in its canonical unit.
    """
    steps = _DISPLAY_STEPS.get(canonical)
    if not steps or not values:
        return canonical
    ordered = sorted(abs(v) for v in values)
    typical = ordered[len(ordered) // 2]
    return next(unit for threshold, unit in steps if typical >= threshold)
