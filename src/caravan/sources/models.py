"""The curated records, as pydantic models that validate one record each."""

from __future__ import annotations

import datetime as dt
import math
import re
from enum import StrEnum
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from caravan.errors import InputError
from caravan.periods import parse_date, parse_period
from caravan.sources.vocabulary import Bound as Bound
from caravan.sources.vocabulary import CommitmentStatus as CommitmentStatus
from caravan.sources.vocabulary import Tier as Tier
from caravan.units import compatible, parse_unit

SOURCE_ID = r"^[a-z0-9][a-z0-9.\-]*$"
ENTITY_ID = r"^([A-Z][A-Z0-9]{1,3}|[a-z]+\.[a-z0-9.\-]+)$"
INDICATOR_ID = r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$"
RECORD_ID = r"^[a-z0-9][a-z0-9.\-_]*$"

Id = Annotated[str, Field(min_length=1)]


class Strict(BaseModel):
    """A record that refuses unknown keys (a typo is an error, not silence)."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return parse_date(str(value))
    except InputError as exc:
        raise ValueError(str(exc)) from exc


def _partial_date(value: Any) -> str:
    """Keep a date as written (YYYY, YYYY-MM or YYYY-MM-DD) after checking it."""
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    _date(text)
    return text


def check_url(value: str) -> str:
    """Accept only absolute http(s) addresses with a host."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in value:
        raise ValueError(f"{value!r} is not an http(s) address; give the page's full URL")
    if (parts.hostname or "").endswith("."):
        raise ValueError(f"{value!r}: the host ends with a dot; remove it")
    return value


class SourceKind(StrEnum):
    """What kind of document a source is."""

    OFFICIAL_STATISTICS = "official-statistics"
    GOVERNMENT = "government"
    COMPANY_REPORT = "company-report"
    TREATY = "treaty"
    NEWS = "news"
    DATASET = "dataset"
    RESEARCH = "research"


class SeenVia(StrEnum):
    """How a curator saw the figures a source supports."""

    SEARCH = "search"
    REFERENCE_NOTES = "reference-notes"
    IMPORT = "import"


class Domain(Strict):
    """One web domain the ledger's sources use, classified with a reason."""

    domain: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9.\-]*\.[a-z0-9\-]+$")]
    tier: Tier
    reason: Id


class Source(Strict):
    """A document or dataset that facts come from."""

    id: Annotated[str, Field(pattern=SOURCE_ID)]
    publisher: Id
    original_publisher: str | None = None
    authority: str | None = None
    title: Id
    url: str
    published: str | None = None
    retrieved: dt.date
    kind: SourceKind
    language: Annotated[str, Field(pattern=r"^[a-z]{2}$")]
    licence: str | None = None
    seen_via: SeenVia = SeenVia.SEARCH

    _url = field_validator("url")(check_url)

    @field_validator("published", mode="before")
    @classmethod
    def _published(cls, value: Any) -> str | None:
        return None if value is None else _partial_date(value)

    @field_validator("retrieved", mode="before")
    @classmethod
    def _retrieved(cls, value: Any) -> dt.date:
        return _date(value)


class EntityKind(StrEnum):
    """What kind of thing an entity is."""

    COUNTRY = "country"
    GROUP = "group"
    PROVINCE = "province"
    CITY = "city"
    CROSSING = "crossing"
    PORT = "port"
    STATION = "station"
    TERMINAL = "terminal"
    LINE = "line"
    ROAD = "road"
    PIPELINE = "pipeline"
    FIELD = "field"
    PROJECT = "project"
    ORGANISATION = "organisation"
    MECHANISM = "mechanism"
    INSTITUTION = "institution"
    WORKSHOP = "workshop"


class Names(Strict):
    """A name (or a text) in English, Chinese and Russian; the Chinese and Russian are Caravan's own wording."""

    en: Id
    zh: str | None = None
    ru: str | None = None

    def get(self, lang: str) -> str:
        """The wording in a language, English where it has none."""
        return str(getattr(self, lang, None) or self.en)


