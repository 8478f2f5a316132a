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
    name: str = Field(description="English name.")
    name_zh: str | None = Field(default=None, description="Chinese name (Caravan's own wording).")
    name_ru: str | None = Field(default=None, description="Russian name (Caravan's own wording).")
    unit: str
    kind: str
    definition: str | None = None
    derived: bool
    observations: int | None = None


class Shown(Model):
    """How a cited figure reads: in its indicator's display unit, its bound as a word, and whose it is."""

    value_display: float | None = Field(default=None, description="Value in the indicator's display unit.")
    display_unit: str | None = Field(default=None, description="The indicator's display unit (`bn USD`, `bcm`).")
    bound: str = Field(default="exact", description="exact, lower (over), upper (nearly) or approximate (about).")
    shown: str | None = Field(default=None, description='The figure as a person reads it: "over 100 bn USD".')
    unit_label: str | None = Field(default=None, description="The display unit as a person reads it (`m³`, `%`).")
    printed: str | None = Field(default=None, description='The figure as the source printed it: "5000 亿 m³".')
    attribution: str | None = Field(
        default=None, description='Whose figure it is and the page that printed it: "GACC, via The Astana Times".'
    )
    period_label: str | None = Field(
        default=None,
        description="The period as read in the language asked for (`as-of 2023-03-31`: `截至 2023-03-31`).",
    )
    indicator_name: str | None = Field(default=None, description="The indicator's name in the language asked for.")


class Observation(Shown):
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
    source_language: str | None = Field(default=None, description="ISO 639-1 language of the source (its locator's).")
    reporter: str | None = Field(default=None, description="Country whose statistics the figure is, where known.")
    primary_authority: str | None = Field(default=None, description="Id of the authority whose figure it is.")
    primary_name: str | None = Field(default=None, description="That authority's English name.")
    tier: str | None = Field(default=None, description="The source's tier: official, operator, media, research, ...")


class ObservationDetail(Observation):
    """One observation with the reported observations it rests on."""

    lineage: list[Observation] = []


class Page(Model, Generic[T]):
    """One page of a longer listing."""

    total: int = Field(description="Rows matching the filter, over all pages.")
    limit: int
    offset: int
    items: list[T]


class Change(Model):
    """One revision of a reported figure, as the build that made it recorded it."""

    build_id: str = Field(description="The build that made the change.")
    built_at: str = Field(description="When that build was made (UTC).")
    build_kind: str = Field(description="build or import.")
    change: str = Field(description="added, removed or changed (value, unit or bound).")
    observation_id: str
    indicator: str
    subject: str
    counterpart: str | None = None
    period: str
    source_id: str
    publisher: str | None = None
    source_url: str | None = None
    old_value: float | None = Field(default=None, description="Value as printed before (null when added).")
    new_value: float | None = Field(default=None, description="Value as printed after (null when removed).")
    old_unit: str | None = None
    new_unit: str | None = None
    old_bound: str | None = None
    new_bound: str | None = None
    old_file: str | None = Field(default=None, description="Input file and line of the old figure.")
    new_file: str | None = Field(default=None, description="Input file and line of the new figure.")


class Build(Model):
    """One build in the ledger's history."""

    seq: int
    id: str
    parent: str | None = None
    kind: str = Field(description="build or import.")
    built_at: str
    input_checksum: str
    caravan_version: str
    added: int
    removed: int
    changed: int
    current: bool = Field(description="The build being served.")
    kept: bool = Field(description="Its file is still kept (older ones are pruned; their history is not).")


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
    tier: str | None = Field(default=None, description="official, operator, media, research or secondary.")
    authority: str | None = Field(default=None, description="Id of the authority whose figures the page mostly quotes.")
    authority_name: str | None = None
    authority_name_zh: str | None = None
    authority_name_ru: str | None = None
    observations: int = 0
    events: int = 0


class SourceObservation(Shown):
    """An observation as listed under the source that supports it."""

    id: str
    indicator: str
    subject: str
    counterpart: str | None = None
    period: str
    value: float
    unit: str
    locator: str
    primary_name: str | None = None


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
    tier: str | None = None
    authority: str | None = None
    authority_name: str | None = None
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
    """One piece of evidence for a commitment's status, dated by itself or by the event it cites."""

    seq: int
    date: dt.date | None = None
    source_id: str | None = None
    publisher: str | None = None
    source_url: str | None = None
    event_id: str | None = None
    event_title: str | None = None
    event_title_zh: str | None = None
    event_title_ru: str | None = None
    locator: str | None = None
    note: str | None = None
    note_zh: str | None = Field(default=None, description="What it shows, in Chinese (Caravan's own translation).")
    note_ru: str | None = Field(default=None, description="What it shows, in Russian (Caravan's own translation).")


