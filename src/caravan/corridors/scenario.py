"""Scenarios: what changes if a crossing is congested or closed, a line opens early, a speed changes.

A scenario is a small YAML file::

    name: Dostyk congested, CKU railway open early
    year: 2026                       # optional: the network of that year
    changes:
      - {edge: rail.alashankou-dostyk, extra_dwell_h: 72}    # congestion: hours added each way
      - {edge: rail.khorgos-altynkol, capacity_factor: 0.5}  # reduced capacity (flows)
      - {node: Małaszewicze, close: true}                    # closes every edge at the node
      - {edge: line.cku-railway, open: 2026}                 # every edge of a line (its entity) opens in 2026
      - {edge: rail.aktogay-moyynty, speed_kmh: 80}          # a new running speed
      - {mode: rail, speed_factor: 1.1}                      # every rail speed x 1.1
    routes:                                                  # optional: what `scenario compare` plans
      - {from: Xi'an, to: Duisburg}

The same changes can be given as CLI flags (`--close`, `--congest ID=HOURS`).
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from caravan.corridors.network import Edge, Network
from caravan.corridors.places import resolve_node
from caravan.corridors.route import check_year, route_or_none
from caravan.errors import InputError, NotFoundError


class Change(BaseModel):
    """One change to the network."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    edge: str | None = None
    node: str | None = None
    mode: str | None = None
    close: bool = False
    extra_dwell_h: Annotated[float, Field(ge=0)] | None = None
    capacity_factor: Annotated[float, Field(ge=0)] | None = None
    open: Annotated[int, Field(ge=1800, le=2100)] | None = None
    speed_kmh: Annotated[float, Field(gt=0)] | None = None
    speed_factor: Annotated[float, Field(gt=0)] | None = None

    @model_validator(mode="after")
    def _one_target(self) -> Change:
        targets = [t for t in (self.edge, self.node, self.mode) if t]
        if len(targets) != 1:
            raise ValueError("name exactly one of edge, node or mode")
        actions = [
            a
            for a in ("extra_dwell_h", "capacity_factor", "open", "speed_kmh", "speed_factor")
            if getattr(self, a) is not None
        ] + (["close"] if self.close else [])
        if not actions:
            raise ValueError("say what changes: close, extra_dwell_h, capacity_factor, open, speed_kmh or speed_factor")
        if self.mode and (self.close or self.open or self.extra_dwell_h is not None):
            raise ValueError("a mode-wide change can only set speed_kmh, speed_factor or capacity_factor")
        if self.node and (self.open or self.speed_kmh or self.speed_factor):
            raise ValueError("a node change can only close it, add dwell or scale capacity")
        return self


class RoutePair(BaseModel):
    """A route a scenario comparison plans."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    origin: str = Field(alias="from")
    destination: str = Field(alias="to")


class Scenario(BaseModel):
    """A named set of changes."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = "scenario"
    year: Annotated[int, Field(ge=1800, le=2100)] | None = None
    changes: list[Change] = Field(default_factory=list)
    routes: list[RoutePair] = Field(default_factory=list)
    checksum: str = ""

    def network_year(self, asked: int | None) -> int | None:
        """The year of the network a question under this scenario is planned on, before and after it alike.

        The scenario's own `year` wins over the year the question asks (`--year`, a flows file's `year`);
        without one, the asked year stands. Both sides of a comparison use it, so the difference is the
        scenario's changes alone. `route --scenario`, `scenario compare`, `flows --scenario` and `loads`
        all take the year from here.
        """
        return self.year if self.year is not None else asked


