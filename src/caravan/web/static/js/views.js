// Views several pages share: observation tables and event lists, each figure linked to its source.
import { el, figureLink, href, lang, nameOf, t, table } from "./core.js";

export function observationTable(rows, entities, csv) {
  return table({
    columns: [
      { label: t("col.indicator"), cell: (r) => r.indicator },
      { label: t("col.subject"), cell: (r) => nameOf(entities, r.subject) },
      { label: t("col.counterpart"), cell: (r) => (r.counterpart ? nameOf(entities, r.counterpart) : "—") },
      { label: t("col.period"), cell: (r) => r.period },
      { label: t("col.value"), num: true, cell: (r) => figureLink(r) },
      { label: t("col.source"), cell: (r) => r.publisher ?? t("source.derived") },
    ],
    rows,
    csv,
  });
}

export function eventList(events, entities) {
  if (!events.length) return el("p", { class: "muted" }, t("status.empty"));
  return el("ol", { class: "timeline" }, events.map((e) => el("li", {},
    el("time", { datetime: e.date }, e.date), " — ",
    el("a", { href: href(`/sources/${encodeURIComponent(e.source_id)}`) }, e[`title_${lang}`] || e.title_en),
    e.participants?.length ? el("span", { class: "note" }, ` (${e.participants.map((p) => nameOf(entities, p)).join(", ")})`) : null)));
}
