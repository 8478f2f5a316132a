import { api, clear, csvHref, el, estimate, figureLink, fmt, href, lang, loadEntities, nameOf, runPage, section, showError, t, table } from "../core.js";
import { legend } from "../charts.js";
import { observations } from "../data.js";
import { drawMap, entityNodes } from "../map.js";
import { observationTable } from "../views.js";

const NODE_KINDS = ["crossing", "station", "port", "terminal", "city"];

runPage(async (app) => {
  const [entities, network] = await Promise.all([loadEntities(), api("/api/network")]);
  const nodeName = (id) => {
    const n = network.nodes.find((x) => x.id === id);
    return entities.has(id) ? nameOf(entities, id) : (n ? (n[`name_${lang}`] || n.name_en) : id);
  };
  const nodes = network.nodes.length
    ? network.nodes.map((n) => ({ ...n, label: nodeName(n.id), showLabel: true }))
    : entityNodes(entities, NODE_KINDS, [...entities.keys()]);
  const mapBox = el("div", { class: "map-box" });
  app.append(section(t("corridors.map"),
    legend([["rail", t("mode.rail")], ["road", t("mode.road")], ["sea", t("mode.sea")], ["planned", t("status.planned")], ["route", t("corridors.route")]]
      .map(([cls, name]) => ({ cls, name }))),
    mapBox));
  const map = await drawMap(mapBox, {
    entities, nodes, label: t("corridors.map"),
    edges: network.edges.filter((e) => e.coords).map((e) => ({ ...e, label: `${nodeName(e.source)} – ${nodeName(e.target)} (${t(`mode.${e.mode}`)}, ${t(`linkstatus.${e.status}`)})` })),
    extent: nodes.filter((n) => n.lon !== null && n.lat !== null).map((n) => [n.lon, n.lat]),
  });
  // Sea and ferry lines follow a drawn path along the sea: say where it comes from, and that lengths stay cited.
  if (network.edges.some((e) => e.path?.length > 2)) {
    mapBox.append(el("p", { class: "note map-seaways" }, t("map.sea_drawn"), " ",
      el("a", { href: href("/sources#map-geometries") }, t("sources.geometries"))));
  }
  // A sea edge with no drawn path along the sea is listed, not drawn as a line over the land.
  if (map.undrawn.length) {
    mapBox.append(el("p", { class: "note map-undrawn" }, t("map.sea_undrawn", {
      edges: [...new Set(map.undrawn.map((e) => e.label))]
        .map((name) => { const n = map.undrawn.filter((e) => e.label === name).length; return n > 1 ? `${name} ×${n}` : name; }).join("; "),
    })));
  }

  // The route planner: its results are drawn on the map, leg by leg.
  const places = [...nodes].sort((a, b) => a.label.localeCompare(b.label));
  const countries = [...new Set(places.map((p) => p.country ?? entities.get(p.id)?.parent ?? ""))].sort();
  const select = (id, selected) => el("select", { id, name: id }, countries.map((c) => el("optgroup", { label: nameOf(entities, c) },
    places.filter((p) => (p.country ?? entities.get(p.id)?.parent ?? "") === c)
      .map((p) => el("option", { value: p.id, selected: p.id === selected }, p.label)))));
  // The query lives in the address, so that a result can be shared:
  // ?from=…&to=…&modes=…&via=…&avoid=…&year=…&alternatives=…
  const asked = new URLSearchParams(window.location.search);
  const from = select("route-from", asked.get("from") ?? places.find((p) => /xian/.test(p.id))?.id ?? places[0]?.id);
  const to = select("route-to", asked.get("to") ?? places.find((p) => /almaty/.test(p.id))?.id);
  const optional = (id, selected) => {
    const box = select(id, selected);
    box.prepend(el("option", { value: "", selected: !selected }, "—"));
    return box;
  };
  const via = optional("route-via", asked.get("via"));
  const avoid = el("select", { id: "route-avoid", name: "route-avoid" }, el("option", { value: "" }, "—"),
    countries.filter(Boolean).map((c) => el("option", { value: c, selected: asked.get("avoid") === c }, nameOf(entities, c))));
  const MODE_CHOICES = [["any", "rail,road,ferry,sea"], ["rail", "rail"], ["rail_ferry", "rail,ferry"], ["road", "road"]];
  const modes = el("select", { id: "route-modes" }, MODE_CHOICES.map(([key, value]) =>
    el("option", { value, selected: (asked.get("modes") ?? "rail,road,ferry,sea") === value }, t(`corridors.modes.${key}`))));
  const objective = el("select", { id: "route-objective" }, ["time", "cost", "co2"].map((o) =>
    el("option", { value: o, selected: asked.get("objective") === o }, t(`corridors.objective.${o}`))));
  const alternatives = el("input", { id: "route-alternatives", type: "number", min: "1", max: "5", step: "1",
    value: asked.get("alternatives") ?? "3" });
  const year = el("input", { id: "route-year", type: "number", ...yearBounds(network), step: "1", value: asked.get("year") ?? "", placeholder: t("corridors.year.any") });
  const results = el("div", { id: "route-results", "aria-live": "polite" });
  const form = el("form", { class: "panel", id: "route-form" },
    el("label", { for: "route-from" }, t("corridors.from"), from),
    el("label", { for: "route-to" }, t("corridors.to"), to),
    el("label", { for: "route-modes" }, t("corridors.modes"), modes),
    el("label", { for: "route-via" }, t("corridors.via"), via),
    el("label", { for: "route-avoid" }, t("corridors.avoid"), avoid),
    el("label", { for: "route-year" }, t("corridors.year"), year),
    el("label", { for: "route-objective" }, t("corridors.objective"), objective),
    el("label", { for: "route-alternatives" }, t("corridors.alternatives"), alternatives),
    el("button", { type: "submit" }, t("corridors.plan")));
  const plan = async () => {
    const params = new URLSearchParams({ from: from.value, to: to.value, modes: modes.value, objective: objective.value });
    if (via.value) params.set("via", via.value);
    if (avoid.value) params.set("avoid", avoid.value);
    if (year.value) params.set("year", year.value);
    params.set("alternatives", alternatives.value || "3");
    remember(PLAN_KEYS, params);
    clear(results).append(el("p", { class: "loading" }, t("status.loading")));
    try {
      const found = await api(`/api/routes?${params}`);
      clear(results);
      showRoutes(results, found.routes, nodeName, map);
    } catch (error) {
      clear(results);
      showError(results, error);
    }
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    plan();
  });
  if (asked.get("from") && asked.get("to")) plan();
  app.append(section(t("corridors.planner"), form, results));

  if (network.edges.length) app.append(scenarioSection(places, network, nodeName));

  const transportKinds = ["line", "crossing", "port", "terminal", "station", "project"];
  app.append(section(t("corridors.elements"), table({
    columns: [
      { label: t("col.name"), cell: (e) => nameOf(entities, e.id) },
      { label: t("col.kind"), cell: (e) => t(`entitykind.${e.kind}`) },
      { label: t("col.country"), cell: (e) => (e.parent ? nameOf(entities, e.parent) : "—") },
      { label: t("col.status"), cell: (e) => (e.attributes?.status ? t(`linkstatus.${e.attributes.status}`) : "—") },
    ],
    rows: [...entities.values()].filter((e) => transportKinds.includes(e.kind)),
    csv: csvHref("/api/entities"),
  })));
  const rail = await observations({ indicator: "rail.trains", derived: false });
  app.append(section(t("corridors.trains"), observationTable(rail, entities, csvHref("/api/observations", { indicator: "rail.trains" }))));
});

