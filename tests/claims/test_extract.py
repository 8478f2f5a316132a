"""Claims from small articles in English, Chinese and Russian written here."""

from __future__ import annotations

from datetime import date

import pytest

from caravan.claims.extract import Claim, build_places, extract

EN = """\
Trade between China and the Central Asian states reached $94.8 billion in 2024, customs data show. \
That was up $5.4 billion on 2023, when the total stood at $89.4 billion.

Kazakhstan was the largest partner with $43.8 billion, or 46 percent of the total.

— 62 pairs

The pipeline moved over 47.9 billion cubic meters of gas into China in 2019. By Dec 31, 2019, it had brought a \
cumulative 294.6 billion cubic meters of gas into China.

From January through November 2024, Uzbekistan's trade with China came to $11.2 billion. That is 8.9 percent \
less than in the same period last year.

The agreement took effect on Friday. China has the largest population, with over 1.4 billion people.
"""

ZH = """\
2022年中国与中亚五国贸易额达到702亿美元。今年1—3月,双方贸易额同比增长22%。
截至今年3月底,中国在中亚五国的直接投资存量已超过150亿美元;工程承包方面,累计完成营业额639亿美元。
"""

RU = """\
За четыре последних года товарооборот Китая со странами Центральной Азии вырос в 2,8 раза, до 66,2 миллиарда \
долларов. Вторую позицию занимает Узбекистан - 18 миллиардов (27 процентов).
Для Казахстана и Узбекистана доля Китая остаётся в пределах 20–22 процентов.
Сейчас по трубопроводу ежедневно прокачивается около 100 млн куб. м газа.
"""


def _claims(text: str, lang: str, published: date) -> list[Claim]:
    return extract(text, lang, published, build_places(lang))


def _find(claims: list[Claim], value: float | str) -> Claim:
    hits = [c for c in claims if c.value == value or (isinstance(value, float) and c.value == pytest.approx(value))]
    assert hits, f"no claim with value {value}: {[(c.raw, c.value) for c in claims]}"
    return hits[0]


def test_english_article() -> None:
    claims = _claims(EN, "en", date(2025, 1, 24))
    total = _find(claims, 94.8e9)
    assert (total.indicator, total.subject, total.counterpart, total.period) == ("trade.turnover", "CHN", "C5", "2024")
    change = _find(claims, 5.4e9)
    assert (change.measure, change.period) == ("change", "2024")
    assert _find(claims, 89.4e9).period == "2023"
    share = _find(claims, 46.0)
    # A share's subject is whose share it is: Kazakhstan's share of the total.
    assert (share.measure, share.subject, share.counterpart, share.period) == ("share", "KAZ", "CHN", "2024")
    gas = _find(claims, 47.9)
    assert (gas.unit, gas.family, gas.qualifiers, gas.period) == ("bcm", "gas", ["over"], "2019")
    cum = _find(claims, 294.6)
    assert (cum.measure, cum.period, cum.running_total) == ("level", "cumulative-to 2019-12-31", True)
    ytd = _find(claims, 11.2e9)
    assert ytd.period == "2024-01/2024-11"
    fall = _find(claims, -8.9)
    assert (fall.measure, fall.period) == ("growth", "2024-01/2024-11")
    friday = _find(claims, "2025-01-24")
    assert friday.unit == "date"
    assert not [c for c in claims if c.value == 62.0], "a section label is not a claim"


def test_chinese_article() -> None:
    claims = _claims(ZH, "zh", date(2023, 5, 11))
    assert _find(claims, 70.2e9).period == "2022"
    growth = _find(claims, 22.0)
    assert (growth.measure, growth.period) == ("growth", "2023-01/2023-03")
    stock = _find(claims, 15e9)
    assert (stock.family, stock.period, stock.qualifiers) == ("invest", "as-of 2023-03-31", ["over"])
    contracting = _find(claims, 63.9e9)
    assert (contracting.family, contracting.period) == ("contracting", "cumulative-to 2023-03-31")


def test_russian_article() -> None:
    claims = _claims(RU, "ru", date(2025, 8, 13))
    multiple = _find(claims, 2.8)
    assert (multiple.unit, multiple.period, multiple.comparison) == ("times", "2020->2024", "since-year")
    assert _find(claims, 66.2e9).period == "2024"
    carried = _find(claims, 18e9)
    assert carried.unit == "USD" and carried.subject == "UZB"
    ranges = [c for c in claims if c.value == 20.0]
    assert sorted(c.subject or "" for c in ranges) == ["KAZ", "UZB"]
    assert ranges[0].high == 22.0
    daily = _find(claims, 1e8)
    assert (daily.unit, daily.qualifiers) == ("m3_per_day", ["about"])


