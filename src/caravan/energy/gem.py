"""Reading Global Energy Monitor's gas infrastructure tracker (GGIT) and its route GeoJSON.

The tracker is one CSV row per pipeline unit with its capacity, status, start
year and countries; route files (`P####.geojson`, traced from OpenStreetMap)
give the line, whose length this module measures along the great circle.
"""

from __future__ import annotations

import csv
import itertools
import json
from dataclasses import dataclass
from pathlib import Path

from caravan.errors import DataError
from caravan.sources.network import great_circle_km

GGIT_COLUMNS = ("id", "name", "unit_name", "status", "areas", "capacity", "start_year", "original_units")


@dataclass(frozen=True)
class GemPipeline:
    """One pipeline unit of the tracker."""

    id: str
    name: str
    unit: str
    status: str
    countries: tuple[str, ...]
    capacity: float | None
    capacity_unit: str
    start_year: int | None
    url: str


def read_ggit(path: Path, name_contains: str | None = None) -> list[GemPipeline]:
    """Pipeline units from a GGIT CSV, optionally only those whose name contains some text.

    Raises:
        DataError: The file lacks the tracker's columns.
    """
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in GGIT_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise DataError(str(path), "line 1", f"not a GEM GGIT file: missing columns {', '.join(missing)}")
        out = []
        for row in reader:
            if not row["id"].startswith("P"):
                continue
            if name_contains and name_contains.casefold() not in row["name"].casefold():
                continue
            try:
                capacity: float | None = float(row["capacity"])
            except ValueError:
                capacity = None
            year = row["start_year"].strip()
            out.append(
                GemPipeline(
                    id=row["id"],
                    name=row["name"],
                    unit=row["unit_name"],
                    status=row["status"],
                    countries=tuple(a.strip() for a in row["areas"].split(",") if a.strip()),
                    capacity=capacity,
                    capacity_unit=row["original_units"],
                    start_year=int(float(year)) if year else None,
                    url=row.get("url", ""),
                )
            )
    return out


def route_length_km(path: Path) -> float:
    """Length of a GEM route file (GeoJSON LineString or MultiLineString features), in km.

    Raises:
        DataError: The file is not GeoJSON with line geometry.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise DataError(str(path), None, f"not readable GeoJSON: {exc}") from exc
    features = data.get("features") if data.get("type") == "FeatureCollection" else [data]
    total = 0.0
    for feature in features or []:
        geom = feature.get("geometry") or {}
        kind, coords = geom.get("type"), geom.get("coordinates") or []
        parts = [coords] if kind == "LineString" else coords if kind == "MultiLineString" else []
        for part in parts:
            for (lon1, lat1, *_), (lon2, lat2, *_) in itertools.pairwise(part):
                total += great_circle_km(lon1, lat1, lon2, lat2)
    if total == 0.0:
        raise DataError(str(path), None, "no line geometry found")
    return total
