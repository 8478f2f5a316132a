"""Cue words in English, Chinese and Russian: places, indicator families, qualifiers, periods.

Country names come from the ledger's entities (`name_en`, `name_zh`, `name_ru`);
this module adds what a name table does not hold: demonyms and adjectives
("Kazakh", 中方, "китайской"), common variants ("Kyrgyz Republic", "Кыргызстан"),
and the phrases that name the five states together ("Central Asian countries",
中亚五国, "стран Центральной Азии"). Russian declension is handled by stems
(the name without its case ending), so "Казахстана", "Казахстаном" match.
"""

from __future__ import annotations

import re
from functools import cache

from caravan.claims.prefilter import prefiltered
from caravan.regions import FIVE

C5_MEMBERS = FIVE

# Surface forms beyond the ledger's names; Russian entries are stems.
COUNTRY_FORMS: dict[str, dict[str, tuple[str, ...]]] = {
    "CHN": {
        "en": ("China", "Chinese", "PRC", "Beijing", "Urumqi"),
        "zh": (
            "中华人民共和国",
            "中国",
            "中方",
            "我国",
            "(?<=[对赴来在访自从向与同])华(?![人语文裔为侨])",
            "大陆(?!桥)",
            "中(?=哈(?!萨)|吉(?!尔)|塔(?!吉)|乌(?![兹克])|土(?![库耳地壤]))",
        ),
        "ru": ("Кита", "КНР", "китайск", "Пекин", "Поднебесн", "Урумчи"),
    },
    "KAZ": {
        "en": ("Kazakhstan", "Kazakh", "Kazakhstani", "Astana", "Almaty"),
        "zh": ("哈萨克斯坦", "哈萨克", "哈方", "(?<=中)哈(?!萨)", "阿拉木图"),
        "ru": ("Казахстан", "казахстанск", "Астан", "Алмат"),
    },
    "KGZ": {
        "en": ("Kyrgyzstan", "Kyrgyz", "Kyrgyz Republic", "Bishkek"),
        "zh": ("吉尔吉斯斯坦", "吉尔吉斯坦", "吉尔吉斯", "吉方", "(?<=中)吉(?!尔)"),
        "ru": ("Кыргызстан", "Киргизи", "кыргызск", "киргизск", "Бишкек"),
    },
    "TJK": {
        "en": ("Tajikistan", "Tajik", "Dushanbe"),
        "zh": ("塔吉克斯坦", "塔吉克", "塔方", "(?<=中)塔(?!吉)"),
        "ru": ("Таджикистан", "таджикск", "Душанбе"),
    },
    "TKM": {
        "en": ("Turkmenistan", "Turkmen", "Ashgabat"),
        "zh": ("土库曼斯坦", "土库曼", "土方", "(?<=中)土(?![库耳地壤])"),
        "ru": ("Туркменистан", "Туркмени", "туркменск", "Ашхабад"),
    },
    "UZB": {
        "en": ("Uzbekistan", "Uzbek", "Tashkent"),
        "zh": ("乌兹别克斯坦", "乌兹别克", "乌方", "(?<=中|吉)乌(?![兹克])", "乌(?=[对自从]华)"),
        "ru": ("Узбекистан", "узбекск", "Ташкент"),
    },
    "C5": {
        "en": (
            "Central Asian states",
            "Central Asian countries",
            "Central Asian nations",
            "Central Asian republics",
            "Central Asia",
            "the five countries",
            "C5",
        ),
        "zh": ("中亚五国", "中亚国家", "中亚各国", "中亚"),
        "ru": ("Центральн(?:ой|ая|ую) Ази", "центральноазиатск", "стран(?:ами|ах)? ЦА", "регион"),
    },
}

