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

Reasoning steps, each named in the explanation (`REASONING`): a running total is
monotone; a stock by a date; growth, changes and multiples from two levels of one
reporter; average annual growth over a span; percentage-point changes of a share;
shares of the right total; sums over the five; currency at a cited rate. A growth
claim is compared with growth of its own kind only: an average annual growth never
with one year's growth, a change in percentage points never with a growth rate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from caravan.claims.article import Article, read_article
from caravan.claims.extract import Claim, build_places, extract
from caravan.claims.match import (
    ClaimPeriod,
    LedgerIndex,
    parse_claim_period,
    publisher_family,
    reporter_of,
    row_in_claim_unit,
    same_period,
)
from caravan.claims.periods import _PLAN as PLAN_CUES
from caravan.claims.segment import clause_bounds
from caravan.figures import attribution, display_fields, printed, shown

SUPPORTED = "supported"
CONTRADICTED = "contradicted"
CONFLICTING = "conflicting evidence"
OUTDATED = "outdated"
MISMATCH = "period mismatch"
UNVERIFIABLE = "unverifiable"
SELF_ONLY = "unverifiable — only the article itself"
VERDICTS = (SUPPORTED, CONTRADICTED, CONFLICTING, OUTDATED, MISMATCH, UNVERIFIABLE, SELF_ONLY)

RUNNING_TOTAL = "running total is monotone"
STOCK_BY_DATE = "stock by a date"
GROWTH_FROM_LEVELS = "growth from two levels of one reporter"
CHANGE_FROM_LEVELS = "change from two levels of one reporter"
MULTIPLE_FROM_LEVELS = "multiple from two levels of one reporter"
AVERAGE_GROWTH = "average annual growth over a span"
PP_CHANGE = "percentage-point change of a share"
SHARE_OF_TOTAL = "share of the right total"
SUM_OVER_FIVE = "sum over the five"
CURRENCY_AT_RATE = "currency at a cited rate"
HEADLINE_AGAINST_BODY = "headline against the article's own body"
REASONING = (
    RUNNING_TOTAL,
    STOCK_BY_DATE,
    GROWTH_FROM_LEVELS,
    CHANGE_FROM_LEVELS,
    MULTIPLE_FROM_LEVELS,
    AVERAGE_GROWTH,
    PP_CHANGE,
    SHARE_OF_TOTAL,
    SUM_OVER_FIVE,
    CURRENCY_AT_RATE,
    HEADLINE_AGAINST_BODY,
)
"""The named reasoning steps a verdict may rest on."""

TIER_RANK = {"official": 0, "operator": 1, "media": 2, "research": 3, "secondary": 4, "refused": 5}
"""Source tiers, best first (a figure of an unclassified source ranks as secondary)."""
DECIDING_TIERS = frozenset({"official", "operator", "media", "research"})
"""Tiers whose figures may contradict a claim: never a secondary copy or a refused page."""


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
    source_id: str | None = None
    tier: str | None = None
    reporter: str | None = None
    """Whose statistics the figure is (a country code or an authority id), where the ledger knows."""
    independent: bool = True
    """False where the source is the article checked itself (same address, or the same report
    republished): such evidence is shown but never counts as support."""

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return dict(self.__dict__)


@dataclass
class Verdict:
    """A claim's verdict, its explanation, evidence and arithmetic, and the reasoning steps used."""

    verdict: str
    explanation: str
    evidence: list[Evidence] = field(default_factory=list)
    arithmetic: list[str] = field(default_factory=list)
    difference: float | None = None
    difference_pct: float | None = None
    reasoning: list[str] = field(default_factory=list)


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
            "reasoning": list(v.reasoning),
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


@dataclass(frozen=True)
class Origin:
    """The article being checked, as its sources would name it: its address and title, and its language."""

    url: str | None = None
    title: str | None = None
    lang: str | None = None


def normalise_url(url: str | None) -> str | None:
    """An address reduced to what identifies a page: host without `www.`, path without a trailing slash.

    Scheme, query tracking, fragment and letter case do not make another page
    (`http://www.Example.org/a/?utm_source=x#top` is `example.org/a`).
    """
    if not url or not url.strip():
        return None
    text = url.strip()
    if "://" not in text:
        text = "http://" + text
    parts = urlsplit(text)
    host = (parts.hostname or "").lower().removeprefix("www.")
    if not host:
        return None
    path = parts.path.rstrip("/")
    query = "&".join(q for q in parts.query.split("&") if q and not q.lower().startswith(("utm_", "from=", "spm=")))
    return host + path + ("?" + query if query else "")


