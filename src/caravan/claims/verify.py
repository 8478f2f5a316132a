"""Verdicts: each claim against the ledger, with the observations and arithmetic used.

* **supported** — a matching figure lies within the tolerance the wording allows:
  half a unit of the last digit written (`$94.8 billion` allows ±0.05 billion),
  widened by the qualifier ("over" allows up to 15 % more, "nearly" up to 15 % less,
  "about" 5 % either way, "up to" anything not above) and by the rounding of the
  ledger's own figure;
* **contradicted** — only when the evidence has the claim's definition (the same
  indicator, not a part for the whole), the same direction, the same reporter (whose
  statistics), scope and period, the difference is beyond what the wording and the
  rounding allow, the evidence is not a secondary copy, and no source of at least the
  same tier supports the claim. Where the article does not say whose statistics it
  quotes, the figures of at least two reporters must disagree with it;
* **conflicting evidence** — sources of the same reporter and at least the same tier
  disagree, one supporting the claim and one not (both are shown);
* **outdated** / **period mismatch** — the figure fits another period of the same
  indicator (last year's figure as this year's; a year-to-date figure as annual);
* **unverifiable** — the ledger holds nothing that can decide it (what it would need,
  or why a differing figure does not decide it, is said);
* **unverifiable — only the article itself** — the only evidence is the article
  checked (the same address, or the same report republished): it never counts as
  support, and is shown as such.

The parts: `evidence` (verdict names, tolerance, evidence rows), `independence` (the
article's own figures), `gates` (what may contradict), `reasoning` (arithmetic across
rows and dates); this module compares and decides.

Reasoning steps, each named in the explanation (`REASONING`): a running total is
monotone; a stock by a date; growth, changes and multiples from two levels of one
reporter; average annual growth over a span; percentage-point changes of a share;
shares of the right total; sums over the five; currency at a cited rate; the reporters' recorded gap. A growth
claim is compared with growth of its own kind only: an average annual growth never
with one year's growth, a change in percentage points never with a growth rate.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from caravan.claims.article import read_article
from caravan.claims.evidence import (
    AVERAGE_GROWTH,
    CHANGE_FROM_LEVELS,
    CONFLICTING,
    CONTRADICTED,
    CURRENCY_AT_RATE,
    GROWTH_FROM_LEVELS,
    HEADLINE_AGAINST_BODY,
    MISMATCH,
    MULTIPLE_FROM_LEVELS,
    OUTDATED,
    PP_CHANGE,
    REASONING,
    REPORTERS_RECORD,
    RUNNING_TOTAL,
    SELF_ONLY,
    SHARE_OF_TOTAL,
    STOCK_BY_DATE,
    SUM_OVER_FIVE,
    SUPPORTED,
    UNVERIFIABLE,
    VERDICTS,
    CheckedClaim,
    CheckResult,
    Evidence,
    Verdict,
    evidence_of,
    fmt,
    last_digit,
    named_steps,
    near_derived,
    need_text,
    row_rounding,
    tier_of,
    tolerance,
    truncates,
    voice_of,
    within_rounding,
    within_wording,
)
from caravan.claims.extract import Claim, build_places, extract
from caravan.claims.gates import (
    contradiction_gate,
    definition_gap,
    mark_paragraph_years,
    period_stated,
    relative_year_stated,
    reporter_gap,
    reporters_record,
    within_a_revision,
    year_written,
)
from caravan.claims.independence import (
    Origin,
    normalise_url,
    own_split,
    self_only,
)
from caravan.claims.match import (
    ClaimPeriod,
    LedgerIndex,
    parse_claim_period,
    publisher_family,
    reporter_of,
    row_in_claim_unit,
    same_period,
)
from caravan.claims.reasoning import (
    from_levels,
    level_rows,
    monotone,
)

__all__ = [
    "AVERAGE_GROWTH",
    "CHANGE_FROM_LEVELS",
    "CONFLICTING",
    "CONTRADICTED",
    "CURRENCY_AT_RATE",
    "GROWTH_FROM_LEVELS",
    "HEADLINE_AGAINST_BODY",
    "MISMATCH",
    "MULTIPLE_FROM_LEVELS",
    "OUTDATED",
    "PP_CHANGE",
    "REASONING",
    "REPORTERS_RECORD",
    "RUNNING_TOTAL",
    "SELF_ONLY",
    "SHARE_OF_TOTAL",
    "STOCK_BY_DATE",
    "SUM_OVER_FIVE",
    "SUPPORTED",
    "UNVERIFIABLE",
    "VERDICTS",
    "CheckResult",
    "CheckedClaim",
    "Evidence",
    "Origin",
    "Verdict",
    "check_text",
    "normalise_url",
    "tolerance",
    "verify",
]


def _compare(
    claim: Claim,
    rows: list[tuple[dict[str, Any], float]],
    cp: ClaimPeriod,
    index: LedgerIndex,
    arithmetic: list[str],
    origin: Origin | None = None,
    reasoning: list[str] | None = None,
) -> Verdict:
    """Verdict from candidate (row, value in claim unit) pairs of one or more indicators."""
    origin = origin or Origin()
    steps = list(reasoning or [])
    rows, own = own_split(rows, origin, index)
    if not rows and own:
        return self_only(claim, own, index)
    verdict = _compare_independent(claim, rows, cp, index, arithmetic, steps)
    if verdict.verdict == UNVERIFIABLE and any(same_period(cp, r) for r, _ in own):
        return self_only(claim, [(r, x) for r, x in own if same_period(cp, r)], index)
    if own:
        verdict.evidence += [evidence_of(r, claim.unit, index, x, own=True) for r, x in own[:1]]
        verdict.explanation += "; a figure from the article itself is shown but not counted"
    return verdict


def _sum_step(row: dict[str, Any], index: LedgerIndex) -> list[str]:
    if row.get("method") != "derived" or "C5" not in (row.get("subject"), row.get("counterpart")):
        return []
    parts = index.lineage(row["id"])
    return [SUM_OVER_FIVE] if len(parts) == 5 else []


def _compare_independent(
    claim: Claim,
    rows: list[tuple[dict[str, Any], float]],
    cp: ClaimPeriod,
    index: LedgerIndex,
    arithmetic: list[str],
    steps: list[str],
) -> Verdict:
    lo, hi = tolerance(claim)
    v = float(claim.value)
    same_all = [(r, x) for r, x in rows if same_period(cp, r)]
    # A ledger figure that is itself a bound ("over 100 bn") neither pins the claim down nor is
    # contradicted by a figure on its side of the bound: only exact figures decide, and a bound
    # decides only when the claim falls outside it.
    same = [(r, x) for r, x in same_all if r.get("bound", "exact") == "exact"]
    bounded = [(r, x) for r, x in same_all if r.get("bound", "exact") != "exact"]
    violated = [(r, x) for r, x in bounded if _outside_bound(r.get("bound", "exact"), x, lo, hi)]
    fits = [
        (r, x)
        for r, x in same
        if within_wording(x, r, lo, hi)
        or (claim.unit == "percent" and r.get("method") == "derived" and near_derived(x, lo, hi))
    ]
    if claim.reporter:
        own_reporter = [(r, x) for r, x in fits if reporter_of(r) in (claim.reporter, None)]
        if own_reporter:
            fits = own_reporter
    if fits:
        return _supported_or_conflicting(claim, fits, same, index, arithmetic, steps)
    across_dates = monotone(claim, rows, cp, index, arithmetic, steps)
    if across_dates is not None:
        return across_dates
    # A figure copied from another period is a published (not derived) figure, copied as printed.
    exact = not set(claim.qualifiers) & {"over", "nearly", "about", "up to"}
    elsewhere = [
        (r, x)
        for r, x in rows
        if exact
        and r.get("method") != "derived"
        and not same_period(cp, r)
        and within_wording(x, r, lo, hi)
        and _confusable(cp, r)
        and definition_gap(claim, r, index) is None
    ]
    far = not same or all(abs(x - v) > 0.05 * abs(x) for _, x in same)
    if elsewhere and far and not period_stated(claim):
        r, x = max(elsewhere, key=lambda rx: rx[0]["period_end"])
        text = (
            f"{fmt(x)} {claim.unit} is the ledger's figure for {r['period']}; the claim's period, {cp.label}, is "
            "not stated in its sentence but read from the text around it, and may be that one"
        )
        ev = [evidence_of(r, claim.unit, index, x)]
        return Verdict(UNVERIFIABLE, named_steps(steps, text), ev, arithmetic, reasoning=steps)
    if elsewhere and far:
        r, x = max(elsewhere, key=lambda rx: rx[0]["period_end"])
        same_kind = r["period_kind"] == cp.kind
        verdict = OUTDATED if same_kind and r["period_end"] < cp.end else MISMATCH
        text = f"{fmt(x)} {claim.unit} is the ledger's figure for {r['period']} ({r['period_kind']}), not {cp.label}"
        if same:
            text += f"; for {cp.label} the ledger has {fmt(same[0][1])}"
        ev = [evidence_of(r, claim.unit, index, x)] + [evidence_of(s, claim.unit, index, y) for s, y in same[:2]]
        return Verdict(verdict, named_steps(steps, text), ev, arithmetic, reasoning=steps)
    if bounded and not violated and not same:
        r, x = bounded[0]
        word = {"lower": "over", "upper": "under", "approximate": "about"}.get(r.get("bound", ""), "")
        return Verdict(
            UNVERIFIABLE,
            named_steps(
                steps,
                f"the ledger has only a bound for {r['period']}: {word} {fmt(x)} {claim.unit}; the claim's "
                f"{fmt(v)} is consistent with it, but checking it needs an exact figure",
            ),
            [evidence_of(r, claim.unit, index, x)],
            arithmetic,
            reasoning=steps,
        )
    differing = same or violated
    if differing:
        return _contradicted_or_not(claim, differing, index, arithmetic, steps, lo, hi)
    periods = sorted({r["period"] for r, _ in rows})
    if periods:
        return Verdict(
            UNVERIFIABLE,
            named_steps(
                steps,
                f"the ledger has {rows[0][0]['indicator']} for {', '.join(periods[-5:])} "
                f"but not for {cp.label}; it needs a cited figure for {cp.label}",
            ),
            [],
            arithmetic,
            reasoning=steps,
        )
    return Verdict(UNVERIFIABLE, need_text(claim), [], arithmetic, reasoning=steps)


def _supported_or_conflicting(
    claim: Claim,
    fits: list[tuple[dict[str, Any], float]],
    same: list[tuple[dict[str, Any], float]],
    index: LedgerIndex,
    arithmetic: list[str],
    steps: list[str],
) -> Verdict:
    v = float(claim.value)
    fits.sort(key=lambda rx: (rx[0].get("method") == "derived", tier_of(rx[0]), abs(rx[1] - v)))
    best, bx = fits[0]
    fit_ids = {id(r) for r, _ in fits}
    others = [(r, x) for r, x in same if id(r) not in fit_ids]
    steps = steps + _sum_step(best, index)
    if best["indicator"].endswith("share_of_group") or claim.measure == "share":
        steps.append(SHARE_OF_TOTAL)
    # Sources that disagree: the same reporter's figure, from a page of at least the supporting
    # page's tier, with the claim's definition, outside what the wording and rounding allow.
    voices = {voice_of(r) for r, _ in fits}
    best_tier = min(tier_of(r) for r, _ in fits)
    # A derived figure (a sum over the five) rests on rounded inputs: it is no rival of a published one.
    rivals = [
        (r, x)
        for r, x in others
        if r.get("method") != "derived"
        and best.get("method") != "derived"
        and voice_of(r) in voices
        and tier_of(r) <= best_tier
        and abs(x - bx) > max(0.01 * abs(bx), row_rounding(r, x) + row_rounding(best, bx))
        and not truncates(bx, 2 * row_rounding(best, bx), x)
        and definition_gap(claim, r, index) is None
    ]
    if rivals:
        r, x = rivals[0]
        text = (
            f"sources disagree: {publisher_family(best) or 'a derived figure'} gives {fmt(bx)} {claim.unit} "
            f"for {best['period']}, which fits the claim; {publisher_family(r) or r.get('source_id')} gives "
            f"{fmt(x)}, which does not"
        )
        ev = [evidence_of(best, claim.unit, index, bx), evidence_of(r, claim.unit, index, x)]
        return Verdict(CONFLICTING, named_steps(steps, text), ev, arithmetic, reasoning=steps)
    text = f"the ledger has {fmt(bx)} {claim.unit} for {best['period']}"
    text += f" ({publisher_family(best) or 'derived'})"
    if claim.reporter and reporter_of(best) not in (claim.reporter, None):
        text += f"; that is {reporter_of(best)}'s figure, the claim cites {claim.reporter}'s"
    if others:
        text += f"; {len(others)} other figure(s) for the period differ (e.g. {fmt(others[0][1])}"
        who = sorted({voice_of(r) for r, _ in others} - voices)
        text += f", {', '.join(who)}'s statistics)" if who else ")"
    ev = [evidence_of(r, claim.unit, index, x) for r, x in fits + others[:2]]
    return Verdict(SUPPORTED, named_steps(steps, text), ev, arithmetic, reasoning=steps)


def _contradicted_or_not(
    claim: Claim,
    differing: list[tuple[dict[str, Any], float]],
    index: LedgerIndex,
    arithmetic: list[str],
    steps: list[str],
    lo: float,
    hi: float,
) -> Verdict:
    v = float(claim.value)
    deciding, why_not = contradiction_gate(claim, differing, index)
    if why_not is None and any(within_rounding(x, r, lo, hi) for r, x in deciding):
        why_not = "the difference is within the rounding of the ledger's own figure"
    if why_not is None and any(truncates(v, last_digit(claim), x) for _, x in deciding):
        why_not = "the claim's figure is the ledger's cut to the digits written, not rounded"
    releases = _releases_around(deciding, lo, hi)
    if why_not is None and releases is not None:
        why_not = (
            f"the ledger's own figures from {releases[0]} range from {fmt(releases[1])} to {fmt(releases[2])} "
            "and the claim lies between them: its source may be another release"
        )
    if why_not is None:
        why_not = within_a_revision(claim, deciding)
    if why_not is None and not any(0.5 <= v / x <= 2 for _, x in deciding if x and v / x > 0):
        why_not = (
            "it is more than twice or less than half the claim, so the claim more likely states another "
            "quantity (a part, a change) than a wrong figure"
        )
    pool = deciding or differing
    r, x = min(pool, key=lambda rx: abs(rx[1] - v))
    diff = v - x
    pct = diff / x * 100 if x else None
    ev = [evidence_of(s, claim.unit, index, y) for s, y in sorted(pool, key=lambda rx: abs(rx[1] - v))[:3]]
    word = {"lower": "over ", "upper": "under ", "approximate": "about "}.get(r.get("bound", "exact"), "")
    if why_not is not None:
        text = (
            f"the ledger has {word}{fmt(x)} {claim.unit} for {r['period']}, which differs from the claim's "
            f"{fmt(v)}, but it does not decide the claim: {why_not}"
        )
        return Verdict(UNVERIFIABLE, named_steps(steps, text), ev, arithmetic, reasoning=steps)
    steps = steps + _sum_step(r, index)
    pct_text = f" ({pct:+.1f}%)" if pct is not None else ""
    text = (
        f"the ledger has {word}{fmt(x)} {claim.unit} for {r['period']}; the claim's {fmt(v)} differs by "
        f"{fmt(diff)}{pct_text}, outside what its wording allows ({fmt(lo)}…{fmt(hi)})"
    )
    if reporter_gap(claim, [s for s, _ in deciding]) is not None:
        record = reporters_record(claim, deciding, index)
        if record is not None:
            steps = [*steps, REPORTERS_RECORD]
            text += f"; the article does not say whose statistics it quotes, but {record}"
    if r.get("method") == "derived":
        families = sorted({row["publisher"] for e in ev[:1] for row in e.lineage if row.get("publisher")})
        if families:
            text += (
                f"; the ledger's figure is computed from {', '.join(families)} figures, and another "
                "publisher's figures may give a different result"
            )
    return Verdict(
        CONTRADICTED, named_steps(steps, text), ev, arithmetic, difference=diff, difference_pct=pct, reasoning=steps
    )


def _releases_around(rows: list[tuple[dict[str, Any], float]], lo: float, hi: float) -> tuple[str, float, float] | None:
    """One reporter whose exact figures lie on both sides of the claim (lo…hi): who, lowest, highest; else None.

    Two releases of one reporter's statistics (preliminary and final) may both be quoted, so a figure
    between them is not wrong. Figures of two reporters are not releases of one: a figure between
    China's and Kyrgyzstan's is neither's, and each of them differs from it.
    """
    by_voice: dict[str, list[float]] = {}
    for r, x in rows:
        if r.get("bound", "exact") == "exact":
            by_voice.setdefault(voice_of(r), []).append(x)
    for voice, values in sorted(by_voice.items()):
        if len(values) >= 2 and min(values) < lo and hi > min(values) and lo < max(values):
            return voice or "one publisher", min(values), max(values)
    return None


def _outside_bound(bound: str, x: float, lo: float, hi: float) -> bool:
    """Whether a claim (lo…hi) falls outside a ledger bound x (over x, under x, about x)."""
    if bound == "lower":
        return hi < x * (1 - 0.005)
    if bound == "upper":
        return lo > x * (1 + 0.005)
    return hi < x * 0.9 or lo > x * 1.1  # "about": a tenth either way


def _confusable(cp: ClaimPeriod, row: dict[str, Any]) -> bool:
    """Periods that are plausibly mixed up (last year's as this year's, year-to-date as annual), or misread.

    A figure that is the ledger's for a neighbouring year (before or after) is never contradicted
    by the claim's year: the period may be the writer's slip or the reading's.
    """
    end = row["period_end"]
    if row["period_kind"] == cp.kind:
        return 0 < abs(cp.end.year - end.year) <= 2 or (cp.kind == "as-of" and end < cp.end)
    return end.year == cp.end.year


def _currency(claim: Claim, cp: ClaimPeriod, index: LedgerIndex, origin: Origin) -> Verdict | None:
    """A figure in yuan checked against the ledger's dollars through a cited exchange rate (or back)."""
    if claim.unit not in ("CNY", "USD") or cp.kind not in ("year", "year-to-date"):
        return None
    other = "USD" if claim.unit == "CNY" else "CNY"
    rate_row = index.fx_rate(cp.end.year)
    if rate_row is None:
        return None
    rate = float(rate_row["value"])
    base_ind = claim.indicator.replace("_cny", "") if claim.unit == "CNY" else claim.indicator + "_cny"
    alt = replace(claim, unit=other, indicator=base_ind)
    rows = level_rows(alt, index, alt)
    same = [(r, x) for r, x in rows if same_period(cp, r)]
    if not same:
        return None
    # Only the arithmetic of caravan.units.convert_money, without loading the unit library.
    converted = [(r, x * rate if claim.unit == "CNY" else x / rate) for r, x in same]
    arith = [
        f"{fmt(x)} {other} × {rate:g} CNY/USD" if claim.unit == "CNY" else f"{fmt(x)} CNY ÷ {rate:g} CNY/USD"
        for _, x in same[:1]
    ]
    verdict = _compare(claim, converted, cp, index, arith, origin, [CURRENCY_AT_RATE])
    verdict.evidence.append(evidence_of(rate_row, "CNY", index))
    verdict.explanation += f" (converted at the cited {cp.end.year} average rate of {rate:g} CNY/USD)"
    return verdict


