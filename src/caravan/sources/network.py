"""The curated transport network under `data/network/`: nodes, edges and mode factors.

Every attribute of an edge that carries a number is a `Fact`: the value as the
source prints it, its unit, the source id and a locator. Where a segment's
length is not published, the build computes an estimate from the coordinates
of its two ends (great-circle distance times a detour factor) and marks it
`computed`; that number never appears in `data/`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any, Literal

import pint
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from caravan.errors import InputError
from caravan.sources.models import ENTITY_ID, Names
from caravan.units import parse_unit, registry

EARTH_RADIUS_KM = 6371.0088

# Fallback detour factor for ferry and sea segments without a published
# length and without published segments of their mode to calibrate on: the
# Clean Cargo Working Group's "distance factor of 15 %" (source
# `nw-hamburgsud-ccwg-factors`, cited in data/network/modes.yaml).
SEA_DISTANCE_FACTOR = 1.15


class Strict(BaseModel):
    """A record that refuses unknown keys."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Mode(StrEnum):
    """How freight moves along an edge."""

    RAIL = "rail"
    ROAD = "road"
    FERRY = "ferry"
    SEA = "sea"


class Status(StrEnum):
    """Whether an edge carries traffic today."""

    OPERATING = "operating"
    BUILDING = "building"
    PLANNED = "planned"


class NodeKind(StrEnum):
    """What kind of place a node is."""

    CITY = "city"
    STATION = "station"
    TERMINAL = "terminal"
    CROSSING = "crossing"
    PORT = "port"
    JUNCTION = "junction"


class Fact(Strict):
    """One cited number: value as printed, its unit, source and locator."""

    value: float
    high: float | None = None
    unit: Annotated[str, Field(min_length=1)]
    per: str | None = None
    source: Annotated[str, Field(min_length=1)]
    locator: Annotated[str, Field(min_length=1)]
    note: str | None = None

    @model_validator(mode="after")
    def _range(self) -> Fact:
        if self.high is not None and self.high < self.value:
            raise ValueError("high is below value; give the range low to high")
        try:
            self.quantity()
        except (InputError, pint.errors.PintError, ValueError, TypeError) as exc:
            raise ValueError(f"unit {self.unit!r} per {self.per!r} is not understood: {exc}") from exc
        return self

    def quantity(self) -> pint.Quantity:
        """The value (the middle of a published range) as a pint quantity, divided by `per`."""
        mid = self.value if self.high is None else (self.value + self.high) / 2
        q = registry().Quantity(mid, parse_unit(self.unit))
        if self.per:
            q = q / registry().Quantity(self.per)
        return q

    def central(self, unit: str) -> float:
        """The value (the middle of a published range) in `unit`.

        Raises:
            InputError: The fact's unit does not convert to `unit`.
        """
        try:
            return float(self.quantity().to(parse_unit(unit)).magnitude)
        except pint.errors.DimensionalityError as exc:
            raise InputError(f"{self.unit} does not convert to {unit}") from exc

    def converts_to(self, unit: str) -> bool:
        """Whether the fact converts to `unit`."""
        return bool(self.quantity().dimensionality == parse_unit(unit).dimensionality)


