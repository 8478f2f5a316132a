"""Parties with direction."""

from __future__ import annotations

from datetime import date

import pytest

from caravan.claims.discourse import Discourse
from caravan.claims.extract import build_places, extract
from caravan.claims.parties import with_anaphors

PUB = date(2025, 1, 20)


def _pair(text: str, lang: str, value: float) -> tuple[str | None, str | None]:
    claims = extract(text, lang, PUB, build_places(lang))
    hits = [c for c in claims if c.value == pytest.approx(value)]
    assert hits, [(c.raw, c.value) for c in claims]
    return hits[0].subject, hits[0].counterpart


@pytest.mark.parametrize(
    ("text", "lang", "value", "pair"),
    [
        ("Uzbekistan's exports to China amounted to $1.9 billion.", "en", 1.9e9, ("UZB", "CHN")),
        (
            "Uzbekistan's exports to China were $1.9 billion, while its imports from China reached $12.8 billion.",
            "en",
            12.8e9,
            ("CHN", "UZB"),
        ),
        ("China's exports to Kazakhstan rose to $24 billion.", "en", 24e9, ("CHN", "KAZ")),
        ("Экспорт Казахстана в Китай составил $15 млрд.", "ru", 15e9, ("KAZ", "CHN")),
        ("中国对哈萨克斯坦出口240亿美元。", "zh", 24e9, ("CHN", "KAZ")),
        ("1,500 Chinese students were studying in Kazakhstan.", "en", 1500.0, ("CHN", "KAZ")),
        ("3,000 Kazakh students were studying in China.", "en", 3000.0, ("KAZ", "CHN")),
        ("Only 20 students from Kazakhstan were studying in China.", "en", 20.0, ("KAZ", "CHN")),
        ("Chinese investment in Kyrgyzstan reached $2.1 billion.", "en", 2.1e9, ("CHN", "KGZ")),
        ("In 2024, 8,000 trains ran through Horgos.", "en", 8000.0, ("CHN", "KAZ")),
        # People from a Central Asian country with no place of stay named: they go to China.
        ("Китай выделил 73 гранта студентам из Казахстана.", "ru", 73.0, ("KAZ", "CHN")),
        ("China offered scholarships for 30,000 Central Asian students.", "en", 30000.0, ("C5", "CHN")),
        # Chinese two-country compounds (中吉, 中乌) and the Russian "Поднебесная" name both sides.
        ("2022年,中吉贸易额为155亿美元。", "zh", 15.5e9, ("CHN", "KGZ")),
        ("2024年,中乌贸易额为137亿美元。", "zh", 13.7e9, ("CHN", "UZB")),
        ("Товарооборот Поднебесной с Казахстаном составил $43,8 млрд.", "ru", 43.8e9, ("CHN", "KAZ")),
        # A compound name is China's with the partner it names first.
        ("The China–Kazakhstan–Uzbekistan corridor carried 3 million tonnes.", "en", 3e6, ("CHN", "KAZ")),
        ("The China-Kyrgyzstan-Uzbekistan railway will cost $4.7 billion.", "en", 4.7e9, ("CHN", "KGZ")),
        # Cities name their country: Almaty, Urumqi.
        ("Air Astana now operates 7 flights a week from Almaty to Beijing.", "en", 7.0, ("KAZ", "CHN")),
        ("Рейсы Алматы – Урумчи: 9 рейсов в неделю.", "ru", 9.0, ("KAZ", "CHN")),
        ("阿拉木图至北京航线每周12班。", "zh", 12.0, ("KAZ", "CHN")),
        # 自华 / 从华: imports from China.
        ("乌对华出口额为30亿美元,自华进口额约为90亿美元。", "zh", 9e9, ("CHN", "UZB")),
        # A clause naming no place runs the other way round from the flow of the clause before it,
        # and a growth figure in a clause of its own is the growth of that flow.
        (
            "China's exports to Tajikistan reached $3 billion, up 4 percent, and its imports from it $0.5 billion.",
            "en",
            0.5e9,
            ("TJK", "CHN"),
        ),
        (
            "China's exports to Tajikistan reached $3 billion, and its imports from it $0.5 billion, up 8 percent.",
            "en",
            8.0,
            ("TJK", "CHN"),
        ),
    ],
)
def test_direction(text: str, lang: str, value: float, pair: tuple[str, str]) -> None:
    assert _pair(text, lang, value) == pair