def _date_claim(claim: Claim, index: LedgerIndex) -> Verdict:
    """A dated event against the ledger's events of the same kind and participants."""
    words = {
        "summit": ("summit",),
        "visa": ("visa",),
        "secretariat": ("secretariat",),
        "mechanism": ("mechanism",),
        "bri": ("belt and road",),
        "gas": ("pipeline", "gas"),
        "twinning": ("sister",),
    }.get(claim.family, (claim.family,))
    related = [
        e
        for e in index.events
        if (e["kind"] == claim.family or any(w in (e.get("title_en") or "").lower() for w in words))
        and (claim.subject is None or claim.subject in (e.get("participants") or []) or claim.subject == "C5")
    ]
    if not related:
        return Verdict(UNVERIFIABLE, f"the ledger has no {claim.family} event to date this; it needs a cited event")
    value = str(claim.value)
    first = value.split("/")[0]
    exact = [e for e in related if e["date"].isoformat().startswith(first) or first.startswith(e["date"].isoformat())]
    if exact:
        e = exact[0]
        return Verdict(SUPPORTED, f"the ledger dates '{e['title_en']}' to {e['date'].isoformat()}", [_event_ev(e)])
    try:
        claimed = date.fromisoformat(first) if len(first) == 10 else None
    except ValueError:
        claimed = None
    if claimed is None:
        return Verdict(
            UNVERIFIABLE,
            f"{len(related)} {claim.family} events in the ledger, none dated {value}",
            [_event_ev(e) for e in related[:3]],
        )
    near = min(related, key=lambda e: abs((e["date"] - claimed).days))
    gap = (claimed - near["date"]).days
    said = (
        f"the ledger dates '{near['title_en']}' to {near['date'].isoformat()}, "
        f"{abs(gap)} days {'before' if gap > 0 else 'after'} the claimed {value}"
    )
    # Another event of the kind (a signing and an entry into force, two summits) is not the same
    # event misdated: only the one event of its kind and parties within a year, a month away at
    # most, in a sentence that states the year, decides.
    nearby = [e for e in related if abs((e["date"] - claimed).days) <= 400]
    same_event = (
        near["kind"] == claim.family
        and len(nearby) == 1
        and abs(gap) <= 31
        and (_parties_agree(claim, near) or _place_named(claim, near, index))
        and period_stated(replace(claim, period=first))
    )
    if same_event:
        return Verdict(CONTRADICTED, said, [_event_ev(near)], difference=float(gap))
    if abs(gap) <= 400:
        return Verdict(
            UNVERIFIABLE,
            f"{said}; it may be another event of the kind, so it does not decide the claim",
            [_event_ev(near)],
        )
    return Verdict(UNVERIFIABLE, f"no {claim.family} event near {value} in the ledger", [])


