import { api, C5, csvHref, el, href, loadEntities, nameOf, runPage, section, t } from "../core.js";
import { barChart, lineChart } from "../charts.js";
import { chartSeries, explored, whoseSeries, observations } from "../data.js";
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
  const reporter = (s) => t("trade.reported_by", { reporter: whoseSeries(entities, s) });

  // Time series: China's customs figures for each partner. The legend says whose statistics each line is.
  const byChina = both.series.filter((s) => s.subject === "CHN");
  const series = chartSeries({ ...both, series: byChina }, (s) => `${nameOf(entities, s.counterpart)} (${reporter(s)})`);
  app.append(section(t("trade.series"), el("p", { class: "muted" }, t("trade.series.note")),
    lineChart(series, { unit, label: t("trade.series"), name: "turnover", csv: exploreCsv(C5.map((c) => `CHN:${c}`)) })));

  // Partner shares (derived by the build, with lineage), in the latest year all five have one, as the library
  // chose it: a later year with some shares missing is named, never drawn as if it were complete.
  const shares = await api("/api/overview/shares");
  const latest = shares.period;
  const bars = [...shares.rows].sort((a, b) => b.value_display - a.value_display)
    .map((r) => ({ label: nameOf(entities, r.counterpart), value: r.value_display, row: r }));
  const later = Object.entries(shares.incomplete).map(([year, lacking]) => el("p", { class: "note shares-incomplete" },
    t("trade.shares.incomplete", { year, countries: lacking.map((c) => nameOf(entities, c)).join(", ") })));
  app.append(section(t("trade.shares", { year: latest ?? "—" }),
    bars.length ? barChart(bars, { unit: "%", label: t("trade.shares", { year: latest }) }) : el("p", { class: "muted" }, t("status.empty")),
    ...later));

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
