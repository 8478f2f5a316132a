"""Mentions: the figures, dates, places and ordinals a sentence names, each with its offsets.

This stage reads what is written and nothing more: `numbers` reads figures (scale,
currency, unit, qualifier, ranges, coordinated lists), `normalise` reads dates and
periods, `Places` reads country and group names, and ordinals of events ("the
third summit", 第三届, «третий саммит») are read here. What the figures mean is
the claim frame's job (`frame`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from typing import Any

from caravan.claims.lexicon import COUNTRY_FORMS, CROSSINGS, OTHER, OTHER_COUNTRIES, REPORTER_FORMS
from caravan.claims.normalise import TimeMention, find_times
from caravan.claims.numbers import Figure, find_figures
from caravan.claims.prefilter import prefiltered, prefiltered_table

# Place ids beyond entity ids: `OTHER` (a country outside the relation), `X:KAZ` (a crossing into KAZ).
CROSSING = "X:"


@dataclass
class Places:
    """Surface forms of places and reporters, compiled once per language from the ledger's names.

    Attributes:
        patterns: (place id, pattern) in order of precedence.
        combined: All of them in one pattern, compiled on first use.
        lead: A lookahead every form starts with: the scan skips other positions quickly.
        reporters: Whose statistics: (country, pattern) pairs, the lexicon's forms (any case)
            and the ledger's authority names (as written).
    """

    patterns: list[tuple[str, re.Pattern[str]]]
    combined: re.Pattern[str] | None = None
    lead: str = ""
    reporters: list[tuple[list[str], re.Pattern[str]]] = field(default_factory=list)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Places mentioned in `text` as (start, end, entity id), left to right.

        One scan of all the patterns together; where two start at the same place, the earlier
        pattern wins (countries before the group's vaguer words), each with its longest form.
        """
        if self.combined is None:
            flags = self.patterns[0][1].flags if self.patterns else 0
            alts = "|".join(f"(?P<p{i}>{pat.pattern})" for i, (_, pat) in enumerate(self.patterns))
            self.combined = re.compile(f"{self.lead}(?:{alts})" if self.lead else alts, flags)
        ids = [eid for eid, _ in self.patterns]
        hits: list[tuple[int, int, str]] = []
        for m in self.combined.finditer(text):
            eid = ids[int((m.lastgroup or "p0")[1:])]
            if hits and hits[-1][2] == eid and _JOINED.fullmatch(text, hits[-1][1], m.start()):
                hits[-1] = (hits[-1][0], m.end(), eid)  # 中国西安, "Urumqi, China": one place named twice
            else:
                hits.append((m.start(), m.end(), eid))
        return hits

    def reporter(self, text: str) -> str | None:
        """Whose statistics `text` cites first ("according to China's customs" → CHN), else None."""
        best: tuple[int, int, str] | None = None
        for countries, pat in self.reporters:
            m = pat.search(text)
            if m and (best is None or (m.start(), -m.end()) < best[:2]):
                best = (m.start(), -m.end(), countries[int((m.lastgroup or "r0")[1:])])
        return best[2] if best else None


_JOINED = re.compile(r"[\s,，]{0,2}")

# Authorities whose name says whose statistics a figure is: offices, customs, ministries, operators.
_REPORTING_TIERS = ("official", "operator")


def build_places(
    lang: str, entities: list[dict[str, Any]] | None = None, authorities: list[dict[str, Any]] | None = None
) -> Places:
    """Place and reporter patterns for a language: the lexicon's forms plus the ledger's names.

    Countries take the ledger's country names; a city of the six counts as its country (乌鲁木齐
    as China). Cities beyond (Baku, Moscow) are left out: as `OTHER` they would drop a corridor's
    figures ("arrives in Baku in 20 days"), as their own country they would outrank China as the
    subject where the Chinese end is not in the ledger. An authority of a country names that country's
    statistics (`authority_forms`).
    """
    forms: dict[str, set[str]] = {k: set(v[lang]) for k, v in COUNTRY_FORMS.items()}
    for ent in entities or []:
        name = ent.get(f"name_{lang}")
        if not name:
            continue
        if ent.get("kind") == "country" and ent["id"] in forms:
            forms[ent["id"]].add(_stem(name) if lang == "ru" else re.escape(name))
        elif ent.get("kind") == "city" and ent.get("parent") in forms:
            forms[ent["parent"]].add(_city_form(name, lang))
    forms[OTHER] = {_stem(n) if lang == "ru" else re.escape(n) for n in OTHER_COUNTRIES[lang]}
    for eid, crossing in CROSSINGS.items():
        forms[f"{CROSSING}{eid}"] = {crossing[lang]}
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
    # English names are capitalised ("the five countries", "the United States" aside).
    lead = r"(?=[A-Z]|the\s|[^\x00-\x7f])" if lang == "en" else ""
    return Places(pats, lead=lead, reporters=_reporter_patterns(lang, authorities or []))


