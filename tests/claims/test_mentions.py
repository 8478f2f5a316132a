"""Mentions: figures with scale and currency, coordinated numbers, Chinese numerals, dates, ordinals, places."""

from __future__ import annotations

from datetime import date

import pytest

from caravan.claims.mentions import build_places, find_mentions, find_ordinals
from caravan.claims.normalise import find_times
from caravan.claims.numbers import find_figures, parse_zh_numeral

PUB = date(2023, 5, 10)


def _figs(text: str, lang: str) -> list[tuple[float, str | None]]:
    return [(f.value, f.unit) for f in find_figures(text, lang)]


def test_glued_currency_codes() -> None:
    assert _figs("CNY123.4 billion (USD17.2 billion)", "en") == [(123.4e9, "CNY"), (17.2e9, "USD")]


@pytest.mark.parametrize(
    ("text", "lang"),
    [("HK$5.6 billion", "en"), ("5.6 billion Hong Kong dollars", "en"), ("投资56亿港元", "zh")],
)
def test_hong_kong_dollars_are_never_us_dollars(text: str, lang: str) -> None:
    assert _figs(text, lang) == [(5.6e9, "HKD")]


def test_percentage_points_are_their_own_unit() -> None:
    assert _figs("up 3.2 percentage points", "en") == [(3.2, "pp")]
    assert _figs("на 2,1 п.п.", "ru") == [(2.1, "pp")]
    assert _figs("提高2.5个百分点", "zh") == [(2.5, "pp")]


def test_coordinated_numbers_take_the_unit_they_are_joined_to() -> None:
    assert _figs("40 passenger and more than 90 cargo flights", "en") == [(40.0, "flights"), (90.0, "flights")]
    assert _figs("12 и 15 рейсов", "ru") == [(12.0, "flights"), (15.0, "flights")]


def test_word_numbers() -> None:
    assert _figs("twenty-five students", "en") == [(25.0, "persons")]
    assert _figs("три поезда", "ru") == [(3.0, "trains")]


def test_chinese_numerals_in_characters() -> None:
    assert _figs("贸易额达四百三十八亿美元", "zh") == [(43.8e9, "USD")]
    assert _figs("开行两千列", "zh") == [(2000.0, "trains")]
    assert _figs("一带一路", "zh") == []  # not a number
    assert _figs("一列中欧班列驶离", "zh") == []  # "a train"
    assert parse_zh_numeral("一千零五十") == 1050.0
    assert parse_zh_numeral("二十五") == 25.0


def test_ranges_keep_the_upper_end() -> None:
    (fig,) = find_figures("20–22 процента", "ru")
    assert (fig.value, fig.high, fig.unit) == (20.0, 22.0, "percent")


@pytest.mark.parametrize(
    ("text", "lang", "kind", "value"),
    [
        ("In March 2024 the line was launched.", "en", "month", "2024-03"),
        ("The summit is held from 18 to 19 May.", "en", "days", "2023-05-18/2023-05-19"),
        ("Leaders met on May 18 and 19 in Xi'an.", "en", "days", "2023-05-18/2023-05-19"),
        ("Саммит прошёл 18–19 мая в Сиане.", "ru", "days", "2023-05-18/2023-05-19"),
        ("峰会于5月18日至19日在西安举行。", "zh", "days", "2023-05-18/2023-05-19"),
        ("2019年9月12日签署协议。", "zh", "day", "2019-09-12"),
    ],
)
def test_dates(text: str, lang: str, kind: str, value: str) -> None:
    got = [t for t in find_times(text, lang, PUB) if t.kind == kind]
    assert got and got[0].date == value


def test_from_and_russian_s_do_not_start_a_period() -> None:
    (t,) = find_times("imports from China in 2023 rose", "en", PUB)
    assert (t.period, t.role) == ("2023", "period")
    (t,) = find_times("Товарооборот Казахстана с Китаем в 2023 году вырос", "ru", PUB)
    assert (t.period, t.role) == ("2023", "period")
    (t,) = find_times("с 2013 года", "ru", PUB)
    assert t.role == "start"


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("the third China–Central Asia Summit", "en", 3),
        ("the 2nd summit", "en", 2),
        ("第三届中国—中亚峰会", "zh", 3),
        ("на втором саммите «Центральная Азия – Китай»", "ru", 2),
    ],
)
def test_ordinals_of_events(text: str, lang: str, value: int) -> None:
    assert [o[2] for o in find_ordinals(text, lang)] == [value]


