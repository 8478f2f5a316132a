"""Evaluate a commitment's quantitative target against the ledger, by each reporter's statistics.

The rules, stated once (they are also printed with every evaluation):

* **Reporters.** A bilateral trade turnover is reported by both sides, and
  their figures differ (China's customs count what it ships to Kazakhstan at
  Chinese prices and dates; Kazakhstan's bureau counts what arrives). A target
  on such an indicator (`TWO_SIDED`) names one pair, but says nothing of whose
  statistics. It is therefore evaluated twice, once on each side's own series,
  following the trade convention that the reporting side is the subject:
  `trade.turnover CHN→KAZ` (China's customs) and `trade.turnover KAZ→CHN`
  (Kazakhstan's statistics). The two are never mixed, summed or compared
  with each other. Every other target is evaluated on its own series only.
* **Series.** A reporter's series is every observation of exactly that
  indicator, subject and counterpart. A flow (trade, gas delivered) is
  compared by calendar year only; other indicators (counts, stocks, rates) by
  any period that ends on a date (year, month, as-of, cumulative, academic
  year). Year-to-date and other partial spans are never used. Where several
  figures cover one period, the tracker keeps a reported figure over a
  mirror, estimate or derived one, then an exact figure over a bound, then a
  figure that names its primary authority (the one with the most figures in
  the series first, so a statistics office's series is not spliced with a
  compiler's), then the value printed by the most figures for that period
  (one misprint is outvoted), then the authority (the page's original
  publisher, else the publisher) with the most figures in the series, then
  the source with the smallest id.
* **Bounds.** A figure printed as a bound is never read as exact. An exact
  figure reaches the target when it is at least the target value. A lower
  bound ("over 48.6 bn") reaches it when it is at least the target; below it,
  the figure cannot tell (unknown, never "behind"). An upper bound ("nearly
  40 bn") falls short when it is below the target; at or above, it cannot
  tell. An approximate figure ("about 2 bn") decides only when it is more than
  `APPROXIMATE_MARGIN` (10 %) away from the target.
* **Deadline passed.** The target is judged on that reporter's figure for the
  deadline's year: met if it reaches the target, missed if it falls short,
  unknown if it is a bound that cannot tell, no data if there is no figure
  for that year (earlier figures do not stand in for it).
* **Before the deadline.** Met as soon as a figure up to the deadline reaches
  the target. Otherwise, when the latest figure is exact, the compound annual
  growth rate between it and the reporter's previous exact figure from the
  same authority is extended to the deadline: on track if the projection
  reaches the target, behind if not. A latest figure that is a bound gives
  unknown; no figure, or no earlier exact figure of the same authority, gives
  no data (a trend needs two). Progress since the commitment is likewise
  measured only between two exact figures of one authority, and a share of
  the target only from an exact figure.
* **Together.** The target's outcome is the reporters' common outcome where
  those whose figures decide agree; `split` where they disagree, or where one
  reporter's figures meet the target while the other's latest exact figure is
  below it (met by China's figures, not by the partner's); unknown or no data
  where none decides.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from caravan.figures import format_number, meant
from caravan.ledger.store import Ledger
from caravan.units import scale
from caravan.vocabulary import Entity, Number, Period, Phrase, Phrases, Term, Unit

PROJECTION_METHOD = (
    "compound annual growth between the two latest exact figures of one reporter and authority, "
    "extended from the latest figure to the deadline"
)
POINT_PERIODS = ("year", "month", "as-of", "cumulative-to-date", "academic-year")
METHOD_RANK = {"reported": 0, "mirror": 1, "estimate": 2, "derived": 3}
# Indicators that both sides of a bilateral pair report, each as subject of its own figures.
TWO_SIDED = frozenset({"trade.turnover", "trade.turnover_cny"})
APPROXIMATE_MARGIN = 0.10
EXACT = "exact"


class Outcome(StrEnum):
    """Where a target stands against the ledger's figures."""

    MET = "met"
    ON_TRACK = "on track"
    BEHIND = "behind"
    MISSED = "missed"
    SPLIT = "split"
    UNKNOWN = "unknown"
    NO_DATA = "no data"


DECIDED = (Outcome.MET, Outcome.ON_TRACK, Outcome.BEHIND, Outcome.MISSED)
BOUND_WORD = {"lower": "at least", "upper": "at most", "approximate": "about"}


