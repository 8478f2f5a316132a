"""Verdicts: each claim against the ledger, with the observations and arithmetic used.

* **supported** — a matching figure lies within the tolerance the wording allows:
  half a unit of the last digit written (`$94.8 billion` allows ±0.05 billion),
  widened by the qualifier ("over" allows up to 15 % more, "nearly" up to 15 % less,
  "about" 5 % either way, "up to" anything not above);
* **contradicted** — matching figures exist for that period but none fits (the
  difference is given);
* **outdated** / **period mismatch** — the figure fits another period of the same
  indicator (last year's figure as this year's; a year-to-date figure as annual);
* **unverifiable** — the ledger holds nothing to compare (what it would need is said).

Changes and multiples are computed from two levels of one publisher; figures in
yuan are compared with dollar figures through a cited exchange rate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from caravan.claims.article import Article, read_article
from caravan.claims.extract import Claim, build_places, extract
from caravan.claims.match import (
    ClaimPeriod,
    LedgerIndex,
    parse_claim_period,
    publisher_family,
    row_in_claim_unit,
    same_period,
)
from caravan.figures import attribution, display_fields, printed, shown

SUPPORTED = "supported"
CONTRADICTED = "contradicted"
OUTDATED = "outdated"
MISMATCH = "period mismatch"
UNVERIFIABLE = "unverifiable"


@dataclass
class Evidence:
    """One observation used, with its source (or the arithmetic of a derived figure)."""

    observation: str | None
    indicator: str
    subject: str | None
    counterpart: str | None
    period: str
    value: float
    unit: str
    value_in_claim_unit: float | None
    method: str
    publisher: str | None
    source_title: str | None
    source_url: str | None
    locator: str | None
    lineage: list[dict[str, Any]] = field(default_factory=list)
    shown: str | None = None
    """The figure as a person reads it: display unit, bound as a word ("over 100 bn USD")."""
    printed: str | None = None
    """The figure as the source printed it ("5000 亿 m³")."""
    attribution: str | None = None
    """Whose figure it is and the page that printed it ("GACC, via The Astana Times")."""

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return dict(self.__dict__)


@dataclass
class Verdict:
    """A claim's verdict, its explanation, evidence and arithmetic."""

    verdict: str
    explanation: str
    evidence: list[Evidence] = field(default_factory=list)
    arithmetic: list[str] = field(default_factory=list)
    difference: float | None = None
    difference_pct: float | None = None


@dataclass
class CheckedClaim:
    """A claim with its verdict."""

    claim: Claim
    verdict: Verdict

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        v = self.verdict
        return {
            **self.claim.to_dict(),
            "verdict": v.verdict,
            "explanation": v.explanation,
            "difference": v.difference,
            "difference_pct": v.difference_pct,
            "arithmetic": list(v.arithmetic),
            "evidence": [e.to_dict() for e in v.evidence],
        }


@dataclass
class CheckResult:
    """What `check_text` returns: the article, its claims with verdicts, and notes on the input."""

    article: Article
    claims: list[CheckedClaim]
    notes: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """Number of claims per verdict."""
        out: dict[str, int] = {}
        for c in self.claims:
            out[c.verdict.verdict] = out.get(c.verdict.verdict, 0) + 1
        return out

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "lang": self.article.lang,
            "title": self.article.title,
            "url": self.article.url,
            "published": self.article.published.isoformat(),
            "published_given": self.article.published_given,
            "truncated": self.article.truncated,
            "notes": list(self.notes),
            "counts": self.counts(),
            "claims": [c.to_dict() for c in self.claims],
        }


def _fmt(x: float) -> str:
    if abs(x) >= 1e9:
        return f"{x / 1e9:,.4g} bn"
    if abs(x) >= 1e6:
        return f"{x / 1e6:,.4g} mn"
    return f"{x:,.6g}"