def _parties_agree(claim: Claim, event: dict[str, Any]) -> bool:
    """Whether the claim's parties are among the event's participants."""
    taking = event.get("participants") or []
    return claim.subject in taking and (claim.counterpart is None or claim.counterpart in taking)


def _place_named(claim: Claim, event: dict[str, Any], index: LedgerIndex) -> bool:
    """Whether the claim's sentence names the event's place (in any of the three languages)."""
    place = next((e for e in index.entities if e["id"] == event.get("place")), None)
    if place is None:
        return False
    names = [place.get(f"name_{lang}") for lang in ("en", "zh", "ru")]
    return any(name and name in claim.sentence for name in names)


def _event_ev(e: dict[str, Any]) -> Evidence:
    return Evidence(
        observation=e["id"],
        indicator=f"event.{e['kind']}",
        subject=None,
        counterpart=None,
        period=e["date"].isoformat(),
        value=0.0,
        unit="date",
        value_in_claim_unit=None,
        method="reported",
        publisher=e.get("publisher"),
        source_title=e.get("title_en"),
        source_url=e.get("source_url"),
        locator=e.get("locator"),
    )


def verify(claim: Claim, index: LedgerIndex, named: list[str] | None = None, origin: Origin | None = None) -> Verdict:
    """The verdict on one claim against the ledger.

    Args:
        claim: The claim.
        index: The ledger, read once.
        named: Entities (pipelines, crossings, services) the article names, tried as subjects
            where the countries hold no matching figure.
        origin: The article's own address and title: evidence from it is shown, never counted.
    """
    origin = origin or Origin()
    if claim.unit == "date" or claim.measure == "date":
        return _date_claim(claim, index)
    if claim.measure == "ordinal":
        return Verdict(UNVERIFIABLE, "the ledger does not number events; an ordinal needs the series of events")
    if claim.unit == "rank" or claim.measure == "rank":
        return Verdict(
            UNVERIFIABLE,
            f"a rank needs {claim.subject or 'the subject'}'s figures with every partner; "
            "the ledger holds only the six countries' bilateral figures",
        )
    cp = parse_claim_period(claim.period, claim.measure)
    if cp is None:
        return Verdict(UNVERIFIABLE, "the article gives no period for this figure; it needs a year or a date")
    if claim.subject is None:
        return Verdict(UNVERIFIABLE, "no country or place could be attached to this figure; the claim needs a subject")
    if claim.measure in ("change", "multiple", "avg_growth", "pp_change"):
        return from_levels(claim, cp, index, origin)
    if claim.measure == "growth" and claim.base and not _one_year_before(claim.base, cp):
        return from_levels(claim, cp, index, origin)
    candidates = index.candidate_indicators(claim)
    rows: list[tuple[dict[str, Any], float]] = []
    for iid in candidates[:4]:
        found = list(index.observations_for(iid, claim))
        if not any(same_period(cp, r) for r in found):
            for entity in named or []:
                found += index.observations_of_entity(iid, entity)
        hit = False  # rows of earlier indicators had none of the claim's period, or the loop had stopped
        for r in found:
            x = row_in_claim_unit(r, claim.unit)
            if x is not None:
                rows.append((r, x))
                hit = hit or same_period(cp, r)
        if hit:
            break
    if not rows:
        if claim.measure == "growth":
            return from_levels(claim, cp, index, origin)
        conv = _currency(claim, cp, index, origin)
        if conv is not None:
            return conv
        if not candidates:
            return Verdict(
                UNVERIFIABLE,
                f"the ledger has no {claim.family} indicator measured in {claim.unit}; "
                f"checking it needs one such as {claim.indicator}",
            )
        return Verdict(UNVERIFIABLE, need_text(claim, candidates[0]))
    verdict = _compare(claim, rows, cp, index, [], origin)
    if verdict.verdict in (OUTDATED, MISMATCH) and not all(
        index.comparable(claim, e.indicator) for e in verdict.evidence
    ):
        nearest = verdict.evidence[0] if verdict.evidence else None
        said = f"{nearest.indicator} = {nearest.value:g} {nearest.unit} ({nearest.period})" if nearest else ""
        return Verdict(
            UNVERIFIABLE,
            f"the ledger's nearest figure, {said}, may measure something else than {claim.indicator}; "
            f"checking it needs a cited figure of {claim.indicator}",
            verdict.evidence[:1],
        )
    if verdict.verdict == UNVERIFIABLE and claim.measure == "growth" and not verdict.evidence:
        return from_levels(claim, cp, index, origin)
    if verdict.verdict == UNVERIFIABLE:
        conv = _currency(claim, cp, index, origin)
        if conv is not None and conv.verdict != UNVERIFIABLE:
            return conv
    return verdict