# Countries outside the relation: a figure attached to one of them ("Russia ($5.6 bn)", «Швейцария —
# 33,9 %») is about another relation and is no claim about China and Central Asia. Russian entries are stems.
OTHER_COUNTRIES: dict[str, tuple[str, ...]] = {
    "en": (
        "Russia",
        "Russian Federation",
        "Germany",
        "Switzerland",
        "Turkey",
        "Türkiye",
        "Afghanistan",
        "Iran",
        "the United States",
        "the US",
        "South Korea",
        "Korea",
        "Japan",
        "India",
        "Pakistan",
        "Belarus",
        "Azerbaijan",
        "Georgia",
        "Mongolia",
        "the United Kingdom",
        "France",
        "Italy",
        "the Netherlands",
        "Poland",
        "the Czech Republic",
        "Czechia",
        "Spain",
        "Ukraine",
        "Armenia",
        "Lithuania",
        "Latvia",
        "the UAE",
        "the EU",
        "the European Union",
    ),
    "ru": (
        "Росси",
        "Российск",
        "Германи",
        "Швейцари",
        "Турци",
        "Афганистан",
        "Иран",
        "США",
        "Япони",
        "Пакистан",
        "Беларус",
        "Белорусси",
        "Азербайджан",
        "Монголи",
        "Великобритани",
        "Франци",
        "Итали",
        "Нидерланд",
        "Польш",
        "Чехи",
        "Испани",
        "Украин",
        "Армени",
        "Литв",
        "Латви",
        "ОАЭ",
        "Евросоюз",
    ),
    "zh": (
        "俄罗斯",
        "德国",
        "瑞士",
        "土耳其",
        "阿富汗",
        "伊朗",
        "美国",
        "韩国",
        "日本",
        "印度",
        "巴基斯坦",
        "白俄罗斯",
        "阿塞拜疆",
        "格鲁吉亚",
        "蒙古",
        "英国",
        "法国",
        "意大利",
        "荷兰",
        "波兰",
        "捷克",
        "西班牙",
        "乌克兰",
        "亚美尼亚",
        "欧盟",
    ),
}
OTHER = "OTHER"
# Border crossings and dry ports name the pair of countries they join.
CROSSINGS: dict[str, dict[str, str]] = {
    "KAZ": {
        "en": r"(?:Kh|H)orgos|Alashankou|Dostyk|Altynkol|Bakhty|Nur Zholy",
        "zh": r"霍尔果斯|阿拉山口|巴克图|多斯特克|阿腾科里",
        "ru": r"Хоргос|Алашанькоу|Достык|Алтынкол|Бахты|Нур Жол",
    },
    "KGZ": {"en": r"Torugart|Irkeshtam", "zh": r"吐尔尕特|伊尔克什坦", "ru": r"Торугарт|Иркештам"},
    "TJK": {"en": r"Karasu|Kulma", "zh": r"卡拉苏", "ru": r"Карасу|Кульма"},
}

# Whose statistics: the ledger's authorities give their names (`mentions.build_places`); these are the
# forms a name table does not hold (abbreviations, "Chinese customs", transliterations), matched ignoring case.
REPORTER_FORMS: dict[str, dict[str, str]] = {
    "CHN": {
        "en": r"China's (?:General Administration of )?Customs|\bGAC\b|\bGACC\b|Chinese customs|China's customs|"
        r"according to Chinese (?:data|statistics)|China's Ministry of Commerce|MOFCOM|"
        r"China's National Bureau of Statistics|China's statistics bureau",
        "zh": r"海关总署|中国海关|据海关|商务部|国家统计局",
        "ru": r"Главн\w+ таможенн\w+ управлени\w+ (?:КНР|Китая)|таможн\w+ (?:КНР|Китая)|китайск\w+ таможн\w+|"
        r"данны\w+ (?:китайской|КНР)|ГТУ КНР",
    },
    "KAZ": {
        "en": r"Kazakhstan's (?:Bureau of )?National Statistics|Kazakh (?:statistics|customs)|Kazakhstan's statistics|"
        r"\bKTZ\b|Kazakhstan Temir Zholy|\bBNS\b",
        "zh": r"哈萨克斯坦国家铁路",
        "ru": r"Бюро национальной статистики|Комитет\w* по статистике Казахстан|казахстанск\w+ статистик\w+|"
        r"\bКТЖ\b|Казахстан темир жол\w*|Қазақстан темір жол\w*|БНС АСПИР",
    },
    "UZB": {
        "en": r"Uzbekistan's (?:Statistics Agency|National Statistics)|Uzstat|Uzbek statistics",
        "zh": r"乌兹别克斯坦(?:国家)?统计(?:署|局|委员会)",
        "ru": r"Агентств\w+ статистики (?:при Президенте )?(?:Республики )?Узбекистан|Узстат|Госкомстат\w* Узбекистан",
    },
    "KGZ": {
        "en": r"Kyrgyzstan's National Statistical Committee|Kyrgyz statistics|Kyrgyz (?:customs|Statistical)",
        "zh": r"吉尔吉斯(?:斯坦|共和国)?国家统计委员会",
        "ru": r"Нацстатком\w*|Национальн\w+ статистическ\w+ комитет\w*",
    },
    "TJK": {
        "en": r"Tajikistan's (?:statistics|Agency on Statistics)|Tajik statistics",
        "zh": r"塔吉克斯坦(?:国家)?统计(?:署|局)",
        "ru": r"Агентств\w+ по статистике (?:при Президенте )?(?:Республики )?Таджикистан",
    },
    "TKM": {
        "en": r"Turkmen statistics",
        "zh": r"土库曼斯坦(?:国家)?统计(?:委员会|局)",
        "ru": r"Госкомстат\w* Туркменистан",
    },
}

