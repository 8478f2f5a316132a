"""The number grammar of each language: a figure with its scale word, unit and qualifier.

English writes `$94.8 billion`, `US$94.8bn`, `94.8 billion U.S. dollars`, `46 percent`;
Chinese `948亿美元`, `6741.5亿元`, `1.4万`, `百分之六`, `5万列`; Russian `94,8 млрд
долларов`, `1 500 студентов`, `43,2 млрд куб. м`, `в 2,8 раза`. Each figure becomes a
`Figure` with its value in plain numbers (scale words expanded; gas volumes in bcm),
a unit from the claim vocabulary (`USD`, `CNY`, `percent`, `bcm`, `tonnes`, `trains`,
...), the qualifier written next to it (over, nearly, about) and a range's upper end.
Years (`2024`, `2024年`, `2024 г.`) are not figures; `normalise` reads them as periods.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from caravan.claims.lexicon import QUALIFIERS, WORD_NUMBERS
from caravan.claims.prefilter import prefiltered, prefiltered_table

_LETTER_BEFORE = re.compile(r"[A-Za-zА-Яа-я]-?$")


@dataclass
class Figure:
    """One figure found in a text.

    Attributes:
        start: Offset of the first character (qualifier and currency sign included).
        end: Offset after the last character (unit included).
        value: The value with scale words expanded (`$94.8 billion` is 94.8e9; gas in bcm).
        unit: Claim unit (`USD`, `percent`, `bcm`, `trains`, ...), or None when none was written.
        raw: The figure as written.
        qualifier: over, nearly, about, or None.
        high: Upper end of a range (`20–22 процентов`), else None.
        decimals: Digits after the decimal point as written (for rounding tolerance).
        scale: The scale factor written (1e9 for billion), for tolerance.
        plus: An explicit `+` sign was written.
        word: The number was written as a word ("four", "три").
    """

    start: int
    end: int
    value: float
    unit: str | None
    raw: str
    qualifier: str | None = None
    high: float | None = None
    decimals: int = 0
    scale: float = 1.0
    plus: bool = False
    word: bool = False


SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "trn": 1e12,
    "万": 1e4,
    "亿": 1e8,
    "万亿": 1e12,
    "千": 1e3,
    "百": 1e2,
    "тыс": 1e3,
    "тысяч": 1e3,
    "тысячи": 1e3,
    "тысяча": 1e3,
    "тысячу": 1e3,
    "млн": 1e6,
    "миллион": 1e6,
    "миллиона": 1e6,
    "миллионов": 1e6,
    "млрд": 1e9,
    "миллиард": 1e9,
    "миллиарда": 1e9,
    "миллиардов": 1e9,
    "трлн": 1e12,
    "триллион": 1e12,
    "триллиона": 1e12,
    "триллионов": 1e12,
}

_NUM = prefiltered_table(
    {
        "en": re.compile(r"(?:(?<![\w.,])|(?<=USD|CNY|RMB|HKD|KZT|EUR))(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"),
        "zh": re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)"),
        "ru": re.compile(r"(?<![\w.,])(\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"),
    }
)
_TENS_EN = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS_EN = "one|two|three|four|five|six|seven|eight|nine"
_WORD_NUM = prefiltered_table(
    {
        "en": re.compile(
            rf"\b((?:{_TENS_EN})-(?:{_UNITS_EN})|"
            + "|".join(sorted(WORD_NUMBERS["en"], key=len, reverse=True))
            + r")\b",
            re.IGNORECASE,
        ),
        "ru": re.compile(r"(?<![А-Яа-яЁё])(" + "|".join(WORD_NUMBERS["ru"]) + r")(?![А-Яа-яЁё])", re.IGNORECASE),
        "zh": re.compile(r"百分之([零一二两三四五六七八九十]+(?:点[零一二三四五六七八九]+)?)"),
    }
)
# A Chinese numeral written in characters (四百三十八亿), not an ordinal (第三) and not inside a word (一带一路).
_ZH_NUMERAL = re.compile(
    r"(?<![第百分之])([一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*(?:点[零一二三四五六七八九]+)?)"
)
# A scale word standing for its own number: "a thousand students", «более тысячи студентов»,
# 千余种, 千亿美元, 万余名 (one thousand, one hundred million, ten thousand).
_BARE_SCALE = prefiltered_table(
    {
        "en": re.compile(r"\b(?P<one>a|one)\s(?=(?:thousand|million|billion|trillion)\b)", re.IGNORECASE),
        "ru": re.compile(
            r"(?<![А-Яа-яЁё])(?=(?:тысяч[аиу]|миллиона?|миллиарда?)(?![А-Яа-яЁё]))",
            re.IGNORECASE,
        ),
        "zh": re.compile(r"(?<![\d零〇一二两三四五六七八九十百千万亿几数])(?P<one>[千万])(?=余|多|亿)"),
    }
)
_RU_NUMBER_WORD_BEFORE = re.compile(r"(?:\d|" + "|".join(WORD_NUMBERS["ru"]) + r")[\s\u00a0]$", re.IGNORECASE)

_COUNT_EN = (
    ("trains", r"trains?|train trips"),
    ("wagons", r"wagons|railcars|rail cars|freight cars"),
    (
        "persons",
        r"students|people|persons|representatives|participants|"
        r"tourists|visitors|travel+ers|residents|consumers|workers|specialists|teachers|instructors|lecturers|"
        r"doctors|journalists|experts|passengers|pupils|scholars|researchers|volunteers|employees|delegates|"
        r"athletes|farmers|entrepreneurs|trainees|graduates|citizens|migrants|applicants|pilgrims",
    ),
    ("days", r"days?"),
    ("years", r"years?"),
    ("decades", r"decades?"),
    ("pairs", r"pairs"),
    ("flights", r"flights"),
    ("routes", r"routes"),
    ("cities", r"cities"),
    ("countries", r"countries"),
    ("provinces", r"provinces|regions"),
    ("enterprises", r"enterprises|companies|firms"),
    ("doses", r"doses"),
    ("months", r"months?"),
    ("projects", r"projects"),
    ("agreements", r"agreements|documents|deals|memorandums|memoranda"),
    ("stations", r"stations"),
    ("bridges", r"bridges"),
    ("tunnels", r"tunnels"),
    ("hectares", r"hectares?"),
    ("grants", r"grants|scholarships|quotas|training (?:opportunities|places|slots)"),
    ("institutes", r"(?:Confucius )?institutes|classrooms|universities"),
    ("vehicles", r"vehicles|trucks|lorries"),
    ("times", r"times"),
)
_COUNT_RU = (
    ("trains", r"поезд\w*|состав(?:ов|а|ы)?(?![а-я])|контейнерн\w+ поезд\w*"),
    ("wagons", r"вагон\w*"),
    (
        "persons",
        r"студент\w*|человек|потребител\w*|жител\w*|турист\w*|участник\w*|представител\w*|специалист\w*|"
        r"(?:преподавател|учител|врач|журналист|эксперт|пассажир|школьник|волонт[её]р|сотрудник|работник|"
        r"делегат|спортсмен|фермер|предпринимател|мигрант|выпускник|слушател|абитуриент|паломник)"
        r"(?:ов|ей|ы|и|а|я|ам|ям|ами|ями|ах|ях)?(?![а-яё])|учёных|ученых|граждан(?:е|ам|ами)?(?![а-яё])",
    ),
    ("provinces", r"административн\w* единиц\w*|провинци\w*|регион\w*"),
    ("days", r"дн(?:я|ей|и)|день|суток"),
    ("years", r"лет(?![а-яё])|год(?:а|ов)?(?![а-яё])"),
    ("decades", r"десятилети\w*"),
    ("pairs", r"пар\w*"),
    ("flights", r"рейс\w*|авиарейс\w*"),
    ("routes", r"маршрут\w*"),
    ("cities", r"город\w*"),
    ("countries", r"стран\w*"),
    ("enterprises", r"предприят\w*|компани\w*|фирм\w*"),
    ("doses", r"доз\w*"),
    ("months", r"месяц\w*"),
    ("projects", r"проект\w*"),
    ("agreements", r"соглашени\w*|документ\w*|меморандум\w*"),
    ("stations", r"станци\w*"),
    ("bridges", r"мост\w*"),
    ("tunnels", r"тоннел\w*"),
    ("hectares", r"гектар\w*|га(?![а-я])"),
    ("grants", r"грант\w*|стипенди\w*|квот\w*"),
    ("institutes", r"институт\w*|класс\w* Конфуция|вуз(?:а|ов|ы|ам)?(?![а-яё])|университет(?:а|ов|ы)?(?![а-яё])"),
    ("vehicles", r"автомобил\w*|грузовик\w*|машин\w*"),
)


# The unit name of the one pattern that reads every counted noun; its group `c<i>` says which.
COUNTED = "*counted*"


def _counted(table: tuple[tuple[str, str], ...]) -> str:
    """Every counted noun of a table in one alternation: one scan finds the nearest noun."""
    return "(?:" + "|".join(f"(?P<c{i}>{p})" for i, (_, p) in enumerate(table)) + ")"


def _compile_tail(lang: str) -> list[tuple[str, re.Pattern[str]]]:
    if lang == "en":
        money = [
            ("HKD", r"Hong Kong dollars?|HK dollars?|HKD"),
            ("USD", r"(?:U\.\s?S\.|US|American)?\s?dollars?|USD|US\$"),
            ("CNY", r"yuan|RMB|renminbi|CNY"),
            ("KZT", r"tenge|KZT"),
            ("EUR", r"euros?|EUR"),
            ("RUB", r"roubles?|rubles?"),
        ]
        fixed = [
            ("pp", r"percentage points?|pp\b|p\.p\."),
            ("percent", r"%|percent\b|per cent\b|pct\b"),
            ("m3", r"(?:cubic met(?:er|re)s|cu\.? ?m\b|m3\b|m³)"),
            ("bcm", r"bcm\b"),
            ("tonnes", r"(?:metric )?(?:tons|tonnes|tonne|ton|t)\b"),
            ("km", r"(?:km|kilomet(?:er|re)s?)\b"),
            ("TEU", r"(?:TEUs?|twenty-foot equivalent units?)\b"),
            ("times", r"-?fold\b|times\b"),
        ]
        filler = (
            r"(?:(?!(?:last|this|next|past|the|a|an|in|of|on|at|to|for|and|or|per|each|was|were|is|are|"
            r"than|from|by|with|" + "|".join(WORD_NUMBERS["en"]) + r")\b)[A-Za-z][\w'’-]*\s)"
        )
        pats = [*money, *fixed]
        singles = [(u, re.compile(r"\s?-?(?:" + p + ")", re.IGNORECASE)) for u, p in pats]
        return [*singles, (COUNTED, re.compile(rf"\s?-?(?:{filler}{{0,3}}?{_counted(_COUNT_EN)}\b)", re.I))]
    if lang == "ru":
        pats = [
            ("USD", r"(?:долл\.?(?:ар\w*)?(?: США)?|\$|USD)"),
            ("CNY", r"юан\w*|CNY"),
            ("KZT", r"тенге"),
            ("EUR", r"евро"),
            ("RUB", r"руб\w*"),
            ("pp", r"п\.\s?п\.|процентн\w+ пункт\w*"),
            ("percent", r"%|процент\w*"),
            ("m3", r"(?:куб\.\s?м|кубометр\w*|кубическ\w* метр\w*|м3|м³)"),
            ("tonnes", r"(?:тонн\w*|т\.?(?![а-я]))"),
            ("km", r"(?:км|километр\w*)"),
            ("TEU", r"(?:TEU|ДФЭ)"),
            ("times", r"раз(?:а)?(?![а-я])"),
        ]
        singles = [(u, re.compile(r"\s?(?:" + p + ")", re.IGNORECASE)) for u, p in pats]
        return [*singles, (COUNTED, re.compile(rf"\s?(?:[А-Яа-яЁёA-Za-z-]+\s){{0,2}}?{_counted(_COUNT_RU)}", re.I))]
    pats = [
        ("HKD", r"港元|港币"),
        ("USD", r"美元|美金"),
        ("CNY", r"元人民币|人民币|元"),
        ("KZT", r"坚戈"),
        ("EUR", r"欧元"),
        ("RUB", r"卢布"),
        ("pp", r"个百分点"),
        ("percent", r"%|％"),
        ("m3", r"立方米|方"),
        ("tonnes", r"吨"),
        ("km", r"公里|千米"),
        ("TEU", r"标箱|TEU|个标准箱"),
        ("times", r"倍"),
        ("trains", r"列|趟"),
        ("wagons", r"节车厢|车皮|辆车皮"),
        ("days", r"天"),
        ("years", r"年(?=来|以来|间|多|的|中|里)|多年"),
        ("pairs", r"对"),
        ("persons", r"名|人次|人(?!民)|位"),
        ("enterprises", r"家"),
        ("routes", r"条"),
        ("cities", r"个城市"),
        ("countries", r"个国家"),
        ("provinces", r"个省"),
        ("flights", r"架次|个航班|班"),
        ("doses", r"剂|支疫苗"),
        ("months", r"个月"),
        ("projects", r"个项目"),
        ("agreements", r"[项份][\u4e00-\u9fff]{0,3}?(?:协议|文件|协定|合同)"),
        ("institutes", r"所[\u4e00-\u9fff]{0,2}?(?:学院|学校|大学|高校|课堂)"),
        ("visits", r"次(?:到访|访问|出访)"),
        ("stations", r"座车站|个车站"),
        ("grants", r"个(?:奖学金|政府奖学金|培训|研修|进修|留学)?名额"),
        ("vehicles", r"辆"),
    ]
    return [(u, re.compile(p)) for u, p in pats]


_COUNT_TABLE = {"en": _COUNT_EN, "ru": _COUNT_RU}


@cache
def _tails(lang: str) -> list[tuple[str, re.Pattern[str]]]:
    """Unit patterns of a language, compiled on first use (start-up stays light)."""
    return _compile_tail(lang)


_SCALE_AFTER = {
    "en": re.compile(r"\s?-?(thousand|million|billion|trillion|bn|mn|mln|tn|trn|m|b|k)\b", re.IGNORECASE),
    "ru": re.compile(
        r"\s?(тыс\.?|тысяч[аиу]?|млн\.?|миллион(?:а|ов)?|млрд\.?|миллиард(?:а|ов)?|трлн\.?|триллион(?:а|ов)?)(?![а-я])",
        re.IGNORECASE,
    ),
    "zh": re.compile(r"(万亿|亿|万|千(?!米|克|瓦))"),
}
_RANGE = {
    "en": re.compile(r"\s?(?:[–—-]|to)\s?(\d+(?:\.\d+)?)(?=\s?(?:%|percent|per cent|thousand|million|billion|[a-z]))"),
    "ru": re.compile(r"\s?(?:[–—-]|до)\s?(\d+(?:,\d+)?)(?=\s?(?:%|процент|тыс|млн|млрд|миллиард|миллион))"),
    "zh": re.compile(r"(?:[–—-]|至|到)(\d+(?:\.\d+)?)(?=\s?(?:%|％|亿|万))"),
}
_SCALE_OR_PERCENT = re.compile(r"\s?(?:%|percent|per cent|thousand|million|billion)", re.IGNORECASE)
# "between 5 and 7 million tonnes", «между 5 и 7 млн»: the upper end after `and`.
_BETWEEN_BEFORE = {
    "en": re.compile(r"\bbetween\s(?:US\$|\$)?$", re.IGNORECASE),
    "ru": re.compile(r"(?<![а-яё])между\s\$?$", re.IGNORECASE),
}
_BETWEEN_AND = {
    "en": re.compile(r"\s(?:and)\s(?:US\$|\$)?(\d+(?:\.\d+)?)(?=\s?(?:%|percent|thousand|million|billion|[a-z]))"),
    "ru": re.compile(r"\sи\s\$?(\d+(?:,\d+)?)(?=\s?(?:%|процент|тыс|млн|млрд|[а-я]))"),
}
# 500万至700万吨: a Chinese range whose ends both carry the scale.
_ZH_SCALED_RANGE = re.compile(r"(万亿|亿|万)(?:至|到|—|–|-|~|～)(\d+(?:\.\d+)?)(?=\1)")
_CURRENCY_BEFORE = {
    "en": re.compile(r"(HK\$|HKD\s?|US\$|U\.S\.\s?\$|USD\s?|US dollars\s?|\$|RMB\s?|CNY\s?|KZT\s?|EUR\s?|¥|€)\s?$"),
    "ru": re.compile(r"(HK\$|\$|USD\s?|CNY\s?|KZT\s?|€)$"),
    "zh": re.compile(r"(港元|港币|HK\$|美元|US\$|\$|人民币|￥|¥)$"),
}
_SIGN_UNIT = {
    "HK$": "HKD",
    "HKD": "HKD",
    "港元": "HKD",
    "港币": "HKD",
    "RMB": "CNY",
    "CNY": "CNY",
    "¥": "CNY",
    "人民币": "CNY",
    "￥": "CNY",
    "€": "EUR",
    "EUR": "EUR",
    "KZT": "KZT",
}
# A currency code written against the digits (`CNY123.4 billion`, `USD17.2 billion`) is no word prefix.
_GLUED_CODE = re.compile(r"(?:USD|CNY|RMB|HKD|KZT|EUR|HK\$|US\$)$")
_PER = {
    "en": re.compile(r"^\s?(?:per|a|each|every|/)\s?(week|day|year|annum|month)\b", re.IGNORECASE),
    "ru": re.compile(r"^\s?(?:в|за|/)\s?(недел\w*|сутки|день|год)(?![а-я])", re.IGNORECASE),
    "zh": re.compile(r"^/(周|天|日|年)"),
}
_ZH_PER_BEFORE = re.compile(r"(每周|每天|每日|每年|日均|年均|周均)[^，,。；]{0,8}$")
_RU_PER_SENTENCE = prefiltered(
    re.compile(
        r"ежедневно|ежесуточно|среднесуточн\w*|в сутки|за сутки|в день|в неделю|еженедельно|в год|ежегодно",
        re.IGNORECASE,
    )
)
_EN_PER_SENTENCE = prefiltered(
    re.compile(r"\b(?:daily|per day|a day|weekly|per week|a week|per year|a year|annual capacity)\b", re.IGNORECASE)
)

ZH_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


_ZH_NUMERAL_GATE = re.compile("[一二两三四五六七八九十]")
# Two neighbouring digits before a unit are an approximate range: 两三个, 六七十, 三四百, 七八千.
_ZH_APPROX = re.compile("(?P<a>[两二三四五六七八])(?P<b>[二三四五六七八九])(?P<u>十|百|千|万)?")
_ZH_UNIT = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_ZH_BIG_UNIT = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
_ZH_DIGIT_ALL = {**ZH_DIGITS, "〇": 0, "○": 0, "兩": 2}


def _zh_below(text: str, big: int) -> int | None:
    """A section below 万 (`三千五百`, `十二`, `三千五` is 3,500); None if it is no numeral."""
    total, current, last_unit, zero = 0, None, 0, False
    for ch in text:
        if ch in _ZH_DIGIT_ALL:
            if current is not None and current != 0 and _ZH_DIGIT_ALL[ch] != 0:
                return None  # two digits in a row (六七十) are a range, not a number
            current = _ZH_DIGIT_ALL[ch]
            zero = zero or current == 0
        elif ch in _ZH_UNIT:
            unit = _ZH_UNIT[ch]
            total += (1 if current is None else current) * unit
            current, last_unit = None, unit
        else:
            return None
    if current and zero:  # 一百零五 is 105
        total += current
    elif current:
        # 三千五 is 3,500 and 一万五 is 15,000: a bare last digit counts the unit below the one before it
        total += current * (last_unit // 10 if last_unit >= 100 else (big // 10 if big and not last_unit else 1))
    return total


def parse_zh_numeral(text: str) -> float:
    """Value of a Chinese numeral (`六` 6, `二十五` 25, `三点五` 3.5, `四百三十八亿` 43.8e9, `千亿` 1e11).

    Hand rules, not a library: sections below 万 are read digit by unit, then multiplied by
    万 and 亿 (`三万亿` is 3e12); a numeral that does not parse is 0.
    """
    whole, _, frac = text.partition("点")
    value = 0
    rest = whole
    for unit_char, factor in (("亿", 10**8), ("億", 10**8)):
        if unit_char in rest:
            head, rest = rest.split(unit_char, 1)
            high = _zh_upto_yi(head or "一")
            if high is None:
                return 0.0
            value += high * factor
            break
    low = _zh_upto_yi(rest, 10**8 if value and rest and rest[-1] in _ZH_DIGIT_ALL and len(rest) == 1 else 0)
    if low is None:
        return 0.0
    value += low
    out = float(value)
    if frac:
        if any(c not in _ZH_DIGIT_ALL for c in frac):
            return 0.0
        out += float("0." + "".join(str(_ZH_DIGIT_ALL[c]) for c in frac))
    return out


def _zh_upto_yi(text: str, big: int = 0) -> int | None:
    """A numeral below 亿 (`三万五千`, `二十万零三百`), or None."""
    if not text:
        return 0
    for unit_char in ("万", "萬"):
        if unit_char in text:
            head, tail = text.split(unit_char, 1)
            high = _zh_below(head or "一", 0)
            low = _zh_below(tail, 10**4) if tail else 0
            return None if high is None or low is None else high * 10**4 + low
    if big and len(text) == 1:  # 一亿五 is 150 million
        return _ZH_DIGIT_ALL.get(text, 0) * big // 10
    return _zh_below(text, 0)


def word_value(word: str, lang: str) -> float:
    """Value of a number word (`forty`, `twenty-five`, `три`)."""
    low = word.lower()
    if "-" in low:
        tens, _, unit = low.partition("-")
        return float(WORD_NUMBERS[lang][tens] + WORD_NUMBERS[lang][unit])
    return float(WORD_NUMBERS[lang][low])


def parse_number(text: str, lang: str) -> tuple[float, int]:
    """A written number's value and its count of decimals (`1,833` is 1833; `66,2` in Russian is 66.2)."""
    raw = text.strip()
    raw = re.sub(r"[ \u00a0\u202f]", "", raw).replace(",", ".") if lang == "ru" else raw.replace(",", "")
    decimals = len(raw.partition(".")[2])
    return float(raw), decimals


