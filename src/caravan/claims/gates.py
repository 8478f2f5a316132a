"""When differing evidence may contradict a claim: the same definition, reporter, stated period, a measured quantity.

Each gate says *why not* in the words of the explanation, or returns None where nothing stands in the way.
"""

from __future__ import annotations

import re
from typing import Any

from caravan.claims.claim import Claim
from caravan.claims.evidence import (
    DECIDING_TIERS,
    fmt,
    tolerance,
    voice_of,
)
from caravan.claims.match import (
    LedgerIndex,
    reporter_of,
    reversed_in_ledger,
    row_in_claim_unit,
)
from caravan.claims.periods import _PLAN as PLAN_CUES
from caravan.claims.prefilter import prefiltered, prefiltered_table
from caravan.claims.segment import clause_bounds


def _part_words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.casefold()) if len(w) >= 3} - {"the", "and", "route", "products"}


def definition_gap(claim: Claim, row: dict[str, Any], index: LedgerIndex) -> str | None:
    """Why a ledger row does not have the claim's definition (None where it does).

    The indicator must measure what the claim measures, and a figure for a part
    ("agricultural products", "the Xi'an terminal") is never the whole's.
    """
    if not index.comparable(claim, row["indicator"]):
        return f"the ledger's {row['indicator']} may measure something else than {claim.indicator}"
    if claim.part:
        have = set(re.split(r"[._\-]", f"{row['indicator']}.{row.get('subject') or ''}".casefold()))
        if not _part_words(claim.part) & have:
            return f"the claim is for a part ({claim.part}), the ledger's {row['indicator']} for the whole"
    return None


def reporter_gap(claim: Claim, rows: list[dict[str, Any]]) -> str | None:
    """Why differing figures do not establish that the claim is wrong about whose statistics (None if they do).

    With the claim's reporter named, only that reporter's figures decide; with it
    unnamed, figures of at least two reporters must disagree with the claim, since the
    article may quote the one whose figure the ledger lacks.
    """
    if claim.reporter:
        if any(reporter_of(r) == claim.reporter for r in rows):
            return None
        have = sorted({reporter_of(r) or "an unnamed reporter" for r in rows})
        return f"the claim quotes {claim.reporter}'s statistics; the ledger has {', '.join(have)}'s"
    voices = {voice_of(r) for r in rows}
    if len(voices) >= 2 or (rows and all(share_of_owner(r) for r in rows)):
        return None
    only = next(iter(voices), "") or "one reporter"
    return (
        f"the ledger has only {only}'s figure and the article does not say whose statistics it "
        "quotes; another reporter's figure may differ"
    )


def share_of_owner(row: dict[str, Any]) -> bool:
    """Whether a row is a share of one party's total in that party's own statistics.

    "46 % of China's trade with Central Asia fell on Kazakhstan" is a share of China's total, which
    only China's statistics hold: the ledger names the total's owner first (`reversed_in_ledger`), and
    when that owner is also whose figures the share is, no other reporter's figure can stand for it.
    """
    indicator = str(row.get("indicator") or "")
    return "share" in indicator and reversed_in_ledger(indicator) and voice_of(row) == row.get("subject")


DEAL_CUES = prefiltered_table(
    {
        "en": re.compile(r"\b(?:agreements?|deals?|contracts?|worth|valued at|signed|pledged?|loans?)\b", re.I),
        "ru": re.compile(r"(?<![а-яё])(?:соглашени\w*|договор\w*|контракт\w*|стоимост\w*|подписа\w*|кредит\w*)", re.I),
        "zh": re.compile(r"协议|合同|协定|价值|签署|签约|贷款"),
    }
)
"""Words that make a figure a deal's value or a pledge rather than a measured level."""


def not_a_measured_level(claim: Claim, lang: str | None) -> str | None:
    """Why the figure's clause speaks of a plan, target or deal rather than a measured quantity (None if not).

    Such a figure is never contradicted by a measured level: "expect to lift trade to $40 bn",
    "a trade agreement worth $30 bn".
    """
    langs = [lang] if lang in ("en", "zh", "ru") else ["en", "zh", "ru"]
    pos = max(0, claim.start - claim.sentence_start)
    for code in langs:
        assert code is not None
        cs, ce = clause_bounds(claim.sentence, code, pos)
        clause = claim.sentence[cs:ce]
        if PLAN_CUES[code].search(clause) or (re.search(r"\bexpects?\b", clause, re.I) and code == "en"):
            return "the figure's clause speaks of a plan, forecast or target, not a measured quantity"
        if DEAL_CUES[code].search(clause):
            return "the figure's clause speaks of an agreement, deal or pledge, whose value is not the measured level"
    return None


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