FAMILIES: dict[str, dict[str, str]] = {
    # family -> language -> regex of cue words; earlier families win ties.
    "trade_invest": {
        "en": r"trade and investment",
        "zh": r"经贸投资|贸易和投资",
        "ru": r"торгов\w* и инвестиц",
    },
    "contracting": {
        "en": r"contract(?:ing|ed) (?:projects|work)|engineering contract",
        "zh": r"工程承包",
        "ru": r"подряд",
    },
    "twinning": {
        "en": r"sister[- ]cit|sister provinces|twin(?:ned|ning)? cit|friendship cit",
        "zh": r"友好城市|友城|友好省",
        "ru": r"побратим",
    },
    "students": {
        "en": r"\bstudent|\bstudy(?:ing)?\b|universit|\bscholarship",
        "zh": r"留学|学生|高校",
        "ru": r"студент|обучени|учащ",
    },
    "health": {"en": r"vaccin|\bdoses\b", "zh": r"疫苗", "ru": r"вакцин"},
    "flights": {"en": r"\bflights?\b|air service", "zh": r"航班|直航", "ru": r"авиарейс|рейс"},
    "visa": {"en": r"\bvisas?\b|visa-free", "zh": r"免签|签证", "ru": r"виз[аоыеу]?(?![а-яё])|безвиз|визов"},
    "visitors": {
        "en": r"\bvisitors?\b|\btourists?\b|\btourism\b|\btravell?ers\b|\barrivals\b",
        "zh": r"游客|旅客|入境人数|入境|旅游",
        "ru": r"турист|посетител|путешественник|въезд|турпоток",
    },
    "gas": {
        "en": r"\bgas\b|pipeline|cubic met",
        "zh": r"天然气|管道|立方米",
        "ru": r"газ|трубопровод|куб\.\s?м",
    },
    "rail": {
        "en": r"\brail|\btrains?\b|freight|container|TEU|\btrips\b|dry port",
        "zh": r"班列|铁路|列车|集装箱|标箱",
        "ru": r"железнодорож|ж/д|поезд|контейнер|ДФЭ|TEU",
    },
    "invest": {
        "en": r"invest|\bFDI\b|\b(?:Chinese|foreign|with \w+) capital\b",
        "zh": r"投资",
        "ru": r"инвестиц|вложени",
    },
    "summit": {"en": r"\bsummit", "zh": r"峰会", "ru": r"саммит"},
    "secretariat": {"en": r"secretariat", "zh": r"秘书处", "ru": r"секретариат"},
    "mechanism": {"en": r"\bmechanism", "zh": r"机制", "ru": r"механизм"},
    "bri": {"en": r"Belt and Road|\bBRI\b", "zh": r"一带一路", "ru": r"Пояс\w* и пут"},
    "community_shared_future": {
        "en": r"community (?:of|with) a shared future",
        "zh": r"命运共同体",
        "ru": r"сообществ\w* единой судьбы",
    },
    "relations": {"en": r"diplomatic relations", "zh": r"外交关系|建交", "ru": r"дипломатическ"},
    "event": {"en": r"\bforum\b|exhibition|\bexpo\b", "zh": r"论坛|博览会", "ru": r"форум|выставк"},
    "population": {"en": r"population", "zh": r"人口", "ru": r"населени"},
    "trade": {
        "en": r"\btrade|turnover|\bexports?\b|\bimports?\b|trading partner",
        "zh": r"贸易|进出口|出口|进口|外贸",
        "ru": r"торгов|товарооборот|оборот|экспорт|импорт|ввоз",
    },
}