def _reporter_patterns(lang: str, authorities: list[dict[str, Any]]) -> list[tuple[list[str], re.Pattern[str]]]:
    """The lexicon's reporter forms (any case), then the authorities' names (as written), one pattern each."""
    out = []
    hand = [(cc, forms[lang]) for cc, forms in REPORTER_FORMS.items() if forms.get(lang)]
    named: dict[str, set[str]] = {}
    for a in authorities:
        cc, name = a.get("country"), a.get(f"name_{lang}")
        if cc and name and a.get("tier") in _REPORTING_TIERS:
            named.setdefault(cc, set()).update(authority_forms(name, cc, lang))
    by_len = [(cc, "|".join(sorted(alts, key=len, reverse=True))) for cc, alts in sorted(named.items())]
    for table, flags in ((hand, re.IGNORECASE), (by_len, 0)):
        if table:
            alts = "|".join(f"(?P<r{i}>{p})" for i, (_, p) in enumerate(table))
            out.append(([cc for cc, _ in table], prefiltered(re.compile(alts, flags))))
    return out


_PAREN = re.compile(r"\s*[(（][^)）]*[)）]")
_EN_OF = re.compile(r" (?:of|under) ")
_EN_TAIL_WORDS = {"the", "of", "President", "Republic"}
_RU_OPTIONAL = {"при": r"(?:при Президент\w* )?", "Президенте": "", "Республики": r"(?:Республик\w* )?"}


@cache
def _zh_not_after_another_country() -> str:
    """Look-behinds refusing another state's name just before: 外交部 is China's, 哈萨克斯坦外交部 is not."""
    names = {n for cc, forms in COUNTRY_FORMS.items() if cc not in ("CHN", "C5") for n in forms["zh"]}
    names |= set(OTHER_COUNTRIES["zh"])
    plain = sorted(n for n in names if re.fullmatch(r"[\u4e00-\u9fff]+", n))
    return "".join(f"(?<!{n})" for n in plain) + "(?<!共和国)(?<!政府)"


def authority_forms(name: str, country: str, lang: str) -> set[str]:
    """Regular expressions for how texts name an authority, from its name in the ledger.

    English: the name, and "<Country>'s <name without 'of <country>'>" ("China's General
    Administration of Customs"); Chinese: the name, and without 中华人民共和国 (海关总署) or
    a company's 有限公司; Russian: each word by its stem, so declined forms match, with «при
    Президенте» and «Республики» optional (Агентства статистики Узбекистана).
    """
    name = _PAREN.sub("", name).strip()
    if not name:
        return set()
    if lang == "zh":
        out = {re.escape(name)}
        for prefix in ("中华人民共和国",):
            if name.startswith(prefix) and len(name) - len(prefix) >= 4:  # 海关总署; a bare 外交部 is any state's
                out.add(_zh_not_after_another_country() + re.escape(name[len(prefix) :]))
        for suffix in ("有限责任公司", "有限公司"):
            if name.endswith(suffix) and len(name) - len(suffix) >= 4:
                out.add(re.escape(name[: -len(suffix)]))
        return out
    if lang == "ru":
        words = []
        for w in name.split():
            if w in _RU_OPTIONAL:
                words.append(_RU_OPTIONAL[w])
                continue
            core = w.rstrip("аяоеиыйьуюё")
            bare = re.escape(w) if len(w) <= 4 or len(core) < 4 or not w.isalpha() else re.escape(core) + r"\w*"
            words.append(bare + " ")
        return {"".join(words).rstrip()}
    out = {r"\b" + re.escape(name)}
    home = COUNTRY_FORMS.get(country, {}).get("en", ())
    allowed = _EN_TAIL_WORDS | {w for form in home for w in form.split()}
    for m in _EN_OF.finditer(name):  # "General Administration of Customs | of China": the tail names the country
        core, tail = name[: m.start()], name[m.end() :]
        if home and len(core.split()) >= 2 and set(tail.split()) <= allowed and set(tail.split()) & set(home):
            out.add(rf"\b{re.escape(home[0])}(?:'s|’s) {re.escape(core)}")
            break
    return out


