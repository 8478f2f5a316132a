"""Response models of the API, one per resource; they become the OpenAPI schemas."""

from __future__ import annotations

import datetime as dt
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class Model(BaseModel):
    """Base of every response model: unknown keys are ignored."""

    model_config = ConfigDict(extra="ignore")


class ErrorBody(Model):
    """What went wrong, as a code a program can test and a message a person can read."""

    code: str = Field(description="Stable, machine-readable code, e.g. `not_found`.")
    message: str = Field(description="One sentence saying what went wrong and what to do next.")


class ErrorResponse(Model):
    """The one shape of every error the API returns."""

    error: ErrorBody


class Entity(Model):
    """A thing facts are about: a country, city, border crossing, line, pipeline, ..."""

    id: str
    kind: str
    name_en: str
    name_zh: str | None = None
    name_ru: str | None = None
    parent: str | None = None
    members: list[str] | None = None
    lon: float | None = None
    lat: float | None = None
    coord_origin: str | None = None
    attributes: dict[str, Any] | None = None


class Indicator(Model):
    """A kind of measurement, with its canonical unit."""

    id: str
    pillar: str
    name: str
    unit: str
    kind: str
    definition: str | None = None
    derived: bool
    observations: int | None = None


class Observation(Model):
    """One cited number with its source (derived rows name the observations they rest on)."""

    id: str
    indicator: str
    subject: str
    counterpart: str | None = None
    period: str
    period_kind: str
    period_start: dt.date
    period_end: dt.date
    value: float
    unit: str
    value_std: float
    unit_std: str
    currency: str | None = None
    method: str
    note: str | None = None
    locator: str
    derived_from: list[str] | None = None
    source_id: str | None = None
    publisher: str | None = None
    original_publisher: str | None = None
    source_title: str | None = None
    source_url: str | None = None


class ObservationDetail(Observation):
    """One observation with the reported observations it rests on."""

    lineage: list[Observation] = []


class Page(Model, Generic[T]):
    """One page of a longer listing."""

    total: int = Field(description="Rows matching the filter, over all pages.")
    limit: int
    offset: int
    items: list[T]


class Source(Model):
    """A document or dataset facts come from, with how much it supports."""

    id: str
    publisher: str
    original_publisher: str | None = None
    title: str
    url: str
    published: str | None = None
    kind: str | None = None
    language: str | None = None
    seen_via: str | None = None
    observations: int = 0
    events: int = 0


class SourceObservation(Model):
    """An observation as listed under the source that supports it."""

    id: str
    indicator: str
    subject: str
    counterpart: str | None = None
    period: str
    value: float
    unit: str
    locator: str


class SourceEvent(Model):
    """An event as listed under the source that dates it."""

    id: str
    date: dt.date
    title_en: str


class SourceDetail(Model):
    """One source and every fact it supports."""

    id: str
    publisher: str
    original_publisher: str | None = None
    title: str
    url: str
    published: str | None = None
    retrieved: dt.date | None = None
    kind: str | None = None
    language: str | None = None
    licence: str | None = None
    seen_via: str | None = None
    observations: list[SourceObservation]
    events: list[SourceEvent]


class Event(Model):
    """A summit, agreement, opening or launch, with its source."""

    id: str
    date: dt.date
    end_date: dt.date | None = None
    kind: str
    title_en: str
    title_zh: str | None = None
    title_ru: str | None = None
    place: str | None = None
    participants: list[str] | None = None
    source_id: str
    publisher: str | None = None
    source_url: str | None = None
    locator: str


class Evidence(Model):
    """One piece of evidence for a commitment's status."""

    seq: int
    source_id: str | None = None
    event_id: str | None = None
    date: dt.date | None = None
    locator: str | None = None
    note: str | None = None
    publisher: str | None = None
    source_title: str | None = None
    source_url: str | None = None


class Commitment(Model):
    """A promise made at an event, its status, evidence and progress toward any target."""

    id: str
    event_id: str
    made_on: dt.date | None = None
    text: str
    pillar: str
    countries: list[str] | None = None
    status: str
    target_indicator: str | None = None
    target_subject: str | None = None
    target_counterpart: str | None = None
    target_value: float | None = None
    target_unit: str | None = None
    target_by: dt.date | None = None
    source_id: str | None = None
    locator: str | None = None
    evidence: list[Evidence] = []
    progress: dict[str, Any] | None = Field(
        default=None, description="Progress toward the quantitative target, from the commitment tracker."
    )


class Headline(Model):
    """One cell of the overview: the latest cited figure of a pillar for a country."""

    country: str
    pillar: str
    indicator: str | None = None
    text: str
    period: str | None = None
    value: float | None = None
    unit: str | None = None
    source_id: str | None = None
    publisher: str | None = None
    url: str | None = None
    observation_id: str | None = None
    series: list[SeriesPoint] = Field(default=[], description="Yearly values of the same indicator and pair.")


class SeriesPoint(Model):
    """One point of a yearly series, with the observation it comes from."""

    period: str
    value: float
    unit: str
    observation_id: str
    source_id: str | None = None


class Meta(Model):
    """Facts about the ledger being served and the analyses available."""

    ledger: dict[str, str]
    counts: dict[str, int]
    analyses: dict[str, bool]


Headline.model_rebuild()
