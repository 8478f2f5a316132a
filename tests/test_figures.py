import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from caravan.figures import format_number


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (2077216.0, "2,077,216"),
        (1135000.0, "1,135,000"),
        (43.82, "43.82"),
        (0.1 + 0.2, "0.3"),
        (2.507, "2.507"),
        (174.259, "174.259"),
        (7.1217, "7.1217"),
        (-260000000.0, "-260,000,000"),
        (0.000123, "0.000123"),
        (12, "12"),
    ],
)
def test_format_number_keeps_printed_digits(value: float, text: str) -> None:
    assert format_number(value) == text


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=4, allow_nan=False, allow_infinity=False))
def test_printed_figures_round_trip(value) -> None:  # type: ignore[no-untyped-def]
    as_float = float(value)
    text = format_number(as_float)
    assert "e" not in text
    assert math.isclose(float(text.replace(",", "")), as_float, rel_tol=1e-9, abs_tol=1e-9)


@pytest.mark.parametrize(
    ("value", "method", "unit", "want"),
    [
        (7.083208291373921, "derived", "percent", 7.1),
        (-48.61259033636205, "derived", "percent", -48.6),
        (0.2951165299509812, "derived", "%", 0.3),
        (0.02951165299509812, "derived", "percent", 0.03),
        (0.0, "derived", "percent", 0.0),
        (7.083208291373921, "reported", "percent", 7.083208291373921),  # a cited figure keeps its digits
        (19.863, "derived", "bn USD", 19.863),  # a sum of cited figures keeps theirs
    ],
)
def test_a_derived_percentage_is_shown_as_far_as_it_means_something(
    value: float, method: str, unit: str, want: float
) -> None:
    from caravan.figures import display_fields, meant

    assert meant(value, {"method": method}, unit) == want
    row = {"value_display": value, "display_unit": unit, "method": method, "value": value, "unit": unit}
    assert display_fields(row)["value_shown"] == want


def test_a_computed_percentage_is_kept_as_far_as_it_means_something() -> None:
    from caravan.figures import percent_meant

    assert percent_meant(78.77622378) == 78.8
    assert percent_meant(0.6412) == 0.64
    assert percent_meant(-3.46) == -3.5
    assert percent_meant(None) is None


def test_a_trade_result_shows_its_ratio_and_shares_as_meant_percentages() -> None:
    from caravan.trade.result import TradeResult

    result = TradeResult(
        title="t",
        columns=["year", "ratio", "share_pct", "gap"],
        rows=[{"year": 2023, "ratio": 0.7877622378, "share_pct": 12.3456, "gap": 5.0}, {"year": 2024, "ratio": None}],
    )
    assert result.to_dict()["shown"] == [
        {"share_pct": 12.3, "ratio_pct": 78.8},
        {"share_pct": None, "ratio_pct": None},
    ]