def is_year(value: float, raw: str) -> bool:
    """Whether a bare figure reads as a calendar year (four digits from 1900 to 2100)."""
    return raw.isdigit() and len(raw) == 4 and 1900 <= value <= 2100


@cache
def _qualifier_patterns(lang: str) -> list[tuple[str, re.Pattern[str]]]:
    if lang == "zh":
        return [(name, re.compile(f"(?:{QUALIFIERS[name][lang]})$")) for name in ("over", "nearly", "about")]
    return [
        (name, re.compile(rf"(?:^|[\s(«\"“])(?:{QUALIFIERS[name][lang]})\s*$", re.IGNORECASE))
        for name in ("over", "nearly", "about")
    ]


_ZH_AFTER = re.compile(r"(?:以上|多|余|左右)")


def _qualifier(before: str, after: str, lang: str) -> str | None:
    for name, pat in _qualifier_patterns(lang):
        if lang == "zh":
            if pat.search(before) or (name != "nearly" and _ZH_AFTER.match(after)):
                return "about" if after.startswith("左右") else name
        elif pat.search(before):
            return name
    return None


_FIRST_WORD = re.compile(r"\s?-?[^\s]*")
_FIXED_UNITS = {"USD", "CNY", "HKD", "KZT", "EUR", "RUB", "percent", "pp", "m3", "bcm", "tonnes", "km", "TEU", "times"}


