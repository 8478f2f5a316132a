import { api, COUNTRIES, C5, csvHref, el, figureLink, href, loadEntities, nameOf, runPage, section, t, table } from "../core.js";
import { lineChart, sparkline, yearly } from "../charts.js";
import { capabilities, loadIndicators, observations, pair } from "../data.js";
import { drawMap, entityNodes } from "../map.js";
import { eventList, observationTable } from "../views.js";
import { mirrorSection } from "../trade-analyses.js";

runPage(async (app, code) => {
  const [entities, indicators, headlines] = await Promise.all([loadEntities(), loadIndicators(), api("/api/overview")]);
  const h1 = document.querySelector("h1");
  h1.textContent = code === "CHN" ? t("country.china_view") : `${t("page.country")}: ${nameOf(entities, code)}`;
  app.append(el("nav", { "aria-label": t("page.country") }, el("ul", { class: "pill-list" },
    COUNTRIES.map((c) => el("li", {}, el("a", { href: href(`/country/${c}`), "aria-current": c === code ? "page" : null }, nameOf(entities, c)))))));

  const mine = headlines.filter((h) => h.country === code);
  app.append(section(t("country.headlines"), el("div", { class: "grid" }, mine.map((h) =>
    el("article", { class: "card" }, el("h3", {}, t(`pillar.${h.pillar}`)),
      el("div", { class: "figure" }, h.observation_id ? figureLink({ ...h, id: h.observation_id }, h.text) : h.text),
      h.series?.length > 1 ? sparkline(h.series.map((p) => ({ x: Number(p.period.slice(0, 4)), y: p.value }))) : null)))));

  const mapBox = el("div", { class: "map-box" });
  app.append(section(t("country.map"), mapBox));
  const inside = (e) => (code === "CHN" ? true : e.parent === code);
  await drawMap(mapBox, {
    entities, selected: code, label: nameOf(entities, code),
    nodes: entityNodes(new Map([...entities].filter(([, e]) => inside(e))), null, []),
  });

  // Trade over time, both sides' figures: China's customs (CHN→X) and the partner's own statistics (X→CHN).
  const trade = await observations({ indicator: "trade.turnover", entity: code === "CHN" ? "C5" : code });
  const others = code === "CHN" ? "C5" : code;
  const series = [
    { name: t("trade.reported_by", { reporter: nameOf(entities, "CHN") }), points: yearly(pair(trade, "CHN", others)) },
    { name: t("trade.reported_by", { reporter: nameOf(entities, others) }), points: yearly(pair(trade, others, "CHN")) },
  ].filter((s) => s.points.length);
  app.append(section(t("country.trade"), lineChart(series.map((s) => ({ ...s, points: s.points.map((p) => ({ ...p, y: p.row.value_std / 1e9 })) })),
    { unit: t("unit.bn_usd"), label: t("country.trade") })));

  const caps = await capabilities();
  if (caps.trade_mirror && code !== "CHN") app.append(await mirrorSection(entities, [code]));

  const all = await observations({ entity: code, derived: false });
  const byPillar = (pillar) => all.filter((r) => indicators.get(r.indicator)?.pillar === pillar);
  for (const pillar of ["investment", "transport", "energy", "people"]) {
    const rows = byPillar(pillar);
    app.append(section(t(`pillar.${pillar}`), observationTable(rows, entities, csvHref("/api/observations", { entity: code, derived: false }))));
  }

  const corridors = [...entities.values()].filter((e) => ["crossing", "line", "port", "station", "terminal", "pipeline", "project"].includes(e.kind)
    && (code === "CHN" || e.parent === code || (e.id.includes(code.toLowerCase()))));
  app.append(section(t("country.corridors"), table({
    columns: [
      { label: t("col.name"), cell: (e) => nameOf(entities, e.id) },
      { label: t("col.kind"), cell: (e) => e.kind },
      { label: t("col.status"), cell: (e) => e.attributes?.status ?? "—" },
    ],
    rows: corridors,
  })));

  const events = (await api("/api/timeline")).filter((e) => code === "CHN" || (e.participants || []).includes(code));
  app.append(section(t("country.events"), eventList(events, entities)));
  if (code === "CHN") {
    app.append(section(t("country.partners"), el("ul", { class: "pill-list" }, C5.map((c) => el("li", {}, el("a", { href: href(`/country/${c}`) }, nameOf(entities, c)))))));
  }
});