class PublishedFigure(BaseModel):
    """A figure as a source publishes it, maybe a range or a bound: a journey's time or distance, a volume."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    value: float
    high: float | None = None
    unit: str
    bound: Literal["lower", "upper"] | None = None
    source: Annotated[str, Field(min_length=1)]
    locator: Annotated[str, Field(min_length=1)]
    note: str | None = None

    def span(self, unit: str, whole: float = 0.0) -> tuple[float | None, float | None]:
        """The published range in `unit`: (low, high), None where a bound leaves it open.

        `whole` widens a single printed figure by that much either side, in the figure's own unit (its rounding).
        """
        q = registry().Quantity(1.0, parse_unit(self.unit)).to(parse_unit(unit)).magnitude
        low, high = self.value * q, (self.high if self.high is not None else self.value) * q
        if self.high is None and self.bound is None:
            low, high = low - whole * q, high + whole * q
        if self.bound == "lower":
            return low, None
        if self.bound == "upper":
            return None, high
        return low, high

    def middle(self, unit: str) -> float:
        """The middle of the published range (the printed figure itself for a bound) in `unit`."""
        q = registry().Quantity(1.0, parse_unit(self.unit)).to(parse_unit(unit)).magnitude
        return (self.value + (self.high if self.high is not None else self.value)) / 2 * q


class NetworkNode(Strict):
    """A place on the network; names and location come from its entity where one exists."""

    id: Annotated[str, Field(pattern=ENTITY_ID)]
    kind: NodeKind
    names: Names | None = None
    country: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] | None = None
    geonameid: int | None = None
    lon: float | None = Field(default=None, ge=-180, le=180)
    lat: float | None = Field(default=None, ge=-90, le=90)
    coord_source: str | None = None
    coord_locator: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _coordinates(self) -> NetworkNode:
        if (self.lon is None) != (self.lat is None):
            raise ValueError("give both lon and lat, or neither")
        if self.lon is not None and not (self.coord_source and self.coord_locator):
            raise ValueError("coordinates need coord_source and coord_locator (where the source states them)")
        return self


# Canonical units an edge capacity may be stated in.
CAPACITY_UNITS = ("t/year", "train/year", "vehicle/year", "TEU/year")

# The numeric attributes of an edge and the unit each is measured in.
EDGE_FACTS: dict[str, str] = {
    "length": "km",
    "speed": "km/h",
    "time": "h",
    "dwell": "h",
    "dwell_back": "h",
    "dwell_other_side": "h",
    "dwell_back_other_side": "h",
    "headway": "h",
    "cost": "USD",
}


class NetworkEdge(Strict):
    """A link between two nodes by one mode; undirected unless a fact says otherwise."""

    id: Annotated[str, Field(pattern=r"^[a-z]+\.[a-z0-9.\-]+$")]
    from_: Annotated[str, Field(alias="from")]
    to: str
    mode: Mode
    gauge: list[int] = Field(default_factory=list)
    length: Fact | None = None
    speed: Fact | None = None
    time: Fact | None = None
    dwell: Fact | None = None
    dwell_back: Fact | None = None
    # The other country's clearance at the same border crossing, cited apart (CPMM measures each side),
    # added to dwell (from -> to) or to dwell_back (to -> from).
    dwell_other_side: Fact | None = None
    dwell_back_other_side: Fact | None = None
    headway: Fact | None = None  # interval between scheduled departures (a weekly ferry: 1 week)
    capacity: Fact | None = None
    cost: Fact | None = None
    status: Status = Status.OPERATING
    opened: int | None = Field(default=None, ge=1800, le=2100)
    entity: str | None = None
    sources: list[str] = Field(default_factory=list)
    note: str | None = None

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, populate_by_name=True)

    @field_validator("gauge", mode="before")
    @classmethod
    def _gauge(cls, value: Any) -> Any:
        return [value] if isinstance(value, int) else value

    @model_validator(mode="after")
    def _consistent(self) -> NetworkEdge:
        if self.from_ == self.to:
            raise ValueError("from and to are the same node")
        if self.mode is Mode.RAIL and len(self.gauge) not in (1, 2):
            raise ValueError("rail edges need gauge: 1435, 1520, or [from-end, to-end] for a break of gauge")
        if self.mode is not Mode.RAIL and self.gauge:
            raise ValueError("only rail edges have a gauge")
        if any(g not in (1000, 1067, 1435, 1520, 1676) for g in self.gauge):
            raise ValueError(f"gauge {self.gauge} is not a known track gauge in mm")
        if self.status is not Status.OPERATING and self.opened is None:
            raise ValueError("a building or planned edge needs opened: the expected opening year")
        if not self.sources:
            raise ValueError("sources: name at least one source that documents this link")
        for side, own in (("dwell_other_side", self.dwell), ("dwell_back_other_side", self.dwell_back or self.dwell)):
            if getattr(self, side) is not None and (own is None or own.high is not None):
                raise ValueError(f"{side}: give the crossing's own dwell first, as a single figure (not a range)")
        for name, unit in EDGE_FACTS.items():
            fact = getattr(self, name)
            if fact is not None and not fact.converts_to(unit):
                raise ValueError(f"{name}: {fact.unit} does not convert to {unit}")
        if self.capacity is not None and not any(self.capacity.converts_to(u) for u in CAPACITY_UNITS):
            raise ValueError("capacity: unit must be per time (t/year, train/day, vehicle/day, TEU/year)")
        return self

    def facts(self) -> dict[str, Fact]:
        """Every cited number of the edge by attribute name."""
        names = (*EDGE_FACTS, "capacity")
        return {n: f for n in names if (f := getattr(self, n)) is not None}

    def cited_sources(self) -> list[str]:
        """All source ids the edge cites, in order, without repeats."""
        ids = list(self.sources) + [f.source for f in self.facts().values()]
        return list(dict.fromkeys(ids))


class ModeFactor(Strict):
    """Default running speed, cost and CO2 factors of one mode, each cited."""

    mode: Mode
    speed: Fact | None = None
    cost_per_km: Fact | None = None
    border_cost: Fact | None = None
    co2_per_tkm: Fact | None = None
    consignment_t: Fact | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _units(self) -> ModeFactor:
        for name, fact in self.facts().items():
            if not fact.converts_to(MODE_FACTOR_UNITS[name]):
                raise ValueError(f"{name}: {fact.unit} does not convert to {MODE_FACTOR_UNITS[name]}")
        return self

    def facts(self) -> dict[str, Fact]:
        """The factors given, by name."""
        names = ("speed", "cost_per_km", "border_cost", "co2_per_tkm", "consignment_t")
        return {n: f for n in names if (f := getattr(self, n)) is not None}


# Units each mode factor converts to before use.
MODE_FACTOR_UNITS = {
    "speed": "km/h",
    "cost_per_km": "USD/km",
    "border_cost": "USD",
    "co2_per_tkm": "g/(t*km)",
    "consignment_t": "t",
}


def great_circle_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance in km between two WGS 84 points (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


@dataclass(frozen=True)
class DetourFactor:
    """How much longer than the great circle a mode's published segments are."""

    mode: str
    factor: float
    basis: str