def test_places_inside_curly_quotes_and_declined() -> None:
    en = build_places("en")
    assert {e for *_, e in en.find("the “Uzbekistan” pavilion and China")} == {"UZB", "CHN"}
    ru = build_places("ru")
    assert [e for *_, e in ru.find("товарооборот Казахстана с Китаем")] == ["KAZ", "CHN"]


def test_chinese_two_country_compounds_name_both_countries() -> None:
    zh = build_places("zh")
    assert [e for *_, e in zh.find("中哈贸易额")] == ["CHN", "KAZ"]
    assert [e for *_, e in zh.find("中吉乌铁路")] == ["CHN", "KGZ", "UZB"]
    assert [e for *_, e in zh.find("乌对华出口")] == ["UZB", "CHN"]
    assert [e for *_, e in zh.find("哈萨克斯坦")] == ["KAZ"]  # the full name is no compound


def test_russian_celestial_empire_is_china() -> None:
    assert [e for *_, e in build_places("ru").find("торговли Поднебесной с Казахстаном")] == ["CHN", "KAZ"]


def test_mentions_gather_every_kind() -> None:
    m = find_mentions("In 2024 Kazakhstan sent 19,000 trains to China.", "en", PUB, build_places("en"))
    assert [f.value for f in m.figures] == [19000.0]
    assert [t.period for t in m.times] == ["2024"]
    assert [e for *_, e in m.places] == ["KAZ", "CHN"]


def test_traditional_characters_and_digit_by_digit_numerals() -> None:
    from caravan.claims.extract import extract

    text = "二○二五年大陸與中亞國家全年貨物貿易進出口達一○六三億美元，同比增長百分之十二。"
    claims = extract(text, "zh", PUB, build_places("zh"))
    total = next(c for c in claims if c.unit == "USD")
    assert (total.value, total.period, total.indicator) == (106.3e9, "2025", "trade.turnover")
    assert total.sentence == text and total.raw.startswith("一○六三")  # the article's own characters
    assert (total.subject, total.counterpart) == ("CHN", "C5")


def test_chinese_first_summit_is_an_ordinal() -> None:
    assert [o[2] for o in find_ordinals("在西安举行的首届中国—中亚峰会上", "zh")] == [1]


def test_the_english_place_scan_finds_what_each_form_finds() -> None:
    # The scan skips positions no English form starts at; it must find just what the forms find.
    en = build_places("en")
    text = (
        "China's trade with the five countries, the United States and the “Uzbekistan” pavilion; "
        "Kazakhstani firms at Khorgos and Dostyk, Kyrgyz Republic, Central Asian states."
    )
    found = en.find(text)
    each = sorted((m.start(), m.end(), eid) for eid, pat in en.patterns for m in pat.finditer(text))
    assert found and set(found) <= set(each)
    assert {s for s, *_ in found} == {s for s, *_ in each}


@pytest.mark.parametrize(
    ("text", "lang", "want"),
    [
        ("Ridership grew from just 150 in 2018 to 2,400 passengers.", "en", [(150.0, "persons"), (2400.0, "persons")]),
        ("Ridership grew from just 150 in 2018 to 2,400 riders.", "en", None),
        ("Services will go from 3 to 5 flights a week.", "en", [(3.0, "flights_per_week"), (5.0, "flights_per_week")]),
        (
            "Рейсов станет больше: с 4 до 9 рейсов в неделю.",
            "ru",
            [(4.0, "flights_per_week"), (9.0, "flights_per_week")],
        ),
        ("Отправки выросли с 120 в 2019 году до 900 поездов.", "ru", [(120.0, "trains"), (900.0, "trains")]),
        ("班列由300列增加到800列。", "zh", [(300.0, "trains"), (800.0, "trains")]),
        ("货运从2列增至12列。", "zh", [(2.0, "trains"), (12.0, "trains")]),
    ],
)
def test_the_first_number_of_a_from_to_pair_takes_the_second_ones_unit(
    text: str, lang: str, want: list[tuple[float, str]] | None
) -> None:
    skip = [(t.start, t.end) for t in find_times(text, lang, PUB)]
    got = [(f.value, f.unit) for f in find_figures(text, lang, skip)]
    if want is None:  # "riders" is no unit the grammar counts: neither number is a figure
        assert all(u is None or v != 150.0 for v, u in got)
    else:
        assert got == want


