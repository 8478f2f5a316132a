"""Period resolution: the period apart from the comparison base, spans, stocks, running totals, relative dates."""

from __future__ import annotations

from datetime import date

import pytest

from caravan.claims.claim import Claim
from caravan.claims.extract import build_places, extract
from caravan.claims.periods import in_year, year_before


def _claims(text: str, lang: str, pub: date = date(2025, 1, 20)) -> list[Claim]:
    return extract(text, lang, pub, build_places(lang))


def _one(text: str, lang: str, value: float, pub: date = date(2025, 1, 20)) -> Claim:
    hits = [c for c in _claims(text, lang, pub) if c.value == pytest.approx(value)]
    assert hits, [(c.raw, c.value) for c in _claims(text, lang, pub)]
    return hits[0]


def test_the_comparison_base_is_never_the_period() -> None:
    text = "Trade reached $94.8 billion in 2024, up 6 percent compared with 2023."
    assert _one(text, "en", 94.8e9).period == "2024"
    growth = _one(text, "en", 6.0)
    assert (growth.period, growth.base) == ("2024", "2023")


def test_a_base_span_is_the_base() -> None:
    text = (
        "За январь–май 2024 года товарооборот составил $726,8 млн, "
        "увеличившись относительно первых пяти месяцев 2023 года на 23,7%."
    )
    growth = _one(text, "ru", 23.7)
    assert (growth.period, growth.base) == ("2024-01/2024-05", "2023-01/2023-05")


def test_year_on_year_base_is_the_same_span_a_year_earlier() -> None:
    g = _one("In the first 11 months of 2024, trade grew 8 percent year on year.", "en", 8.0)
    assert (g.period, g.base) == ("2024-01/2024-11", "2023-01/2023-11")


@pytest.mark.parametrize(
    ("text", "lang", "value", "period"),
    [
        ("Товарооборот Казахстана с Китаем в 2023 году составил $41 млрд.", "ru", 41e9, "2023"),
        ("Kazakhstan's imports from China in 2023 reached $24 billion.", "en", 24e9, "2023"),
        ("за пять месяцев этого года перевезено 12,8 млн тонн", "ru", 12.8e6, "2024-01/2024-05"),
        ("Chinese investment stock in Kyrgyzstan reached $2.1 billion in 2024.", "en", 2.1e9, "as-of 2024-12-31"),
        ("By the end of March 2023, China's investment stock exceeded $15 billion.", "en", 15e9, "as-of 2023-03-31"),
        ("Last year trade reached $90 billion.", "en", 90e9, "2023"),
        ("1,500 students studied in China in the 2023/2024 academic year.", "en", 1500.0, "2023/2024"),
        # A running total since an event: "since" a long way before the date, 以来 after it.
        (
            "Some 2 million tourists have visited since the new border crossing near the lake opened to traffic in "
            "2019.",
            "en",
            2e6,
            "cumulative-to 2024-06",
        ),
        ("2023年9月1日以来,已有8.4万名乌兹别克斯坦公民前往中国。", "zh", 84000.0, "cumulative-to 2024-06"),
    ],
)
def test_periods(text: str, lang: str, value: float, period: str) -> None:
    assert _one(text, lang, value, pub=date(2024, 6, 10)).period == period


def test_a_plan_covers_no_period() -> None:
    assert _one("The line will cost $4.7 billion.", "en", 4.7e9).period is None


def test_a_period_does_not_leak_into_a_later_paragraph() -> None:
    text = (
        "Trade reached $90 billion in 2024.\n\n"
        "Back in 2015 the first trains ran, and 300 of them carried goods in 2015.\n\n"
        "Exports rose 5 percent."
    )
    assert _one(text, "en", 5.0).period == "2024"


def test_the_same_period_of_another_year() -> None:
    text = (
        "From January through November 2025, trade came to $14.6 billion. "
        "It grew from $11.2 billion in the same period of 2024, a rise of 30.4%."
    )
    assert _one(text, "en", 11.2e9, pub=date(2025, 12, 20)).period == "2024-01/2024-11"
    rise = _one(text, "en", 30.4, pub=date(2025, 12, 20))
    assert (rise.period, rise.base) == ("2025-01/2025-11", "2024-01/2024-11")


