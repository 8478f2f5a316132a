"""Sentences and clauses into claims: what is measured, about whom, for which period.

The rules are general, not per article: a figure's unit and the cue words of its
clause give the indicator family and the kind of measure (a level, a change, a
growth rate, a share, a multiple, a rank, a running total, a date); country names
and demonyms give subject and counterpart; the nearest period expression gives the
period, and an article's running context (the year last spoken of, the period of
the last figure) fills in what a sentence leaves out. Relative dates are resolved
from the publication date.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from caravan.claims import lexicon
from caravan.claims.lexicon import C5_MEMBERS, COUNTRY_FORMS, cue, family_pattern
from caravan.claims.normalise import TimeMention, find_times
from caravan.claims.numbers import _EN_PER_SENTENCE, _RU_PER_SENTENCE, Figure, find_figures

STOCK_UNITS = {
    "pairs",
    "enterprises",
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
    "tonnes": "rail",
    "pairs": "twinning",
    "flights": "flights",
    "flights_per_week": "flights",
    "doses": "health",
}


MEASURES = (
    "level",
    "change",
    "growth",
    "avg_growth",
    "pp_change",
    "share",
    "multiple",
    "rank",
    "count",
    "date",
    "ordinal",
)


@dataclass
class Claim:
    """One quantitative (or dated) claim found in an article.

    Attributes:
        sentence: The sentence (or headline) that states it.
        sentence_start: Offset of the sentence in the checked text.
        start: Offset of the figure in the checked text.
        end: Offset after the figure.
        raw: The figure as written.
        value: The value (scale words expanded; a date as ISO text for dates).
        unit: Claim unit (`USD`, `percent`, `bcm`, `date`, `rank`, ...).
        indicator: What is measured, family first (`trade.turnover`, `gas.delivered.cumulative`).
        family: The indicator family (`trade`, `rail`, `gas`, ...).
        measure: What kind of quantity it is, one of `MEASURES`: level, change, growth, avg_growth,
            pp_change, share, multiple, rank, count, date or ordinal. A running total is a `level`
            whose period is `cumulative-to <date>` (see `running_total`).
        subject: Entity id of the subject (for flows, the origin), if known.
        counterpart: Entity id of the counterpart (for flows, the destination), if any.
        period: The period in the ledger's form (`2024`, `2024-01/2024-11`, `as-of 2023-03-31`,
            `cumulative-to 2022-12-31`, `2014/2023`), or None when the text gives none.
        base: The comparison base of a change, growth, pp_change or multiple (`2023`,
            `2023-01/2023-11`); never the period itself. None when the text gives none.
        reporter: Whose statistics the figure is (`CHN` for China's customs), when the text says.
        part: A part of the whole the figure is for (`agricultural products`, `Xi'an terminal`,
            `Almaty–Urumqi route`); None for the whole quantity.
        comparison: None, `yoy`, `since-year` or `share`.
        qualifiers: Words that widen the claim (over, nearly, about, record, up to).
        high: Upper end of a range.
        decimals: Decimals as written, for rounding tolerance.
        scale: Scale factor as written.
        headline: Found in the title.
        notes: How the period or subject was resolved.
    """

    sentence: str
    sentence_start: int
    start: int
    end: int
    raw: str
    value: float | str
    unit: str
    indicator: str
    family: str
    measure: str
    subject: str | None = None
    counterpart: str | None = None
    period: str | None = None
    base: str | None = None
    reporter: str | None = None
    part: str | None = None
    comparison: str | None = None
    qualifiers: list[str] = field(default_factory=list)
    high: float | None = None
    decimals: int = 0
    scale: float = 1.0
    headline: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def running_total(self) -> bool:
        """Whether the figure is a running total (period `cumulative-to <date>`, indicator `*.cumulative`)."""
        return bool(self.period and self.period.startswith("cumulative-to")) or self.indicator.endswith(".cumulative")

    def to_dict(self) -> dict[str, Any]:
        """The claim as plain data (for JSON)."""
        return {
            "sentence": self.sentence,
            "text": self.raw,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "unit": self.unit,
            "high": self.high,
            "indicator": self.indicator,
            "family": self.family,
            "measure": self.measure,
            "subject": self.subject,
            "counterpart": self.counterpart,
            "period": self.period,
            "base": self.base,
            "reporter": self.reporter,
            "part": self.part,
            "comparison": self.comparison,
            "qualifiers": list(self.qualifiers),
            "headline": self.headline,
            "notes": list(self.notes),
        }


@dataclass
class Places:
    """Surface forms of places, compiled once per language from the ledger's entity names."""

    patterns: list[tuple[str, re.Pattern[str]]]

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Places mentioned in `text` as (start, end, entity id), left to right, longest first."""
        hits: list[tuple[int, int, str]] = []
        for eid, pat in self.patterns:
            for m in pat.finditer(text):
                if not any(a <= m.start() < b for a, b, _ in hits):
                    hits.append((m.start(), m.end(), eid))
        return sorted(hits)


def build_places(lang: str, entities: list[dict[str, Any]] | None = None) -> Places:
    """Place patterns for a language: the lexicon's forms plus the ledger's country names."""
    forms: dict[str, set[str]] = {k: set(v[lang]) for k, v in COUNTRY_FORMS.items()}
    for ent in entities or []:
        if ent.get("kind") != "country" or ent["id"] not in forms:
            continue
        name = ent.get(f"name_{lang}")
        if name:
            forms[ent["id"]].add(_stem(name) if lang == "ru" else re.escape(name))
    pats = []
    order = sorted(forms.items(), key=lambda kv: kv[0] == "C5")  # countries before the group's vaguer words
    for eid, names in order:
        alts = sorted(names, key=len, reverse=True)
        if lang == "zh":
            pat = re.compile("|".join(alts))
        elif lang == "ru":
            pat = re.compile(r"(?<![А-Яа-яЁё])(?:" + "|".join(alts) + r")[А-Яа-яЁё]*", re.IGNORECASE)
        else:
            pat = re.compile(r"\b(?:" + "|".join(alts) + r")(?:'s|’s)?\b")
        pats.append((eid, pat))
    return Places(pats)


def _stem(name: str) -> str:
    """A Russian name without its case ending, so that declined forms match."""
    word = name.split()[0]
    return re.escape(word[:-1] if word[-1] in "айяеиыьо" and len(word) > 4 else word)


_SENT_SPLIT = {
    "en": re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[A-Z\"“(‘])"),
    "ru": re.compile(r"(?<=[.!?])[\"»)]?\s+(?=[А-ЯЁA-Z\"«(])"),
    "zh": re.compile(r"(?<=[。！？!?])"),
}
_ABBREV = {
    "en": re.compile(
        r"(?:\b(?:U\.S|U\.K|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|No|St|Co|Inc|Ltd|"
        r"e\.g|i\.e|vs|approx|Gov|Prof)|\b[A-Z])\.$"
    ),
    "ru": re.compile(r"(?:\b(?:г|гг|куб|тыс|млн|млрд|трлн|т\.е|т\.д|долл|руб|ст|им|ул|пр|т|кв|км|см)|\b[А-ЯЁ])\.$"),
    "zh": re.compile(r"$^"),
}
_CLAUSE_SPLIT = {
    "en": re.compile(r"[;:]|,\s|\s[—–]\s|\s-\s|\bwhile\b|\bwhereas\b"),
    "ru": re.compile(r"[;:]|,\s|\s[—–-]{1,2}\s"),
    "zh": re.compile(r"[,，;；:：、]"),
}
_WHEN = {
    "en": re.compile(r"^\s*(?:when|at which time)\b", re.IGNORECASE),
    "ru": re.compile(r"^\s*когда\b", re.IGNORECASE),
    "zh": re.compile(r"^\s*(?:当时|其时)"),
}
_CHANGE_BEFORE = {
    "en": re.compile(
        r"(?:\bby|\bup|\bdown|\badded|\bincrease of|\bdecrease of|\brise of|\bfall of|\bgain of|\bgrew|\brose|"
        r"\bfell)\s*(?:almost|nearly|about|over|more than|some|around)?\s*(?:US\$|\$|USD\s?)?$",
        re.IGNORECASE,
    ),
    "ru": re.compile(r"(?:\bна|\bприбавил\w*)\s*(?:почти|около|более|свыше)?\s*$", re.IGNORECASE),
    "zh": re.compile(r"(?:增加|增长|减少|下降|多了|少了)了?(?:约|近|超过)?$"),
}
_GROWTH_AFTER = {
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
_DECLINE_AFTER = {
    "en": re.compile(r"^\s*(?:less|lower|down|decrease|drop|fall|decline)", re.IGNORECASE),
    "ru": re.compile(r"^\s*(?:меньше|ниже|снижени|сокращени)", re.IGNORECASE),
    "zh": re.compile(r"^$"),
}
_NUMBER_OF = {
    "en": re.compile(
        r"\bnumber of (?:[\w-]+\s){0,3}?(?P<noun>flights|trains|students|routes|cities|pairs|enterprises|"
        r"companies|projects|visitors|tourists)\b[^.]*?\b(?:to|at|reached|is|was|stood at|hit|exceeded)\s+"
        r"(?P<num>\d[\d,]*)\b(?!\s*(?:percent|%|\w))",
        re.IGNORECASE,
    ),
}
_NOUN_UNIT = {
    "flights": "flights",
    "trains": "trains",
    "students": "persons",
    "routes": "routes",
    "cities": "cities",
    "pairs": "pairs",
    "enterprises": "enterprises",
    "companies": "enterprises",
    "projects": "projects",
    "visitors": "persons",
    "tourists": "persons",
}
_RECORD = {
    "en": re.compile(r"\brecord\b|all-time high", re.I),
    "ru": re.compile(r"рекорд", re.I),
    "zh": re.compile(r"纪录|新高|历史最高"),
}
_CAPACITY = {
    "en": re.compile(r"capacity|maximum|can (?:carry|pump|handle)", re.I),
    "ru": re.compile(r"мощност|может пропустить|максимальн|наибольш", re.I),
    "zh": re.compile(r"能力|最大"),
}
_EXPORTS = {"en": re.compile(r"\bexports?\b", re.I), "ru": re.compile(r"экспорт", re.I), "zh": re.compile(r"出口")}
_IMPORTS = {"en": re.compile(r"\bimports?\b", re.I), "ru": re.compile(r"импорт|ввоз", re.I), "zh": re.compile(r"进口")}
_TRANSIT = {"en": re.compile(r"\btransit", re.I), "ru": re.compile(r"транзит", re.I), "zh": re.compile(r"过境|转运")}
# What a share is a share of: a country's whole foreign trade, or the group's total with China.
_OF_TOTAL_TRADE = {
    "en": re.compile(r"(?:foreign|external|overall|total) trade|of (?:its|their|the country's) trade", re.I),
    "ru": re.compile(r"внешн\w* торговл|внешнеторгов", re.I),
    "zh": re.compile(r"外贸总额|对外贸易总额|进出口总额"),
}
_OF_GROUP_TOTAL = {
    "en": re.compile(r"of the total|of the region's|\bshare\b|\(\s*\d+(?:\.\d+)?\s*(?:percent|%)\s*\)", re.I),
    "ru": re.compile(r"общей сумм|от общего|\(\s*\d+(?:,\d+)?\s*процент", re.I),
    "zh": re.compile(r"占.{0,12}总额|份额"),
}
_RANK_STRONG = {
    "en": re.compile(
        r"\b(?:comes?|came|ranks?|ranked) first\b|\bfirst place\b|\b(?:headed|tops?|topped) the list\b|"
        r"\bnumber one\b",
        re.I,
    ),
    "ru": re.compile(r"перв\w+ мест\w*|занима\w+ первое|на первом месте", re.I),
    "zh": re.compile(r"第一大|首位|第一位|头号"),
}
_DEMONYM_BEFORE_STUDENTS = {
    "en": re.compile(r"\b(?P<who>Chinese|Kazakh\w*|Kyrgyz|Tajik|Turkmen|Uzbek)\s+students\b"),
}
_LABEL_LINE = re.compile(r"^[\s—–\-•*·]*.{0,40}(?<![.!?。！？])$")


def split_sentences(text: str, lang: str) -> list[tuple[int, str]]:
    """Sentences with their offsets; a line break always ends a sentence."""
    out: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        start_line = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        last = 0
        for m in _SENT_SPLIT[lang].finditer(line):
            head = line[last : m.start()]
            if lang != "zh" and _ABBREV[lang].search(head.rstrip('"”’)»')):
                continue
            if head.strip():
                out.append((start_line + last, head))
            last = m.end()
        tail = line[last:]
        if tail.strip():
            out.append((start_line + last, tail))
    cleaned = []
    for off, s in out:
        lead = len(s) - len(s.lstrip())
        cleaned.append((off + lead, s.strip()))
    return cleaned


def clause_bounds(sentence: str, lang: str, pos: int) -> tuple[int, int]:
    """The clause of a sentence around a character offset."""
    start, end = 0, len(sentence)
    for m in _CLAUSE_SPLIT[lang].finditer(sentence):
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            end = m.start()
            break
    return start, end


@dataclass
class Context:
    """What an article has established so far: the year spoken of, the last figure's period."""

    published: date
    lang: str
    year: int | None = None
    current: str | None = None
    last_period: str | None = None
    last_family: str | None = None
    last_cue_family: str | None = None
    last_money: str | None = None
    last_day: date | None = None
    subject: str | None = None
    counterpart: str | None = None


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


def extract(text: str, lang: str, published: date, places: Places, title: str | None = None) -> list[Claim]:
    """Every claim in an article body (and its title), in order.

    Args:
        text: The body.
        lang: `en`, `zh` or `ru`.
        published: Publication date for relative dates.
        places: Place patterns for the language.
        title: The headline; its claims are kept only where the body does not repeat them.

    Returns:
        Claims with offsets into `text` (headline claims have negative offsets... see `headline`).
    """
    ctx = Context(published=published, lang=lang)
    claims: list[Claim] = []
    for off, sentence in split_sentences(text, lang):
        if _LABEL_LINE.match(sentence) and len(sentence) < 45:
            ctx.last_cue_family = _last_family(sentence, lang) or ctx.last_cue_family
            continue
        found = _sentence_claims(sentence, off, lang, ctx, places)
        claims.extend(found)
        ctx.last_cue_family = _last_family(sentence, lang) or ctx.last_cue_family
    if title:
        head_ctx = Context(published=published, lang=lang)
        body_keys = {(c.unit, _key(c.value)) for c in claims}
        for c in _sentence_claims(title.strip(), 0, lang, head_ctx, places):
            if (c.unit, _key(c.value)) in body_keys:
                continue
            c.headline = True
            claims.insert(0, c)
    return claims


def _key(value: float | str) -> Any:
    return round(value, 6) if isinstance(value, float) else value


def _sentence_claims(sentence: str, off: int, lang: str, ctx: Context, places: Places) -> list[Claim]:
    times = find_times(sentence, lang, ctx.published)
    reporting = cue("REPORTING", lang)
    skip = [(t.start, t.end) for t in times]
    figures = find_figures(sentence, lang, skip)
    figures += _numbers_of(sentence, lang, figures)
    figures.sort(key=lambda f: f.start)
    place_hits = places.find(sentence)
    out: list[Claim] = []

    # Dates that are themselves the claim: an event verb near them, no figure they date.
    for t in times:
        if t.kind not in ("day", "days", "month", "year") or t.role == "base" or not t.date:
            continue
        cs, ce = clause_bounds(sentence, lang, t.start)
        clause = sentence[cs:ce]
        if reporting.search(clause):
            continue
        if lang in ("zh", "ru") and not clause.replace(sentence[t.start : t.end], "").strip(" ,，、"):
            _, ne = clause_bounds(sentence, lang, ce + 1)
            clause = sentence[cs:ne]
        has_figure = any(cs <= f.start < ce for f in figures)
        if not cue("EVENT", lang).search(clause) or (has_figure and t.role != "start"):
            continue
        if t.role != "start" and any(f.start > t.start for f in figures):
            continue
        fam, _ = _family_at(sentence, t.start, lang)
        fam = fam or ctx.last_family or ctx.last_cue_family or "event"
        subj, cp = _parties(sentence, t.start, place_hits, fam, ctx)
        out.append(
            Claim(
                sentence=sentence,
                sentence_start=off,
                start=off + t.start,
                end=off + t.end,
                raw=sentence[t.start : t.end],
                value=t.date,
                unit="date",
                indicator=f"{fam}.date",
                family=fam,
                measure="date",
                subject=subj,
                counterpart=cp,
                period=t.date,
                notes=["date resolved from the publication date"] if t.relative else [],
            )
        )
        if t.kind == "day":
            ctx.last_day = date.fromisoformat(t.date)

    for t in times:
        if (
            t.kind == "day"
            and t.date
            and not reporting.search(sentence[slice(*clause_bounds(sentence, lang, t.start))])
        ):
            ctx.last_day = date.fromisoformat(t.date)

    for fig in figures:
        claim = _figure_claim(fig, sentence, off, lang, ctx, times, place_hits, figures)
        if claim is None:
            continue
        out.extend(_split_coordinated(claim, sentence, fig, place_hits, lang))

    if not figures and _is_rank(sentence, lang):
        fam, _ = _family_at(sentence, len(sentence), lang)
        fam = fam or ctx.last_family or "trade"
        if fam == "relations":
            fam = "trade"
        m = cue("RANK", lang).search(sentence) or _RANK_STRONG[lang].search(sentence)
        pos = m.start() if m else 0
        subj, cp = _parties(sentence, pos, place_hits, fam, ctx)
        period = _period_for(None, "rank", "rank", sentence, pos, lang, ctx, times)
        out.append(
            Claim(
                sentence=sentence,
                sentence_start=off,
                start=off + pos,
                end=off + (m.end() if m else len(sentence)),
                raw=m.group(0) if m else sentence,
                value=_rank_value(sentence, lang),
                unit="rank",
                indicator=f"{fam}.partner_rank",
                family=fam,
                measure="rank",
                subject=subj,
                counterpart=cp,
                period=period,
            )
        )
    out.sort(key=lambda c: c.start)
    return out


_ORDINALS = {
    "en": (("second", 2.0), ("third", 3.0), ("fourth", 4.0), ("fifth", 5.0)),
    "zh": (("第二", 2.0), ("第三", 3.0), ("第四", 4.0), ("第五", 5.0)),
    "ru": (("втор", 2.0), ("трет", 3.0), ("четв[её]рт", 4.0), ("пят", 5.0)),
}


def _rank_value(sentence: str, lang: str) -> float:
    """1 for "largest", "comes first"; 2 for "second largest", 第二大, "второе место"."""
    for word, rank in _ORDINALS[lang]:
        if re.search(
            word + (r"\w*\s+(?:largest|biggest|place|position|мест|позици)" if lang != "zh" else "大|位"),
            sentence,
            re.IGNORECASE,
        ):
            return rank
    return 1.0


def _is_rank(sentence: str, lang: str) -> bool:
    if _RANK_STRONG[lang].search(sentence):
        return True
    return bool(cue("RANK", lang).search(sentence) and cue("PARTNER", lang).search(sentence))


def _numbers_of(sentence: str, lang: str, figures: list[Figure]) -> list[Figure]:
    """`the number of flights ... has risen to 68`: a bare figure whose unit the sentence names."""
    pat = _NUMBER_OF.get(lang)
    if pat is None:
        return []
    out = []
    for m in pat.finditer(sentence):
        s, e = m.start("num"), m.end("num")
        if any(f.start <= s < f.end for f in figures):
            continue
        value = float(m.group("num").replace(",", ""))
        if 1900 <= value <= 2100:
            continue
        out.append(Figure(s, e, value, _NOUN_UNIT[m.group("noun").lower()], m.group("num")))
    return out


def _figure_claim(
    fig: Figure,
    sentence: str,
    off: int,
    lang: str,
    ctx: Context,
    times: list[TimeMention],
    place_hits: list[tuple[int, int, str]],
    figures: list[Figure],
) -> Claim | None:
    unit = fig.unit
    value = fig.value
    notes: list[str] = []
    if unit is None:
        if ctx.last_money is None:
            return None
        unit = ctx.last_money
        notes.append(f"unit {unit} carried over from the figure before")
    cs, ce = clause_bounds(sentence, lang, fig.start)
    clause = sentence[cs:ce]
    per_day = (_RU_PER_SENTENCE if lang == "ru" else _EN_PER_SENTENCE).search(sentence) if lang != "zh" else None
    if unit == "bcm" and per_day and re.search(r"day|daily|сутк|ежедневн|в день", per_day.group(0), re.I):
        unit, value = "m3_per_day", value * 1e9
    if unit in ("USD", "CNY", "EUR", "KZT", "RUB"):
        ctx.last_money = unit

    fam, _ = _family_at(sentence, fig.start, lang, cs, ce)
    if fam is None:
        fam, _ = _family_at(sentence, fig.start, lang)
    if fam is None:
        fam = ctx.last_family or ctx.last_cue_family or DEFAULT_FAMILY.get(unit, "other")
        if fam in NARROW_FAMILIES and unit not in NARROW_FAMILIES[fam]:
            fam = DEFAULT_FAMILY.get(unit, "trade" if unit in ("USD", "CNY", "percent") else "other")
    if unit in ("tonnes",) and fam == "trade" and re.search(r"rail|railway|железнодорож|铁路|班列", sentence, re.I):
        fam = "rail"
    if fam in ("summit", "mechanism", "secretariat") and unit in FLOW_UNITS:
        fam = DEFAULT_FAMILY.get(unit, fam)

    before = sentence[max(0, fig.start - 40) : fig.start]
    after = sentence[fig.end : fig.end + 30]
    measure = "level"
    comparison = None
    sign = 1.0
    growth_cue = cue("GROWTH", lang).search(clause) or _GROWTH_AFTER[lang].match(after)
    decline_before = cue("DECLINE", lang).search(sentence[: fig.start])
    decline = _DECLINE_AFTER[lang].match(after) or (
        decline_before and not re.search(r"\b(?:rose|grew|up)\b", sentence[decline_before.end() : fig.start], re.I)
    )
    if unit == "times":
        measure, comparison = "multiple", "yoy"
    elif unit == "percent":
        if growth_cue or (decline and (cue("DECLINE", lang).search(clause) or _DECLINE_AFTER[lang].match(after))):
            measure, comparison = "growth", "yoy"
        else:
            measure, comparison = "share", "share"
    elif (
        unit not in ("rank", "date")
        and (fig.plus or (_CHANGE_BEFORE[lang].search(before) and (growth_cue or decline)))
        and not re.search(r"up to\s*$|до\s*$", before, re.I)
    ):
        measure, comparison = "change", "yoy"
    if measure in ("growth", "change") and decline and not fig.plus:
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
                if other_fam in (None, fam) and not re.match(r"\s*(?:while|whereas|а|而)\b", clause, re.I):
                    measure = "cumulative"

    indicator = _indicator(fam, unit, measure, clause, sentence, lang, stock)
    period = _period_for(fig, unit, measure, sentence, fig.start, lang, ctx, times, stock=stock)
    lastn = next((t for t in times if t.kind == "lastn"), None)
    if lastn is not None and measure in ("multiple", "growth") and period == lastn.period:
        comparison = "since-year"
    subj, cp = _parties(sentence, fig.start, place_hits, fam, ctx)
    quals = [fig.qualifier] if fig.qualifier else []
    if re.search(r"up to\s*$", before, re.I):
        quals = ["up to"]
    if _RECORD[lang].search(sentence):
        quals.append("record")
    if fig.high is not None:
        notes.append(f"range {fig.value:g}–{fig.high:g}; the lower end is checked")
    if (
        _WHEN[lang].match(clause) is None
        and measure != "rank"
        and period
        and not period.startswith(("as-of", "cumulative"))
    ) and (unit in FLOW_UNITS or unit == "percent" or unit == "times"):
        ctx.current = period
    if period and measure != "date":
        ctx.last_period = period
    ctx.last_family = fam
    return Claim(
        sentence=sentence,
        sentence_start=off,
        start=off + fig.start,
        end=off + fig.end,
        raw=fig.raw,
        value=float(f"{sign * value:.12g}"),
        unit=unit,
        indicator=indicator,
        family=fam,
        measure="level" if measure == "cumulative" else measure,
        subject=subj,
        counterpart=cp,
        period=period,
        comparison=comparison,
        qualifiers=quals,
        high=fig.high,
        decimals=fig.decimals,
        scale=fig.scale,
        notes=notes,
    )


def _indicator(fam: str, unit: str, measure: str, clause: str, sentence: str, lang: str, stock: bool) -> str:
    """An indicator id, family first, in the naming the ledger and the corpus share."""
    if fam == "trade":
        if _EXPORTS[lang].search(clause):
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
    }.get(measure, "")
    if fam == "invest" and measure == "cumulative":
        return "invest.cumulative"
    return base + suffix


