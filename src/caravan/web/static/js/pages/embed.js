import { el, english, loadEntities, nameOf, runPage, sourceHref, t } from "../core.js";
import { lineChart, yearly } from "../charts.js";
import { observations, pair } from "../data.js";

// One indicator between two sides, each side's own figures as a line, the sources of every point under it.
runPage(async (app) => {
  const { indicator, a, b } = document.body.dataset;
  const [entities, rows] = await Promise.all([loadEntities(), observations({ indicator, entity: b })]);
  const trade = indicator.startsWith("trade.");
  const name = (s, c) => (trade ? t("trade.reported_by", { reporter: nameOf(entities, s) }) : `${nameOf(entities, s)} → ${nameOf(entities, c)}`);
  const used = [[a, b], [b, a]].map(([s, c]) => ({ name: name(s, c), rows: pair(rows, s, c) }));
  const series = used.map((u) => ({ name: u.name, points: yearly(u.rows, (r) => r.value_display) })).filter((s) => s.points.length);
  app.append(lineChart(series, { unit: rows[0]?.display_unit ?? "", label: document.querySelector("h1").textContent }));
  const sources = new Map();
  for (const r of used.flatMap((u) => u.rows)) if (r.source_id && !sources.has(r.source_id)) sources.set(r.source_id, r);
  app.append(el("h2", {}, t("embed.sources")), el("ul", { class: "embed-sources" },
    [...sources.values()].map((r) => el("li", {}, el("a", { href: sourceHref(r.source_id) }, english(r.publisher ?? r.source_id)),
      r.source_title ? [" — ", el("span", { lang: r.source_language || "en" }, r.source_title)] : ""))));
});