def test_a_figure_of_another_country_is_no_claim() -> None:
    text = "China holds the largest share of Uzbekistan's trade, at 20.1%, ahead of Russia (16.2%)."
    values = [c.value for c in extract(text, "en", PUB, build_places("en"))]
    assert 20.1 in values and 16.2 not in values


def test_the_same_figure_for_two_countries_named_together() -> None:
    claims = extract("For Kazakhstan and Uzbekistan, China's share was 20 percent.", "en", PUB, build_places("en"))
    assert {c.subject for c in claims if c.value == 20.0} == {"KAZ", "UZB"}


def test_the_five_listed_one_by_one_are_the_group() -> None:
    text = (
        "China's trade with the five countries - Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan "
        "and Uzbekistan - reached $94.8 billion in 2024."
    )
    assert _pair(text, "en", 94.8e9) == ("CHN", "C5")


def test_five_names_in_a_breakdown_keep_their_own_figures() -> None:
    text = (
        "Kazakhstan took 46%, Kyrgyzstan 24%, Uzbekistan 14.5%, Turkmenistan 11% and Tajikistan 4% "
        "of China's trade with the region."
    )
    subjects = {c.value: {c.subject, c.counterpart} for c in extract(text, "en", PUB, build_places("en"))}
    assert "C5" not in subjects[24.0]


def test_a_sentence_naming_only_china_keeps_the_partner_spoken_of() -> None:
    text = "Trade between Kazakhstan and China reached $43.8 billion. China also signed 7 memoranda."
    claims = extract(text, "en", PUB, build_places("en"))
    memoranda = next(c for c in claims if c.value == 7.0)
    assert {memoranda.subject, memoranda.counterpart} == {"KAZ", "CHN"}


@pytest.mark.parametrize(
    ("text", "lang", "pairs"),
    [
        (
            "Imports of wool from Kyrgyzstan, cotton from Uzbekistan and wheat from Kazakhstan rose by 12.5 percent, "
            "40 percent and 3.2 times, respectively.",
            "en",
            {12.5: ("KGZ", "CHN"), 40.0: ("UZB", "CHN"), 3.2: ("KAZ", "CHN")},
        ),
        ("中国自塔吉克斯坦和土库曼斯坦的进口分别增长7.5%和20%。", "zh", {7.5: ("TJK", "CHN"), 20.0: ("TKM", "CHN")}),
        (
            "Экспорт Кыргызстана и Таджикистана в Китай вырос на 6,5% и 11% соответственно.",
            "ru",
            {6.5: ("KGZ", "CHN"), 11.0: ("TJK", "CHN")},
        ),
    ],
)
def test_respectively_pairs_each_figure_with_its_place(
    text: str, lang: str, pairs: dict[float, tuple[str, str]]
) -> None:
    claims = extract(text, lang, PUB, build_places(lang))
    got = {round(float(c.value), 3): (c.subject, c.counterpart) for c in claims}
    assert got == pairs
    assert {c.measure for c in claims} <= {"growth", "multiple"}


@pytest.mark.parametrize(
    ("text", "lang", "pairs"),
    [
        # Each share of a breakdown is the member's named in its own clause, before or after it.
        (
            "Около 40% торговли Китая с Центральной Азией пришлось на Узбекистан, почти 20% составила доля "
            "Таджикистана, а 15% достались Туркменистану.",
            "ru",
            {40.0: ("UZB", "CHN"), 20.0: ("TJK", "CHN"), 15.0: ("TKM", "CHN")},
        ),
        # Members named together share one figure; it is never one member's.
        ("Большая часть торговли с КНР – 65% – пришлась на Узбекистан и Таджикистан.", "ru", {65.0: ("C5", "CHN")}),
        # China's share of a partner's trade is China's.
        ("China accounted for 18 percent of Kyrgyzstan's foreign trade.", "en", {18.0: ("CHN", "KGZ")}),
    ],
)
def test_whose_share_comes_first(text: str, lang: str, pairs: dict[float, tuple[str, str]]) -> None:
    claims = extract(text, lang, PUB, build_places(lang))
    got = {round(float(c.value), 3): (c.subject, c.counterpart) for c in claims if c.unit == "percent"}
    assert got == pairs


