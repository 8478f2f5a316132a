"""Period resolution: the period a figure covers, apart from its comparison base.

"Trade reached $X in 2024, up 6 % compared with 2023" covers 2024 against the
base 2023; "for 11 months of 2024" is `2024-01/2024-11`; "by the end of 2022" ends
a running total (`cumulative-to 2022-12-31`) or dates a stock (`as-of
2022-12-31`); "the past ten years" is a span; "last year", "two years ago",
两年前 and «два года назад» resolve from the publication date; "between 2005 and
2020", 2005至2020年间 and «с 2005 по 2020 год» are `2005/2020`; a flow "over 35
years" («за 35 лет», 十年来) is a running total to the publication date; academic
years in three languages are `2026/2027`; a year-to-date span ends on the day the
sentence states (截至7月11日，今年…); a figure in brackets after a year (`чем в 2023
году ($89,4 млрд)`) is that year's. A base ("compared with 2023", 同比, «по сравнению с 2023 годом»)
is never the period. Russian «с» ("with") and English "from" start a period only
where a date follows (`normalise` decides which mentions are starts).

A plan's stated span ("in the coming three years", «в ближайшие два года», 未来三年) and an airlines'
season (winter `2023-10/2024-03`) are periods; "by then" (届时) is the day named last; a signing, an
event's ordinal or one train's trip with no time of its own is of its month or recent day; stocks,
portfolios, shares held and rates of service are as of a date.

Where the sentence names no period, the discourse (the year the paragraph spoke
of, the last figure's period) fills it in; `resolve` returns the year the article
speaks of after the figure and leaves updating the discourse to its caller.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from caravan.claims.discourse import Discourse
from caravan.claims.frame import FLOW_UNITS, STOCK_UNITS
from caravan.claims.lexicon import cue
from caravan.claims.normalise import TimeMention, month_end
from caravan.claims.prefilter import prefiltered_table
from caravan.claims.segment import clause_bounds

_WHEN = {
    "en": re.compile(r"^\s*(?:when|at which time)\b", re.IGNORECASE),
    "ru": re.compile(r"^\s*когда\b", re.IGNORECASE),
    "zh": re.compile(r"^\s*(?:当时|其时)"),
}


def _period(
    unit: str,
    measure: str,
    sentence: str,
    pos: int,
    lang: str,
    disc: Discourse,
    times: list[TimeMention],
    stock: bool = False,
) -> tuple[str | None, int | None]:
    """The period a figure covers and the year the article speaks of after it."""
    year = disc.year
    reporting = cue("REPORTING", lang)
    cs, ce = clause_bounds(sentence, lang, pos)
    usable = [
        t
        for t in times
        if t.role == "period"
        and t.kind not in ("samelast",)
        and not (t.kind == "day" and reporting.search(sentence[slice(*clause_bounds(sentence, lang, t.start))]))
    ]
    in_clause = [t for t in usable if cs <= t.start < ce]
    own = _parenthesised(sentence, pos, times)
    if own is not None and own.period:
        # «на $5,4 млрд больше, чем в 2023 году ($89,4 млрд)»: the figure in brackets after a year is that year's.
        return own.period, year
    chosen = None
    attached = [t for t in in_clause if t.start > pos and _attached(sentence[pos : t.start])]
    if attached:
        chosen = attached[0]  # "from $6.4 bn in 2020 to $13.1 bn in 2024": each figure its own year
    elif in_clause:
        chosen = min(in_clause, key=lambda t: abs(t.start - pos))
    elif usable:
        chosen = min(usable, key=lambda t: (t.start > pos, abs(t.start - pos)))
    clause = sentence[cs:ce]
    span = _growth_span(measure, times)
    if span is not None:
        return span, year
    # A rate of service ("800 wagons a day", "7 flights a week") is the state at a time, as a stock is.
    stockish = unit in STOCK_UNITS or stock or measure == "rank" or unit.endswith(("_per_day", "_per_week"))
    if stockish and not attached and _is_from_value(sentence, pos, lang) and _PLAN[lang].search(sentence):
        # "plans to raise Almaty–Beijing from 6 to 7 flights a week": the level a plan starts from is today's.
        return f"as-of {disc.published.year}-{disc.published.month:02d}", year
    pub_month = f"{disc.published.year}-{disc.published.month:02d}"
    base_in_clause = any(t.role == "base" and cs <= t.start < ce for t in times)
    if _WHEN[lang].match(clause):
        base = next((t for t in reversed(times) if t.role == "base" and t.start < pos and t.period), None)
        if base is not None:
            return base.period, year
    if base_in_clause and disc.current and not in_clause and not any(t.start < pos for t in usable):
        return disc.current, year
    started = any(t.role == "start" and (t.start < pos + 80 or cs <= t.start < ce) for t in times)
    if chosen is None and measure == "rank":
        # "China is Kyrgyzstan's largest trading partner": a rank among partners is of the figures
        # spoken of, else of the last full year before publication (a partner table is yearly).
        if disc.current and not disc.current.startswith(("as-of", "cumulative")):
            return disc.current, year
        return str(disc.year or disc.published.year - 1), year
    if chosen is None and measure in ("level", "count") and _ONE_TRAIN[lang].search(sentence):
        # "这趟首发的班列编组55辆", "the train carried 41 containers": one train's trip is of the day the report
        # named for it, where that day is recent.
        day = disc.last_day
        if day is not None and 0 <= (disc.published - day).days <= 31:
            return day.isoformat(), year
    if chosen is None:
        if measure == "cumulative" or (started and measure == "level" and unit in FLOW_UNITS | {"persons"}):
            return f"cumulative-to {pub_month}", year
        if stockish:
            return f"as-of {pub_month}", year
        if base_in_clause and disc.current:
            return disc.current, year
        if disc.year is not None and not (disc.current and disc.current.startswith(f"{disc.year}-")):
            fallback = str(disc.year)
        else:
            fallback = disc.current or str(disc.published.year)
        if fallback == str(disc.published.year) and news_event(clause, unit, lang):
            # "the two sides signed seven memoranda", "deals worth $14 billion were signed": an event the
            # report is news of happened in the month it was published (or of the day it last named).
            day = disc.last_day
            recent = day is not None and day <= disc.published and (disc.published - day).days <= 31
            return (day.isoformat()[:7] if recent and day else pub_month), year
        return fallback, year
    k = chosen.kind
    period: str | None
    if k == "year":
        period = f"as-of {chosen.period}-12-31" if stock else chosen.period
    elif k == "span" and stock and chosen.period:
        y, m = (int(x) for x in chosen.period.split("/")[-1].split("-")[:2])
        period = f"as-of {month_end(y, m).isoformat()}"
    elif k == "by":
        end = chosen.period or ""
        if measure == "cumulative":
            period = f"cumulative-to {end}"
        elif stockish:
            period = f"as-of {end}"
        elif end.endswith("-12-31"):
            period = end[:4]
        else:
            period = f"{end[:4]}-01/{end[:7]}"
    elif k == "span" or k == "academic":
        period = chosen.period
    elif k == "years":
        # "between 2005 and 2020", 2005至2020年间: a stock at the span's end, else the span's total or rate.
        period = f"as-of {(chosen.period or '')[-4:]}-12-31" if stockish else chosen.period
    elif k == "overn":
        # «за 35 лет провезли 400 млн тонн», 十年来: the N years up to publication; a flow's level is a
        # running total to the publication date, a stock is as of it, a rate or multiple covers the span.
        if unit == "years":
            period = chosen.period or f"as-of {pub_month}"  # the duration itself ("35 лет", 十年): its span
        elif measure in COMPARED or measure == "avg_growth" or unit not in FLOW_UNITS | {"persons"}:
            period = f"as-of {pub_month}" if stockish or not chosen.period else chosen.period
        else:
            period = f"cumulative-to {pub_month}"
    elif k in ("month", "day", "days") and started and measure == "level" and unit in FLOW_UNITS | {"persons"}:
        period = f"cumulative-to {chosen.period}"  # "协定生效以来，已有17.3万名公民…" up to the dated day
    elif k in ("month", "day", "days"):
        period = f"as-of {chosen.period}" if stockish and k != "days" else chosen.period
    elif k == "ytd":
        y = int(chosen.period or disc.published.year)
        last_day = (
            disc.last_day
            if disc.last_day and disc.last_day.year == y and disc.last_day <= disc.published
            else disc.published
        )
        stated = _stated_end(times, y, disc)
        if stated is not None:
            last_day = stated  # "截至7月11日，今年…": the year to the date the sentence states
        period = f"{y}-01-01/{last_day.isoformat()}"
        if base_in_clause and measure not in COMPARED:
            period = str(y)
        if measure == "cumulative":
            period = f"cumulative-to {last_day.isoformat()}"
    elif k == "lastn":
        last = disc.published.year - 1
        period = chosen.period if measure in ("multiple", "growth") else str(last)
        if stockish:
            period = f"as-of {pub_month}"
        year = last
    elif k == "then":
        # 届时, "by then", «к тому времени»: the day the report named last, even one still to come.
        then = disc.last_day.isoformat() if disc.last_day else disc.last_period
        period = (f"as-of {then}" if stockish else then) if then else None
    elif k == "now":
        # "Trade now exceeds $12 bn" (如今, сейчас): a flow's latest whole year is the one before publication.
        period = (
            f"cumulative-to {pub_month}"
            if measure == "cumulative"
            else (f"as-of {pub_month}" if stockish else str(disc.published.year - 1))
        )
    elif k == "sameyear":
        # "up 30 % on the same period of 2024": a comparison's period is the one spoken of.
        ref = disc.current or disc.recent
        compared = measure in COMPARED and ref
        period = ref if compared else (in_year(ref, chosen.first_year or 0) or chosen.period)
    elif k == "same":
        # "Over the same period, China imported …": the span the last flow figure covered.
        period = disc.current or (str(disc.year) if disc.year else None)
    elif k == "that":
        those = "those" in sentence[chosen.start : chosen.end].lower()
        period = disc.last_period if those else (disc.recent or disc.last_period)
    else:
        period = chosen.period
    if k in ("year", "by", "span") and period and chosen.period:
        year = int(chosen.period[:4])
    if k == "by" and measure not in ("cumulative",) and stockish is False and period and len(period) == 4:
        year = int(period)
    return period, year


# One train (its trip), not trains in general.
_ONE_TRAIN = prefiltered_table(
    {
        "en": re.compile(r"\b(?:the|this|a|an|that)\s+(?:[\w-]+\s+){0,2}?train\b(?!s)", re.I),
        "ru": re.compile(r"(?<![А-Яа-яЁё])(?:этот|первый|данный)?\s*поезд(?:ом|у|е)?(?![А-Яа-яЁё])", re.I),
        "zh": re.compile(r"这趟|该趟|首趟|首列|这列|该列|首发的?(?:集装箱)?班列|列车装载"),
    }
)
_FROM_BEFORE = {
    "en": re.compile(r"\bfrom\s+$", re.I),
    "ru": re.compile(r"(?<![А-Яа-яЁё])[сС]\s+$"),
    "zh": re.compile(r"(?:从|由)(?:每周|每天|每日)?$"),
}
_TO_AFTER = {
    "en": re.compile(r"\d[\d.,]*\s+(?:[\w-]+\s+){0,2}?to\s+\d", re.I),
    "ru": re.compile(r"\d[\d.,]*\s+(?:[А-Яа-яЁё-]+\s+){0,2}?до\s+\d", re.I),
    "zh": re.compile(r"[\d.]+[^\d，,。；]{0,4}?(?:增至|增加到|增加至|提高到|提高至|到|至)(?:每周|每天|每日)?\d"),
}


def _is_from_value(sentence: str, pos: int, lang: str) -> bool:
    """Whether the figure at `pos` is the first of "from N to M" («с 6 до 7», 从6班增至7班)."""
    return bool(_FROM_BEFORE[lang].search(sentence, max(0, pos - 8), pos) and _TO_AFTER[lang].match(sentence, pos))


_SIGNED = prefiltered_table(
    {
        "en": re.compile(r"\b(?:sign(?:ed|ing)|announc(?:ed|ing))\b", re.I),
        "ru": re.compile(r"подписа\w+|объявил\w*", re.I),
        "zh": re.compile(r"签署|签订|签约|宣布"),
    }
)
_EVENT_UNITS = {"agreements", "USD", "CNY", "EUR", "KZT", "RUB"}


def news_event(clause: str, unit: str, lang: str) -> bool:
    """Whether the figure's clause reports a signing or announcement of agreements or money."""
    return unit in _EVENT_UNITS and _SIGNED[lang].search(clause) is not None


