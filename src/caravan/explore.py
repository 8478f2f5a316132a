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
* **Per capita**: each figure divided by the population of one country in the
  same year (World Bank WDI total population, `macro.population`): the figure's
  subject, or, for a pair of China and another of the six, that other country
  (China's exports to Kazakhstan and Kazakhstan's to China both per person of
  Kazakhstan, so two sides' statistics stay comparable). A year with no
  population figure is a gap, never filled from another year; a subject that is
  not a country with a population (a group, a pipeline) has no per-person
  figures. Refused, with the reason, for a share, a percentage, a ratio or a
  figure already per something other than time, and for the population itself.
  The per-person figures are in the indicator's base unit (USD, not bn USD) per
  person, or per 1,000 or per million people where per person would be below one.
* **The map** colours the six countries by one year's figures where the chosen
  series differ only by one country (each country's exports to China, China's
  imports from each country); otherwise it says why no map is possible.

Every point keeps its observation and source ids, so each is linked to its own
source, and the result's `columns` say what each column means (label in en/zh/ru,
unit, scale, role).
"""

from __future__ import annotations

import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import Any, cast

from caravan.errors import InputError
from caravan.figures import BOUND_WORDS, display_fields, format_number, unit_label
from caravan.ledger.store import Ledger, ObservationFilter, Record, one_per_period
from caravan.regions import CHINA, FIVE, SIX
from caravan.results import Column, dimension, label
from caravan.units import parse_unit
from caravan.units import scale as convert

MAX_PAIRS = 12
"""The most series one view draws (a chart of more lines reads as none)."""
DEFAULT_PAIRS = 6
"""How many series a view without chosen pairs shows: those with the most periods."""
POPULATION_INDICATOR = "macro.population"
"""The indicator a per-capita figure divides by: total population (World Bank WDI SP.POP.TOTL)."""
PER_PEOPLE = (1, 1_000, 1_000_000)
"""How many people a per-capita figure is per: the first at which the view's typical figure reaches one."""
PER_CAPITA_DIGITS = 4
"""Significant digits a per-person figure is shown to (a quotient of two figures; the value keeps them all)."""
PAIR_SEPARATOR = ":"
"""Between subject and counterpart in a pair's key (`CHN:KAZ`; `KAZ` alone: no counterpart)."""


class Scale(StrEnum):
    """How the values of a view are drawn."""

    LINEAR = "linear"
    LOG = "log"
    RELATIVE = "relative"


# How far apart two consecutive periods of a kind are, in years (0: points, never a line).
_STEP = {"year": 1.0, "month": 1 / 12}

PER_CAPITA_RULE = (
    "each figure divided by the population of one country in the same year (World Bank WDI total population): "
    "the subject's, or for a pair of China and another of the six countries, the other country's"
)
# "per person", "per 1,000 people", "per million people" in three languages, by `PER_PEOPLE`.
_PER_WORDS: dict[str, dict[int, str]] = {
    "en": {1: "{unit} per person", 1_000: "{unit} per 1,000 people", 1_000_000: "{unit} per million people"},
    "zh": {1: "{unit}/人", 1_000: "{unit}/千人", 1_000_000: "{unit}/百万人"},
    "ru": {1: "{unit} на человека", 1_000: "{unit} на 1000 человек", 1_000_000: "{unit} на 1 млн человек"},
}
_PER_UNITS = {1: "person", 1_000: "thousand person", 1_000_000: "mn person"}


@dataclass(frozen=True)
class PerCapita:
    """A figure per person: the figure divided by one country's population of the same year."""

    value: float  # in `unit`: the base unit of the indicator per `people` people
    people: int
    base_unit: str
    country: str
    population: Record  # the cited population row divided by
    bound: str = "exact"  # the figure's bound, which a per-person figure keeps

    @property
    def unit(self) -> str:
        """The per-capita unit (`USD/person`, `person/thousand person`)."""
        return f"{self.base_unit}/{_PER_UNITS[self.people]}"


