"""Response models of the API, one per resource; they become the OpenAPI schemas."""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect
import re
import types
import typing
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, create_model

from caravan.corridors.loads import CorridorLoads as _CorridorLoads
from caravan.corridors.network import Node as _Node
from caravan.corridors.route import Leg as _Leg
from caravan.corridors.route import Route as _Route
from caravan.corridors.route import UnknownWait as _UnknownWait
from caravan.corridors.seaways import DrawingSource as _DrawingSource
from caravan.energy.pipelines import CumulativeCheck as _CumulativeCheck
from caravan.energy.pipelines import YearUtilisation as _YearUtilisation
from caravan.institutions.commitments import Commitment as _Commitment
from caravan.institutions.commitments import EvidenceItem as _EvidenceItem
from caravan.institutions.commitments import SummitTally as _SummitTally
from caravan.overview import GroupShares as _GroupShares
from caravan.overview import Headline as _Headline
from caravan.people.figures import Change as _PeopleChange
from caravan.people.figures import PeopleFigure as _PeopleFigure
from caravan.people.institutions import Institution as _Institution
from caravan.results import Column as _Column
from caravan.search import Hit as _Hit

T = TypeVar("T")


class Model(BaseModel):
    """Base of every response model: unknown keys are ignored."""

    model_config = ConfigDict(extra="ignore")


@dataclasses.dataclass(frozen=True)
class Added:
    """A field an answer adds to its domain type (a label in the language asked for), placed after `after`.

    Attributes:
        type: Its type.
        description: What it holds (the OpenAPI description).
        after: The domain field it follows; None: at the end.
        default: Its default (`...`: required).
    """

    type: Any
    description: str
    after: str | None = None
    default: Any = None


_ATTRIBUTE = re.compile(r"^ {4}(\w+): (.*)$")


def attribute_docs(doc: str | None) -> tuple[str, dict[str, str]]:
    """A Google-style docstring's summary and its `Attributes:` entries, by name."""
    text = inspect.cleandoc(doc or "")
    summary, _, rest = text.partition("\n\n")
    found: dict[str, str] = {}
    name = None
    if "Attributes:" in rest:
        for line in rest.split("Attributes:", 1)[1].splitlines():
            if m := _ATTRIBUTE.match(line):
                name = m.group(1)
                found[name] = m.group(2).strip()
            elif name and line.startswith(" " * 8):
                found[name] += " " + line.strip()
            elif line.strip():
                name = None
    return summary.strip(), found


def _optional(kind: Any) -> bool:
    return typing.get_origin(kind) in (typing.Union, types.UnionType) and type(None) in typing.get_args(kind)


def from_domain(
    cls: type, name: str, *, omit: tuple[str, ...] = (), types: Mapping[str, Any] | None = None, **added: Added
) -> type[Model]:
    """The response model of a domain dataclass: its fields in order, with their types and defaults.

    The domain type stays the one definition: the model's description is the dataclass's
    docstring summary, each field's that of its `Attributes:` entry; an optional field without
    a default defaults to None (an answer may leave it out). `added` fields are those the API adds.
    `name` is the model's name in the OpenAPI schema; `types` replaces the types of some fields
    (a list of plain dicts in the domain that the API describes by a model).
    """
    hints = typing.get_type_hints(cls)
    summary, docs = attribute_docs(cls.__doc__)
    fields: dict[str, Any] = {}

    def add_after(anchor: str | None) -> None:
        for key, extra in added.items():
            if extra.after == anchor:
                fields[key] = (extra.type, Field(extra.default, description=extra.description))

    for f in dataclasses.fields(cls):
        if f.name in omit:
            continue
        kind = (types or {}).get(f.name, hints[f.name])
        if f.default is not dataclasses.MISSING:
            default: Any = f.default
        elif f.default_factory is not dataclasses.MISSING:
            default = f.default_factory()
        else:
            default = None if _optional(kind) else ...
        fields[f.name] = (kind, Field(default, description=docs.get(f.name)))
        add_after(f.name)
    add_after(None)
    model: type[Model] = create_model(name, __base__=Model, __module__=__name__, __doc__=summary, **fields)
    return model