def _names(value: Any) -> Any:
    """A plain string is the English wording alone."""
    return {"en": value} if isinstance(value, str) else value


class Authority(Strict):
    """Whose figure a number is: a statistics office, customs service, ministry, operator, ..."""

    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9\-]*$")]
    names: Names
    country: str | None = None
    tier: Tier
    url: str | None = None
    relays_reporters: bool = False
    """An international compiler that publishes each country's trade as that country reports it (the IMF's
    Direction of Trade Statistics): its trade figure is its subject's own statistics. A compiler that
    blends or estimates (a development bank's review) is not: whose statistics its figure is stays unknown."""

    _url = field_validator("url")(lambda v: None if v is None else check_url(v))

    @field_validator("tier")
    @classmethod
    def _tier(cls, value: Tier) -> Tier:
        if value in (Tier.SECONDARY, Tier.REFUSED):
            raise ValueError("an authority is the origin of a figure: official, operator, media or research")
        return value


class Entity(BaseModel):
    """A thing facts are about; keys beyond the known ones are kept as attributes."""

    model_config = ConfigDict(extra="allow", frozen=True)

    id: Annotated[str, Field(pattern=ENTITY_ID)]
    kind: EntityKind
    names: Names | None = None
    parent: str | None = None
    members: list[str] = Field(default_factory=list)
    geonameid: int | None = None
    lon: float | None = Field(default=None, ge=-180, le=180)
    lat: float | None = Field(default=None, ge=-90, le=90)
    coord_source: str | None = None

    @model_validator(mode="after")
    def _coordinates(self) -> Entity:
        if (self.lon is None) != (self.lat is None):
            raise ValueError("give both lon and lat, or neither")
        if self.lon is not None and not self.coord_source:
            raise ValueError("coordinates need coord_source, the id of the source that states them")
        if self.kind is not EntityKind.COUNTRY and self.names is None:
            raise ValueError("names (at least en) are required for entities other than countries")
        return self

    @property
    def attributes(self) -> dict[str, Any]:
        """Keys the curator added beyond the known ones."""
        return dict(self.model_extra or {})


class IndicatorKind(StrEnum):
    """Whether an indicator measures a flow, a stock, a rate or a count."""

    FLOW = "flow"
    STOCK = "stock"
    RATE = "rate"
    COUNT = "count"


class Indicator(Strict):
    """A kind of measurement."""

    id: Annotated[str, Field(pattern=INDICATOR_ID)]
    pillar: Annotated[str, Field(pattern=r"^[a-z]+$")]
    name: Names
    unit: Id
    kind: IndicatorKind
    definition: Id
    display_unit: str | None = None

    _name = field_validator("name", mode="before")(_names)

    @field_validator("unit")
    @classmethod
    def _unit(cls, value: str) -> str:
        try:
            parse_unit(value)
        except InputError as exc:
            raise ValueError(str(exc)) from exc
        return value

    @model_validator(mode="after")
    def _display(self) -> Indicator:
        if self.display_unit is not None:
            try:
                ok = compatible(self.unit, self.display_unit)
            except InputError as exc:
                raise ValueError(f"display_unit: {exc}") from exc
            if not ok:
                raise ValueError(f"display_unit {self.display_unit!r} does not convert from the unit {self.unit!r}")
        return self


class Method(StrEnum):
    """How an observation's value came about."""

    REPORTED = "reported"
    MIRROR = "mirror"
    ESTIMATE = "estimate"
    DERIVED = "derived"