def _one_year_before(base: str, cp: ClaimPeriod) -> bool:
    """Whether a comparison base is the same span one year earlier (a year-on-year growth)."""
    b = parse_claim_period(base)
    return (
        b is not None
        and b.end.year == cp.end.year - 1
        and (b.start.month, b.end.month)
        == (
            cp.start.month,
            cp.end.month,
        )
    )


def _same_figure(a: Claim, b: Claim) -> bool:
    """Whether two claims of one article state the same quantity (indicator, parties, period, unit)."""
    return (
        a.unit == b.unit
        and a.measure == b.measure
        and a.indicator == b.indicator
        and {a.subject, a.counterpart} == {b.subject, b.counterpart}
        and a.period == b.period
        and a.part == b.part
    )


def _headline_against_body(checked: list[CheckedClaim]) -> None:
    """A headline figure that its own body and the ledger give differently is contradicted.

    The body's figure must be supported by independent evidence, and the headline's
    figure must lie outside what its wording allows around it; the verdict is
    changed in place.
    """
    body = [c for c in checked if not c.claim.headline and c.verdict.verdict == SUPPORTED]
    for item in checked:
        if not item.claim.headline or item.verdict.verdict in (SUPPORTED, CONTRADICTED, CONFLICTING):
            continue
        if not isinstance(item.claim.value, float | int):
            continue
        lo, hi = tolerance(item.claim)
        for other in body:
            if not _same_figure(item.claim, other.claim) or not isinstance(other.claim.value, float | int):
                continue
            x = float(other.claim.value)
            if lo <= x <= hi or not any(e.independent for e in other.verdict.evidence):
                continue
            diff = float(item.claim.value) - x
            item.verdict = Verdict(
                CONTRADICTED,
                f"{HEADLINE_AGAINST_BODY}: the article's own body gives {fmt(x)} {other.claim.unit} "
                f"({other.claim.raw}), which the ledger supports ({other.verdict.explanation}); the headline's "
                f"{fmt(float(item.claim.value))} is outside what its wording allows",
                list(other.verdict.evidence),
                list(other.verdict.arithmetic),
                difference=diff,
                difference_pct=diff / x * 100 if x else None,
                reasoning=[HEADLINE_AGAINST_BODY, *other.verdict.reasoning],
            )
            break


