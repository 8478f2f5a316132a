"""`caravan route`, `scenario compare`, `flows`, `loads` and the body of `eval routes`: surfaces over the planner."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from caravan.cli.base import emit, format_option, open_ledger, settings, terminal
from caravan.corridors.network import Network, load_network
from caravan.corridors.route import MODES, Objective, Route, RouteQuery, plan_routes
from caravan.errors import InputError
from caravan.output import to_json
from caravan.runs import record_run, runs_dir

if TYPE_CHECKING:
    from caravan.corridors.scenario import Scenario


def _network() -> Network:
    with open_ledger() as ledger:
        return load_network(ledger)


def _modes(text: str) -> tuple[str, ...]:
    modes = tuple(m.strip() for m in text.split(",") if m.strip())
    for m in modes:
        if m not in MODES:
            raise InputError(f"unknown mode {m!r} in --modes; choose from {','.join(MODES)}")
    return modes


def _scenario(file: Path | None, close: tuple[str, ...], congest: tuple[str, ...]) -> Scenario | None:
    """The scenario of `--scenario FILE` with `--close` and `--congest` added (None without them)."""
    if file is None and not close and not congest:
        return None
    from caravan.corridors.scenario import load_scenario, scenario_from_flags

    scenario = load_scenario(file) if file is not None else None
    if close or congest:
        flags = scenario_from_flags(close, congest)
        scenario = (
            flags if scenario is None else scenario.model_copy(update={"changes": [*scenario.changes, *flags.changes]})
        )
    return scenario


def _record(kind: str, parameters: dict[str, Any], inputs: dict[str, str], result: Any) -> Path:
    return record_run(runs_dir(settings().ledger), kind, parameters, inputs, result)


def _print_route(net: Network, r: Route, n: int) -> None:
    refs: dict[str, int] = {}
    rows = [
        {
            "from": net.node(leg.origin).name_en,
            "to": net.node(leg.destination).name_en,
            "mode": leg.mode,
            "gauge": leg.gauge or "",
            "km": leg.length_km if leg.length_method == "reported" else f"~{leg.length_km:g}",
            "run h": leg.running_h,
            "dwell h": leg.dwell_h if leg.wait_known else f"? {leg.wait}",
            "opens": leg.opened if leg.status != "operating" else "",
            "src": " ".join(f"[{refs.setdefault(s, len(refs) + 1)}]" for s in leg.sources),
        }
        for leg in r.legs
    ]
    head = f"route {n}: {net.node(r.origin).name_en} → {net.node(r.destination).name_en}"
    emit(rows, "table", list(rows[0].keys()) if rows else None, title=head)
    cost = f"${r.cost_usd:,.0f}" + ("" if r.cost_complete else " (incomplete: some legs have no cited cost)")
    co2 = f"{r.co2_kg:,.0f} kg CO2" + ("" if r.co2_complete else " (incomplete)")
    say = click.echo
    say(
        f"  {r.distance_km:,.0f} km · running {r.running_h:,.1f} h + dwell {r.dwell_h:,.1f} h = "
        f"{r.time_text} · {r.border_crossings} borders · {r.gauge_changes} gauge changes · "
        f"{r.transshipments} transshipments · {cost} · {co2} per consignment"
    )
    if r.borders:
        say("  borders: " + "; ".join(r.borders))
    if r.unknown_waits:
        say(
            "  unknown waits (no cited figure; the upper end adds the largest cited wait of each kind): "
            + "; ".join(
                f"{u.kind} at {u.at}"
                + (
                    f" (up to {u.largest_cited_h:g} h cited elsewhere)"
                    if u.largest_cited_h is not None
                    else " (none cited)"
                )
                for u in r.unknown_waits
            )
        )
    say("  sources: " + " ".join(f"[{i}] {s}" for s, i in refs.items()))
    say(
        "  ~ marks lengths computed from coordinates (great circle x detour factor); "
        "mode factors: " + ", ".join(s for s in r.sources if s not in refs)
    )


@click.command("route")
@click.argument("origin", required=False)
@click.argument("destination", required=False)
@click.option("--via", multiple=True, help="Pass through this place (repeatable).")
@click.option("--avoid", multiple=True, help="Avoid a place or a country (name or ISO code; repeatable).")
@click.option("--modes", default=",".join(MODES), show_default=True, help="Modes allowed, comma-separated.")
@click.option("--objective", type=click.Choice([o.value for o in Objective]), default="time", show_default=True)
@click.option("--alternatives", "-k", type=int, default=1, show_default=True, help="Distinct routes wanted.")
@click.option(
    "--year", type=int, help="The network of that year: planned lines join when they open (a scenario's own year wins)."
)
@click.option("--scenario", "scenario_file", type=click.Path(path_type=Path), help="Compare with a scenario file.")
@click.option("--close", multiple=True, help="Scenario: close an edge id or place (repeatable).")
@click.option("--congest", multiple=True, help="Scenario: add hours of dwell, ID=HOURS (repeatable).")
@click.option("--places", is_flag=True, help="List the places on the network and exit.")
@format_option("table", "json")
def route(
    origin: str | None,
    destination: str | None,
    via: tuple[str, ...],
    avoid: tuple[str, ...],
    modes: str,
    objective: str,
    alternatives: int,
    year: int | None,
    scenario_file: Path | None,
    close: tuple[str, ...],
    congest: tuple[str, ...],
    places: bool,
    fmt: str,
) -> None:
    """Routes from ORIGIN to DESTINATION (English, Chinese or Russian names), with times, borders and sources."""
    net = _network()
    if places:
        rows = [
            {"id": n.id, "name": n.name_en, "zh": n.name_zh, "ru": n.name_ru, "country": n.country, "kind": n.kind}
            for n in net.nodes
        ]
        emit(rows, "json" if fmt == "json" else "table", title=f"{len(rows)} places")
        return
    if not origin or not destination:
        raise InputError("give FROM and TO, e.g. caravan route Xi'an Duisburg (`--places` lists them)")
    query = RouteQuery(
        origin, destination, tuple(via), tuple(avoid), _modes(modes), Objective(objective), alternatives, year
    )
    scenario = _scenario(scenario_file, close, congest)
    if scenario is not None:
        # Before and after on the same year's network: the scenario's own year wins (one rule, as everywhere).
        query = replace(query, year=scenario.network_year(year))
    routes = plan_routes(net, query)
    after: list[Route] | None = None
    if scenario is not None:
        from caravan.corridors.scenario import apply_scenario

        after = plan_routes(apply_scenario(net, scenario), query)
    params = {
        "origin": origin,
        "destination": destination,
        "via": list(via),
        "avoid": list(avoid),
        "modes": list(query.modes),
        "objective": objective,
        "alternatives": alternatives,
        "year": query.year,
        "scenario": scenario.model_dump() if scenario else None,
    }
    inputs = {"ledger": net.checksum, **({"scenario": scenario.checksum} if scenario and scenario.checksum else {})}
    result: dict[str, Any] = {"routes": [r.to_dict() for r in routes]}
    if after is not None:
        result["after"] = [r.to_dict() for r in after]
    path = _record("route", params, inputs, result)
    if fmt == "json":
        click.echo(to_json({**result, "run": str(path)}))
        return
    if after is None:
        for i, r in enumerate(routes, start=1):
            _print_route(net, r, i)
    else:
        b, a = routes[0], after[0]
        rows = [
            {"measure": name, "before": f(b), "after": f(a)}
            for name, f in (
                ("route", lambda r: " > ".join(net.node(x).name_en for x in r.nodes)),
                ("distance km", lambda r: f"{r.distance_km:,.0f}"),
                ("running h", lambda r: f"{r.running_h:,.1f}"),
                ("dwell h", lambda r: f"{r.dwell_h:,.1f}"),
                ("total days", lambda r: r.time_text),
                ("borders", lambda r: str(r.border_crossings)),
                ("gauge changes", lambda r: str(r.gauge_changes)),
                ("cost USD", lambda r: f"{r.cost_usd:,.0f}"),
            )
        ]
        emit(rows, "table", ["measure", "before", "after"], title=f"scenario: {scenario.name if scenario else ''}")
    click.secho(f"run recorded: {path}", dim=True)


@click.command("compare")
@click.argument("file", type=click.Path(path_type=Path))
@click.argument("origin", required=False)
@click.argument("destination", required=False)
@click.option("--modes", default=",".join(MODES), show_default=True, help="Modes allowed, comma-separated.")
@click.option("--objective", type=click.Choice([o.value for o in Objective]), default="time", show_default=True)
@click.option("--year", type=int, help="The network of that year (the scenario's own year wins).")
@format_option()
def scenario_compare(
    file: Path, origin: str | None, destination: str | None, modes: str, objective: str, year: int | None, fmt: str
) -> None:
    """Best routes before and after the scenario in FILE, side by side (its routes, or ORIGIN DESTINATION)."""
    from caravan.corridors.scenario import compare, load_scenario

    scenario = load_scenario(file)
    net = _network()
    pairs = [(origin, destination)] if origin and destination else []
    template = RouteQuery("-", "-", modes=_modes(modes), objective=Objective(objective), year=year)
    rows = compare(net, scenario, pairs, template)
    path = _record(
        "scenario",
        {
            "file": str(file),
            "pairs": pairs,
            "modes": modes,
            "objective": objective,
            "year": year,
            "scenario": scenario.model_dump(),
        },
        {"ledger": net.checksum, "scenario": scenario.checksum},
        rows,
    )
    cols = ["from", "to", "before_days", "after_days", "change_days", "before_route", "after_route"]
    emit(rows, fmt, cols if fmt == "table" else None, title=f"scenario: {scenario.name}")
    if fmt == "table":
        click.secho(f"run recorded: {path}", dim=True)


@click.command("flows")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--scenario", "scenario_file", type=click.Path(path_type=Path), help="Apply a scenario first.")
@format_option()
def flows(file: Path, scenario_file: Path | None, fmt: str) -> None:
    """Assign the annual flows in FILE within capacities; utilisation and bottlenecks."""
    from caravan.corridors.flows import assign_flows, load_flows
    from caravan.corridors.scenario import apply_scenario, load_scenario

    flowset = load_flows(file)
    scenario = load_scenario(scenario_file) if scenario_file is not None else None
    if scenario is not None:
        # The flows are assigned on the network of the scenario's year where it gives one (one rule, as everywhere).
        flowset = flowset.model_copy(update={"year": scenario.network_year(flowset.year)})
    net = _network()
    result = assign_flows(apply_scenario(net, scenario) if scenario else net, flowset)
    path = _record(
        "flows",
        {
            "file": str(file),
            **flowset.model_dump(exclude={"checksum"}),
            "scenario": scenario.model_dump() if scenario else None,
        },
        {"ledger": net.checksum, "flows": flowset.checksum, **({"scenario": scenario.checksum} if scenario else {})},
        result.to_dict(),
    )
    if fmt == "json":
        click.echo(to_json({**result.to_dict(), "run": str(path)}))
        return
    cols = ["edge", "direction", "mode", "volume", "capacity", "utilisation"]
    emit(result.edges, fmt, cols if fmt == "table" else None, title=f"flows on edges ({flowset.unit})")
    if fmt == "table":
        terminal().print("bottlenecks: " + ("; ".join(result.bottlenecks) or "none"), highlight=False, markup=False)
        for u in result.unmet:
            click.echo(f"unmet: {u['from']} → {u['to']}: {u['unmet']:g}")
        if result.uncapacitated:
            terminal().print(
                "capacity not comparable (treated as unlimited): " + ", ".join(result.uncapacitated),
                style="dim",
                highlight=False,
            )
        click.secho(f"run recorded: {path}", dim=True)


@click.command("loads")
@click.option("--year", type=int, help="Volumes and network of that year (default: each corridor's latest cited year).")
@click.option("--network-year", type=int, help="The network of that year (a planned line open), the volumes of --year.")
@click.option("--corridor", "only", multiple=True, help="Only this corridor (repeatable), e.g. middle-corridor-tonnes.")
@click.option("--scenario", "scenario_file", type=click.Path(path_type=Path), help="Also load under this scenario.")
@click.option("--close", multiple=True, help="Close an edge, line or place (repeatable); a scenario of its own.")
@format_option()
def loads(
    year: int | None,
    network_year: int | None,
    only: tuple[str, ...],
    scenario_file: Path | None,
    close: tuple[str, ...],
    fmt: str,
) -> None:
    """The corridors' cited annual volumes on the network: load, capacity, utilisation, bottlenecks, unmet."""
    from caravan.corridors.loads import corridor_loads, load_volumes, scenario_loads
    from caravan.corridors.scenario import load_scenario, scenario_from_flags

    if scenario_file is not None and close:
        raise InputError("give --scenario or --close, not both")
    scenario = load_scenario(scenario_file) if scenario_file is not None else None
    if close:
        scenario = scenario_from_flags(close=close)
    net = _network()
    volumes = load_volumes(settings().data)
    if scenario is None:
        result: dict[str, Any] = corridor_loads(net, volumes, year, only, network_year=network_year).to_dict()
        shown = result
    else:
        result = scenario_loads(net, volumes, scenario, year, only, network_year=network_year)
        shown = result
    path = _record(
        "loads",
        {
            "year": year,
            "network_year": network_year,
            "corridors": list(only),
            "scenario": scenario.model_dump() if scenario else None,
        },
        {"ledger": net.checksum, **({"scenario": scenario.checksum} if scenario else {})},
        result,
    )
    if fmt == "json":
        click.echo(to_json({**result, "run": str(path)}))
        return
    say = click.echo
    if scenario is not None:
        emit(result["changes"], fmt, None, title=f"unmet volume before and after: {scenario.name}")
    corridors = [
        {
            "corridor": c["label"],
            "year": c["year"] if c["year"] is not None else "-",
            "demand": "unknown"
            if c["demand"] is None
            else ("≥ " if c.get("bound") == "lower" else "") + f"{c['demand']:,.0f}",
            "unit": c["unit"],
            "carried": "" if c.get("assigned") is None else f"{c['assigned']:,.0f}",
            "unmet": "" if c.get("unmet") is None else f"{c['unmet']:,.0f}",
            "status": c["status"],
            "source": c.get("source") or "",
        }
        for c in shown["corridors"]
    ]
    emit(corridors, fmt, None, title="corridor volumes (cited) and what the network carries")
    elements = [
        {
            "edge": e["edge"],
            "direction": e["direction"],
            "load": "; ".join(f"{v:,.0f} {u}" for u, v in e["load"].items()),
            "capacity": "unknown" if e["capacity"] is None else f"{e['capacity']:,.0f} {e['capacity_unit']}",
            "utilisation": "" if e["utilisation"] is None else f"{e['utilisation']:.0%}",
            "status": e["status"],
        }
        for e in shown["elements"]
    ]
    emit(elements, fmt, None, title="load on each element")
    if fmt == "table":
        say("bottlenecks: " + ("; ".join(shown["bottlenecks"]) or "none"))
        for c in shown["corridors"]:
            say(f"{c['label']}: {c['assumption']}")
        for n in shown["not_loaded"]:
            at_least = "at least " if n["bound"] == "lower" else ""
            say(f"not loaded: {n['what']} {n['year']} ({at_least}{n['value']:g} {n['unit']}): {n['why']}")
        for note in shown["notes"]:
            say(f"note: {note}")
        click.secho(f"run recorded: {path}", dim=True)