@dataclass(frozen=True)
class Figure:
    """One observation used in an evaluation, with its source, bound and authority."""

    observation_id: str
    period: str
    period_end: date
    value: float
    unit: str
    value_std: float
    method: str
    source_id: str | None
    publisher: str | None
    source_url: str | None
    locator: str
    bound: str = EXACT
    authority: str | None = None
    original_publisher: str | None = None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Figure:
        """A figure from an observation row of `Ledger.observations`."""
        return cls(
            observation_id=row["id"],
            period=row["period"],
            period_end=row["period_end"],
            value=float(row["value"]),
            unit=row["unit"],
            value_std=float(row["value_std"]),
            method=row["method"],
            source_id=row["source_id"],
            publisher=row["publisher"],
            source_url=row["source_url"],
            locator=row["locator"],
            bound=row.get("bound") or EXACT,
            authority=row.get("primary_authority"),
            original_publisher=row.get("original_publisher"),
        )

    @property
    def text(self) -> Phrase:
        """The figure as its source prints it, with its period: `94.8 bn USD (2024)`, `at least 100 bn USD (2025)`."""
        bound = Phrase(f"target.bound.{self.bound if self.bound in BOUND_WORD else EXACT}")
        number = meant(self.value, {"value": self.value, "unit": self.unit, "method": self.method}, self.unit)
        unit, period = Unit(self.unit, number), Period(self.period)
        return Phrase("figure", bound=bound, number=Number(number), unit=unit, period=period)

    @property
    def attribution(self) -> str:
        """Whose figure it is and who printed it: `gacc, via Orda.kz`."""
        if self.authority and self.publisher:
            return f"{self.authority}, via {self.publisher}"
        return self.authority or self.publisher or "derived"

    @property
    def authority_key(self) -> str:
        """The authority a trend may not cross: the primary, else whose figure the page quotes, else the publisher."""
        return self.authority or self.original_publisher or self.publisher or ""


@dataclass(frozen=True)
class Projection:
    """The stated trend from the two latest figures to the deadline."""

    earlier: Figure
    later: Figure
    annual_growth: float
    projected_std: float
    description: str


@dataclass(frozen=True)
class ReporterProgress:
    """A target evaluated on one reporter's statistics."""

    reporter: str
    subject: str
    counterpart: str | None
    outcome: Outcome
    explanation: str
    deciding: Figure | None = None
    latest: Figure | None = None
    starting: Figure | None = None
    met_by: Figure | None = None
    projection: Projection | None = None
    share_of_target: float | None = None
    progress_since_commitment: float | None = None
    figures: list[Figure] = field(default_factory=list)
    missing_year: int | None = None

    @property
    def summary(self) -> str:
        """`CHN: met (106.3 bn USD (2025))`; `KAZ: no data (no figure for 2015)`."""
        if self.missing_year is not None:
            return Phrase(
                "target.summary",
                reporter=Entity(self.reporter),
                outcome=Term("outcome", self.outcome.value),
                figure=Phrase("target.summary_missing", year=self.missing_year),
            )
        shown = self.deciding or self.latest
        figure = Phrase("target.summary_figure", figure=shown.text) if shown else ""
        return Phrase(
            "target.summary", reporter=Entity(self.reporter), outcome=Term("outcome", self.outcome.value), figure=figure
        )