def test_span_helpers() -> None:
    assert year_before("2024") == "2023"
    assert year_before("2024-01/2024-11") == "2023-01/2023-11"
    assert year_before("as-of 2024-03-31") is None
    assert in_year("2025-01/2025-11", 2024) == "2024-01/2024-11"


def test_a_sentence_without_figures_names_the_period_spoken_of() -> None:
    text = (
        "Агентство по статистике опубликовало данные о внешней торговле за январь–май 2024 года. "
        "Товарооборот Таджикистана с Китаем составил $726,8 млн."
    )
    assert _one(text, "ru", 726.8e6, pub=date(2024, 6, 20)).period == "2024-01/2024-05"


def test_russian_base_after_chem_v() -> None:
    text = "Товарооборот Китая со странами региона составил $94,8 млрд — на $5,4 млрд больше, чем в 2023 году."
    level = _one(text, "ru", 94.8e9, pub=date(2025, 1, 23))
    change = _one(text, "ru", 5.4e9, pub=date(2025, 1, 23))
    assert level.period != "2023"
    assert (change.measure, change.base) == ("change", "2023")


@pytest.mark.parametrize(
    ("text", "lang", "low", "high"),
    [
        ("Trade grew from $6.4 billion in 2020 to $13.1 billion in 2024.", "en", 6.4e9, 13.1e9),
        ("Товарооборот вырос с $6,4 млрд в 2020 году до $13,1 млрд в 2024 году.", "ru", 6.4e9, 13.1e9),
        ("Exports expanded from CNY 31 billion in 2020 to CNY 131 billion in 2024.", "en", 31e9, 131e9),
    ],
)
def test_a_date_right_after_a_figure_is_its_own(text: str, lang: str, low: float, high: float) -> None:
    periods = {c.value: c.period for c in _claims(text, lang)}
    assert (periods[low], periods[high]) == ("2020", "2024")


def test_a_date_after_another_figure_is_not_attached() -> None:
    # The date follows the second figure, not the first: the first keeps its own year.
    c = _one("In 2023 exports were $2.2 billion and imports $10 billion in 2024.", "en", 2.2e9)
    assert c.period == "2023"


def test_the_same_period_is_the_span_spoken_of() -> None:
    text = (
        "In the first five months of 2025, China's exports to Kazakhstan reached $10 billion. "
        "Over the same period, China imported $5 billion of goods from Kazakhstan."
    )
    assert _one(text, "en", 5e9).period == "2025-01/2025-05"


@pytest.mark.parametrize(
    ("text", "period"),
    [
        # A partner's rank is of the figures spoken of, else of the last full year.
        ("China remains Tajikistan's largest trading partner.", "2023"),
        (
            "In January–April 2024 trade between China and Tajikistan reached $1.1 billion. "
            "China remains Tajikistan's largest trading partner.",
            "2024-01/2024-04",
        ),
    ],
)
def test_a_rank_is_of_the_figures_spoken_of(text: str, period: str) -> None:
    (rank,) = [c for c in _claims(text, "en", date(2024, 6, 10)) if c.unit == "rank"]
    assert rank.period == period


def test_a_plan_covers_the_figures_after_it() -> None:
    text = "The new road is to be 260 kilometres long, with 12 bridges and 4 tunnels."
    assert {c.period for c in _claims(text, "en", date(2024, 6, 10))} == {None}
    joint = _claims("A joint company will run the mine, with China holding a 60% stake.", "en", date(2024, 6, 10))
    assert [c.period for c in joint] == [None]
    # A plan in an opening subordinate clause is not the figure's.
    permitted = _one(
        "To meet the demand this is expected to bring, the deal allows 70 flights per week.",
        "en",
        70.0,
        date(2024, 6, 10),
    )
    assert permitted.period == "as-of 2024-06"
    # A figure with its own time stays a fact.
    fact = _one("The road will double transit, which reached 2 million tonnes in 2023.", "en", 2e6, date(2024, 6, 10))
    assert fact.period == "2023"


