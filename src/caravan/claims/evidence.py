"""Verdicts and their evidence: verdict and reasoning names, the tolerance a claim's wording allows, evidence rows.

What the verdict modules share; the rules themselves are in `caravan.claims.verify`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from caravan.claims.article import Article
from caravan.claims.claim import Claim
from caravan.claims.match import (
    LedgerIndex,
    publisher_family,
    reporter_of,
    row_in_claim_unit,
)
from caravan.figures import attribution, display_fields, printed, shown
from caravan.sources.vocabulary import tier_rank

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


REPORTERS_RECORD = "the reporters' recorded gap"


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
    REPORTERS_RECORD,
)
"""The named reasoning steps a verdict may rest on."""


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


def fmt(x: float) -> str:
    """A figure as an explanation writes it (`94.8 bn`, `5.4 mn`, `1,200`)."""
    if abs(x) >= 1e9:
        return f"{x / 1e9:,.4g} bn"
    if abs(x) >= 1e6:
        return f"{x / 1e6:,.4g} mn"
    return f"{x:,.6g}"


def last_digit(claim: Claim) -> float:
    """The unit of the last digit the claim writes, in the claim's unit (`$94.8 billion`: 0.1 bn)."""
    step = 10.0**-claim.decimals * claim.scale
    if claim.unit in ("bcm", "bcm_per_year") and claim.scale >= 1e9:
        step /= 1e9
    return step


_SEPARATORS = str.maketrans("", "", ",  ")


def tolerance(claim: Claim) -> tuple[float, float]:
    """The interval of true values the claim's wording allows."""
    v = float(claim.value)
    step = 0.5 * last_digit(claim)
    digits = claim.raw.translate(_SEPARATORS).split(".")[0]
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


def within_wording(x: float, row: dict[str, Any], lo: float, hi: float) -> bool:
    """Whether a ledger figure lies within what the claim's wording allows (its own rounding not added)."""
    return lo <= x <= hi


def within_rounding(x: float, row: dict[str, Any], lo: float, hi: float) -> bool:
    """Whether the ledger figure's own rounding reaches the claim's interval: then it cannot contradict it."""
    slack = row_rounding(row, x)
    return lo - slack <= x <= hi + slack


def truncates(shown: float, step: float, x: float) -> bool:
    """Whether `shown` is `x` cut (not rounded) to the last digit written, `step` that digit's unit.

    Writers often cut: "$3.8 billion" for 3.86 bn is not a wrong figure.
    """
    if step <= 0 or not shown or (shown > 0) != (x > 0):
        return False
    cut = int(abs(x) / step + 1e-9) * step
    return abs(cut - abs(shown)) <= step * 1e-6


def near_derived(x: float, lo: float, hi: float) -> bool:
    """A derived share or growth rests on rounded inputs: allow their rounding (1 % of the value, 0.3 point)."""
    slack = max(0.01 * abs(x), 0.3)
    return lo - slack <= x <= hi + slack


def evidence_of(
    row: dict[str, Any], claim_unit: str, index: LedgerIndex, value: float | None = None, *, own: bool = False
) -> Evidence:
    """One ledger row as evidence, with its lineage, source, tier and reporter; `own` marks the article itself."""
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


def need_text(claim: Claim, what: str | None = None) -> str:
    """What the ledger would need to check the claim, in one sentence."""
    who = "/".join(x for x in (claim.subject, claim.counterpart) if x) or "an unnamed subject"
    return (
        f"the ledger has no {what or claim.indicator} for {who} in {claim.period or 'the period'}; "
        f"checking it needs a cited figure of {claim.indicator} ({claim.unit}) for {who}, "
        f"{claim.period or 'with its period'}"
    )


def voice_of(row: dict[str, Any]) -> str:
    """Whose figures a row gives, for telling reporters apart: the reporter, else the publisher family."""
    return reporter_of(row) or publisher_family(row) or row.get("source_id") or ""


def tier_of(row: dict[str, Any]) -> int:
    """A row's tier rank (0 best); a derived figure ranks as its checked inputs."""
    if row.get("method") == "derived":
        return 0  # a derived figure is as good as its inputs, which the ledger checked
    return tier_rank(row.get("tier"))


def named_steps(steps: list[str], text: str) -> str:
    """The explanation, prefixed with the names of the reasoning steps it rests on."""
    return (", ".join(dict.fromkeys(steps)) + ": " + text) if steps else text
