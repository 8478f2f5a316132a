"""The indicator explorer: any indicator's series for chosen pairs and years, on a linear, log or relative scale.

`explore` is the one function behind the explorer's chart, table and map (and its
API endpoint). It selects the series, computes the relative index and says what
can be drawn; the surfaces only format what it returns.

* **A series is one side's statistics**: the figures of one indicator for one
  subject and counterpart, as one reporter (whose statistics) gave them. Within a
  series every point comes from one publisher family — the figure's primary
  authority, else the source's original publisher, else its publisher; the family
  with the most periods is chosen (ties: the one reaching the latest period, then
  by name), by `caravan.ledger.store.one_per_period`, as for the profiles — so a trend is never
  a change of source. Within the family, one figure per period: an exact figure
  before a bound, `reported` before other methods, then by source id and
  observation id. Derived rows (growth rates, shares) are never a series' points.
* **One kind of period per view.** Year-to-date, cumulative and as-of figures are
  never mixed with annual ones: the view shows yearly figures where the indicator
  has them, else the kind of period it has most of (or the one asked for).
* **Relative scale**: each figure as an index, its series' first figure in the
  range = 100. A series whose first figure is a bound (over, nearly, about) or zero
  has no index, and says why; it is never rebased on a later year silently.
* **Log scale**: a figure at or below zero has no place on it; it stays in the
  table and is left off the chart, and the result counts how many.
* **Per capita** needs a population series; the ledger holds none, so the result
  says so (`per_capita`) and shows the figures as they are.
* **The map** colours the six countries by one year's figures where the chosen
  series differ only by one country (each country's exports to China, China's
  imports from each country); otherwise it says why no map is possible.

Every point keeps its observation and source ids, so each is linked to its own
source, and the result's `columns` say what each column means (label in en/zh/ru,
unit, scale, role).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from caravan.errors import InputError
from caravan.figures import display_fields, unit_label
from caravan.ledger.store import Ledger, ObservationFilter, Record, one_per_period
from caravan.regions import SIX
from caravan.results import Column, label

MAX_PAIRS = 12
"""The most series one view draws (a chart of more lines reads as none)."""
DEFAULT_PAIRS = 6
"""How many series a view without chosen pairs shows: those with the most periods."""
POPULATION_INDICATORS = ("population",)
"""Indicator ids a per-capita figure would divide by; the ledger holds none of them today."""
PAIR_SEPARATOR = ":"
"""Between subject and counterpart in a pair's key (`CHN:KAZ`; `KAZ` alone: no counterpart)."""


class Scale(StrEnum):
    """How the values of a view are drawn."""

    LINEAR = "linear"
    LOG = "log"
    RELATIVE = "relative"


# How far apart two consecutive periods of a kind are, in years (0: points, never a line).
_STEP = {"year": 1.0, "month": 1 / 12}


def _columns(indicator: Mapping[str, Any], scale: Scale) -> tuple[Column, ...]:
    unit = indicator.get("display_unit") or indicator["unit"]
    value = (
        Column(
            "value",
            label("Index (first figure = 100)", "指数（首个数值 = 100）", "Индекс (первое значение = 100)"),
            "measure",
            "index",
            "relative",
            f"{indicator['name']}, each figure divided by its series' first figure in the range, times 100.",
        )
        if scale is Scale.RELATIVE
        else Column(
            "value",
            label("Value", "数值", "Значение"),
            "measure",
            unit,
            scale.value,
            f"{indicator['name']}, in {unit_label(unit)}, as the source printed it (converted to this unit only).",
        )
    )
    return (
        Column("period", label("Period", "时期", "Период"), "dimension", description="The period the figure covers."),
        Column("subject", label("Subject", "主体", "Субъект"), "dimension", description="Whom the figure is about."),
        Column(
            "counterpart",
            label("Counterpart", "对方", "Контрагент"),
            "dimension",
            description="The other side, where the indicator has one.",
        ),
        Column(
            "reporter",
            label("Reporter (whose statistics)", "报告方（谁的统计）", "Отчитывающаяся сторона (чья статистика)"),
            "dimension",
            description="Whose statistics the figure is.",
        ),
        value,
        Column(
            "source_id",
            label("Source", "来源", "Источник"),
            "dimension",
            description="The source the figure is cited from.",
        ),
    )


