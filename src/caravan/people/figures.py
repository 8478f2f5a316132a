"""People-to-people figures and how each series changed since the Xi'an summit.

A series is one indicator between one subject and one counterpart (students
from Kazakhstan in China; weekly flights Urumqi–Tashkent). For each series the
analysis takes:

* **before**: the latest figure whose period ends on or before the summit
  (2023-05-18), and
* **after**: the latest figure whose period ends after it that is comparable
  with *before* (or, failing that, the latest; with no *before*, the latest
  figure of a full period, a year rather than a span of months);

and states the change only where the two are comparable: the same kind of
period, and for flows (visitors, passengers) a period of the same length. A
level at a date (as-of), a calendar year and an academic year are comparable
for stocks, counts and rates (students enrolled, institutes open, flights a
week). A change since the summit needs a baseline near it and a figure well
after it: a *before* that ended more than three years before the summit (a 2009
count against 2023) or an *after* that ends within three months of it (the day
after the summit against the day of it) states no change, and says why. Where a
period has several figures, a reported one is kept over a mirror or estimate,
then the source with the smallest id.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from caravan.bounds import combine_difference
from caravan.errors import NotFoundError
from caravan.figures import percent_meant
from caravan.ledger.store import Ledger
from caravan.periods import years_before
from caravan.sources.vocabulary import Bound
from caravan.vocabulary import Period, Phrase, Term, Unit

XIAN_SUMMIT = date(2023, 5, 18)
BASELINE_YEARS = 3
"""A figure ending more than this many years before the dividing date is no baseline for a change since it."""
AFTER_DAYS = 91
"""A figure ending fewer days than this after the dividing date is not yet a change since it."""
LEVEL_PERIODS = ("as-of", "year", "academic-year")
PARTIAL_PERIODS = ("year-to-date", "span", "month")
METHOD_RANK = {"reported": 0, "mirror": 1, "estimate": 2}


@dataclass(frozen=True, kw_only=True)
class PeopleFigure:
    """One cited figure of the people pillar."""

    observation_id: str
    indicator: str
    indicator_name: str
    indicator_kind: str
    subject: str
    counterpart: str | None
    period: str
    period_kind: str
    period_start: date
    period_end: date
    value: float
    unit: str
    value_std: float
    unit_std: str
    method: str
    note: str | None
    source_id: str
    publisher: str
    source_url: str
    locator: str
    value_display: float
    display_unit: str
    bound: str
    indicator_name_zh: str | None = None
    indicator_name_ru: str | None = None

    @property
    def months(self) -> int:
        """Calendar months the period spans."""
        return (
            (self.period_end.year - self.period_start.year) * 12 + self.period_end.month - self.period_start.month + 1
        )

    def to_dict(self) -> dict[str, Any]:
        """As a plain dict."""
        return asdict(self)


@dataclass(frozen=True, kw_only=True)
class Change:
    """How one series changed across the Xi'an summit.

    Attributes:
        change: The later figure minus the earlier, in `change_unit`; None where they are not comparable.
        change_unit: The unit of `change` (the figures' standard unit: `person`, `flight/week`); None with no change.
        change_percent: The change over the earlier figure, in per cent to what it means (12.3, not 12.3456).
        change_bound: `lower` where the change is "over" its value (over 20,000 against 16,000), `upper` where "under".
    """

    indicator: str
    indicator_name: str
    subject: str
    counterpart: str | None
    before: PeopleFigure | None
    after: PeopleFigure | None
    comparable: bool
    change: float | None
    change_percent: float | None
    change_unit: str | None = None
    change_bound: str = "exact"
    explanation: str
    indicator_name_zh: str | None = None
    indicator_name_ru: str | None = None

    def to_row(self) -> dict[str, Any]:
        """A flat row for listings."""
        b, a = self.before, self.after
        return {
            "indicator": self.indicator,
            "subject": self.subject,
            "counterpart": self.counterpart,
            "before": f"{_num(b.value)} {b.unit} ({b.period})" if b else None,
            "before_source": b.publisher if b else None,
            "before_url": b.source_url if b else None,
            "after": f"{_num(a.value)} {a.unit} ({a.period})" if a else None,
            "after_source": a.publisher if a else None,
            "after_url": a.source_url if a else None,
            "change": self.change,
            "change_unit": self.change_unit,
            "change_percent": self.change_percent,
            "change_bound": self.change_bound,
            "explanation": self.explanation,
        }

    def to_dict(self) -> dict[str, Any]:
        """As plain nested dicts."""
        return asdict(self)


def _num(value: float) -> str:
    return f"{value:,.0f}" if value % 1 == 0 else f"{value:,.4f}".rstrip("0").rstrip(".")


def _concerns(country: str) -> tuple[str, list[str]]:
    """SQL condition: the series concerns a country (its cities count) or the group C5."""
    return (
        "(o.subject = ? OR o.counterpart = ? "
        "OR o.subject IN (SELECT id FROM entity WHERE parent = ?) "
        "OR o.counterpart IN (SELECT id FROM entity WHERE parent = ?))",
        [country, country, country, country],
    )


def people_figures(ledger: Ledger, country: str | None = None, indicator: str | None = None) -> list[PeopleFigure]:
    """Every reported figure of the people pillar, with its source.

    Args:
        ledger: The open ledger.
        country: Only series concerning this country (its cities included) or the group C5.
        indicator: Only this indicator.

    Raises:
        NotFoundError: `country` or `indicator` is not in the ledger.
    """
    where = ["i.pillar = 'people'", "NOT i.derived", "o.method <> 'derived'"]
    params: list[Any] = []
    if country is not None:
        if not ledger.has_entity(country):
            raise NotFoundError(f"no entity {country!r}; use a country code such as KAZ or the group C5")
        cond, extra = _concerns(country)
        where.append(cond)
        params += extra
    if indicator is not None:
        if not ledger.has_indicator(indicator):
            raise NotFoundError(f"no indicator {indicator!r}", hint="`caravan indicators` lists them")
        where.append("o.indicator = ?")
        params.append(indicator)
    rows = ledger.query(
        "SELECT o.id AS observation_id, o.indicator, i.name AS indicator_name, i.kind AS indicator_kind, "
        "o.subject, o.counterpart, o.period, o.period_kind, o.period_start, o.period_end, o.value, o.unit, "
        "o.value_std, o.unit_std, coalesce(o.value_display, o.value_std) AS value_display, "
        "coalesce(i.display_unit, o.unit_std) AS display_unit, coalesce(o.bound, 'exact') AS bound, "
        "o.method, o.note, o.source_id, s.publisher, s.url AS source_url, o.locator, "
        "i.name_zh AS indicator_name_zh, i.name_ru AS indicator_name_ru "
        "FROM observation o JOIN indicator i ON i.id = o.indicator JOIN source s ON s.id = o.source_id "
        f"WHERE {' AND '.join(where)} "
        "ORDER BY o.indicator, o.subject, o.counterpart NULLS FIRST, o.period_end, o.source_id",
        params,
    )
    return [PeopleFigure(**r) for r in rows]


def _pick(figures: list[PeopleFigure]) -> PeopleFigure | None:
    """The latest figure; among figures ending the same day, reported first, then smallest source id."""
    if not figures:
        return None
    last = max(f.period_end for f in figures)
    same = [f for f in figures if f.period_end == last]
    return sorted(same, key=lambda f: (METHOD_RANK.get(f.method, 9), f.source_id))[0]


def comparable(before: PeopleFigure, after: PeopleFigure) -> bool:
    """Whether two figures of one series may be compared (see the module docstring)."""
    if before.unit_std != after.unit_std:
        return False
    if before.indicator_kind == "flow":
        return before.period_kind == after.period_kind and before.months == after.months
    if before.period_kind == after.period_kind:
        return True
    return before.period_kind in LEVEL_PERIODS and after.period_kind in LEVEL_PERIODS


def change_since(figures: list[PeopleFigure], since: date = XIAN_SUMMIT) -> list[Change]:
    """For each series among `figures`, the latest figure before and after a date, and the change.

    Args:
        figures: People figures (see `people_figures`).
        since: The dividing date; a figure counts as before when its period ends on or before it.

    Returns:
        One change per series, in indicator, subject, counterpart order.
    """
    series: dict[tuple[str, str, str | None], list[PeopleFigure]] = {}
    for f in figures:
        series.setdefault((f.indicator, f.subject, f.counterpart), []).append(f)
    out: list[Change] = []
    for (indicator, subject, counterpart), figs in sorted(
        series.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or "")
    ):
        before = _pick([f for f in figs if f.period_end <= since])
        later = [f for f in figs if f.period_end > since]
        if before is not None:
            after = _pick([f for f in later if comparable(before, f)]) or _pick(later)
        else:
            after = _pick([f for f in later if f.period_kind not in PARTIAL_PERIODS]) or _pick(later)
        change = percent = None
        change_bound = "exact"
        ok = before is not None and after is not None and comparable(before, after)
        if before is None and after is None:
            continue
        explanation: str
        if before is None:
            explanation = Phrase("people.only_after", since=since.isoformat())
        elif after is None:
            explanation = Phrase("people.none_after", since=since.isoformat())
        elif ok and before.period_end < years_before(since, BASELINE_YEARS):
            ok = False
            explanation = Phrase("people.baseline_too_old", before=Period(before.period), years=str(BASELINE_YEARS))
        elif ok and (after.period_end - since).days < AFTER_DAYS:
            ok = False
            explanation = Phrase("people.too_soon_after", after=Period(after.period), since=since.isoformat())
        elif not ok:
            explanation = Phrase(
                "people.not_comparable",
                before_kind=Term("period_kind", before.period_kind),
                before=Period(before.period),
                after_kind=Term("period_kind", after.period_kind),
                after=Period(after.period),
            )
        elif (bound := combine_difference(Bound(after.bound), Bound(before.bound))) is None:
            explanation = Phrase(
                "people.two_bounds",
                after=Period(after.period),
                before=Period(before.period),
                before_bound=Term("bound_kind", before.bound),
                after_bound=Term("bound_kind", after.bound),
            )
        else:
            change = after.value_std - before.value_std
            change_bound = bound.value
            # A share of a bound earlier figure would be a bound of a bound: given only over an exact one.
            percent = change / before.value_std * 100.0 if before.value_std and before.bound == "exact" else None
            explanation = Phrase(
                "people.against", after=Period(after.period), before=Period(before.period), unit=Unit(after.unit_std)
            )
            if bound is not Bound.EXACT:
                which = after.bound if after.bound != "exact" else before.bound
                key = "people.bounded.over" if bound is Bound.LOWER else "people.bounded.under"
                explanation = Phrase(key, basis=explanation, bound=Term("bound_kind", which))
        out.append(
            Change(
                indicator=indicator,
                indicator_name=figs[0].indicator_name,
                subject=subject,
                counterpart=counterpart,
                before=before,
                after=after,
                comparable=ok,
                change=change,
                change_unit=after.unit_std if change is not None and after is not None else None,
                change_percent=percent_meant(percent),
                explanation=explanation,
                change_bound=change_bound,
                indicator_name_zh=figs[0].indicator_name_zh,
                indicator_name_ru=figs[0].indicator_name_ru,
            )
        )
    return out


def since_summit(ledger: Ledger, country: str | None = None, since: date = XIAN_SUMMIT) -> list[Change]:
    """How every people series changed since the Xi'an summit (or another date).

    Args:
        ledger: The open ledger.
        country: Only series concerning this country or the group C5.
        since: The dividing date (default the Xi'an summit, 2023-05-18).
    """
    return change_since(people_figures(ledger, country), since)


def latest_figures(ledger: Ledger, country: str | None = None) -> list[PeopleFigure]:
    """The latest figure of each people series, with its source."""
    out: dict[tuple[str, str, str | None], PeopleFigure] = {}
    for f in people_figures(ledger, country):
        key = (f.indicator, f.subject, f.counterpart)
        current = out.get(key)
        if current is None or f.period_end > current.period_end:
            out[key] = f
    return list(out.values())