# A city's name inside an organisation's ("Shanghai Cooperation Organisation", 上海合作组织) names no place.
_NOT_A_PLACE = {"en": r"(?!\s+Cooperation)", "zh": r"(?!合作组织)", "ru": r"(?![А-Яа-яЁё]*\s+организаци)"}


def _city_form(name: str, lang: str) -> str:
    """A city's name as a place form: Russian by its stem, a short one (Ош) only as a whole word."""
    if lang != "ru":
        return re.escape(name) + _NOT_A_PLACE[lang]
    form = re.escape(name) + "(?![А-Яа-яЁё])" if len(name) <= 3 else _stem(name)
    return form + _NOT_A_PLACE[lang]


def _stem(name: str) -> str:
    """A Russian name without its case ending, so that declined forms match."""
    word = name.split()[0]
    return re.escape(word[:-1] if word[-1] in "айяеиыьо" and len(word) > 4 else word)


@dataclass(frozen=True)
class Mentions:
    """What one sentence names.

    Attributes:
        figures: Figures left to right (dates excluded).
        times: Date and period expressions left to right.
        places: Places as (start, end, entity id), left to right.
        ordinals: Ordinals of events as (start, end, value, noun).
        reporter: Whose statistics the sentence cites (`CHN` for China's customs), if it does.
    """

    figures: tuple[Figure, ...]
    times: tuple[TimeMention, ...]
    places: tuple[tuple[int, int, str], ...]
    ordinals: tuple[tuple[int, int, int, str], ...] = ()
    reporter: str | None = None


def find_mentions(sentence: str, lang: str, published: date, places: Places) -> Mentions:
    """Every figure, date, place and ordinal in a sentence."""
    times = find_times(sentence, lang, published)
    # "in the coming three years": the span of a plan, whose length the article states as a figure too.
    skip = [(t.start, t.end) for t in times if t.kind != "nextn"]
    figures = find_figures(sentence, lang, skip)
    figures = _numbers_of(sentence, lang, figures, skip)
    figures.sort(key=lambda f: f.start)
    found = places.find(sentence)
    if lang == "ru":  # «долларов США» names a currency, not a third country
        found = [p for p in found if not (p[2] == OTHER and _DOLLARS_BEFORE.search(sentence, 0, p[0]))]
    ordinals = tuple(find_ordinals(sentence, lang))
    return Mentions(tuple(figures), tuple(times), tuple(found), ordinals, places.reporter(sentence))


_DOLLARS_BEFORE = re.compile(r"долл\w*\.?\s*$", re.IGNORECASE)