def tolerance(claim: Claim) -> tuple[float, float]:
    """The interval of true values the claim's wording allows."""
    v = float(claim.value)
    step = 0.5 * (10**-claim.decimals) * claim.scale
    if claim.unit in ("bcm", "bcm_per_year") and claim.scale >= 1e9:
        step /= 1e9
    digits = claim.raw.translate(str.maketrans("", "", ",  ")).split(".")[0]
    whole = "".join(ch for ch in digits if ch.isdigit())
    if claim.decimals == 0 and whole.endswith("0") and whole.strip("0"):
        # "700亿", "70 billion": trailing zeros may be rounding; allow it, up to 1 % of the value.
        zeros = len(whole) - len(whole.rstrip("0"))
        step = max(step, min(step * 10**zeros, abs(v) * 0.01))
    step = max(step, abs(v) * 0.0005)
    quals = set(claim.qualifiers)
    lo, hi = v - step, v + step
    if "over" in quals:
        lo, hi = v - step, abs(v) * 1.15 + step if v >= 0 else v + abs(v) * 0.15 + step
    elif "nearly" in quals:
        lo, hi = v - abs(v) * 0.15 - step, v + step
    elif "about" in quals:
        lo, hi = v - max(step, abs(v) * 0.05), v + max(step, abs(v) * 0.05)
    elif "up to" in quals:
        lo, hi = float("-inf"), v + step
    if claim.high is not None:
        hi = max(hi, claim.high + step)
    return lo, hi


def _evidence(row: dict[str, Any], claim_unit: str, index: LedgerIndex, value: float | None = None) -> Evidence:
    lineage: list[dict[str, Any]] = []
    if row.get("method") == "derived" and index.lineage is not None:
        try:
            lineage = [
                {
                    "observation": r["id"],
                    "indicator": r["indicator"],
                    "subject": r["subject"],
                    "counterpart": r["counterpart"],
                    "period": r["period"],
                    "value": r["value"],
                    "unit": r["unit"],
                    "publisher": r["publisher"],
                    "source_url": r["source_url"],
                    "locator": r["locator"],
                    **display_fields(r),
                }
                for r in index.lineage(row["id"])
            ]
        except Exception:
            lineage = []
    return Evidence(
        observation=row.get("id"),
        indicator=row["indicator"],
        subject=row.get("subject"),
        counterpart=row.get("counterpart"),
        period=row["period"],
        value=row["value"],
        unit=row["unit"],
        value_in_claim_unit=value if value is not None else row_in_claim_unit(row, claim_unit),
        method=row.get("method") or "",
        publisher=row.get("publisher"),
        source_title=row.get("source_title"),
        source_url=row.get("source_url"),
        locator=row.get("locator"),
        lineage=lineage,
        shown=shown(row),
        printed=printed(row),
        attribution=attribution(row),
    )


def _need(claim: Claim, what: str | None = None) -> str:
    who = "/".join(x for x in (claim.subject, claim.counterpart) if x) or "an unnamed subject"
    return (
        f"the ledger has no {what or claim.indicator} for {who} in {claim.period or 'the period'}; "
        f"checking it needs a cited figure of {claim.indicator} ({claim.unit}) for {who}, "
        f"{claim.period or 'with its period'}"
    )