@dataclass(frozen=True)
class TargetProgress:
    """A target's evaluation: overall outcome, and the evaluation by each reporter.

    `reporters` holds every reporter's evaluation, the target's own subject first;
    `latest`, `starting`, `met_by`, `projection`, `share_of_target`,
    `progress_since_commitment` and `figures` read that first one.
    """

    indicator: str
    subject: str
    counterpart: str | None
    target_value: float
    target_unit: str
    target_std: float
    unit_std: str
    by: date
    assessed_on: date
    outcome: Outcome
    explanation: str
    reporters: list[ReporterProgress]
    method: str = PROJECTION_METHOD

    @property
    def own(self) -> ReporterProgress:
        """The evaluation on the target's own subject and counterpart (the first reporter)."""
        return self.reporters[0]

    @property
    def latest(self) -> Figure | None:
        """The own reporter's latest figure."""
        return self.own.latest

    @property
    def starting(self) -> Figure | None:
        """The own reporter's figure when the commitment was made."""
        return self.own.starting

    @property
    def met_by(self) -> Figure | None:
        """The own reporter's figure that met the target, if any."""
        return self.own.met_by

    @property
    def projection(self) -> Projection | None:
        """The own reporter's projection to the deadline."""
        return self.own.projection

    @property
    def share_of_target(self) -> float | None:
        """The own reporter's latest figure as a share of the target, in percent."""
        return self.own.share_of_target

    @property
    def progress_since_commitment(self) -> float | None:
        """How far the own reporter's figures have moved from the start towards the target, in percent."""
        return self.own.progress_since_commitment

    @property
    def figures(self) -> list[Figure]:
        """The own reporter's series."""
        return self.own.figures

    @property
    def by_reporter(self) -> str:
        """`CHN: met (106.3 bn USD (2025)); C5: no data`."""
        return Phrases([r.summary for r in self.reporters])

    def to_dict(self) -> dict[str, Any]:
        """As plain nested dicts."""
        out = asdict(self)
        own = out["reporters"][0]
        for key in ("latest", "starting", "met_by", "projection", "share_of_target", "progress_since_commitment"):
            out[key] = own[key]
        out["figures"] = own["figures"]
        out["by_reporter"] = self.by_reporter
        return out


def _years_between(earlier: date, later: date) -> float:
    """Years between two dates, counted in months so that year ends are whole years apart."""
    months = (later.year - earlier.year) * 12 + (later.month - earlier.month)
    return (months + (later.day - earlier.day) / 31.0) / 12.0


def select_series(rows: list[dict[str, Any]], indicator_kind: str) -> list[Figure]:
    """Pick one figure per period from observation rows, by the rules in the module docstring.

    Args:
        rows: Observation rows of one indicator, subject and counterpart.
        indicator_kind: The indicator's kind (`flow` is compared by calendar year only).

    Returns:
        Figures in period order, one per period end.
    """
    allowed = ("year",) if indicator_kind == "flow" else POINT_PERIODS
    usable = [r for r in rows if r["period_kind"] in allowed]

    def key_of(r: dict[str, Any]) -> str:
        return r.get("primary_authority") or r.get("original_publisher") or r.get("publisher") or ""

    counts = Counter(key_of(r) for r in usable if key_of(r))
    primaries = Counter(r.get("primary_authority") for r in usable if r.get("primary_authority"))
    # how many figures print the same value for the same period (a copy error is outvoted)
    agreement = Counter((r["period_end"], round(float(r["value_std"]), 6)) for r in usable)
    best: dict[date, dict[str, Any]] = {}
    for r in sorted(
        usable,
        key=lambda r: (
            METHOD_RANK.get(r["method"], 9),
            (r.get("bound") or EXACT) != EXACT,
            not r.get("primary_authority"),
            -primaries.get(r.get("primary_authority"), 0),
            -agreement[(r["period_end"], round(float(r["value_std"]), 6))],
            -counts.get(key_of(r), 0),
            r["source_id"] or "~",
            r["id"],
        ),
    ):
        best.setdefault(r["period_end"], r)
    return [Figure.from_row(best[end]) for end in sorted(best)]


def reaches(figure: Figure, target_std: float) -> bool | None:
    """Whether a figure reaches the target: True, False, or None where its bound cannot tell."""
    v = figure.value_std
    if figure.bound == "lower":
        return True if v >= target_std else None
    if figure.bound == "upper":
        return False if v < target_std else None
    if figure.bound == "approximate":
        if v > target_std * (1 + APPROXIMATE_MARGIN):
            return True
        if v < target_std * (1 - APPROXIMATE_MARGIN):
            return False
        return None
    return v >= target_std


def project(earlier: Figure, later: Figure, by: date, unit_std: str = "", shown_in: str = "") -> Projection | None:
    """Extend the compound annual growth between two figures to a deadline.

    Args:
        earlier: The earlier figure.
        later: The later figure.
        by: The deadline.
        unit_std: The canonical unit of both figures' `value_std`.
        shown_in: The unit the description states the projection in (the target's own); default `unit_std`.

    Returns:
        The projection, or None when growth is undefined (a figure not positive,
        or both figures at the same date).
    """
    years = _years_between(earlier.period_end, later.period_end)
    if earlier.value_std <= 0 or later.value_std <= 0 or years <= 0:
        return None
    growth = (later.value_std / earlier.value_std) ** (1.0 / years) - 1.0
    ahead = max(_years_between(later.period_end, by), 0.0)
    projected = later.value_std * (1.0 + growth) ** ahead
    shown, unit = projected, unit_std
    if shown_in and unit_std and shown_in != unit_std:
        shown, unit = scale(projected, unit_std, shown_in), shown_in
    description = (
        f"{PROJECTION_METHOD}: {earlier.text} to {later.text} is {growth * 100:+.1f}% a year; "
        f"{ahead:.3g} more years to {by.isoformat()} give {format_number(round(shown, 2))} {unit}".rstrip()
    )
    return Projection(earlier, later, growth, projected, description)