def per_capita_unit_label(base_unit: str, people: int, lang: str = "en") -> str:
    """A per-capita unit as a person reads it: `USD per person`, `m³ per 1,000 people`, `美元/人`."""
    words = _PER_WORDS.get(lang, _PER_WORDS["en"])
    return words[people].format(unit=unit_label(base_unit, lang))


def _shown_digits(value: float) -> float:
    return float(f"{value:.{PER_CAPITA_DIGITS}g}") if math.isfinite(value) and value else value


def _per_capita_text(per: PerCapita | None, lang: str = "en") -> dict[str, Any] | None:
    if per is None:
        return None
    pop = per.population
    shown_value = _shown_digits(per.value)
    word = BOUND_WORDS.get(lang, BOUND_WORDS["en"]).get(per.bound)
    text = f"{format_number(shown_value)} {per_capita_unit_label(per.base_unit, per.people, lang)}"
    return {
        "value": per.value,
        "value_shown": shown_value,
        "shown": f"{word} {text}" if word else text,
        "unit": per.unit,
        "unit_label": per_capita_unit_label(per.base_unit, per.people, lang),
        "people": per.people,
        "country": per.country,
        "population": pop["value_std"],
        "population_period": pop["period"],
        "population_observation_id": pop["id"],
        "population_source_id": pop["source_id"],
        "population_locator": pop["locator"],
    }


def per_capita_refusal(indicator: Mapping[str, Any]) -> str | None:
    """Why an indicator has no per-person figures, or None where it may have them.

    Refused: the population itself; a derived indicator (a growth rate, a share); a unit
    without dimension (a percentage, a share, an index, a ratio of like quantities); a
    unit already per person, or per anything other than time (an exchange rate, a price).
    """
    unit = str(indicator["unit"])
    if indicator["id"] == POPULATION_INDICATOR:
        return "the indicator is the population itself"
    if indicator.get("derived"):
        return "the indicator is computed from others (a growth rate or a share); it is not divided by people"
    try:
        dims = cast(dict[str, float], dict(parse_unit(unit).dimensionality))
    except InputError:
        return f"its unit {unit!r} is not known"
    shown_unit = unit_label(unit)
    if not dims:
        return f"its unit ({shown_unit}) is a percentage, share or ratio; dividing it by people means nothing"
    if dims.get("[person]", 0) < 0:
        return f"its unit ({shown_unit}) is already per person"
    if any(power < 0 and dim != "[time]" for dim, power in dims.items()):
        return f"its unit ({shown_unit}) is a ratio of two quantities; dividing it by people means nothing"
    return None


def population_of(subject: str, counterpart: str | None) -> str:
    """Whose population a series' per-capita figures divide by.

    The subject's; for a pair of China and another of the six, that other country's
    (China's exports to Kazakhstan and Kazakhstan's exports to China are both per person
    of Kazakhstan).
    """
    if subject == CHINA and counterpart in SIX and counterpart != CHINA:
        return counterpart
    return subject


def _populations(ledger: Ledger) -> dict[str, dict[int, Record]]:
    """Each country's yearly population, one publisher family a country (`one_per_period`), by year."""
    if not ledger.has_indicator(POPULATION_INDICATOR):
        return {}
    by: dict[str, list[Record]] = defaultdict(list)
    for r in ledger.observations(ObservationFilter(indicator=POPULATION_INDICATOR)):
        if r["period_kind"] == "year" and r["method"] != "derived" and not r["counterpart"] and r["value_std"]:
            by[r["subject"]].append(r)
    return {country: {r["period_end"].year: r for r in one_per_period(rows)[1]} for country, rows in by.items()}