def _unit_from_tail(tail: str, lang: str) -> tuple[str | None, int]:
    """The unit written after a number; of the nouns a few words on, the nearest one wins.

    `73 образовательных гранта студентам` counts grants, not students: a counted noun may
    stand after one or two adjectives, and the first noun that a count pattern reaches is it.
    """
    best: tuple[str | None, int] = (None, 0)
    first = _FIRST_WORD.match(tail)
    first_end = first.end() if first else 0
    for unit, pat in _tails(lang):
        m = pat.match(tail)
        if m and unit == COUNTED:
            unit = _COUNT_TABLE[lang][int((m.lastgroup or "c0")[1:])][0]
        if m and (best[0] is None or m.end() < best[1]):
            best = (unit, m.end())
            if unit in _FIXED_UNITS or m.end() <= first_end:
                break  # a unit right after the number (currency, percent, the noun itself): nothing nearer
    return best


def find_figures(text: str, lang: str, skip: list[tuple[int, int]] | None = None) -> list[Figure]:
    """Every figure in `text`, in order, except those inside the `skip` spans (dates).

    Args:
        text: A sentence or a whole article.
        lang: `en`, `zh` or `ru`.
        skip: Character spans already read as dates or periods.

    Returns:
        Figures with value, unit and qualifier; years and figures with neither unit nor
        scale are left out (a bare `68` gets a unit later only if the sentence names one).
    """
    taken = sorted(skip or [])
    out: list[Figure] = []
    candidates: list[tuple[int, int, float, int, bool]] = []
    bare: list[tuple[int, int, float, int, bool]] = []
    for m in _NUM[lang].finditer(text):
        value, decimals = parse_number(m.group(1), lang)
        candidates.append((m.start(1), m.end(1), value, decimals, False))
    wm = _WORD_NUM.get(lang)
    if wm is not None:
        for m in wm.finditer(text):
            if lang == "zh":
                candidates.append((m.start(), m.end(), parse_zh_numeral(m.group(1)), 0, True))
            else:
                candidates.append((m.start(1), m.end(1), word_value(m.group(1), lang), 0, True))
    ranges: dict[int, float] = {}
    if lang == "zh" and _ZH_NUMERAL_GATE.search(text):
        for m in _ZH_NUMERAL.finditer(text):
            word_text = m.group(1)
            if any(a <= m.start() < b for a, b, *_ in candidates):
                continue
            if text[m.end() : m.end() + 1] == "方" and not text.startswith("立方", m.end() - 1):
                continue  # 四面八方 is "everywhere"; volumes in characters are written 立方米
            if word_text == "两" and text[max(0, m.start() - 1) : m.start()] in ("前", "这", "那", "近", "头"):
                continue  # 前两天, 这两年: "a few days ago", "these last years", no count
            value = parse_zh_numeral(word_text)
            approx = _ZH_APPROX.fullmatch(word_text) if not value else None
            if approx:  # 六七十 is "sixty or seventy": the lower end, the upper as the range's end
                unit_value = parse_zh_numeral("一" + approx.group("u")) if approx.group("u") else 1.0
                value = ZH_DIGITS[approx.group("a")] * unit_value
                ranges[m.start(1)] = ZH_DIGITS[approx.group("b")] * unit_value
            if value and word_text != "一":  # 一列班列 is "a train", not a count
                candidates.append((m.start(1), m.end(1), value, 0, False))
    bare_scale = _BARE_SCALE.get(lang)
    if bare_scale is not None:
        for m in bare_scale.finditer(text):
            if lang == "ru" and _RU_NUMBER_WORD_BEFORE.search(text[max(0, m.start() - 16) : m.start()]):
                continue  # «две тысячи», «1,5 тысячи»: the number before is the figure
            one = m.group("one") if "one" in m.groupdict() else None
            if lang == "zh":
                value = 1e3 if one == "千" else 1e4
                candidates.append((m.start(), m.end(), value, 0, False))
            else:
                candidates.append((m.start(), m.end(), 1.0, 0, True))
    candidates.sort()
    consumed_to = -1
    between = lang in _BETWEEN_AND and ("between" in text.lower() or "между" in text.lower())
    for start, end, value, decimals, word in candidates:
        if start < consumed_to or any(a <= start < b for a, b in taken):
            continue
        raw_num = text[start:end]
        prev = text[max(0, start - 2) : start]
        if (
            lang != "zh"
            and _LETTER_BEFORE.search(prev)
            and not word
            and not _GLUED_CODE.search(text[max(0, start - 4) : start])
        ):
            continue  # COVID-19, B2B, Phase-2 (but not CNY123.4 billion)
        if lang == "zh" and word:
            fig = Figure(start, end, value, "percent", raw_num, word=True)
            out.append(fig)
            consumed_to = end
            continue
        after_full = text[end : end + 80]
        pos = 0
        high = None
        rng = _RANGE[lang].match(after_full)
        if (
            rng
            and lang == "en"
            and _FROM_BEFORE["en"].search(text[max(0, start - 12) : start])
            and not _SCALE_OR_PERCENT.match(after_full, rng.end())
        ):
            rng = None  # "from 4 to 9 flights" is a change, not a range (the pair shares its unit below)
        if (
            rng is None
            and lang in _BETWEEN_AND
            and between
            and _BETWEEN_BEFORE[lang].search(text[max(0, start - 12) : start])
        ):
            rng = _BETWEEN_AND[lang].match(after_full)
        if rng is None and lang == "zh":
            rng = _ZH_SCALED_RANGE.match(after_full)
            if rng:
                high = parse_number(rng.group(2), lang)[0]
                pos = rng.start(2) + len(rng.group(2))  # the scale after the upper end applies to both
        if rng and high is None:
            high = parse_number(rng.group(1), lang)[0]
            pos = rng.end()
        more = lang == "zh" and after_full[pos : pos + 1] in ("余", "多")
        if more:
            pos += 1  # 1400余吨, 300多名, 300多万: "more than" stands between the number and its unit
        scale = 1.0
        sm = _SCALE_AFTER[lang].match(after_full[pos:])
        if sm:
            word_scale = sm.group(1).lower().rstrip(".")
            if not (word_scale in ("m", "b", "k") and lang == "en" and after_full[pos : pos + 1] == " "):
                scale = SCALES.get(word_scale, 1.0)
                pos += sm.end()
        before = text[max(0, start - 40) : start]
        unit, upos = _unit_from_tail(after_full[pos:], lang)
        if unit is not None:
            pos += upos
        decades = unit == "decades"
        if decades:  # "three decades", «два десятилетия»: years, ten to the decade
            unit, scale = "years", scale * 10
        cur = _CURRENCY_BEFORE[lang].search(before)
        if cur and unit not in (None, "USD", "CNY", "EUR", "KZT", "RUB", "HKD", "percent"):
            unit, pos = None, pos - upos
        if unit is None and cur:
            unit = _SIGN_UNIT.get(cur.group(1).strip(), "USD")
        if unit is None and scale == 1.0:
            if not is_year(value, raw_num):
                bare.append((start, end, value, decimals, word))
            continue
        if is_year(value, raw_num) and unit is None and scale == 1.0:
            continue
        if (
            word
            and (
                unit is None
                or (
                    not decades  # "the three decades since …" is a span; "the five countries" counts nothing
                    and re.search(
                        r"\b(?:the|these|those|its|their|our|between|of the)\s+$|(?:этих|эти|тех)\s+$",
                        text[max(0, start - 16) : start],
                        re.IGNORECASE,
                    )
                )
            )
        ):
            continue
        if unit == "years" and is_year(value, raw_num):
            continue
        if unit in ("months",) or (unit == "years" and value > 200):
            continue
        rate = _PER[lang].match(after_full[pos:])
        per = None
        if rate:
            per = rate.group(1).lower()
            pos += rate.end()
        elif lang == "zh":
            zp = _ZH_PER_BEFORE.search(before)
            if zp:
                per = zp.group(1)
        value *= scale
        if high is not None:
            high *= scale
        written_unit = unit
        unit = _finish_unit(unit, value, scale, per, lang)
        if written_unit == "m3" and unit in ("bcm", "bcm_per_year"):
            value, high = value / 1e9, (high / 1e9 if high is not None else None)
        qstart = start - (len(cur.group(0)) if cur else 0)
        plus = text[max(0, qstart - 1) : qstart] == "+"
        qual = _qualifier(text[max(0, qstart - 30) : qstart], after_full[pos : pos + 4], lang) or (
            "over" if more else None
        )
        fig = Figure(
            start=qstart - (1 if plus else 0),
            end=end + pos,
            value=value,
            unit=unit,
            raw=text[qstart : end + pos].strip(),
            qualifier=qual,
            high=high,
            decimals=decimals,
            scale=scale,
            plus=plus,
            word=word,
        )
        if start in ranges and fig.high is None:
            fig.high, fig.qualifier = ranges[start] * scale, fig.qualifier or "about"
        out.append(fig)
        consumed_to = end + pos
    return _multiplied(text, lang, _fractions(text, lang, _coordinated(text, lang, bare, out), taken), taken)