class Commitment(Model):
    """A promise made at an event: curated and assessed status, evidence, and target progress."""

    id: str
    event_id: str
    event_title: str | None = None
    event_title_zh: str | None = None
    event_title_ru: str | None = None
    made_on: dt.date
    text: str = Field(description="The promise in the curator's own words (English).")
    text_zh: str | None = Field(default=None, description="The same in Chinese (Caravan's own translation).")
    text_ru: str | None = Field(default=None, description="The same in Russian (Caravan's own translation).")
    pillar: str
    countries: list[str] = []
    status: str = Field(description="The curator's status.")
    assessed_status: str = Field(description="The tracker's status, from the evidence and the target.")
    status_label: str | None = Field(default=None, description="The curator's status in the language asked for.")
    assessed_status_label: str | None = Field(default=None, description="The tracker's status in that language.")
    status_note: str | None = None
    source_id: str | None = None
    source_url: str | None = None
    publisher: str | None = None
    locator: str | None = None
    evidence: list[Evidence] = []
    target: dict[str, Any] | None = Field(
        default=None,
        description=(
            "The target's evaluation: overall outcome, and under `reporters` the outcome by each reporter's "
            "own statistics (China's customs and the partner's office for a bilateral turnover), with the "
            "figures evaluated, their bounds and authorities, progress and projection."
        ),
    )
    target_text: str | None = None


class SearchHit(Model):
    """One thing the search found, and the dashboard address that shows it."""

    kind: str = Field(description="entity, indicator, event, commitment or source.")
    id: str
    title: str = Field(description="In the language asked for where the ledger has it, else English.")
    detail: str | None = None
    path: str = Field(description="The dashboard page that shows it.")
    score: float = Field(description="100 for a name equal to the words; lower for a looser match.")
    matched: str = Field(description="The name or title that matched.")
    language: str | None = Field(default=None, description="A source's language (its title's), where not the reader's.")


class SummitTally(Model):
    """What one event promised, counted by the tracker's assessed status and by pillar."""

    event_id: str
    title: dict[str, str] = Field(description="The event's title by language (en, zh, ru where known).")
    date: dt.date
    commitments: int
    by_status: dict[str, int] = Field(description="Commitments per assessed status; every status named.")
    by_pillar: dict[str, int]


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
    as_of: str | None = Field(default=None, description="Last day the figure covers (ISO date).")
    old: bool = Field(default=False, description="The figure's period ended more than three years ago.")
    tier: str | None = None
    primary: str | None = Field(default=None, description="Name of the authority whose figure it is.")
    bound: str = "exact"
    attribution: str | None = None
    unit_label: str | None = None
    period_label: str | None = None
    indicator_name: str | None = None
    printed: str | None = Field(default=None, description="The figure as its source printed it.")
    series: list[SeriesPoint] = Field(default=[], description="Yearly values of the same indicator and pair.")


class SeriesPoint(Model):
    """One point of a yearly series, with the observation it comes from."""

    period: str
    value: float
    unit: str
    observation_id: str
    source_id: str | None = None


class Meta(Model):
    """Facts about the ledger being served."""

    ledger: dict[str, str]
    counts: dict[str, int]
    trade_datasets: dict[str, list[str]] = Field(
        default={}, description="Bulk trade datasets imported, per table (trade_flow: products; trade_total: totals)."
    )


Headline.model_rebuild()


class NetworkNode(Model):
    """A place on the transport network."""

    id: str
    kind: str
    name_en: str
    name_zh: str | None = None
    name_ru: str | None = None
    country: str
    lon: float | None = None
    lat: float | None = None


class NetworkEdge(Model):
    """A link of the network, with the coordinates of its two ends where known."""

    id: str
    source: str
    target: str
    mode: str
    status: str
    length_km: float | None = None
    opened: int | None = None
    sources: list[str] = []
    coords: list[list[float]] | None = None


class Network(Model):
    """The multimodal network."""

    nodes: list[NetworkNode]
    edges: list[NetworkEdge]


class RouteLeg(Model):
    """One leg of a route, in the direction travelled."""

    edge: str
    origin: str
    destination: str
    mode: str
    length_km: float
    length_method: str | None = None
    running_h: float
    dwell_h: float
    cost_usd: float | None = None
    co2_kg: float | None = None
    gauge: str | None = None
    status: str
    opened: int | None = None
    sources: list[str] = []
    coords: list[list[float]] | None = None
    wait: str | None = None
    wait_known: bool = True