def _columns(indicator: Mapping[str, Any], scale: Scale, per: Mapping[str, Any] | None = None) -> tuple[Column, ...]:
    unit = indicator.get("display_unit") or indicator["unit"]
    applied = per is not None and per.get("applied")
    what = str(indicator["name"])
    if applied and per is not None:
        what += f", per person ({per_capita_unit_label(per['base_unit'], per['people'])}: {PER_CAPITA_RULE})"
    value = (
        Column(
            "value",
            label("Index (first figure = 100)", "指数（首个数值 = 100）", "Индекс (первое значение = 100)"),
            "measure",
            "index",
            "relative",
            f"{what}, each figure divided by its series' first figure in the range, times 100.",
        )
        if scale is Scale.RELATIVE
        else Column(
            "value",
            label("Value per person", "人均数值", "Значение на человека"),
            "measure",
            f"{per['base_unit']}/{_PER_UNITS[per['people']]}",
            scale.value,
            f"{what}; a year with no population figure is left empty.",
        )
        if applied and per is not None
        else Column(
            "value",
            label("Value", "数值", "Значение"),
            "measure",
            unit,
            scale.value,
            f"{indicator['name']}, in {unit_label(unit)}, as the source printed it (converted to this unit only).",
        )
    )
    extra = (
        (
            dimension(
                "population_of",
                label("Population of", "人口所属国", "Население страны"),
                "The country whose population of the same year the figure is divided by.",
            ),
            Column(
                "population",
                label("Population", "人口", "Население"),
                "measure",
                "person",
                "linear",
                "The population divided by (World Bank WDI total population), as cited.",
            ),
        )
        if applied
        else ()
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
        *extra,
    )