def _shortfall(f: Figure, verdict: bool | None) -> str:
    if verdict is None:
        kind = f.bound if f.bound in ("lower", "upper") else "approximate"
        return Phrase(f"target.cannot_tell.{kind}", figure=f.text)
    return Phrase("target.reaches" if verdict else "target.below", figure=f.text)


def evaluate(
    figures: list[Figure],
    *,
    target_std: float,
    by: date,
    made_on: date,
    assessed_on: date,
    unit_std: str = "",
    shown_in: str = "",
) -> tuple[Outcome, str, dict[str, Any]]:
    """Judge one reporter's series against a target: the core rules, on plain figures.

    Args:
        figures: The series in period order (see `select_series`).
        target_std: The target in the indicator's canonical unit.
        by: The deadline.
        made_on: When the commitment was made (for progress since then).
        assessed_on: The date of the assessment (whether the deadline has passed).
        unit_std: The canonical unit of the figures' `value_std` (for the projection's description).
        shown_in: The target's own unit, in which the projection is described.

    Returns:
        The outcome, a one-sentence explanation, and the supporting parts
        (`deciding`, `latest`, `starting`, `met_by`, `projection`,
        `share_of_target`, `progress_since_commitment`).
    """
    latest = figures[-1] if figures else None
    before = [f for f in figures if f.period_end <= made_on]
    starting = before[-1] if before else None
    parts: dict[str, Any] = {"latest": latest, "starting": starting}
    exact_latest = latest is not None and latest.bound == EXACT
    if latest is not None and target_std and exact_latest:
        parts["share_of_target"] = latest.value_std / target_std * 100.0
    if (
        exact_latest
        and latest is not None
        and starting is not None
        and starting is not latest
        and starting.bound == EXACT
        and starting.authority_key == latest.authority_key
        and target_std != starting.value_std
    ):
        parts["progress_since_commitment"] = (
            (latest.value_std - starting.value_std) / (target_std - starting.value_std) * 100.0
        )
    if not figures:
        if assessed_on > by:
            parts["missing_year"] = by.year
        return Outcome.NO_DATA, Phrase("target.no_series"), parts
    deadline = by.isoformat()
    if assessed_on > by:
        in_year = [f for f in figures if f.period_end.year == by.year]
        if not in_year:
            earlier = [f for f in figures if f.period_end <= by]
            last = Phrase("target.last_before", figure=earlier[-1].text) if earlier else ""
            parts["missing_year"] = by.year
            return Outcome.NO_DATA, Phrase("target.no_year", deadline=deadline, year=by.year, last=last), parts
        deciding = in_year[-1]
        parts["deciding"] = deciding
        verdict = reaches(deciding, target_std)
        if verdict:
            parts["met_by"] = deciding
            return Outcome.MET, Phrase("target.met", figure=deciding.text, deadline=deadline), parts
        if verdict is False:
            return Outcome.MISSED, Phrase("target.missed", deadline=deadline, figure=deciding.text), parts
        shortfall = _shortfall(deciding, None)
        return Outcome.UNKNOWN, Phrase("target.unknown_deadline", deadline=deadline, shortfall=shortfall), parts
    in_time = [f for f in figures if f.period_end <= by]
    met = next((f for f in in_time if reaches(f, target_std)), None)
    if met is not None:
        parts["met_by"] = parts["deciding"] = met
        return Outcome.MET, Phrase("target.met", figure=met.text, deadline=deadline), parts
    assert latest is not None
    parts["deciding"] = latest
    if not exact_latest:
        shortfall = _shortfall(latest, reaches(latest, target_std))
        return Outcome.UNKNOWN, Phrase("target.unknown_latest", shortfall=shortfall), parts
    previous = [
        f
        for f in figures[:-1]
        if f.bound == EXACT and f.authority_key == latest.authority_key and f.period_end < latest.period_end
    ]
    if not previous:
        return Outcome.NO_DATA, Phrase("target.one_figure", figure=latest.text), parts
    projection = project(previous[-1], latest, by, unit_std, shown_in)
    if projection is None:
        return Outcome.NO_DATA, Phrase("target.no_growth"), parts
    parts["projection"] = projection
    if projection.projected_std >= target_std:
        return Outcome.ON_TRACK, Phrase("target.on_track"), parts
    return Outcome.BEHIND, Phrase("target.behind"), parts