def check_text(text: str, ledger: Any, lang: str | None = None, published: Any = None) -> CheckResult:
    """Extract every claim from `text` and check each against the ledger (see `caravan.claims`).

    `ledger` is an open `Ledger`, a `LedgerIndex` already read from one (a server keeps one
    for all requests), or None to extract without checking.

    Raises:
        InputError: Empty, binary, or another language's text.
    """
    article = read_article(text, lang=lang, published=published)
    index = LedgerIndex.load(ledger) if ledger is not None and not isinstance(ledger, LedgerIndex) else ledger
    places = index.places(article.lang) if index is not None else build_places(article.lang)
    claims = extract(article.body, article.lang, article.published, places, title=article.title)
    notes: list[str] = []
    if article.truncated:
        notes.append("the input was longer than 200,000 characters; only the first 200,000 were checked")
    if not article.published_given:
        notes.append(
            f"no publication date given: relative dates were resolved against today "
            f"({article.published.isoformat()}); give the article's publication date to resolve them against it"
        )
    if not claims:
        notes.append("no quantitative claims found in the text")
    mark_paragraph_years(article.body, claims)
    named = index.named_entities(article.body, article.lang) if index is not None else []
    origin = Origin(article.url, article.title)
    checked = []
    for claim in claims:
        verdict = Verdict(UNVERIFIABLE, "no ledger was given") if index is None else verify(claim, index, named, origin)
        checked.append(CheckedClaim(claim, verdict))
    _headline_against_body(checked)
    if not article.published_given:
        _undated_relative(checked)
    return CheckResult(article, checked, notes)


def _undated_relative(checked: list[CheckedClaim]) -> None:
    """Without a publication date, a period read from "last year" (去年, «в прошлом году») decides nothing.

    It was resolved against today, which may not be the year the article meant; the verdict is
    changed in place.
    """
    for item in checked:
        if item.verdict.verdict == CONTRADICTED and relative_year_stated(item.claim) and not year_written(item.claim):
            item.verdict = Verdict(
                UNVERIFIABLE,
                f"{item.verdict.explanation}; but the claim's period ({item.claim.period}) is read from a year "
                "relative to publication, and the article gives no publication date: give it to decide the claim",
                list(item.verdict.evidence),
                list(item.verdict.arithmetic),
                reasoning=list(item.verdict.reasoning),
            )