# A multiple written as a verb: doubled, tripled; «удвоился», «утроились»; 翻了一番 (×2), 翻两番 (×4).
_MULTIPLIED = prefiltered_table(
    {
        "en": re.compile(
            r"\b(?P<v>doubled|tripled|trebled|quadrupled|(?:two|three|four|five|six|seven|eight|nine|ten)-?fold)\b"
            r"(?!\s+(?:down|efforts))",
            re.IGNORECASE,
        ),
        "ru": re.compile(
            r"(?<![А-Яа-яЁё])(?P<v>удвоил|утроил|учетверил)\w*(?!\s+(?:сво\w+\s+)?(?:усили|старани))", re.IGNORECASE
        ),
        "zh": re.compile(r"翻了?(?P<v>一|两|二)番"),
    }
)
_MULTIPLE_VALUE = {
    "doubled": 2.0,
    "tripled": 3.0,
    "trebled": 3.0,
    "quadrupled": 4.0,
    "удвоил": 2.0,
    "утроил": 3.0,
    "учетверил": 4.0,
    "一": 2.0,
    "两": 4.0,
    "二": 4.0,
}


def _multiplied(text: str, lang: str, figures: list[Figure], taken: list[tuple[int, int]]) -> list[Figure]:
    """Multiples written as verbs, in `times` (a doubling is 2 times), with the qualifier before them."""
    pat = _MULTIPLIED.get(lang)
    if pat is None or not _MULTIPLIED_GATE[lang].search(text):
        return figures
    added = []
    for m in pat.finditer(text):
        if any(a <= m.start() < b for a, b in taken) or any(f.start <= m.start() < f.end for f in figures):
            continue  # a date, or "ten-fold" already read as ten times
        verb = m.group("v").lower()
        value = _MULTIPLE_VALUE.get(verb) or float(WORD_NUMBERS["en"][verb.removesuffix("fold").rstrip("-")])
        qual = _qualifier(text[max(0, m.start() - 30) : m.start()], "", lang)
        added.append(Figure(m.start(), m.end(), value, "times", m.group(0), qualifier=qual, word=True))
    return sorted([*figures, *added], key=lambda f: f.start) if added else figures