class UnknownWait(Model):
    """A wait on the route that no source gives, and the largest cited wait of its kind."""

    kind: str
    at: str
    largest_cited_h: float | None = None


class Route(Model):
    """A route with its totals (time, distance, borders, cost, CO2) and legs."""

    origin: str
    destination: str
    nodes: list[str]
    legs: list[RouteLeg]
    distance_km: float
    running_h: float
    dwell_h: float
    total_h: float
    total_days: float
    border_crossings: int
    borders: list[str] = []
    gauge_changes: int
    transshipments: int
    cost_usd: float | None = None
    cost_complete: bool | None = None
    co2_kg: float | None = None
    co2_complete: bool | None = None
    objective: str
    objective_value: float
    sources: list[str] = []
    unknown_waits: list[UnknownWait] = []
    total_high_h: float | None = None
    total_days_high: float | None = None
    point_h: float | None = None
    point_days: float | None = None


class RoutePlan(Model):
    """The routes found between two places."""

    origin: str
    destination: str
    objective: str
    routes: list[Route]


class ScenarioComparison(Model):
    """The best route before and after a scenario."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True)

    origin: str = Field(alias="from")
    destination: str = Field(alias="to")
    before_days: float | None = None
    after_days: float | None = None
    change_days: float | None = None
    before_km: float | None = None
    after_km: float | None = None
    before_route: str
    after_route: str
    before_cost_usd: float | None = None
    after_cost_usd: float | None = None


class CorridorVolume(Model):
    """A corridor's cited annual volume and what the network carried of it."""

    corridor: str
    label: str
    unit: str
    modes: str
    assumption: str = Field(
        description="Where the volume enters and leaves the network, and what the figure leaves open."
    )
    year: int | None = None
    demand: float | None = Field(None, description="The cited volume; null when no full-year figure is cited.")
    bound: str | None = Field(None, description="`lower` when the source says 'over': the demand is at least this.")
    source: str | None = None
    locator: str | None = None
    assigned: float | None = None
    unmet: float | None = None
    capacity_unknown_on_way: list[str] = Field(
        [], description="Edges the corridor uses that have no cited capacity in its unit: not known to fit."
    )
    status: str


class ElementLoad(Model):
    """The load on one edge in one direction, against its cited capacity (null: unknown)."""

    edge: str
    direction: str
    mode: str
    load: dict[str, float] = Field(description="Load by unit (train/year, t/year).")
    capacity: float | None = None
    capacity_unit: str | None = None
    capacity_source: str | None = None
    capacity_locator: str | None = None
    utilisation: float | None = None
    status: str


class NotLoaded(Model):
    """A cited volume that is not loaded, and why."""

    what: str
    year: int
    value: float
    bound: str | None = Field(None, description="`lower` when the source says 'over'.")
    unit: str
    why: str


class LoadChange(Model):
    """A corridor's unmet volume before and after a scenario."""

    corridor: str
    unit: str
    demand: float | None = None
    unmet_before: float | None = None
    unmet_after: float | None = None
    change: float | None = None


class CorridorLoadsBody(Model):
    """The corridors' cited volumes on the network (after the scenario, when one is given)."""

    year: int | None = None
    corridors: list[CorridorVolume]
    elements: list[ElementLoad]
    bottlenecks: list[str]
    not_loaded: list[NotLoaded] = []
    notes: list[str] = []


class CorridorLoads(CorridorLoadsBody):
    """The corridors' loads, and under a scenario the loads before it and the change in unmet volume."""

    scenario: str | None = None
    before: CorridorLoadsBody | None = None
    changes: list[LoadChange] = []


class TradeTable(Model):
    """A trade analysis: its table, the dataset and engine, and the sources the figures rest on."""

    title: str
    dataset: str
    engine: str
    columns: list[str]
    units: dict[str, str] = Field(default={}, description="Unit of each measure column: `USD` or `%`.")
    display: dict[str, Any] = Field(
        default={}, description="The one unit money columns are shown in: `unit`, `label`, `scale` (USD per unit)."
    )
    rows: list[dict[str, Any]]
    row_sources: list[list[str]] = Field(default=[], description="Ids of the sources behind each row, in row order.")
    shown: list[dict[str, float | None]] = Field(
        default=[],
        description="Each row's percentages as far as they mean something (`%` columns, and `ratio` as `ratio_pct`).",
    )
    sources: list[dict[str, Any]]
    notes: list[str]