def detour_factors(edges: list[NetworkEdge], coords: dict[str, tuple[float, float]]) -> dict[str, DetourFactor]:
    """Calibrate one detour factor per mode on the published segment lengths.

    The factor is the mode's total published length over the total great-circle
    distance of the same edges (a length-weighted ratio, so that long segments,
    like the ones it is used to estimate, count most); ferry and sea use the
    cited Clean Cargo distance factor instead, rail and road without published
    segments the great circle itself.
    """
    ratios: dict[str, list[tuple[float, float]]] = {}
    for e in edges:
        a, b = coords.get(e.from_), coords.get(e.to)
        if e.length is None or a is None or b is None:
            continue
        gc = great_circle_km(a[0], a[1], b[0], b[1])
        if gc > 1:
            ratios.setdefault(e.mode.value, []).append((e.length.central("km"), gc))
    out: dict[str, DetourFactor] = {}
    for mode in Mode:
        pairs = ratios.get(mode.value, [])
        if mode in (Mode.FERRY, Mode.SEA):
            out[mode.value] = DetourFactor(
                mode.value, SEA_DISTANCE_FACTOR, "Clean Cargo Working Group distance factor (15 %)"
            )
        elif pairs:
            published, circle = sum(p for p, _ in pairs), sum(g for _, g in pairs)
            out[mode.value] = DetourFactor(
                mode.value,
                published / circle,
                f"published length over great circle, summed over {len(pairs)} {mode.value} segments",
            )
        else:
            out[mode.value] = DetourFactor(mode.value, 1.0, "no published segments to calibrate on: great circle")
    return out
