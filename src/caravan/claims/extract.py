"""Articles into claims: the pipeline that runs the stages in order.

segmentation (`segment`) → mentions (`mentions`: figures, dates, places,
ordinals) → the claim frame (`frame`: what is measured, the measure, whose
statistics, whole or part) → period resolution (`periods`: the period apart from
the comparison base) → parties with direction (`parties`). Each stage is a
function of its inputs; the only state carried from sentence to sentence is the
immutable `Discourse`, which this module alone advances (and which forgets the
periods of a paragraph at the next one).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import Any

from caravan.claims import lexicon
from caravan.claims.claim import MEASURES, Claim
from caravan.claims.discourse import Discourse
from caravan.claims.frame import (
    _RANK_STRONG,
    _RECORD,
    FLOW_UNITS,
    _family_at,
    _is_rank,
    _last_family,
    _rank_value,
    classify,
)
from caravan.claims.lexicon import OTHER, cue
from caravan.claims.mentions import Mentions, Places, build_places, find_mentions
from caravan.claims.normalise import TimeMention
from caravan.claims.numbers import Figure
from caravan.claims.parties import (
    about_other_country,
    attached_place,
    find_parties,
    respective,
    split_coordinated,
    with_anaphors,
)
from caravan.claims.periods import _WHEN, news_event, resolve
from caravan.claims.prefilter import prefiltered, prefiltered_table
from caravan.claims.segment import clause_bounds, fold_chinese, sentences, split_sentences

_UP_TO_BEFORE = prefiltered(re.compile(r"up to\s*$", re.I))


def extract(text: str, lang: str, published: date, places: Places, title: str | None = None) -> list[Claim]:
    """Every claim in an article body (and its title), in order.

    Args:
        text: The body.
        lang: `en`, `zh` or `ru`.
        published: Publication date for relative dates.
        places: Place patterns for the language.
        title: The headline; its claims are kept only where the body does not repeat them.

    Returns:
        Claims with offsets into `text`; headline claims come first, flagged `headline`.
    """
    original, original_title = text, title
    if lang == "zh":
        text, title = fold_chinese(text), fold_chinese(title) if title else title
    split = list(sentences(text, lang))
    # Whose figures the article reports, wherever it says so ("…, KTZ's director said" in its third sentence).
    source = next((r for r in (places.reporter(s.text) for s in split) if r), None)
    disc = Discourse(published=published, lang=lang, reporter=places.reporter(title or ""), source=source)
    claims: list[Claim] = []
    for sent in split:
        disc = disc.in_paragraph(sent.paragraph)
        if not sent.label:
            found, disc = sentence_claims(sent.text, sent.start, lang, disc, places)
            claims.extend(found)
        disc = disc.after(last_cue_family=_last_family(sent.text, lang) or disc.last_cue_family)
    if title:
        body_keys = {(c.unit, _key(c.value)) for c in claims}
        found, _ = sentence_claims(title.strip(), 0, lang, Discourse(published=published, lang=lang), places)
        for c in found:
            if (c.unit, _key(c.value)) in body_keys:
                continue
            c.headline = True
            claims.insert(0, c)
    if lang == "zh" and (text != original or title != original_title):
        _restore(claims, original, original_title)
    return claims


def _restore(claims: list[Claim], text: str, title: str | None) -> None:
    """Put back the article's own characters where the stages read a folded copy (same offsets)."""
    for c in claims:
        source = (title or "").strip() if c.headline else text
        c.sentence = source[c.sentence_start : c.sentence_start + len(c.sentence)]
        c.raw = source[c.start : c.end]


def _key(value: float | str) -> Any:
    return round(value, 6) if isinstance(value, float) else value