@pytest.mark.parametrize(
    ("text", "lang", "value", "period"),
    [
        # Academic years in three languages (the guideline's `2026/2027-academic` is scored as `2026/2027`).
        ("China will grant 73 scholarships for the 2026-2027 academic year.", "en", 73.0, "2026/2027"),
        ("Китай выделил 73 гранта на 2026–2027 учебный год.", "ru", 73.0, "2026/2027"),
        ("中方为2026/2027学年提供73个奖学金名额。", "zh", 73.0, "2026/2027"),
        # A span of whole years is the span, not its last year.
        ("Between 2005 and 2020 Chinese investment in Kazakhstan totalled $19.2 billion.", "en", 19.2e9, "2005/2020"),
        ("С 2005 по 2020 год китайские инвестиции в Казахстан составили $19,2 млрд.", "ru", 19.2e9, "2005/2020"),
        ("2005至2020年间,中国在哈萨克斯坦的投资金额达192亿美元。", "zh", 19.2e9, "2005/2020"),
        # "N years ago" from the publication date.
        ("Two years ago trade between China and Kazakhstan reached $31 billion.", "en", 31e9, "2023"),
        ("Два года назад товарооборот Казахстана и Китая составил $31 млрд.", "ru", 31e9, "2023"),
        ("两年前,中国与哈萨克斯坦的贸易额达到310亿美元。", "zh", 31e9, "2023"),
        # A flow "over N years" up to now is a running total to the publication date.
        ("За 35 лет по ветке в Китай перевезли более 400 млн тонн грузов.", "ru", 400e6, "cumulative-to 2025-01"),
        ("十年来,中欧班列累计开行超过1万列。", "zh", 1e4, "cumulative-to 2025-01"),
        # A figure in brackets after the base year is that year's, not the period's.
        (
            "Товарооборот Китая с Казахстаном в 2024 году составил $44 млрд — на $3 млрд больше, чем в 2023 году "
            "($41 млрд).",
            "ru",
            41e9,
            "2023",
        ),
        ("Trade rose to $44 billion in 2024 from $41 billion in 2023 (up 7%).", "en", 41e9, "2023"),
    ],
)
def test_spans_relative_years_and_bases(text: str, lang: str, value: float, period: str) -> None:
    assert _one(text, lang, value, date(2025, 1, 20)).period == period


def test_a_duration_is_its_own_span() -> None:
    assert _one("За 35 лет по ветке перевезли 400 млн тонн.", "ru", 35.0, date(2025, 9, 30)).period == "1990/2025"
    # "more than 30 years": the span's first year is unknown, so the duration holds as of publication.
    assert _one("中国与中亚五国建交30多年来,合作不断深化。", "zh", 30.0, date(2023, 5, 18)).period == "as-of 2023-05"


def test_a_multiple_against_years_ago_keeps_the_figures_year() -> None:
    text = "China's trade with Central Asia reached $70.2 billion in 2022, some 100 times the volume 30 years ago."
    multiple = _one(text, "en", 100.0, date(2023, 5, 8))
    assert multiple.period == "2022" and multiple.base != "2022"


def test_the_year_to_date_ends_on_the_day_the_sentence_states() -> None:
    text = "截至7月11日,今年进出霍尔果斯合作中心的人员已突破500万人次,同比增长73%。"
    pub = date(2025, 7, 12)
    assert _one(text, "zh", 5e6, pub).period == "2025-01-01/2025-07-11"
    growth = _one(text, "zh", 73.0, pub)
    assert (growth.period, growth.base) == ("2025-01-01/2025-07-11", "2024-01-01/2024-07-11")


