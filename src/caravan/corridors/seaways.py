"""Where the map draws the sea and ferry edges: paths along the sea, not straight lines over the land.

Each `sea` or `ferry` edge gets a path (a list of [lon, lat]) from the `searoute` library's
shipping-lane graph (a Python port of Eurostat's SeaRoute network), from the edge's first node
to its second. `data/network/seaways.yaml` says, per edge, which passages searoute must avoid
(so that the Cape route goes round the Cape and the Suez route through Suez) and which one it
must pass; an edge the graph cannot draw well (the Caspian ferries: the graph has few lanes
there) is drawn from explicit waypoints kept in that file instead.

This is drawn geometry for the map, not a cited figure: an edge's length stays its `length_km`
(cited, or computed where no length is cited: the ferries'); `drawn_km` (the great-circle length
of the drawn path) is given beside it only to show how far the drawing is from it. Drawing is
deterministic, so paths are computed once per network build (keyed by the network's checksum and
the seaways file).
"""

from __future__ import annotations

import hashlib
import itertools
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from caravan.corridors.network import Network
from caravan.errors import DataError
from caravan.sources.network import great_circle_km
from caravan.sources.yamlfile import read_models

SEAWAYS_FILE = Path("network") / "seaways.yaml"
SEA_MODES = ("sea", "ferry")
# searoute's own default: no route through the Northwest Passage.
DEFAULT_RESTRICTIONS = ("northwest",)
# The passages searoute knows (searoute.classes.passages.Passage).
PASSAGES = (
    "babalmandab",
    "bering",
    "bosporus",
    "chili",
    "gibraltar",
    "malacca",
    "northwest",
    "ormuz",
    "panama",
    "south_africa",
    "suez",
    "sunda",
)

LonLat = Annotated[list[float], Field(min_length=2, max_length=2)]


class SeawaySpec(BaseModel):
    """How one edge of `data/network/seaways.yaml` is drawn: by searoute with these passages, or by waypoints."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    edge: Annotated[str, Field(min_length=1)]
    restrictions: list[str] | None = None
    passes: list[str] = []
    waypoints: list[LonLat] | None = None
    note: str | None = None


@dataclass(frozen=True)
class Seaway:
    """The drawn path of a sea or ferry edge, from its first node to its second."""

    edge: str
    path: list[list[float]]
    drawn_km: float
    method: str  # "searoute" or "waypoints"
    passages: tuple[str, ...] = ()

    def oriented(self, forward: bool) -> list[list[float]]:
        """The path in the direction travelled (a -> b when forward)."""
        return self.path if forward else self.path[::-1]


def load_specs(data: Path) -> dict[str, SeawaySpec]:
    """The seaway specifications of a curated data folder, by edge id ({} when it has none).

    Raises:
        DataError: The file is malformed, names an edge twice, or names a passage searoute does not know.
    """
    path = data / SEAWAYS_FILE
    out: dict[str, SeawaySpec] = {}
    for line, spec in read_models(path, SeawaySpec, "seaways"):
        where = f"line {line} ({spec.edge})"
        if spec.edge in out:
            raise DataError(str(path), where, "the edge is drawn twice; keep one entry")
        unknown = sorted((set(spec.restrictions or ()) | set(spec.passes)) - set(PASSAGES))
        if unknown:
            raise DataError(str(path), where, f"unknown passage(s) {unknown}; searoute knows {list(PASSAGES)}")
        if spec.waypoints is not None and (spec.restrictions is not None or spec.passes):
            raise DataError(str(path), where, "give either waypoints or searoute restrictions/passes, not both")
        out[spec.edge] = spec
    return out


def unwrap(path: list[list[float]]) -> list[list[float]]:
    """The path with each longitude shifted by whole turns so that no step jumps more than 180°.

    The first point is brought into [-180, 180]; the line then runs on continuously (its longitudes
    may leave that range), so that a map never draws a jump across the antimeridian.
    """
    if not path:
        return []
    lon0 = path[0][0] if -180.0 <= path[0][0] <= 180.0 else (path[0][0] + 180.0) % 360.0 - 180.0
    out = [[lon0, path[0][1]]]
    for lon, lat in path[1:]:
        prev = out[-1][0]
        lon = lon + 360.0 * round((prev - lon) / 360.0)
        out.append([lon, lat])
    return out


def path_km(path: list[list[float]]) -> float:
    """The great-circle length of a path in km, summed over its steps."""
    return sum(great_circle_km(a[0], a[1], b[0], b[1]) for a, b in itertools.pairwise(path))


def _join(start: list[float], middle: list[list[float]], end: list[float]) -> list[list[float]]:
    """The nodes' own points at both ends of a drawn line (dropping a repeated point)."""
    out = [list(start)]
    for p in [*middle, list(end)]:
        if abs(p[0] - out[-1][0]) > 1e-9 or abs(p[1] - out[-1][1]) > 1e-9:
            out.append([float(p[0]), float(p[1])])
    return out