@dataclass(frozen=True)
class Point:
    """One figure of a series: where it is drawn (`x`, `y`) and the cited row it stands for."""

    x: float
    y: float | None
    row: Record
    index: float | None = None
    per_capita: PerCapita | None = None

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
            "per_capita": _per_capita_text(self.per_capita, lang),
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
    population_of: str | None = None  # whose population a per-capita view divides by

    @property
    def key(self) -> str:
        """The series' pair key (`CHN:KAZ`), as the explorer's address names it."""
        return pair_key(self.subject, self.counterpart)

    @property
    def id(self) -> str:
        """The series' own id: its pair key and, where one is named, its reporter (`KAZ:CHN@KAZ`)."""
        return f"{self.key}@{self.reporter}" if self.reporter else self.key

    def publisher_name(self, lang: str = "en") -> str | None:
        """Whose figures the series is, by name in `lang`: the authority, else the page that printed them."""
        if not self.points:
            return None
        r = self.points[0].row
        names = (r.get(f"primary_name_{lang}"), r.get("primary_name"), r.get("original_publisher"), r.get("publisher"))
        return next((n for n in names if n), None)

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        """The series as plain JSON."""
        return {
            "id": self.id,
            "key": self.key,
            "subject": self.subject,
            "counterpart": self.counterpart,
            "reporter": self.reporter,
            "publisher": self.family,
            "publisher_name": self.publisher_name(lang),
            "note": self.note,
            "base": self.base,
            "population_of": self.population_of,
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
        """Every source a shown figure is cited from (and each population divided by), once each, in order."""
        seen: dict[str, dict[str, Any]] = {}
        for s in self.series:
            for p in s.points:
                for r in (p.row, p.per_capita.population if p.per_capita else None):
                    if r and r["source_id"] and r["source_id"] not in seen:
                        seen[r["source_id"]] = {
                            "id": r["source_id"],
                            "publisher": r["publisher"],
                            "title": r["source_title"],
                            "url": r["source_url"],
                        }
        return list(seen.values())

    @property
    def per_capita_applied(self) -> bool:
        """Whether the figures shown are per person."""
        return bool(self.per_capita.get("applied"))

    def rows(self) -> list[dict[str, Any]]:
        """The view as a flat table (one row per point), with the columns `columns` describes."""
        out = []
        for s in self.series:
            for p in s.points:
                value = p.row["value_display"]
                if self.per_capita_applied:
                    value = p.per_capita.value if p.per_capita else None
                row = {
                    "period": p.row["period"],
                    "subject": s.subject,
                    "counterpart": s.counterpart,
                    "reporter": s.reporter,
                    "value": p.index if self.scale is Scale.RELATIVE else value,
                    "source_id": p.row["source_id"],
                }
                if self.per_capita_applied:
                    row["population_of"] = s.population_of
                    row["population"] = p.per_capita.population["value_std"] if p.per_capita else None
                out.append(row)
        return out

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
            "per_capita": (
                {
                    **self.per_capita,
                    "unit_label": per_capita_unit_label(self.per_capita["base_unit"], self.per_capita["people"], lang),
                }
                if self.per_capita_applied
                else self.per_capita
            ),
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
    first = points[0]
    base = first.row
    blank = [replace(p, y=None) for p in points]
    if base["bound"] != "exact":
        return blank, f"no index: the first figure ({base['period']}) is a bound, not an exact figure"
    if first.y is None:
        return blank, f"no index: the first figure ({base['period']}) has no population figure of its year"
    if not first.y:
        return blank, f"no index: the first figure ({base['period']}) is zero"
    out = []
    for p in points:
        index = None if p.y is None else p.y / first.y * 100
        out.append(replace(p, y=index, index=index))
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
    # The year asked for; else the latest year in which the most countries have a figure to draw (per person,
    # a year with no population figure has none: the map does not open on a year it would leave blank).
    have = Counter(int(p.x) for s in series for p in s.points if p.y is not None)
    chosen = year if year in years else max(years, key=lambda y: (have[y], y))
    values = []
    for s in series:
        in_year = [p for p in s.points if int(p.x) == chosen]
        country = s.subject if by == "subject" else s.counterpart
        values.append({"country": country, **(in_year[-1].to_dict(lang) if in_year else {"y": None})})
    return {"available": True, "by": by, "year": chosen, "years": years, "values": values}


def _default_pairs(available: Sequence[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    """The pairs a view shows when none is chosen.

    China with each of the five where it has them, one figure per country (so the map can draw them), in
    the five's order; else the `DEFAULT_PAIRS` with the most periods.
    """
    have = set(available)
    for chinas_side in (True, False):
        pairs: list[tuple[str, str | None]] = [(CHINA, c) if chinas_side else (c, CHINA) for c in FIVE]
        pairs = [p for p in pairs if p in have]
        if len(pairs) >= 2:
            return pairs
    return list(available[:DEFAULT_PAIRS])


def _kinds(rows: Iterable[Record]) -> list[str]:
    counts = Counter(r["period_kind"] for r in rows)
    return sorted(counts, key=lambda k: (k != "year", -counts[k], k))


def _per_capita(
    ledger: Ledger,
    indicator: Mapping[str, Any],
    drafts: Sequence[tuple[str, str | None, str | None, str | None, list[Record]]],
    asked: bool,
) -> tuple[dict[str, Any], list[list[PerCapita | None]]]:
    """Whether the view can be per person, and (where asked and possible) each figure per person.

    Each figure is divided by the population of `population_of` its pair in the year its period
    ends in; no population of that year is a gap (None), never a neighbouring year's.
    """
    per: dict[str, Any] = {
        "asked": asked,
        "available": False,
        "applied": False,
        "reason": None,
        "population_indicator": POPULATION_INDICATOR,
        "rule": PER_CAPITA_RULE,
    }
    none: list[list[PerCapita | None]] = [[None] * len(d[4]) for d in drafts]
    refusal = per_capita_refusal(indicator)
    if refusal is not None:
        return {**per, "reason": f"no figure per person: {refusal}"}, none
    populations = _populations(ledger)
    if not populations:
        reason = (
            "the ledger holds no population series (World Bank WDI total population, "
            "`caravan extract wdi-population`), so no figure is shown per person"
        )
        return {**per, "reason": reason}, none
    whose = {population_of(d[0], d[1]) for d in drafts}
    if not whose & set(populations):
        reason = (
            "none of the series shown is about a country the ledger has a population of "
            f"({', '.join(sorted(populations))}), so no figure is shown per person"
        )
        return {**per, "reason": reason}, none
    per["available"] = True
    per["countries"] = sorted(populations)
    per["population_of"] = {pair_key(d[0], d[1]): population_of(d[0], d[1]) for d in drafts}
    if not asked:
        return per, none
    base_unit = str(indicator["unit"])
    raw: list[list[tuple[float, str, Record] | None]] = []
    for subject, counterpart, _, _, picked in drafts:
        country = population_of(subject, counterpart)
        years = populations.get(country, {})
        out: list[tuple[float, str, Record] | None] = []
        for r in picked:
            pop = years.get(r["period_end"].year)
            if pop is None or r["value_std"] is None:
                out.append(None)
                continue
            value = r["value_std"] if r["unit_std"] == base_unit else convert(r["value_std"], r["unit_std"], base_unit)
            out.append((value / pop["value_std"], country, pop))
        raw.append(out)
    typical = [abs(v[0]) for vs in raw for v in vs if v is not None and v[0]]
    middle = statistics.median(typical) if typical else 1.0
    people = next((n for n in PER_PEOPLE if middle * n >= 1), PER_PEOPLE[-1])
    points = [
        [
            None if v is None else PerCapita(v[0] * people, people, base_unit, v[1], v[2], str(r["bound"] or "exact"))
            for r, v in zip(d[4], vs, strict=True)
        ]
        for d, vs in zip(drafts, raw, strict=True)
    ]
    gaps = sum(p is None for ps in points for p in ps)
    per.update(
        applied=True,
        base_unit=base_unit,
        people=people,
        unit=f"{base_unit}/{_PER_UNITS[people]}",
        gaps=gaps,
        population_sources=sorted({p.population["source_id"] for ps in points for p in ps if p is not None}),
    )
    return per, points


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
        per_capita: Figures per person (`PER_CAPITA_RULE`); where none can be shown the result says why.
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
        chosen = _default_pairs(available)
    notes: list[str] = []
    drafts: list[tuple[str, str | None, str | None, str | None, list[Record]]] = []
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
            drafts.append((subject, counterpart, key[2], family, picked))
    per, per_points = _per_capita(ledger, row, drafts, per_capita)
    series: list[Series] = []
    for n, (subject, counterpart, reporter, family, picked) in enumerate(drafts):
        if per["applied"]:
            points = [
                Point(_x(r, kind), None if pc is None else pc.value, r, per_capita=pc)
                for r, pc in zip(picked, per_points[n], strict=True)
            ]
        else:
            points = [Point(_x(r, kind), r["value_display"], r) for r in picked]
        note = base = None
        if per["applied"]:
            gaps = [r["period"] for r, pc in zip(picked, per_points[n], strict=True) if pc is None]
            whose = population_of(subject, counterpart)
            if whose not in per["countries"]:
                note = f"the ledger has no population of {whose} (not a country it has one for): no figure per person"
            elif len(gaps) == len(picked):
                note = f"no population figure of {whose} for these years, so no figure per person"
            elif gaps:
                note = f"no population figure of {whose} for {', '.join(gaps)}: no figure per person (a gap)"
        if scale is Scale.RELATIVE:
            points, why = _index(points)
            note = "; ".join(n for n in (note, why) if n) or None
            base = None if why else picked[0]["period"]
        elif scale is Scale.LOG:
            off = [p for p in points if p.y is not None and (not math.isfinite(p.y) or p.y <= 0)]
            if off:
                said = f"{len(off)} figure(s) at or below zero left off the log scale (shown in the table)"
                note = "; ".join(n for n in (note, said) if n)
                points = [replace(p, y=None) if p in off else p for p in points]
        of = population_of(subject, counterpart) if per["available"] else None
        series.append(Series(subject, counterpart, reporter, family, tuple(points), note, base, of))
    return Exploration(
        indicator=row,
        period_kind=kind,
        step=_STEP.get(kind, 0.0),
        scale=scale,
        columns=_columns(row, scale, per),
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