def sentence_claims(
    sentence: str, off: int, lang: str, disc: Discourse, places: Places
) -> tuple[list[Claim], Discourse]:
    """The claims of one sentence read in `disc`, and the discourse after it."""
    m = find_mentions(sentence, lang, disc.published, places)
    anaphoric = with_anaphors(sentence, m.places, lang, disc)
    if anaphoric != m.places:
        m = replace(m, places=anaphoric)
    out: list[Claim] = []
    if m.reporter:
        disc = disc.after(reporter=m.reporter)
    reporting = cue("REPORTING", lang)

    date_claims, disc = _date_claims(sentence, off, lang, disc, m)
    out.extend(date_claims)
    for t in m.times:
        if (
            t.kind == "day"
            and t.date
            and not reporting.search(sentence[slice(*clause_bounds(sentence, lang, t.start))])
        ):
            disc = disc.after(last_day=date.fromisoformat(t.date))

    names_china = any(eid == "CHN" for *_, eid in m.places)
    beyond = not names_china and (any(eid == OTHER for *_, eid in m.places) or bool(_DOMESTIC[lang].search(sentence)))
    # "Imports came from Russia — 26.6 %, China — 19.8 %, Kazakhstan — 15.7 %": where China is one item of a
    # list of a partner's partners, the other items' figures are about other relations.
    china_listed = any(attached_place(sentence, f.start, m.places) == "CHN" for f in m.figures)
    stated: str | None = None  # the period spoken of that a figure of this sentence set
    for fig in m.figures:
        if beyond or about_other_country(sentence, fig.start, m.places, lang):
            continue  # "trade with Kyrgyzstan and Germany was …": a relation without China
        if china_listed and attached_place(sentence, fig.start, m.places) not in (None, "CHN"):
            continue
        if fig.word and fig.value == 1.0:
            continue  # "within one year", «ещё один проект»: the article counts nothing
        claim, after = _figure_claim(fig, sentence, off, lang, disc, m)
        if _looks_back(stated, after.current):
            # "Trade now exceeds $12 bn, while in 2015 it was only $4.7 bn": a glance back at an earlier year
            # after the sentence's own figure leaves the period spoken of where that figure put it.
            after = after._replace(current=stated, recent=stated, year=int(stated[:4]))  # type: ignore[index]
        elif after.current != disc.current:
            stated = after.current
        disc = after
        if claim is None:
            continue
        if not names_china and claim.family == "trade" and _WHOLE_TRADE[lang].search(sentence):
            continue  # a country's whole foreign trade, with every partner, is no claim about China
        pair = None
        if respective(sentence, fig.start, list(m.places), lang) is None:
            pair = split_coordinated(claim.subject, sentence, fig.start, list(m.places), lang)
        if pair is None:
            out.append(claim)
        else:
            a, b = pair
            out.append(_copy(claim, subject=a))
            out.append(_copy(claim, subject=b, notes=[*claim.notes, f"same figure stated for {a} and {b}"]))

    named = {eid for *_, eid in m.places if eid in lexicon.C5_MEMBERS}
    if named:
        disc = disc.after(partner=next(iter(named)) if len(named) == 1 else None)
    if not m.figures and not date_claims:
        disc = _spoken_of(disc, m)  # an event's date ("first proposed in 1996") is no period spoken of
    out.extend(_ordinal_claims(sentence, off, lang, disc, m))
    if not beyond and _is_rank(sentence, lang) and not _rank_is_figure(sentence, lang, m):
        rank, disc = _rank_claim(sentence, off, lang, disc, m)
        out.append(rank)
    out.sort(key=lambda c: c.start)
    return out, disc


_ZH_SCALE = re.compile(r"规模已?(?:经)?达")


def _looks_back(stated: str | None, current: str | None) -> bool:
    """Whether `current` is a whole year before the whole year `stated` earlier in the same sentence."""
    return bool(
        stated and current and re.fullmatch(r"\d{4}", stated) and re.fullmatch(r"\d{4}", current) and current < stated
    )


