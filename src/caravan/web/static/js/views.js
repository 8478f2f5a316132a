// Views several pages share: observation tables and event lists, each figure linked to its source.
import { el, figureLink, href, lang, nameOf, periodOf, shown, t, table, whoseNode } from "./core.js";
import { sparkline } from "./charts.js";

export function observationTable(rows, entities, csv) {
  return table({
    columns: [
      { label: t("col.indicator"), cell: (r) => r.indicator_name ?? r.indicator },
      { label: t("col.subject"), cell: (r) => nameOf(entities, r.subject) },
      { label: t("col.counterpart"), cell: (r) => (r.counterpart ? nameOf(entities, r.counterpart) : "—") },
      { label: t("col.period"), cell: (r) => periodOf(r) },
      { label: t("col.value"), num: true, cell: (r) => figureLink(r) },
      { label: t("col.source"), cell: (r) => whoseNode(r) ?? t("source.derived") },
    ],
    rows,
    csv,
  });
}

/** A headline's figure, in its display unit with its bound, linked to its source. */
export function headlineFigure(h) {
  if (!h.source_id && !h.observation_id) return el("span", { class: "muted" }, h.text);
  if (h.pillar === "institutions") return el("a", { href: href(`/sources/${encodeURIComponent(h.source_id)}`) }, h.text);
  return figureLink({ ...h, id: h.observation_id }, `${shown(h)} (${periodOf(h)})`);
}

/** A headline's date, and a visible mark when the figure is old (its period ended over three years ago). */
export function headlineDate(h) {
  if (!h.as_of || h.pillar === "institutions") return null;
  return el("span", { class: "as-of" },
    el("time", { datetime: h.as_of }, t("headline.as_of", { date: h.as_of })),
    h.old ? [" ", el("span", { class: "badge stale old", title: t("headline.old.title") }, t("headline.old"))] : null);
}

/** A headline card: pillar, figure, date (marked when old), whose figure it is, and a sparkline of its series. */
export function headlineCard(h, { indicator = false } = {}) {
  return el("article", { class: h.old ? "card old" : "card", "data-pillar": h.pillar, "data-old": h.old ? "true" : null },
    el("h3", {}, t(`pillar.${h.pillar}`)),
    el("div", { class: h.pillar === "institutions" ? "figure small" : "figure" }, headlineFigure(h)),
    el("div", { class: "note" }, headlineDate(h)),
    indicator && h.indicator ? el("div", { class: "note" }, h.indicator_name ?? h.indicator) : null,
    h.publisher ? el("div", { class: "note" }, byNode(h)) : null,
    h.series?.length > 1 ? sparkline(h.series.map((p) => ({ x: Number(p.period.slice(0, 4)), y: p.value }))) : null);
}

export function eventList(events, entities) {
  if (!events.length) return el("p", { class: "muted" }, t("status.empty"));
  return el("ol", { class: "timeline" }, events.map((e) => el("li", {},
    el("time", { datetime: e.date }, e.date), " — ",
    el("a", { href: href(`/sources/${encodeURIComponent(e.source_id)}`) }, e[`title_${lang}`] || e.title_en),
    e.participants?.length ? el("span", { class: "note" }, ` (${e.participants.map((p) => nameOf(entities, p)).join(", ")})`) : null)));
}

/** "Source: <whose figure>", the publisher's name marked as English data. */
export function byNode(row) {
  const [before, after] = t("source.by", { publisher: "\u0000" }).split("\u0000");
  return el("span", {}, before, whoseNode(row), after);
}