def _compare(
    claim: Claim,
    rows: list[tuple[dict[str, Any], float]],
    cp: ClaimPeriod,
    index: LedgerIndex,
    arithmetic: list[str],
) -> Verdict:
    """Verdict from candidate (row, value in claim unit) pairs of one or more indicators."""
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
        if lo <= x <= hi or (claim.unit == "percent" and r.get("method") == "derived" and _near_derived(x, lo, hi))
    ]
    if fits:
        fits.sort(key=lambda rx: (rx[0].get("method") == "derived", abs(rx[1] - v)))
        others = [(r, x) for r, x in same if (r, x) not in fits]
        text = f"the ledger has {_fmt(fits[0][1])} {claim.unit} for {fits[0][0]['period']}"
        text += f" ({publisher_family(fits[0][0]) or 'derived'})"
        if others:
            text += f"; {len(others)} other figure(s) for the period differ (e.g. {_fmt(others[0][1])})"
        ev = [_evidence(r, claim.unit, index, x) for r, x in fits + others[:2]]
        return Verdict(SUPPORTED, text, ev, arithmetic)
    # A figure copied from another period is a published (not derived) figure, copied as printed.
    exact = not set(claim.qualifiers) & {"over", "nearly", "about", "up to"}
    elsewhere = [
        (r, x)
        for r, x in rows
        if exact and r.get("method") != "derived" and not same_period(cp, r) and lo <= x <= hi and _confusable(cp, r)
    ]
    far = not same or all(abs(x - v) > 0.05 * abs(x) for _, x in same)
    if elsewhere and far:
        r, x = max(elsewhere, key=lambda rx: rx[0]["period_end"])
        same_kind = r["period_kind"] == cp.kind
        verdict = OUTDATED if same_kind and r["period_end"] < cp.end else MISMATCH
        text = f"{_fmt(x)} {claim.unit} is the ledger's figure for {r['period']} ({r['period_kind']}), not {cp.label}"
        if same:
            text += f"; for {cp.label} the ledger has {_fmt(same[0][1])}"
        ev = [_evidence(r, claim.unit, index, x)] + [_evidence(s, claim.unit, index, y) for s, y in same[:2]]
        return Verdict(verdict, text, ev, arithmetic)
    if bounded and not violated and not same:
        r, x = bounded[0]
        word = {"lower": "over", "upper": "under", "approximate": "about"}.get(r.get("bound", ""), "")
        return Verdict(
            UNVERIFIABLE,
            f"the ledger has only a bound for {r['period']}: {word} {_fmt(x)} {claim.unit}; the claim's "
            f"{_fmt(v)} is consistent with it, but checking it needs an exact figure",
            [_evidence(r, claim.unit, index, x)],
            arithmetic,
        )
    if violated and not same:
        same = violated
    if same:
        r, x = min(same, key=lambda rx: abs(rx[1] - v))
        diff = v - x
        pct = diff / x * 100 if x else None
        pct_text = f" ({pct:+.1f}%)" if pct is not None else ""
        word = {"lower": "over ", "upper": "under ", "approximate": "about "}.get(r.get("bound", "exact"), "")
        text = (
            f"the ledger has {word}{_fmt(x)} {claim.unit} for {r['period']}; the claim's {_fmt(v)} differs by "
            f"{_fmt(diff)}{pct_text}, outside what its wording allows ({_fmt(lo)}…{_fmt(hi)})"
        )
        ev = [_evidence(s, claim.unit, index, y) for s, y in sorted(same, key=lambda rx: abs(rx[1] - v))[:3]]
        if r.get("method") == "derived":
            families = sorted({row["publisher"] for e in ev[:1] for row in e.lineage if row.get("publisher")})
            if families:
                text += (
                    f"; the ledger's figure is computed from {', '.join(families)} figures, and another "
                    "publisher's figures may give a different result"
                )
        return Verdict(CONTRADICTED, text, ev, arithmetic, difference=diff, difference_pct=pct)
    periods = sorted({r["period"] for r, _ in rows})
    if periods:
        return Verdict(
            UNVERIFIABLE,
            f"the ledger has {rows[0][0]['indicator']} for {', '.join(periods[-5:])} "
            f"but not for {cp.label}; it needs a cited figure for {cp.label}",
            [],
            arithmetic,
        )
    return Verdict(UNVERIFIABLE, _need(claim), [], arithmetic)


def _outside_bound(bound: str, x: float, lo: float, hi: float) -> bool:
    """Whether a claim (lo…hi) falls outside a ledger bound x (over x, under x, about x)."""
    if bound == "lower":
        return hi < x * (1 - 0.005)
    if bound == "upper":
        return lo > x * (1 + 0.005)
    return hi < x * 0.9 or lo > x * 1.1  # "about": a tenth either way


def _near_derived(x: float, lo: float, hi: float) -> bool:
    """A derived share or growth rests on rounded inputs: allow their rounding (1 % of the value, 0.3 point)."""
    slack = max(0.01 * abs(x), 0.3)
    return lo - slack <= x <= hi + slack


def _confusable(cp: ClaimPeriod, row: dict[str, Any]) -> bool:
    """Periods a writer plausibly mixes up: last year's as this year's, year-to-date as annual."""
    end = row["period_end"]
    if row["period_kind"] == cp.kind:
        return 0 < cp.end.year - end.year <= 2 or (cp.kind == "as-of" and end < cp.end)
    return end.year == cp.end.year


def _level_rows(claim: Claim, index: LedgerIndex, level_claim: Claim) -> list[tuple[dict[str, Any], float]]:
    rows: list[tuple[dict[str, Any], float]] = []
    for iid in index.candidate_indicators(level_claim)[:3]:
        for r in index.observations_for(iid, claim):
            if r.get("bound", "exact") != "exact":
                continue  # a change or multiple computed from a bound is no figure
            x = row_in_claim_unit(r, claim.unit)
            if x is not None:
                rows.append((r, x))
        if rows:
            break
    return rows