# "the number of flights", «число поездов», 留学生人数: the counted noun that unit-less figures after it count.
_NUMBER_OF = prefiltered_table(
    {
        "en": re.compile(r"(?<!\ba )(?<!\ba large )(?<!\ba great )\bnumbers? of(?=\s)", re.IGNORECASE),
        "ru": re.compile(r"(?<![А-Яа-яЁё])(?:числ[оау]|количеств[оау])(?=\s)", re.IGNORECASE),
        "zh": re.compile(
            r"(?P<noun>班列|列车|航班|留学生|学生|游客|旅客|企业|项目)[\u4e00-\u9fff]{0,4}?(?:数量|人数|总数)"
        ),
    }
)
_ZH_NOUN_UNIT = {
    "班列": "trains",
    "列车": "trains",
    "航班": "flights",
    "留学生": "persons",
    "学生": "persons",
    "游客": "persons",
    "旅客": "persons",
    "企业": "enterprises",
    "项目": "projects",
}
_MONEY_OR_SHARE = {"USD", "CNY", "EUR", "KZT", "RUB", "HKD", "percent", "pp", "times"}
_BARE_NUMBER = {
    "en": re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(?![\d.,]\d|\s?(?:%|percent|per cent))", re.IGNORECASE),
    "ru": re.compile(r"(?<![\w.,])(\d{1,3}(?:[ \u00a0]\d{3})+|\d+)(?![\d,]\d|\s?(?:%|процент))", re.IGNORECASE),
    "zh": re.compile(r"(?<![\d.])(\d+)(?![\d.]|\s?[%％])"),
}


def _numbers_of(sentence: str, lang: str, figures: list[Figure], skip: list[tuple[int, int]]) -> list[Figure]:
    """`the number of flights ... rose from 40 to 68`: figures without a unit count the noun the sentence names.

    A scaled figure without a unit (`5 million`, «7 тыс.») takes the noun's unit; a bare
    number after the noun (not a year, not a date) becomes a figure in it.
    """
    from caravan.claims.numbers import _qualifier, _unit_from_tail, is_year

    cues: list[tuple[int, str]] = []
    for cue in _NUMBER_OF[lang].finditer(sentence):
        if lang == "zh":
            unit: str | None = _ZH_NOUN_UNIT[cue.group("noun")]
        else:
            unit, _ = _unit_from_tail(sentence[cue.end() : cue.end() + 60], lang)
        if unit is not None and unit not in _MONEY_OR_SHARE and unit not in ("years", "days", "months"):
            cues.append((cue.end(), unit))
    if not cues:
        return figures

    def counted(pos: int) -> str | None:
        return next((u for end, u in reversed(cues) if end <= pos), None)

    out = [replace(f, unit=counted(f.start)) if f.unit is None else f for f in figures]
    taken = [(f.start, f.end) for f in out] + skip
    for m in _BARE_NUMBER[lang].finditer(sentence, cues[0][0]):
        s, e = m.start(1), m.end(1)
        if any(a <= s < b for a, b in taken):
            continue
        value = float(re.sub(r"[,\s\u00a0]", "", m.group(1)))
        if is_year(value, m.group(1)) or value == 0:
            continue
        qual = _qualifier(sentence[max(0, s - 30) : s], sentence[e : e + 4], lang)
        out.append(Figure(s, e, value, counted(s), m.group(1), qualifier=qual))
    return out


_ORDINAL_WORDS = {
    "en": {
        "first": 1,
        "second": 2,
        "third": 3,
        "fourth": 4,
        "fifth": 5,
        "sixth": 6,
        "seventh": 7,
        "eighth": 8,
        "ninth": 9,
        "tenth": 10,
    },
    "ru": {
        "перв": 1,
        "втор": 2,
        "трет": 3,
        "четв[её]рт": 4,
        "пят": 5,
        "шест": 6,
        "седьм": 7,
        "восьм": 8,
        "девят": 9,
        "десят": 10,
    },
}
_EVENT_NOUNS = {
    "en": r"summits?|meetings?|forums?|sessions?|expos?|exhibitions?|conferences?|rounds?|congress|"
    r"(?:pipeline )?(?:line|string|phase|stage)s?|(?:official |state )?visits?|routes?|flights?|trains?|"
    r"(?:countr(?:y|ies)|states?|nations?|republics?)(?= (?:in|of|to|that|which|among|outside)\b)|anniversary",
    "ru": r"саммит\w*|встреч\w*|форум\w*|заседани\w*|сесси\w*|выставк\w*|конференци\w*|раунд\w*|"
    r"ветк\w*|нитк\w*|очеред\w*|лини[июяей]\w*|"
    r"(?:стран|государств|республик)\w*(?=,? (?:(?:в|во|из|среди)(?![а-яё])|котор))",
    "zh": r"峰会|会议|论坛|会晤|博览会|届|次会议",
}
_ORDINAL_RE = prefiltered_table(
    {
        "en": re.compile(
            r"\b(?P<w>"
            + "|".join(_ORDINAL_WORDS["en"])
            + r"|\d{1,2}(?:st|nd|rd|th)|[IVX]{2,5})\s+(?:[A-Z][\w–’'-]*\s+){0,5}?(?P<noun>"
            + _EVENT_NOUNS["en"]
            + r")\b",
            re.IGNORECASE,
        ),
        "ru": re.compile(
            r"(?<![а-яё])(?P<w>(?:"
            + "|".join(_ORDINAL_WORDS["ru"])
            + r")[а-яё]*|\d{1,2}-[а-я]{1,3}|[IVX]{1,5})\s+(?:[А-ЯЁа-яё«»\"–-]+\s+){0,4}?(?P<noun>"
            + _EVENT_NOUNS["ru"]
            + r")",
            re.IGNORECASE,
        ),
        "zh": re.compile(
            r"第(?P<w>[一二三四五六七八九十]+|\d{1,2})(?P<noun>届|次|个[^，。,；]{0,12}?(?:国家|城市|航点|口岸))"
            r"|(?P<first>首)(?P<noun2>届)|(?<![\d.])(?P<w2>\d{1,3}|[一二三四五六七八九十]+)(?P<noun3>周年)"
        ),
    }
)