_BRACKET_AFTER_TIME = re.compile(r"\s*(?:г\.|года?|году|годом)?\s*[(（]\s*(?:[^()（）\d]{0,12})?")


def _parenthesised(sentence: str, pos: int, times: list[TimeMention]) -> TimeMention | None:
    """The year or month a figure in brackets right after it belongs to (`в 2023 году ($89,4 млрд)`), else None."""
    before = [t for t in times if t.end <= pos and t.kind in ("year", "month", "span")]
    if not before:
        return None
    t = before[-1]
    return t if _BRACKET_AFTER_TIME.fullmatch(sentence[t.end : pos]) else None


def _growth_span(measure: str, times: list[TimeMention]) -> str | None:
    """An average annual growth's span: the first and last years the sentence names ("from 2013 to 2024")."""
    if measure != "avg_growth":
        return None
    years = sorted({int(t.period) for t in times if t.kind == "year" and t.period and t.role != "base"})
    spans = [t.period for t in times if t.kind in ("years", "overn", "lastn") and t.period and "/" in t.period]
    if spans:
        return spans[0]
    return f"{years[0]}/{years[-1]}" if len(years) >= 2 else None


def _stated_end(times: list[TimeMention], year: int, disc: Discourse) -> date | None:
    """The day a year-to-date span ends where the sentence states it (`截至7月11日`, "as of 10 September")."""
    for t in times:
        if t.kind in ("by", "day") and t.period and len(t.period) == 10 and t.period.startswith(f"{year}-"):
            end = date.fromisoformat(t.period)
            if end <= disc.published:
                return end
    return None


