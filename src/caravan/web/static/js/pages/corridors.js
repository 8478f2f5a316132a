import { api, csvHref, el, figureLink, fmt, loadEntities, nameOf, runPage, section, t, table, clear, showError } from "../core.js";
import { legend } from "../charts.js";
import { capabilities, observations } from "../data.js";
import { drawMap, entityNodes } from "../map.js";
import { observationTable } from "../views.js";

const NODE_KINDS = ["crossing", "station", "port", "terminal", "city"];

runPage(async (app) => {
  const [entities, caps] = await Promise.all([loadEntities(), capabilities()]);
  const network = caps.network ? await api("/api/network") : { nodes: [], edges: [] };
  const nodes = network.nodes.length
    ? network.nodes.map((n) => ({ ...n, label: nameOf(entities, n.id) || n.label }))
    : entityNodes(entities, NODE_KINDS);
  const mapBox = el("div", { class: "map-box" });
  app.append(section(t("corridors.map"),
    legend([["rail", t("mode.rail")], ["road", t("mode.road")], ["sea", t("mode.sea")], ["planned", t("status.planned")], ["route", t("corridors.route")]]
      .map(([cls, name]) => ({ cls, name }))),
    mapBox));
  const map = await drawMap(mapBox, {
    entities, nodes, label: t("corridors.map"),
    edges: network.edges.map((e) => ({ ...e, label: `${nameOf(entities, e.source)} – ${nameOf(entities, e.target)} (${e.mode}, ${e.status})` })),
    extent: nodes.map((n) => [n.lon, n.lat]).filter(([lon, lat]) => lon !== null && lat !== null),
  });

  // The route planner.
  const places = nodes.filter((n) => n.kind === "city" || n.routable).sort((a, b) => a.label.localeCompare(b.label));
  const options = (selected) => places.map((p) => el("option", { value: p.id, selected: p.id === selected }, p.label));
  const from = el("select", { id: "route-from", name: "from" }, options(places.find((p) => /xian|xi-an|urumqi/.test(p.id))?.id));
  const to = el("select", { id: "route-to", name: "to" }, options(places.find((p) => /almaty/.test(p.id))?.id));
  const results = el("div", { id: "route-results", "aria-live": "polite" });
  const form = el("form", { class: "panel", id: "route-form" },
    el("label", { for: "route-from" }, t("corridors.from"), from),
    el("label", { for: "route-to" }, t("corridors.to"), to),
    el("button", { type: "submit" }, t("corridors.plan")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clear(results);
    results.append(el("p", { class: "loading" }, t("status.loading")));
    try {
      const routes = await api("/api/routes", { from: from.value, to: to.value });
      clear(results);
      showRoutes(results, routes, entities, map);
    } catch (error) {
      clear(results);
      showError(results, error);
    }
  });
  app.append(section(t("corridors.planner"), caps.routes ? null : el("p", { class: "muted" }, t("analysis.pending")), form, results));

  if (caps.scenarios) {
    const box = el("div");
    app.append(section(t("corridors.scenarios"), box));
    try {
      const scenarios = await api("/api/scenarios");
      box.append(scenarioTable(scenarios, entities));
    } catch (error) {
      showError(box, error);
    }
  }

  const transportKinds = ["line", "crossing", "port", "terminal", "station", "project"];
  app.append(section(t("corridors.elements"), table({
    columns: [
      { label: t("col.name"), cell: (e) => nameOf(entities, e.id) },
      { label: t("col.kind"), cell: (e) => e.kind },
      { label: t("col.country"), cell: (e) => (e.parent ? nameOf(entities, e.parent) : "—") },
      { label: t("col.status"), cell: (e) => e.attributes?.status ?? "—" },
    ],
    rows: [...entities.values()].filter((e) => transportKinds.includes(e.kind)),
    csv: csvHref("/api/entities"),
  })));
  const rail = await observations({ indicator: "rail.trains" });
  app.append(section(t("corridors.trains"), observationTable(rail.filter((r) => r.method !== "derived"), entities, csvHref("/api/observations", { indicator: "rail.trains" }))));
});

function showRoutes(box, result, entities, map) {
  const routes = result.routes ?? [];
  if (!routes.length) {
    box.append(el("p", { class: "muted" }, t("corridors.no_route")));
    map.drawRoute([]);
    return;
  }
  map.drawRoute(routes[0].legs);
  routes.forEach((route, i) => {
    box.append(el("article", { class: "card route-result", "data-route": i },
      el("h3", {}, `${t("corridors.route")} ${i + 1}: ${fmt(route.hours / 24)} ${t("unit.days")}`,
        route.cost_usd !== null && route.cost_usd !== undefined ? ` · ${fmt(route.cost_usd)} USD` : "",
        route.borders !== undefined ? ` · ${t("corridors.borders", { n: route.borders })}` : ""),
      i > 0 ? el("button", { type: "button", class: "secondary", onclick: () => map.drawRoute(route.legs) }, t("corridors.show")) : null,
      table({
        columns: [
          { label: t("corridors.from"), cell: (l) => nameOf(entities, l.from) },
          { label: t("corridors.to"), cell: (l) => nameOf(entities, l.to) },
          { label: t("col.mode"), cell: (l) => l.mode },
          { label: t("col.km"), num: true, cell: (l) => fmt(l.km) },
          { label: t("col.hours"), num: true, cell: (l) => (l.source_id ? figureLink({ source_id: l.source_id }, fmt(l.hours)) : fmt(l.hours)) },
        ],
        rows: route.legs,
      })));
  });
}

function scenarioTable(scenarios, entities) {
  return table({
    columns: [
      { label: t("col.scenario"), cell: (s) => s.name },
      { label: t("corridors.from"), cell: (s) => nameOf(entities, s.from) },
      { label: t("corridors.to"), cell: (s) => nameOf(entities, s.to) },
      { label: t("col.baseline_days"), num: true, cell: (s) => fmt(s.baseline_hours / 24) },
      { label: t("col.scenario_days"), num: true, cell: (s) => fmt(s.scenario_hours / 24) },
      { label: t("col.change"), num: true, cell: (s) => fmt((s.scenario_hours - s.baseline_hours) / 24) },
    ],
    rows: scenarios,
    csv: csvHref("/api/scenarios"),
  });
}