/** A route's days: one figure, or a range where waits are unknown (its upper end "?" when none is cited). */
function days(route) {
  if (!route.unknown_waits.length) return estimate(route.total_days);
  return `${estimate(route.total_days)}–${route.total_days_high === null ? "?" : estimate(route.total_days_high)}`;
}

function showRoutes(box, routes, nodeName, map) {
  if (!routes.length) {
    box.append(el("p", { class: "muted" }, t("corridors.no_route")));
    map.drawRoute([]);
    return;
  }
  const draw = (route) => map.drawRoute(route.legs.map((l) => ({ ...l, label: `${nodeName(l.origin)} – ${nodeName(l.destination)}` })));
  draw(routes[0]);
  routes.forEach((route, i) => {
    box.append(el("article", { class: "card route-result", "data-route": i },
      el("h3", {}, `${t("corridors.route")} ${i + 1}: ${days(route)} ${t("unit.days")} · ${estimate(route.distance_km)} km · `
        + `${t("corridors.borders", { n: route.border_crossings })} · ${estimate(route.cost_usd)} USD · ${estimate(route.co2_kg)} kg CO₂`),
      route.borders.length ? el("p", { class: "note route-borders" }, t("corridors.borders.list"), " ", route.borders.join("; ")) : null,
      route.unknown_waits.length
        ? el("p", { class: "note route-unknown" }, t("corridors.unknown"), " ",
          route.unknown_waits.map((u) => `${u.kind} · ${u.at}` + (u.largest_cited_h === null ? "" : ` (≤ ${fmt(u.largest_cited_h)} h)`)).join("; "))
        : null,
      el("p", { class: "note" }, route.nodes.map(nodeName).join(" → ")),
      el("p", {}, el("button", { type: "button", class: "secondary", onclick: () => draw(route) }, t("corridors.show")), " ",
        el("button", { type: "button", class: "secondary", onclick: () => map.resetView() }, t("corridors.whole"))),
      table({
        columns: [
          { label: t("corridors.from"), cell: (l) => nodeName(l.origin) },
          { label: t("corridors.to"), cell: (l) => nodeName(l.destination) },
          { label: t("col.mode"), cell: (l) => t(`mode.${l.mode}`) },
          { label: t("col.km"), num: true, cell: (l) => fmt(l.length_km) },
          { label: t("col.hours"), num: true, cell: (l) => estimate(l.running_h + l.dwell_h) + (l.wait_known ? "" : " + ?") },
          { label: t("col.source"), cell: (l) => el("span", {}, l.sources.map((s, k) => [k ? ", " : "", el("a", { href: href(`/sources/${encodeURIComponent(s)}`) }, String(k + 1))])) },
        ],
        rows: route.legs,
      }),
      el("p", { class: "note" }, t("corridors.sources"), " ", route.sources.map((s, k) => [k ? ", " : "", el("a", { href: href(`/sources/${encodeURIComponent(s)}`) }, s)]))));
  });
}