_FIGURE_THEN_GAP = re.compile(r"(?:[$€¥£]|[A-Z]{3})?\s*[\d.,\s\u00a0\u202f]*\d(?P<gap>[^\d;:!?。；，,]*)")


def _attached(between: str) -> bool:
    """Whether a date right after a figure is that figure's own (`13.1 bn in 2024`, `13,1 млрд в 2024 году`).

    `between` runs from the figure's first digit to the date: the figure, its scale and unit,
    and a preposition, with no other figure and no clause break in between.
    """
    m = _FIGURE_THEN_GAP.match(between)
    return m is not None and m.end() == len(between) and len(m.group("gap")) <= 28


@dataclass(frozen=True)
class Resolution:
    """The period of a figure.

    Attributes:
        period: The period in the ledger's form, or None.
        base: The comparison base of a change, growth, pp_change or multiple, or None.
        year: The year the article speaks of after this figure.
    """

    period: str | None
    base: str | None
    year: int | None


COMPARED = ("change", "growth", "pp_change", "multiple")
_SUBORDINATE_OPENER = {
    "en": re.compile(r"\s*(?:to|if|as|when|while|although|though|because|since|once|unless)\b", re.I),
    "ru": re.compile(r"\s*(?:чтобы|если|когда|хотя|поскольку|так как|пока)(?![а-яё])", re.I),
    "zh": re.compile(r"\s*(?:为了|如果|若|当|虽然|由于|因为)"),
}
_PLAN = prefiltered_table(
    {
        "en": re.compile(
            r"\b(?:will|would|could|shall|is to|are to|expected to|is due to|are due to|plans? to|planned|aims? to|"
            r"target(?:s|ed)?|projected|forecast|intends? to|goals?)\b",
            re.I,
        ),
        "ru": re.compile(
            r"(?<![а-яё])(?:будет|будут|планиру\w*|намерен\w*|ожида\w*|прогноз\w*|должн\w*|предполага\w*|"
            r"цел[ьи](?![а-яё])|целью)",
            re.I,
        ),
        "zh": re.compile(r"将|计划|预计|力争|目标|有望"),
    }
)