class ClaimEvidence(Shown):
    """A ledger figure a verdict rests on."""

    observation: str | None = None
    indicator: str | None = None
    subject: str | None = None
    counterpart: str | None = None
    period: str | None = None
    value: float | None = None
    unit: str | None = None
    value_in_claim_unit: float | None = None
    method: str | None = None
    publisher: str | None = None
    source_title: str | None = None
    source_url: str | None = None
    source_id: str | None = None
    locator: str | None = None
    lineage: list[dict[str, Any]] = []
    tier: str | None = Field(default=None, description="The source's tier (official, operator, media, ...).")
    reporter: str | None = Field(default=None, description="Whose statistics the figure is, where known.")
    independent: bool = Field(
        default=True, description="False where the source is the checked article itself; never counted as support."
    )


class CheckedClaim(Model):
    """One claim found in the text (offsets into `text`), its verdict and evidence."""

    model_config = ConfigDict(extra="allow")

    text: str
    start: int
    end: int
    sentence: str | None = None
    value: float | str | None = None
    unit: str | None = None
    indicator: str | None = None
    verdict: str = Field(
        description="supported, contradicted, conflicting evidence, outdated, period mismatch, unverifiable, "
        "or 'unverifiable — only the article itself'."
    )
    explanation: str
    reasoning: list[str] = Field(default=[], description="The named reasoning steps the verdict rests on.")
    evidence: list[ClaimEvidence] = []


class ClaimCheck(Model):
    """The checked text: its language, notes, verdict counts and claims."""

    text: str = Field(description="The text the offsets refer to (the input less any header lines).")
    lang: str
    notes: list[str] = []
    counts: dict[str, int] = {}
    claims: list[CheckedClaim]
    check: str | None = Field(default=None, description="The check's content key: `/claims?check={key}` reopens it.")
    checked_at: str | None = Field(default=None, description="When the stored check was made (UTC).")
    build: str | None = Field(default=None, description="The ledger build it was checked against.")
    built_at: str | None = Field(default=None, description="When that build was made (UTC).")


class YearUtilisation(Model):
    """Delivered against capacity in one year."""

    year: int
    delivered_bcm: float | None = None
    capacity_bcm: float | None = None
    utilisation: float | None = None
    capacity_basis: str
    delivered_source: str | None = None
    capacity_source: str | None = None
    note: str = ""


class CumulativeCheck(Model):
    """Reported cumulative deliveries between two dates against the periods' own volumes."""

    start: str
    end: str
    reported_difference_bcm: float
    periods_sum_bcm: float | None = None
    gap_bcm: float | None = None
    gap_percent: float | None = None
    periods: list[str]
    status: str
    sources: list[str]


class PeopleFigure(Model):
    """One cited figure of the people pillar."""

    observation_id: str
    indicator: str
    indicator_name: str
    indicator_kind: str
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
    method: str
    note: str | None = None
    source_id: str
    publisher: str
    source_url: str
    locator: str
    value_display: float | None = None
    display_unit: str | None = None
    bound: str = "exact"
    shown: str | None = None
    unit_label: str | None = None
    printed: str | None = None
    attribution: str | None = None
    period_label: str | None = None


class PeopleChange(Model):
    """How one series changed across the Xi'an summit."""

    indicator: str
    indicator_name: str
    subject: str
    counterpart: str | None = None
    before: PeopleFigure | None = None
    after: PeopleFigure | None = None
    comparable: bool
    change: float | None = None
    change_percent: float | None = None
    change_bound: str = "exact"
    explanation: str


class PeopleInstitution(Model):
    """A Luban Workshop or a Confucius Institute."""

    id: str
    kind: str
    kind_label: str | None = Field(default=None, description="The kind in the language asked for.")
    name: str
    name_zh: str | None = None
    name_ru: str | None = None
    country: str | None = None
    city: str | None = None
    host: str | None = None
    opened: str | None = None
    opened_since_summit: bool | None = None
    source_id: str | None = None
    publisher: str | None = None
    source_url: str | None = None
    note: str | None = None


class AuditFinding(Model):
    """One finding of the build's audit: a contradiction, a copy error or a stale figure."""

    seq: int
    severity: str = Field(description="error (the build refuses) or warning (listed).")
    check_name: str = Field(description="Which check: part-whole, shares, growth, disagreement, outlier, ...")
    indicator: str | None = None
    subject: str | None = None
    counterpart: str | None = None
    period: str | None = None
    observations: list[str] = Field(default=[], description="Ids of the observations involved.")
    message: str = Field(description="What is wrong and what to do, as the audit wrote it.")
    text: str = Field(description="The message as a person reads it (unit words such as 亿 m³, not pint spellings).")