@dataclass(frozen=True)
class Point:
    """One figure of a series: where it is drawn (`x`, `y`) and the cited row it stands for."""

    x: float
    y: float | None
    row: Record
    index: float | None = None

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        """The point as plain JSON: position, the figure as shown, and its observation and source."""
        r = self.row
        return {
            "x": self.x,
            "y": self.y,
            "index": self.index,
            "index_shown": None if self.index is None else round(self.index, 1),  # an index means a tenth
            "period": r["period"],
            "period_end": r["period_end"].isoformat() if isinstance(r["period_end"], date) else r["period_end"],
            "value_display": r["value_display"],
            "display_unit": r["display_unit"],
            "bound": r["bound"],
            "method": r["method"],
            "observation_id": r["id"],
            "source_id": r["source_id"],
            "publisher": r["publisher"],
            "source_title": r["source_title"],
            "reporter": r["reporter"],
            "locator": r["locator"],
            **display_fields(r, lang),
        }


@dataclass(frozen=True)
class Series:
    """One side's figures of one indicator for one pair, one per period, from one publisher family."""

    subject: str
    counterpart: str | None
    reporter: str | None
    family: str | None
    points: tuple[Point, ...]
    note: str | None = None
    base: str | None = None  # the period whose figure is 100 on the relative scale

    @property
    def key(self) -> str:
        """The series' pair key (`CHN:KAZ`), as the explorer's address names it."""
        return pair_key(self.subject, self.counterpart)

    @property
    def id(self) -> str:
        """The series' own id: its pair key and, where one is named, its reporter (`KAZ:CHN@KAZ`)."""
        return f"{self.key}@{self.reporter}" if self.reporter else self.key

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        """The series as plain JSON."""
        return {
            "id": self.id,
            "key": self.key,
            "subject": self.subject,
            "counterpart": self.counterpart,
            "reporter": self.reporter,
            "publisher": self.family,
            "note": self.note,
            "base": self.base,
            "points": [p.to_dict(lang) for p in self.points],
        }


@dataclass(frozen=True)
class Exploration:
    """What the explorer shows for one choice: the series, their meaning, what can be drawn and why not."""

    indicator: Record
    period_kind: str
    step: float
    scale: Scale
    columns: tuple[Column, ...]
    series: tuple[Series, ...]
    pairs: tuple[dict[str, Any], ...]
    period_kinds: tuple[str, ...]
    start: int | None
    end: int | None
    per_capita: dict[str, Any]
    choropleth: dict[str, Any]
    notes: tuple[str, ...] = ()
    build: dict[str, Any] = field(default_factory=dict)

    def sources(self) -> list[dict[str, Any]]:
        """Every source a shown figure is cited from, once each, in order of first use."""
        seen: dict[str, dict[str, Any]] = {}
        for s in self.series:
            for p in s.points:
                r = p.row
                if r["source_id"] and r["source_id"] not in seen:
                    seen[r["source_id"]] = {
                        "id": r["source_id"],
                        "publisher": r["publisher"],
                        "title": r["source_title"],
                        "url": r["source_url"],
                    }
        return list(seen.values())

    def rows(self) -> list[dict[str, Any]]:
        """The view as a flat table (one row per point), with the columns `columns` describes."""
        return [
            {
                "period": p.row["period"],
                "subject": s.subject,
                "counterpart": s.counterpart,
                "reporter": s.reporter,
                "value": p.index if self.scale is Scale.RELATIVE else p.row["value_display"],
                "source_id": p.row["source_id"],
            }
            for s in self.series
            for p in s.points
        ]

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        """The whole result as plain JSON."""
        ind = self.indicator
        unit = ind.get("display_unit") or ind["unit"]
        return {
            "indicator": {
                "id": ind["id"],
                "name": ind["name"],
                "name_zh": ind.get("name_zh"),
                "name_ru": ind.get("name_ru"),
                "pillar": ind["pillar"],
                "kind": ind["kind"],
                "definition": ind.get("definition"),
                "unit": unit,
                "unit_label": unit_label(unit, lang),
            },
            "period_kind": self.period_kind,
            "period_kinds": list(self.period_kinds),
            "step": self.step,
            "scale": self.scale.value,
            "start": self.start,
            "end": self.end,
            "columns": [c.to_dict(lang) for c in self.columns],
            "series": [s.to_dict(lang) for s in self.series],
            "pairs": list(self.pairs),
            "per_capita": self.per_capita,
            "choropleth": (  # its figures' units, periods and attribution in the language too
                _choropleth(self.series, self.choropleth["year"], lang)
                if lang != "en" and self.choropleth.get("available")
                else self.choropleth
            ),
            "sources": self.sources(),
            "notes": list(self.notes),
            "build": self.build,
        }