# A country's own economy (GDP, growth of the economy, population, land, reserves): no China relation.
_DOMESTIC = prefiltered_table(
    {
        "en": re.compile(
            r"\bGDP\b|gross domestic product|\b(?:its|the|national) economy\b|\binflation\b|\bpopulation\b|"
            r"\breserves\b|\bterritory\b",
            re.I,
        ),
        "ru": re.compile(
            r"\bВВП\b|валов\w+ внутренн\w+ продукт|экономик\w+ (?:страны|республики)|инфляц|населени", re.I
        ),
        "zh": re.compile(r"国内生产总值|GDP|经济保持|经济增长|国土|人口|储量|外国直接投资|通胀"),
    }
)
_WHOLE_TRADE = prefiltered_table(
    {
        "en": re.compile(r"\b(?:total |overall )?(?:foreign|external) trade\b", re.I),
        "ru": re.compile(r"внешнеторгов\w+ оборот|внешн\w+ торговл", re.I),
        "zh": re.compile(r"外贸总额|对外贸易总额|进出口总额"),
    }
)


def _rank_is_figure(sentence: str, lang: str, m: Mentions) -> bool:
    """Whether the rank cue belongs to a figure ("the largest share, at 20.1 %" is a rank and a share)."""
    hit = cue("RANK", lang).search(sentence) or _RANK_STRONG[lang].search(sentence)
    if hit is None or not m.figures:
        return bool(m.figures) and hit is None
    return any(abs(f.start - hit.end()) < 4 or abs(hit.start() - f.end) < 4 for f in m.figures)


def _spoken_of(disc: Discourse, m: Mentions) -> Discourse:
    """A sentence without figures naming one period makes it the period spoken of.

    "Statistics for January–May 2024 were published": the figures after it are for that span.
    """
    named = [t for t in m.times if t.role == "period" and t.kind in ("year", "span") and t.period]
    if len(named) != 1:
        return disc
    t = named[0]
    return disc.after(year=int(t.period[:4]), current=t.period)  # type: ignore[index]


def _copy(claim: Claim, **changes: Any) -> Claim:
    fields = {**claim.__dict__, "qualifiers": list(claim.qualifiers), "notes": list(claim.notes)}
    return Claim(**{**fields, **changes})


def _date_claims(sentence: str, off: int, lang: str, disc: Discourse, m: Mentions) -> tuple[list[Claim], Discourse]:
    """Dates that are themselves the claim: an event verb near them, no figure they date."""
    reporting = cue("REPORTING", lang)
    out = []
    for t in (*m.times, *_today(sentence, lang, disc.published, m)):
        if t.kind not in ("day", "days", "month", "year") or t.role == "base" or not t.date:
            continue
        cs, ce = clause_bounds(sentence, lang, t.start)
        clause = sentence[cs:ce]
        if reporting.search(clause) or (lang == "zh" and sentence[t.end : t.end + 1] == "电"):
            continue  # who said it, or a wire's dateline (阿斯塔纳4月3日电)
        end = ce
        if not clause.replace(sentence[t.start : t.end], "").strip(" ,，、"):
            if lang in ("zh", "ru") or cs == 0:  # «19 января, …», 10月21日，…: the date opens the clause after it
                _, end = clause_bounds(sentence, lang, ce + 1)
                clause = sentence[cs:end]
            else:  # "…launched the route between A and B, the capital, on Saturday, …": it closes what stands before
                cs, clause = 0, sentence[:ce]
        has_figure = any(cs <= f.start < ce for f in m.figures)
        if not cue("EVENT", lang).search(clause) or (has_figure and t.role != "start"):
            continue
        # A figure after the date in its clause is what the date is the period of; one in a later
        # clause ("…12月2日在乌鲁木齐揭幕，…300多名代表出席") leaves the event its date.
        if t.role != "start" and any(t.start < f.start < (end if lang == "zh" else len(sentence)) for f in m.figures):
            continue
        fam, _ = _family_at(sentence, t.start, lang)
        fam = fam or disc.last_family or disc.last_cue_family or "event"
        parties = find_parties(sentence, t.start, m.places, fam, disc, reporter=m.reporter)
        if parties.found:
            disc = disc.after(subject=parties.subject, counterpart=parties.counterpart)
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
                subject=parties.subject,
                counterpart=parties.counterpart,
                period=t.date,
                notes=["date resolved from the publication date"] if t.relative else [],
            )
        )
        if t.kind == "day":
            disc = disc.after(last_day=date.fromisoformat(t.date))
    return out, disc