def test_a_year_before_months_is_no_years_ago() -> None:
    # 2014年前2个月 is "the first two months of 2014", never "14 years ago".
    assert _one("中国对哈萨克斯坦出口2014年前2个月达1.0亿美元。", "zh", 1e8).period == "2014-01/2014-02"


def test_a_part_of_the_year_without_a_year_is_of_publication() -> None:
    text = "Visitors kept coming this year, with 1 million visitors already in the first quarter."
    assert _one(text, "en", 1e6, date(2017, 5, 3)).period == "2017-01/2017-03"
    ru = "В первом квартале товарооборот Казахстана и Китая составил $10 млрд."
    assert _one(ru, "ru", 10e9, date(2017, 5, 3)).period == "2017-01/2017-03"
    # Published inside the part, the part is not over: it is last year's.
    assert _one(ru, "ru", 10e9, date(2017, 2, 3)).period == "2016-01/2016-03"


def test_since_a_long_named_event_starts_a_running_total() -> None:
    text = (
        "More than 10 million visitors have come since the China-Kazakhstan Horgos Frontier International "
        "Cooperation Center went into operation in 2013, Guo said."
    )
    assert _one(text, "en", 10e6, date(2017, 4, 24)).period == "cumulative-to 2017-04"


def test_an_average_annual_growth_covers_the_span_the_sentence_names() -> None:
    text = (
        "Trade with China expanded from 312.04 billion yuan in 2013 to 674.15 billion yuan in 2024, "
        "with an average annual growth of 7.3 percent."
    )
    avg = _one(text, "en", 7.3, date(2025, 6, 10))
    assert (avg.measure, avg.period) == ("avg_growth", "2013/2024")


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("We set the goal of bringing trade turnover with China to $100 billion.", "en", 100e9),
        ("Стороны поставили цель довести товарооборот Казахстана и Китая до $50 млрд.", "ru", 50e9),
    ],
)
def test_a_goal_covers_no_period(text: str, lang: str, value: float) -> None:
    assert _one(text, lang, value).period is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Since the visa-free agreement took effect, more than 2 million visitors have come to China.", "en"),
        ("С момента открытия пункта пропуска через него прошли 2 млн туристов из Казахстана в Китай.", "ru"),
        ("中哈互免签证协定正式生效以来,已有200万名哈萨克斯坦公民前往中国。", "zh"),
    ],
)
def test_since_an_undated_event_is_a_running_total(text: str, lang: str) -> None:
    assert _one(text, lang, 2e6, date(2024, 4, 3)).period == "cumulative-to 2024-04"


def test_since_an_event_up_to_a_dated_day_is_a_running_total_to_that_day() -> None:
    text = "阿斯塔纳4月3日电 中哈互免签证协定正式生效以来,已有17.3万名哈萨克斯坦公民前往中国。"
    assert _one(text, "zh", 1.73e5, date(2024, 4, 4)).period == "cumulative-to 2024-04-03"


def test_since_a_dated_event_starts_at_its_date() -> None:
    text = "2023年11月10日协定生效以来,已有200万名哈萨克斯坦公民前往中国。"
    assert _one(text, "zh", 2e6, date(2024, 4, 3)).period == "cumulative-to 2024-04"


@pytest.mark.parametrize(
    ("text", "lang", "value", "pub", "period"),
    [
        # A plan that states its span covers it: from the publication year (the next one late in the
        # year) to N years after publication.
        (
            "Over the next two years, China will fund 400 scholarships for Kyrgyz engineers.",
            "en",
            400.0,
            date(2025, 3, 4),
            "2025/2027",
        ),
        (
            "In the coming four years China plans to open 12 new routes to Tashkent.",
            "en",
            12.0,
            date(2023, 11, 2),
            "2024/2027",
        ),
        ("В ближайшие три года Китай выделит Таджикистану 800 стипендий.", "ru", 800.0, date(2024, 5, 6), "2024/2027"),
        ("未来两年，中方将为土库曼斯坦培训500名技术人员。", "zh", 500.0, date(2022, 6, 1), "2022/2024"),
    ],
)
def test_a_plan_with_its_span_covers_it(text: str, lang: str, value: float, pub: date, period: str) -> None:
    assert _one(text, lang, value, pub).period == period