_BASE_BEFORE = prefiltered(
    re.compile(
        r"(?:\bthan|\bcompared (?:with|to)|\bversus|\bvs\.?|\bon|\bover|\bfrom|\bsince|чем|по сравнению с|"
        r"против|比|较|相比|同比)\s*(?:in|the|в|с|со|of|year|года|году)?\s*$",
        re.IGNORECASE,
    )
)


_ZH_YEAR = re.compile(r"[〇○零一二三四五六七八九]{4}(?=年)")
_ZH_DIGIT = str.maketrans("〇○零一二三四五六七八九", "000123456789")
_RELATIVE_YEAR = prefiltered(
    re.compile(
        r"\b(?:last|this|past)\s+year\b(?!\s*'s\s+same)|(?:в|за)\s+(?:прошлом|минувшем|этом|текущем|прошлый|"
        r"минувший)\s+год\w*|(?<![а-яё])(?:этого|текущего)\s+года|去年(?!同期)|今年|上年(?!同期)|本年",
        re.IGNORECASE,
    )
)


def _with_arabic_years(sentence: str) -> str:
    """The sentence with years in Chinese numerals written in digits (`二○二五年` → `2025年`)."""
    return _ZH_YEAR.sub(lambda m: m.group().translate(_ZH_DIGIT), sentence) if "年" in sentence else sentence


def year_written(claim: Claim) -> bool:
    """Whether the sentence writes a year of the claim's period (in digits or Chinese numerals), not as its base."""
    years = set(_YEAR.findall(claim.period or ""))
    sentence = _with_arabic_years(claim.sentence)
    for m in _YEAR.finditer(sentence):
        if m.group() not in years:
            continue
        if not _BASE_BEFORE.search(sentence[max(0, m.start() - 24) : m.start()]) or _bracketed_after(claim, m.end()):
            return True
    return False


_BRACKET_AFTER_YEAR = re.compile(r"\s*(?:году|года|год|г\.|年)?\s*[(（]")


def _bracketed_after(claim: Claim, year_end: int) -> bool:
    """Whether the claim's figure stands in brackets right after a year: "than in 2023 ($89.4 bn)" is 2023's.

    The base year of a comparison is then the period of the figure in brackets, stated in the sentence.
    """
    m = _BRACKET_AFTER_YEAR.match(claim.sentence, year_end)
    if m is None:
        return False
    close = re.search(r"[)）]", claim.sentence[m.end() :])
    pos = claim.start - claim.sentence_start
    return m.end() <= pos and (close is None or pos < m.end() + close.start())


def period_stated(claim: Claim) -> bool:
    """Whether the sentence itself states the claim's period (not read from the text around it).

    A year written in digits or Chinese numerals (`2024`, `二○二五年`) states it, and so does a
    year relative to the publication date in the figure's clause ("last year", 去年, «в прошлом
    году»): `check_text` takes the relative one back where the article gives no publication date.
    A year written as the comparison base ("than in 2023", "up 6 % on 2023", «чем в 2023 году»,
    "比2023年", 去年同期) does not state the period, except that a base just one year before the
    claim's year confirms the year read from around the sentence.
    """
    return (
        year_written(claim) or relative_year_stated(claim) or _base_year_before(claim) or PARAGRAPH_YEAR in claim.notes
    )


PARAGRAPH_YEAR = "period read from around the sentence: the one year its paragraph (or the article) names up to it"
"""The note `mark_paragraph_years` gives a claim whose year its paragraph, or the article up to it, names alone."""


