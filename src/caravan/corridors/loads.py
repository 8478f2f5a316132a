"""The corridors' cited annual volumes loaded onto the network against cited capacities (issue 14, item 5).

`data/network/volumes.yaml` holds what the corridors carried in a year: China–Europe trains
through the Xinjiang rail ports, China–Central Asia trains, Middle Corridor (TITR) tonnes, each
cited. `corridor_loads` takes the full-year figure of each corridor (a part of a year is never
one), puts it on the network from the corridor's origin to the nearest of its destinations
(`CORRIDORS`), within the edges' cited capacities (`caravan.corridors.flows.solve_flows`), and
reports per element the load, the capacity, the utilisation, the bottlenecks and what could
not be carried. An element with no cited capacity is shown with its capacity unknown, never as
unlimited in silence; trains and tonnes are bound separately, since no cited figure converts
one into the other. A figure printed as "over" is a lower bound: the demand, and any unmet
part of it, is then "at least".

What the figures do not say is said with the result: the counts are not split by direction
(all are loaded westbound), and the Xinjiang count may include China–Central Asia trains.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Annotated, Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from caravan.corridors.flows import BOTTLENECK, Commodity, solve_flows
from caravan.corridors.network import Network
from caravan.corridors.route import check_year
from caravan.corridors.scenario import Scenario, apply_scenario
from caravan.errors import DataError, InputError
from caravan.sources.network import PublishedFigure
from caravan.sources.yamlfile import read_models

VOLUMES_FILE = Path("network") / "volumes.yaml"


class Volume(BaseModel):
    """One cited annual (or part-year) volume of `data/network/volumes.yaml`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    what: Annotated[str, Field(min_length=1)]
    year: Annotated[int, Field(ge=1990, le=2100)]
    period: Annotated[str, Field(pattern=r"^\d{4}-\d{2}/\d{4}-\d{2}$")] | None = None
    value: PublishedFigure
    origin: dict[str, Any] | None = None
    at: dict[str, Any] | None = None
    note: str | None = None


@dataclass(frozen=True)
class Corridor:
    """Where a corridor's volume enters and leaves the network, and how it may travel."""

    what: str  # the `what` of its volumes in volumes.yaml
    label: str
    origin: str
    destinations: tuple[str, ...]
    modes: tuple[str, ...]
    unit: str  # train/year or t/year
    avoid_countries: tuple[str, ...] = ()
    assumption: str = ""


# The corridors whose cited volumes are loaded. The sources give no origins or destinations for
# these totals: each enters at Urumqi, the Xinjiang rail hub every modelled China–Kazakhstan rail
# crossing is reached from, and leaves at whichever listed destination is cheapest.
CORRIDORS: tuple[Corridor, ...] = (
    Corridor(
        "china-europe-trains-via-alashankou-and-khorgos",
        "China–Europe trains via Alashankou and Khorgos",
        "city.urumqi",
        ("city.duisburg", "city.hamburg", "city.lodz", "city.warsaw", "city.prague", "city.budapest"),
        ("rail",),
        "train/year",
        assumption="entered at Urumqi, left at the nearest of six EU rail hubs; counted trips are not split by "
        "direction, so all are loaded westbound",
    ),
    Corridor(
        "china-central-asia-trains",
        "China–Central Asia trains",
        "city.urumqi",
        ("city.almaty", "city.astana", "city.shymkent", "city.tashkent", "city.bishkek", "city.dushanbe"),
        ("rail",),
        "train/year",
        assumption="entered at Urumqi, left at the nearest Central Asian capital or hub; the China–Europe count of the "
        "Xinjiang ports may include these trains",
    ),
    Corridor(
        "middle-corridor-tonnes",
        "Middle Corridor (TITR) tonnes",
        "city.urumqi",
        ("port.poti", "port.batumi", "city.kars"),
        ("rail", "ferry"),
        "t/year",
        avoid_countries=("RUS",),
        assumption="all loaded from Urumqi, though the TITR total includes cargo that starts in Kazakhstan; rail and "
        "ferry, not through Russia, to the Black Sea ports or Kars",
    ),
)

# Volumes in volumes.yaml that are not loaded, and why.
NOT_LOADED = {
    "china-europe-trains": "all China–Europe trains, including those over Erenhot, Manzhouli and Suifenhe, "
    "crossings the network does not hold; the Xinjiang ports' count is loaded instead",
}

UNIT_OF = {"train": "train/year", "Mt": "t/year", "t": "t/year"}
SCALE = {"train": 1.0, "Mt": 1e6, "t": 1.0}


def load_volumes(data: Path) -> list[Volume]:
    """The cited volumes of a curated data folder ([] when it has none).

    Raises:
        DataError: The file is not YAML or an entry is malformed (file, entry and field named).
    """
    return [volume for _, volume in read_models(data / VOLUMES_FILE, Volume, "volumes")]