def _change(claim: Claim, cp: ClaimPeriod, index: LedgerIndex) -> Verdict:
    """An absolute change: the level of the period minus the level a year earlier, same publisher."""
    level = Claim(
        **{
            **claim.__dict__,
            "measure": "level",
            "indicator": claim.indicator.replace(".change_abs", "").replace(".growth_multiple", ""),
        }
    )
    rows = _level_rows(claim, index, level)
    if not rows:
        return Verdict(UNVERIFIABLE, _need(claim, f"levels of {level.indicator}"))
    cur = [(r, x) for r, x in rows if same_period(cp, r)]
    results: list[tuple[dict[str, Any], dict[str, Any], float, str]] = []
    for r, x in cur:
        for p, y in rows:
            if publisher_family(p) != publisher_family(r) or p["period_kind"] != r["period_kind"]:
                continue
            if claim.measure == "multiple":
                if cp.kind == "change" and p["period_end"].year == cp.start.year and y:
                    results.append(
                        (r, p, x / y, f"{_fmt(x)} ({r['period']}) / {_fmt(y)} ({p['period']}) = {x / y:.2f} times")
                    )
                elif cp.kind != "change" and p["period_end"].year == r["period_end"].year - 1 and y:
                    results.append((r, p, x / y, f"{_fmt(x)} / {_fmt(y)} = {x / y:.2f} times"))
            elif (
                p["period_end"].year == r["period_end"].year - 1 and p["period_start"].month == r["period_start"].month
            ):
                results.append(
                    (r, p, x - y, f"{_fmt(x)} ({r['period']}) − {_fmt(y)} ({p['period']}) = {_fmt(x - y)} {claim.unit}")
                )
    if not results:
        return Verdict(UNVERIFIABLE, _need(claim, f"two comparable years of {level.indicator}"))
    lo, hi = tolerance(claim)
    v = float(claim.value)
    best = min(results, key=lambda t: (not lo <= t[2] <= hi, abs(t[2] - v)))
    r, p, computed, arith = best
    ev = [_evidence(r, claim.unit, index), _evidence(p, claim.unit, index)]
    if lo <= computed <= hi:
        return Verdict(SUPPORTED, f"computed from the ledger: {arith}", ev, [arith])
    diff = v - computed
    return Verdict(
        CONTRADICTED,
        f"computed from the ledger: {arith}; the claim's {_fmt(v)} differs by {_fmt(diff)}",
        ev,
        [arith],
        difference=diff,
        difference_pct=(diff / computed * 100 if computed else None),
    )


def _currency(claim: Claim, cp: ClaimPeriod, index: LedgerIndex) -> Verdict | None:
    """A figure in yuan checked against the ledger's dollars through a cited exchange rate (or back)."""
    if claim.unit not in ("CNY", "USD") or cp.kind not in ("year", "year-to-date"):
        return None
    other = "USD" if claim.unit == "CNY" else "CNY"
    rate_row = index.fx_rate(cp.end.year)
    if rate_row is None:
        return None
    rate = float(rate_row["value"])
    base_ind = claim.indicator.replace("_cny", "") if claim.unit == "CNY" else claim.indicator + "_cny"
    alt = Claim(**{**claim.__dict__, "unit": other, "indicator": base_ind})
    rows = _level_rows(alt, index, alt)
    same = [(r, x) for r, x in rows if same_period(cp, r)]
    if not same:
        return None
    # Only the arithmetic of caravan.units.convert_money, without loading the unit library.
    converted = [(r, x * rate if claim.unit == "CNY" else x / rate) for r, x in same]
    arith = [
        f"{_fmt(x)} {other} × {rate:g} CNY/USD" if claim.unit == "CNY" else f"{_fmt(x)} CNY ÷ {rate:g} CNY/USD"
        for _, x in same[:1]
    ]
    verdict = _compare(claim, converted, cp, index, arith)
    verdict.evidence.append(_evidence(rate_row, "CNY", index))
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
    if abs(gap) <= 400:
        return Verdict(
            CONTRADICTED,
            f"the ledger dates '{near['title_en']}' to {near['date'].isoformat()}, "
            f"{abs(gap)} days {'before' if gap > 0 else 'after'} the claimed {value}",
            [_event_ev(near)],
            difference=float(gap),
        )
    return Verdict(UNVERIFIABLE, f"no {claim.family} event near {value} in the ledger", [])


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


