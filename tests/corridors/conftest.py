"""A small hand-checked network, built from rows like the ledger's (no ledger needed)."""

from __future__ import annotations

from typing import Any

import pytest

from caravan.corridors.network import Network

NODES = [
    {"id": "city.a", "name_en": "Alpha", "name_zh": "阿尔法", "name_ru": "Альфа", "country": "CHN"},
    {"id": "city.b", "name_en": "Bravo", "country": "CHN"},
    {"id": "station.x", "name_en": "Xray", "country": "KAZ"},
    {"id": "city.y", "name_en": "Yankee", "country": "KAZ"},
    {"id": "city.z", "name_en": "Zulu", "country": "RUS"},
    {"id": "port.p", "name_en": "Papa", "country": "KAZ"},
    {"id": "port.q", "name_en": "Quebec", "country": "AZE"},
    {"id": "city.d", "name_en": "Delta", "country": "AZE"},
]


def edge(eid: str, a: str, b: str, km: float, mode: str = "rail", **kw: Any) -> dict[str, Any]:
    """An edge row; rail defaults to 1520 mm gauge at both ends."""
    gauge = kw.pop("gauge", (1520, 1520) if mode == "rail" else (None, None))
    return {
        "id": eid,
        "from_node": a,
        "to_node": b,
        "mode": mode,
        "length_km": km,
        "gauge_from": gauge[0],
        "gauge_to": gauge[1],
        "source_ids": [f"src-{eid}"],
        **kw,
    }


EDGES = [
    edge("rail.a-b", "city.a", "city.b", 100, gauge=(1435, 1435)),
    edge(
        "rail.b-x",
        "city.b",
        "station.x",
        10,
        gauge=(1435, 1520),
        dwell_h=10.0,
        dwell_back_h=2.0,
        capacity=1000.0,
        capacity_unit="train/year",
    ),
    edge("rail.x-z", "station.x", "city.z", 500),
    edge("rail.x-y", "station.x", "city.y", 100),
    edge("rail.y-p", "city.y", "port.p", 50),
    edge("ferry.p-q", "port.p", "port.q", 300, mode="ferry", time_h=10.0, dwell_h=24.0),
    edge("rail.q-d", "port.q", "city.d", 50),
    edge("rail.b-y", "city.b", "city.y", 60, gauge=(1435, 1520), status="planned", opened=2030),
    edge("road.a-z", "city.a", "city.z", 1200, mode="road"),
]

FACTORS = [
    {"mode": "rail", "factor": "speed", "value": 50.0, "unit": "km/h", "source_id": "f-rail"},
    {"mode": "rail", "factor": "cost_per_km", "value": 1.0, "unit": "USD/km", "source_id": "f-rail"},
    {"mode": "rail", "factor": "border_cost", "value": 100.0, "unit": "USD", "source_id": "f-rail"},
    {"mode": "rail", "factor": "co2_per_tkm", "value": 30.0, "unit": "g/(t*km)", "source_id": "f-rail"},
    {"mode": "rail", "factor": "consignment_t", "value": 20.0, "unit": "t", "source_id": "f-rail"},
    {"mode": "road", "factor": "speed", "value": 45.0, "unit": "km/h", "source_id": "f-road"},
    {"mode": "road", "factor": "cost_per_km", "value": 3.0, "unit": "USD/km", "source_id": "f-road"},
    {"mode": "road", "factor": "co2_per_tkm", "value": 90.0, "unit": "g/(t*km)", "source_id": "f-road"},
]


@pytest.fixture
def net() -> Network:
    """The hand-checked network."""
    return Network.from_rows(NODES, EDGES, FACTORS)