def _annual(volumes: list[Volume], what: str, year: int | None) -> Volume | None:
    """The corridor's full-year figure of `year` (the latest year when None); a part of a year never counts."""
    full = [v for v in volumes if v.what == what and v.period is None and (year is None or v.year == year)]
    if not full:
        return None
    # An exact figure before a bound of the same year.
    return max(full, key=lambda v: (v.year, v.value.bound is None))


@dataclass
class CorridorLoads:
    """The corridors' cited volumes on the network (after the scenario, when one is given).

    Attributes:
        year: The year of the network the volumes were loaded on.
        corridors: Per corridor its cited volume, what the network carried and what was unmet.
        elements: Per edge and direction carrying a load: the load by unit, its capacity and utilisation.
        bottlenecks: The edges and directions at or over the bottleneck share of their capacity.
        not_loaded: Cited volumes the network cannot carry as given, and why.
        notes: The assignment's rules a reader needs to know.
    """

    year: int | None
    corridors: list[dict[str, Any]]
    elements: list[dict[str, Any]]
    bottlenecks: list[str]
    not_loaded: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return asdict(self)


def _banned(net: Network, countries: tuple[str, ...], keep: set[int]) -> np.ndarray | None:
    if not countries:
        return None
    off = np.array([n.country in countries and i not in keep for i, n in enumerate(net.nodes)], dtype=bool)
    return off[net.arc_tail] | off[net.arc_head]


