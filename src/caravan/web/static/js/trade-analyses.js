// Sections drawn from the trade analyses (summaries, partners, mirror gaps), when installed.
import { api, csvHref, el, figureLink, fmt, nameOf, section, t, table } from "./core.js";
import { barChart } from "./charts.js";

export async function tradeAnalyses(app, entities, caps) {
  if (!caps.trade_mirror) {
    app.append(section(t("trade.mirror"), el("p", { class: "muted" }, t("analysis.pending"))));
    return;
  }
  const gaps = await api("/api/trade/mirror");
  app.append(section(t("trade.mirror"), el("p", { class: "muted" }, t("trade.mirror.note")),
    barChart(gaps.filter((g) => g.gap_share !== null).map((g) => ({ label: `${nameOf(entities, g.partner)} ${g.year}`, value: Math.abs(g.gap_share), row: g.row })), { unit: "%" }),
    table({
      columns: [
        { label: t("col.partner"), cell: (g) => nameOf(entities, g.partner) },
        { label: t("col.year"), cell: (g) => g.year },
        { label: t("col.value"), num: true, cell: (g) => fmt(g.gap_share) },
      ],
      rows: gaps,
      csv: csvHref("/api/trade/mirror"),
    })));
  void figureLink;
}