def _period_for(
    fig: Figure | None,
    unit: str,
    measure: str,
    sentence: str,
    pos: int,
    lang: str,
    ctx: Context,
    times: list[TimeMention],
    stock: bool = False,
) -> str | None:
    """The period a figure covers, from the nearest period expression or the article's context."""
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
    chosen = None
    if in_clause:
        chosen = min(in_clause, key=lambda t: abs(t.start - pos))
    elif usable:
        chosen = min(usable, key=lambda t: (t.start > pos, abs(t.start - pos)))
    clause = sentence[cs:ce]
    stockish = unit in STOCK_UNITS or stock or measure == "rank"
    pub_month = f"{ctx.published.year}-{ctx.published.month:02d}"
    base_in_clause = any(t.role == "base" and cs <= t.start < ce for t in times)
    if _WHEN[lang].match(clause):
        base = next((t for t in reversed(times) if t.role == "base" and t.start < pos and t.period), None)
        if base is not None:
            return base.period
    if base_in_clause and ctx.current and not in_clause and not any(t.start < pos for t in usable):
        return ctx.current
    if chosen is None:
        if measure == "cumulative":
            return f"cumulative-to {pub_month}"
        if stockish:
            return f"as-of {pub_month}"
        if base_in_clause and ctx.current:
            return ctx.current
        if ctx.year is not None:
            return str(ctx.year)
        return ctx.current or str(ctx.published.year)
    k = chosen.kind
    period: str | None
    if k == "year":
        period = chosen.period
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
    elif k in ("month", "day", "days"):
        period = f"as-of {chosen.period}" if stockish and k != "days" else chosen.period
    elif k == "ytd":
        y = int(chosen.period or ctx.published.year)
        last_day = (
            ctx.last_day if ctx.last_day and ctx.last_day.year == y and ctx.last_day <= ctx.published else ctx.published
        )
        period = f"{y}-01-01/{last_day.isoformat()}"
        if base_in_clause:
            period = str(y)
        if measure == "cumulative":
            period = f"cumulative-to {last_day.isoformat()}"
    elif k == "lastn":
        last = ctx.published.year - 1
        period = chosen.period if measure in ("multiple", "growth") else str(last)
        if stockish:
            period = f"as-of {pub_month}"
        ctx.year = last
    elif k == "now":
        period = (
            f"cumulative-to {pub_month}"
            if measure == "cumulative"
            else (f"as-of {pub_month}" if stockish else str(ctx.published.year))
        )
    elif k == "same":
        period = str(ctx.year) if ctx.year else ctx.current
    elif k == "that":
        period = (
            ctx.last_period
            if "those" in sentence[chosen.start : chosen.end].lower()
            else (ctx.current or ctx.last_period)
        )
    else:
        period = chosen.period
    if k in ("year", "by", "span") and period and chosen.period:
        ctx.year = int(chosen.period[:4])
    if k == "by" and measure not in ("cumulative",) and stockish is False and period and len(period) == 4:
        ctx.year = int(period)
    return period