def _rank(text: str, lang: str) -> tuple[str | None, str | None]:
    ranks = [c for c in extract(text, lang, PUB, build_places(lang)) if c.unit == "rank"]
    assert ranks, text
    return ranks[0].subject, ranks[0].counterpart


@pytest.mark.parametrize(
    ("text", "lang", "pair"),
    [
        # China's rank among a partner's partners, whoever speaks and whatever the word order.
        ("China remained Uzbekistan's largest trading partner in 2024.", "en", ("CHN", "UZB")),
        (
            "Uzbekistan's trade with China came to $14.6 billion in 2025, which keeps China in place as the "
            "country's largest trading partner.",
            "en",
            ("CHN", "UZB"),
        ),
        ("Ташкент видит в Пекине крупнейшего торгового партнёра.", "ru", ("CHN", "UZB")),
        ("中国是乌兹别克斯坦最大的贸易伙伴。", "zh", ("CHN", "UZB")),
        # The partner's rank among China's partners: China owns the partners, the region is the scope.
        ("Kazakhstan is China's largest trading partner in Central Asia.", "en", ("KAZ", "CHN")),
        ("Казахстан является крупнейшим торговым партнёром Китая в Центральной Азии.", "ru", ("KAZ", "CHN")),
        ("哈萨克斯坦是中国在中亚最大的贸易伙伴。", "zh", ("KAZ", "CHN")),
    ],
)
def test_a_partner_rank_reads_whose_partners(text: str, lang: str, pair: tuple[str, str]) -> None:
    assert _rank(text, lang) == pair


def test_the_pair_after_a_rank_keeps_the_partner_first() -> None:
    text = (
        "Uzbekistan's trade with China came to $14.6 billion in 2025, which keeps China in place as the country's "
        "largest trading partner. Bilateral trade grew from $11.2 billion in 2024."
    )
    assert _pair(text, "en", 11.2e9) == ("UZB", "CHN")


@pytest.mark.parametrize(
    ("text", "value", "pair"),
    [
        # Russian verbs of carrying in and out give the direction as "imports" and "exports" do.
        ("По итогам года Казахстан завёз из Китая товаров на $15 млрд.", 15e9, ("CHN", "KAZ")),
        ("Казахстан вывез в Китай товаров на $12 млрд.", 12e9, ("KAZ", "CHN")),
    ],
)
def test_russian_verbs_of_carrying_give_the_direction(text: str, value: float, pair: tuple[str, str]) -> None:
    assert _pair(text, "ru", value) == pair


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("Transit of Chinese cargo across Kazakhstan rose 19% to 15.3 million tons in 2024.", "en", 15.3e6),
        ("Транзитные перевозки через Казахстан увеличились на 19% и составили 15,3 млн тонн.", "ru", 15.3e6),
        ("2024年经哈萨克斯坦过境运输的中国货物增长19%,达到1530万吨。", "zh", 15.3e6),
    ],
)
def test_transit_is_the_transit_countrys_figure(text: str, lang: str, value: float) -> None:
    assert _pair(text, lang, value) == ("KAZ", "CHN")


def test_a_summit_reads_china_first_and_the_format_is_the_groups() -> None:
    text = "Xi Jinping attended the second China-Central Asia Summit in Astana on 17 June 2025."
    dated = [c for c in extract(text, "en", PUB, build_places("en")) if c.unit == "date"]
    assert [(c.subject, c.counterpart) for c in dated] == [("CHN", "C5")]
    text = "Kazakhstan and China held a summit in Astana on 3 July 2024."
    dated = [c for c in extract(text, "en", PUB, build_places("en")) if c.unit == "date"]
    assert [(c.subject, c.counterpart) for c in dated] == [("CHN", "KAZ")]