QUALIFIERS: dict[str, dict[str, str]] = {
    # qualifier -> language -> regex matched just before (or after, for zh) the figure
    "over": {
        "en": r"(?:over|more than|above|exceed(?:ed|ing|s)?|in excess of|upwards of|at least|surpass\w*)",
        "zh": r"(?:超过|超|突破|逾|多|余|以上|至少)",
        "ru": r"(?:более|свыше|больше|превыша\w*|превыси\w*|не менее|сверх)",
    },
    "nearly": {
        "en": r"(?:nearly|almost|close to|just under|up to|as many as|nearing)",
        "zh": r"(?:近|接近|将近|逼近)",
        "ru": r"(?:почти|порядка|приблизительно|чуть менее|не более)",
    },
    "about": {
        "en": r"(?:about|around|approximately|roughly|some|an estimated|estimated)",
        "zh": r"(?:约|大约|左右|上下)",
        "ru": r"(?:около|примерно|порядка|приблизительно|ориентировочно)",
    },
}

GROWTH = {
    "en": (
        r"\b(?:rose|rising|rise|grew|grow(?:ing|th)?|increas\w*|up\b|climb\w*|jump\w*"
        r"|surg\w*|gain\w*|added|higher|more than in|year-on-year|year on year|y/y|yoy)"
    ),
    "zh": r"增长|增加|提高|上升|同比|增幅|增",
    "ru": r"вырос\w*|рост\w*|увелич\w*|прирост\w*|выше|больше",
}
DECLINE = {
    "en": (
        r"\b(?:fell|fall(?:ing|s)?|declin\w*|decreas\w*|dropp?\w*|down\b"
        r"|less than|lower|shrank|contract\w*|slump\w*|by contrast, trade fell)"
    ),
    "zh": r"下降|减少|下滑|回落|降低|减",
    "ru": r"снизи\w*|сократи\w*|упал\w*|уменьши\w*|меньше|спад\w*|падени\w*",
}
SHARE = {
    "en": (
        r"\bshare\b|of the total|of all\b|of (?:its|their|the country's) (?:total"
        r"|trade|foreign trade)|accounted for|accounting for|percent of|per cent of|% of"
    ),
    "zh": r"占|比重|份额|比例",
    "ru": r"дол[яиюей]\b|составля\w*|приходи\w*|от общ|общей сумм|всей внешн|этого оборота",
}
RANK = {
    "en": (
        r"\b(?:largest|biggest|main|top|leading|first|headed the list"
        r"|ranks? first|comes? first|second|third|number one)\b"
    ),
    "zh": r"最大|第[一二三四五六七八九十]大|首位|第[一二三四五]位|头号",
    "ru": (
        r"крупнейш\w*|перв\w* мест\w*|первое место|главн\w* партн\w*|лидер\w*"
        r"|(?:втор|трет|четв[её]рт|пят)\w* (?:по (?:величине|значимости|объ[её]му)|мест\w*)"
    ),
}
PARTNER = {"en": r"partner", "zh": r"伙伴", "ru": r"партн[её]р"}
CUMULATIVE = {
    "en": (
        r"cumulative|in total since|a total of|since (?:it|its|the) (?:launch"
        r"|opening|start)|had (?:run|carried|brought|delivered|reached)"
    ),
    "zh": r"累计|总计|累积",
    "ru": r"всего с момента|накоплен|в общей сложности|с момента",
}
STOCK = {
    # A stock, a portfolio or a share held in a project: as of a date, never a year's flow (a stake
    # bought or sold is a transaction of its year, and stays one).
    "en": r"\bstock\b|\bportfolio\b",
    "zh": r"存量|持股|投资组合",
    "ru": r"накопленн\w* объ|объ[её]м накопленн|запас|портфел"
    r"|\bдол[яиюе]\w*\s+(?:\w+\s+){0,3}в\s+(?:\w+\s+){0,2}проект",
}
EVENT = {
    "en": (
        r"\b(?:host(?:ed|s)?|will host|held|hold|signed|sign(?:ing)?|launch(?:ed|es)?|ceremony|took effect|"
        r"take effect|came into (?:force|effect)|entered into force|entering service|entered service|commissioned|"
        r"inaugurat\w*|opened|created|established|founded|put forward|proposed|unveiled|chair(?:ed|s)?|"
        r"convene[sd]?|(?:is|are|was|were) due to (?:begin|start|open)|began|begin|started|announced|"
        r"lift(?:ed|s)?|abolish(?:ed|es)?|introduc(?:ed|es)|visa-free|met|meeting|agreed|promised|"
        r"visit(?:ed|s)?|attend(?:ed|s)?|scrap(?:ped|s)?|set up|summit|open(?:s|ing)?|"
        r"(?:went|put|came) into (?:operation|service)|began (?:operating|operations)|depart(?:ed|s)|arrived)\b"
    ),
    "zh": (
        r"举行|举办|召开峰会|签署|签订|宣布|启动|成立|提出|开通|投产|生效|驶离|出发|开行首|建立|开工|首航|实施|主持"
        r"|建交|始发|揭幕|开幕|开航|批准|出席|通车|升级为|提升为|峰会|开始运营|投入运营|投入使用|正式运营|通航|互致贺电"
    ),
    "ru": (
        r"ввод\w* \w* ?в эксплуатацию|введ\w* в эксплуатацию|подписа\w*|состоял\w*|состоится|прош[её]л|прошл[аио]"
        r"|пройд[её]т|запущ\w*|запуст\w*|открыт\w*|откро\w*|создан\w*|учрежд\w*|вступ\w* в силу|стартова\w*"
        r"|начн[её]тся|начал\w*|отмен\w*|введ[её]н\w*|запуска\w*|открыва\w*|отправ(?:ил|ля|и)\w*|прибыл\w*"
        r"|дал\w* старт|саммит\w*"
    ),
}
REPORTING = {
    "en": r"\b(?:told|said|says|reported|reports|released|press conference|briefing|dateline)\b",
    "zh": r"新闻发布会|发布会|表示|介绍|报道",
    "ru": r"сообщил\w*|заявил\w*|/Синьхуа/|пресс-конференц",
}

