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
        (7.083208291373921, "reported", "percent", 7.083),  # a dataset's full precision: four digits
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


@pytest.mark.parametrize(
    ("row", "want"),
    [
        # a dataset's full precision in the display unit: four significant digits
        (
            {"value": 4.639262641019178, "unit": "bcm", "value_display": 4.639262641019178, "display_unit": "bcm"},
            "4.639 bcm",
        ),
        (
            {"value": 30.505834245161832, "unit": "bcm", "value_display": 30.505834245161832, "display_unit": "bcm"},
            "30.51 bcm",
        ),
        # a unit conversion: four significant digits, never more than printed
        (
            {"value": 1617933.04165748, "unit": "USD", "value_display": 1.61793304165748, "display_unit": "mn USD"},
            "1.618 mn USD",
        ),
        (
            {"value": 11691670.0, "unit": "thousand USD", "value_display": 11.69167, "display_unit": "bn USD"},
            "11.69 bn USD",
        ),
        (
            {"value": 10648.5, "unit": "thousand USD", "value_display": 0.0106485, "display_unit": "bn USD"},
            "0.01065 bn USD",
        ),
        (
            {"value": 1063.0, "unit": "yi USD", "value_display": 106.30000000000001, "display_unit": "bn USD"},
            "106.3 bn USD",
        ),
        ({"value": 7.5, "unit": "wan person", "value_display": 75000.0, "display_unit": "person"}, "75,000 people"),
        # a bulk import, shown in its canonical unit
        (
            {"value": 5353257.336, "unit": "thousand USD", "value_std": 5353257336.0, "unit_std": "USD"},
            "5,353,000,000 USD",
        ),
        # a figure as a page printed it keeps its printed digits
        ({"value": 106.3, "unit": "bn USD", "value_display": 106.3, "display_unit": "bn USD"}, "106.3 bn USD"),
        (
            {"value": 2077216.0, "unit": "person", "value_display": 2077216.0, "display_unit": "person"},
            "2,077,216 people",
        ),
        ({"value": 12.33, "unit": "percent", "value_display": 12.33, "display_unit": "percent"}, "12.33%"),
        ({"value": 174.259, "unit": "Mt", "value_display": 174.259, "display_unit": "Mt"}, "174.259 Mt"),
    ],
)
def test_a_figure_is_shown_to_the_digits_it_means(row: dict[str, object], want: str) -> None:
    from caravan.figures import display_fields, shown

    assert shown(row) == want
    fields = display_fields(row)
    assert format_number(fields["value_shown"]) in want


@pytest.mark.parametrize(
    ("value", "unit", "want"),
    [
        (14254.0, "train", "14,254 trains"),
        (1.0, "train", "1 train"),
        (10000.0, "person", "10,000 people"),
        (1.0, "person", "1 person"),
        (13.0, "flight/week", "13 flights/week"),
        (13.0, "institution", "13 institutions"),
        (100.0, "pair", "100 pairs"),
        (7.5, "thousand person", "7.5 thousand people"),
        (2.5, "mn TEU", "2.5 mn TEU"),
        (3.0, "container/day", "3 containers/day"),
        (2.0, "bn USD", "2 bn USD"),
    ],
)
def test_english_counts_are_plural_but_one(value: float, unit: str, want: str) -> None:
    from caravan.figures import shown, unit_label

    row = {"value": value, "unit": unit, "value_display": value, "display_unit": unit}
    assert shown(row) == want
    assert shown(row | {"bound": "lower"}) == f"over {want}"
    assert unit_label(unit) == unit  # the unit alone, as a heading reads it, stays singular
    assert shown(row, "zh").endswith(unit_label(unit, "zh"))  # unaffected
    assert "people" not in shown(row, "ru")


def test_the_api_unit_label_agrees_with_the_number() -> None:
    from caravan.figures import display_fields

    row = {"value": 14254.0, "unit": "train", "value_display": 14254.0, "display_unit": "train"}
    assert display_fields(row)["unit_label"] == "trains"
    assert display_fields(row | {"value": 1.0, "value_display": 1.0})["unit_label"] == "train"
    assert display_fields(row, "ru")["unit_label"] == "поездов"


def test_the_build_leaves_no_float_artefacts() -> None:
    from caravan.figures import clean

    assert clean(106.30000000000001) == 106.3
    assert clean(0.1 + 0.2) == 0.3
    assert clean(30.505834245161832) == 30.5058342452
    assert clean(0.0) == 0.0
    assert math.isnan(clean(math.nan))
