"""The claim frame: measure, indicator, turnover and part; the reporter the lexicon knows without a ledger."""

from __future__ import annotations

from datetime import date

import pytest

from caravan.claims.extract import build_places, extract
from caravan.claims.frame import classify, part_of
from caravan.claims.numbers import find_figures

PUB = date(2025, 1, 20)


def _frame(sentence: str, lang: str = "en", nth: int = 0):  # type: ignore[no-untyped-def]
    fig = find_figures(sentence, lang)[nth]
    assert fig.unit is not None
    return classify(fig, fig.unit, sentence, lang, None)


@pytest.mark.parametrize(
    ("sentence", "lang", "measure"),
    [
        ("Trade reached $94.8 billion in 2024.", "en", "level"),
        ("Trade grew 6 percent year on year.", "en", "growth"),
        ("Trade grew at an average annual rate of 8 percent over the decade.", "en", "avg_growth"),
        ("China's share rose by 2.1 percentage points.", "en", "pp_change"),
        ("Kazakhstan accounted for 46 percent of the total.", "en", "share"),
        ("Trade grew three times.", "en", "multiple"),
        ("The two sides signed 12 agreements.", "en", "count"),
        ("Товарооборот вырос на 12%.", "ru", "growth"),
        ("贸易额年均增长8%。", "zh", "avg_growth"),
    ],
)
def test_measure(sentence: str, lang: str, measure: str) -> None:
    assert _frame(sentence, lang).measure == measure


@pytest.mark.parametrize(
    ("sentence", "lang", "nth", "measure"),
    [
        # A figure closing a list takes the measure of the list's first figure.
        ("Exports of cotton, wool and fruit grew by 4.5 percent, 12 percent and 2 times.", "en", 1, "growth"),
        ("Exports of cotton, wool and fruit grew by 4.5 percent, 12 percent and 2 times.", "en", 2, "multiple"),
        ("Экспорт хлопка и шерсти вырос на 4,5%, 12% и 30%.", "ru", 2, "growth"),
        # A figure after a clause of its own is not part of a list.
        ("Exports grew by 4.5 percent, and China's share reached 12 percent.", "en", 1, "share"),
    ],
)
def test_a_list_of_figures_shares_its_measure(sentence: str, lang: str, nth: int, measure: str) -> None:
    assert _frame(sentence, lang, nth).measure == measure


def test_growth_in_a_clause_of_its_own_is_of_the_flow_before_it() -> None:
    sentence = "China's exports reached $3 billion, up 4 percent, while its imports came to $1 billion, up 9 percent."
    assert _frame(sentence, "en", 1).indicator == "trade.exports.growth_yoy"
    assert _frame(sentence, "en", 3).indicator == "trade.imports.growth_yoy"
    assert _frame("Trade grew 6 percent year on year.").indicator == "trade.turnover.growth_yoy"


def test_a_decline_is_negative() -> None:
    f = _frame("Exports fell 8.9 percent.")
    assert (f.measure, f.value) == ("growth", -8.9)


def test_imports_and_exports_are_turnover() -> None:
    assert _frame("Imports and exports reached $40 billion.").indicator == "trade.turnover"
    assert _frame("Exports reached $40 billion.").indicator == "trade.exports"
    assert _frame("中哈进出口额达到400亿美元。", "zh").indicator == "trade.turnover"


def test_visitors_and_visas_meet_the_ledger() -> None:
    assert _frame("Some 500,000 tourists came.").indicator == "visitors.arrivals.tourism"
    assert _frame("Some 500,000 visitors came.").indicator == "visitors.arrivals"


def test_reporter() -> None:
    assert build_places("en").reporter("according to China's General Administration of Customs") == "CHN"
    assert build_places("ru").reporter("по данным Бюро национальной статистики") == "KAZ"
    assert build_places("zh").reporter("据海关总署统计") == "CHN"
    assert build_places("en").reporter("Trade grew.") is None


def test_part_of_the_whole() -> None:
    assert part_of("trade in agricultural products reached $1 billion", "trade", "en") == "agricultural products"
    assert part_of("the Xi'an terminal sent 5,000 trains", "rail", "en") == "Xi'an terminal"
    assert part_of("flights on the Almaty–Urumqi route", "flights", "en") == "Almaty–Urumqi route"
    assert part_of("trade reached $1 billion", "trade", "en") is None


def test_running_total_is_a_level_with_a_cumulative_period() -> None:
    (c,) = extract(
        "Since 2009 the pipeline has delivered a total of 400 bcm by the end of 2023.", "en", PUB, build_places("en")
    )
    assert (c.measure, c.running_total) == ("level", True)
    assert c.period == "cumulative-to 2023-12-31"


def test_a_chinese_rank_reads_its_own_ordinal() -> None:
    from caravan.claims.frame import _rank_value

    assert _rank_value("中国在该国贸易伙伴中位居首位", "zh") == 1.0
    assert _rank_value("中国位居第二位", "zh") == 2.0
    assert _rank_value("中国是其第三大贸易伙伴", "zh") == 3.0


@pytest.mark.parametrize(
    ("text", "lang", "rank"),
    [
        ("China is Tajikistan's third-largest trading partner.", "en", 3.0),
        ("Kazakhstan ranks second among China's partners in the region.", "en", 2.0),
        ("Китай — третий по величине торговый партнёр Таджикистана.", "ru", 3.0),
        ("中国是塔吉克斯坦第三大贸易伙伴。", "zh", 3.0),
    ],
)
def test_ranks_below_first_are_claims_with_their_place(text: str, lang: str, rank: float) -> None:
    ranks = [c for c in extract(text, lang, date(2025, 3, 14), build_places(lang)) if c.unit == "rank"]
    assert [c.value for c in ranks] == [rank]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("China's share of Kyrgyzstan's imports rose to 38.2 percent.", "en"),
        ("Доля Китая в импорте Кыргызстана выросла до 38,2%.", "ru"),
        ("中国在吉尔吉斯斯坦进口中的比重提高到38.2%。", "zh"),
    ],
)
def test_a_share_that_rose_to_a_level_is_a_share_not_growth(text: str, lang: str) -> None:
    (claim,) = [c for c in extract(text, lang, date(2025, 3, 14), build_places(lang)) if c.unit == "percent"]
    assert (claim.value, claim.measure) == (38.2, "share")


def test_a_share_that_grew_by_points_or_percent_is_still_a_change() -> None:
    text = "Exports rose 12 percent, and China's share of them is large."
    (claim,) = [c for c in extract(text, "en", date(2025, 3, 14), build_places("en")) if c.unit == "percent"]
    assert claim.measure == "growth"


def test_a_daily_word_in_the_clause_makes_trains_and_wagons_a_daily_rate() -> None:
    text = "Через переход ежедневно проходит около 600 вагонов, а за год прошло 5000 поездов."
    units = [c.unit for c in extract(text, "ru", date(2025, 3, 14), build_places("ru")) if c.unit != "date"]
    assert units == ["wagons_per_day", "trains"]
    text = "Среднесуточная погрузка составляет более 800 вагонов."
    assert [c.unit for c in extract(text, "ru", date(2025, 3, 14), build_places("ru"))] == ["wagons_per_day"]