MONTHS_EN = {
    m: i
    for i, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for m in names
}
MONTHS_RU = {
    stem: i
    for i, stem in enumerate(
        ("январ", "феврал", "март", "апрел", "ма[йяе]", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"),
        start=1,
    )
}
WEEKDAYS_EN = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAYS_RU = ("понедельник", "вторник", "сред", "четверг", "пятниц", "суббот", "воскресень")

WORD_NUMBERS: dict[str, dict[str, float]] = {
    "en": {
        "one": 1,
        "two": 2,
        "three": 3,
        "four": 4,
        "five": 5,
        "six": 6,
        "seven": 7,
        "eight": 8,
        "nine": 9,
        "ten": 10,
        "eleven": 11,
        "twelve": 12,
        "thirteen": 13,
        "fourteen": 14,
        "fifteen": 15,
        "sixteen": 16,
        "seventeen": 17,
        "eighteen": 18,
        "nineteen": 19,
        "twenty": 20,
        "thirty": 30,
        "forty": 40,
        "fifty": 50,
        "sixty": 60,
        "seventy": 70,
        "eighty": 80,
        "ninety": 90,
        "hundred": 100,
        "dozen": 12,
    },
    "ru": {
        "один": 1,
        "одна": 1,
        "два": 2,
        "две": 2,
        "три": 3,
        "четыре": 4,
        "пять": 5,
        "шесть": 6,
        "семь": 7,
        "восемь": 8,
        "девять": 9,
        "десять": 10,
        "двадцать": 20,
        "тридцать": 30,
        "полтора": 1.5,
        "полторы": 1.5,
    },
    "zh": {
        "一": 1,
        "两": 2,
        "二": 2,
        "三": 3,
        "四": 4,
        "五": 5,
        "六": 6,
        "七": 7,
        "八": 8,
        "九": 9,
        "十": 10,
    },
}


@cache
def family_pattern(lang: str) -> tuple[re.Pattern[str], tuple[str, ...]]:
    """All family cues of a language as one pattern for lower-cased text (group `f<i>` is family i).

    One scan finds every cue; at a given position the earlier family in `FAMILIES` wins.
    """
    names = tuple(FAMILIES)
    # Matched against lower-cased text: Python's IGNORECASE makes long alternations slow.
    alts = "|".join(f"(?P<f{i}>{FAMILIES[name][lang].lower()})" for i, name in enumerate(names))
    if lang == "en":
        # Every English cue starts a word: one look behind rules out most positions before the
        # twenty alternatives are tried (three times faster, the same hits).
        alts = r"(?<![a-z0-9_])(?:" + alts + ")"
    return prefiltered(re.compile(alts)), names


@cache
def cue(table_name: str, lang: str) -> re.Pattern[str]:
    """A compiled cue pattern (`GROWTH`, `DECLINE`, `SHARE`, ...) for a language."""
    table: dict[str, str] = globals()[table_name]
    return prefiltered(re.compile(table[lang], re.IGNORECASE))
