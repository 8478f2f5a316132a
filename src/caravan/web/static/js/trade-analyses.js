// Sections drawn from the trade analyses (caravan.trade): mirror gaps always (they use the ledger's own
// figures), and summaries, China's position and product composition where bulk trade data is imported.
import { api, C5, csvHref, el, fmt, href, nameOf, section, t, table } from "./core.js";
import { barChart, lineChart } from "./charts.js";

const link = (id, text) => (id ? el("a", { href: href(`/sources/${encodeURIComponent(id)}`), class: "figure-link" }, text) : text);
const bn = (v) => (v === null || v === undefined ? "—" : fmt(v / 1e9));

/** The mirror-gap section for some partners: the gap chart and the table of both sides' figures. */
export async function mirrorSection(entities, partners) {
  const result = await api("/api/trade/mirror", { b: partners.join(",") });
  const turnover = result.rows.filter((r) => r.flow.includes("<->"));
  const partnerOf = (r) => r.flow.split(" ").at(-1);
  const series = partners.map((c) => ({
    name: nameOf(entities, c),
    points: turnover.filter((r) => partnerOf(r) === c && r.ratio !== null)
      .map((r) => ({ x: r.year, y: r.ratio * 100, row: { value: r.ratio * 100, unit: "%", source_id: r.second_source, publisher: r.reported_by_second } })),
  })).filter((s) => s.points.length);
  return section(t("trade.mirror"), el("p", { class: "muted" }, t("trade.mirror.note")),
    lineChart(series, { unit: t("trade.mirror.ratio"), label: t("trade.mirror") }),
    collapsible(partners.length > 1, t("trade.mirror.table"), table({
      columns: [
        { label: t("col.year"), cell: (r) => r.year },
        { label: t("col.flow"), cell: (r) => r.flow },
        { label: t("trade.first"), num: true, cell: (r) => link(r.first_source, bn(r.first_reports)) },
        { label: t("trade.second"), num: true, cell: (r) => link(r.second_source, bn(r.second_reports)) },
        { label: t("trade.gap"), num: true, cell: (r) => bn(r.gap) },
        { label: t("trade.ratio"), num: true, cell: (r) => (r.ratio === null ? "—" : fmt(r.ratio)) },
      ],
      rows: result.rows,
      csv: csvHref("/api/trade/mirror", { b: partners.join(",") }),
    })),
    el("p", { class: "note" }, result.notes.join(" ")));
}

/** Sections that need imported bulk trade data (IMF DOTS, BACI, Comtrade). */
export async function importedSections(app, entities, meta) {
  const totals = meta.trade_datasets?.trade_total ?? [];
  const flows = meta.trade_datasets?.trade_flow ?? [];
  if (!totals.length && !flows.length) {
    app.append(section(t("trade.imported"), el("p", { class: "muted" }, t("trade.imported.none"))));
    return;
  }
  const summary = await api("/api/trade/summary");
  const years = summary.rows.map((r) => r.year);
  const latest = Math.max(...years);
  app.append(section(t("trade.summary"), el("p", { class: "note" }, `${summary.title}. ${summary.notes.join(" ")}`),
    lineChart(C5.map((c) => ({ name: nameOf(entities, c), points: summary.rows.filter((r) => r.partner === c)
      .map((r) => ({ x: r.year, y: r.turnover / 1e9, row: { value: r.turnover / 1e9, unit: "bn USD", source_id: summary.sources[0]?.id } })) })),
    { unit: t("unit.bn_usd") }),
    table({
      columns: ["year", "partner", "exports", "imports", "turnover", "balance", "turnover_yoy_pct"].map((c) => ({
        label: t(`col.${c}`), num: !["year", "partner"].includes(c),
        cell: (r) => (c === "partner" ? nameOf(entities, r.partner) : c === "year" ? r.year : c.endsWith("pct") ? fmt(r[c]) : bn(r[c])),
      })),
      rows: summary.rows.filter((r) => r.year === latest),
      csv: csvHref("/api/trade/summary"),
    }),
    sourcesNote(summary)));
  const position = await api("/api/trade/position", { year: latest });
  app.append(section(t("trade.position", { year: latest }), barChart(position.rows.map((r) => ({
    label: nameOf(entities, r.country), value: r.share_pct, row: { source_id: position.sources[0]?.id } })), { unit: "%" }),
  table({
    columns: [
      { label: t("col.country"), cell: (r) => nameOf(entities, r.country) },
      { label: t("trade.rank"), num: true, cell: (r) => r.rank },
      { label: t("trade.share"), num: true, cell: (r) => fmt(r.share_pct) },
      { label: t("trade.largest"), cell: (r) => nameOf(entities, r.largest_partner) },
    ],
    rows: position.rows,
    csv: csvHref("/api/trade/position", { year: latest }),
  }), sourcesNote(position)));
  if (flows.length) {
    const products = await api("/api/trade/products", { year: latest, limit: 15 });
    app.append(section(t("trade.products", { year: latest }), barChart(products.rows.map((r) => ({
      label: String(r.name ?? r.code).slice(0, 28), value: r.value_usd / 1e9, row: { source_id: products.sources[0]?.id } })), { unit: t("unit.bn_usd") }),
    el("p", {}, el("a", { href: csvHref("/api/trade/products", { year: latest, limit: 15 }), download: "" }, t("action.csv"))), sourcesNote(products)));
  }
}

function sourcesNote(result) {
  return el("p", { class: "note" }, `${t("col.source")}: `, result.sources.map((s, i) => [i ? "; " : "", link(s.id, s.publisher)]));
}

function collapsible(collapse, summary, content) {
  return collapse ? el("details", {}, el("summary", {}, summary), content) : content;
}
