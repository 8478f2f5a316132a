// Sections drawn from the trade analyses (caravan.trade): mirror gaps always (they use the ledger's own
// figures), and summaries, China's position and product composition where bulk trade data is imported.
import { api, C5, csvHref, downloadLinks, el, fmt, href, nameOf, section, t, table } from "./core.js";
import { barChart, lineChart, unitText } from "./charts.js";

const link = (id, text) => (id ? el("a", { href: href(`/sources/${encodeURIComponent(id)}`), class: "figure-link" }, text) : text);

/**
 * Money of a trade result in the one display unit the server chose for it (`result.display`: unit and
 * how many USD one unit is): the page divides by that scale and formats, it picks no scale itself.
 */
export function money(result) {
  const { unit, scale } = result.display;
  return {
    unit,
    label: result.display.label ?? unitText(unit),
    value: (v) => (v === null || v === undefined ? null : v / scale),
    text: (v) => (v === null || v === undefined ? "—" : fmt(v / scale)),
  };
}

/** A point's row: its figure in the display unit, and the first of the sources behind its own row. */
const cited = (result, i, value, unit) => ({ value, unit, display_unit: unit, source_id: result.row_sources[i]?.[0] ?? null });

/** The mirror-gap section for some partners: the gap chart and the table of both sides' figures. */
export async function mirrorSection(entities, partners) {
  const result = await api("/api/trade/mirror", { b: partners.join(",") });
  const usd = money(result);
  // The ratio as the server means it (`shown[i].ratio_pct`: a derived percentage to a tenth of a point).
  const turnover = result.rows.map((r, i) => ({ r, pct: result.shown[i]?.ratio_pct ?? null })).filter(({ r }) => r.measure === "turnover");
  const series = partners.map((c) => ({
    name: nameOf(entities, c),
    points: turnover.filter(({ r, pct }) => r.partner === c && pct !== null)
      .map(({ r, pct }) => ({ x: r.year, y: pct, row: { value: pct, value_shown: pct, unit: "%", display_unit: "%", method: "derived", source_id: r.second_source, publisher: r.reported_by_second } })),
  })).filter((s) => s.points.length);
  const ratioOf = new Map(result.rows.map((r, i) => [r, result.shown[i]?.ratio_pct ?? null]));
  return section(t("trade.mirror"), el("p", { class: "muted" }, t("trade.mirror.note")),
    lineChart(series, { unit: "%", unitLabel: t("trade.mirror.ratio"), label: t("trade.mirror") }),
    collapsible(partners.length > 1, t("trade.mirror.table"), table({
      columns: [
        { label: t("col.year"), cell: (r) => r.year },
        { label: t("col.flow"), cell: (r) => `${nameOf(entities, r.reported_by_first)} ${r.measure === "turnover" ? "↔" : "→"} ${nameOf(entities, r.reported_by_second)}` },
        { label: `${t("trade.first")} (${usd.label})`, num: true, cell: (r) => link(r.first_source, usd.text(r.first_reports)) },
        { label: `${t("trade.second")} (${usd.label})`, num: true, cell: (r) => link(r.second_source, usd.text(r.second_reports)) },
        { label: `${t("trade.gap")} (${usd.label})`, num: true, cell: (r) => usd.text(r.gap) },
        { label: t("trade.ratio"), num: true, cell: (r) => (ratioOf.get(r) === null ? "—" : `${fmt(ratioOf.get(r))}%${r.far_apart ? ` (${t("trade.mirror.far")})` : ""}`) },
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
  const usd = money(summary);
  const years = summary.rows.map((r) => r.year);
  const latest = Math.max(...years);
  const reporter = nameOf(entities, summary.rows[0]?.country ?? "CHN");
  const indexed = summary.rows.map((r, i) => ({ r, i }));
  app.append(section(t("trade.summary"), el("p", { class: "note" }, `${summary.title}. ${summary.notes.join(" ")}`),
    lineChart(C5.map((c) => ({
      name: `${nameOf(entities, c)} (${t("trade.reported_by", { reporter })})`,
      points: indexed.filter(({ r }) => r.partner === c && r.turnover !== null)
        .map(({ r, i }) => ({ x: r.year, y: usd.value(r.turnover), row: cited(summary, i, usd.value(r.turnover), usd.unit) })),
    })), { unit: usd.unit, label: t("trade.summary") }),
    table({
      columns: ["year", "partner", "exports", "imports", "turnover", "balance", "turnover_yoy_pct"].map((c) => ({
        label: summary.units[c] === "USD" ? `${t(`col.${c}`)} (${usd.label})` : t(`col.${c}`), num: !["year", "partner"].includes(c),
        cell: (r) => (c === "partner" ? nameOf(entities, r.partner) : c === "year" ? r.year : summary.units[c] === "USD" ? usd.text(r[c]) : fmt(percent(summary, r, c))),
      })),
      rows: summary.rows.filter((r) => r.year === latest),
      csv: csvHref("/api/trade/summary"),
    }),
    sourcesNote(summary)));
  const position = await api("/api/trade/position", { year: latest });
  app.append(section(t("trade.position", { year: latest }), barChart(position.rows.map((r, i) => ({
    label: nameOf(entities, r.country), value: position.shown[i].share_pct, row: cited(position, i, position.shown[i].share_pct, "%") })), { unit: "%" }),
  table({
    columns: [
      { label: t("col.country"), cell: (r) => nameOf(entities, r.country) },
      { label: t("trade.rank"), num: true, cell: (r) => r.rank },
      { label: t("trade.share"), num: true, cell: (r) => fmt(percent(position, r, "share_pct")) },
      { label: t("trade.largest"), cell: (r) => nameOf(entities, r.largest_partner) },
    ],
    rows: position.rows,
    csv: csvHref("/api/trade/position", { year: latest }),
  }), sourcesNote(position)));
  if (flows.length) {
    const products = await api("/api/trade/products", { year: latest, limit: 15 });
    app.append(section(t("trade.products", { year: latest }), productBars(products),
    downloadLinks(csvHref("/api/trade/products", { year: latest, limit: 15 })), sourcesNote(products)));
  }
}

/** The products of a trade result as bars, in its display unit, each linked to the sources of its own row. */
export function productBars(products) {
  const usd = money(products);
  return barChart(products.rows.map((r, i) => ({
    label: String(r.name ?? r.code).slice(0, 28), value: usd.value(r.value_usd), row: cited(products, i, usd.value(r.value_usd), usd.unit) })),
  { unit: usd.label });
}

/** A row's percentage column as the server means it (`result.shown`), never rounded here. */
function percent(result, row, column) {
  const at = result.rows.indexOf(row);
  return result.shown?.[at]?.[column] ?? row[column];
}

function sourcesNote(result) {
  return el("p", { class: "note" }, `${t("col.source")}: `, result.sources.map((s, i) => [i ? "; " : "", link(s.id, s.publisher)]));
}

function collapsible(collapse, summary, content) {
  return collapse ? el("details", {}, el("summary", {}, summary), content) : content;
}