def test_a_crossing_on_the_border_it_names_runs_china_to_its_country() -> None:
    text = "Через КПП Хоргос на границе с Казахстаном ежемесячно проходило более 600 поездов в 2023 году."
    assert _pair(text, "ru", 600.0) == ("CHN", "KAZ")
    # Gas through a crossing still runs to China.
    gas = "Through Horgos, Kazakhstan delivered 10 bcm of gas to China in 2023."
    assert _pair(gas, "en", 10.0)[1] == "CHN"


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        (
            "China and Kyrgyzstan signed the railway agreement in 2024. The line will need 44 hectares of land "
            "in Jalalabad, Kyrgyzstan, for 18 stations.",
            "en",
            18.0,
        ),
        ("2024年6月6日,中国与吉尔吉斯斯坦签署了铁路协议。该线路在吉尔吉斯斯坦境内设18个车站。", "zh", 18.0),
        (
            "6 июня 2024 года Китай и Кыргызстан подписали соглашение о железной дороге. В Кыргызстане на линии "
            "построят 18 станций.",
            "ru",
            18.0,
        ),
    ],
)
def test_a_sentence_naming_only_the_partner_keeps_the_pair_spoken_of(text: str, lang: str, value: float) -> None:
    assert _pair(text, lang, value) == ("CHN", "KGZ")


@pytest.mark.parametrize(
    ("text", "lang", "value", "pair"),
    [
        (
            "Между Казахстаном и Китаем выполняется 27 рейсов в неделю: 11 рейсов казахстанскими и 16 рейсов "
            "китайскими авиакомпаниями.",
            "ru",
            16.0,
            ("CHN", "KAZ"),
        ),
        (
            "Между Казахстаном и Китаем выполняется 27 рейсов в неделю: 11 рейсов казахстанскими и 16 рейсов "
            "китайскими авиакомпаниями.",
            "ru",
            11.0,
            ("KAZ", "CHN"),
        ),
        ("Chinese airlines operate 16 flights a week to Kazakhstan.", "en", 16.0, ("CHN", "KAZ")),
        ("Uzbek carriers operate 16 flights a week to China.", "en", 16.0, ("UZB", "CHN")),
        ("中国航空公司每周执飞中哈航线16班。", "zh", 16.0, ("CHN", "KAZ")),
    ],
)
def test_flights_are_the_carriers_countrys(text: str, lang: str, value: float, pair: tuple[str, str]) -> None:
    assert _pair(text, lang, value) == pair


@pytest.mark.parametrize(
    ("text", "lang", "value", "pair"),
    [
        # China's share of a partner's trade: the partner owns the total, China the share.
        ("China's share of Tajikistan's external trade rose to 17.2%.", "en", 17.2, ("CHN", "TJK")),
        ("Доля Китая во внешней торговле Кыргызстана выросла до 34,5%.", "ru", 34.5, ("CHN", "KGZ")),
        ("中国在土库曼斯坦对外贸易中所占比重升至41.7%。", "zh", 41.7, ("CHN", "TKM")),
    ],
)
def test_the_owner_of_the_total_is_not_the_owner_of_the_share(
    text: str, lang: str, value: float, pair: tuple[str, str]
) -> None:
    assert _pair(text, lang, value) == pair


@pytest.mark.parametrize(
    ("text", "lang", "value", "pair"),
    [
        # "the country", «республика», 该国 stand for the one partner spoken of before.
        (
            "Trade between Tajikistan and China reached $3.9 billion. "
            "China accounted for the largest share of the country's foreign trade, 27.4%.",
            "en",
            27.4,
            ("CHN", "TJK"),
        ),
        (
            "Эксперты обсудили китайские вложения в Туркменистан. "
            "Объём прямых инвестиций из Китая в республику достиг $1,7 млрд.",
            "ru",
            1.7e9,
            ("CHN", "TKM"),
        ),
        ("2024年中吉贸易额为155亿美元。中国对该国的直接投资达到12亿美元。", "zh", 1.2e9, ("CHN", "KGZ")),
    ],
)
def test_the_country_stands_for_the_partner_spoken_of(
    text: str, lang: str, value: float, pair: tuple[str, str]
) -> None:
    assert _pair(text, lang, value) == pair