def mark_paragraph_years(body: str, claims: list[Claim]) -> None:
    """Note each claim whose year is the one year its paragraph names up to its sentence (see `period_stated`).

    "ГТУ КНР опубликовало статистику за 2024 год. … Казахстан ($43,8 млрд) …": the year read from
    around the sentence is stated in the same paragraph, before it, with no other year beside it (or
    it is the one year the article names up to the sentence); a year from an earlier paragraph of an
    article that names several, or a paragraph naming two years, leaves the period unstated.
    """
    named: list[tuple[int, str]] | None = None  # (offset, year) of every year the body names, bases left out
    for claim in claims:
        if claim.headline or not claim.period or not re.fullmatch(r"\d{4}", claim.period) or year_written(claim):
            continue
        if named is None:
            named = _years_at(body)
        end = claim.sentence_start + len(claim.sentence)
        start = body.rfind("\n", 0, claim.sentence_start) + 1
        before = {y for at, y in named if at < end}
        paragraph = {y for at, y in named if start <= at < end}
        if (paragraph == {claim.period} or before == {claim.period}) and PARAGRAPH_YEAR not in claim.notes:
            claim.notes.append(PARAGRAPH_YEAR)


def _years_at(text: str) -> list[tuple[int, str]]:
    """Where a text names each year (in digits or Chinese numerals, same offsets), bases left out."""
    text = _with_arabic_years(text)
    return [
        (m.start(), m.group())
        for m in _YEAR.finditer(text)
        if not _BASE_BEFORE.search(text[max(0, m.start() - 24) : m.start()])
    ]


def _base_year_before(claim: Claim) -> bool:
    """Whether the sentence compares with the year just before the claim's year ("$5.4 bn more than in 2023").

    The year spoken of around the sentence is then the one the comparison implies, not a leak.
    """
    if not claim.period or not re.fullmatch(r"\d{4}", claim.period):
        return False
    before = str(int(claim.period) - 1)
    sentence = _with_arabic_years(claim.sentence)
    return any(
        m.group() == before and _BASE_BEFORE.search(sentence[max(0, m.start() - 24) : m.start()])
        for m in _YEAR.finditer(sentence)
    )


def relative_year_stated(claim: Claim) -> bool:
    """Whether the sentence, up to the end of the figure's clause, names its year relative to publication.

    "Last year" or 今年 in the figure's clause, or in a phrase put before it ("In the first two months
    of this year, trade … surged 22 %"), states it; one named as the base ("compared with last year") does not.
    """
    if not claim.period or not _YEAR.match(claim.period.split(" ")[-1]):
        return False
    pos = max(0, claim.start - claim.sentence_start)
    lang = (
        "zh"
        if re.search("[\u4e00-\u9fff]", claim.sentence)
        else "ru"
        if re.search("[а-яё]", claim.sentence, re.I)
        else "en"
    )
    _, ce = clause_bounds(claim.sentence, lang, pos)
    return any(
        not _BASE_BEFORE.search(claim.sentence[max(0, m.start() - 24) : m.start()])
        for m in _RELATIVE_YEAR.finditer(claim.sentence, 0, ce)
    )


def contradiction_gate(
    claim: Claim, rows: list[tuple[dict[str, Any], float]], index: LedgerIndex, lang: str | None = None
) -> tuple[list[tuple[dict[str, Any], float]], str | None]:
    """The differing rows that may contradict the claim, and why none may (None when some may)."""
    unlike = not_a_measured_level(claim, lang)
    if unlike is not None:
        return [], unlike
    if not period_stated(claim):
        return [], (
            f"the claim's period ({claim.period}) is not stated in its sentence but read from the text around "
            "it, and may be another"
        )
    reasons: list[str] = []
    ok = []
    for r, x in rows:
        gap = definition_gap(claim, r, index)
        if gap is not None:
            reasons.append(gap)
            continue
        if r.get("method") != "derived" and (r.get("tier") or "secondary") not in DECIDING_TIERS:
            reasons.append(f"the ledger's figure for {r['period']} comes from a {r.get('tier') or 'unclassified'} page")
            continue
        ok.append((r, x))
    if not ok:
        return [], reasons[0] if reasons else "nothing in the ledger has the claim's definition"
    if claim.reporter:
        ok = [(r, x) for r, x in ok if reporter_of(r) == claim.reporter] or ok
    gap = reporter_gap(claim, [r for r, _ in ok])
    if gap is not None and reporters_record(claim, ok, index) is None:
        return [], gap
    return ok, None


