import { el, english, loadEntities, nameOf, runPage, sourceHref, t } from "../core.js";
import { lineChart } from "../charts.js";
import { chartSeries, explored, whoseSeries } from "../data.js";

// One indicator between two sides, each side's own figures as a line, the sources of every point under it.
runPage(async (app) => {
  const { indicator, a, b } = document.body.dataset;
  // Each side's series as the library chose it (one publisher family, one figure a period), as the explorer shows it.
  const [entities, result] = await Promise.all([loadEntities(), explored(indicator, [`${a}:${b}`, `${b}:${a}`])]);
  const trade = indicator.startsWith("trade.");
  const name = (s) => (trade ? t("trade.reported_by", { reporter: whoseSeries(entities, s) }) : `${nameOf(entities, s.subject)} → ${nameOf(entities, s.counterpart)}`);
  const series = chartSeries(result, name);
  app.append(lineChart(series, { unit: series[0]?.points[0]?.row.display_unit ?? result.indicator.unit, label: document.querySelector("h1").textContent }));
  const sources = new Map();
  for (const r of series.flatMap((s) => s.points.map((p) => p.row))) if (r.source_id && !sources.has(r.source_id)) sources.set(r.source_id, r);
  app.append(el("h2", {}, t("embed.sources")), el("ul", { class: "embed-sources" },
    [...sources.values()].map((r) => el("li", {}, el("a", { href: sourceHref(r.source_id) }, english(r.publisher ?? r.source_id)),
      r.source_title ? [" — ", el("span", { lang: r.source_language || "en" }, r.source_title)] : ""))));
});