def _norm_title(title: str | None) -> str:
    return re.sub(r"[\W_]+", "", (title or "").casefold())


def _is_own(row: dict[str, Any], origin: Origin, index: LedgerIndex) -> bool:
    """Whether an observation rests on the article itself: its address, or the same report republished.

    A derived figure is the article's own when any figure it is computed from is.
    """
    if row.get("method") == "derived":
        return any(_is_own(r, origin, index) for r in index.lineage(row["id"]))
    own_url = normalise_url(origin.url)
    if own_url is not None and normalise_url(row.get("source_url")) == own_url:
        return True
    title = _norm_title(origin.title)
    # The same report under another address: the same title (a republication), whether the
    # ledger keeps it as a secondary copy of an original publisher or not.
    return len(title) >= 12 and _norm_title(row.get("source_title")) == title


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


def row_rounding(row: dict[str, Any], x: float) -> float:
    """Half a unit of the last digit of the ledger's figure as stored, in the claim's unit.

    `41 bn USD` may stand for anything from 40.5 to 41.5 bn: a claim inside that
    span is not contradicted by it.
    """
    v = row.get("value")
    if not isinstance(v, int | float) or not v:
        return 0.0
    text = repr(float(v))
    if "e" in text:
        return 0.0
    decimals = len(text.split(".")[1].rstrip("0"))
    return abs(0.5 * 10**-decimals * x / float(v))


def _fits(x: float, row: dict[str, Any], lo: float, hi: float) -> bool:
    """Whether a ledger figure lies within what the claim's wording allows (its own rounding not added)."""
    return lo <= x <= hi


def _within_rounding(x: float, row: dict[str, Any], lo: float, hi: float) -> bool:
    """Whether the ledger figure's own rounding reaches the claim's interval: then it cannot contradict it."""
    slack = row_rounding(row, x)
    return lo - slack <= x <= hi + slack


def _evidence(
    row: dict[str, Any], claim_unit: str, index: LedgerIndex, value: float | None = None, *, own: bool = False
) -> Evidence:
    lineage: list[dict[str, Any]] = []
    if row.get("method") == "derived":
        lineage = [
            {
                "observation": r["id"],
                "indicator": r["indicator"],
                "subject": r["subject"],
                "counterpart": r["counterpart"],
                "period": r["period"],
                "value": r["value"],
                "unit": r["unit"],
                "publisher": r.get("publisher"),
                "source_url": r.get("source_url"),
                "locator": r.get("locator"),
                **display_fields(r),
            }
            for r in index.lineage(row["id"])
        ]
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
        source_id=row.get("source_id"),
        tier=row.get("tier"),
        reporter=reporter_of(row),
        independent=not own,
    )


def _need(claim: Claim, what: str | None = None) -> str:
    who = "/".join(x for x in (claim.subject, claim.counterpart) if x) or "an unnamed subject"
    return (
        f"the ledger has no {what or claim.indicator} for {who} in {claim.period or 'the period'}; "
        f"checking it needs a cited figure of {claim.indicator} ({claim.unit}) for {who}, "
        f"{claim.period or 'with its period'}"
    )


def _voice(row: dict[str, Any]) -> str:
    """Whose figures a row gives, for telling reporters apart: the reporter, else the publisher family."""
    return reporter_of(row) or publisher_family(row) or row.get("source_id") or ""


def _tier(row: dict[str, Any]) -> int:
    if row.get("method") == "derived":
        return 0  # a derived figure is as good as its inputs, which the ledger checked
    return TIER_RANK.get(row.get("tier") or "secondary", 4)


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
    voices = {_voice(r) for r in rows}
    if len(voices) >= 2:
        return None
    only = next(iter(voices), "") or "one reporter"
    return (
        f"the ledger has only {only}'s figure and the article does not say whose statistics it "
        "quotes; another reporter's figure may differ"
    )


