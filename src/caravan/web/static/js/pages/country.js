import { api, C5, COUNTRIES, csvHref, el, figureLink, fmt, href, loadEntities, nameOf, periodOf, runPage, section, t, table } from "../core.js";
import { lineChart } from "../charts.js";
import { chartSeries, explored, whoseSeries, loadIndicators, observations } from "../data.js";
import { drawMap, entityNodes } from "../map.js";
import { mirrorSection, productBars } from "../trade-analyses.js";
import { eventList, headlineCard, observationTable } from "../views.js";

const link = (id, text) => (id ? el("a", { href: href(`/sources/${encodeURIComponent(id)}`), class: "figure-link" }, text) : text);

runPage(async (app, code) => {
  const [entities, indicators, headlines, meta, network] = await Promise.all([
    loadEntities(), loadIndicators(), api("/api/overview"), api("/api/meta"), api("/api/network"),
  ]);
  const region = code === "CHN";
  app.append(el("nav", { "aria-label": t("page.country") }, el("ul", { class: "pill-list" },
    COUNTRIES.map((c) => el("li", {}, el("a", { href: href(`/country/${c}`), "aria-current": c === code ? "page" : null }, nameOf(entities, c)))))));

  app.append(section(t("country.headlines"), el("div", { class: "grid" }, headlines.filter((h) => h.country === code).map((h) => headlineCard(h)))));

  // The map: the country, and the network's places and links in it.
  const here = new Set(network.nodes.filter((n) => region || n.country === code).map((n) => n.id));
  const edges = network.edges.filter((e) => here.has(e.source) || here.has(e.target));
  const places = new Map(network.nodes.map((n) => [n.id, n]));
  const nodeName = (id) => nameOf(entities.has(id) ? entities : places, id);
  const mapBox = el("div", { class: "map-box" });
  app.append(section(t("country.map"), mapBox));
  await drawMap(mapBox, {
    entities, selected: code, label: nameOf(entities, code),
    nodes: network.nodes.length
      ? network.nodes.filter((n) => here.has(n.id)).map((n) => ({ ...n, label: nodeName(n.id), showLabel: true }))
      : entityNodes(new Map([...entities].filter(([, e]) => region || e.parent === code)), null, []),
    edges: edges.filter((e) => e.coords).map((e) => ({ ...e, label: `${nodeName(e.source)} – ${nodeName(e.target)}` })),
  });

  // Trade over time, both sides' figures: China's customs (CHN→X) and the partner's own statistics (X→CHN).
  const other = region ? "C5" : code;
  // Each side's series as the library chose it (one publisher family, one figure a year), in the indicator's one
  // display unit, so the axis has one scale and no line is a change of source.
  const trade = await explored("trade.turnover", [`CHN:${other}`, `${other}:CHN`]);
  const series = chartSeries(trade, (s) => t("trade.reported_by", { reporter: whoseSeries(entities, s) }));
  const embed = href("/embed/chart", { indicator: "trade.turnover", a: "CHN", b: other });
  app.append(section(t("country.trade"), lineChart(series, {
    unit: series[0]?.points[0]?.row.display_unit ?? trade.indicator.unit, label: t("country.trade"), name: `trade-${other}`,
    csv: `${csvHref("/api/explore", { indicator: "trade.turnover" })}&pair=CHN:${other}&pair=${other}:CHN`,
  }),
    el("p", { class: "note" }, el("a", { href: embed, class: "embed-link" }, t("embed.link")))));
  if (!region) app.append(await mirrorSection(entities, [code]));

  // Top products, where a product-level dataset (BACI, Comtrade) is imported.
  if ((meta.trade_datasets?.trade_flow ?? []).length) {
    const summary = await api("/api/trade/summary", { partners: region ? C5.join(",") : code });
    const latest = Math.max(...summary.rows.map((r) => r.year));
    const products = await api("/api/trade/products", { year: latest, importers: region ? C5.join(",") : code, limit: 10 });
    app.append(section(t("trade.products", { year: latest }), productBars(products)));
  }

  const all = await observations({ entity: region ? "C5" : code, derived: false });
  const csv = csvHref("/api/observations", { entity: region ? "C5" : code, derived: false });
  for (const pillar of ["investment", "energy"]) {
    app.append(section(t(`pillar.${pillar}`), observationTable(all.filter((r) => indicators.get(r.indicator)?.pillar === pillar), entities, csv)));
  }

  app.append(section(t("country.corridors"), edges.length ? table({
    columns: [
      { label: t("corridors.from"), cell: (e) => nodeName(e.source) },
      { label: t("corridors.to"), cell: (e) => nodeName(e.target) },
      { label: t("col.mode"), cell: (e) => t(`mode.${e.mode}`) },
      { label: t("col.status"), cell: (e) => t(`linkstatus.${e.status}`) },
      { label: t("col.km"), num: true, cell: (e) => fmt(e.length_km) },
      { label: t("col.source"), cell: (e) => el("span", {}, e.sources.map((s, i) => [i ? ", " : "", link(s, String(i + 1))])) },
    ],
    rows: edges,
    csv: csvHref("/api/network"),
  }) : observationTable(all.filter((r) => indicators.get(r.indicator)?.pillar === "transport"), entities, csv)));

  const people = await api("/api/people/figures", { country: region ? null : code });
  app.append(section(t("pillar.people"), table({
    columns: [
      { label: t("col.indicator"), cell: (f) => f.indicator_name },
      { label: t("col.pair"), cell: (f) => (f.counterpart ? `${nameOf(entities, f.subject)} → ${nameOf(entities, f.counterpart)}` : nameOf(entities, f.subject)) },
      { label: t("col.period"), cell: (f) => periodOf(f) },
      { label: t("col.value"), num: true, cell: (f) => figureLink({ ...f, id: f.observation_id }) },
    ],
    rows: people,
    csv: csvHref("/api/people/figures", { country: region ? null : code }),
  })));

  const events = (await api("/api/timeline")).filter((e) => region || (e.participants || []).includes(code));
  app.append(section(t("country.events"), eventList(events, entities)));
});