/** The year inputs' bounds: the years the network describes, as the API gives them (an undated end is left open). */
function yearBounds(network) {
  return { min: network.years?.first, max: network.years?.last };
}

const PLAN_KEYS = ["from", "to", "modes", "objective", "via", "avoid", "year", "alternatives"];
const SCENARIO_KEYS = ["scenario_from", "scenario_to", "scenario_close", "scenario_congest", "scenario_hours", "scenario_year"];

/** Keep one form's choices in the address (the other form's and the language stay as they are). */
function remember(keys, params) {
  const q = new URLSearchParams(window.location.search);
  for (const k of keys) q.delete(k);
  for (const [k, v] of params) if (keys.includes(k) && v !== "") q.set(k, v);
  window.history.replaceState(null, "", `${window.location.pathname}?${q}`);
}

function scenarioSection(allPlaces, network, nodeName) {
  const places = allPlaces.filter((p) => p.kind === "city" || p.kind === "junction" || p.kind === "port");
  const box = el("div", { id: "scenario-results", "aria-live": "polite" });
  const select = (id, selected) => el("select", { id }, places.map((p) => el("option", { value: p.id, selected: p.id === selected }, p.label)));
  const asked = new URLSearchParams(window.location.search); // a scenario in the address is compared at once
  const from = select("scenario-from", asked.get("scenario_from") ?? places.find((p) => /xian/.test(p.id))?.id ?? places[0]?.id);
  const to = select("scenario-to", asked.get("scenario_to") ?? places.find((p) => /tashkent|almaty/.test(p.id))?.id);
  const crossings = network.nodes.filter((n) => n.kind === "crossing" || network.edges.some((e) => e.source === n.id || e.target === n.id));
  const close = el("select", { id: "scenario-close" }, el("option", { value: "" }, "—"),
    crossings.map((n) => el("option", { value: n.id, selected: asked.get("scenario_close") === n.id }, nodeName(n.id))));
  const hours = el("input", { id: "scenario-hours", type: "number", min: "0", max: "720", step: "1", value: asked.get("scenario_hours") ?? "0" });
  const congestAt = el("select", { id: "scenario-congest" }, el("option", { value: "" }, "—"),
    crossings.map((n) => el("option", { value: n.id, selected: asked.get("scenario_congest") === n.id }, nodeName(n.id))));
  const year = el("input", { id: "scenario-year", type: "number", ...yearBounds(network), step: "1", placeholder: t("corridors.year.any"),
    value: asked.get("scenario_year") ?? "" });
  const form = el("form", { class: "panel", id: "scenario-form" },
    el("label", { for: "scenario-from" }, t("corridors.from"), from),
    el("label", { for: "scenario-to" }, t("corridors.to"), to),
    el("label", { for: "scenario-close" }, t("corridors.close"), close),
    el("label", { for: "scenario-congest" }, t("corridors.congest"), congestAt),
    el("label", { for: "scenario-hours" }, t("corridors.congest.hours"), hours),
    el("label", { for: "scenario-year" }, t("corridors.year"), year),
    el("button", { type: "submit" }, t("corridors.compare")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clear(box).append(el("p", { class: "loading" }, t("status.loading")));
    const params = new URLSearchParams({ from: from.value, to: to.value });
    if (close.value) params.append("close", close.value);
    if (congestAt.value && Number(hours.value) > 0) params.append("congest", `${congestAt.value}=${Number(hours.value)}`);
    if (year.value) params.append("year", year.value);
    remember(SCENARIO_KEYS, [["scenario_from", from.value], ["scenario_to", to.value], ["scenario_close", close.value],
      ["scenario_congest", congestAt.value], ["scenario_hours", Number(hours.value) > 0 ? hours.value : ""], ["scenario_year", year.value]]);
    try {
      const rows = await api(`/api/scenarios/compare?${params}`);
      clear(box).append(table({
        columns: [
          { label: t("corridors.from"), cell: (r) => r.from },
          { label: t("corridors.to"), cell: (r) => r.to },
          { label: t("col.baseline_days"), num: true, cell: (r) => estimate(r.before_days) },
          { label: t("col.scenario_days"), num: true, cell: (r) => estimate(r.after_days) },
          { label: t("col.change"), num: true, cell: (r) => estimate(r.change_days) },
          { label: t("corridors.before"), cell: (r) => r.before_route },
          { label: t("corridors.after"), cell: (r) => r.after_route },
        ],
        rows,
        csv: `/api/scenarios/compare?${params}&format=csv`,
      }));
    } catch (error) {
      clear(box);
      showError(box, error);
    }
  });
  if (asked.get("scenario_from")) queueMicrotask(() => form.requestSubmit());
  return section(t("corridors.scenarios"), el("p", { class: "muted" }, t("corridors.scenarios.note")), form, box);
}