_TODAY = prefiltered_table(
    {
        "en": re.compile(r"(?<!as of )\b[Tt]oday\b(?!'s)"),
        "ru": re.compile(r"(?<![А-Яа-яЁё])(?<![Нн]а )(?<![Дд]о )[Сс]егодня(?![А-Яа-яЁё])"),
        "zh": re.compile(r"(?<!截至)今天|(?<!截至)今日"),
    }
)


def _today(sentence: str, lang: str, published: date, m: Mentions) -> list[TimeMention]:
    """The publication day where "today" dates an event: "Today the line was opened", «Сегодня открыт…», 今天…开通.

    Only in a sentence that names no other date and no figure (beside a figure, "today"
    is the time of its level).
    """
    if m.figures or any(t.kind != "now" for t in m.times):
        return []
    hit = _TODAY[lang].search(sentence)
    if hit is None:
        return []
    day = published.isoformat()
    return [TimeMention(hit.start(), hit.end(), "day", period=day, date=day, relative=True)]


def _figure_claim(
    fig: Figure, sentence: str, off: int, lang: str, disc: Discourse, m: Mentions
) -> tuple[Claim | None, Discourse]:
    """One figure's claim, and the discourse after it."""
    unit = fig.unit
    notes: list[str] = []
    if unit is None:
        if disc.last_money is None:
            return None, disc
        unit = disc.last_money
        notes.append(f"unit {unit} carried over from the figure before")
    frame = classify(fig, unit, sentence, lang, disc.last_family or disc.last_cue_family)
    unit, measure, fam = frame.unit, frame.measure, frame.family
    # A share of investment with no time of its own ("China accounts for a third of all foreign investment
    # in Uzbekistan") is a share of the stock invested so far, as of publication.
    held = fam == "invest" and measure == "share" and not any(t.role == "period" for t in m.times)
    # 投资…规模已达22亿美元: the scale investment has reached is the stock invested so far.
    held = held or (fam == "invest" and measure == "level" and lang == "zh" and _ZH_SCALE.search(sentence) is not None)
    res = resolve(unit, measure, sentence, fig.start, lang, disc, m.times, stock=frame.stock or held)
    period = res.period
    comparison = frame.comparison
    lastn = next((t for t in m.times if t.kind == "lastn"), None)
    if lastn is not None and measure in ("multiple", "growth") and period == lastn.period:
        comparison = "since-year"
    parties = find_parties(sentence, fig.start, m.places, fam, disc, frame.indicator, m.reporter)
    before = sentence[max(0, fig.start - 40) : fig.start]
    quals = [fig.qualifier] if fig.qualifier else []
    if _UP_TO_BEFORE.search(before):
        quals = ["up to"]
    if _RECORD[lang].search(sentence):
        quals.append("record")
    if fig.high is not None:
        notes.append(f"range {fig.value:g}–{fig.high:g}; the lower end is checked")
    cs, ce = clause_bounds(sentence, lang, fig.start)
    changes: dict[str, Any] = {"year": res.year, "last_family": fam}
    if unit in ("USD", "CNY", "EUR", "KZT", "RUB", "HKD"):
        changes["last_money"] = unit
    if (
        _WHEN[lang].match(sentence[cs:ce]) is None
        and not any(t.kind == "sameyear" for t in m.times)
        and period
        and not period.startswith(("as-of", "cumulative"))
        and (unit in FLOW_UNITS or unit in ("percent", "times"))
    ):
        event = not m.times and len(period) == 7 and news_event(sentence[cs:ce], unit, lang)
        changes["current"] = period[:4] if event else period  # the month of a signing: its year is spoken of
    if period:
        changes["last_period"] = period
    if parties.found:
        changes["subject"], changes["counterpart"] = parties.subject, parties.counterpart
    claim = Claim(
        sentence=sentence,
        sentence_start=off,
        start=off + fig.start,
        end=off + fig.end,
        raw=fig.raw,
        value=frame.value,
        unit=unit,
        indicator=frame.indicator,
        family=fam,
        measure="level" if measure == "cumulative" else measure,
        subject=parties.subject,
        counterpart=parties.counterpart,
        period=period,
        base=res.base,
        reporter=m.reporter or disc.reporter,
        part=frame.part,
        comparison=comparison,
        qualifiers=quals,
        high=fig.high,
        decimals=fig.decimals,
        scale=fig.scale,
        notes=notes,
    )
    return claim, disc.after(**changes)


