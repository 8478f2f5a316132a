"""Evaluate a commitment's quantitative target against the ledger's observations.

The rules, stated once (they are also printed with every evaluation):

* **Series.** The target names an indicator, a subject and a counterpart. Its
  series is every observation of exactly those three. A flow (trade, gas
  delivered) is compared by calendar year only; other indicators (counts,
  stocks, rates) by any period that ends on a date (year, month, as-of,
  cumulative, academic year). Year-to-date and other partial spans are never
  used. Where several figures cover one period, the tracker keeps a reported
  figure over a mirror, estimate or derived one, then the publisher with the
  most figures in the series (so one publisher's series is not spliced with
  another's), then the source with the smallest id.
* **Met.** A target is a level to reach: it is met when a figure for a period
  ending on or before the deadline is at least the target value.
* **Behind after the deadline.** Once the deadline has passed without such a
  figure, the target is behind (the commitment has lapsed).
* **Projection before the deadline.** The compound annual growth rate between
  the two latest figures is extended from the latest figure to the deadline;
  the target is on track if the projection reaches it, behind if not.
* **No data.** No figure at all, or only one before the deadline (a trend
  needs two), or a figure that is not positive (growth is undefined).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from caravan.figures import format_number
from caravan.ledger.store import Ledger
from caravan.units import scale

PROJECTION_METHOD = (
    "compound annual growth between the two latest figures, extended from the latest figure to the deadline"
)
POINT_PERIODS = ("year", "month", "as-of", "cumulative-to-date", "academic-year")
METHOD_RANK = {"reported": 0, "mirror": 1, "estimate": 2, "derived": 3}


class Outcome(StrEnum):
    """Where a target stands against the ledger's figures."""

    MET = "met"
    ON_TRACK = "on track"
    BEHIND = "behind"
    NO_DATA = "no data"


@dataclass(frozen=True)
class Figure:
    """One observation used in an evaluation, with its source."""

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
        )

    @property
    def text(self) -> str:
        """The figure as its source prints it, with its period: `94.8 bn USD (2024)`."""
        return f"{format_number(self.value)} {self.unit} ({self.period})"


@dataclass(frozen=True)
class Projection:
    """The stated trend from the two latest figures to the deadline."""

    earlier: Figure
    later: Figure
    annual_growth: float
    projected_std: float
    description: str


@dataclass(frozen=True)
class TargetProgress:
    """A target's evaluation: outcome, latest figure, progress and projection."""

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
    latest: Figure | None = None
    starting: Figure | None = None
    met_by: Figure | None = None
    projection: Projection | None = None
    share_of_target: float | None = None
    progress_since_commitment: float | None = None
    figures: list[Figure] = field(default_factory=list)
    method: str = PROJECTION_METHOD

    def to_dict(self) -> dict[str, Any]:
        """As plain nested dicts."""
        return asdict(self)


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
    publisher_counts = Counter(r["publisher"] for r in usable if r["publisher"])
    best: dict[date, dict[str, Any]] = {}
    for r in sorted(
        usable,
        key=lambda r: (
            METHOD_RANK.get(r["method"], 9),
            -publisher_counts.get(r["publisher"], 0),
            r["source_id"] or "~",
            r["id"],
        ),
    ):
        best.setdefault(r["period_end"], r)
    return [Figure.from_row(best[end]) for end in sorted(best)]


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
    """Judge a series against a target: the core rules, on plain figures.

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
        (`latest`, `starting`, `met_by`, `projection`, `share_of_target`,
        `progress_since_commitment`).
    """
    in_time = [f for f in figures if f.period_end <= by]
    latest = figures[-1] if figures else None
    before = [f for f in figures if f.period_end <= made_on]
    starting = before[-1] if before else None
    parts: dict[str, Any] = {"latest": latest, "starting": starting}
    if latest is not None and target_std:
        parts["share_of_target"] = latest.value_std / target_std * 100.0
    if latest is not None and starting is not None and starting is not latest and target_std != starting.value_std:
        parts["progress_since_commitment"] = (
            (latest.value_std - starting.value_std) / (target_std - starting.value_std) * 100.0
        )
    met = next((f for f in in_time if f.value_std >= target_std), None)
    if met is not None:
        parts["met_by"] = met
        return Outcome.MET, f"met: {met.text} reaches the target by {by.isoformat()}", parts
    if not figures:
        return Outcome.NO_DATA, "no data: the ledger has no figure of this series", parts
    if assessed_on > by:
        if in_time:
            return (
                Outcome.BEHIND,
                (
                    f"behind: the deadline {by.isoformat()} has passed and the last figure by then, "
                    f"{in_time[-1].text}, is below the target"
                ),
                parts,
            )
        return (
            Outcome.BEHIND,
            (f"behind: the deadline {by.isoformat()} has passed and no figure up to it reaches the target"),
            parts,
        )
    if len(in_time) < 2:
        return (
            Outcome.NO_DATA,
            (f"no data for a trend: only one figure ({in_time[-1].text}) below the target; a trend needs two"),
            parts,
        )
    projection = project(in_time[-2], in_time[-1], by, unit_std, shown_in)
    if projection is None:
        return Outcome.NO_DATA, "no data for a trend: growth is undefined for figures that are not positive", parts
    parts["projection"] = projection
    if projection.projected_std >= target_std:
        return Outcome.ON_TRACK, "on track: the projection reaches the target by the deadline", parts
    return Outcome.BEHIND, "behind: the projection falls short of the target by the deadline", parts


def evaluate_target(
    ledger: Ledger, commitment: dict[str, Any], assessed_on: date | None = None
) -> TargetProgress | None:
    """Evaluate one commitment's target against the ledger.

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
    indicator = ledger.indicator(commitment["target_indicator"])
    rows = ledger.query(
        "SELECT o.id, o.period, o.period_kind, o.period_end, o.value, o.unit, o.value_std, o.method, "
        "o.source_id, o.locator, s.publisher, s.url AS source_url FROM observation o "
        "LEFT JOIN source s ON s.id = o.source_id "
        "WHERE o.indicator = ? AND o.subject = ? AND o.counterpart IS NOT DISTINCT FROM ? "
        "AND o.period_end <= ?",
        [commitment["target_indicator"], commitment["target_subject"], commitment["target_counterpart"], today],
    )
    figures = select_series(rows, indicator["kind"])
    by = commitment["target_by"]
    target_std = float(commitment["target_value_std"])
    outcome, explanation, parts = evaluate(
        figures,
        target_std=target_std,
        by=by,
        made_on=commitment["made_on"],
        assessed_on=today,
        unit_std=indicator["unit"],
        shown_in=commitment["target_unit"],
    )
    return TargetProgress(
        indicator=commitment["target_indicator"],
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
        latest=parts.get("latest"),
        starting=parts.get("starting"),
        met_by=parts.get("met_by"),
        projection=parts.get("projection"),
        share_of_target=parts.get("share_of_target"),
        progress_since_commitment=parts.get("progress_since_commitment"),
        figures=figures,
    )