def test_plural_republics_are_not_one_country() -> None:
    disc = Discourse(published=PUB, lang="ru", partner="KAZ")
    for text in ("Эти республики получили ещё $2 млрд.", "Республики Центральной Азии получили $2 млрд."):
        assert with_anaphors(text, (), "ru", disc) == ()
    assert with_anaphors("Инвестиции в республику выросли.", (), "ru", disc)[0][2] == "KAZ"


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("Beijing said China would offer 2,000 scholarships to the five Central Asian countries.", "en", 2000.0),
        ("Китай выделит странам Центральной Азии 2500 квот на обучение.", "ru", 2500.0),
        ("中方将向中亚五国提供1200个培训名额。", "zh", 1200.0),
    ],
)
def test_grants_are_for_the_partners_people_in_china(text: str, lang: str, value: float) -> None:
    assert _pair(text, lang, value) == ("C5", "CHN")


@pytest.mark.parametrize(
    ("text", "lang", "value", "pair"),
    [
        # The partner's own figure of its side of a crossing is the partner's; China's, or no one's, China's.
        ("По данным АО «НК «КТЖ», через станцию Алтынколь передано 3,2 млн тонн грузов.", "ru", 3.2e6, ("KAZ", "CHN")),
        ("According to Kazakhstan Temir Zholy, 2.1 million tonnes passed through Dostyk.", "en", 2.1e6, ("KAZ", "CHN")),
        ("In 2024, 8,000 trains ran through Horgos, China's customs said.", "en", 8000.0, ("CHN", "KAZ")),
    ],
)
def test_a_crossing_figure_is_its_reporters(text: str, lang: str, value: float, pair: tuple[str, str]) -> None:
    assert _pair(text, lang, value) == pair


@pytest.mark.parametrize(
    ("text", "value", "pair"),
    [
        # The People's Republic's full name is China; 中土 names China and Turkmenistan as 中哈 does.
        ("1993年1月6日,中华人民共和国与土库曼斯坦建立外交关系。", "1993-01-06", ("CHN", "TKM")),
        ("2023年中土贸易额为105亿美元。", 10.5e9, ("CHN", "TKM")),
    ],
)
def test_chinese_names_of_china(text: str, value: float | str, pair: tuple[str, str]) -> None:
    claims = extract(text, "zh", PUB, build_places("zh"))
    hits = [c for c in claims if c.value == value or (isinstance(value, float) and c.value == pytest.approx(value))]
    assert hits, [(c.raw, c.value) for c in claims]
    assert (hits[0].subject, hits[0].counterpart) == pair


def test_china_in_a_list_of_a_partners_partners() -> None:
    # China is one item of Kyrgyzstan's import partners: its share is China's of Kyrgyzstan's imports, and
    # the other members' items are relations without China.
    text = (
        "Товарооборот Кыргызстана с Китаем вырос до $19 млрд. "
        "Импорт шёл в основном из таких стран: Россия — 22,1%, Китай — 35,2%, Узбекистан — 6,3%."
    )
    claims = extract(text, "ru", PUB, build_places("ru"))
    shares = {round(float(c.value), 1): (c.subject, c.counterpart) for c in claims if c.unit == "percent"}
    assert shares == {35.2: ("CHN", "KGZ")}


@pytest.mark.parametrize(
    ("text", "lang", "value", "pair"),
    [
        # Goods sold to a country are exports to it.
        (
            "Товарооборот Таджикистана с Китаем вырос. Доля товаров, проданных в Китай, составила 12,5%.",
            "ru",
            12.5,
            ("TJK", "CHN"),
        ),
        ("Kyrgyz goods sold to China reached $90 million.", "en", 9e7, ("KGZ", "CHN")),
        ("2024年,哈萨克斯坦销往中国的小麦达到3亿美元。", "zh", 3e8, ("KAZ", "CHN")),
    ],
)
def test_goods_sold_to_a_country_are_exports_to_it(text: str, lang: str, value: float, pair: tuple[str, str]) -> None:
    assert _pair(text, lang, value) == pair


def test_a_flow_before_the_opposite_flow_that_names_china() -> None:
    # "exports, and the rest imports from China": the exports run the other way, to China.
    text = (
        "Товарооборот Туркменистана с Китаем составил $10,2 млрд. "
        "Из них $9,1 млрд пришлись на экспорт, а остальные $1,1 млрд — на импорт товаров из КНР."
    )
    claims = extract(text, "ru", PUB, build_places("ru"))
    got = {round(float(c.value) / 1e9, 1): (c.subject, c.counterpart) for c in claims}
    assert got[9.1] == ("TKM", "CHN")
    assert got[1.1] == ("CHN", "TKM")