_RU_FIRST_OF_ALL = re.compile(r"в\s+первую\s+очередь", re.IGNORECASE)
# «30-летие», «30-летия»: an anniversary, whose number is its ordinal.
_RU_ANNIVERSARY = re.compile(r"(?<![\d,])(?P<n>\d{1,3})-?лети[еяюи]\w*", re.IGNORECASE)
_ROMAN = re.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")
_ROMAN_VALUE = {"I": 1, "V": 5, "X": 10}


def _roman(text: str) -> int:
    """Value of a Roman numeral up to XXXIX (`II` 2, `XIV` 14): summits and forums are numbered so."""
    total = 0
    for ch, nxt in zip(text, [*text[1:], ""], strict=True):
        v = _ROMAN_VALUE[ch]
        total += -v if nxt and _ROMAN_VALUE[nxt] > v else v
    return total


def find_ordinals(sentence: str, lang: str) -> list[tuple[int, int, int, str]]:
    """Ordinals of events: `the third summit`, `第三届`, `третий саммит` as (start, end, value, noun)."""
    from caravan.claims.numbers import parse_zh_numeral

    out = []
    for m in _ORDINAL_RE[lang].finditer(sentence):
        if lang == "zh" and m.group("first"):
            out.append((m.start(), m.end(), 1, m.group("noun2")))  # 首届; 首次 is "for the first time"
            continue
        if lang == "zh" and m.group("w2"):  # 建交30周年: the thirtieth anniversary
            w2 = m.group("w2")
            out.append((m.start(), m.end(), int(w2) if w2.isdigit() else int(parse_zh_numeral(w2)), "周年"))
            continue
        if lang == "ru" and _RU_FIRST_OF_ALL.match(sentence, max(0, m.start() - 2)):
            continue  # «в первую очередь» is "above all"
        word = m.group("w").lower()
        if _ROMAN.fullmatch(m.group("w")):  # upper case only: the pattern ignores case, the numeral does not
            value = _roman(m.group("w"))
        elif word[0].isdigit():
            value = int(re.match(r"\d+", word).group(0))  # type: ignore[union-attr]
        elif lang == "zh":
            value = int(parse_zh_numeral(word))
        elif lang == "en":
            value = _ORDINAL_WORDS["en"].get(word, 0)
        else:
            value = next((n for stem, n in _ORDINAL_WORDS["ru"].items() if re.match(stem, word)), 0)
        if value:
            out.append((m.start(), m.end(), value, m.group("noun").lower()))
    if lang == "ru" and "лети" in sentence:
        out += [(m.start(), m.end(), int(m.group("n")), "летие") for m in _RU_ANNIVERSARY.finditer(sentence)]
        out.sort()
    return out


__all__ = ["Mentions", "Places", "build_places", "find_mentions", "find_ordinals"]
