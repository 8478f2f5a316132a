import { api, csvHref, downloadLinks, el, english, figureLink, fmt, href, inLang, lang, loadEntities, nameOf, periodOf, runPage, section, shown, t, table } from "../core.js";
import { eventList } from "../views.js";

const link = (id, text) => (id ? el("a", { href: href(`/sources/${encodeURIComponent(id)}`), class: "figure-link" }, text) : text);
const slug = (s) => String(s ?? "").replace(/[^a-z]+/gi, "-");

const STATUSES = ["done", "in-progress", "announced", "lapsed", "unknown"];
const titleOf = (tally) => tally.title[lang] ?? tally.title.en ?? tally.event_id;

runPage(async (app) => {
  // The view is in the address (?summit=…&pillar=…&status=…), so a filtered tracker can be shared.
  const query = new URLSearchParams(window.location.search);
  const chosen = { summit: query.get("summit") || null, pillar: query.get("pillar") || null, status: query.get("status") || null };
  const [entities, tallies, commitments] = await Promise.all([
    loadEntities(), api("/api/commitments/summits"), api("/api/commitments", chosen),
  ]);
  app.append(section(t("institutions.by_summit"), summitTable(tallies), filterForm(tallies, chosen)));
  const counts = {};
  for (const c of commitments) counts[c.assessed_status] = (counts[c.assessed_status] ?? 0) + 1;
  const current = tallies.find((x) => x.event_id === chosen.summit);
  app.append(section(current ? `${t("institutions.commitments")}: ${titleOf(current)}` : t("institutions.commitments"),
    el("p", {}, Object.entries(counts).map(([s, n]) => [el("span", { class: `badge ${slug(s)}` }, `${t(`commitment.${s}`)}: ${n}`), " "])),
    table({
      columns: [
        { label: t("col.commitment"), cell: (c) => el("span", {}, inLang(c, "text"), " ", c.source_id ? link(c.source_id, english(`[${c.publisher ?? c.source_id}]`)) : null) },
        { label: t("col.made_on"), cell: (c) => c.made_on },
        { label: t("col.pillar"), cell: (c) => t(`pillar.${c.pillar}`) },
        { label: t("col.countries"), cell: (c) => (c.countries || []).map((x) => nameOf(entities, x)).join(", ") },
        { label: t("col.status"), cell: (c) => statusCell(c) },
        { label: t("col.progress"), cell: (c) => progressCell(c) },
        { label: t("col.evidence"), cell: (c) => evidenceCell(c) },
      ],
      rows: commitments,
      csv: csvHref("/api/commitments", chosen),
      empty: t("institutions.none"),
    })));
  const events = await api("/api/timeline");
  app.append(section(t("institutions.timeline"), eventList(events, entities),
    downloadLinks(csvHref("/api/timeline"))));
});

/** One row per summit (or visit) that made commitments: how many, and how many in each status. */
function summitTable(tallies) {
  return table({
    columns: [
      { label: t("col.summit"), cell: (x) => el("a", { href: href("/institutions", { summit: x.event_id }) }, titleOf(x)) },
      { label: t("col.made_on"), cell: (x) => x.date },
      { label: t("col.total"), num: true, cell: (x) => fmt(x.commitments) },
      // Each count opens that summit's commitments of that status ("what from the Xi'an summit is done?").
      ...STATUSES.map((s) => ({ label: t(`commitment.${s}`), num: true, cell: (x) => (x.by_status[s]
        ? el("a", { href: href("/institutions", { summit: x.event_id, status: s }), class: "status-count", "data-status": s }, fmt(x.by_status[s]))
        : fmt(0)) })),
    ],
    rows: tallies,
    csv: csvHref("/api/commitments/summits"),
    empty: t("institutions.none"),
  });
}

/** Choose a summit and a pillar; the choice goes into the address (an ordinary GET form). */
function filterForm(tallies, chosen) {
  const pillars = [...new Set(tallies.flatMap((x) => Object.keys(x.by_pillar)))].sort();
  const select = (name, label, options) => el("label", {}, `${label} `,
    el("select", { name, id: `filter-${name}` },
      el("option", { value: "" }, t("institutions.all")),
      options.map(([value, text]) => el("option", { value, selected: value === chosen[name] }, text))));
  return el("form", { method: "get", action: "/institutions", class: "filters", id: "commitment-filter" },
    lang !== "en" ? el("input", { type: "hidden", name: "lang", value: lang }) : null,
    select("summit", t("col.summit"), tallies.map((x) => [x.event_id, `${titleOf(x)} (${x.date})`])),
    " ",
    select("pillar", t("col.pillar"), pillars.map((p) => [p, t(`pillar.${p}`)])),
    " ",
    select("status", t("col.status"), STATUSES.map((s) => [s, t(`commitment.${s}`)])),
    " ",
    el("button", { type: "submit" }, t("institutions.show")));
}

function statusCell(c) {
  return el("span", {},
    el("span", { class: `badge ${slug(c.assessed_status)}` }, t(`commitment.${c.assessed_status}`)),
    c.assessed_status !== c.status ? el("span", { class: "note" }, ` (${t("institutions.curated")}: ${t(`commitment.${c.status}`)})`) : null,
    c.status_note ? el("p", { class: "note" }, c.status_note) : null);
}

function progressCell(c) {
  const p = c.target;
  if (!p) return "—";
  const latest = p.latest ? figureLink({ ...p.latest, id: p.latest.observation_id }, `${shown(p.latest)} (${periodOf(p.latest)})`) : "—";
  const share = p.share_of_target !== null && p.share_of_target !== undefined ? ` · ${fmt(p.share_of_target)}%` : "";
  return el("span", {}, el("span", { class: `badge ${slug(p.outcome)}` }, p.outcome_label ?? p.outcome), " ", latest, share,
    el("p", { class: "note" }, c.target_text ?? ""), p.explanation ? el("p", { class: "note" }, p.explanation) : null);
}

function evidenceCell(c) {
  if (!c.evidence?.length) return "—";
  return el("ul", {}, c.evidence.map((v) => el("li", {},
    v.source_id ? link(v.source_id, english(v.publisher ?? v.source_id)) : (inLang(v, "event_title") ?? v.event_id),
    v.date ? ` (${v.date})` : "", v.note ? `: ${inLang(v, "note")}` : "")));
}