def corridor_loads(
    net: Network,
    volumes: list[Volume],
    year: int | None = None,
    only: tuple[str, ...] = (),
    corridors: tuple[Corridor, ...] = CORRIDORS,
    network_year: int | None = None,
) -> CorridorLoads:
    """Load each corridor's cited full-year volume of `year` (the latest cited when None) onto `net`.

    `only` keeps the corridors whose `what` is listed. The network is that of `network_year`
    (a planned line's year: today's volumes on tomorrow's network), else of `year`, else of the
    latest year a loaded volume describes.

    Raises:
        InputError: `only` names no corridor; the solver fails.
        DataError: A corridor's end is not on the network.
    """
    chosen = [c for c in corridors if not only or c.what in only]
    if only and len(chosen) < len(set(only)):
        unknown = sorted(set(only) - {c.what for c in corridors})
        raise InputError(f"no corridor {unknown[0]!r}; choose from {', '.join(c.what for c in corridors)}")
    check_year(net, year)
    check_year(net, network_year)
    picked: list[tuple[Corridor, Volume | None]] = [(c, _annual(volumes, c.what, year)) for c in chosen]
    net_year = (
        network_year
        if network_year is not None
        else year
        if year is not None
        else max((v.year for _, v in picked if v is not None), default=None)
    )
    commodities: list[Commodity] = []
    rows: list[dict[str, Any]] = []
    for c, v in picked:
        for node in (c.origin, *c.destinations):
            if node not in net.index:
                raise DataError("corridors", c.what, f"end {node!r} is not a node of the network")
        row: dict[str, Any] = {
            "corridor": c.what,
            "label": c.label,
            "unit": c.unit,
            "modes": "+".join(c.modes),
            "assumption": c.assumption,
        }
        if v is None:
            rows.append({**row, "year": year, "demand": None, "status": "no cited full-year volume"})
            continue
        if v.value.unit not in UNIT_OF or UNIT_OF[v.value.unit] != c.unit:
            raise DataError(str(VOLUMES_FILE), c.what, f"unit {v.value.unit!r} cannot be loaded as {c.unit}")
        demand = v.value.value * SCALE[v.value.unit]
        origin = net.index[c.origin]
        commodities.append(
            Commodity(
                c.what,
                origin,
                tuple(net.index[d] for d in c.destinations),
                demand,
                c.unit,
                c.modes,
                _banned(net, c.avoid_countries, {origin, *(net.index[d] for d in c.destinations)}),
            )
        )
        rows.append(
            {
                **row,
                "year": v.year,
                "demand": demand,
                "bound": v.value.bound,
                "source": v.value.source,
                "locator": v.value.locator,
            }
        )
    solution = solve_flows(net, commodities, net_year)
    by_name = {k.name: i for i, k in enumerate(commodities)}
    for row in rows:
        i = by_name.get(row["corridor"])
        if i is None:
            continue
        unmet = max(solution.unmet[i], 0.0)
        at_least = row["bound"] == "lower"
        row["unmet"] = round(unmet, 2)
        row["assigned"] = round(commodities[i].volume - unmet, 2)
        # Elements this corridor uses whose capacity binds nothing it carries: unknown, or in another unit.
        unbound = sorted(
            {
                net.edges[int(arc) // 2].id
                for arc in np.flatnonzero(solution.arc_flow[i] > 1e-6)
                if commodities[i].unit not in solution.caps.get(int(arc), {})
            }
        )
        row["capacity_unknown_on_way"] = unbound
        row["status"] = ("all carried" if unmet <= 1e-6 else "part unmet") + (
            " (demand at least this)" if at_least else ""
        )
        if unbound:
            row["status"] += f"; {len(unbound)} elements on its way have no cited capacity in {commodities[i].unit}"
    elements, bottlenecks = _elements(net, commodities, solution)
    not_loaded = [
        {"what": what, "year": v.year, "value": v.value.value, "bound": v.value.bound, "unit": v.value.unit, "why": why}
        for what, why in NOT_LOADED.items()
        if (v := _annual(volumes, what, year)) is not None
    ]
    notes = [
        "capacities bind per direction; an element whose capacity is unknown is not bound, and is listed as such",
        "trains and tonnes are bound separately on an element: no cited figure converts one into the other",
        "where capacity is short the volumes with the fewest hours are carried first; which corridor is left unmet "
        "follows from that rule, not from any cited priority",
    ]
    return CorridorLoads(net_year, rows, elements, bottlenecks, not_loaded, notes)


def _elements(net: Network, commodities: list[Commodity], solution: Any) -> tuple[list[dict[str, Any]], list[str]]:
    """Per edge and direction carrying a load: the load by unit, its capacity and utilisation, and a status."""
    out: list[dict[str, Any]] = []
    bottlenecks: list[str] = []
    for i, e in enumerate(net.edges):
        for arc, direction in ((2 * i, f"{e.a}→{e.b}"), (2 * i + 1, f"{e.b}→{e.a}")):
            load: dict[str, float] = {}
            for k, flow in zip(commodities, solution.arc_flow, strict=True):
                if flow[arc] > 1e-6:
                    load[k.unit] = load.get(k.unit, 0.0) + float(flow[arc])
            if not load:
                continue
            caps = solution.caps.get(arc, {})
            fact = e.facts.get("capacity") or {}
            row: dict[str, Any] = {
                "edge": e.id,
                "direction": direction,
                "mode": e.mode,
                "load": {u: round(v, 2) for u, v in sorted(load.items())},
                "capacity": None if e.capacity is None else round(e.capacity, 2),
                "capacity_unit": e.capacity_unit,
                "capacity_source": fact.get("source"),
                "capacity_locator": fact.get("locator"),
                "utilisation": None,
            }
            compared = {u: v / caps[u] for u, v in load.items() if u in caps and caps[u] > 0}
            if e.capacity is None:
                row["status"] = "capacity unknown (none cited)"
            elif not compared:
                row["status"] = f"capacity in {e.capacity_unit}, not comparable with a load in {', '.join(load)}"
            else:
                util = max(compared.values())
                row["utilisation"] = round(util, 3)
                row["status"] = "bottleneck" if util >= BOTTLENECK else "within capacity"
                if util >= BOTTLENECK:
                    bottlenecks.append(f"{e.id} ({direction}, {util:.0%})")
                uncounted = [u for u in load if u not in compared]
                if uncounted:
                    row["status"] += f"; the load in {', '.join(uncounted)} is not counted against it"
            out.append(row)
    out.sort(key=lambda r: (r["utilisation"] is None, -(r["utilisation"] or 0.0), r["edge"]))
    return out, bottlenecks


def scenario_loads(
    net: Network,
    volumes: list[Volume],
    scenario: Scenario,
    year: int | None = None,
    only: tuple[str, ...] = (),
    corridors: tuple[Corridor, ...] = CORRIDORS,
    network_year: int | None = None,
) -> dict[str, Any]:
    """The corridors' loads after `scenario`, with those before it; the volumes of `year` in both.

    Both sides are loaded on the network of `Scenario.network_year` (the scenario's `year`, else
    `network_year`, else as `corridor_loads` chooses), so the difference is the scenario's changes;
    the year is the network's, never the volumes'.

    Returns the `CorridorLoads` dict after the scenario, plus `scenario` (its name), `before`
    (the dict without it) and `changes`: per corridor its demand and the unmet volume before
    and after.

    Raises:
        InputError: As `corridor_loads`, or the scenario names no element of the network.
        NotFoundError: A scenario place is not on the network.
    """
    net_year = scenario.network_year(network_year)
    before = corridor_loads(net, volumes, year, only, corridors, net_year)
    after = corridor_loads(apply_scenario(net, scenario), volumes, year, only, corridors, net_year)
    rows = []
    for b, a in zip(before.corridors, after.corridors, strict=True):
        rows.append(
            {
                "corridor": b["corridor"],
                "unit": b["unit"],
                "demand": b["demand"],
                "unmet_before": b.get("unmet"),
                "unmet_after": a.get("unmet"),
                "change": None if b.get("unmet") is None else round(a["unmet"] - b["unmet"], 2),
            }
        )
    return {**after.to_dict(), "scenario": scenario.name, "before": before.to_dict(), "changes": rows}