def pair_key(subject: str, counterpart: str | None) -> str:
    """A pair's key in the explorer's address: `CHN:KAZ`, or `KAZ` where there is no counterpart."""
    return f"{subject}{PAIR_SEPARATOR}{counterpart}" if counterpart else subject


def parse_pair(text: str) -> tuple[str, str | None]:
    """A pair key back as (subject, counterpart).

    Raises:
        InputError: The key is empty or has more than one separator.
    """
    parts = text.strip().split(PAIR_SEPARATOR)
    if not parts[0] or len(parts) > 2:
        sep = PAIR_SEPARATOR
        raise InputError(f"{text!r} is not a pair; write SUBJECT{sep}COUNTERPART (CHN{sep}KAZ) or SUBJECT alone")
    return parts[0], (parts[1] or None) if len(parts) == 2 else None


def _x(row: Mapping[str, Any], kind: str) -> float:
    end: date = row["period_end"]
    if kind == "year":
        return float(end.year)
    if kind == "month":
        return end.year + (end.month - 1) / 12
    return end.year + (end.timetuple().tm_yday - 1) / (366 if end.year % 4 == 0 else 365)


def _index(points: list[Point]) -> tuple[list[Point], str | None]:
    if not points:
        return points, None
    base = points[0].row
    if base["bound"] != "exact":
        return [Point(p.x, None, p.row) for p in points], (
            f"no index: the first figure ({base['period']}) is a bound, not an exact figure"
        )
    if not base["value_display"]:
        return [Point(p.x, None, p.row) for p in points], f"no index: the first figure ({base['period']}) is zero"
    out = []
    for p in points:
        index = p.row["value_display"] / base["value_display"] * 100
        out.append(Point(p.x, index, p.row, index))
    return out, None


def _choropleth(series: Sequence[Series], year: int | None, lang: str = "en") -> dict[str, Any]:
    """The map of one year: the countries' figures where the series differ only by one of the six countries.

    Each figure as a point of the series is written (`Point.to_dict`), in the language asked for.
    """
    if not series:
        return {"available": False, "reason": "no series is shown"}
    six = set(SIX)
    subjects = {s.subject for s in series}
    counterparts = {s.counterpart for s in series}
    if len(counterparts) == 1 and len(subjects) == len(series) and subjects <= six:
        by = "subject"
    elif len(subjects) == 1 and len(counterparts) == len(series) and counterparts <= six:
        by = "counterpart"
    else:
        return {
            "available": False,
            "reason": "the series shown are not one figure per country (choose pairs that differ only by one of "
            "the six countries, such as each country's trade with China)",
        }
    years = sorted({int(p.x) for s in series for p in s.points})
    if not years:
        return {"available": False, "reason": "no figure in the chosen years"}
    # The year asked for; else the latest year in which the most countries have a figure.
    have = Counter(int(p.x) for s in series for p in s.points)
    chosen = year if year in years else max(years, key=lambda y: (have[y], y))
    values = []
    for s in series:
        in_year = [p for p in s.points if int(p.x) == chosen]
        country = s.subject if by == "subject" else s.counterpart
        values.append({"country": country, **(in_year[-1].to_dict(lang) if in_year else {"y": None})})
    return {"available": True, "by": by, "year": chosen, "years": years, "values": values}


def _kinds(rows: Iterable[Record]) -> list[str]:
    counts = Counter(r["period_kind"] for r in rows)
    return sorted(counts, key=lambda k: (k != "year", -counts[k], k))