def test_up_to_alone_is_no_from_to_pair() -> None:
    assert _figs("Стоимость вырастет до 7 рейсов", "ru") == [(7.0, "flights")]
    assert _figs("It will add 4 and rise to 9 flights", "en") == [(9.0, "flights")]


@pytest.mark.parametrize(
    ("text", "lang", "want"),
    [
        ("The number of Chinese tourists rose from 900 in 2021 to 4,200 last year.", "en", [900.0, 4200.0]),
        ("The number of cargo trains reached 1.6 million.", "en", [1.6e6]),
        ("Число иностранных студентов превысило 2 тыс.", "ru", [2000.0]),
        ("Количество поездов выросло с 40 до 65.", "ru", [40.0, 65.0]),
        ("来华留学生人数达到4500,班列数量超过200。", "zh", [4500.0, 200.0]),
    ],
)
def test_figures_after_the_number_of_count_its_noun(text: str, lang: str, want: list[float]) -> None:
    m = find_mentions(text, lang, PUB, build_places(lang))
    counted = [f for f in m.figures if f.unit not in (None, "percent")]
    assert [f.value for f in counted] == want
    assert len({f.unit for f in counted}) >= 1 and None not in {f.unit for f in counted}


def test_each_chinese_count_cue_counts_the_numbers_after_it() -> None:
    m = find_mentions("班列数量达到1200,留学生人数超过300。", "zh", PUB, build_places("zh"))
    assert [(f.value, f.unit, f.qualifier) for f in m.figures] == [(1200.0, "trains", None), (300.0, "persons", "over")]


def test_the_number_of_leaves_years_dates_and_percentages_alone() -> None:
    m = find_mentions(
        "The number of flights rose 12 percent in 2023, the ministry said on 4 June.", "en", PUB, build_places("en")
    )
    assert [(f.value, f.unit) for f in m.figures] == [(12.0, "percent")]


@pytest.mark.parametrize(
    ("text", "lang", "want"),
    [
        ("More than a thousand students enrolled.", "en", [(1000.0, "persons", "over")]),
        ("a million tourists came", "en", [(1e6, "persons", None)]),
        ("Там учатся более тысячи студентов.", "ru", [(1000.0, "persons", "over")]),
        ("Выделено около миллиона долларов.", "ru", [(1e6, "USD", "about")]),
        ("две тысячи специалистов", "ru", [(2000.0, "persons", None)]),
        ("贸易额首次突破千亿美元。", "zh", [(1e11, "USD", "over")]),
        ("万余名游客入境。", "zh", [(1e4, "persons", "over")]),
        ("千万不要迟到。", "zh", []),
    ],
)
def test_a_scale_word_alone_is_its_own_number(text: str, lang: str, want: list[tuple[float, str, str | None]]) -> None:
    assert [(f.value, f.unit, f.qualifier) for f in find_figures(text, lang)] == want


def test_rail_wagons_are_a_unit_with_their_rate() -> None:
    assert _figs("через переход проходит 650 вагонов в сутки", "ru") == [(650.0, "wagons_per_day")]
    assert _figs("about 300 wagons a day cross", "en") == [(300.0, "wagons_per_day")]
    assert _figs("装车1200节车厢", "zh") == [(1200.0, "wagons")]


@pytest.mark.parametrize(
    ("text", "lang", "role", "value"),
    [
        ("Flights resume from September, the carrier says.", "en", "start", "2023-09"),
        ("The fair opens in June.", "en", "period", "2023-06"),
        ("С сентября перевозчик возобновит рейсы.", "ru", "start", "2023-09"),
        ("Выставка пройдёт в июне.", "ru", "period", "2023-06"),
        ("自9月起,航班恢复。", "zh", "start", "2023-09"),
    ],
)
def test_a_month_without_its_year_takes_the_nearest_year(text: str, lang: str, role: str, value: str) -> None:
    (t,) = find_times(text, lang, PUB)
    assert (t.kind, t.role, t.date) == ("month", role, value)