def eval_routes_command(fmt: str) -> None:
    """Print the planner against the published journeys (the body of `caravan eval routes`)."""
    from caravan.corridors.calibrate import evaluate_routes, load_journeys

    net = _network()
    result = evaluate_routes(net, load_journeys(settings().data))
    if fmt == "json":
        click.echo(to_json(result.to_dict()))
        return
    rows = result.rows()
    if fmt == "csv":
        emit(rows, "csv")
        return
    table = [
        {
            "journey": r["id"],
            "modes": r["modes"],
            "year": r["year"],
            "published": r["published_days"],
            "model days": ""
            if r["model_days"] is None
            else f"{r['model_days']:.1f}–{r['model_days_high']:.1f}"
            if r["model_days_high"] is not None and r["model_days_high"] != r["model_days"]
            else f"{r['model_days']:.1f}" + ("–?" if r["model_days_high"] is None else ""),
            "point": "" if r["model_point_days"] is None else f"{r['model_point_days']:.1f}",
            "error %": "" if r["error_pct"] is None else f"{r['error_pct']:+.0f}",
            "inside": {True: "yes", False: "no", None: "-"}[r["inside"]],
            "km pub/model": f"{r['published_km'] or '-'} / {r['model_km'] or '-'}",
            "why": r["why"],
        }
        for r in rows
    ]
    emit(table, "table", title="the planner against published journeys (days)")
    say = click.echo
    median = "n/a" if result.median_abs_error_pct is None else f"{result.median_abs_error_pct:g} %"
    say(
        f"median absolute error of the time: {median} over {result.modelled} modelled journeys; "
        f"{result.inside} inside their published range, {len(result.outside)} outside, "
        f"{len(result.not_modelled)} not modelled (an end not on the network)"
    )
    explained = [r for r in rows if r["inside"] is False and r["explained"]]
    if explained:
        say(f"why the model misses ({len(explained)} of {len(result.outside)} outside explained):")
        for r in explained:
            say(f"  {r['id']}: {r['explained']}")
    if result.unexplained:
        say("outside and not yet explained: " + ", ".join(result.unexplained))
    say(
        "point = the middle of the model's range (known waits, up to the largest cited wait of each unknown "
        "one's kind); speeds and waits are cited segment figures, never fitted to these journeys"
    )