def load_scenario(path: Path) -> Scenario:
    """Read and validate a scenario file.

    Raises:
        InputError: The file is missing, is not YAML, lists no change, or a change is malformed
            (one line, with the place).
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read scenario {path}: {exc.strerror}") from exc
    try:
        data = yaml.safe_load(raw.decode("utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        raise InputError(f"scenario {path}{where}: not valid YAML; see `caravan scenario --help`") from exc
    if not isinstance(data, dict):
        raise InputError(f"scenario {path}: expected a mapping with name and changes")
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ".".join(str(p) for p in err["loc"])
        raise InputError(f"scenario {path}: {loc}: {str(err['msg']).removeprefix('Value error, ')}") from exc
    if not scenario.changes:
        raise InputError(
            f"scenario {path}: changes: none listed, so it names no element of the network; "
            "list changes, e.g. - {edge: rail.alashankou-dostyk, close: true}"
        )
    return scenario.model_copy(update={"checksum": hashlib.sha256(raw).hexdigest()})


def scenario_from_flags(
    close: tuple[str, ...] = (), congest: tuple[str, ...] = (), year: int | None = None
) -> Scenario:
    """A scenario from CLI flags: `--close ID` and `--congest ID=HOURS` (ID an edge id or a place).

    Raises:
        InputError: A `--congest` value is not ID=HOURS.
    """
    changes: list[dict[str, Any]] = []
    for target in close:
        key = "edge" if "." in target and not target.startswith(("city.", "station.", "port.", "crossing.")) else "node"
        changes.append({key: target, "close": True})
    for item in congest:
        target, sep, hours = item.partition("=")
        try:
            value = float(hours)
        except ValueError:
            value = -1
        if not sep or value < 0:
            raise InputError(f"--congest {item!r}: write ID=HOURS, e.g. rail.alashankou-dostyk=48")
        key = "edge" if "." in target and not target.startswith(("city.", "station.", "port.", "crossing.")) else "node"
        changes.append({key: target, "extra_dwell_h": value})
    try:
        return Scenario.model_validate({"name": "flags", "year": year, "changes": changes})
    except ValidationError as exc:
        raise InputError(f"scenario flags: {exc.errors()[0]['msg']}") from exc


def _edge_targets(net: Network, text: str) -> list[int] | None:
    """The edges an id names: one edge, or every edge of a line or crossing entity; None if neither."""
    if text in net.edge_index:
        return [net.edge_index[text]]
    members = [i for i, e in enumerate(net.edges) if e.entity == text]
    return members or None


def _edge_ids(net: Network, text: str) -> list[int]:
    found = _edge_targets(net, text)
    if found is not None:
        return found
    names = list(net.edge_index) + sorted({e.entity for e in net.edges if e.entity})
    close = [e for e in names if text in e][:3]
    raise NotFoundError(
        f"no edge, line or crossing {text!r} on the network"
        + (f"; did you mean {', '.join(close)}?" if close else "")
        + " (edge ids are in data/network/edges.yaml)"
    )


def apply_scenario(net: Network, scenario: Scenario) -> Network:
    """The network with the scenario's changes applied (the original is untouched).

    Raises:
        NotFoundError: A change names an edge or place not on the network.
        InputError: The scenario's year is outside the network's range, or it lists no change (so
            before and after would be the same network).
    """
    check_year(net, scenario.year)
    if not scenario.changes:
        raise InputError(
            f"scenario {scenario.name!r} changes nothing, so before and after would be the same network; "
            "close or congest an edge or place, e.g. close rail.alashankou-dostyk"
        )
    edges = list(net.edges)
    closed: set[int] = set()

    def change(i: int, **kw: Any) -> None:
        edges[i] = replace(edges[i], **kw)

    for c in scenario.changes:
        node = None
        if c.edge:
            targets = _edge_ids(net, c.edge)
        elif c.node and (found := _edge_targets(net, c.node)) is not None:
            targets = found
        elif c.node:
            try:
                node = resolve_node(net, c.node)
            except NotFoundError as exc:
                if "." not in c.node:
                    raise
                # An id that is neither a node nor an edge, line or crossing: say both were looked for.
                raise NotFoundError(
                    f"no place, edge, line or crossing {c.node!r} on the network; "
                    + str(exc).split("; ", 1)[-1].removeprefix(f"no place on the network matches {c.node!r}")
                ) from exc
            targets = [i for i, e in enumerate(net.edges) if node in (e.a, e.b)]
        else:
            targets = [i for i, e in enumerate(net.edges) if e.mode == c.mode]
            if not targets:
                raise NotFoundError(f"no {c.mode} edges on the network")
        for i in targets:
            e: Edge = edges[i]
            if c.close:
                closed.add(i)
            if c.extra_dwell_h is not None:
                cur = edges[i]
                # A congested node delays traffic once, on the arc that enters it; an edge, both ways.
                ahead = c.node is None or cur.b == node
                back = c.node is None or cur.a == node
                # Extra hours, kept apart from the cited dwell so that an uncited wait stays unknown.
                change(
                    i,
                    extra_h=cur.extra_h + (c.extra_dwell_h if ahead else 0),
                    extra_back_h=cur.extra_back_h + (c.extra_dwell_h if back else 0),
                )
            if c.capacity_factor is not None and e.capacity is not None:
                change(i, capacity=edges[i].capacity * c.capacity_factor)  # type: ignore[operator]
            if c.open is not None:
                change(i, status="operating", opened=c.open)
            if c.speed_kmh is not None:
                change(i, speed_kmh=c.speed_kmh, time_h=None)
            if c.speed_factor is not None:
                base = edges[i].speed_kmh or (f.value if (f := net.factor(e.mode, "speed")) else None)
                if base is not None and edges[i].time_h is None:
                    change(i, speed_kmh=base * c.speed_factor)
                elif edges[i].time_h is not None:
                    change(i, time_h=edges[i].time_h / c.speed_factor)  # type: ignore[operator]
    kept = [e for i, e in enumerate(edges) if i not in closed]
    return net.with_edges(kept)


def compare(net: Network, scenario: Scenario, pairs: list[tuple[str, str]], query: Any) -> list[dict[str, Any]]:
    """Best route before and after the scenario for each pair, side by side.

    Args:
        net: The network as built.
        scenario: The changes.
        pairs: (from, to) texts; the scenario's own `routes` when empty.
        query: A `RouteQuery` template for modes, objective and year (its origin/destination are replaced).

    Raises:
        InputError: No pairs to compare, a place that is not on the network, or a year outside its range.
    """
    pairs = pairs or [(p.origin, p.destination) for p in scenario.routes]
    if not pairs:
        raise InputError("no routes to compare: give FROM TO, or list routes: in the scenario file")
    year = scenario.network_year(query.year)
    # A year the network does not describe is a bad question, not "no route" on both sides.
    check_year(net, year)
    after_net = apply_scenario(net, scenario)
    rows = []
    for origin, destination in pairs:
        q = replace(query, origin=origin, destination=destination, alternatives=1, year=year)
        before = route_or_none(net, q)
        after = route_or_none(after_net, q)
        b, a = (before[0] if before else None), (after[0] if after else None)
        rows.append(
            {
                "from": net.node(resolve_node(net, origin)).name_en,
                "to": net.node(resolve_node(net, destination)).name_en,
                "before_days": round(b.total_days, 2) if b else None,
                "after_days": round(a.total_days, 2) if a else None,
                "change_days": round(a.total_days - b.total_days, 2) if a and b else None,
                "before_km": b.distance_km if b else None,
                "after_km": a.distance_km if a else None,
                "before_route": " > ".join(net.node(n).name_en for n in b.nodes) if b else "no route",
                "after_route": " > ".join(after_net.node(n).name_en for n in a.nodes) if a else "no route",
                "before_cost_usd": b.cost_usd if b else None,
                "after_cost_usd": a.cost_usd if a else None,
            }
        )
    return rows
