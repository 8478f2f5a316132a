"""Dates and periods as written, turned into the ledger's period forms.

An article says "in 2024", "for 11 months of 2024", "January through November
2023", "by Dec 31, 2019", "last year", "on Friday", "four years ago", 今年1—3月,
截至今年3月底, "до конца 2022 г.", "за четыре последних года". Each becomes a
`TimeMention` with its role — the period a figure covers, a comparison base
("on 2023", 较去年), a start ("since 2009") or a date that is itself the claim —
resolved against the publication date where the text is relative.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from caravan.claims.lexicon import MONTHS_EN, MONTHS_RU, WEEKDAYS_EN, WEEKDAYS_RU, WORD_NUMBERS
from caravan.claims.numbers import parse_zh_numeral
from caravan.claims.prefilter import prefiltered, prefiltered_table


@dataclass
class TimeMention:
    """A date or period expression in a text.

    Attributes:
        start: Offset of the first character.
        end: Offset after the last character.
        kind: year, month, day, days (a range of days), span, ytd, by, academic,
            years (a span of whole years, `2005/2020`: "between 2005 and 2020", 2005至2020年间,
            «с 2005 по 2020 год»), overn (the N years up to now: «за 35 лет», 十年来),
            since (a start at an event with no date: 生效以来, "since the line opened"),
            season (an airlines' season: winter `2023-10/2024-03`, summer `2024-03/2024-10`),
            then (届时, "by then": the day named before),
            lastn (the last N years), nextn (the coming N years of a plan: "in the coming three
            years", «в ближайшие два года», 未来三年), now, same (the same period), sameyear ("the same period of
        2024": the months of the period spoken of, in that year), that (an anaphor).
        period: The period in the ledger's form (`2024`, `2024-01/2024-11`, `2023/2024`);
            for `by` the date it ends (`2019-12-31`).
        date: The date as a claim value (`2023-11-10`, `2009-12`, `2023-05-18/2023-05-19`).
        role: period, base (a comparison base) or start (a starting point).
        relative: Resolved from the publication date ("last year", 今年).
        first_year: For `lastn`, the year the span starts.
    """

    start: int
    end: int
    kind: str
    period: str | None = None
    date: str | None = None
    role: str = "period"
    relative: bool = False
    first_year: int | None = None


def month_end(year: int, month: int) -> date:
    """The last day of a month."""
    return date(year, month, calendar.monthrange(year, month)[1])


def _span(y: int, m1: int, m2: int) -> str:
    return f"{y}-{m1:02d}/{y}-{m2:02d}"


_MON_EN = (
    r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_MON_RU = (
    r"(?P<mon>январ\w*|феврал\w*|март\w*|апрел\w*|ма[йяе]|июн\w*"
    r"|июл\w*|август\w*|сентябр\w*|октябр\w*|ноябр\w*|декабр\w*)"
)
_WORDNUM_EN = "|".join(WORD_NUMBERS["en"])
_WORDNUM_RU = "|".join(WORD_NUMBERS["ru"]) + r"|четыр\w+|пят\w+|дв\w+|тр\w+|десят\w+"

EN_PATTERNS: tuple[tuple[str, str], ...] = (
    ("academic", r"\b(?P<y1>(?:19|20)\d{2})\s?[/–-]\s?(?P<y2>(?:19|20)?\d{2})\s+(?:academic|school)\s+year"),
    ("academic", r"\b(?:academic|school)\s+year\s+(?P<y1>(?:19|20)\d{2})\s?[/–-]\s?(?P<y2>(?:19|20)?\d{2})"),
    (
        "season",
        r"\b(?P<w>winter|autumn[- ]winter|fall[- ]winter|summer|spring[- ]summer)\s+(?:schedule|season)\s+(?:of\s+)?"
        r"(?P<y1>(?:19|20)\d{2})(?:\s?[/–-]\s?(?P<y2>(?:19|20)?\d{2}))?",
    ),
    ("years", r"\bbetween\s+(?P<y1>(?:19|20)\d{2})\s+and\s+(?P<y2>(?:19|20)\d{2})\b"),
    ("years", r"\b(?:in|over|during)\s+(?:the\s+years\s+)?(?P<y1>(?:19|20)\d{2})\s?[–—-]\s?(?P<y2>(?:19|20)\d{2})\b"),
    (
        "span",
        r"\b(?:from\s+)?"
        + _MON_EN.replace("mon", "m1")
        + r"(?:\s+(?:through|to|till|until)\s+|\s*[-–—]\s*)"
        + _MON_EN.replace("mon", "m2")
        + r",?\s+(?P<y>(?:19|20)\d{2})",
    ),
    (
        "part",
        r"\b(?:the\s+)?(?P<part>first half|first quarter|first three quarters|H1|Q1|Q1-Q3)\s+(?:of\s+)?"
        r"(?P<y>(?:19|20)\d{2}|this year|last year)",
    ),
    # "in the first quarter" with no year: the part of the year of publication, or of the year before
    # where publication falls inside it.
    ("part", r"\b(?:in|during|for|over)\s+the\s+(?P<part>first half|first quarter|first three quarters)\b"),
    (
        "nmonths",
        r"\b(?:the\s+)?(?:first\s+)?(?P<n>\d{1,2}|"
        + _WORDNUM_EN
        + r")\s+months\s+(?:of\s+)?(?P<y>(?:19|20)\d{2}|this year|last year)",
    ),
    (
        "days",
        r"\b"
        + _MON_EN
        + (
            r"\.?\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s*(?:to|-|–"
            r"|and)\s*(?P<d2>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>(?:19|20)\d{2}))?"
        ),
    ),
    (
        "day",
        r"\b"
        + _MON_EN
        + (
            r"\.?\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?\b(?!\s*(?:percent"
            r"|%|billion|million))(?:,?\s+(?P<y>(?:19|20)\d{2}))?"
        ),
    ),
    (
        "days",
        r"\b(?:from\s+)?(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s*(?:to|-|–|and)\s*(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?"
        + _MON_EN
        + r"\b(?:,?\s+(?P<y>(?:19|20)\d{2}))?",
    ),
    ("day", r"\b(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MON_EN + r"\b(?:,?\s+(?P<y>(?:19|20)\d{2}))?"),
    ("month", r"\b(?:(?:in|of)\s+)?" + _MON_EN + r"\s+(?P<y>(?:19|20)\d{2})\b"),
    ("monthrel", r"\b(?:in\s+)?" + _MON_EN + r"\s+(?P<rel>last year|this year)"),
    ("ago", r"\b(?P<n>\d{1,2}|" + _WORDNUM_EN + r")\s+years?\s+ago\b"),
    (
        "since",
        r"\bsince\s+(?:the|its|their)\s+(?:[\w'’-]+\s+){0,8}?(?:opened|opening|launch(?:ed)?|began|started|took "
        r"effect|came into force|entered into force|went into operation|was set up|was established)\b"
        r"(?![^,.;]{0,25}(?:19|20)\d{2})",  # "since the terminal opened in 2016": the year is the start
    ),
    ("weekday", r"\b(?:on|last)\s+(?P<wd>" + "|".join(WEEKDAYS_EN) + r")\b"),
    (
        "lastn",
        r"\b(?:(?:over|in|during|for)\s+)?the\s+(?:past|last|previous)\s+(?P<n>\d{1,2}|" + _WORDNUM_EN + r")\s+years\b",
    ),
    (
        "nextn",
        r"\b(?:(?:over|in|during|for|within)\s+)?the\s+(?:coming|next|following)\s+(?P<n>\d{1,2}|"
        + _WORDNUM_EN
        + r")\s+years\b",
    ),
    ("samelast", r"\b(?:the\s+)?same\s+period\s+(?:of\s+)?last\s+year\b|\ba\s+year\s+(?:earlier|ago)\b"),
    ("sameyear", r"\b(?:during|in|over)?\s*the\s+same\s+period\s+(?:of|in)\s+(?P<y>(?:19|20)\d{2})\b"),
    ("same", r"\b(?:during|in|over)\s+the\s+same\s+period\b"),
    (
        "that",
        (
            r"\b(?:in|during|over|for)\s+(?:the|those|these)\s+(?:(?:first|same)\s+)?(?:\d{1,2}|"
            + _WORDNUM_EN
            + r")\s+months\b(?!\s+(?:of|in)\b)|"
            r"\b(?:in|during|over)\s+(?:that|this)\s+period\b|\b(?:those"
            r"|these)\s+(?:trips|trains|years|figures|shipments)\b"
        ),
    ),
    ("pastyear", r"\b(?:over\s+|in\s+|during\s+)?the\s+past\s+year\b|\blast\s+year\b"),
    ("nextyear", r"\bnext\s+year\b"),
    (
        "monthonly",
        r"\b(?:in|from|since|starting|starting in)\s+"
        + _MON_EN
        + r"\b(?!\.?\s*\d|\s*(?:to|through|until|[–-])\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec))",
    ),
    ("thisyear", r"\bthis\s+year\b|\bso\s+far\s+this\s+year\b|\byear[- ]to[- ]date\b"),
    ("then", r"\bby then\b|\bby that time\b"),
    ("now", r"\b(?:at present|currently|now|to date|so far|as of today|today)\b"),
    ("year", r"(?<![\d/.,-])(?P<y>(?:19|20)\d{2})(?![\d/])(?:-(?:ies|s))?"),
)

ZH_PATTERNS: tuple[tuple[str, str], ...] = (
    ("academic", r"(?P<y1>(?:19|20)\d{2})\s?[/—–-]\s?(?P<y2>(?:19|20)?\d{2})\s?学年"),
    ("season", r"(?P<y1>(?:19|20)\d{2})(?:年)?(?:\s?[/—–-]\s?(?P<y2>(?:19|20)?\d{2})年?)?(?P<w>冬春|夏秋)航季"),
    ("years", r"(?P<y1>(?:19|20)\d{2})(?:年)?(?:至|到|—|–|-|～|~)(?P<y2>(?:19|20)\d{2})年(?:间|期间)?"),
    (
        "ago",
        r"(?<![\d〇○零一二两三四五六七八九十])(?P<n>\d{1,2}|[一二两三四五六七八九十]+)年前(?![\d一二两三四五六七八九十])",
    ),
    ("overn", r"(?<![\d〇○零一二两三四五六七八九十])(?P<n>\d{1,2}|[一二两三四五六七八九十]+)多?年来"),
    ("since", r"(?<![日月年])(?:生效|开通|开行|成立|启动|建交|实施|运营|开业|投入使用|投运|落地)以来"),
    (
        "days",
        r"(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?P<d1>\d{1,2})日(?:至|到|—|-|～|~)(?:(?P<m2>\d{1,2})月)?(?P<d2>\d{1,2})日",
    ),
    ("byend", r"截至(?:到)?(?:(?P<y>\d{4})年|(?P<rel>今年|去年))?(?P<m>\d{1,2})月(?:底|末)"),
    ("byyear", r"截至(?:到)?(?:(?P<y>\d{4})年|(?P<rel>今年|去年))(?:底|末)"),
    ("yearend", r"(?P<y>\d{4})年(?:底|末)"),
    ("day", r"(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?P<d1>\d{1,2})日"),
    ("span", r"(?:(?P<y>\d{4})年|(?P<rel>今年|去年))?(?P<m1>\d{1,2})(?:月)?(?:—|-|–|至|到|~|～)(?P<m2>\d{1,2})月"),
    ("part", r"(?:(?P<y>\d{4})年|(?P<rel>今年|去年))?(?P<part>上半年|前三季度|第一季度|一季度|前两季度)"),
    ("nmonths", r"(?:(?P<y>\d{4})年|(?P<rel>今年|去年))?前(?P<n>\d{1,2}|[一二三四五六七八九十]+)个?月"),
    ("month", r"(?P<y>\d{4})年(?P<m>\d{1,2})月"),
    ("monthrel", r"(?P<rel>今年|去年)(?P<m>\d{1,2})月"),
    ("nextn", r"(?:未来|今后)(?P<n>\d{1,2}|[一二两三四五六七八九十]+)年(?!前|来|间)"),
    ("samelast", r"去年同期|上年同期|同比"),
    ("base", r"(?:较|比|与)(?:去年|上年)"),
    ("thisyear", r"今年以来|今年|本年度|年初以来"),
    ("pastyear", r"去年|上一年|过去一年"),
    ("nextyear", r"明年"),
    ("monthonly", r"(?:自|从)(?P<m>\d{1,2})月(?:份)?(?:起|开始|以来)?"),
    ("then", r"届时|到那时|到时候"),
    ("now", r"目前|到目前为止|截至目前|当前|现在|如今|眼下"),
    ("year", r"(?P<y>(?:19|20)\d{2})年(?!\d{1,2}月)"),
)

RU_PATTERNS: tuple[tuple[str, str], ...] = (
    (
        "academic",
        r"(?P<y1>(?:19|20)\d{2})\s?[/–—-]\s?(?P<y2>(?:19|20)?\d{2})\s+учебн\w+\s+год\w*|"
        r"учебн\w+\s+год\w*\s+(?P<y3>(?:19|20)\d{2})\s?[/–—-]\s?(?P<y4>(?:19|20)?\d{2})",
    ),
    (
        "season",
        r"(?P<w>осенне-зимн|зимн|весенне-летн|летн)\w*\s+(?:сезон\w*|навигаци\w*|расписани\w*)\s+"
        r"(?P<y1>(?:19|20)\d{2})(?:\s?[/–—-]\s?(?P<y2>(?:19|20)?\d{2}))?",
    ),
    (
        "years",
        r"(?:\bс\s+(?P<y1>(?:19|20)\d{2})\s+(?:г\.\s+|года?\s+)?по\s+(?P<y2>(?:19|20)\d{2})\s*(?:г\.|год\w*)?|"
        r"(?:\bв|\bза)\s+(?P<y3>(?:19|20)\d{2})\s?[–—-]\s?(?P<y4>(?:19|20)\d{2})\s*(?:гг\.|годах|годы|год\w*))",
    ),
    ("ago", r"(?P<n>\d{1,2}|" + _WORDNUM_RU + r")\s+(?:год|года|лет)\s+назад"),
    ("since", r"(?:\bс момента|\bсо дня)\s+(?:вступлени\w+|открыти\w+|запуск\w*|начал\w*|создани\w+|подписани\w+)"),
    ("overn", r"\bза\s+(?P<n>\d{1,2}|" + _WORDNUM_RU + r")\s+(?:год|года|лет)(?!\s+назад)"),
    (
        "span",
        r"(?:с\s+|за\s+)?"
        + _MON_RU.replace("mon", "m1")
        + r"\s*(?:[–—-]|по|до)\s*"
        + _MON_RU.replace("mon", "m2")
        + r"\s+(?P<y>(?:19|20)\d{2})",
    ),
    (
        "part",
        r"(?:в|за)\s+(?P<part>первом полугодии|первое полугодие|первом квартале|первый квартал)\s+"
        r"(?P<y>(?:19|20)\d{2})",
    ),
    ("part", r"(?:в|за)\s+(?P<part>первом полугодии|первое полугодие|первом квартале|первый квартал)(?![а-яё])"),
    (
        "nmonths",
        r"(?:за\s+)?(?:перв\w+\s+)?(?P<n>\d{1,2}|"
        + _WORDNUM_RU
        + r")\s+месяц\w*\s+(?P<y>(?:19|20)\d{2}|(?:этого|текущего|прошлого|минувшего)\s+года)",
    ),
    ("days", r"\b(?P<d1>\d{1,2})\s*[–—-]\s*(?P<d2>\d{1,2})\s+" + _MON_RU + r"(?:\s+(?P<y>(?:19|20)\d{2}))?"),
    ("day", r"\b(?P<d1>\d{1,2})\s+" + _MON_RU + r"(?:\s+(?P<y>(?:19|20)\d{2})(?:\s*(?:г\.|года?))?)?"),
    ("month", r"\b" + _MON_RU + r"\s+(?P<y>(?:19|20)\d{2})"),
    (
        "lastn",
        r"за\s+(?:(?P<n>\d{1,2}|"
        + _WORDNUM_RU
        + r")\s+последн\w+|последн\w+\s+(?P<n2>\d{1,2}|"
        + _WORDNUM_RU
        + r"))\s+(?:года|лет)",
    ),
    (
        "nextn",
        r"(?:\bв|\bза|\bна)\s+(?:ближайш|следующ|предстоящ)\w+\s+(?P<n>\d{1,2}|" + _WORDNUM_RU + r")\s+(?:года|лет)",
    ),
    ("byyear", r"(?:до|на)\s+(?:конца|конец)\s+(?P<y>(?:19|20)\d{2})"),
    ("samelast", r"аналогичн\w+ период\w* прошлого года|по сравнению с прошлым годом"),
    ("pastyear", r"в прошлом году|за прошлый год|в минувшем году"),
    ("nextyear", r"в следующем году|в будущем году"),
    ("thisyear", r"в этом году|с начала (?:этого |текущего )?года|в текущем году"),
    ("then", r"к тому времени|к этому времени|к этому сроку"),
    ("now", r"\bсейчас\b|в настоящее время|на сегодня\w*|ныне\b|к настоящему времени"),
    ("weekday", r"\bв\s+(?P<wd>" + "|".join(WEEKDAYS_RU) + r")\w*"),
    (
        "monthonly",
        r"(?<![А-Яа-яЁё])(?:в|с|со|начиная с)\s+"
        + _MON_RU
        + r"(?![А-Яа-яЁё])(?!\s*\d|\s*(?:[–—-]|по|до)\s*[а-я])"
        + r"(?:\s+(?P<rel>прошлого|минувшего|этого|текущего|следующего)\s+года)?",
    ),
    (
        "that",
        r"(?:за|в течение)\s+(?:перв\w+\s+)?(?:\d{1,2}|"
        + _WORDNUM_RU
        + r")\s+месяц\w*(?!\s+(?:19|20)\d{2}|\s+(?:этого|текущего|прошлого|минувшего)\s+года)|"
        r"(?:за|в)\s+(?:этот|тот|указанный|отч[её]тный)\s+период",
    ),
    ("year", r"(?<![\d/.,-])(?P<y>(?:19|20)\d{2})(?![\d/])(?:\s*(?:г\.|год\w*|-м|-го|-й))?"),
)

PATTERNS = {"en": EN_PATTERNS, "zh": ZH_PATTERNS, "ru": RU_PATTERNS}


@cache
def compiled(lang: str) -> list[tuple[str, re.Pattern[str]]]:
    """The period patterns of a language, compiled on first use (start-up stays light)."""
    flags = 0 if lang == "zh" else re.IGNORECASE
    return [(kind, prefiltered(re.compile(text, flags))) for kind, text in PATTERNS[lang]]


_BASE_BEFORE = prefiltered_table(
    {
        "en": re.compile(
            r"\b(?:on|than|against|versus|vs\.?|compared (?:with|to))\s*(?:(?:in|for)\s+)?(?:the\s+)?"
            r"(?:same\s+period\s+(?:of|in)\s+)?$",
            re.IGNORECASE,
        ),
        "ru": re.compile(
            r"(?:по сравнению с|в сравнении с|против|чем|относительно|к уровню|к)\s*(?:(?:в|за)\s+)?"
            r"(?:аналогичн\w+ период\w*\s+)?$",
            re.IGNORECASE,
        ),
        "zh": re.compile(r"(?:较|比|与|相比)\s*$"),
    }
)
_BY_BEFORE = prefiltered_table(
    {
        "en": re.compile(
            r"\b(?:by|as of|as at|at|until|through|up to|to)\s+(?:the\s+)?(?:end\s+(?:of\s+)?)?$|\bend\s+(?:of\s+)?$|"
            r"\bas of\s+$",
            re.IGNORECASE,
        ),
        "ru": re.compile(r"(?:по состоянию на|на|до|к)\s+(?:конец|конца|концу)?\s*$", re.IGNORECASE),
        "zh": re.compile(r"截至\s*$|截止\s*$|到\s*$"),
    }
)
_END_OF_BEFORE = prefiltered_table(
    {
        "en": re.compile(r"\bend\s+(?:of\s+)?$", re.IGNORECASE),
        "ru": re.compile(r"(?:конец|конца|концу)\s*$", re.IGNORECASE),
        "zh": re.compile(r"$^"),
    }
)
# A start ("since 2009"): "since" may stand a few words before the date ("since the centre opened in
# 2012"); English "from" and Russian «с» ("with") start a period only directly before the date.
_SINCE_BEFORE = prefiltered_table(
    {
        "en": re.compile(
            r"\bsince\b[^,;.]{0,130}$|\bfrom\s+(?:the\s+)?(?:(?:end|beginning|start)\s+of\s+)?$", re.IGNORECASE
        ),
        "ru": re.compile(
            r"(?:\bс момента\b[^,;.]{0,50}|\bначиная с\s+|(?<![А-Яа-яЁё])с\s+(?:начала\s+|конца\s+)?)$", re.IGNORECASE
        ),
        "zh": re.compile(r"(?:自|从)\s*$|(?:自|从)[^，,。]{0,12}(?=\d{4}年)$"),
    }
)

# "100 times the volume 30 years ago", «в 5 раз больше, чем 10 лет назад»: a time a multiple is taken against.
_MULTIPLE_BEFORE = prefiltered_table(
    {
        "en": re.compile(r"\btimes\s+(?:(?:the|its|that|of)\s+)?(?:\w+\s+){0,2}$", re.IGNORECASE),
        "ru": re.compile(r"(?<![а-яё])раз\w*\s+(?:\w+\s+){0,2}$|(?<![а-яё])чем\s+$", re.IGNORECASE),
        "zh": re.compile(r"(?!)"),
    }
)

# Chinese also writes the start after the date: 2023年11月10日以来 ("since 10 November 2023"),
# 2023年11月10日协定生效以来 ("since the agreement took effect on 10 November 2023").
_SINCE_AFTER_ZH = re.compile(
    r"\s*(?:[^，,。；\d]{0,8}?(?:生效|开通|开行|成立|启动|建交|实施|运营|开业|投入使用|投运|落地|签署|举办|举行))?以来"
)


def _word_or_int(text: str, lang: str) -> int:
    if text.isdigit():
        return int(text)
    if lang == "zh":
        return int(parse_zh_numeral(text))
    low = text.lower()
    table = WORD_NUMBERS["ru" if lang == "ru" else "en"]
    if low in table:
        return int(table[low])
    for stem, n in (("четыр", 4), ("пят", 5), ("дв", 2), ("тр", 3), ("десят", 10)):
        if low.startswith(stem):
            return n
    return 0


def _month(text: str, lang: str) -> int:
    low = text.lower().rstrip(".")
    if lang == "ru":
        for stem, n in MONTHS_RU.items():
            if re.match(stem, low):
                return n
        return 0
    return MONTHS_EN.get(low, MONTHS_EN.get(low[:3], 0))


_MONTH_SINCE = re.compile(r"(?:from|since|starting|с|со|начиная|自|从)(?![a-zа-яё])", re.IGNORECASE)


def _resolve_year(month: int, day: int, published: date) -> int:
    """The year of a day written without one: the nearest such day to the publication date."""
    best = published.year
    best_gap = None
    for y in (published.year - 1, published.year, published.year + 1):
        try:
            gap = abs((date(y, month, min(day, calendar.monthrange(y, month)[1])) - published).days)
        except ValueError:
            continue
        if best_gap is None or gap < best_gap:
            best, best_gap = y, gap
    return best


PART_MONTHS = {
    "first half": 6,
    "h1": 6,
    "first quarter": 3,
    "q1": 3,
    "first three quarters": 9,
    "q1-q3": 9,
    "上半年": 6,
    "前三季度": 9,
    "第一季度": 3,
    "一季度": 3,
    "前两季度": 6,
    "первом полугодии": 6,
    "первое полугодие": 6,
    "первом квартале": 3,
    "первый квартал": 3,
}
_MONTH_GATE = {
    "en": r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)",
    "ru": r"январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр",
}
GATES: dict[str, dict[str, str]] = {
    "en": {
        "academic": r"academic|school",
        "season": r"schedule|season",
        "years": r"\d{4}\s?(?:[–—-]|and)",
        "span": _MONTH_GATE["en"],
        "nmonths": r"months",
        "days": _MONTH_GATE["en"],
        "day": _MONTH_GATE["en"],
        "month": _MONTH_GATE["en"],
        "monthrel": _MONTH_GATE["en"],
        "ago": r"\bago\b",
        "since": r"\bsince\b",
        "weekday": r"day\b",
        "lastn": r"years",
        "samelast": r"same period|year earlier|year ago",
        "same": r"same period",
        "sameyear": r"same period",
        "that": r"period|those|these|months",
        "pastyear": r"year",
        "nextyear": r"next year",
        "monthonly": _MONTH_GATE["en"],
        "thisyear": r"this year|year.to.date",
        "now": r"present|current|now|to date|so far|today",
        "then": r"by th",
        "year": r"\d{4}",
    },
    "ru": {
        "academic": r"учебн",
        "season": r"сезон|навигац|расписан",
        "years": r"\d{4}\s?(?:[–—-]|г\.|года?\s+по|по)",
        "ago": r"назад",
        "since": r"с момента|со дня",
        "overn": r"за\s+\w+\s+(?:год|лет)",
        "span": _MONTH_GATE["ru"],
        "nmonths": r"месяц",
        "days": _MONTH_GATE["ru"],
        "day": _MONTH_GATE["ru"],
        "month": _MONTH_GATE["ru"],
        "monthonly": _MONTH_GATE["ru"],
        "lastn": r"последн",
        "nextn": r"ближайш|следующ|предстоящ",
        "byyear": r"конц|конец",
        "samelast": r"аналогичн|сравнени",
        "pastyear": r"прошл|минувш",
        "nextyear": r"следующем|будущем",
        "thisyear": r"этом году|начала|текущем",
        "now": r"сейчас|настоящ|сегодня|ныне",
        "then": r"к тому|к этому",
        "weekday": r"понедельник|вторник|сред|четверг|пятниц|суббот|воскресень",
        "that": r"месяц|период",
        "year": r"\d{4}",
    },
    "zh": {
        "academic": r"学年",
        "season": r"航季",
        "years": r"\d{4}(?:年)?(?:至|到|—|–|-|～|~)\d{4}",
        "ago": r"年前",
        "overn": r"年来",
        "since": r"以来",
        "nextn": r"未来|今后",
    },
}


@cache
def _gates(lang: str) -> dict[str, re.Pattern[str]]:
    shared: dict[str, re.Pattern[str]] = {}
    return {kind: shared.setdefault(text, re.compile(text)) for kind, text in GATES[lang].items()}


def find_times(text: str, lang: str, published: date) -> list[TimeMention]:
    """Every date or period expression in `text`, left to right, non-overlapping.

    Args:
        text: A sentence or article.
        lang: `en`, `zh` or `ru`.
        published: Publication date, for relative expressions.
    """
    found: list[TimeMention] = []
    taken: list[tuple[int, int]] = []
    gates = _gates(lang)
    low = text.lower()
    open_gates: dict[re.Pattern[str], bool] = {}  # kinds share gates (every month pattern): test each once
    for kind, pat in compiled(lang):
        gate = gates.get(kind)
        if gate is not None:
            if gate not in open_gates:
                open_gates[gate] = gate.search(low) is not None
            if not open_gates[gate]:
                continue  # a cheap test first: most sentences name no month, no "ago", no "academic year"
        for m in pat.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            tm = _make(kind, m, lang, published)
            if tm is None:
                continue
            before = text[max(0, m.start() - 140) : m.start()]
            base = _BASE_BEFORE[lang].search(before) if tm.kind in ("year", "month", "day", "span") else None
            if (base and (tm.kind in ("year", "span") or not base.group(0).strip().lower().startswith("on"))) or (
                kind == "ago" and _MULTIPLE_BEFORE[lang].search(before)
            ):
                tm.role = "base"
            elif tm.kind in ("year", "month", "day") and _BY_BEFORE[lang].search(before):
                tm = _as_by(tm, bool(_END_OF_BEFORE[lang].search(before)) or tm.kind != "year")
            if (
                tm.kind in ("year", "month", "day")
                and tm.role == "period"
                and (_SINCE_BEFORE[lang].search(before) or (lang == "zh" and _SINCE_AFTER_ZH.match(text, m.end())))
            ):
                tm.role = "start"
            found.append(tm)
            taken.append((m.start(), m.end()))
    found.sort(key=lambda t: t.start)
    return found


def _as_by(tm: TimeMention, end_of: bool) -> TimeMention:
    """`by the end of 2022` ends a running total or a stock at 2022-12-31."""
    if not end_of and tm.kind == "year":
        return tm
    if tm.kind == "year":
        end = f"{tm.period}-12-31"
    elif tm.kind == "month" and tm.period:
        y, mo = (int(x) for x in tm.period.split("-"))
        end = month_end(y, mo).isoformat()
    else:
        end = tm.date or ""
    return TimeMention(tm.start, tm.end, "by", period=end, date=end, relative=tm.relative)


def _make(kind: str, m: re.Match[str], lang: str, published: date) -> TimeMention | None:
    g = m.groupdict()
    s, e = m.start(), m.end()
    year_now = published.year

    def rel_year() -> int:
        rel = g.get("rel")
        if rel in ("去年", "last year"):
            return year_now - 1
        return year_now

    if kind == "academic":
        first, second = g.get("y1") or g["y3"], g.get("y2") or g["y4"]
        y1 = int(first)
        y2 = int(second) if len(second) == 4 else int(str(y1)[:2] + second)
        return TimeMention(s, e, "academic", period=f"{y1}/{y2}") if y2 == y1 + 1 else None
    if kind == "season":
        # Airlines' seasons: winter from the last Sunday of October to the last Saturday of March, summer
        # the rest ("winter schedule 2023/2024", «осенне-зимний сезон 2023–2024 гг.», 2023/2024年冬春航季).
        y1 = int(g["y1"])
        tail = g.get("y2")
        y_end: int | None = None
        if tail:
            y_end = int(tail) if len(tail) == 4 else int(str(y1)[:2] + tail)
        winter = re.match(r"winter|autumn|fall|осенне|зимн|冬春", g["w"], re.I) is not None
        if winter:
            y_end = y_end or y1 + 1
            return TimeMention(s, e, "season", period=f"{y1}-10/{y_end}-03") if y_end == y1 + 1 else None
        return TimeMention(s, e, "season", period=f"{y1}-03/{y1}-10") if y_end in (None, y1) else None
    if kind == "years":
        y1, y2 = int(g.get("y1") or g["y3"]), int(g.get("y2") or g["y4"])
        if not y1 < y2 <= year_now + 10:
            return None
        return TimeMention(s, e, "years", period=f"{y1}/{y2}", first_year=y1)
    if kind == "overn":
        n = _word_or_int(g["n"], lang)
        if not 1 < n <= 100:
            return None
        # The mention starts after the number: "35 лет" is also a figure (a duration) of its own. "30多年来"
        # ("over 30 years") is a bound: the span's first year is not known.
        bound = "多" in m.group(0)
        return TimeMention(
            m.end("n"),
            e,
            "overn",
            period=None if bound else f"{year_now - n}/{year_now}",
            first_year=None if bound else year_now - n,
            relative=True,
        )
    if kind == "span":
        m1 = int(g["m1"]) if g["m1"].isdigit() else _month(g["m1"], lang)
        m2 = int(g["m2"]) if g["m2"].isdigit() else _month(g["m2"], lang)
        y = int(g["y"]) if g.get("y") else rel_year()
        if not (1 <= m1 <= 12 and 1 <= m2 <= 12):
            return None
        return TimeMention(s, e, "span", period=_span(y, m1, m2), relative=not g.get("y"))
    if kind == "part":
        n = PART_MONTHS.get(g["part"].lower(), 0)
        yt = g.get("y") or g.get("rel")
        y = int(yt) if yt and yt.isdigit() else (year_now - 1 if yt and ("last" in yt or "去" in yt) else year_now)
        if not yt and lang != "zh" and n and published.month <= n:
            y = year_now - 1  # "in the first half", published in June: the part is not over, so last year's
        return TimeMention(s, e, "span", period=_span(y, 1, n), relative=not (yt and yt.isdigit())) if n else None
    if kind == "nmonths":
        n = _word_or_int(g["n"], lang)
        yt = g.get("y")
        past = bool(yt and re.search(r"last|прошл|минувш", yt))
        y = int(yt) if yt and yt.isdigit() else (year_now - 1 if past else rel_year())
        if not 1 <= n <= 12:
            return None
        return TimeMention(s, e, "span", period=_span(y, 1, n), relative=not (yt and yt.isdigit()))
    if kind == "days":
        mo = int(g["m"]) if lang == "zh" else _month(g["mon"], lang)
        mo2 = int(g["m2"]) if g.get("m2") else mo
        d1, d2 = int(g["d1"]), int(g["d2"])
        y = int(g["y"]) if g.get("y") else _resolve_year(mo, d1, published)
        try:
            a, b = date(y, mo, d1), date(y, mo2, d2)
        except ValueError:
            return None
        return TimeMention(
            s,
            e,
            "days",
            period=f"{a.isoformat()}/{b.isoformat()}",
            date=f"{a.isoformat()}/{b.isoformat()}",
            relative=not g.get("y"),
        )
    if kind == "day":
        mo = int(g["m"]) if lang == "zh" else _month(g["mon"], lang)
        d = int(g["d1"])
        if not 1 <= mo <= 12:
            return None
        y = int(g["y"]) if g.get("y") else _resolve_year(mo, d, published)
        try:
            day = date(y, mo, d)
        except ValueError:
            return None
        return TimeMention(s, e, "day", period=day.isoformat(), date=day.isoformat(), relative=not g.get("y"))
    if kind == "month":
        mo = int(g["m"]) if lang == "zh" else _month(g["mon"], lang)
        if not 1 <= mo <= 12:
            return None
        label = f"{int(g['y'])}-{mo:02d}"
        return TimeMention(s, e, "month", period=label, date=label)
    if kind == "monthrel":
        mo = int(g["m"]) if lang == "zh" else _month(g["mon"], lang)
        label = f"{rel_year()}-{mo:02d}"
        return TimeMention(s, e, "month", period=label, date=label, relative=True)
    if kind in ("byend", "byyear"):
        y = int(g["y"]) if g.get("y") else rel_year()
        mo = int(g["m"]) if g.get("m") else 12
        end = month_end(y, mo).isoformat()
        return TimeMention(s, e, "by", period=end, date=end, relative=not g.get("y"))
    if kind == "yearend":
        end = f"{int(g['y'])}-12-31"
        return TimeMention(s, e, "by", period=end, date=end)
    if kind == "since":
        return TimeMention(s, e, "since", role="start")  # since an event with no date: a running total starts
    if kind == "ago":
        y = year_now - _word_or_int(g["n"], lang)
        return TimeMention(s, e, "year", period=str(y), date=str(y), relative=True)
    if kind == "weekday":
        names = WEEKDAYS_RU if lang == "ru" else WEEKDAYS_EN
        wd = next(i for i, n in enumerate(names) if g["wd"].lower().startswith(n))
        back = (published.weekday() - wd) % 7
        day = published - timedelta(days=back)
        return TimeMention(s, e, "day", period=day.isoformat(), date=day.isoformat(), relative=True)
    if kind == "lastn":
        n = _word_or_int(g.get("n") or g.get("n2") or "", lang)
        if n <= 0:
            return None
        last = year_now - 1
        return TimeMention(s, e, "lastn", period=f"{last - n}->{last}", first_year=last - n, relative=True)
    if kind == "nextn":
        # "in the coming three years", «в ближайшие два года», 未来三年: a plan's span, from the publication
        # year (the next one, for a report of the year's last quarter) to N years after publication.
        n = _word_or_int(g.get("n") or "", lang)
        if n <= 0:
            return None
        first = published.year + (1 if published.month >= 10 else 0)
        last = max(first, published.year + n)
        return TimeMention(s, e, "nextn", period=f"{first}/{last}", first_year=first, relative=True)
    if kind == "samelast":
        return TimeMention(s, e, "samelast", role="base", relative=True)
    if kind == "base":
        return TimeMention(s, e, "samelast", role="base", relative=True)
    if kind == "same":
        return TimeMention(s, e, "same")
    if kind == "sameyear":
        return TimeMention(s, e, "sameyear", period=g["y"], first_year=int(g["y"]))
    if kind == "that":
        return TimeMention(s, e, "that")
    if kind == "pastyear":
        y = year_now - 1
        return TimeMention(s, e, "year", period=str(y), date=str(y), relative=True)
    if kind == "nextyear":
        y = year_now + 1
        return TimeMention(s, e, "year", period=str(y), date=str(y), relative=True)
    if kind == "monthonly":
        mo = int(g["m"]) if lang == "zh" else _month(g["mon"], lang)
        if not 1 <= mo <= 12:
            return None
        rel = g.get("rel")
        if rel:  # «с марта прошлого года»: the year the words name
            shift = {"прошлого": -1, "минувшего": -1, "следующего": 1}.get(rel.lower(), 0)
            label = f"{published.year + shift}-{mo:02d}"
        else:
            label = f"{_resolve_year(mo, 15, published)}-{mo:02d}"
        since = _MONTH_SINCE.match(m.group(0)) is not None  # "from April", «с апреля», 自4月起: a start
        return TimeMention(s, e, "month", period=label, date=label, relative=True, role="start" if since else "period")
    if kind == "thisyear":
        return TimeMention(s, e, "ytd", period=str(year_now), date=str(year_now), relative=True)
    if kind == "then":
        return TimeMention(s, e, "then", relative=True)  # 届时, "by then": the day the report named last
    if kind == "now":
        return TimeMention(s, e, "now", relative=True)
    if kind == "year":
        y = int(g["y"])
        return TimeMention(s, e, "year", period=str(y), date=str(y))
    return None