# A share written as a fraction: "half of the financing", "a third of", «около трети», «половина», 三分之一, 一半.
_FRACTION = prefiltered_table(
    {
        "en": re.compile(
            r"(?<!first )(?<!second )(?<!latter )(?<!last )(?<!past )(?<!next )(?<!other )"
            r"\b(?:(?P<n>(?:a|one|two|three)[- ])?(?P<f>half|third|thirds|quarter|quarters|fifth|fifths|tenth)\s+of\b"
            r"(?!\s+(?:the\s+|this\s+|last\s+|next\s+)?(?:year|month|decade|century|\d{4}))"
            r"|(?<=by )(?P<n2>a|one)[- ](?P<f2>half|third|quarter|fifth|tenth)\b)",
            re.IGNORECASE,
        ),
        "ru": re.compile(
            r"(?<![а-яё])(?<!перв\w\w )(?<!втор\w\w )(?P<n>две\s)?(?P<f>половин\w*|трет[ьи]|четверт[ьи])(?![а-яё])"
            r"(?!\s+(?:года|месяца|века|\d{4}))",
            re.IGNORECASE,
        ),
        "zh": re.compile(
            r"(?P<d>[二三四五六七八九十])分之(?P<k>[一二三四五六七八九])|(?P<half>一半)"
            r"|(?<=增长|下降|增加|减少|提高|回落)(?P<c>[一二两三四五六七八九])成|(?<=[占逾近约超达的])(?P<c2>[一二两三四五六七八九])成"
        ),
    }
)
_RU_SHARE_BEFORE = re.compile(
    r"(?:около|почти|более|свыше|примерно|лишь|только|приходи\w+|пришл\w+|составля\w+|составил\w*|занима\w+|"
    r"обеспечива\w+|на)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
_RU_SHARE_AFTER = re.compile(
    r"\s+(?:всех|всего|всей|общего|общей|мирового|мировой|(?:\w+\s+)?(?:объ[её]м|экспорт|импорт|поставок|грузов|товарооборот|инвестиц))",
    re.IGNORECASE,
)
_FRACTION_VALUE = {
    "half": 50.0,
    "third": 100 / 3,
    "quarter": 25.0,
    "fifth": 20.0,
    "tenth": 10.0,
    "половин": 50.0,
    "трет": 100 / 3,
    "четверт": 25.0,
}
_TIMES_WORD = {"two": 2, "three": 3, "две": 2}


_FRACTION_GATE = {
    "en": re.compile(r"half|third|quarter|fifth|tenth", re.IGNORECASE),
    "ru": re.compile(r"половин|трет|четверт", re.IGNORECASE),
    "zh": re.compile(r"分之|一半|成"),
}
_MULTIPLIED_GATE = {
    "en": re.compile(r"doubl|tripl|trebl|quadrupl|fold", re.IGNORECASE),
    "ru": re.compile(r"удвоил|утроил|учетверил", re.IGNORECASE),
    "zh": re.compile(r"番"),
}


def _fractions(text: str, lang: str, figures: list[Figure], taken: list[tuple[int, int]]) -> list[Figure]:
    """Shares written as fractions, in percent (a third is 33.3 %), with the qualifier before them."""
    pat = _FRACTION.get(lang)
    if pat is None or not _FRACTION_GATE[lang].search(text):
        return figures
    added = []
    for m in pat.finditer(text):
        if any(a <= m.start() < b for a, b in taken) or any(f.start <= m.start() < f.end for f in figures):
            continue
        if lang == "ru" and not (
            _RU_SHARE_BEFORE.search(text, max(0, m.start() - 30), m.start()) or _RU_SHARE_AFTER.match(text, m.end())
        ):
            continue  # «Половина дела сделана»: a fraction of something no figure measures
        if lang == "zh":
            tenths = m.group("c") or m.group("c2")
            if tenths:  # 三成 is three tenths
                value = ZH_DIGITS[tenths] * 10.0
            elif m.group("half"):
                value = 50.0
            else:
                value = parse_zh_numeral(m.group("k")) / parse_zh_numeral(m.group("d")) * 100
        else:
            word = (m.group("f") or m.groupdict().get("f2") or "").lower()
            value = next(v for k, v in _FRACTION_VALUE.items() if word.startswith(k))
            value *= _TIMES_WORD.get((m.group("n") or "").strip(" -").lower(), 1)
        value = round(value, 1)
        qual = _qualifier(text[max(0, m.start() - 30) : m.start()], text[m.end() : m.end() + 4], lang)
        added.append(Figure(m.start(), m.end(), value, "percent", m.group(0), qualifier=qual, decimals=1, word=True))
    return sorted([*figures, *added], key=lambda f: f.start) if added else figures


_COORD = {
    "en": re.compile(
        r"^\s?(?:[A-Za-z-]+\s){0,2}?(?:and|or|,)\s(?:(?:more than|over|about|nearly|almost|some|around)\s)?$",
        re.IGNORECASE,
    ),
    "ru": re.compile(
        r"^\s?(?:[А-Яа-яЁё-]+\s){0,2}?(?:и|или|,)\s(?:(?:более|свыше|около|почти|примерно)\s)?$", re.IGNORECASE
    ),
    "zh": re.compile(r"^(?:[\u4e00-\u9fff]{0,4})?(?:和|与|及|、)(?:超过|近|约)?$"),
}


# "from 4 to 9 flights", «с 386 в 2016 году до 7000 поездов», 从6班增加到9班: the first number of a
# from–to pair takes the unit of the second (a year may stand between them).
_FROM_BEFORE = {
    "en": re.compile(r"\bfrom\s(?:(?:a mere|just|only|about|some|around|nearly|almost)\s)?$", re.IGNORECASE),
    "ru": re.compile(r"(?<![А-Яа-яЁё])(?:с|со|от)\s(?:(?:всего|около|примерно|почти)\s)?$", re.IGNORECASE),
    "zh": re.compile(r"[从由]$"),
}
_FROM_TO = {
    "en": re.compile(
        r"^\s?(?:in\s(?:\d{4}|the\s[\w\s]{1,20}?)\s|(?:a|per)\s(?:week|day|year)\s)?"
        r"to\s(?:(?:more than|over|about|nearly|almost|some|around|just over)\s)?$",
        re.IGNORECASE,
    ),
    "ru": re.compile(
        r"^\s?(?:в\s\d{4}\s(?:году|г\.)\s)?до\s(?:(?:более|свыше|около|почти|примерно)\s)?$", re.IGNORECASE
    ),
    "zh": re.compile(r"^(?:增加|增长|提高|上升|扩大|减少|下降)?(?:到|至)(?:超过|近|约)?$"),
}


_NO_CARRY = {None, "USD", "CNY", "EUR", "KZT", "RUB", "HKD", "percent", "pp", "times"}
_UP_FROM = {
    "en": re.compile(
        r"(?:\b(?:up|down|rising|falling|increasing|compared)\s(?:from|with)|\bagainst|\bversus|\bvs\.?)"
        r"\s(?:(?:just|only|about|some|around|nearly|a mere)\s)?$",
        re.IGNORECASE,
    ),
    "ru": re.compile(r"(?:против|по сравнению с|(?<![а-яё])с)\s(?:(?:всего|около|примерно|почти)\s)?$", re.IGNORECASE),
    "zh": re.compile(r"(?:由|从|较|比)$"),
}


def _coordinated(
    text: str, lang: str, bare: list[tuple[int, int, float, int, bool]], figures: list[Figure]
) -> list[Figure]:
    """`40 passenger and more than 90 cargo flights`: a bare number takes the unit of the figure it is joined to."""
    if not bare:
        return figures
    added = []
    for start, end, value, decimals, word in bare:
        prev = next((f for f in reversed(figures) if f.end <= start), None)
        if (
            prev is not None
            and prev.unit not in _NO_CARRY
            and prev.scale == 1.0
            and start - prev.end <= 40
            and _UP_FROM[lang].search(text[prev.end : start])
        ):  # "3,500 companies now, up from 1,800", «120 рейсов против 90», 由800家: the base counts the same
            added.append(Figure(start, end, value, prev.unit, text[start:end], decimals=decimals, word=word))
            continue
        nxt = next((f for f in figures if f.start >= end), None)
        if nxt is None or nxt.unit is None or nxt.start - end > 40 or nxt.scale != 1.0:
            continue
        if nxt.unit in ("USD", "CNY", "EUR", "KZT", "RUB", "HKD", "percent", "pp"):
            continue  # money and percentages write their sign or scale each time
        gap = text[end : nxt.start]
        joined = _COORD[lang].match(gap) and not re.search(r"\d", gap)
        if joined or (_FROM_BEFORE[lang].search(text[max(0, start - 12) : start]) and _FROM_TO[lang].match(gap)):
            added.append(Figure(start, end, value, nxt.unit, text[start:end], decimals=decimals, word=word))
    return sorted([*figures, *added], key=lambda f: f.start) if added else figures


def _finish_unit(unit: str | None, value: float, scale: float, per: str | None, lang: str) -> str | None:
    """Turn a raw unit and a per-period word into the claim unit (`m3` + day = `m3_per_day`)."""
    period = None
    if per:
        period = {
            "周": "week",
            "天": "day",
            "日": "day",
            "年": "year",
            "每周": "week",
            "每天": "day",
            "每日": "day",
            "每年": "year",
            "日均": "day",
            "年均": "year",
            "周均": "week",
            "annum": "year",
            "сутки": "day",
            "день": "day",
            "год": "year",
        }.get(per, per)
        if period.startswith("недел"):
            period = "week"
    if unit == "m3":
        if period == "day":
            return "m3_per_day"
        if period == "year":
            return "bcm_per_year"
        return "bcm"
    if unit == "bcm" and period == "year":
        return "bcm_per_year"
    if unit in ("trains", "wagons", "flights", "tonnes", "TEU", "vehicles") and period in ("day", "week", "year"):
        return f"{unit}_per_{period}"
    return unit
