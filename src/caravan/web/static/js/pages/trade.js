import { api, C5, csvHref, el, href, loadEntities, nameOf, runPage, section, t } from "../core.js";
import { barChart, lineChart, yearly } from "../charts.js";
import { observations, pair } from "../data.js";
import { observationTable } from "../views.js";
import { importedSections, mirrorSection } from "../trade-analyses.js";

// Every point in the indicator's one display unit (value_display), so that no axis mixes scales.
const display = (r) => r.value_display;

runPage(async (app) => {
  const [entities, meta] = await Promise.all([loadEntities(), api("/api/meta")]);
  const turnover = await observations({ indicator: "trade.turnover" });

  // Time series: China's customs figures for each partner, as the ledger cites them.
  const unit = turnover[0]?.display_unit ?? "";
  // The legend says whose statistics each line is: China's customs.
  const byChina = t("trade.reported_by", { reporter: nameOf(entities, "CHN") });
  const series = C5.map((c) => ({ name: `${nameOf(entities, c)} (${byChina})`, points: yearly(pair(turnover, "CHN", c), display) }));
  app.append(section(t("trade.series"), el("p", { class: "muted" }, t("trade.series.note")),
    lineChart(series, { unit, label: t("trade.series"), name: "turnover", csv: csvHref("/api/observations", { indicator: "trade.turnover" }) })));

  // Partner shares: the ledger's share-of-group rows (derived by the build, with lineage), latest year.
  const shares = (await observations({ indicator: "trade.turnover.share_of_group", subject: "CHN" })).filter((r) => r.period_kind === "year");
  const latest = shares.map((r) => r.period).sort().at(-1);
  const bars = shares.filter((r) => r.period === latest && C5.includes(r.counterpart))
    .sort((a, b) => b.value_display - a.value_display).map((r) => ({ label: nameOf(entities, r.counterpart), value: r.value_display, row: r }));
  app.append(section(t("trade.shares", { year: latest ?? "—" }), barChart(bars, { unit: "%", label: t("trade.shares", { year: latest }) })));

  // Both sides' figures, partner by partner.
  const sides = el("div", { class: "grid wide" });
  for (const c of C5) {
    const s = [
      { name: t("trade.reported_by", { reporter: nameOf(entities, "CHN") }), points: yearly(pair(turnover, "CHN", c), display) },
      { name: t("trade.reported_by", { reporter: nameOf(entities, c) }), points: yearly(pair(turnover, c, "CHN"), display) },
    ];
    sides.append(el("div", { class: "card" }, el("h3", {}, el("a", { href: href(`/country/${c}`) }, nameOf(entities, c))),
      lineChart(s, { unit, width: 420, height: 200, label: nameOf(entities, c), name: `both-sides-${c}` })));
  }
  app.append(section(t("trade.both_sides"), el("p", { class: "muted" }, t("trade.both_sides.note")), sides));

  app.append(await mirrorSection(entities, C5));
  await importedSections(app, entities, meta);

  const reported = turnover.filter((r) => r.method !== "derived");
  app.append(section(t("trade.table"), el("details", {}, el("summary", {}, t("trade.table.show", { n: reported.length })),
    observationTable(reported, entities, csvHref("/api/observations", { indicator: "trade.turnover" })))));
});