@pytest.mark.parametrize(
    ("text", "lang"),
    [("from April to June", "en"), ("с марта по май", "ru"), ("in April 2021", "en")],
)
def test_a_month_span_or_a_dated_month_is_no_month_alone(text: str, lang: str) -> None:
    assert all(t.relative is False or t.kind != "month" for t in find_times(text, lang, PUB))


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("на III форуме межрегионального сотрудничества", "ru", 3),
        ("в рамках XI заседания межправкомиссии", "ru", 11),
        ("the IV China–Central Asia Forum", "en", 4),
    ],
)
def test_roman_numerals_number_events(text: str, lang: str, value: int) -> None:
    assert [o[2] for o in find_ordinals(text, lang)] == [value]


@pytest.mark.parametrize(
    ("text", "lang"),
    [("I attended the meeting", "en"), ("в IIII заседании", "ru"), ("the first two countries", "en")],
)
def test_a_pronoun_a_malformed_numeral_or_a_count_is_no_ordinal(text: str, lang: str) -> None:
    assert find_ordinals(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Kyrgyzstan became the first country in the region to join the scheme.", "en"),
        ("Tajikistan was the first of the Central Asian states to sign the deal.", "en"),
        ("Туркменистан стал первым государством в регионе, подписавшим соглашение.", "ru"),
        ("Узбекистан — первая страна, которая отменила визы.", "ru"),
        ("塔什干是该航空公司开通的第一个中亚城市。", "zh"),
    ],
)
def test_the_first_country_to_is_an_ordinal(text: str, lang: str) -> None:
    assert [o[2] for o in find_ordinals(text, lang)] == [1]


def test_a_country_list_verb_is_no_ordinal_noun() -> None:
    assert find_ordinals("В первую пятёрку партнёров республики вошли также Россия и Турция.", "ru") == []


@pytest.mark.parametrize(
    ("text", "lang", "want"),
    [
        ("Chinese banks lend half of the money.", "en", [(50.0, "percent", None)]),
        (
            "nearly a quarter of the cargo and two-thirds of the trains",
            "en",
            [(25.0, "percent", "nearly"), (66.7, "percent", None)],
        ),
        ("На Казахстан приходится почти половина поставок.", "ru", [(50.0, "percent", "nearly")]),
        ("две трети грузов идут через Достык", "ru", [(66.7, "percent", None)]),
        ("来自中国的投资约占四分之一。", "zh", [(25.0, "percent", None)]),
        ("过境货物的一半来自中国。", "zh", [(50.0, "percent", None)]),
    ],
)
def test_fractions_are_shares_in_percent(text: str, lang: str, want: list[tuple[float, str, str | None]]) -> None:
    assert [(f.value, f.unit, f.qualifier) for f in find_figures(text, lang)] == want


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("In the first half of 2023 trade grew.", "en"),
        ("Half of the year has passed.", "en"),
        ("в первой половине года", "ru"),
        ("в третьи страны", "ru"),
    ],
)
def test_halves_of_a_period_and_ordinals_are_no_fractions(text: str, lang: str) -> None:
    assert find_figures(text, lang) == []


def test_decades_are_years_and_russian_institutes_are_counted() -> None:
    assert _figs("over the two decades since the treaty", "en") == [(20.0, "years")]
    assert _figs("за три десятилетия", "ru") == [(30.0, "years")]
    assert _figs("работают четыре института Конфуция", "ru") == [(4.0, "institutes")]


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("on the 25th anniversary of diplomatic ties", "en", 25),
        ("в год 20-летия Договора о добрососедстве", "ru", 20),
        ("庆祝两国建交二十周年", "zh", 20),
        ("纪念建交32周年", "zh", 32),
    ],
)
def test_anniversaries_are_ordinals(text: str, lang: str, value: int) -> None:
    assert [o[2] for o in find_ordinals(text, lang)] == [value]


