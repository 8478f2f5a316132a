"""Natural Earth land (1:10m, from the pinned world-atlas npm package that set-up installs), for land tests.

`land_km` measures how much of a drawn line runs over land, leaving out what a sea line may
rightly cross: the first and last `ends_km` of the line (a node is a city or a port a little
inland: Shanghai and Rotterdam are, and the map draws from the node itself), the Suez canal
(which Natural Earth's 1:10m land does not cut), and a thin coastal margin (`margin_deg`, about
3 km: a lane hugging a coast, drawn at this scale, grazes it). Each step of the line is checked
at its midpoint, every 20 km or less along its great circle (as the map draws it).
"""

from __future__ import annotations

import itertools
import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from shapely import LineString, Point, Polygon, STRtree
from shapely.affinity import translate
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from caravan.sources.network import great_circle_km

ROOT = Path(__file__).resolve().parents[2]
LAND_FILE = ROOT / "web" / "node_modules" / "world-atlas" / "land-10m.json"
# The Suez canal, Port Said by Lake Timsah and the Bitter Lakes to Suez (a corridor about 10 km wide around it).
SUEZ_CANAL = LineString(
    [(32.31, 31.27), (32.31, 30.85), (32.30, 30.58), (32.40, 30.36), (32.47, 30.27), (32.57, 30.05), (32.56, 29.93)]
)
SUEZ_POINT = (32.3, 30.5)  # 30.5N 32.3E, on the canal by Ismailia
ENDS_KM = 60.0


def _topo_geometries(path: Path) -> list[BaseGeometry]:
    """Decode a quantised TopoJSON file's polygons."""
    topo = json.loads(path.read_text())
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indices: list[int]) -> list[tuple[float, float]]:
        out: list[tuple[float, float]] = []
        for i in indices:
            part = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(part if not out else part[1:])
        return out

    shapes: list[BaseGeometry] = []
    for obj in topo["objects"].values():
        for g in obj["geometries"] if obj["type"] == "GeometryCollection" else [obj]:
            if g["type"] == "Polygon":
                shapes.append(shape({"type": "Polygon", "coordinates": [ring(r) for r in g["arcs"]]}))
            elif g["type"] == "MultiPolygon":
                polys = [[ring(r) for r in p] for p in g["arcs"]]
                shapes.append(shape({"type": "MultiPolygon", "coordinates": polys}))
    return [piece for g in shapes for piece in _unwrapped(g)]


