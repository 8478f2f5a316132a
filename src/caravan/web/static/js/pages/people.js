import { csvHref, el, loadEntities, nameOf, runPage, section, t } from "../core.js";
import { lineChart, yearly } from "../charts.js";
import { loadIndicators, observations } from "../data.js";
import { observationTable } from "../views.js";

runPage(async (app) => {
  const [entities, indicators] = await Promise.all([loadEntities(), loadIndicators()]);
  const people = [...indicators.values()].filter((i) => i.pillar === "people" && !i.derived && i.observations > 0);
  if (!people.length) {
    app.append(el("p", { class: "muted" }, t("people.none")));
    return;
  }
  for (const indicator of people) {
    const rows = (await observations({ indicator: indicator.id, derived: false }));
    const pairs = new Map();
    for (const r of rows.filter((r) => r.period_kind === "year" || r.period_kind === "academic-year" || r.period_kind === "as-of")) {
      const key = `${r.subject}→${r.counterpart ?? ""}`;
      if (!pairs.has(key)) pairs.set(key, []);
      pairs.get(key).push(r);
    }
    const series = [...pairs.entries()].slice(0, 6).map(([key, list]) => {
      const [s, c] = key.split("→");
      return { name: c ? `${nameOf(entities, s)} → ${nameOf(entities, c)}` : nameOf(entities, s), points: yearly(list, (r) => r.value) };
    });
    app.append(section(indicator.name, el("p", { class: "note" }, indicator.definition ?? ""),
      lineChart(series, { unit: indicator.unit, label: indicator.name }),
      observationTable(rows, entities, csvHref("/api/observations", { indicator: indicator.id }))));
  }
});
