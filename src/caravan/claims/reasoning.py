"""Reasoning across rows, each step named in the explanation.

Running totals and stocks across dates; changes, growth, average growth, multiples
and percentage-point changes from two levels (or shares) of one reporter.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import Any

from caravan.claims.claim import Claim
from caravan.claims.evidence import (
    AVERAGE_GROWTH,
    CHANGE_FROM_LEVELS,
    CONTRADICTED,
    GROWTH_FROM_LEVELS,
    MULTIPLE_FROM_LEVELS,
    PP_CHANGE,
    RUNNING_TOTAL,
    STOCK_BY_DATE,
    SUPPORTED,
    UNVERIFIABLE,
    Verdict,
    evidence_of,
    fmt,
    named_steps,
    near_derived,
    need_text,
    row_rounding,
    tolerance,
    voice_of,
)
from caravan.claims.gates import (
    contradiction_gate,
    definition_gap,
)
from caravan.claims.independence import (
    Origin,
    own_split,
    self_only,
)
from caravan.claims.match import (
    ClaimPeriod,
    LedgerIndex,
    parse_claim_period,
    row_in_claim_unit,
    same_period,
)


def monotone(
    claim: Claim,
    rows: list[tuple[dict[str, Any], float]],
    cp: ClaimPeriod,
    index: LedgerIndex,
    arithmetic: list[str],
    steps: list[str],
) -> Verdict | None:
    """Running totals and stocks across dates.

    A running total never falls: one that had passed X before the claim's date
    supports "over X by the date", and an exact total below the claim at a later
    date contradicts it. A stock above X at a date within the claim's year
    supports "by that year it exceeded X".
    """
    v = float(claim.value)
    lo, _ = tolerance(claim)
    over = "over" in claim.qualifiers
    if cp.kind == "cumulative-to-date" or claim.running_total:
        earlier = [
            (r, x)
            for r, x in rows
            if r["period_kind"] == "cumulative-to-date"
            and r["period_end"] <= cp.end
            and r.get("bound", "exact") in ("exact", "lower")
            and x >= lo
            and definition_gap(claim, r, index) is None
        ]
        if earlier and (over or any(same_period(cp, r) for r, _ in earlier)):
            r, x = max(earlier, key=lambda rx: rx[0]["period_end"])
            text = (
                f"the running total had reached {fmt(x)} {claim.unit} by {r['period_end'].isoformat()}, "
                f"before {cp.end.isoformat()}; a running total never falls, so it was over {fmt(v)} by then"
            )
            s = [*steps, RUNNING_TOTAL]
            return Verdict(
                SUPPORTED, named_steps(s, text), [evidence_of(r, claim.unit, index, x)], arithmetic, reasoning=s
            )
        later = [
            (r, x)
            for r, x in rows
            if r["period_kind"] == "cumulative-to-date"
            and r["period_end"] >= cp.end
            and r.get("bound", "exact") in ("exact", "upper")
            and x < lo - row_rounding(r, x)
        ]
        if later:
            deciding, why_not = contradiction_gate(claim, later, index)
            if why_not is None:
                r, x = min(deciding, key=lambda rx: rx[0]["period_end"])
                text = (
                    f"the running total was {fmt(x)} {claim.unit} by {r['period_end'].isoformat()}, on or after "
                    f"{cp.end.isoformat()}; a running total never falls, so it cannot have been {fmt(v)} by then"
                )
                s = [*steps, RUNNING_TOTAL]
                return Verdict(
                    CONTRADICTED,
                    named_steps(s, text),
                    [evidence_of(r, claim.unit, index, x)],
                    arithmetic,
                    difference=v - x,
                    difference_pct=(v - x) / x * 100 if x else None,
                    reasoning=s,
                )
    if cp.kind == "as-of" and over:
        within = [
            (r, x)
            for r, x in rows
            if r["period_kind"] == "as-of"
            and r["period_end"].year == cp.end.year
            and r["period_end"] <= cp.end
            and r.get("bound", "exact") in ("exact", "lower")
            and x >= lo
            and definition_gap(claim, r, index) is None
        ]
        if within:
            r, x = max(within, key=lambda rx: rx[0]["period_end"])
            text = (
                f"the stock stood at {'over ' if r.get('bound') == 'lower' else ''}{fmt(x)} {claim.unit} on "
                f"{r['period_end'].isoformat()}, within {cp.end.year}: by then it exceeded {fmt(v)}"
            )
            s = [*steps, STOCK_BY_DATE]
            return Verdict(
                SUPPORTED, named_steps(s, text), [evidence_of(r, claim.unit, index, x)], arithmetic, reasoning=s
            )
    return None


_DERIVED_SUFFIXES = (".change_abs", ".growth_multiple", ".growth_yoy", ".yoy", ".avg_growth", ".growth", ".pp_change")


def _level_claim(claim: Claim) -> Claim:
    """The level a change, growth or multiple is computed from (`trade.turnover.yoy` → `trade.turnover`)."""
    indicator = claim.indicator
    for suffix in _DERIVED_SUFFIXES:
        if indicator.endswith(suffix) and indicator.count(".") >= 1:
            indicator = indicator[: -len(suffix)]
            break
    measure = "share" if claim.measure == "pp_change" else "level"
    return replace(claim, measure=measure, indicator=indicator, comparison=None, qualifiers=[])


LEVEL_UNITS = ("USD", "CNY", "bcm", "tonnes", "trains", "TEU", "persons", "flights", "flights_per_week", "pairs")
"""Units a level may be in when the claim (a growth rate, a multiple) does not say."""


def _level_indicators(claim: Claim, index: LedgerIndex, level: Claim) -> list[str]:
    """The ledger indicators whose levels a change, growth, multiple or point change is computed from."""
    if claim.measure == "pp_change":
        fam = level.indicator.split(".")[0]
        want = set(re.split(r"[._]", level.indicator)) - {fam, "share", "pp", "change"}
        shares = [
            iid
            for iid in index.observations
            if iid.split(".")[0] == fam and "share" in iid and not iid.endswith(".yoy")
        ]
        return sorted(shares, key=lambda iid: (-len(want & set(re.split(r"[._]", iid))), iid))[:3]
    if level.indicator in index.observations:
        return [level.indicator]
    if claim.measure == "change":
        return index.candidate_indicators(level)[:3]
    for unit in LEVEL_UNITS:
        found = index.candidate_indicators(replace(level, unit=unit))
        if found:
            return found[:3]
    return []


def level_rows(claim: Claim, index: LedgerIndex, level_claim: Claim) -> list[tuple[dict[str, Any], float]]:
    """Exact reported levels (or shares) of one indicator for the claim's parties, in a common unit."""
    rows: list[tuple[dict[str, Any], float]] = []
    for iid in _level_indicators(claim, index, level_claim):
        for r in index.observations_for(iid, claim):
            if r.get("bound", "exact") != "exact":
                continue  # a change or multiple computed from a bound is no figure
            if claim.measure == "change":
                x = row_in_claim_unit(r, claim.unit)
            else:
                x = float(r["value_std"]) if r.get("value_std") is not None else float(r["value"])
            if x is not None:
                rows.append((r, x))
        if rows:
            break
    return rows


