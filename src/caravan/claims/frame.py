"""The claim frame: what a figure measures, the kind of measure, whole or part.

A figure's unit and the cue words of its clause give the indicator family
(trade, rail, gas, ...) and the measure (`claim.MEASURES`); "exports of A to B"
and "imports from B" give the direction, "imports and exports" (进出口, «товарооборот»)
is turnover; "agricultural products", "the Xi'an terminal", "the Almaty–Urumqi
route" make the figure a part of the whole. Whose statistics a sentence cites is
a mention (`mentions`), read from the ledger's authorities. Nothing here looks
beyond the sentence: what an article said before reaches this stage only as the
arguments the caller passes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from caravan.claims.lexicon import cue, family_pattern
from caravan.claims.numbers import _EN_PER_SENTENCE, _RU_PER_SENTENCE, Figure
from caravan.claims.prefilter import prefiltered, prefiltered_table
from caravan.claims.segment import clause_bounds

STOCK_UNITS = {
    "pairs",
    "enterprises",
    "institutes",
    "countries",
    "cities",
    "provinces",
    "routes",
    "km",
    "bcm_per_year",
    "m3_per_day",
    "rank",
    "days",
    "years",
    "flights",
    "flights_per_week",
    "persons",
    "projects",
    "trains_per_day",
}
FLOW_UNITS = {"USD", "CNY", "KZT", "EUR", "RUB", "tonnes", "bcm", "trains", "TEU", "doses"}
# Families whose figures come in few units: a figure in another unit does not inherit them.
NARROW_FAMILIES = {
    "students": {"persons", "percent", "times", "rank", "years"},
    "visitors": {"persons", "percent", "times"},
    "twinning": {"pairs", "cities", "percent"},
    "flights": {"flights", "flights_per_week", "routes", "cities", "percent", "times"},
    "visa": {"days", "persons"},
    "health": {"doses"},
    "population": {"persons"},
    "summit": set(),
    "mechanism": set(),
    "secretariat": set(),
    "event": {"persons"},
    "relations": {"years"},
    "bri": {"countries", "projects"},
}
DEFAULT_FAMILY = {
    "USD": "trade",
    "CNY": "trade",
    "bcm": "gas",
    "bcm_per_year": "gas",
    "m3_per_day": "gas",
    "trains": "rail",
    "TEU": "rail",
    "trains_per_day": "rail",
    "wagons": "rail",
    "wagons_per_day": "rail",
    "tonnes": "rail",
    "pairs": "twinning",
    "flights": "flights",
    "flights_per_week": "flights",
    "doses": "health",
}
_CHANGE_BEFORE = prefiltered_table(
    {
        "en": re.compile(
            r"(?:\bby|\bup|\bdown|\badded|\bincrease of|\bdecrease of|\brise of|\bfall of|\bgain of|\bgrew|\brose|"
            r"\bfell)\s*(?:almost|nearly|about|over|more than|some|around)?\s*(?:US\$|\$|USD\s?)?$",
            re.IGNORECASE,
        ),
        "ru": re.compile(r"(?:\bна|\bприбавил\w*)\s*(?:почти|около|более|свыше)?\s*$", re.IGNORECASE),
        "zh": re.compile(r"(?:增加|增长|减少|下降|多了|少了)了?(?:约|近|超过)?$"),
    }
)
_GROWTH_AFTER = prefiltered_table(
    {
        "en": re.compile(
            (
                r"^\s*(?:year-on-year|year on year|y/y|yoy|more than|less than"
                r"|higher|lower|up|down|increase|decrease|growth|rise|drop|fall)"
            ),
            re.IGNORECASE,
        ),
        "ru": re.compile(r"^\s*(?:больше|меньше|выше|ниже|рост|прирост|снижени)", re.IGNORECASE),
        "zh": re.compile(r"^$"),
    }
)
_DECLINE_AFTER = prefiltered_table(
    {
        "en": re.compile(r"^\s*(?:less|lower|down|decrease|drop|fall|decline)", re.IGNORECASE),
        "ru": re.compile(r"^\s*(?:меньше|ниже|снижени|сокращени)", re.IGNORECASE),
        "zh": re.compile(r"^$"),
    }
)
_RECORD = prefiltered_table(
    {
        "en": re.compile(r"\brecord\b|all-time high", re.I),
        "ru": re.compile(r"рекорд", re.I),
        "zh": re.compile(r"纪录|新高|历史最高"),
    }
)
_CAPACITY = prefiltered_table(
    {
        "en": re.compile(r"capacity|maximum|can (?:carry|pump|handle)", re.I),
        "ru": re.compile(r"мощност|пропускн\w+ способност|может пропустить|максимальн|наибольш", re.I),
        "zh": re.compile(r"能力|最大"),
    }
)
_EXPORTS = prefiltered_table(
    {"en": re.compile(r"\bexports?\b", re.I), "ru": re.compile(r"экспорт", re.I), "zh": re.compile(r"出口")}
)
_IMPORTS = prefiltered_table(
    {"en": re.compile(r"\bimports?\b", re.I), "ru": re.compile(r"импорт|ввоз", re.I), "zh": re.compile(r"进口")}
)
_TURNOVER = prefiltered_table(
    {
        "en": re.compile(r"\bimports? and exports?\b|\bexports? and imports?\b|\bturnover\b|\btwo-way trade\b", re.I),
        "ru": re.compile(r"товарооборот|экспорт\w* и импорт\w*|импорт\w* и экспорт\w*|внешнеторгов\w+ оборот", re.I),
        "zh": re.compile(r"进出口|贸易总额|双边贸易额"),
    }
)
_TRANSIT = {"en": re.compile(r"\btransit", re.I), "ru": re.compile(r"транзит", re.I), "zh": re.compile(r"过境|转运")}
# What a share is a share of: a country's whole foreign trade, or the group's total with China.
_OF_TOTAL_TRADE = prefiltered_table(
    {
        "en": re.compile(r"(?:foreign|external|overall|total) trade|of (?:its|their|the country's) trade", re.I),
        "ru": re.compile(r"внешн\w* торговл|внешнеторгов", re.I),
        "zh": re.compile(r"外贸总额|对外贸易总额|进出口总额"),
    }
)
_OF_GROUP_TOTAL = prefiltered_table(
    {
        "en": re.compile(r"of the total|of the region's|\bshare\b|\(\s*\d+(?:\.\d+)?\s*(?:percent|%)\s*\)", re.I),
        "ru": re.compile(
            r"общей сумм|от общего|(?<![а-яё])дол[яиюе](?![а-яё])|пришл\w* на|приходит\w* на|"
            r"\(\s*\d+(?:,\d+)?\s*процент",
            re.I,
        ),
        "zh": re.compile(r"占.{0,12}总额|份额"),
    }
)
_RANK_STRONG = prefiltered_table(
    {
        "en": re.compile(
            r"\b(?:comes?|came|ranks?|ranked) first\b|\bfirst place\b|\b(?:headed|tops?|topped) the list\b|"
            r"\bnumber one\b",
            re.I,
        ),
        "ru": re.compile(r"перв\w+ мест\w*|занима\w+ первое|на первом месте", re.I),
        "zh": re.compile(r"第一大|首位|第一位|头号"),
    }
)
# A share whose levels a sentence gives ("the share … rose to 21.7 % from 18.9 %", «доля … выросла до 22 %
# с 19 %», 比重…由19%提高到22%): a percentage after to/from is a level of the share, not a growth rate.
_SHARE_NOUN = prefiltered_table(
    {
        "en": re.compile(r"\bshare\b", re.I),
        "ru": re.compile(r"(?<![а-яё])дол[яиюе](?![а-яё])|удельн\w+ вес", re.I),
        "zh": re.compile(r"比重|份额|占比"),
    }
)
_LEVEL_REACHED = prefiltered_table(
    {
        "en": re.compile(r"\b(?:to|from|at)\s(?:(?:about|nearly|almost|over|more than|around)\s)?$", re.I),
        "ru": re.compile(r"(?<![а-яё])(?:до|с|со|от)\s(?:(?:почти|около|более|свыше)\s)?$", re.I),
        "zh": re.compile(r"(?:到|至|由|从)$"),
    }
)
_DAILY = prefiltered(re.compile(r"day|daily|сутк|суточн|ежедневн|в день", re.I))
_ROSE = prefiltered(re.compile(r"\b(?:rose|grew|up)\b", re.I))
_UP_TO_BEFORE = prefiltered(re.compile(r"up to\s*$|до\s*$", re.I))
_WHILE = re.compile(r"\s*(?:while|whereas|а|而)\b", re.I)


@lru_cache(maxsize=512)
def _family_hits(text: str, lang: str) -> tuple[tuple[int, int, str], ...]:
    """Every family cue in a sentence as (start, end, family), found in one scan and kept for its clauses."""
    pat, names = family_pattern(lang)
    low = text.lower()
    if len(low) != len(text):  # a few letters grow when lower-cased; keep offsets aligned
        low = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    return tuple((m.start(), m.end(), names[int((m.lastgroup or "f0")[1:])]) for m in pat.finditer(low))


def _family_at(text: str, pos: int, lang: str, lo: int = 0, hi: int | None = None) -> tuple[str | None, int]:
    """The family whose cue is nearest to `pos` within `text[lo:hi]`, and its distance.

    Trade is the vaguest family ("rail exports", "pipeline imports"): where another
    family's cue stands in the same span, that family wins.
    """
    best, best_d = None, 10**9
    other, other_d = None, 10**9
    top = len(text) if hi is None else hi
    for start, end, fam in _family_hits(text, lang):
        if start < lo or end > top:
            continue
        d = pos - end if end <= pos else (start - pos) * 1.5
        if d < best_d:
            best, best_d = fam, int(d)
        if fam != "trade" and d < other_d:
            other, other_d = fam, int(d)
    if best == "trade" and other is not None:
        return other, other_d
    return best, best_d


def _last_family(text: str, lang: str) -> str | None:
    hits = _family_hits(text, lang)
    return hits[-1][2] if hits else None


_ORDINALS = {
    "en": (("second", 2.0), ("third", 3.0), ("fourth", 4.0), ("fifth", 5.0)),
    "zh": (("第二", 2.0), ("第三", 3.0), ("第四", 4.0), ("第五", 5.0)),
    "ru": (("втор", 2.0), ("трет", 3.0), ("четв[её]рт", 4.0), ("пят", 5.0)),
}


def _rank_value(sentence: str, lang: str) -> float:
    """1 for "largest", "comes first"; 2 for "second largest", 第二大, "второе место"."""
    for word, rank in _ORDINALS[lang]:
        if lang == "zh":
            pattern = word + "(?:大|位)"
        else:  # "third-largest", "ranks second", «третий по величине», «на втором месте»
            pattern = (
                word + r"\w*[\s-]+(?:largest|biggest|place|position|мест|позици|по величине|по значимости|по объ)"
                r"|(?:ranks?|ranked|comes?|came|занима\w*|занял\w*)\s+" + word
            )
        if re.search(pattern, sentence, re.IGNORECASE):
            return rank
    return 1.0


def _is_rank(sentence: str, lang: str) -> bool:
    if _RANK_STRONG[lang].search(sentence):
        return True
    return bool(cue("RANK", lang).search(sentence) and cue("PARTNER", lang).search(sentence))


def _indicator(
    fam: str, unit: str, measure: str, clause: str, sentence: str, lang: str, stock: bool, flow: str | None = None
) -> str:
    """An indicator id, family first, in the naming the ledger and the corpus share (`flow`: see `_flow_clause`)."""
    if fam == "trade":
        clause = clause if flow is None else flow
        if _TURNOVER[lang].search(clause):
            base = "trade.turnover"  # "imports and exports", 进出口, «товарооборот»
        elif _EXPORTS[lang].search(clause):
            base = "trade.exports"
        elif _IMPORTS[lang].search(clause):
            base = "trade.imports"
        else:
            base = "trade.turnover"
        if unit == "CNY":
            base += "_cny"
    elif fam == "rail":
        base = {
            "trains": "rail.trains",
            "TEU": "rail.teu",
            "tonnes": "rail.cargo",
            "USD": "rail.goods.value",
            "routes": "rail.routes",
            "trains_per_day": "rail.trains.daily",
            "cities": "rail.reach.cities",
            "countries": "rail.reach.countries",
            "days": "rail.days",
            "km": "rail.line.length",
        }.get(unit, f"rail.{unit}")
        if unit == "tonnes" and _TRANSIT[lang].search(clause):
            base = "rail.transit.cargo"
        elif unit == "tonnes" and (_EXPORTS[lang].search(clause) or _IMPORTS[lang].search(clause)):
            base = "rail.cargo.directional"
    elif fam == "gas":
        if unit == "m3_per_day":
            base = "gas.capacity.daily" if _CAPACITY[lang].search(sentence) else "gas.flow.daily"
        else:
            base = {
                "bcm": "gas.delivered",
                "bcm_per_year": "gas.capacity",
                "km": "gas.pipeline.length",
                "persons": "gas.beneficiaries",
                "provinces": "gas.beneficiary_regions",
                "USD": "gas.value",
                "years": "gas.years_in_operation",
            }.get(unit, f"gas.{unit}")
    elif fam == "invest":
        base = ("invest.fdi_stock" if stock else "invest.flow") if unit in ("USD", "CNY") else f"invest.{unit}"
    elif fam == "visitors":
        tourism = re.search(r"touris|旅游|турис", clause, re.I)
        base = (
            ("visitors.arrivals.tourism" if tourism else "visitors.arrivals")
            if unit == "persons"
            else f"visitors.{unit}"
        )
    elif fam == "visa":
        base = {"persons": "visas.issued", "days": "visa.free_stay_days"}.get(unit, f"visa.{unit}")
    elif fam == "students":
        base = "students.in_china" if unit == "persons" else f"students.{unit}"
    elif fam == "twinning":
        base = "twinning.pairs"
    elif fam == "flights":
        base = "flights.per_week" if unit == "flights_per_week" else "flights.count"
    elif fam == "contracting":
        base = "contracting.completed"
    else:
        base = f"{fam}.{unit}"
    if measure == "share" and fam == "trade":
        if _OF_TOTAL_TRADE[lang].search(sentence):
            return "trade.partner_share"
        if _OF_GROUP_TOTAL[lang].search(clause) or _OF_GROUP_TOTAL[lang].search(sentence):
            return base + ".share_of_group"
    suffix = {
        "change": ".change_abs",
        "growth": ".growth_yoy",
        "share": ".share",
        "multiple": ".growth_multiple",
        "cumulative": ".cumulative",
        "pp_change": ".pp_change",
        "avg_growth": ".avg_growth",
    }.get(measure, "")
    if fam == "invest" and measure == "cumulative":
        return "invest.cumulative"
    return base + suffix


def _flow_clause(sentence: str, cs: int, ce: int, lang: str) -> str:
    """The clause that names the flow a figure is of: its own, else the last one before it naming one.

    "its imports from them reached 98.24 billion yuan, up 21 percent": the growth in the clause
    "up 21 percent" is the growth of the imports named just before it.
    """
    flows = (_TURNOVER[lang], _EXPORTS[lang], _IMPORTS[lang])
    if any(p.search(sentence, cs, ce) for p in flows):
        return sentence[cs:ce]
    starts = [m.start() for p in flows for m in p.finditer(sentence, 0, cs)]
    if not starts:
        return sentence[cs:ce]
    fs, fe = clause_bounds(sentence, lang, max(starts))
    return sentence[fs:fe]


@dataclass(frozen=True)
class Frame:
    """What a figure measures.

    Attributes:
        unit: The claim unit (a daily gas volume becomes `m3_per_day`).
        value: The value with its sign (a decline is negative).
        family: Indicator family.
        measure: The working measure (`claim.MEASURES`, or `cumulative` for a running total).
        indicator: Dotted indicator id.
        comparison: None, `yoy` or `share`.
        stock: The clause speaks of a stock.
        part: The part of the whole, when the figure is for a part.
        notes: How the frame was read.
    """

    unit: str
    value: float
    family: str
    measure: str
    indicator: str
    comparison: str | None = None
    stock: bool = False
    part: str | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)


def classify(fig: Figure, unit: str, sentence: str, lang: str, prior_family: str | None) -> Frame:
    """The frame of one figure in its sentence.

    Args:
        fig: The figure.
        unit: Its unit (the caller may have carried a currency over from the figure before).
        sentence: The sentence.
        lang: en, zh or ru.
        prior_family: The family the article spoke of last, used only where the sentence names none.
    """
    value = fig.value
    cs, ce = clause_bounds(sentence, lang, fig.start)
    clause = sentence[cs:ce]
    per_day = (_RU_PER_SENTENCE if lang == "ru" else _EN_PER_SENTENCE).search(sentence) if lang != "zh" else None
    if unit == "bcm" and per_day and _DAILY.search(per_day.group(0)):
        unit, value = "m3_per_day", value * 1e9
    daily_here = per_day and (_RU_PER_SENTENCE if lang == "ru" else _EN_PER_SENTENCE).search(clause)
    if unit in ("trains", "wagons") and daily_here and _DAILY.search(daily_here.group(0)):
        unit = f"{unit}_per_day"  # «ежедневно проходит 10 вагонов», "a daily average of 20 trains": in its clause
    if unit == "flights" and _WEEKLY[lang].search(sentence):
        unit = "flights_per_week"  # "27 flights a week: 11 by Kazakh and 16 by Chinese carriers"
    if unit == "bcm" and _CAPACITY[lang].search(clause):
        unit = "bcm_per_year"  # a pipeline's capacity is a yearly rate
    fam = family_of(fig, unit, sentence, lang, prior_family)
    ls = list_start(sentence, cs, fig.start, lang)
    if ls < cs:  # "increased by 202.1 percent, 153.7 percent and 10.9 times": the list's own verb
        cs, clause = ls, sentence[ls:ce]
    before = sentence[max(0, fig.start - 40) : fig.start]
    after = sentence[fig.end : fig.end + 30]
    measure = "level"
    comparison = None
    sign = 1.0
    growth_cue = (
        cue("GROWTH", lang).search(clause)
        or _GROWTH_AFTER[lang].match(after)
        or (_BY_BEFORE[lang].search(before) and cue("GROWTH", lang).search(before))
    )
    decline_before = cue("DECLINE", lang).search(sentence[: fig.start])
    decline = _DECLINE_AFTER[lang].match(after) or (
        decline_before and not _ROSE.search(sentence[decline_before.end() : fig.start])
    )
    if unit == "times":
        measure, comparison = "multiple", "yoy"
    elif unit == "pp":
        measure, comparison = "pp_change", "yoy"
    elif unit == "percent":
        if _AVG_GROWTH[lang].search(clause):
            measure, comparison = "avg_growth", None
        elif _LEVEL_REACHED[lang].search(before) and _SHARE_NOUN[lang].search(sentence, 0, fig.start):
            measure, comparison = "share", "share"  # "China's share rose to 21.7 % from 18.9 %": levels of a share
        elif growth_cue or (decline and (cue("DECLINE", lang).search(clause) or _DECLINE_AFTER[lang].match(after))):
            measure, comparison = "growth", "yoy"
        else:
            measure, comparison = "share", "share"
    elif (
        unit not in ("rank", "date")
        and (fig.plus or (_CHANGE_BEFORE[lang].search(before) and (growth_cue or decline)))
        and not _UP_TO_BEFORE.search(before)
    ):
        measure, comparison = "change", "yoy"
    if measure in ("growth", "change", "pp_change", "avg_growth") and decline and not fig.plus:
        sign = -1.0
    stock = bool(cue("STOCK", lang).search(clause))
    if measure == "level" and unit in FLOW_UNITS and not stock:
        cum = cue("CUMULATIVE", lang)
        if cum.search(clause):
            measure = "cumulative"
        else:
            m = cum.search(sentence)
            if m:
                ms, me = clause_bounds(sentence, lang, m.start())
                other_fam, _ = _family_at(sentence, ms, lang, ms, me)
                if other_fam in (None, fam) and not _WHILE.match(clause):
                    measure = "cumulative"
    if measure == "level" and unit in COUNT_UNITS:
        measure = "count"
    flow = _flow_clause(sentence, cs, ce, lang) if fam == "trade" else None
    indicator = _indicator(fam, unit, measure, clause, sentence, lang, stock, flow)
    return Frame(
        unit=unit,
        value=float(f"{sign * value:.12g}"),
        family=fam,
        measure=measure,
        indicator=indicator,
        comparison=comparison,
        stock=stock,
        part=part_of(clause, fam, lang),
    )


_LIST_TAIL = re.compile(
    r"\d(?:[\d.,\u00a0\u202f]*\d)?\s*(?:percent|per cent|%|％|процент\w*|times|раза?|倍)?\s*"
    r"(?:[,，、;；]\s*)?(?:(?:and|or|и|или)\s+|[和与及])?$",
    re.I,
)


def list_start(sentence: str, cs: int, pos: int, lang: str) -> int:
    """Where a list of figures that the figure at `pos` closes begins: its first figure's clause start.

    "increased by 202.1 percent, 153.7 percent and 10.9 times": the figures before "10.9 times"
    are joined to it by commas and "and" alone, so the list, and the clause its verb stands in,
    runs back to the clause of "202.1 percent"; a figure not in such a list keeps `cs`.
    """
    first = pos
    for _ in range(12):
        lo = max(0, first - 40)
        m = _LIST_TAIL.search(sentence[lo:first])
        if m is None or m.start() == first - lo:
            break
        first = lo + m.start()
    if first == pos:
        return cs
    return min(cs, clause_bounds(sentence, lang, first)[0])


def family_of(fig: Figure, unit: str, sentence: str, lang: str, prior_family: str | None) -> str:
    """The indicator family of a figure: the nearest cue in its clause, then its sentence, then before."""
    cs, ce = clause_bounds(sentence, lang, fig.start)
    fam, _ = _family_at(sentence, fig.start, lang, cs, ce)
    if fam is None:
        fam, _ = _family_at(sentence, fig.start, lang)
    if fam is None:
        fam = prior_family or DEFAULT_FAMILY.get(unit, "other")
        if fam in NARROW_FAMILIES and unit not in NARROW_FAMILIES[fam]:
            fam = DEFAULT_FAMILY.get(unit, "trade" if unit in ("USD", "CNY", "percent") else "other")
    if unit in ("tonnes",) and fam == "trade" and re.search(r"rail|railway|железнодорож|铁路|班列", sentence, re.I):
        fam = "rail"
    if fam in ("summit", "mechanism", "secretariat") and unit in FLOW_UNITS:
        fam = DEFAULT_FAMILY.get(unit, fam)
    return fam


_WEEKLY = prefiltered_table(
    {
        "en": re.compile(r"\b(?:a|per|each|every) week\b|\bweekly\b", re.I),
        "ru": re.compile(r"в неделю|еженедельн", re.I),
        "zh": re.compile(r"每周|周均"),
    }
)
# "вырос — на 6 %", "rose by 6 %": the change is written just before the figure, past a clause break.
_BY_BEFORE = prefiltered_table(
    {
        "en": re.compile(r"\bby\s*(?:almost|nearly|about|over|more than|some|around)?\s*$", re.I),
        "ru": re.compile(r"(?<![А-Яа-яЁё])на\s*(?:почти|около|более|свыше)?\s*$", re.I),
        "zh": re.compile(r"$^"),
    }
)
# Units that count discrete things: a figure in them is a `count`, not a flow's level.
COUNT_UNITS = {"agreements", "projects", "enterprises", "cities", "routes", "pairs", "countries", "provinces"}
_AVG_GROWTH = prefiltered_table(
    {
        "en": re.compile(
            r"\baverage(?:d)?\b[^,;]{0,40}\b(?:annual|yearly|a year|per year)|\bannual average\b|\bCAGR\b", re.I
        ),
        "ru": re.compile(r"среднегодов\w*|в среднем\s+(?:на\s+)?\S*\s*в год|ежегодно в среднем", re.I),
        "zh": re.compile(r"年均增长|年均增速|年平均增长"),
    }
)
_PART = prefiltered_table(
    {
        "en": re.compile(
            r"\b(?P<part>agricultural (?:products|goods|exports|imports|trade)|agri-food (?:products|trade)|"
            r"(?:the )?[A-Z][\w'’-]+ (?:terminal|hub|dry port|port|station|section|line)|Line [A-D]|"
            r"(?:the )?[A-Z][\w'’-]+\s?[–—-]\s?[A-Z][\w'’-]+ (?:route|flights?|line|service)|"
            r"(?:the )?[A-Z][\w'’-]+ (?:border crossing|checkpoint|crossing))"
        ),
        "ru": re.compile(
            r"(?P<part>сельскохозяйственн\w+ (?:продукци\w+|товар\w+)|агропродукци\w+|"
            r"(?:линии|линия|нитк\w+) [A-DА-Г]\b|маршрут\w* [А-ЯЁ][\w-]+\s?[–—-]\s?[А-ЯЁ][\w-]+|"
            r"(?:терминал|пункт пропуска|погранперех\w+|станци\w+) «?[А-ЯЁ][\w-]+»?)"
        ),
        "zh": re.compile(
            r"(?P<part>农产品|农业产品|[A-D]线|[\u4e00-\u9fff]{2,4}(?:口岸|站|枢纽|集结中心)|"
            r"[\u4e00-\u9fff]{2,3}[—-][\u4e00-\u9fff]{2,4}(?:航线|线路))"
        ),
    }
)
# Families where a "part" is meaningful; elsewhere the phrase names a place, not a part of the whole.
_PART_FAMILIES = {"trade", "rail", "gas", "flights", "road", "oil"}


def part_of(clause: str, family: str, lang: str) -> str | None:
    """The part of the whole a clause's figure is for (`agricultural products`, `Xi'an terminal`), else None."""
    if family not in _PART_FAMILIES:
        return None
    m = _PART[lang].search(clause)
    if m is None:
        return None
    part = m.group("part")
    return part[4:] if part.lower().startswith("the ") else part


__all__ = ["Frame", "classify", "family_of", "part_of"]