def verify(claim: Claim, index: LedgerIndex, named: list[str] | None = None) -> Verdict:
    """The verdict on one claim against the ledger.

    Args:
        claim: The claim.
        index: The ledger, read once.
        named: Entities (pipelines, crossings, services) the article names, tried as subjects
            where the countries hold no matching figure.
    """
    if claim.unit == "date":
        return _date_claim(claim, index)
    if claim.unit == "rank":
        return Verdict(
            UNVERIFIABLE,
            f"a rank needs {claim.subject or 'the subject'}'s figures with every partner; "
            "the ledger holds only the six countries' bilateral figures",
        )
    cp = parse_claim_period(claim.period)
    if cp is None:
        return Verdict(UNVERIFIABLE, "the article gives no period for this figure; it needs a year or a date")
    if claim.subject is None:
        return Verdict(UNVERIFIABLE, "no country or place could be attached to this figure; the claim needs a subject")
    if claim.measure in ("change", "multiple"):
        return _change(claim, cp, index)
    candidates = index.candidate_indicators(claim)
    rows: list[tuple[dict[str, Any], float]] = []
    for iid in candidates[:4]:
        found = [r for r in index.observations_for(iid, claim)]
        if not any(same_period(cp, r) for r in found):
            for entity in named or []:
                found += index.observations_of_entity(iid, entity)
        for r in found:
            x = row_in_claim_unit(r, claim.unit)
            if x is not None:
                rows.append((r, x))
        if any(same_period(cp, r) for r, _ in rows):
            break
    if not rows:
        conv = _currency(claim, cp, index)
        if conv is not None:
            return conv
        if not candidates:
            return Verdict(
                UNVERIFIABLE,
                f"the ledger has no {claim.family} indicator measured in {claim.unit}; "
                f"checking it needs one such as {claim.indicator}",
            )
        return Verdict(UNVERIFIABLE, _need(claim, candidates[0]))
    verdict = _compare(claim, rows, cp, index, [])
    if verdict.verdict in (CONTRADICTED, OUTDATED, MISMATCH) and not all(
        index.comparable(claim, e.indicator) for e in verdict.evidence
    ):
        nearest = verdict.evidence[0] if verdict.evidence else None
        shown = f"{nearest.indicator} = {nearest.value:g} {nearest.unit} ({nearest.period})" if nearest else ""
        return Verdict(
            UNVERIFIABLE,
            f"the ledger's nearest figure, {shown}, may measure something else than {claim.indicator}; "
            f"checking it needs a cited figure of {claim.indicator}",
            verdict.evidence[:1],
        )
    if verdict.verdict == UNVERIFIABLE:
        conv = _currency(claim, cp, index)
        if conv is not None:
            return conv
    return verdict


def check_text(text: str, ledger: Any, lang: str | None = None, published: Any = None) -> CheckResult:
    """Extract every claim from `text` and check each against the ledger (see `caravan.claims`).

    Raises:
        InputError: Empty, binary, or another language's text.
    """
    article = read_article(text, lang=lang, published=published)
    index = LedgerIndex.load(ledger) if ledger is not None and not isinstance(ledger, LedgerIndex) else ledger
    places = build_places(article.lang, index.entities if index is not None else None)
    claims = extract(article.body, article.lang, article.published, places, title=article.title)
    notes: list[str] = []
    if article.truncated:
        notes.append("the input was longer than 200,000 characters; only the first 200,000 were checked")
    if not article.published_given:
        notes.append(
            f"no publication date given: relative dates were resolved against today "
            f"({article.published.isoformat()}); give --published"
        )
    if not claims:
        notes.append("no quantitative claims found in the text")
    named = index.named_entities(article.body, article.lang) if index is not None else []
    checked = []
    for claim in claims:
        verdict = Verdict(UNVERIFIABLE, "no ledger was given") if index is None else verify(claim, index, named)
        checked.append(CheckedClaim(claim, verdict))
    return CheckResult(article, checked, notes)