def _contradiction_gate(
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
    if gap is not None:
        return [], gap
    return ok, None


DEAL_CUES = {
    "en": re.compile(r"\b(?:agreements?|deals?|contracts?|worth|valued at|signed|pledged?|loans?)\b", re.I),
    "ru": re.compile(r"(?<![а-яё])(?:соглашени\w*|договор\w*|контракт\w*|стоимост\w*|подписа\w*|кредит\w*)", re.I),
    "zh": re.compile(r"协议|合同|协定|价值|签署|签约|贷款"),
}
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


def period_stated(claim: Claim) -> bool:
    """Whether the sentence itself states a year of the claim's period (not read from the text around it)."""
    years = set(_YEAR.findall(claim.period or ""))
    return bool(years) and bool(years & set(_YEAR.findall(claim.sentence)))


def _own_split(
    rows: list[tuple[dict[str, Any], float]], origin: Origin, index: LedgerIndex
) -> tuple[list[tuple[dict[str, Any], float]], list[tuple[dict[str, Any], float]]]:
    others: list[tuple[dict[str, Any], float]] = []
    own: list[tuple[dict[str, Any], float]] = []
    for r, x in rows:
        (own if _is_own(r, origin, index) else others).append((r, x))
    return others, own


def _self_only(claim: Claim, own: list[tuple[dict[str, Any], float]], index: LedgerIndex) -> Verdict:
    r, x = own[0]
    return Verdict(
        SELF_ONLY,
        f"the ledger's only figure for this ({_fmt(x)} {claim.unit}, {r['period']}) comes from the article "
        f"itself ({r.get('source_url') or r.get('source_title')}); a claim is not its own evidence",
        [_evidence(s, claim.unit, index, y, own=True) for s, y in own[:2]],
    )


def _compare(
    claim: Claim,
    rows: list[tuple[dict[str, Any], float]],
    cp: ClaimPeriod,
    index: LedgerIndex,
    arithmetic: list[str],
    origin: Origin = Origin(),
    reasoning: list[str] | None = None,
) -> Verdict:
    """Verdict from candidate (row, value in claim unit) pairs of one or more indicators."""
    steps = list(reasoning or [])
    rows, own = _own_split(rows, origin, index)
    if not rows and own:
        return _self_only(claim, own, index)
    verdict = _compare_independent(claim, rows, cp, index, arithmetic, steps)
    if verdict.verdict == UNVERIFIABLE and any(same_period(cp, r) for r, _ in own):
        return _self_only(claim, [(r, x) for r, x in own if same_period(cp, r)], index)
    if own:
        verdict.evidence += [_evidence(r, claim.unit, index, x, own=True) for r, x in own[:1]]
        verdict.explanation += "; a figure from the article itself is shown but not counted"
    return verdict


def _sum_step(row: dict[str, Any], index: LedgerIndex) -> list[str]:
    if row.get("method") != "derived" or "C5" not in (row.get("subject"), row.get("counterpart")):
        return []
    parts = index.lineage(row["id"])
    return [SUM_OVER_FIVE] if len(parts) == 5 else []


def _named(steps: list[str], text: str) -> str:
    return (", ".join(dict.fromkeys(steps)) + ": " + text) if steps else text


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
        if _fits(x, r, lo, hi)
        or (claim.unit == "percent" and r.get("method") == "derived" and _near_derived(x, lo, hi))
    ]
    if claim.reporter:
        own_reporter = [(r, x) for r, x in fits if reporter_of(r) in (claim.reporter, None)]
        if own_reporter:
            fits = own_reporter
    if fits:
        return _supported_or_conflicting(claim, fits, same, index, arithmetic, steps)
    monotone = _monotone(claim, rows, cp, index, arithmetic, steps)
    if monotone is not None:
        return monotone
    # A figure copied from another period is a published (not derived) figure, copied as printed.
    exact = not set(claim.qualifiers) & {"over", "nearly", "about", "up to"}
    elsewhere = [
        (r, x)
        for r, x in rows
        if exact
        and r.get("method") != "derived"
        and not same_period(cp, r)
        and _fits(x, r, lo, hi)
        and _confusable(cp, r)
        and definition_gap(claim, r, index) is None
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
        return Verdict(verdict, _named(steps, text), ev, arithmetic, reasoning=steps)
    if bounded and not violated and not same:
        r, x = bounded[0]
        word = {"lower": "over", "upper": "under", "approximate": "about"}.get(r.get("bound", ""), "")
        return Verdict(
            UNVERIFIABLE,
            _named(
                steps,
                f"the ledger has only a bound for {r['period']}: {word} {_fmt(x)} {claim.unit}; the claim's "
                f"{_fmt(v)} is consistent with it, but checking it needs an exact figure",
            ),
            [_evidence(r, claim.unit, index, x)],
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
            _named(
                steps,
                f"the ledger has {rows[0][0]['indicator']} for {', '.join(periods[-5:])} "
                f"but not for {cp.label}; it needs a cited figure for {cp.label}",
            ),
            [],
            arithmetic,
            reasoning=steps,
        )
    return Verdict(UNVERIFIABLE, _need(claim), [], arithmetic, reasoning=steps)


def _supported_or_conflicting(
    claim: Claim,
    fits: list[tuple[dict[str, Any], float]],
    same: list[tuple[dict[str, Any], float]],
    index: LedgerIndex,
    arithmetic: list[str],
    steps: list[str],
) -> Verdict:
    v = float(claim.value)
    fits.sort(key=lambda rx: (rx[0].get("method") == "derived", _tier(rx[0]), abs(rx[1] - v)))
    best, bx = fits[0]
    fit_ids = {id(r) for r, _ in fits}
    others = [(r, x) for r, x in same if id(r) not in fit_ids]
    steps = steps + _sum_step(best, index)
    if best["indicator"].endswith("share_of_group") or claim.measure == "share":
        steps.append(SHARE_OF_TOTAL)
    # Sources that disagree: the same reporter's figure, from a page of at least the supporting
    # page's tier, with the claim's definition, outside what the wording and rounding allow.
    voices = {_voice(r) for r, _ in fits}
    best_tier = min(_tier(r) for r, _ in fits)
    # A derived figure (a sum over the five) rests on rounded inputs: it is no rival of a published one.
    rivals = [
        (r, x)
        for r, x in others
        if r.get("method") != "derived"
        and best.get("method") != "derived"
        and _voice(r) in voices
        and _tier(r) <= best_tier
        and abs(x - bx) > max(0.01 * abs(bx), row_rounding(r, x) + row_rounding(best, bx))
        and definition_gap(claim, r, index) is None
    ]
    if rivals:
        r, x = rivals[0]
        text = (
            f"sources disagree: {publisher_family(best) or 'a derived figure'} gives {_fmt(bx)} {claim.unit} "
            f"for {best['period']}, which fits the claim; {publisher_family(r) or r.get('source_id')} gives "
            f"{_fmt(x)}, which does not"
        )
        ev = [_evidence(best, claim.unit, index, bx), _evidence(r, claim.unit, index, x)]
        return Verdict(CONFLICTING, _named(steps, text), ev, arithmetic, reasoning=steps)
    text = f"the ledger has {_fmt(bx)} {claim.unit} for {best['period']}"
    text += f" ({publisher_family(best) or 'derived'})"
    if claim.reporter and reporter_of(best) not in (claim.reporter, None):
        text += f"; that is {reporter_of(best)}'s figure, the claim cites {claim.reporter}'s"
    if others:
        text += f"; {len(others)} other figure(s) for the period differ (e.g. {_fmt(others[0][1])}"
        who = sorted({_voice(r) for r, _ in others} - voices)
        text += f", {', '.join(who)}'s statistics)" if who else ")"
    ev = [_evidence(r, claim.unit, index, x) for r, x in fits + others[:2]]
    return Verdict(SUPPORTED, _named(steps, text), ev, arithmetic, reasoning=steps)


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
    deciding, why_not = _contradiction_gate(claim, differing, index)
    if why_not is None and any(_within_rounding(x, r, lo, hi) for r, x in deciding):
        why_not = "the difference is within the rounding of the ledger's own figure"
    values = [x for r, x in deciding if r.get("bound", "exact") == "exact"]
    if why_not is None and len(values) >= 2 and min(values) < lo and hi > min(values) and lo < max(values):
        why_not = (
            f"the ledger's own figures range from {_fmt(min(values))} to {_fmt(max(values))} and the claim lies "
            "between them: its source may be another release"
        )
    if why_not is None and not any(0.5 <= v / x <= 2 for _, x in deciding if x and v / x > 0):
        why_not = (
            "it is more than twice or less than half the claim, so the claim more likely states another "
            "quantity (a part, a change) than a wrong figure"
        )
    pool = deciding or differing
    r, x = min(pool, key=lambda rx: abs(rx[1] - v))
    diff = v - x
    pct = diff / x * 100 if x else None
    ev = [_evidence(s, claim.unit, index, y) for s, y in sorted(pool, key=lambda rx: abs(rx[1] - v))[:3]]
    word = {"lower": "over ", "upper": "under ", "approximate": "about "}.get(r.get("bound", "exact"), "")
    if why_not is not None:
        text = (
            f"the ledger has {word}{_fmt(x)} {claim.unit} for {r['period']}, which differs from the claim's "
            f"{_fmt(v)}, but it does not decide the claim: {why_not}"
        )
        return Verdict(UNVERIFIABLE, _named(steps, text), ev, arithmetic, reasoning=steps)
    steps = steps + _sum_step(r, index)
    pct_text = f" ({pct:+.1f}%)" if pct is not None else ""
    text = (
        f"the ledger has {word}{_fmt(x)} {claim.unit} for {r['period']}; the claim's {_fmt(v)} differs by "
        f"{_fmt(diff)}{pct_text}, outside what its wording allows ({_fmt(lo)}…{_fmt(hi)})"
    )
    if r.get("method") == "derived":
        families = sorted({row["publisher"] for e in ev[:1] for row in e.lineage if row.get("publisher")})
        if families:
            text += (
                f"; the ledger's figure is computed from {', '.join(families)} figures, and another "
                "publisher's figures may give a different result"
            )
    return Verdict(
        CONTRADICTED, _named(steps, text), ev, arithmetic, difference=diff, difference_pct=pct, reasoning=steps
    )


def _monotone(
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
                f"the running total had reached {_fmt(x)} {claim.unit} by {r['period_end'].isoformat()}, "
                f"before {cp.end.isoformat()}; a running total never falls, so it was over {_fmt(v)} by then"
            )
            s = [*steps, RUNNING_TOTAL]
            return Verdict(SUPPORTED, _named(s, text), [_evidence(r, claim.unit, index, x)], arithmetic, reasoning=s)
        later = [
            (r, x)
            for r, x in rows
            if r["period_kind"] == "cumulative-to-date"
            and r["period_end"] >= cp.end
            and r.get("bound", "exact") in ("exact", "upper")
            and x < lo - row_rounding(r, x)
        ]
        if later:
            deciding, why_not = _contradiction_gate(claim, later, index)
            if why_not is None:
                r, x = min(deciding, key=lambda rx: rx[0]["period_end"])
                text = (
                    f"the running total was {_fmt(x)} {claim.unit} by {r['period_end'].isoformat()}, on or after "
                    f"{cp.end.isoformat()}; a running total never falls, so it cannot have been {_fmt(v)} by then"
                )
                s = [*steps, RUNNING_TOTAL]
                return Verdict(
                    CONTRADICTED,
                    _named(s, text),
                    [_evidence(r, claim.unit, index, x)],
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
                f"the stock stood at {'over ' if r.get('bound') == 'lower' else ''}{_fmt(x)} {claim.unit} on "
                f"{r['period_end'].isoformat()}, within {cp.end.year}: by then it exceeded {_fmt(v)}"
            )
            s = [*steps, STOCK_BY_DATE]
            return Verdict(SUPPORTED, _named(s, text), [_evidence(r, claim.unit, index, x)], arithmetic, reasoning=s)
    return None


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
    """Periods that are plausibly mixed up (last year's as this year's, year-to-date as annual), or misread.

    A figure that is the ledger's for a neighbouring year (before or after) is never contradicted
    by the claim's year: the period may be the writer's slip or the reading's.
    """
    end = row["period_end"]
    if row["period_kind"] == cp.kind:
        return 0 < abs(cp.end.year - end.year) <= 2 or (cp.kind == "as-of" and end < cp.end)
    return end.year == cp.end.year


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


def _level_rows(claim: Claim, index: LedgerIndex, level_claim: Claim) -> list[tuple[dict[str, Any], float]]:
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


def _from_levels(claim: Claim, cp: ClaimPeriod, index: LedgerIndex, origin: Origin) -> Verdict:
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
    rows = _level_rows(claim, index, level)
    rows, own = _own_split(rows, origin, index)
    if not rows:
        if own:
            return _self_only(claim, own, index)
        return Verdict(UNVERIFIABLE, _need(claim, f"levels of {level.indicator}"), reasoning=[step])
    results: list[tuple[dict[str, Any], dict[str, Any], float, str]] = []
    for cur_p, base_p in ends:
        for r, x in rows:
            if not same_period(cur_p, r):
                continue
            for p, y in rows:
                if _voice(p) != _voice(r) or p["period_kind"] != r["period_kind"] or not same_period(base_p, p):
                    continue
                computed = _combine(measure, x, y, cur_p.end.year - base_p.end.year)
                if computed is None:
                    continue
                results.append((r, p, computed, _arith(measure, x, y, r, p, computed, claim.unit)))
    if not results:
        return Verdict(
            UNVERIFIABLE,
            _named([step], _need(claim, f"two comparable periods of {level.indicator} from one reporter")),
            reasoning=[step],
        )
    lo, hi = tolerance(claim)
    v = float(claim.value)
    derived_slack = measure in ("growth", "avg_growth", "pp_change", "multiple")

    def fits(t: tuple[dict[str, Any], dict[str, Any], float, str]) -> bool:
        return lo <= t[2] <= hi or (derived_slack and _near_derived(t[2], lo, hi))

    best = min(results, key=lambda t: (not fits(t), abs(t[2] - v)))
    r, p, computed, arith = best
    ev = [_evidence(r, level.unit, index), _evidence(p, level.unit, index)]
    if fits(best):
        return Verdict(SUPPORTED, _named([step], f"computed from the ledger: {arith}"), ev, [arith], reasoning=[step])
    current = [(row, x) for row, x in rows if any(row is t[0] for t in results)]
    deciding, why_not = _contradiction_gate(claim, current, index)
    if why_not is None:
        decided = [t for t in results if any(t[0] is row for row, _ in deciding)]
        r, p, computed, arith = min(decided, key=lambda t: abs(t[2] - v))
        ev = [_evidence(r, level.unit, index), _evidence(p, level.unit, index)]
    diff = v - computed
    if why_not is not None:
        return Verdict(
            UNVERIFIABLE,
            _named(
                [step],
                f"computed from the ledger: {arith}, which differs from the claim's {_fmt(v)}, "
                f"but it does not decide the claim: {why_not}",
            ),
            ev,
            [arith],
            reasoning=[step],
        )
    return Verdict(
        CONTRADICTED,
        _named([step], f"computed from the ledger: {arith}; the claim's {_fmt(v)} differs by {_fmt(diff)}"),
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
    a, b = f"{_fmt(x)} ({r['period']})", f"{_fmt(y)} ({p['period']})"
    if measure == "change":
        return f"{a} − {b} = {_fmt(computed)} {unit}"
    if measure == "pp_change":
        return f"{a} − {b} = {computed:+.2f} percentage points"
    if measure == "multiple":
        return f"{a} / {b} = {computed:.2f} times"
    if measure == "growth":
        return f"{a} / {b} − 1 = {computed:+.2f}%"
    years = r["period_end"].year - p["period_end"].year
    return f"({a} / {b})^(1/{years}) − 1 = {computed:+.2f}% a year"


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
    verdict = _compare(claim, converted, cp, index, arith, origin, [CURRENCY_AT_RATE])
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
        return _from_levels(claim, cp, index, origin)
    if claim.measure == "growth" and claim.base and not _one_year_before(claim.base, cp):
        return _from_levels(claim, cp, index, origin)
    candidates = index.candidate_indicators(claim)
    rows: list[tuple[dict[str, Any], float]] = []
    for iid in candidates[:4]:
        found = list(index.observations_for(iid, claim))
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
        if claim.measure == "growth":
            return _from_levels(claim, cp, index, origin)
        conv = _currency(claim, cp, index, origin)
        if conv is not None:
            return conv
        if not candidates:
            return Verdict(
                UNVERIFIABLE,
                f"the ledger has no {claim.family} indicator measured in {claim.unit}; "
                f"checking it needs one such as {claim.indicator}",
            )
        return Verdict(UNVERIFIABLE, _need(claim, candidates[0]))
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
        return _from_levels(claim, cp, index, origin)
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
                f"{HEADLINE_AGAINST_BODY}: the article's own body gives {_fmt(x)} {other.claim.unit} "
                f"({other.claim.raw}), which the ledger supports ({other.verdict.explanation}); the headline's "
                f"{_fmt(float(item.claim.value))} is outside what its wording allows",
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
    origin = Origin(article.url, article.title)
    checked = []
    for claim in claims:
        verdict = Verdict(UNVERIFIABLE, "no ledger was given") if index is None else verify(claim, index, named, origin)
        checked.append(CheckedClaim(claim, verdict))
    _headline_against_body(checked)
    return CheckResult(article, checked, notes)
