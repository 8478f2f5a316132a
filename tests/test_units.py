import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from caravan.errors import InputError
from caravan.units import compatible, convert_money, currency_of, parse_unit, scale

finite = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)
rates = st.floats(min_value=0.01, max_value=1000, allow_nan=False, allow_infinity=False)


@pytest.mark.parametrize(
    ("value", "unit", "target", "expected"),
    [
        (94.8, "bn USD", "USD", 94.8e9),
        (674.15, "bn CNY", "CNY", 674.15e9),
        (1.4, "thousand TEU", "TEU", 1400),
        (43.2, "bcm", "m**3", 43.2e9),
        (20, "Mt/year", "t/year", 20e6),
        (55, "FEU", "TEU", 110),
        (51.8, "percent", "dimensionless", 0.518),
    ],
)
def test_scale(value: float, unit: str, target: str, expected: float) -> None:
    assert math.isclose(scale(value, unit, target), expected, rel_tol=1e-12)


def test_currencies_never_convert_by_units() -> None:
    assert not compatible("bn CNY", "USD")
    with pytest.raises(InputError, match="does not convert"):
        scale(1, "CNY", "USD")


def test_currency_of() -> None:
    assert currency_of("bn USD") == "USD"
    assert currency_of("mn CNY") == "CNY"
    assert currency_of("Mt") is None


def test_unknown_unit() -> None:
    with pytest.raises(InputError, match="not known"):
        parse_unit("furlongs of gold")


@given(finite, st.sampled_from(["thousand", "mn", "bn", "tn"]), st.sampled_from(["USD", "CNY", "TEU", "t"]))
def test_scale_roundtrip(value: float, word: str, unit: str) -> None:
    there = scale(value, f"{word} {unit}", unit)
    back = scale(there, unit, f"{word} {unit}")
    assert math.isclose(back, value, rel_tol=1e-9, abs_tol=1e-9)


@given(finite, rates)
def test_money_roundtrip(value: float, rate: float) -> None:
    usd = convert_money(value, "CNY", "USD", rate)
    assert math.isclose(convert_money(usd, "USD", "CNY", rate), value, rel_tol=1e-9, abs_tol=1e-6)


def test_money_refuses_bad_rates_and_pairs() -> None:
    with pytest.raises(InputError):
        convert_money(1, "CNY", "USD", 0)
    with pytest.raises(InputError):
        convert_money(1, "KZT", "USD", 450)