def _ordinal_claims(sentence: str, off: int, lang: str, disc: Discourse, m: Mentions) -> list[Claim]:
    """`the third China–Central Asia summit`: the ordinal of an event."""
    out = []
    for s, e, value, _noun in m.ordinals:
        fam, _ = _family_at(sentence, s, lang)
        # An anniversary («30-летие партнёрства», 建交30周年) is the relation's, read in the order it is named.
        fam = fam or ("relations" if _noun.lower() in ("летие", "周年", "anniversary") else "summit")
        parties = find_parties(sentence, s, m.places, fam, disc, reporter=m.reporter)
        t = min(m.times, key=lambda t: abs(t.start - s), default=None)
        period = t.date if t is not None and t.role != "base" else None
        if period and re.fullmatch(r"(\d{4}-\d{2})-\d{2}/\1-\d{2}", period):
            period = period[:7]  # a summit of 16–18 June is June's
        if not m.times and _EVENT_NOUN.search(_noun):
            # "Li's first official visit", "the second summit in Astana": an event the report is news of is
            # of the month it was published in, or of the recent day the report last named.
            day = disc.last_day
            recent = day is not None and day <= disc.published and (disc.published - day).days <= 31
            period = day.isoformat()[:7] if recent and day else f"{disc.published.year}-{disc.published.month:02d}"
        out.append(
            Claim(
                sentence=sentence,
                sentence_start=off,
                start=off + s,
                end=off + e,
                raw=sentence[s:e],
                value=float(value),
                unit="ordinal",
                indicator=f"{fam}.ordinal",
                family=fam,
                measure="ordinal",
                subject=parties.subject,
                counterpart=parties.counterpart,
                period=period,
            )
        )
    return out


# Ordinals of events (a summit, a visit), not of lines, phases or routes.
_EVENT_NOUN = re.compile(
    r"summit|meeting|forum|session|expo|exhibition|conference|congress|visit|саммит|встреч|форум|заседан|сесси|"
    r"выставк|конференц|визит|届|次|会议|峰会|论坛|会晤",
    re.I,
)


def _rank_claim(sentence: str, off: int, lang: str, disc: Discourse, m: Mentions) -> tuple[Claim, Discourse]:
    fam, _ = _family_at(sentence, len(sentence), lang)
    fam = fam or disc.last_family or "trade"
    if fam == "relations":
        fam = "trade"
    hit = cue("RANK", lang).search(sentence) or _RANK_STRONG[lang].search(sentence)
    pos = hit.start() if hit else 0
    parties = find_parties(sentence, pos, m.places, fam, disc, f"{fam}.partner_rank", m.reporter)
    res = resolve("rank", "rank", sentence, pos, lang, disc, m.times)
    claim = Claim(
        sentence=sentence,
        sentence_start=off,
        start=off + pos,
        end=off + (hit.end() if hit else len(sentence)),
        raw=hit.group(0) if hit else sentence,
        value=_rank_value(sentence, lang),
        unit="rank",
        indicator=f"{fam}.partner_rank",
        family=fam,
        measure="rank",
        subject=parties.subject,
        counterpart=parties.counterpart,
        period=res.period,
        reporter=m.reporter,
    )
    changes: dict[str, Any] = {"year": res.year}
    if parties.found:
        # The rank reads China first; the pair spoken of after it keeps the partner first, as a turnover does.
        pair = (parties.subject, parties.counterpart)
        changes["subject"], changes["counterpart"] = pair[::-1] if pair[0] == "CHN" else pair
    return claim, disc.after(**changes)


__all__ = ["MEASURES", "Claim", "Places", "build_places", "extract", "lexicon", "sentence_claims", "split_sentences"]
