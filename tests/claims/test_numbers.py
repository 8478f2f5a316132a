"""The number grammar of English, Chinese and Russian."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.claims.chinese import written_in_chinese

from caravan.claims.numbers import find_figures, parse_zh_numeral


@pytest.mark.parametrize(
    ("text", "lang", "value", "unit"),
    [
        ("Trade reached $94.8 billion last year.", "en", 94.8e9, "USD"),
        ("Trade reached $94.8bn last year.", "en", 94.8e9, "USD"),
        ("Trade reached US$94.8 billion last year.", "en", 94.8e9, "USD"),
        ("Trade reached 94.8 billion U.S. dollars.", "en", 94.8e9, "USD"),
        ("Trade reached USD 90 billion.", "en", 90e9, "USD"),
        ("It rose 27.2 percent.", "en", 27.2, "percent"),
        ("It moved 47.9 billion cubic meters of gas.", "en", 47.9, "bcm"),
        ("Capacity is 60 billion cubic meters per year.", "en", 60, "bcm_per_year"),
        ("Freight reached 13.7 million tons.", "en", 13.7e6, "tonnes"),
        ("They ran 65,000 China-Europe freight trains.", "en", 65000, "trains"),
        ("The line is 1,833 km long.", "en", 1833, "km"),
        ("They run 84 flights per week.", "en", 84, "flights_per_week"),
        ("a 30-fold rise", "en", 30, "times"),
        ("贸易额达到948亿美元", "zh", 94.8e9, "USD"),
        ("贸易额达到6741.5亿元", "zh", 674.15e9, "CNY"),
        ("学生达1.4万人", "zh", 14000, "persons"),
        ("增长百分之六", "zh", 6, "percent"),
        ("班列已突破8000列", "zh", 8000, "trains"),
        ("运输货物700万吨", "zh", 7e6, "tonnes"),
        ("товарооборот составил 94,8 млрд долларов", "ru", 94.8e9, "USD"),
        ("перевезено 12 млн тонн грузов", "ru", 12e6, "tonnes"),
        ("перевезено 150 тыс. TEU", "ru", 150000, "TEU"),
        ("вырос в 2,8 раза", "ru", 2.8, "times"),
        ("доставил 43,2 млрд куб. м газа", "ru", 43.2, "bcm"),
        ("учились 1 500 студентов", "ru", 1500, "persons"),
    ],
)
def test_figures(text: str, lang: str, value: float, unit: str) -> None:
    figures = find_figures(text, lang)
    assert len(figures) == 1, figures
    assert figures[0].value == pytest.approx(value)
    assert figures[0].unit == unit


@pytest.mark.parametrize(
    ("text", "lang", "qualifier"),
    [
        ("over 47.9 billion cubic meters", "en", "over"),
        ("almost $3 billion", "en", "nearly"),
        ("about $5 billion", "en", "about"),
        ("已超过150亿美元", "zh", "over"),
        ("平均每天通行27列以上", "zh", "over"),
        ("более 500 млн потребителей", "ru", "over"),
        ("почти 46 процентов", "ru", "nearly"),
        ("около 60 процентов", "ru", "about"),
    ],
)
def test_qualifiers(text: str, lang: str, qualifier: str) -> None:
    (fig,) = find_figures(text, lang)
    assert fig.qualifier == qualifier


def test_range_keeps_both_ends() -> None:
    (fig,) = find_figures("в пределах 20–22 процентов", "ru")
    assert (fig.value, fig.high, fig.unit) == (20, 22, "percent")


@pytest.mark.parametrize(
    "text",
    [
        "in 2024 the COVID-19 wave passed",
        "B2B meetings",
        "the six countries met",
        "Phase 2 of the road",
        "商务部11日召开",
    ],
)
def test_not_figures(text: str) -> None:
    lang = "zh" if any("\u4e00" <= c <= "\u9fff" for c in text) else "en"
    assert find_figures(text, lang) == []


def test_chinese_numerals() -> None:
    assert parse_zh_numeral("六") == 6
    assert parse_zh_numeral("二十五") == 25
    assert parse_zh_numeral("三点五") == 3.5


@given(st.integers(min_value=1, max_value=99_999), st.integers(min_value=0, max_value=9))
def test_written_billions_round_trip(whole: int, tenth: int) -> None:
    value = whole + tenth / 10
    en = f"Trade was ${whole:,}.{tenth} billion."
    ru = f"Оборот составил {whole:,}".replace(",", " ") + f",{tenth} млрд долларов."
    zh = f"贸易额为{whole}.{tenth}亿美元"
    assert find_figures(en, "en")[0].value == pytest.approx(value * 1e9)
    assert find_figures(ru, "ru")[0].value == pytest.approx(value * 1e9)
    assert find_figures(zh, "zh")[0].value == pytest.approx(value * 1e8)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("货物总重2600余吨", 2600.0, "tonnes"),
        ("已有500多名学生", 500.0, "persons"),
        ("游客达120多万人次", 1.2e6, "persons"),
    ],
)
def test_chinese_more_than_between_the_number_and_its_unit(text: str, value: float, unit: str) -> None:
    (fig,) = find_figures(text, "zh")
    assert (fig.value, fig.unit, fig.qualifier) == (pytest.approx(value), unit, "over")


@given(st.integers(min_value=1, max_value=10**12 - 1))
def test_chinese_numerals_read_back_every_integer(n: int) -> None:
    assert parse_zh_numeral(written_in_chinese(n)) == float(n)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("千亿", 1e11),
        ("三千五", 3500.0),
        ("一万五", 15000.0),
        ("一亿五", 1.5e8),
        ("一百零五", 105.0),
        ("两千零五", 2005.0),
        ("兩萬", 2e4),
        ("三万亿", 3e12),
        ("三点五", 3.5),
        ("六七十", 0.0),  # a range of two digits is no single number
    ],
)
def test_chinese_numerals_colloquial_and_traditional(text: str, value: float) -> None:
    assert parse_zh_numeral(text) == value


@pytest.mark.parametrize(
    ("text", "value", "high"),
    [("大约七八十名学生", 70.0, 80.0), ("三四百家企业", 300.0, 400.0), ("两三个项目", 2.0, 3.0)],
)
def test_two_neighbouring_chinese_digits_are_an_approximate_range(text: str, value: float, high: float) -> None:
    (fig,) = find_figures(text, "zh")
    assert (fig.value, fig.high, fig.qualifier) == (value, high, "about")