REVISION_MARGIN = 0.06
"""How near a reporter's only recorded release a claim may lie and still be a later release of that figure.

A statistics office's first annual figure is revised in later releases (Uzbekistan's 2024 trade with
China, 12.4 bn in January, is quoted later as 13.1 bn). A chosen margin, not one measured: the ledger
holds too few pairs of one office's releases to measure how far they move.
"""


def within_a_revision(claim: Claim, rows: list[tuple[dict[str, Any], float]]) -> str | None:
    """Why a claim within `REVISION_MARGIN` of a reporter's only recorded release is not decided by it.

    The ledger holds one release of some reporter's figure for the period (one exact value): a claim
    that near it may quote a revised release, so no figure contradicts it. None otherwise. Levels only
    (a rate or a share moves differently).
    """
    if claim.measure != "level" or claim.unit == "percent":
        return None
    v = float(claim.value)
    releases: dict[str, set[float]] = {}
    for r, x in rows:
        if r.get("bound", "exact") == "exact" and r.get("method") != "derived" and x > 0:
            releases.setdefault(voice_of(r), set()).add(round(x, 9))
    for voice, values in sorted(releases.items()):
        if len(values) == 1:
            (x,) = values
            if abs(v / x - 1) <= REVISION_MARGIN:
                return (
                    f"the ledger records one release of {voice or 'one publisher'}'s figure ({fmt(x)}), and the "
                    f"claim lies within {REVISION_MARGIN:.0%} of it, as a revised release may"
                )
    return None


RECORD_MARGIN = 1.1
"""How far beyond the reporters' recorded gap (as a ratio) a claim must lie to be no reporter's figure."""


def reporters_record(claim: Claim, rows: list[tuple[dict[str, Any], float]], index: LedgerIndex) -> str | None:
    """Why a claim whose reporter is unnamed is no reporter's figure, from the ledger's record of their gap.

    The ledger has one reporter's figure for the claim's period (`rows`). Where, in at least two other
    periods of the same kind, it has that reporter's figure and another's for the same indicator and
    parties, their ratios show how far the reporters' figures lie apart. A claim beyond that range
    (widened by `RECORD_MARGIN`, and always taking in the known reporter's own figure) is no figure
    any recorded reporter gave: the text says so. None where there is no such record, or the claim
    lies within it. Only levels are compared so, never rates or shares.
    """
    if claim.reporter or claim.measure != "level" or claim.unit == "percent" or not rows:
        return None
    voices = {voice_of(r) for r, _ in rows}
    if len(voices) != 1:
        return None
    voice = next(iter(voices))
    first = rows[0][0]
    known = [x for r, x in rows if r.get("bound", "exact") == "exact" and x > 0]
    if not known:
        return None
    by_period: dict[str, dict[str, list[float]]] = {}
    for r in index.observations_for(first["indicator"], claim):
        if (
            r["period_kind"] != first["period_kind"]
            or r["period"] == first["period"]
            or r.get("bound", "exact") != "exact"
            or r.get("method") == "derived"
        ):
            continue
        x = row_in_claim_unit(r, claim.unit)  # as printed, one indicator's rows differ in scale (bn, mn)
        if x is not None and x > 0:
            by_period.setdefault(r["period"], {}).setdefault(voice_of(r), []).append(x)
    ratios = []
    for period_voices in by_period.values():
        own = period_voices.get(voice)
        if not own:
            continue
        base = sum(own) / len(own)
        ratios += [v / base for other, values in period_voices.items() if other != voice for v in values]
    periods = sum(1 for pv in by_period.values() if voice in pv and len(pv) >= 2)
    if periods < 2 or not ratios:
        return None
    low, high = min(min(ratios), 1.0) / RECORD_MARGIN, max(max(ratios), 1.0) * RECORD_MARGIN
    lo, hi = tolerance(claim)
    if hi / max(known) < low or lo / min(known) > high:
        ratio = float(claim.value) / max(known)
        return (
            f"in {periods} other periods the ledger has {voice}'s figure and another reporter's, and the others "
            f"were {min(ratios):.2f}–{max(ratios):.2f} times {voice}'s; the claim is {ratio:.2f} times {voice}'s "
            f"figure for {first['period']}, beyond any reporter's the ledger records"
        )
    return None
