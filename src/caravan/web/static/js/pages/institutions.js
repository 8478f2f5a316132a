import { api, csvHref, el, figureLink, fmt, href, loadEntities, nameOf, runPage, section, t, table } from "../core.js";
import { eventList } from "../views.js";

runPage(async (app) => {
  const [entities, events, commitments] = await Promise.all([loadEntities(), api("/api/timeline"), api("/api/commitments")]);
  app.append(section(t("institutions.timeline"), eventList(events, entities),
    el("p", { class: "note" }, el("a", { href: csvHref("/api/timeline"), download: "" }, t("action.csv")))));
  app.append(section(t("institutions.commitments"), table({
    columns: [
      { label: t("col.commitment"), cell: (c) => c.text },
      { label: t("col.made_on"), cell: (c) => c.made_on },
      { label: t("col.pillar"), cell: (c) => t(`pillar.${c.pillar}`) },
      { label: t("col.countries"), cell: (c) => (c.countries || []).map((x) => nameOf(entities, x)).join(", ") },
      { label: t("col.status"), cell: (c) => el("span", { class: `badge ${c.status}` }, t(`commitment.${c.status}`)) },
      { label: t("col.progress"), cell: (c) => progressCell(c) },
      { label: t("col.evidence"), cell: (c) => evidenceCell(c) },
    ],
    rows: commitments,
    csv: csvHref("/api/commitments"),
    empty: t("institutions.none"),
  })));
});

function progressCell(c) {
  const p = c.progress;
  if (!p) return c.target_indicator ? `${c.target_indicator} ≥ ${fmt(c.target_value)} ${c.target_unit ?? ""}` : "—";
  const latest = p.latest ? figureLink({ source_id: p.latest.source_id, id: p.latest.observation_id, publisher: p.latest.publisher }, `${fmt(p.latest.value)} ${p.latest.unit} (${p.latest.period})`) : "—";
  const share = p.share_of_target !== null && p.share_of_target !== undefined ? ` · ${fmt(p.share_of_target * 100)}%` : "";
  return el("span", {}, el("span", { class: `badge ${String(p.outcome).replace(/ /g, "-")}` }, p.outcome), " ", latest, share,
    ` → ${fmt(p.target_value)} ${p.target_unit} (${p.by})`);
}

function evidenceCell(c) {
  if (!c.evidence?.length) return "—";
  return el("ul", {}, c.evidence.map((v) => el("li", {},
    v.source_id ? el("a", { href: href(`/sources/${encodeURIComponent(v.source_id)}`) }, v.publisher ?? v.source_id) : v.event_id,
    v.date ? ` (${v.date})` : "", v.note ? `: ${v.note}` : "")));
}