def _continuous(ring: Any) -> list[tuple[float, float]]:
    """A ring's points with each longitude shifted by whole turns so that no step jumps more than 180°."""
    out: list[tuple[float, float]] = []
    for x, y in ring.coords:
        if out:
            x += 360.0 * round((out[-1][0] - x) / 360.0)
        out.append((x, y))
    # Then the whole ring a whole turn over, so that its western end lies in [-180, 180).
    shift = 360.0 * -((min(x for x, _ in out) + 180.0) // 360.0)
    return [(x + shift, y) for x, y in out]


def _unwrapped(geom: BaseGeometry) -> list[BaseGeometry]:
    """A polygon whose ring crosses the antimeridian (Fiji, Eurasia at Chukotka: it jumps from 180 to
    -180), drawn continuously east of its western end and once more a turn to the west; any other
    polygon as it is. Antarctica's ring, which runs down to the pole along the antimeridian, is right."""
    out = []
    for poly in getattr(geom, "geoms", [geom]):
        x0, y0, x1, _ = poly.bounds
        if x1 - x0 <= 180 or y0 < -60:
            out.append(poly)
            continue
        whole = Polygon(_continuous(poly.exterior), [_continuous(r) for r in poly.interiors]).buffer(0)
        out += [whole, translate(whole, xoff=-360)]
    return out


@dataclass(frozen=True)
class Land:
    """Natural Earth's land polygons in a spatial index, less a thin coastal margin and the Suez canal."""

    polygons: list[BaseGeometry]
    tree: STRtree
    canal: BaseGeometry
    margin_deg: float

    def covers(self, lon: float, lat: float) -> bool:
        """Whether a point is on land, further than the margin inside the coast, and off the canal."""
        point = Point(lon, lat)
        if self.canal.contains(point):
            return False
        return len(self.tree.query(point.buffer(self.margin_deg, quad_segs=4), predicate="within")) > 0


@cache
def land(margin_deg: float = 0.03) -> Land:
    """Natural Earth's land (a point within `margin_deg` of a coast is not on it), with the Suez canal cut."""
    if not LAND_FILE.exists():
        pytest.fail(f"{LAND_FILE} is missing: run `bash scripts/setup` (it installs the pinned npm packages)")
    polygons = [p for g in _topo_geometries(LAND_FILE) for p in getattr(g.buffer(0), "geoms", [g.buffer(0)])]
    return Land(polygons, STRtree(polygons), SUEZ_CANAL.buffer(0.05), margin_deg)


def _wrapped(path: list[list[float]]) -> list[tuple[float, float]]:
    """Bring a line's longitudes into [-180, 180] (the land's own), splitting nothing: callers unwrap first."""
    return [((lon + 180.0) % 360.0 - 180.0, lat) for lon, lat in path]


def _slerp(a: list[float], b: list[float], f: float) -> list[float]:
    """The point a fraction `f` of the way from a to b along the great circle (as the map's d3 draws a step)."""
    la1, lo1, la2, lo2 = map(math.radians, (a[1], a[0], b[1], b[0]))
    p = [math.cos(la1) * math.cos(lo1), math.cos(la1) * math.sin(lo1), math.sin(la1)]
    q = [math.cos(la2) * math.cos(lo2), math.cos(la2) * math.sin(lo2), math.sin(la2)]
    angle = math.acos(max(-1.0, min(1.0, sum(x * y for x, y in zip(p, q, strict=True)))))
    if angle < 1e-12:
        return [a[0], a[1]]
    wa, wb = math.sin((1 - f) * angle) / math.sin(angle), math.sin(f * angle) / math.sin(angle)
    x, y, z = (wa * u + wb * v for u, v in zip(p, q, strict=True))
    lon = math.degrees(math.atan2(y, x))
    lon += 360.0 * round((a[0] - lon) / 360.0)  # keep the line's own (unwrapped) longitudes
    return [lon, math.degrees(math.atan2(z, math.hypot(x, y)))]


def densify(path: list[list[float]], step_km: float = 20.0) -> list[list[float]]:
    """The path with points added along each step's great circle, no more than about `step_km` apart."""
    out = [list(path[0])]
    for a, b in itertools.pairwise(path):
        n = max(1, int(great_circle_km(a[0], a[1], b[0], b[1]) // step_km) + 1)
        out += [_slerp(a, b, i / n) for i in range(1, n + 1)]
    return out


def land_km(path: list[list[float]], ends_km: float = ENDS_KM) -> float:
    """How many km of the drawn path run over land, leaving out the first and last `ends_km`."""
    dense = densify(path)
    total = sum(great_circle_km(a[0], a[1], b[0], b[1]) for a, b in itertools.pairwise(dense))
    # Cut off the ends by walking the dense path.
    kept: list[list[float]] = []
    walked = 0.0
    for a, b in itertools.pairwise(dense):
        step = great_circle_km(a[0], a[1], b[0], b[1])
        if ends_km <= walked and walked + step <= total - ends_km:
            kept += [a, b] if not kept or kept[-1] != a else [b]
        walked += step
    if len(kept) < 2:
        return 0.0
    over = 0.0
    ground = land()
    for a, b in itertools.pairwise(kept):
        (x0, y0), (x1, y1) = _wrapped([a, b])
        if abs(x1 - x0) > 180:  # a step across the antimeridian: no land there in these seas
            continue
        if ground.covers((x0 + x1) / 2, (y0 + y1) / 2):
            over += great_circle_km(a[0], a[1], b[0], b[1])
    return over