@pytest.mark.parametrize(
    ("text", "lang", "value", "pub", "period"),
    [
        # Institutes opened, a portfolio, a share held in a project, a share of all investment: stocks,
        # as of publication where the sentence names no time.
        ("Китай открыл в Таджикистане два Института Конфуция.", "ru", 2.0, date(2019, 4, 9), "as-of 2019-04"),
        ("中国已在哈萨克斯坦开设5所孔子学院。", "zh", 5.0, date(2021, 3, 2), "as-of 2021-03"),
        ("Портфель китайских проектов в Таджикистане превышает $8 млрд.", "ru", 8e9, date(2024, 7, 1), "as-of 2024-07"),
        ("Доля Китая в новом проекте составляет 49 процентов.", "ru", 49.0, date(2024, 7, 1), "as-of 2024-07"),
        (
            "China accounts for a quarter of all foreign investment in Kyrgyzstan, 25%.",
            "en",
            25.0,
            date(2022, 9, 5),
            "as-of 2022-09",
        ),
    ],
)
def test_a_stock_without_a_time_is_as_of_publication(
    text: str, lang: str, value: float, pub: date, period: str
) -> None:
    assert _one(text, lang, value, pub).period == period


def test_a_stake_sold_in_a_year_is_of_that_year() -> None:
    text = "In 2019 Kazakhstan sold an 8 percent stake in the Kashagan oil field to CNPC for $3 billion."
    assert _one(text, "en", 8.0, date(2020, 1, 5)).period == "2019"


@pytest.mark.parametrize(
    ("text", "lang", "value", "pub", "period"),
    [
        # A signing the report is news of, with no time of its own: the month of publication.
        ("The two governments signed 12 agreements on energy and transport.", "en", 12.0, date(2022, 6, 9), "2022-06"),
        ("Стороны подписали девять соглашений о сотрудничестве.", "ru", 9.0, date(2024, 3, 15), "2024-03"),
        ("双方签署了15项合作文件。", "zh", 15.0, date(2023, 10, 20), "2023-10"),
        # ... or the month of the day the report last named, when that is recent.
        (
            "On 28 February the leaders met in Astana. They signed deals worth $6 billion.",
            "en",
            6e9,
            date(2024, 3, 4),
            "2024-02",
        ),
    ],
)
def test_a_signing_is_of_its_month(text: str, lang: str, value: float, pub: date, period: str) -> None:
    assert _one(text, lang, value, pub).period == period


def test_a_signing_in_a_past_year_keeps_that_year() -> None:
    text = "In 2019 trade reached $10 billion. The sides also signed 5 agreements."
    assert _one(text, "en", 5.0, date(2024, 3, 4)).period == "2019"


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("Сегодня через переход проходит до 600 вагонов в сутки.", "ru", 600.0),
        ("The crossing now handles 14 trains a day.", "en", 14.0),
    ],
)
def test_a_rate_of_service_is_as_of_a_time(text: str, lang: str, value: float) -> None:
    assert _one(text, lang, value, date(2024, 8, 1)).period == "as-of 2024-08"


@pytest.mark.parametrize(
    ("text", "lang", "pub", "period"),
    [
        # An event's ordinal: a range of days in one month is that month's; with no time named, the event the
        # report is news of is of its month.
        ("习近平于9月3日至5日出席第三届中国—中亚峰会。", "zh", date(2027, 9, 6), "2027-09"),
        ("It was the president's second state visit to Tajikistan.", "en", date(2019, 6, 16), "2019-06"),
        ("Министры провели седьмую встречу в формате «Центральная Азия – Китай».", "ru", date(2026, 4, 2), "2026-04"),
    ],
)
def test_an_events_ordinal_is_of_its_month(text: str, lang: str, pub: date, period: str) -> None:
    ordinals = [c for c in _claims(text, lang, pub) if c.unit == "ordinal"]
    assert ordinals, [(c.raw, c.unit) for c in _claims(text, lang, pub)]
    assert ordinals[0].period == period