def test_russian_first_of_all_is_no_ordinal_but_a_first_stage_is() -> None:
    assert find_ordinals("Рост обеспечили в первую очередь поставки газа.", "ru") == []
    assert [o[2] for o in find_ordinals("Запущена первая очередь терминала.", "ru")] == [1]


def test_chinese_a_couple_of_days_ago_counts_nothing() -> None:
    assert _figs("前两天他去了阿拉木图。", "zh") == []
    assert _figs("这两年贸易增长很快。", "zh") == []
    assert _figs("免签停留两天。", "zh") == [(2.0, "days")]


@pytest.mark.parametrize(
    ("text", "lang", "want"),
    [
        (
            "The programme trained 450 Kyrgyz doctors and 120 journalists.",
            "en",
            [(450.0, "persons"), (120.0, "persons")],
        ),
        ("China offers 2,000 training places and 300 quotas a year.", "en", [(2000.0, "grants"), (300.0, "grants")]),
        ("Курсы прошли 80 таджикских преподавателей и 40 журналистов.", "ru", [(80.0, "persons"), (40.0, "persons")]),
        ("Узбекистан получит 500 квот на обучение.", "ru", [(500.0, "grants")]),
    ],
)
def test_people_and_training_quotas_are_counted(text: str, lang: str, want: list[tuple[float, str]]) -> None:
    assert _figs(text, lang) == want


def test_an_adjective_of_a_person_noun_is_no_person() -> None:
    assert _figs("выполняется 27 пассажирских рейсов в неделю", "ru") == [(27.0, "flights_per_week")]
    assert _figs("12 гражданских самолётов и 15 делегаций", "ru") == []
    assert _figs("40 passenger flights", "en") == [(40.0, "flights")]


@pytest.mark.parametrize(
    ("text", "lang", "want"),
    [
        ("Exports rose by a fifth to $2 billion.", "en", [(20.0, "percent", None), (2e9, "USD", None)]),
        ("three quarters of the cargo", "en", [(75.0, "percent", None)]),
        ("对华出口增长近四成。", "zh", [(40.0, "percent", "nearly")]),
        ("中国占该国进口的三成。", "zh", [(30.0, "percent", None)]),
        ("公司成为行业第一,完成三成任务。", "zh", []),
    ],
)
def test_fifths_and_chinese_tenths_are_percent(text: str, lang: str, want: list[tuple[float, str, str | None]]) -> None:
    assert [(f.value, f.unit, f.qualifier) for f in find_figures(text, lang)] == want


@pytest.mark.parametrize(
    ("text", "lang", "value", "qualifier"),
    [
        ("Freight volumes nearly doubled last year.", "en", 2.0, "nearly"),
        ("Rail traffic has quadrupled since 2016.", "en", 4.0, None),
        ("Число рейсов почти утроилось.", "ru", 3.0, "nearly"),
        ("贸易额五年翻了一番。", "zh", 2.0, None),
        ("十年间翻两番。", "zh", 4.0, None),
    ],
)
def test_multiplying_verbs_are_multiples(text: str, lang: str, value: float, qualifier: str | None) -> None:
    got = [(f.value, f.qualifier) for f in find_figures(text, lang) if f.unit == "times"]
    assert got == [(value, qualifier)]


@pytest.mark.parametrize(
    ("text", "lang", "want"),
    [
        (
            "About 900 firms work there now, up from 400 in 2019.",
            "en",
            [(900.0, "enterprises"), (400.0, "enterprises")],
        ),
        (
            "They run 30 flights a week, compared with 18 a year ago.",
            "en",
            [(30.0, "flights_per_week"), (18.0, "flights_per_week")],
        ),
        (
            "Выполняется 30 рейсов в неделю против 18 годом ранее.",
            "ru",
            [(30.0, "flights_per_week"), (18.0, "flights_per_week")],
        ),
        ("Trade reached $5 billion, up from 3.", "en", [(5e9, "USD")]),  # money writes its sign each time
    ],
)
def test_the_base_after_up_from_counts_what_the_figure_before_counts(
    text: str, lang: str, want: list[tuple[float, str]]
) -> None:
    skip = [(t.start, t.end) for t in find_times(text, lang, PUB)]
    assert [(f.value, f.unit) for f in find_figures(text, lang, skip)] == want