class ObservationRow(Strict):
    """One row of an observations CSV file, before cross-checks."""

    indicator: Id
    subject: Id
    counterpart: str | None = None
    period: Id
    value: float
    unit: Id
    source: Id
    locator: Id
    method: Method = Method.REPORTED
    note: str | None = None
    bound: Bound = Bound.EXACT
    primary: str | None = None

    @field_validator("counterpart", "note", "primary", mode="before")
    @classmethod
    def _empty(cls, value: Any) -> Any:
        return None if value in ("", None) else value

    @field_validator("bound", mode="before")
    @classmethod
    def _bound(cls, value: Any) -> Any:
        return Bound.EXACT if value in ("", None) else value

    @field_validator("value", mode="before")
    @classmethod
    def _number(cls, value: Any) -> float:
        text = str(value).strip()
        shown = text if len(text) <= 40 else f"{text[:40]}... ({len(text)} characters)"
        if not re.fullmatch(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?", text):
            raise ValueError(f"value {shown!r} is not a plain number (no commas, spaces or words)")
        number = float(text)
        if not math.isfinite(number):
            raise ValueError(f"value {shown!r} is not finite")
        return number

    @field_validator("period")
    @classmethod
    def _period(cls, value: str) -> str:
        try:
            parse_period(value)
        except InputError as exc:
            raise ValueError(str(exc)) from exc
        return value

    @field_validator("method")
    @classmethod
    def _method(cls, value: Method) -> Method:
        if value is Method.DERIVED:
            raise ValueError("derived observations are computed by the build; do not write them")
        return value


class EventKind(StrEnum):
    """What kind of event an event is."""

    SUMMIT = "summit"
    MINISTERIAL = "ministerial"
    MEETING = "meeting"
    AGREEMENT = "agreement"
    OPENING = "opening"
    LAUNCH = "launch"
    VISA = "visa"
    FOUNDING = "founding"
    VISIT = "visit"
    FORUM = "forum"
    DECLARATION = "declaration"


class Event(Strict):
    """A dated event: a summit, meeting, agreement, opening or launch."""

    id: Annotated[str, Field(pattern=RECORD_ID)]
    date: dt.date
    end: dt.date | None = None
    kind: EventKind
    title: Names
    place: str | None = None
    participants: list[str] = Field(default_factory=list)
    source: Id
    locator: Id
    documents: list[str] = Field(default_factory=list)
    note: str | None = None

    @field_validator("date", "end", mode="before")
    @classmethod
    def _dates(cls, value: Any) -> dt.date | None:
        return None if value is None else _date(value)

    _title = field_validator("title", mode="before")(_names)

    @model_validator(mode="after")
    def _order(self) -> Event:
        if self.end is not None and self.end < self.date:
            raise ValueError("end is before date")
        return self


class Target(Strict):
    """A quantitative target a commitment names."""

    indicator: Id
    subject: Id
    counterpart: str | None = None
    value: float
    unit: Id
    by: dt.date
    baseline: str | None = None

    @field_validator("value")
    @classmethod
    def _finite(cls, value: float) -> float:
        if not math.isfinite(value):
            raise ValueError("the target value is not a finite number")
        return value

    @field_validator("by", mode="before")
    @classmethod
    def _by(cls, value: Any) -> dt.date:
        if isinstance(value, int):
            return dt.date(value, 12, 31)
        return _date(value)


class Evidence(Strict):
    """One piece of evidence for a commitment's status."""

    source: str | None = None
    event: str | None = None
    date: dt.date | None = None
    locator: str | None = None
    note: Names | None = None

    _note = field_validator("note", mode="before")(_names)

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, value: Any) -> dt.date | None:
        return None if value is None else _date(value)

    @model_validator(mode="after")
    def _something(self) -> Evidence:
        if not (self.source or self.event):
            raise ValueError("evidence needs a source or an event")
        return self


class Commitment(Strict):
    """One promise made at an event."""

    id: Annotated[str, Field(pattern=RECORD_ID)]
    event: Id
    text: Names
    pillar: Annotated[str, Field(pattern=r"^[a-z]+$")]
    countries: list[str] = Field(default_factory=list)
    target: Target | None = None
    status: CommitmentStatus = CommitmentStatus.UNKNOWN
    evidence: list[Evidence] = Field(default_factory=list)
    source: str | None = None
    locator: str | None = None
    note: str | None = None

    _text = field_validator("text", mode="before")(_names)
