import { api, C5, csvHref, el, href, loadEntities, nameOf, runPage, section, t } from "../core.js";
import { barChart, lineChart } from "../charts.js";
import { chartSeries, explored, observations } from "../data.js";
import { observationTable } from "../views.js";
import { importedSections, mirrorSection } from "../trade-analyses.js";

const pairs = (c) => [`CHN:${c}`, `${c}:CHN`];
const exploreCsv = (ps) => `${csvHref("/api/explore", { indicator: "trade.turnover" })}${ps.map((p) => `&pair=${p}`).join("")}`;

runPage(async (app) => {
  const [entities, meta] = await Promise.all([loadEntities(), api("/api/meta")]);
  // Every series as the library chose it (`/api/explore`: one publisher family, one figure a year), each point in
  // the indicator's one display unit, so that no axis mixes scales and no line is a change of source.
  const [turnover, both] = await Promise.all([
    observations({ indicator: "trade.turnover" }), explored("trade.turnover", C5.flatMap(pairs)),
  ]);
  const unit = both.indicator.unit;
  const reporter = (s) => t("trade.reported_by", { reporter: nameOf(entities, s.reporter ?? s.subject) });

  // Time series: China's customs figures for each partner. The legend says whose statistics each line is.
  const byChina = both.series.filter((s) => s.subject === "CHN");
  const series = chartSeries({ ...both, series: byChina }, (s) => `${nameOf(entities, s.counterpart)} (${reporter(s)})`);
  app.append(section(t("trade.series"), el("p", { class: "muted" }, t("trade.series.note")),
    lineChart(series, { unit, label: t("trade.series"), name: "turnover", csv: exploreCsv(C5.map((c) => `CHN:${c}`)) })));

  // Partner shares: the ledger's share-of-group rows (derived by the build, with lineage), latest year.
  const shares = (await observations({ indicator: "trade.turnover.share_of_group", subject: "CHN" })).filter((r) => r.period_kind === "year");
  const latest = shares.map((r) => r.period).sort().at(-1);
  const bars = shares.filter((r) => r.period === latest && C5.includes(r.counterpart))
    .sort((a, b) => b.value_display - a.value_display).map((r) => ({ label: nameOf(entities, r.counterpart), value: r.value_display, row: r }));
  app.append(section(t("trade.shares", { year: latest ?? "—" }), barChart(bars, { unit: "%", label: t("trade.shares", { year: latest }) })));

  // Both sides' figures, partner by partner.
  const sides = el("div", { class: "grid wide" });
  for (const c of C5) {
    const keys = pairs(c);
    const s = chartSeries({ ...both, series: both.series.filter((x) => keys.includes(x.key)) }, reporter);
    sides.append(el("div", { class: "card" }, el("h3", {}, el("a", { href: href(`/country/${c}`) }, nameOf(entities, c))),
      lineChart(s, { unit, width: 420, height: 200, label: nameOf(entities, c), name: `both-sides-${c}`, csv: exploreCsv(keys) })));
  }
  app.append(section(t("trade.both_sides"), el("p", { class: "muted" }, t("trade.both_sides.note")), sides));

  app.append(await mirrorSection(entities, C5));
  await importedSections(app, entities, meta);

  const reported = turnover.filter((r) => r.method !== "derived");
  app.append(section(t("trade.table"), el("details", {}, el("summary", {}, t("trade.table.show", { n: reported.length })),
    observationTable(reported, entities, csvHref("/api/observations", { indicator: "trade.turnover" })))));
});