def test_a_number_word_is_no_adjective_before_a_counted_noun() -> None:
    assert _figs("1,800 five years ago", "en") == [(5.0, "years")]  # not 1,800 years
    assert _figs("5 лет и 12 годом ранее", "ru") == [(5.0, "years")]


@pytest.mark.parametrize(
    ("text", "lang", "value", "high"),
    [
        ("The corridor will carry between 8 and 10 million tonnes.", "en", 8e6, 10e6),
        ("The bypass is 25-30 km long.", "en", 25.0, 30.0),
        ("Инвестиции составят между 3 и 4 млрд долларов.", "ru", 3e9, 4e9),
        ("投资额为300亿至400亿美元。", "zh", 3e10, 4e10),
    ],
)
def test_ranges_between_and_with_units_or_scales_on_both_ends(text: str, lang: str, value: float, high: float) -> None:
    (fig,) = find_figures(text, lang)
    assert (fig.value, fig.high) == (value, high)


def test_from_to_with_a_unit_is_a_change_not_a_range() -> None:
    figs = find_figures("Weekly services rose from 5 to 8 trains.", "en")
    assert [(f.value, f.high, f.unit) for f in figs] == [(5.0, None, "trains"), (8.0, None, "trains")]


def test_russian_us_dollars_name_no_third_country() -> None:
    m = find_mentions("Товарооборот с Китаем составил 12 млрд долларов США.", "ru", PUB, build_places("ru"))
    assert [e for *_, e in m.places] == ["CHN"]


def test_universities_are_counted() -> None:
    assert _figs("Nine universities opened branches.", "en") == [(9.0, "institutes")]
    assert _figs("открыли филиалы 5 китайских вузов", "ru") == [(5.0, "institutes")]
    assert _figs("九所中国高校开设分校。", "zh") == [(9.0, "institutes")]


def test_a_russian_month_with_last_or_this_year_takes_that_year() -> None:
    published = date(2025, 3, 14)
    (t,) = find_times("С марта прошлого года стороны ведут переговоры.", "ru", published)
    assert (t.date, t.role) == ("2024-03", "start")
    (t,) = find_times("Форум пройдёт в мае этого года.", "ru", published)
    assert (t.date, t.role) == ("2025-05", "period")


def test_n_fold_and_chinese_training_places() -> None:
    assert [(f.value, f.unit, f.qualifier) for f in find_figures("exports jumped nearly fivefold", "en")] == [
        (5.0, "times", "nearly")
    ]
    assert _figs("a ten-fold increase", "en") == [(10.0, "times")]  # read once
    assert _figs("提供3000个培训名额", "zh") == [(3000.0, "grants")]


def test_a_number_of_means_several_and_counts_nothing() -> None:
    text = "A number of agreements were signed, and 15 more are planned for 2026."
    m = find_mentions(text, "en", PUB, build_places("en"))
    assert m.figures == ()


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Половина дела сделана, отметил посол.", "ru"),
        ("Треть пути пройдена.", "ru"),
        ("Китай удвоил усилия по развитию связей.", "ru"),
        ("China doubled down on its commitment.", "en"),
        ("四面八方的客人来了。", "zh"),
    ],
)
def test_idioms_of_fractions_multiples_and_volumes_count_nothing(text: str, lang: str) -> None:
    assert find_figures(text, lang) == []


def test_a_russian_fraction_of_a_measured_total_is_a_share() -> None:
    assert _figs("на Китай приходится треть экспорта", "ru") == [(33.3, "percent")]
    assert _figs("половина всех поставок идёт в Китай", "ru") == [(50.0, "percent")]
    assert _figs("贸易额达500万立方米", "zh") == [(0.005, "bcm")]


# Whose statistics and which cities: the ledger's authorities and entities, in three languages.


@pytest.fixture(scope="module")
def ledger_names(real_settings):  # type: ignore[no-untyped-def]
    from caravan.ledger.store import Ledger

    with Ledger(real_settings.ledger) as led:
        return led.entities(), led.authorities()


