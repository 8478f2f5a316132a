import { api, csvHref, downloadLinks, el, figureLink, fmt, href, loadEntities, nameOf, runPage, section, shown, t, table } from "../core.js";
import { eventList } from "../views.js";

const link = (id, text) => (id ? el("a", { href: href(`/sources/${encodeURIComponent(id)}`), class: "figure-link" }, text) : text);
const slug = (s) => String(s ?? "").replace(/[^a-z]+/gi, "-");

runPage(async (app) => {
  const [entities, events] = await Promise.all([loadEntities(), api("/api/timeline")]);
  app.append(section(t("institutions.timeline"), eventList(events, entities),
    downloadLinks(csvHref("/api/timeline"))));
  const commitments = await api("/api/commitments");
  const counts = {};
  for (const c of commitments) counts[c.assessed_status] = (counts[c.assessed_status] ?? 0) + 1;
  app.append(section(t("institutions.commitments"),
    el("p", {}, Object.entries(counts).map(([s, n]) => [el("span", { class: `badge ${slug(s)}` }, `${t(`commitment.${s}`)}: ${n}`), " "])),
    table({
      columns: [
        { label: t("col.commitment"), cell: (c) => el("span", {}, c.text, " ", c.source_id ? link(c.source_id, `[${c.publisher ?? c.source_id}]`) : null) },
        { label: t("col.made_on"), cell: (c) => c.made_on },
        { label: t("col.pillar"), cell: (c) => t(`pillar.${c.pillar}`) },
        { label: t("col.countries"), cell: (c) => (c.countries || []).map((x) => nameOf(entities, x)).join(", ") },
        { label: t("col.status"), cell: (c) => statusCell(c) },
        { label: t("col.progress"), cell: (c) => progressCell(c) },
        { label: t("col.evidence"), cell: (c) => evidenceCell(c) },
      ],
      rows: commitments,
      csv: csvHref("/api/commitments"),
      empty: t("institutions.none"),
    })));
});

function statusCell(c) {
  return el("span", {},
    el("span", { class: `badge ${slug(c.assessed_status)}` }, t(`commitment.${c.assessed_status}`)),
    c.assessed_status !== c.status ? el("span", { class: "note" }, ` (${t("institutions.curated")}: ${t(`commitment.${c.status}`)})`) : null,
    c.status_note ? el("p", { class: "note" }, c.status_note) : null);
}

function progressCell(c) {
  const p = c.target;
  if (!p) return "—";
  const latest = p.latest ? figureLink({ ...p.latest, id: p.latest.observation_id }, `${shown(p.latest)} (${p.latest.period})`) : "—";
  const share = p.share_of_target !== null && p.share_of_target !== undefined ? ` · ${fmt(p.share_of_target)}%` : "";
  return el("span", {}, el("span", { class: `badge ${slug(p.outcome)}` }, p.outcome), " ", latest, share,
    el("p", { class: "note" }, c.target_text ?? ""), p.explanation ? el("p", { class: "note" }, p.explanation) : null);
}

function evidenceCell(c) {
  if (!c.evidence?.length) return "—";
  return el("ul", {}, c.evidence.map((v) => el("li", {},
    v.source_id ? link(v.source_id, v.publisher ?? v.source_id) : (v.event_title ?? v.event_id),
    v.date ? ` (${v.date})` : "", v.note ? `: ${v.note}` : "")));
}