def _parties(
    sentence: str,
    pos: int,
    place_hits: list[tuple[int, int, str]],
    fam: str,
    ctx: Context,
) -> tuple[str | None, str | None]:
    """Subject and counterpart: the nearest partner country (or the group) and China."""
    others = [(s, e, eid) for s, e, eid in place_hits if eid != "CHN"]
    has_china = any(eid == "CHN" for _, _, eid in place_hits)
    subject: str | None = None
    if others:
        before = [h for h in others if h[0] <= pos]
        pick = before[-1] if before else others[0]
        subject = pick[2]
    if subject is None:
        if has_china or not place_hits:
            if ctx.subject and not has_china:
                return ctx.subject, ctx.counterpart
            subject = "C5" if fam in ("gas",) else None
            if subject is None:
                return ("CHN", "C5") if has_china else (ctx.subject, ctx.counterpart)
        else:
            return ctx.subject, ctx.counterpart
    if subject == "C5":
        pair = ("C5", "CHN") if fam in ("gas",) else ("CHN", "C5")
    else:
        pair = (subject, "CHN")
        if fam == "students":
            m = _DEMONYM_BEFORE_STUDENTS.get(ctx.lang)
            hit = m.search(sentence[max(0, pos - 5) : pos + 40]) if m else None
            if hit and hit.group("who") == "Chinese":
                pair = ("CHN", subject)
    ctx.subject, ctx.counterpart = pair
    return pair