@pytest.mark.parametrize(
    ("sentence", "lang", "reporter"),
    [
        ("The Bureau of National Statistics of Kazakhstan put the figure at 4.1 billion dollars.", "en", "KAZ"),
        ("Kazakhstan's Bureau of National Statistics counted 120 trains.", "en", "KAZ"),
        ("Kazakhstan Temir Zholy said 1,200 trains crossed at Dostyk.", "en", "KAZ"),
        (
            "Figures from the Statistics Agency under the President of the Republic of Uzbekistan show growth.",
            "en",
            "UZB",
        ),
        ("China's General Administration of Customs reported 35 billion dollars.", "en", "CHN"),
        ("The National Statistical Committee of the Kyrgyz Republic gave 2.5 billion dollars.", "en", "KGZ"),
        ("По данным Главного таможенного управления КНР, товарооборот вырос на 5%.", "ru", "CHN"),
        ("Агентство статистики при Президенте Республики Узбекистан сообщило о росте на 20%.", "ru", "UZB"),
        (
            "Как сообщает Национальный статистический комитет Кыргызской Республики, импорт составил 3 млрд.",
            "ru",
            "KGZ",
        ),
        ("По данным «Казахстан темир жолы», через Достык прошло 500 поездов.", "ru", "KAZ"),
        ("По данным Бюро национальной статистики Республики Казахстан, экспорт вырос.", "ru", "KAZ"),
        ("据中华人民共和国海关总署统计,双边贸易额增长5%。", "zh", "CHN"),
        ("据海关总署统计,双边贸易额增长5%。", "zh", "CHN"),
        ("哈萨克斯坦国家统计局的数据显示,出口增长10%。", "zh", "KAZ"),
        ("吉尔吉斯共和国国家统计委员会的数据显示,进口增长。", "zh", "KGZ"),
        ("国家统计局数据显示,增长5%。", "zh", "CHN"),
    ],
)
def test_reporters_come_from_the_ledgers_authorities(ledger_names, sentence: str, lang: str, reporter: str) -> None:  # type: ignore[no-untyped-def]
    entities, authorities = ledger_names
    assert build_places(lang, entities, authorities).reporter(sentence) == reporter


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("哈萨克斯坦外交部表示,免签协定生效。", "zh"),  # another state's ministry, though China's is 外交部 too
        ("The Kazakh tourism sector grew 10 percent.", "en"),  # an authority's name is matched as written
        ("Trade grew 10 percent.", "en"),
    ],
)
def test_no_reporter_where_none_is_named(ledger_names, sentence: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    entities, authorities = ledger_names
    assert build_places(lang, entities, authorities).reporter(sentence) is None


@pytest.mark.parametrize(
    ("sentence", "lang", "place"),
    [
        ("从乌鲁木齐开出的班列达到100列。", "zh", "CHN"),
        ("Из Урумчи вышло 100 поездов.", "ru", "CHN"),
        ("100 trains left Urumqi.", "en", "CHN"),
        ("从阿拉木图出发", "zh", "KAZ"),
        ("Рейсы в Худжанд", "ru", "TJK"),
    ],
)
def test_cities_of_the_six_count_as_their_country(ledger_names, sentence: str, lang: str, place: str) -> None:  # type: ignore[no-untyped-def]
    entities, _ = ledger_names
    assert [eid for *_, eid in build_places(lang, entities).find(sentence)] == [place]


def test_a_city_named_with_its_country_is_one_place(ledger_names) -> None:  # type: ignore[no-untyped-def]
    entities, _ = ledger_names
    assert build_places("zh", entities).find("在中国西安签署") == [(1, 5, "CHN")]
    assert build_places("en", entities).find("Urumqi, China") == [(0, 13, "CHN")]


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("上海合作组织成员国", "zh"),
        ("the Shanghai Cooperation Organisation", "en"),
        ("Шанхайской организации сотрудничества", "ru"),
        ("Это ошибка.", "ru"),  # Ош is a whole word only
    ],
)
def test_city_names_inside_other_words_are_no_places(ledger_names, sentence: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    entities, _ = ledger_names
    assert build_places(lang, entities).find(sentence) == []