def explore(
    ledger: Ledger,
    indicator: str,
    pairs: Sequence[str] = (),
    *,
    start: int | None = None,
    end: int | None = None,
    scale: Scale | str = Scale.LINEAR,
    per_capita: bool = False,
    period_kind: str | None = None,
    map_year: int | None = None,
) -> Exploration:
    """An indicator's series for the chosen pairs and years, on one scale, with their meaning and sources.

    Args:
        ledger: The ledger.
        indicator: The indicator id (`trade.exports`).
        pairs: Pair keys (`CHN:KAZ`, `KAZ` alone for no counterpart); none: the series with the most periods.
        start: First year shown (by the year each period ends in); None: from the first figure.
        end: Last year shown; None: to the last figure.
        scale: linear, log or relative (an index, the first figure of each series = 100).
        per_capita: Asked for figures per person (the result says why there are none).
        period_kind: The kind of period to show; None: yearly where there are yearly figures.
        map_year: The year the map shows; None: the latest with a figure.

    Raises:
        NotFoundError: No such indicator.
        InputError: A bad pair, scale, period kind or range, or too many pairs.
    """
    row = ledger.indicator(indicator)
    try:
        scale = Scale(scale)
    except ValueError:
        raise InputError(f"no scale {scale!r}; choose linear, log or relative") from None
    if start is not None and end is not None and start > end:
        raise InputError(f"the range {start}–{end} ends before it starts; give the earlier year first")
    chosen = [parse_pair(p) for p in dict.fromkeys(pairs)]
    if len(chosen) > MAX_PAIRS:
        raise InputError(f"{len(chosen)} pairs asked for; one view shows at most {MAX_PAIRS}")
    rows = [r for r in ledger.observations(ObservationFilter(indicator=indicator)) if r["method"] != "derived"]
    kinds = _kinds(rows)
    if period_kind is not None and period_kind not in kinds:
        raise InputError(
            f"{indicator} has no {period_kind!r} figures; it has {', '.join(kinds) or 'none'}",
        )
    kind = period_kind or (kinds[0] if kinds else "year")
    grouped: dict[tuple[str, str | None, str | None], list[Record]] = defaultdict(list)
    for r in rows:
        if r["period_kind"] == kind:
            grouped[r["subject"], r["counterpart"], r["reporter"]].append(r)
    counts: Counter[tuple[str, str | None]] = Counter()
    for (subject, counterpart, _), found in grouped.items():
        counts[subject, counterpart] += len({r["period_end"] for r in found})
    available = sorted(counts, key=lambda k: (-counts[k], k[0], k[1] or ""))
    if not chosen:
        chosen = available[:DEFAULT_PAIRS]
    notes: list[str] = []
    series: list[Series] = []
    for subject, counterpart in chosen:
        keys = [k for k in grouped if k[:2] == (subject, counterpart)]
        if not keys:
            notes.append(f"no {kind} figures of {indicator} for {pair_key(subject, counterpart)}")
        for key in sorted(keys, key=lambda k: k[2] or ""):
            in_range = [
                r
                for r in grouped[key]
                if (start is None or r["period_end"].year >= start) and (end is None or r["period_end"].year <= end)
            ]
            if not in_range:
                notes.append(f"no figures of {pair_key(subject, counterpart)} in the chosen years")
                continue
            family, picked = one_per_period(in_range)
            points = [Point(_x(r, kind), r["value_display"], r) for r in picked]
            note = base = None
            if scale is Scale.RELATIVE:
                points, note = _index(points)
                base = None if note else picked[0]["period"]
            elif scale is Scale.LOG:
                off = [p for p in points if p.y is None or not math.isfinite(p.y) or p.y <= 0]
                if off:
                    note = f"{len(off)} figure(s) at or below zero left off the log scale (shown in the table)"
                    points = [Point(p.x, None, p.row) if p in off else p for p in points]
            series.append(Series(subject, counterpart, key[2], family, tuple(points), note, base))
    population = next((p for p in POPULATION_INDICATORS if ledger.has_indicator(p)), None)
    per = {
        "asked": per_capita,
        "available": False,
        "reason": (
            "the ledger holds no population series, so no figure is shown per person"
            if population is None
            else f"per-person figures from {population} are not drawn yet"
        ),
    }
    return Exploration(
        indicator=row,
        period_kind=kind,
        step=_STEP.get(kind, 0.0),
        scale=scale,
        columns=_columns(row, scale),
        series=tuple(series),
        pairs=tuple(
            {"key": pair_key(s, c), "subject": s, "counterpart": c, "periods": counts[s, c]} for s, c in available
        ),
        period_kinds=tuple(kinds),
        start=start,
        end=end,
        per_capita=per,
        choropleth=_choropleth(series, map_year),
        notes=tuple(notes),
        build={"id": ledger.meta.get("build_id"), "built_at": ledger.meta.get("built_at")},
    )
