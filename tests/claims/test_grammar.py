"""Claim sentences generated from a small grammar come back with their value, unit, period and parties.

The grammar varies word order (period first or last), scale and currency spelling,
the period (a year, the first months of a year), the direction of the flow
(exports of A to China, imports of A from China, China's exports to A, turnover),
in English, Chinese and Russian. A second property feeds random Unicode through
the whole extraction: it may find nothing, but it never raises.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.claims.chinese import written_in_chinese

from caravan.claims import check_text
from caravan.claims.extract import build_places, extract
from caravan.errors import InputError

PUB = date(2025, 6, 30)
C5 = {
    "KAZ": ("Kazakhstan", "哈萨克斯坦", "Казахстана"),
    "KGZ": ("Kyrgyzstan", "吉尔吉斯斯坦", "Кыргызстана"),
    "TJK": ("Tajikistan", "塔吉克斯坦", "Таджикистана"),
    "TKM": ("Turkmenistan", "土库曼斯坦", "Туркменистана"),
    "UZB": ("Uzbekistan", "乌兹别克斯坦", "Узбекистана"),
}
PLACES = {lang: build_places(lang) for lang in ("en", "zh", "ru")}
# direction: (subject, counterpart) given the partner A
FLOWS = {
    "exports": lambda a: (a, "CHN"),
    "imports": lambda a: ("CHN", a),
    "china_exports": lambda a: ("CHN", a),
    "turnover": lambda a: (a, "CHN"),
}


@st.composite
def claims(draw: st.DrawFn) -> tuple[str, str, float, str, str, tuple[str, str]]:
    lang = draw(st.sampled_from(["en", "zh", "ru"]))
    a = draw(st.sampled_from(sorted(C5)))
    flow = draw(st.sampled_from(sorted(FLOWS)))
    year = draw(st.integers(2014, 2024))
    months = draw(st.one_of(st.none(), st.integers(2, 11)))
    whole = draw(st.integers(1, 999))
    tenth = draw(st.integers(0, 9))
    first = draw(st.booleans())
    en, zh, ru = C5[a]
    number = f"{whole}.{tenth}"
    if lang == "en":
        money = draw(
            st.sampled_from(
                [f"${number} billion", f"US${number} bn", f"{number} billion U.S. dollars", f"USD{number} billion"]
            )
        )
        value = (whole + tenth / 10) * 1e9
        period = f"in {year}" if months is None else f"in the first {months} months of {year}"
        head = {
            "exports": f"{en}'s exports to China",
            "imports": f"{en}'s imports from China",
            "china_exports": f"China's exports to {en}",
            "turnover": f"Trade between {en} and China",
        }[flow]
        text = (
            f"{period[0].upper()}{period[1:]}, {head} reached {money}."
            if first
            else f"{head} reached {money} {period}."
        )
    elif lang == "zh":
        value = (whole + tenth / 10) * 1e8
        period = f"{year}年" if months is None else f"{year}年前{months}个月"
        head = {
            "exports": f"{zh}{draw(st.sampled_from(['对中国', '对华']))}出口",
            "imports": f"{zh}自中国进口",
            "china_exports": f"中国对{zh}出口",
            "turnover": f"{zh}与中国贸易额",
        }[flow]
        text = f"{period}，{head}达{number}亿美元。" if first else f"{head}{period}达{number}亿美元。"
    else:
        value = (whole + tenth / 10) * 1e9
        money = draw(st.sampled_from([f"{whole},{tenth} млрд долларов", f"${whole},{tenth} млрд"]))
        period = f"в {year} году" if months is None else f"за {months} месяцев {year} года"
        head = {
            "exports": f"экспорт {ru} в Китай",
            "imports": f"импорт {ru} из Китая",
            "china_exports": f"экспорт Китая в {ru[:-1]}",
            "turnover": f"товарооборот {ru} с Китаем",
        }[flow]
        text = (
            f"{period[0].upper()}{period[1:]} {head} составил {money}."
            if first
            else f"{head[0].upper()}{head[1:]} {period} составил {money}."
        )
    want_period = str(year) if months is None else f"{year}-01/{year}-{months:02d}"
    return text, lang, value, "USD", want_period, FLOWS[flow](a)


@st.composite
def growth_claims(draw: st.DrawFn) -> tuple[str, str, float, str, str]:
    """A level followed by its growth against a named base year: the base never becomes the period."""
    lang = draw(st.sampled_from(["en", "ru"]))
    year = draw(st.integers(2014, 2024))
    g = draw(st.integers(1, 60))
    en, _, ru = C5[draw(st.sampled_from(sorted(C5)))]
    if lang == "en":
        joiner = draw(st.sampled_from(["compared with", "against", "from"]))
        base = f"{year - 1}" if joiner != "from" else f"the {year - 1} level"
        text = f"Trade between {en} and China reached $12.5 billion in {year}, up {g} percent {joiner} {base}."
    else:
        text = (
            f"Товарооборот {ru} с Китаем в {year} году составил $12,5 млрд, что на {g}% больше, чем в {year - 1} году."
        )
    return text, lang, float(g), str(year), str(year - 1)


@settings(max_examples=60, deadline=None)
@given(growth_claims())
def test_generated_growth_keeps_period_and_base_apart(case: tuple[str, str, float, str, str]) -> None:
    text, lang, g, period, base = case
    found = [c for c in extract(text, lang, PUB, PLACES[lang]) if c.value == pytest.approx(g)]
    assert found, text
    assert (found[0].measure, found[0].period, found[0].base) == ("growth", period, base), text


@settings(max_examples=150, deadline=None)
@given(claims())
def test_generated_claims_come_back(case: tuple[str, str, float, str, str, tuple[str, str]]) -> None:
    text, lang, value, unit, period, parties = case
    found = [c for c in extract(text, lang, PUB, PLACES[lang]) if c.value == pytest.approx(value)]
    assert found, text
    c = found[0]
    assert (c.unit, c.period, (c.subject, c.counterpart)) == (unit, period, parties), text


@settings(max_examples=150, deadline=None)
@given(st.text(min_size=0, max_size=400))
def test_random_unicode_never_raises_anything_but_a_clear_input_error(text: str) -> None:
    for lang in (None, "en", "zh", "ru"):
        try:
            result = check_text(text, None, lang=lang)
        except InputError as e:
            assert str(e) and "\n" not in str(e).strip()
            continue
        assert all(c.claim.unit for c in result.claims)


@st.composite
def respective_claims(draw: st.DrawFn) -> tuple[str, str, dict[float, str]]:
    """ "A, B and C … by x, y and z percent respectively": each figure pairs with its place."""
    lang = draw(st.sampled_from(["en", "zh", "ru"]))
    members = draw(st.lists(st.sampled_from(sorted(C5)), min_size=2, max_size=3, unique=True))
    values = draw(st.lists(st.integers(1, 90), min_size=len(members), max_size=len(members), unique=True))
    names = [C5[m][("en", "zh", "ru").index(lang)] for m in members]
    if lang == "en":
        places = ", ".join(names[:-1]) + " and " + names[-1]
        figures = ", ".join(f"{v} percent" for v in values[:-1]) + f" and {values[-1]} percent"
        text = f"China's imports from {places} rose by {figures}, respectively."
    elif lang == "zh":
        places = "、".join(names[:-1]) + "和" + names[-1]
        figures = "、".join(f"{v}%" for v in values[:-1]) + f"和{values[-1]}%"
        text = f"中国自{places}的进口分别增长{figures}。"
    else:
        places = ", ".join(names[:-1]) + " и " + names[-1]
        figures = ", ".join(f"{v}%" for v in values[:-1]) + f" и {values[-1]}%"
        text = f"Экспорт {places} в Китай вырос на {figures} соответственно."
    return lang, text, {float(v): m for v, m in zip(values, members, strict=True)}


@given(respective_claims())
def test_generated_respectively_lists_pair_each_figure_with_its_place(case: tuple[str, str, dict[float, str]]) -> None:
    lang, text, pairs = case
    got = {float(c.value): (c.subject, c.counterpart) for c in extract(text, lang, PUB, PLACES[lang])}
    assert got == {v: (m, "CHN") for v, m in pairs.items()}, text


NOUNS = {  # unit: (en plural, zh classifier + noun, ru genitive plural)
    "trains": ("freight trains", "列", "грузовых поездов"),
    "flights": ("flights", "个航班", "рейсов"),
    "persons": ("students", "名学生", "студентов"),
    "enterprises": ("companies", "家企业", "компаний"),
}


@st.composite
def count_pairs(draw: st.DrawFn) -> tuple[str, str, list[tuple[float, str]]]:
    """A count going from one level to another, in digits, words or Chinese numerals: both levels, one unit."""
    lang = draw(st.sampled_from(["en", "zh", "ru"]))
    unit = draw(st.sampled_from(sorted(NOUNS)))
    # Four digits from 1900 to 2100 read as years (a count of 2015 trains is ambiguous): not generated.
    low = draw(st.integers(2, 1899))
    high = draw(st.integers(low + 1, 9999).filter(lambda n: not 1900 <= n <= 2100))
    form = draw(st.sampled_from(["from_to", "number_of"]))
    year = draw(st.integers(2014, 2023))
    en, zh, ru = NOUNS[unit]
    a = C5[draw(st.sampled_from(sorted(C5)))]
    if lang == "en":
        if form == "from_to":
            text = f"Between {a[0]} and China, {en} rose from {low:,} in {year} to {high:,} {en} in {year + 1}."
        else:
            text = f"The number of {en} between {a[0]} and China rose from {low:,} in {year} to {high:,}."
    elif lang == "zh":
        numeral = draw(st.booleans())
        lo, hi = (written_in_chinese(low), written_in_chinese(high)) if numeral else (str(low), str(high))
        text = f"{a[1]}与中国之间的{zh[-2:] if len(zh) > 1 else '班列'}由{lo}{zh}增加到{hi}{zh}。"
    else:
        if form == "from_to":
            text = f"Между {a[2]} и Китаем число выросло с {low} в {year} году до {high} {ru} в {year + 1} году."
        else:
            text = f"Количество {ru} между {a[2]} и Китаем выросло с {low} до {high}."
    return lang, text, [(float(low), unit), (float(high), unit)]


@settings(max_examples=150, deadline=None)
@given(count_pairs())
def test_generated_count_pairs_bring_both_levels_in_one_unit(case: tuple[str, str, list[tuple[float, str]]]) -> None:
    lang, text, want = case
    got = {(float(c.value), c.unit) for c in extract(text, lang, PUB, PLACES[lang])}
    assert set(want) <= got, text


FRACTIONS = {  # percent: (en, ru, zh)
    50.0: ("half of", "половина", "一半"),
    33.3: ("a third of", "треть", "三分之一"),
    25.0: ("a quarter of", "четверть", "四分之一"),
    66.7: ("two-thirds of", "две трети", "三分之二"),
}
MULTIPLES = {2.0: ("doubled", "удвоился", "翻了一番"), 3.0: ("tripled", "утроился", None)}


@st.composite
def word_shares_and_multiples(draw: st.DrawFn) -> tuple[str, str, float, str, str | None]:
    """A share written as a fraction or a multiple written as a verb, with or without a qualifier."""
    lang = draw(st.sampled_from(["en", "zh", "ru"]))
    a = C5[draw(st.sampled_from(sorted(C5)))]
    year = draw(st.integers(2014, 2024))
    nearly = draw(st.booleans())
    if draw(st.booleans()):
        value = draw(st.sampled_from(sorted(FRACTIONS)))
        en, ru, zh = FRACTIONS[value]
        text = {
            "en": f"In {year}, China took {'nearly ' if nearly else ''}{en} {a[0]}'s exports.",
            "ru": f"В {year} году на Китай пришлась {'почти ' if nearly else ''}{ru} экспорта {a[2]}.",
            "zh": f"{year}年,中国占{a[1]}出口的{'近' if nearly else ''}{zh}。",
        }[lang]
        return lang, text, value, "percent", "nearly" if nearly else None
    value = draw(st.sampled_from([v for v, forms in MULTIPLES.items() if lang != "zh" or forms[2]]))
    en, ru, zh = MULTIPLES[value]
    text = {
        "en": f"Trade between {a[0]} and China {'nearly ' if nearly else ''}{en} in {year}.",
        "ru": f"В {year} году товарооборот {a[2]} с Китаем {'почти ' if nearly else ''}{ru}.",
        "zh": f"{year}年{a[1]}与中国贸易额{'近' if nearly else ''}{zh}。",
    }[lang]
    return lang, text, value, "times", "nearly" if nearly else None


@settings(max_examples=120, deadline=None)
@given(word_shares_and_multiples())
def test_generated_fractions_and_multiples_come_back(case: tuple[str, str, float, str, str | None]) -> None:
    lang, text, value, unit, qualifier = case
    found = [c for c in extract(text, lang, PUB, PLACES[lang]) if c.unit == unit]
    assert [c.value for c in found] == [pytest.approx(value)], text
    assert (qualifier in found[0].qualifiers) if qualifier else not found[0].qualifiers, text