def test_a_crossing_figure_is_the_reporter_the_article_names_later() -> None:
    text = (
        "Через станцию Алтынколь в этом году передано 4,4 млн тонн грузов. Об этом сообщил представитель АО «НК «КТЖ»."
    )
    assert _pair(text, "ru", 4.4e6) == ("KAZ", "CHN")


@pytest.mark.parametrize(
    ("text", "lang", "value", "pair"),
    [
        # Chinese people with no place named go to the partner spoken of; the sentence's only people named
        # are the figure's, however far before it.
        (
            "Kyrgyzstan eased its entry rules in 2024. Under the new decree, Chinese nationals holding "
            "ordinary passports may stay without a visa for up to 14 days.",
            "en",
            14.0,
            ("CHN", "KGZ"),
        ),
        (
            "Туризм в Таджикистане растёт: в 2024 году 9000 китайских туристов посетили страну.",
            "ru",
            9000.0,
            ("CHN", "TJK"),
        ),
    ],
)
def test_chinese_people_go_to_the_partner_spoken_of(text: str, lang: str, value: float, pair: tuple[str, str]) -> None:
    assert _pair(text, lang, value) == pair


@pytest.mark.parametrize(
    ("text", "lang", "value", "pair"),
    [
        # A train bound for a member beyond the country it passes through is China's with that member.
        (
            "A freight train ran 5,100 km from Xi'an to Tajikistan via Kazakhstan and Uzbekistan.",
            "en",
            5100.0,
            ("CHN", "TJK"),
        ),
        ("这趟班列装载货物800吨,途经哈萨克斯坦,最终到达吉尔吉斯斯坦。", "zh", 800.0, ("CHN", "KGZ")),
        ("Поезд доставил 900 тонн грузов через Казахстан до Ташкента.", "ru", 900.0, ("CHN", "UZB")),
        # «в» with the locative names where, not whither.
        ("Поезд из Китая в Казахстане перевёз 1200 тонн грузов.", "ru", 1200.0, ("CHN", "KAZ")),
    ],
)
def test_a_train_bound_beyond_the_transit_country(text: str, lang: str, value: float, pair: tuple[str, str]) -> None:
    assert _pair(text, lang, value) == pair


@pytest.mark.parametrize(
    ("text", "lang", "value", "pair"),
    [
        # China–Europe trains are China's with no member of the five, even through Horgos.
        ("Через КПП Хоргос в 2024 году прошло 8200 поездов Китай – Европа.", "ru", 8200.0, ("CHN", None)),
        ("In 2023, 17,000 China-Europe freight trains ran, up 6%.", "en", 17000.0, ("CHN", None)),
        ("2024年,经阿拉山口口岸的中欧班列达到6000列。", "zh", 6000.0, ("CHN", None)),
    ],
)
def test_china_europe_trains_have_no_central_asian_counterpart(
    text: str, lang: str, value: float, pair: tuple[str, None]
) -> None:
    assert _pair(text, lang, value) == pair


def test_confucius_institutes_are_chinas_in_the_partner() -> None:
    text = "Товарооборот Таджикистана с Китаем вырос до $3,9 млрд. В Таджикистане работают два Института Конфуция."
    claims = extract(text, "ru", PUB, build_places("ru"))
    institutes = next(c for c in claims if c.unit == "institutes")
    assert (institutes.subject, institutes.counterpart) == ("CHN", "TJK")


@pytest.mark.parametrize(
    ("text", "lang", "pair"),
    [
        # An anniversary is the relation's, in the order the sentence names it; a summit still reads China first.
        ("Стороны отметили 30-летие узбекско-китайских дипломатических отношений.", "ru", ("UZB", "CHN")),
        ("The second Kazakhstan-China summit was held in Astana.", "en", ("CHN", "KAZ")),
    ],
)
def test_an_anniversary_is_the_relations(text: str, lang: str, pair: tuple[str, str]) -> None:
    ordinals = [c for c in extract(text, lang, PUB, build_places(lang)) if c.unit == "ordinal"]
    assert ordinals, text
    assert (ordinals[0].subject, ordinals[0].counterpart) == pair