def test_a_lines_ordinal_has_no_month() -> None:
    text = "Construction of the fourth line of the pipeline is to begin."
    ordinals = [c for c in _claims(text, "en", date(2024, 5, 1)) if c.unit == "ordinal"]
    assert ordinals and ordinals[0].period is None


@pytest.mark.parametrize(
    ("text", "lang", "value", "period"),
    [
        # A glance back at an earlier year after the sentence's own figure does not become the period spoken of.
        (
            "In 2023 trade between Kyrgyzstan and China reached $19.8 billion, while in 2016 it was only $5.7 "
            "billion. China accounted for 35% of Kyrgyzstan's foreign trade.",
            "en",
            35.0,
            "2023",
        ),
        ("2024年,中塔贸易额达到39亿美元,而在2014年仅为25亿美元。中国占塔对外贸易的比重为30%。", "zh", 30.0, "2024"),
    ],
)
def test_a_glance_back_keeps_the_period_spoken_of(text: str, lang: str, value: float, period: str) -> None:
    assert _one(text, lang, value).period == period


@pytest.mark.parametrize(
    ("text", "lang", "value", "pub", "period"),
    [
        # An airlines' season is its span: winter from October to March, summer from March to October; the
        # level a plan starts from ("from N to M") is today's.
        (
            "In the winter season 2025/2026 the airline plans to raise Tashkent–Urumqi from 3 to 5 flights a week.",
            "en",
            5.0,
            date(2025, 9, 10),
            "2025-10/2026-03",
        ),
        (
            "In the winter season 2025/2026 the airline plans to raise Tashkent–Urumqi from 3 to 5 flights a week.",
            "en",
            3.0,
            date(2025, 9, 10),
            "as-of 2025-09",
        ),
        (
            "В весенне-летнем сезоне 2026 года авиакомпания планирует выполнять 4 рейса в неделю Бишкек – Пекин.",
            "ru",
            4.0,
            date(2026, 1, 12),
            "2026-03/2026-10",
        ),
        ("2024/2025年冬春航季,乌鲁木齐至阿拉木图航线每周12班。", "zh", 12.0, date(2024, 10, 1), "2024-10/2025-03"),
    ],
)
def test_an_airline_season_and_a_plans_starting_level(
    text: str, lang: str, value: float, pub: date, period: str
) -> None:
    assert _one(text, lang, value, pub).period == period


def test_a_rise_that_happened_keeps_its_period() -> None:
    text = "In 2024 the number of routes rose from 40 to 68 routes."
    assert _one(text, "en", 40.0, date(2025, 2, 1)).period != "as-of 2025-02"


@pytest.mark.parametrize(
    ("text", "lang", "value", "pub", "period"),
    [
        # "By then" (届时, «к тому времени») is the day the report named last, even one to come.
        (
            "据介绍,自11月3日起,航空公司将新增一班航班。届时,该航线的航班密度将达到每周9班。",
            "zh",
            9.0,
            date(2022, 10, 20),
            "as-of 2022-11-03",
        ),
        # One train's trip is of the day the report named for it.
        (
            "В 12 марта из Сианя отправился первый контейнерный поезд в Ташкент. Поезд доставит 1200 тонн грузов.",
            "ru",
            1200.0,
            date(2025, 3, 14),
            "2025-03-12",
        ),
        ("3月12日,首趟中欧班列从西安开出。这趟班列装载货物总重980吨。", "zh", 980.0, date(2025, 3, 14), "2025-03-12"),
        # The scale investment has reached is a stock.
        ("中国对塔投资规模已达到30亿美元。", "zh", 3e9, date(2024, 5, 2), "as-of 2024-05"),
    ],
)
def test_then_one_trip_and_an_investments_scale(text: str, lang: str, value: float, pub: date, period: str) -> None:
    assert _one(text, lang, value, pub).period == period