def _base_period(claim: Claim, cp: ClaimPeriod) -> ClaimPeriod | None:
    """The comparison base: the claim's `base` when the text gives one, else one year before."""
    if claim.base:
        return parse_claim_period(claim.base)
    if cp.kind == "change":
        return ClaimPeriod("year", date(cp.start.year, 1, 1), date(cp.start.year, 12, 31), 4, str(cp.start.year))
    try:
        start, end = cp.start.replace(year=cp.start.year - 1), cp.end.replace(year=cp.end.year - 1)
    except ValueError:  # 29 February
        start, end = cp.start.replace(year=cp.start.year - 1, day=28), cp.end.replace(year=cp.end.year - 1, day=28)
    return ClaimPeriod(cp.kind, start, end, cp.precision, f"{cp.label} a year before")


def _current_period(cp: ClaimPeriod) -> ClaimPeriod:
    if cp.kind == "change":
        return ClaimPeriod("year", date(cp.end.year, 1, 1), date(cp.end.year, 12, 31), 4, str(cp.end.year))
    return cp


def from_levels(claim: Claim, cp: ClaimPeriod, index: LedgerIndex, origin: Origin) -> Verdict:
    """A change, growth, average growth, multiple or percentage-point change from two levels of one reporter."""
    level = _level_claim(claim)
    measure = claim.measure
    if measure == "avg_growth" and cp.start.year >= cp.end.year:
        return Verdict(
            UNVERIFIABLE,
            f"{AVERAGE_GROWTH}: the claim's period ({cp.label}) is no span of years; it needs the first and last year",
            reasoning=[AVERAGE_GROWTH],
        )
    if measure == "avg_growth":
        span_start = ClaimPeriod("year", date(cp.start.year, 1, 1), date(cp.start.year, 12, 31), 4, str(cp.start.year))
        ends = [(_current_period(replace(cp, kind="year", start=date(cp.end.year, 1, 1))), span_start)]
        before = ClaimPeriod(
            "year", date(cp.start.year - 1, 1, 1), date(cp.start.year - 1, 12, 31), 4, str(cp.start.year - 1)
        )
        ends.append((ends[0][0], before))  # "over 2014–2023" may count from the 2013 level
        step = AVERAGE_GROWTH
    else:
        base = _base_period(claim, cp)
        if base is None:
            return Verdict(UNVERIFIABLE, f"the comparison base {claim.base!r} is not a period the ledger can read")
        if (base.start, base.end) == (_current_period(cp).start, _current_period(cp).end):
            return Verdict(
                UNVERIFIABLE,
                f"the comparison base ({base.label}) is the claim's own period; it needs the period compared",
            )
        ends = [(_current_period(cp), base)]
        step = {
            "change": CHANGE_FROM_LEVELS,
            "multiple": MULTIPLE_FROM_LEVELS,
            "growth": GROWTH_FROM_LEVELS,
            "pp_change": PP_CHANGE,
        }[measure]
    rows = level_rows(claim, index, level)
    rows, own = own_split(rows, origin, index)
    if not rows:
        if own:
            return self_only(claim, own, index)
        return Verdict(
            UNVERIFIABLE,
            need_text(claim, f"{'shares' if measure == 'pp_change' else 'levels'} of {level.indicator}"),
            reasoning=[step],
        )
    results: list[tuple[dict[str, Any], dict[str, Any], float, str]] = []
    for cur_p, base_p in ends:
        for r, x in rows:
            if not same_period(cur_p, r):
                continue
            for p, y in rows:
                if voice_of(p) != voice_of(r) or p["period_kind"] != r["period_kind"] or not same_period(base_p, p):
                    continue
                computed = _combine(measure, x, y, cur_p.end.year - base_p.end.year)
                if computed is None:
                    continue
                results.append((r, p, computed, _arith(measure, x, y, r, p, computed, claim.unit)))
    if not results:
        return Verdict(
            UNVERIFIABLE,
            named_steps([step], need_text(claim, f"two comparable periods of {level.indicator} from one reporter")),
            reasoning=[step],
        )
    lo, hi = tolerance(claim)
    v = float(claim.value)
    derived_slack = measure in ("growth", "avg_growth", "pp_change", "multiple")

    def fits(t: tuple[dict[str, Any], dict[str, Any], float, str]) -> bool:
        return lo <= t[2] <= hi or (derived_slack and near_derived(t[2], lo, hi))

    best = min(results, key=lambda t: (not fits(t), abs(t[2] - v)))
    r, p, computed, arith = best
    ev = [evidence_of(r, level.unit, index), evidence_of(p, level.unit, index)]
    if fits(best):
        return Verdict(
            SUPPORTED, named_steps([step], f"computed from the ledger: {arith}"), ev, [arith], reasoning=[step]
        )
    current = [(row, x) for row, x in rows if any(row is t[0] for t in results)]
    deciding, why_not = contradiction_gate(claim, current, index)
    if why_not is None:
        decided = [t for t in results if any(t[0] is row for row, _ in deciding)]
        r, p, computed, arith = min(decided, key=lambda t: abs(t[2] - v))
        ev = [evidence_of(r, level.unit, index), evidence_of(p, level.unit, index)]
    diff = v - computed
    if why_not is not None:
        return Verdict(
            UNVERIFIABLE,
            named_steps(
                [step],
                f"computed from the ledger: {arith}, which differs from the claim's {fmt(v)}, "
                f"but it does not decide the claim: {why_not}",
            ),
            ev,
            [arith],
            reasoning=[step],
        )
    return Verdict(
        CONTRADICTED,
        named_steps([step], f"computed from the ledger: {arith}; the claim's {fmt(v)} differs by {fmt(diff)}"),
        ev,
        [arith],
        difference=diff,
        difference_pct=(diff / computed * 100 if computed else None),
        reasoning=[step],
    )


def _combine(measure: str, x: float, y: float, years: int) -> float | None:
    if measure in ("change", "pp_change"):
        return x - y
    if not y or x / y <= 0:
        return None
    if measure == "multiple":
        return x / y
    if measure == "growth":
        return (x / y - 1) * 100
    if measure == "avg_growth" and years > 0:
        return ((x / y) ** (1 / years) - 1) * 100
    return None


def _arith(measure: str, x: float, y: float, r: dict[str, Any], p: dict[str, Any], computed: float, unit: str) -> str:
    a, b = f"{fmt(x)} ({r['period']})", f"{fmt(y)} ({p['period']})"
    if measure == "change":
        return f"{a} − {b} = {fmt(computed)} {unit}"
    if measure == "pp_change":
        return f"{a} − {b} = {computed:+.2f} percentage points"
    if measure == "multiple":
        return f"{a} / {b} = {computed:.2f} times"
    if measure == "growth":
        return f"{a} / {b} − 1 = {computed:+.2f}%"
    years = r["period_end"].year - p["period_end"].year
    return f"({a} / {b})^(1/{years}) − 1 = {computed:+.2f}% a year"
