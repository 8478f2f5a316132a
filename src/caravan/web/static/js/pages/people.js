import { api, csvHref, downloadLinks, el, figureLink, fmt, href, inLang, loadEntities, nameOf, periodOf, runPage, section, shown, t, table, whose } from "../core.js";
import { lineChart } from "../charts.js";
import { eventList } from "../views.js";

const link = (id, text) => (id ? el("a", { href: href(`/sources/${encodeURIComponent(id)}`), class: "figure-link" }, text) : text);
const when = (f) => {
  const end = new Date(f.period_end);
  return end.getUTCFullYear() + end.getUTCMonth() / 12;
};

runPage(async (app) => {
  const [entities, figures, changes, institutions, visas] = await Promise.all([
    loadEntities(),
    api("/api/people/figures"), api("/api/people/changes"), api("/api/people/institutions"), api("/api/people/visas"),
  ]);
  const pair = (f) => (f.counterpart ? `${nameOf(entities, f.subject)} → ${nameOf(entities, f.counterpart)}` : nameOf(entities, f.subject));

  // Since the Xi'an summit: the people analysis says which series are comparable and by how much they changed.
  const changeColumns = [
      { label: t("col.indicator"), cell: (c) => c.indicator_name },
      { label: t("col.pair"), cell: (c) => pair(c) },
      { label: t("people.before"), num: true, cell: (c) => (c.before ? figureLink({ ...c.before, id: c.before.observation_id }, `${shown(c.before)} (${periodOf(c.before)})`) : "—") },
      { label: t("people.after"), num: true, cell: (c) => (c.after ? figureLink({ ...c.after, id: c.after.observation_id }, `${shown(c.after)} (${periodOf(c.after)})`) : "—") },
      { label: t("col.change_pct"), num: true, cell: (c) => (c.change_percent === null ? "—" : `${c.change_bound && c.change_bound !== "exact" ? t(`bound.${c.change_bound}`) + " " : ""}${c.change_percent > 0 ? "+" : ""}${fmt(c.change_percent)}%`) },
      { label: t("people.explanation"), cell: (c) => el("span", { class: "note" }, c.explanation) },
  ];
  app.append(section(t("people.changes"), el("p", { class: "muted" }, t("people.changes.note")),
    table({ columns: changeColumns, rows: changes.filter((c) => c.comparable), csv: csvHref("/api/people/changes") }),
    el("details", {}, el("summary", {}, t("people.changes.all", { n: changes.length })), table({ columns: changeColumns, rows: changes }))));

  // Each indicator over time: one series per pair and kind of period (a running total is never joined to
  // yearly figures), every point in the indicator's one display unit (value_display), the legend naming
  // whose figures they are; a line only joins consecutive years.
  const byIndicator = new Map();
  for (const f of figures) {
    if (!byIndicator.has(f.indicator)) byIndicator.set(f.indicator, []);
    byIndicator.get(f.indicator).push(f);
  }
  const charts = el("div", { class: "grid wide" });
  for (const [indicator, rows] of byIndicator) {
    const drawn = rows.filter((r) => r.period_kind !== "year-to-date" && r.period_kind !== "month" && r.value_display !== null);
    const kinds = new Set(drawn.map((r) => r.period_kind));
    const groups = new Map();
    for (const f of drawn) {
      const key = `${pair(f)}|${f.period_kind}`;
      if (!groups.has(key)) groups.set(key, { pair: pair(f), kind: f.period_kind, points: new Map() });
      const points = groups.get(key).points;
      const x = when(f);
      if (!points.has(x)) points.set(x, { x, y: f.value_display, row: f });
    }
    const series = [...groups.values()].slice(0, 6).map((g) => {
      const points = [...g.points.values()].sort((a, b) => a.x - b.x);
      const reporters = [...new Set(points.map((p) => whose(p.row)).filter(Boolean))];
      const by = reporters.length ? ` — ${reporters.slice(0, 2).join("; ")}${reporters.length > 2 ? "; …" : ""}` : "";
      const kind = kinds.size > 1 ? ` (${t(`period_kind.${g.kind}`)})` : "";
      return { name: `${g.pair}${kind}${by}`, points };
    });
    charts.append(el("article", { class: "card", "data-indicator": indicator }, el("h3", {}, rows[0].indicator_name),
      lineChart(series, { unit: rows[0].display_unit, unitLabel: rows[0].unit_label, width: 460, height: 220, label: rows[0].indicator_name })));
  }
  app.append(section(t("people.over_time"), charts,
    downloadLinks(csvHref("/api/people/figures"))));

  app.append(section(t("people.institutions"), table({
    columns: [
      { label: t("col.name"), cell: (i) => inLang(i, "name") },
      { label: t("col.kind"), cell: (i) => i.kind_label ?? i.kind },
      { label: t("col.country"), cell: (i) => (i.country ? nameOf(entities, i.country) : "—") },
      { label: t("col.city"), cell: (i) => (i.city ? nameOf(entities, i.city) : "—") },
      { label: t("col.opened"), cell: (i) => link(i.source_id, i.opened ?? "—") },
    ],
    rows: institutions,
    csv: csvHref("/api/people/institutions"),
  })));
  app.append(section(t("people.visas"), eventList(visas, entities)));
});