def draw_edge(start: list[float], end: list[float], spec: SeawaySpec | None, edge_id: str) -> Seaway:
    """Draw one edge from `start` to `end` ([lon, lat]) as its specification says.

    Raises:
        DataError: searoute finds no path, or the path misses a passage the specification requires.
    """
    if spec is not None and spec.waypoints is not None:
        path = unwrap(_join(start, spec.waypoints, end))
        return Seaway(edge_id, path, round(path_km(path), 1), "waypoints")
    import searoute

    restrictions = list(spec.restrictions if spec and spec.restrictions is not None else DEFAULT_RESTRICTIONS)
    try:
        feature = searoute.searoute(start, end, restrictions=restrictions, return_passages=True)
    except Exception as exc:  # the library raises plain errors when its graph has no path
        raise DataError(
            str(SEAWAYS_FILE), edge_id, f"searoute found no path ({exc}); relax its restrictions or give waypoints"
        ) from exc
    passages = tuple(feature["properties"].get("traversed_passages") or ())
    missing = [p for p in (spec.passes if spec else []) if p not in passages]
    if missing:
        raise DataError(
            str(SEAWAYS_FILE),
            edge_id,
            f"the drawn path does not pass {missing} (it passes {list(passages)}); restrict the other passages",
        )
    path = unwrap(_join(start, feature["geometry"]["coordinates"], end))
    return Seaway(edge_id, path, round(path_km(path), 1), "searoute", passages)


def draw_seaways(net: Network, data: Path) -> dict[str, Seaway]:
    """The drawn path of every sea and ferry edge whose two ends are located, by edge id.

    Raises:
        DataError: As `load_specs` and `draw_edge`, or the file names an edge the network lacks.
    """
    specs = load_specs(data)
    stray = sorted(set(specs) - {e.id for e in net.edges if e.mode in SEA_MODES})
    if stray:
        raise DataError(str(data / SEAWAYS_FILE), None, f"no sea or ferry edge {stray} in the network; remove them")
    out: dict[str, Seaway] = {}
    for e in net.edges:
        if e.mode not in SEA_MODES:
            continue
        a, b = net.node(e.a), net.node(e.b)
        if a.lon is None or a.lat is None or b.lon is None or b.lat is None:
            continue
        out[e.id] = draw_edge([a.lon, a.lat], [b.lon, b.lat], specs.get(e.id), e.id)
    return out


_cache: dict[tuple[str, str], dict[str, Seaway]] = {}
_lock = threading.Lock()


def seaways(net: Network, data: Path) -> dict[str, Seaway]:
    """`draw_seaways`, computed once per network build and seaways file (drawing is deterministic)."""
    path = data / SEAWAYS_FILE
    spec_key = hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ""
    key = (net.checksum, spec_key)
    with _lock:
        held = _cache.get(key)
        if held is None:
            held = draw_seaways(net, data)
            _cache.clear()  # one build at a time is served
            _cache[key] = held
    return held


def leg_path(ways: dict[str, Seaway], edge_id: str, origin: str, net: Network) -> tuple[Any, float | None]:
    """A route leg's drawn path (in the direction travelled) and drawn length; (None, None) for a land leg."""
    way = ways.get(edge_id)
    if way is None:
        return None, None
    forward = net.edges[net.edge_index[edge_id]].a == origin
    return way.oriented(forward), way.drawn_km


@dataclass(frozen=True)
class DrawingSource:
    """A work the map's sea lines are drawn from, and what its own documentation says of its data.

    Attributes:
        name: The work's name.
        url: Where it is published.
        version: The version in use, where it is a library installed here.
        licence: Its licence, as its own package metadata gives it (None where not read).
        says: Its own words about what it is or where its data comes from.
        locator: Where in its documentation those words stand.
    """

    name: str
    url: str
    version: str | None
    licence: str | None
    says: str
    locator: str


def drawing_sources() -> list[DrawingSource]:
    """The library that draws the sea lines and the network it credits, quoting their own READMEs."""
    from importlib.metadata import metadata

    meta = metadata("searoute")
    return [
        DrawingSource(
            name="searoute (searoute-py)",
            url="https://github.com/genthalili/searoute-py",
            version=meta["Version"],
            licence=meta["License"],
            says="This library was developed to generate realistic-looking sea routes for visualizations of"
            " maritime routes, not for mariners to route their ships. [...] Credits: [...] Eurostat's Searoute"
            " Java library",
            locator="README (as shipped in the package), the note under its title and 'Credits'",
        ),
        DrawingSource(
            name="Eurostat SeaRoute",
            url="https://github.com/eurostat/searoute",
            version=None,
            licence=None,
            says="This maritime network is based on the Oak Ridge National Labs CTA Transportation Network Group,"
            " Global Shipping Lane Network, World, 2000 [...], enriched with some additional lines around the"
            " European coasts based on AIS data.",
            locator="README, 'Some additional information'",
        ),
    ]
