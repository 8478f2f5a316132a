"""Capacity-constrained flow assignment on the hand-checked network."""

from __future__ import annotations

from pathlib import Path

import pytest

from caravan.corridors.flows import FlowSet, assign_flows, load_flows
from caravan.corridors.network import Network
from caravan.errors import InputError


def flows(*items: tuple[str, str, float], **kw: object) -> FlowSet:
    return FlowSet.model_validate({"flows": [{"from": a, "to": b, "volume": v} for a, b, v in items], **kw})


def test_flow_within_capacity_takes_the_fastest_path(net: Network) -> None:
    result = assign_flows(net, flows(("Alpha", "Zulu", 400)))
    on = {(e["edge"], e["direction"]): e for e in result.edges}
    assert on[("rail.b-x", "city.b→station.x")]["volume"] == pytest.approx(400)
    assert on[("rail.b-x", "city.b→station.x")]["utilisation"] == pytest.approx(0.4)
    assert not result.unmet and not result.bottlenecks


def test_overflow_spills_to_another_mode_or_is_unmet(net: Network) -> None:
    rail_only = assign_flows(net, flows(("Alpha", "Zulu", 1500)))
    assert rail_only.unmet == [{"from": "Alpha", "to": "Zulu", "unmet": 500.0}]
    assert rail_only.bottlenecks == ["rail.b-x (city.b→station.x, 100%)"]
    both = assign_flows(net, flows(("Alpha", "Zulu", 1500), modes=["rail", "road"]))
    on = {e["edge"]: e["volume"] for e in both.edges}
    assert on["rail.b-x"] == pytest.approx(1000) and on["road.a-z"] == pytest.approx(500)
    assert not both.unmet


def test_commodities_share_capacity(net: Network) -> None:
    result = assign_flows(net, flows(("Alpha", "Zulu", 700), ("Bravo", "Yankee", 700), year=None))
    total_unmet = sum(u["unmet"] for u in result.unmet)
    assert total_unmet == pytest.approx(400)


def test_capacity_in_tonnes_needs_tonnes_per_train(net: Network) -> None:
    edges = [
        e if e.id != "rail.b-x" else e.__class__(**{**e.__dict__, "capacity": 1.1e6, "capacity_unit": "t/year"})
        for e in net.edges
    ]
    tonnes = net.with_edges(edges)
    no_factor = assign_flows(tonnes, flows(("Alpha", "Zulu", 1500)))
    assert no_factor.uncapacitated == ["rail.b-x"] and not no_factor.unmet
    with_factor = assign_flows(tonnes, flows(("Alpha", "Zulu", 1500), tonnes_per_train=1100))
    assert with_factor.unmet[0]["unmet"] == pytest.approx(500)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("flows: [{from: Alpha, to: Zulu, volume: -3}]", "greater than 0"),
        ("unit: TEU/year\nflows: [{from: Alpha, to: Zulu, volume: 3}]", "unit must be train/year or t/year"),
        ("flows: [{from: Alpha, volume: 3}]", "flows.0.to: Field required"),
        ("[1, 2]", "expected a mapping"),
    ],
)
def test_malformed_flows_files(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_flows(path)