def test_headline_claim_kept_only_when_the_body_does_not_repeat_it() -> None:
    body = "Trade reached $94.8 billion in 2024."
    places = build_places("en")
    repeated = extract(body, "en", date(2025, 1, 24), places, title="Trade hits $94.8 billion in 2024")
    assert [c.headline for c in repeated] == [False]
    new = extract(body, "en", date(2025, 1, 24), places, title="Trade nearly hits $95 billion in 2024")
    assert [c.headline for c in new] == [True, False]


def test_ranks_and_foreign_units_do_not_inherit_a_narrow_family() -> None:
    text = (
        "China remained Tajikistan's second largest trading partner. Some 2,300 Kyrgyz students study in China. "
        "In 2023, 1.2 million tonnes of grain were shipped from Kazakhstan to China."
    )
    claims = _claims(text, "en", date(2025, 8, 20))
    rank = _find(claims, 2.0)
    assert (rank.unit, rank.subject, rank.counterpart) == ("rank", "CHN", "TJK")  # China's rank among its partners
    students = _find(claims, 2300.0)
    assert (students.family, students.qualifiers) == ("students", ["about"])
    assert _find(claims, 1.2e6).family == "rail"


def test_an_event_date_is_no_period_spoken_of() -> None:
    # "first proposed in 1996" dates an event; the trade figure after it is not for 1996.
    text = (
        "The railway between China and Kyrgyzstan was first proposed in 1996. "
        "Trade between China and Kyrgyzstan reached $19.8 billion."
    )
    claims = extract(text, "en", date(2024, 12, 20), build_places("en"))
    trade = next(c for c in claims if c.value == pytest.approx(19.8e9))
    assert trade.period != "1996"


def test_an_event_date_keeps_its_claim_beside_a_figure_of_a_later_clause() -> None:
    text = "论坛5月9日在西安开幕，中国和中亚国家的800多名代表出席。"
    claims = extract(text, "zh", date(2025, 5, 10), build_places("zh"))
    assert [(c.unit, c.value) for c in claims] == [("date", "2025-05-09"), ("persons", 800.0)]


def test_a_wire_dateline_is_no_claim() -> None:
    text = "新华社阿拉木图5月9日电 中哈双边贸易额增长12%。"
    claims = extract(text, "zh", date(2025, 5, 10), build_places("zh"))
    assert [c.unit for c in claims] == ["percent"]


@pytest.mark.parametrize(
    ("text", "lang", "published", "want"),
    [
        # A date alone in the last clause closes what stands before it, appositions included.
        (
            "Uzbekistan Airways opened a route between Tashkent and Urumqi, the capital of Xinjiang, on Monday, "
            "a local paper reported.",
            "en",
            date(2024, 3, 6),
            "2024-03-04",
        ),
        ("The new dry port went into operation in 2021.", "en", date(2024, 3, 6), "2021"),
        ("阿拉山口综合保税区于2014年开始运营。", "zh", date(2024, 3, 6), "2014"),
        ("2023年5月18日,两国元首互致贺电。", "zh", date(2024, 3, 6), "2023-05-18"),
        (
            "3 марта из Ляньюньгана в Ташкент отправился первый контейнерный поезд.",
            "ru",
            date(2024, 3, 6),
            "2024-03-03",
        ),
        ("С апреля перевозчик запускает рейсы Ташкент – Чэнду.", "ru", date(2024, 3, 6), "2024-04"),
    ],
)
def test_event_dates_of_general_event_verbs(text: str, lang: str, published: date, want: str) -> None:
    dates = [c.value for c in extract(text, lang, published, build_places(lang)) if c.unit == "date"]
    assert dates == [want]


def test_a_date_beside_a_reporting_verb_alone_is_no_event() -> None:
    text = "The figure was 12 percent higher, the ministry said on Monday."
    assert [c for c in extract(text, "en", date(2024, 3, 6), build_places("en")) if c.unit == "date"] == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Today the two presidents launched the new border crossing.", "en"),
        ("Сегодня в Астане открыт новый визовый центр.", "ru"),
        ("今天,乌鲁木齐至塔什干的新航线正式开通。", "zh"),
    ],
)
def test_today_dates_an_event_on_the_publication_day(text: str, lang: str) -> None:
    published = date(2024, 9, 2)
    dates = [c for c in extract(text, lang, published, build_places(lang)) if c.unit == "date"]
    assert [(c.value, c.notes) for c in dates] == [("2024-09-02", ["date resolved from the publication date"])]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Today 40 trains a week run on the route, which opened in 2019.", "en"),
        ("На сегодня открыто 12 центров.", "ru"),
        ("Сегодня этот показатель вырос до 800 вагонов в сутки.", "ru"),
    ],
)
def test_today_beside_a_figure_or_as_of_today_is_no_event_date(text: str, lang: str) -> None:
    dates = [c.value for c in extract(text, lang, date(2024, 9, 2), build_places(lang)) if c.unit == "date"]
    assert "2024-09-02" not in dates