def reporters_of(indicator: str, subject: str, counterpart: str | None) -> list[tuple[str, str | None]]:
    """The (subject, counterpart) series a target is evaluated on: its own, then the other side's where both report."""
    pairs: list[tuple[str, str | None]] = [(subject, counterpart)]
    if indicator in TWO_SIDED and counterpart is not None and counterpart != subject:
        pairs.append((counterpart, subject))
    return pairs


def _shows_unmet(r: ReporterProgress) -> bool:
    """Whether a reporter's own figures show the target not (yet) reached: an exact latest figure below it."""
    return r.outcome is not Outcome.MET and r.latest is not None and r.latest.bound == EXACT


def combine(results: list[ReporterProgress]) -> tuple[Outcome, str]:
    """The target's outcome from its reporters' (see the module docstring).

    Met by one reporter while another's exact figures stay below the target is
    `split`, whether or not the other's series allows a trend.
    """
    if len(results) == 1:
        return results[0].outcome, results[0].explanation
    each = Phrases(
        [Phrase("target.by_reporter", reporter=Entity(r.reporter), explanation=r.explanation) for r in results]
    )
    decided = [r for r in results if r.outcome in DECIDED]
    met = any(r.outcome is Outcome.MET for r in results)
    if (met and any(_shows_unmet(r) for r in results)) or len({r.outcome for r in decided}) > 1:
        return Outcome.SPLIT, Phrase("target.split", each=each)
    if decided:
        return decided[0].outcome, each
    if any(r.outcome is Outcome.UNKNOWN for r in results):
        return Outcome.UNKNOWN, each
    return Outcome.NO_DATA, each


def evaluate_target(
    ledger: Ledger, commitment: dict[str, Any], assessed_on: date | None = None
) -> TargetProgress | None:
    """Evaluate one commitment's target against the ledger, by each reporter.

    Args:
        ledger: The open ledger.
        commitment: A row of `Ledger.commitments()` (with `made_on`).
        assessed_on: The date of the assessment; default today.

    Returns:
        The evaluation, or None when the commitment names no target.
    """
    if commitment.get("target_indicator") is None:
        return None
    today = assessed_on or date.today()
    indicator_id = commitment["target_indicator"]
    indicator = ledger.indicator(indicator_id)
    by = commitment["target_by"]
    target_std = float(commitment["target_value_std"])
    results: list[ReporterProgress] = []
    for subject, counterpart in reporters_of(
        indicator_id, commitment["target_subject"], commitment["target_counterpart"]
    ):
        figures = select_series(ledger.series_rows(indicator_id, subject, counterpart, until=today), indicator["kind"])
        outcome, explanation, parts = evaluate(
            figures,
            target_std=target_std,
            by=by,
            made_on=commitment["made_on"],
            assessed_on=today,
            unit_std=indicator["unit"],
            shown_in=commitment["target_unit"],
        )
        results.append(
            ReporterProgress(
                reporter=subject,
                subject=subject,
                counterpart=counterpart,
                outcome=outcome,
                explanation=explanation,
                figures=figures,
                **{k: parts.get(k) for k in ("deciding", "latest", "starting", "met_by", "projection")},
                share_of_target=parts.get("share_of_target"),
                progress_since_commitment=parts.get("progress_since_commitment"),
                missing_year=parts.get("missing_year"),
            )
        )
    outcome, explanation = combine(results)
    return TargetProgress(
        indicator=indicator_id,
        subject=commitment["target_subject"],
        counterpart=commitment["target_counterpart"],
        target_value=float(commitment["target_value"]),
        target_unit=commitment["target_unit"],
        target_std=target_std,
        unit_std=indicator["unit"],
        by=by,
        assessed_on=today,
        outcome=outcome,
        explanation=explanation,
        reporters=results,
    )