def _split_coordinated(
    claim: Claim,
    sentence: str,
    fig: Figure,
    place_hits: list[tuple[int, int, str]],
    lang: str,
) -> list[Claim]:
    """`For Kazakhstan and Uzbekistan ... 20–22 percent`: one claim for each country named together."""
    joiner = {"en": r"\s+and\s+", "ru": r"\s+и\s+", "zh": r"(?:和|与|、)"}[lang]
    members = [h for h in place_hits if h[2] in C5_MEMBERS and h[0] < fig.start]
    for (_, e1, a), (s2, e2, b) in itertools.pairwise(members):
        if a != b and re.fullmatch(joiner, sentence[e1:s2]):
            if re.search(r"\d", sentence[e2 : fig.start]) and lang != "ru":
                return [claim]
            first = Claim(
                **{**claim.__dict__, "subject": a, "qualifiers": list(claim.qualifiers), "notes": list(claim.notes)}
            )
            second = Claim(
                **{
                    **claim.__dict__,
                    "subject": b,
                    "qualifiers": list(claim.qualifiers),
                    "notes": [*claim.notes, f"same figure stated for {a} and {b}"],
                }
            )
            return [first, second]
    return [claim]


__all__ = ["Claim", "Places", "build_places", "extract", "lexicon", "split_sentences"]