def resolve(
    unit: str,
    measure: str,
    sentence: str,
    pos: int,
    lang: str,
    disc: Discourse,
    times: tuple[TimeMention, ...] | list[TimeMention],
    stock: bool = False,
) -> Resolution:
    """The period and the comparison base of the figure at `pos` in `sentence`."""
    period, year = _period(unit, measure, sentence, pos, lang, disc, list(times), stock)
    cs, ce = clause_bounds(sentence, lang, pos)
    planned = _PLAN[lang].search(sentence[cs:ce]) and not any(cs <= t.start < ce and t.role == "period" for t in times)
    # "The line is to run for 486 km, with 18 stations …", "A joint venture will run it, with China
    # holding 51 %": in a sentence that names no time at all, a plan in the main clause (or one
    # governing an earlier figure) covers the figures after it; one in an opening subordinate
    # clause ("To handle the demand this is expected to create, …") does not.
    if not planned and not times:
        plan = _PLAN[lang].search(sentence, 0, pos)
        if plan is not None:
            ps, pe = clause_bounds(sentence, lang, plan.start())
            main = ps == 0 and _SUBORDINATE_OPENER[lang].match(sentence) is None
            planned = pe <= pos and (main or re.search(r"\d", sentence[ps:pe]) is not None)
    if planned and not any(t.kind in ("nextn", "then") for t in times):
        # A plan, forecast or target covers no period yet, unless it states its span ("in the coming
        # three years, China will provide …", «в ближайшие два года», 未来三年) or its day (届时, "by then").
        return Resolution(None, None, year)
    base = base_for(measure, period, sentence, pos, lang, list(times)) if measure in COMPARED else None
    return Resolution(period, base, year)