# Models that are their domain types: one definition (the dataclass), its fields and docs read from it.
# A type checker sees each as a Model; at run time each has its domain type's fields.
if TYPE_CHECKING:
    Commitment = Model
    Route = Model
    RouteLeg = Model
    DrawingSource = Model
    NetworkNode = Model
    Evidence = Model
    SearchHit = Model
    SummitTally = Model
    UnknownWait = Model
    YearUtilisation = Model
    CumulativeCheck = Model
    PeopleInstitution = Model
    ColumnMeaning = Model
else:
    Evidence = from_domain(_EvidenceItem, "Evidence")
    DrawingSource = from_domain(_DrawingSource, "DrawingSource")
    NetworkNode = from_domain(_Node, "NetworkNode")
    SearchHit = from_domain(_Hit, "SearchHit")
    SummitTally = from_domain(_SummitTally, "SummitTally")
    UnknownWait = from_domain(_UnknownWait, "UnknownWait")
    RouteLeg = from_domain(
        _Leg,
        "RouteLeg",
        omit=("entity",),
        coords=Added(list[list[float]] | None, "The leg's two ends as [lon, lat], where known.", after="sources"),
        path=Added(
            list[list[float]] | None,
            "A sea or ferry leg's drawn path along the sea as [lon, lat], in the direction travelled"
            " (`caravan.corridors.seaways`: drawn geometry, not a cited figure); null for a land leg.",
            after="sources",
        ),
        drawn_km=Added(
            float | None,
            "The great-circle length of the drawn path in km, never used: the leg's length stays `length_km`"
            " (cited, or computed where no length is cited).",
            after="sources",
        ),
    )
    Route = from_domain(
        _Route,
        "Route",
        types={"legs": list[RouteLeg], "unknown_waits": list[UnknownWait]},
        total_days=Added(float, "Total time in days, with the known waits only.", after="total_h", default=...),
        total_days_high=Added(float | None, "The range's upper end in days.", after="total_high_h"),
        point_days=Added(float | None, "The time the search ranks by, in days.", after="point_h"),
    )
    YearUtilisation = from_domain(_YearUtilisation, "YearUtilisation")
    CumulativeCheck = from_domain(_CumulativeCheck, "CumulativeCheck")
    PeopleInstitution = from_domain(
        _Institution,
        "PeopleInstitution",
        kind_label=Added(str | None, "The kind in the language asked for.", after="kind"),
    )
    ColumnMeaning = from_domain(
        _Column,
        "ColumnMeaning",
        omit=("decimals",),
        unit_label=Added(str | None, "The unit as a person reads it, in the language asked for.", after="unit"),
    )
    Commitment = from_domain(
        _Commitment,
        "Commitment",
        types={"evidence": list[Evidence], "target": dict[str, Any] | None},
        status_label=Added(str | None, "The curator's status in the language asked for.", after="assessed_status"),
        assessed_status_label=Added(str | None, "The tracker's status in that language.", after="assessed_status"),
        target_text=Added(str | None, "The target in words, in the language asked for."),
    )


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
    value_shown: float | None = Field(
        default=None,
        description="The value to the digits it means (a dataset's or a conversion's to four significant digits).",
    )
    unit_label: str | None = Field(
        default=None, description="The display unit as a person reads it after its number (`m³`, `%`, `trains`)."
    )
    printed: str | None = Field(default=None, description='The figure as the source printed it: "5000 亿 m³".')
    attribution: str | None = Field(
        default=None, description='Whose figure it is and the page that printed it: "GACC, via The Astana Times".'
    )
    period_label: str | None = Field(
        default=None,
        description="The period as read in the language asked for (`as-of 2023-03-31`: `as of …`, `截至 2023-03-31`).",
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


if TYPE_CHECKING:
    GroupShares = Model
else:
    GroupShares = from_domain(_GroupShares, "GroupShares", types={"rows": list[Observation]})


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


class SeriesPoint(Model):
    """One point of a yearly series, with the observation it comes from."""

    period: str
    value: float
    unit: str
    observation_id: str
    source_id: str | None = None


# The overview's cell is its domain type, with the words `caravan.figures` adds (`Shown`) and its series' points.
if TYPE_CHECKING:
    Headline = Model
else:
    Headline = from_domain(
        _Headline,
        "Headline",
        omit=("titles",),
        types={"series": list[SeriesPoint]},
        **{
            name: Added(Shown.model_fields[name].annotation, Shown.model_fields[name].description or "")
            for name in ("attribution", "value_shown", "unit_label", "period_label", "indicator_name", "printed")
        },
    )


class Meta(Model):
    """Facts about the ledger being served."""

    ledger: dict[str, str]
    counts: dict[str, int]
    trade_datasets: dict[str, list[str]] = Field(
        default={}, description="Bulk trade datasets imported, per table (trade_flow: products; trade_total: totals)."
    )


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
    path: list[list[float]] | None = Field(
        default=None,
        description="A sea or ferry edge's path along the sea as [lon, lat], from `source` to `target`, drawn by"
        " the searoute library's shipping-lane graph or from the waypoints of data/network/seaways.yaml"
        " (drawn geometry, not a cited figure); null for a land edge, drawn straight between its ends.",
    )
    drawn_km: float | None = Field(
        default=None,
        description="The great-circle length of `path` in km, never used: the edge's length stays `length_km`"
        " (cited, or computed where no length is cited).",
    )


class NetworkYears(Model):
    """The years the network describes (`Network.years` in `caravan.corridors.network`); None where undated."""

    first: int | None = None
    last: int | None = None


class Network(Model):
    """The multimodal network, and the years a route question may ask for."""

    nodes: list[NetworkNode]
    edges: list[NetworkEdge]
    years: NetworkYears = NetworkYears()


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


if TYPE_CHECKING:
    CorridorLoadsBody = Model
else:
    CorridorLoadsBody = from_domain(
        _CorridorLoads,
        "CorridorLoadsBody",
        types={"corridors": list[CorridorVolume], "elements": list[ElementLoad], "not_loaded": list[NotLoaded]},
    )


class CorridorLoads(CorridorLoadsBody):
    """The corridors' loads, and under a scenario the loads before it and the change in unmet volume."""

    scenario: str | None = None
    before: CorridorLoadsBody | None = None
    changes: list[LoadChange] = Field(default=[])


class TradeTable(Model):
    """A trade analysis: its table, the dataset and engine, and the sources the figures rest on."""

    title: str
    dataset: str
    engine: str
    columns: list[str]
    units: dict[str, str] = Field(default={}, description="Unit of each measure column: `USD` or `%`.")
    display: dict[str, Any] | None = Field(
        default=None,
        description="The unit money columns are shown in: `unit`, `label`, `scale` (USD per unit); null without money.",
    )
    rows: list[dict[str, Any]]
    row_sources: list[list[str]] = Field(default=[], description="Ids of the sources behind each row, in row order.")
    shown: list[dict[str, float | None]] = Field(
        default=[],
        description="Each row's percentages as far as they mean something (`%` columns, and `ratio` as `ratio_pct`).",
    )
    sources: list[dict[str, Any]]
    notes: list[str]
    fields: list[ColumnMeaning] = Field(default=[], description="What each column means, in `columns`' order.")


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


if TYPE_CHECKING:
    PeopleFigure = Model
    PeopleChange = Model
else:
    # A people figure as the API shows it: the domain's figure and the words `caravan.figures` adds (`Shown`).
    PeopleFigure = from_domain(
        _PeopleFigure,
        "PeopleFigure",
        omit=("indicator_name_zh", "indicator_name_ru"),
        **{
            name: Added(Shown.model_fields[name].annotation, Shown.model_fields[name].description or "")
            for name in ("shown", "unit_label", "printed", "attribution", "period_label")
        },
    )
    PeopleChange = from_domain(
        _PeopleChange,
        "PeopleChange",
        omit=("indicator_name_zh", "indicator_name_ru"),
        types={"before": PeopleFigure | None, "after": PeopleFigure | None},
    )


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