def base_for(
    measure: str, period: str | None, sentence: str, pos: int, lang: str, times: list[TimeMention]
) -> str | None:
    """The comparison base: a base mention after the figure (or in its clause), else the year before."""
    cs, ce = clause_bounds(sentence, lang, pos)
    bases = [t for t in times if t.role == "base" or t.kind == "sameyear"]
    near = [t for t in bases if cs <= t.start < ce] or [t for t in bases if t.start > pos]
    if near:
        b = min(near, key=lambda t: abs(t.start - pos))
        if b.kind == "sameyear":
            return in_year(period, b.first_year or 0) or b.period
        if b.period:
            return b.period
    return year_before(period) if measure != "multiple" or near else None


def in_year(period: str | None, year: int) -> str | None:
    """The months of a span in another year (`2025-01/2025-11`, 2024 → `2024-01/2024-11`), else None."""
    m = re.fullmatch(r"(\d{4})(-\d{2}(?:-\d{2})?)/(\d{4})(-\d{2}(?:-\d{2})?)", period or "")
    if not m:
        return None
    return f"{year}{m.group(2)}/{year + int(m.group(3)) - int(m.group(1))}{m.group(4)}"


def year_before(period: str | None) -> str | None:
    """The same span a year earlier (`2024` → `2023`, `2024-01/2024-11` → `2023-01/2023-11`), else None."""
    if not period:
        return None
    if re.fullmatch(r"\d{4}", period):
        return str(int(period) - 1)
    m = re.fullmatch(r"(\d{4})(-\d{2}(?:-\d{2})?)/(\d{4})(-\d{2}(?:-\d{2})?)", period)
    if m:
        return f"{int(m.group(1)) - 1}{m.group(2)}/{int(m.group(3)) - 1}{m.group(4)}"
    return None


__all__ = ["Resolution", "base_for", "news_event", "resolve", "year_before"]
