import { api, clear, csvHref, el, english, figureLink, fmt, href, inLang, loadEntities, locale, nameOf, periodOf, runPage, section, shown, sourceHref, t, table, whoseNode } from "../core.js";
import { byNode } from "../views.js";

const tierName = (tier) => (tier ? t(`tier.${tier}`) : "—");
const kindName = (kind) => (kind ? t(`sourcekind.${kind}`) : "—");
const languages = new Intl.DisplayNames([locale], { type: "language" });
const languageName = (code) => (code ? languages.of(code) : null);
// A source's title and quoted words are in the source's own language (English unless it says otherwise).
const quoted = (s, text, tag = "span") => el(tag, { lang: s.language || "en" }, text);

runPage(async (app, sourceId) => {
  const observationId = new URLSearchParams(window.location.search).get("observation");
  if (sourceId) return entry(app, sourceId);
  if (observationId) return lineage(app, observationId);
  const sources = await api("/api/sources");
  // The filter is in the address (?q=…), so a filtered catalogue can be shared.
  const asked = new URLSearchParams(window.location.search);
  const search = el("input", { id: "source-search", type: "search", placeholder: t("sources.search.placeholder"), value: asked.get("q") ?? "" });
  const count = el("p", { class: "note", "aria-live": "polite" });
  const list = el("div");
  const draw = () => {
    const needle = search.value.trim().toLowerCase();
    const rows = sources.filter((s) => !needle || [s.id, s.publisher, s.original_publisher, s.title].some((v) => (v || "").toLowerCase().includes(needle)));
    count.textContent = t("sources.count", { n: rows.length, total: sources.length });
    clear(list).append(table({
      columns: [
        { label: t("col.publisher"), cell: (s) => el("a", { href: href(`/sources/${encodeURIComponent(s.id)}`) }, english(s.publisher)) },
        { label: t("col.tier"), cell: (s) => el("span", { class: `tier ${s.tier ?? ""}`, "data-tier": s.tier }, tierName(s.tier)) },
        { label: t("col.authority"), cell: (s) => inLang(s, "authority_name") ?? english(s.original_publisher) ?? "—" },
        { label: t("col.title"), cell: (s) => quoted(s, s.title) },
        { label: t("col.kind"), cell: (s) => kindName(s.kind) },
        { label: t("col.published"), cell: (s) => s.published },
        { label: t("col.supports"), num: true, cell: (s) => fmt(s.observations + s.events) },
      ],
      rows,
      csv: csvHref("/api/sources", { q: search.value.trim() }),
    }));
  };
  search.addEventListener("input", () => {
    const q = new URLSearchParams(window.location.search);
    if (search.value.trim()) q.set("q", search.value.trim()); else q.delete("q");
    window.history.replaceState(null, "", `${window.location.pathname}${q.size ? `?${q}` : ""}`);
    draw();
  });
  // The audit first (a line, its findings folded away unless there are errors), then the catalogue.
  app.append(await auditSection(), await geometrySection());
  app.append(el("form", { class: "panel", role: "search", onsubmit: (e) => e.preventDefault() },
    el("label", { for: "source-search" }, t("sources.search"), search)), count, list);
  draw();
});

/** What the map's sea lines are drawn from: the library and the network it credits, in their own words. */
/** A sentence with one placeholder (\u0000) filled by an English name, marked `lang="en"`. */
const parts = (text, name) => {
  const [before, after] = text.split("\u0000");
  return [before, el("span", { lang: "en" }, name), after ?? ""];
};

async function geometrySection() {
  const works = await api("/api/network/drawing");
  return el("section", { id: "map-geometries" }, el("h2", {}, t("sources.geometries")),
    el("p", { class: "muted" }, t("sources.geometries.note")),
    el("ul", { class: "geometry-sources" }, works.map((w) => el("li", {},
      el("a", { href: w.url, rel: "external", lang: "en" }, w.name),  // a work's own name, as its makers write it
      w.version ? [" (", ...parts(t("sources.geometries.version", { version: w.version, licence: "\u0000" }), w.licence ?? "—"), ")"] : "",
      ": ", el("q", { lang: "en" }, w.says), " ", el("span", { class: "muted", lang: "en" }, `— ${w.locator}`)))));
}

/** The build's audit: errors and warnings, each with links to the figures involved. */
async function auditSection() {
  const findings = await api("/api/audit");
  const errors = findings.filter((f) => f.severity === "error").length;
  return el("section", { id: "audit" }, el("h2", {}, t("audit.title")),
    el("p", { class: "muted" }, t("audit.note")),
    el("details", { open: errors > 0 },
      el("summary", { id: "audit-summary" }, t("audit.summary", { errors, warnings: findings.length - errors })),
      table({
      columns: [
        { label: t("col.severity"), cell: (f) => el("span", { class: `badge ${f.severity === "error" ? "bad" : "stale"}` }, t(`severity.${f.severity}`)) },
        { label: t("col.check"), cell: (f) => f.check_name },
        { label: t("col.message"), cell: (f) => el("span", { lang: "en" }, f.text) },
        { label: t("col.observations"), cell: (f) => el("span", {}, f.observations.map((id, i) =>
          [i ? ", " : "", el("a", { href: sourceHref(null, id), class: "figure-link" }, String(i + 1))])) },
      ],
      rows: findings,
      csv: csvHref("/api/audit"),
      empty: t("audit.none"),
      rowId: (f) => `audit-${f.seq}`,
    })));
}

async function entry(app, sourceId) {
  const [s, entities] = await Promise.all([api(`/api/sources/${encodeURIComponent(sourceId)}`), loadEntities()]);
  const h1 = document.querySelector("h1");
  h1.textContent = s.title;
  h1.setAttribute("lang", s.language || "en");
  const fields = [["publisher", english(s.publisher)], ["original_publisher", english(s.original_publisher)],
    ["authority", inLang(s, "authority_name")], ["tier", s.tier ? tierName(s.tier) : null], ["published", s.published],
    ["retrieved", s.retrieved], ["kind", s.kind ? kindName(s.kind) : null], ["language", languageName(s.language)],
    ["licence", english(s.licence)], ["id", el("code", {}, s.id)]];
  app.append(el("article", { class: "source-entry card", id: "source-entry", "data-source": s.id },
    el("dl", {}, fields.filter(([, v]) => v).map(([k, v]) => [el("dt", {}, t(`col.${k}`)), el("dd", {}, v)]),
      el("dt", {}, t("col.url")), el("dd", {}, el("a", { href: s.url, rel: "noopener noreferrer", target: "_blank" }, el("code", {}, s.url))))));
  app.append(section(t("sources.supports"), table({
    columns: [
      { label: t("col.indicator"), cell: (o) => o.indicator_name ?? o.indicator },
      { label: t("col.subject"), cell: (o) => nameOf(entities, o.subject) },
      { label: t("col.counterpart"), cell: (o) => (o.counterpart ? nameOf(entities, o.counterpart) : null) },
      { label: t("col.period"), cell: (o) => el("span", {}, periodOf(o), " ",
        el("a", { href: href("/sources", { observation: o.id }), class: "history-link" }, t("sources.history"))) },
      { label: t("col.value"), num: true, cell: (o) => shown(o) },
      { label: t("col.locator"), cell: (o) => el("span", {}, quoted(s, o.locator, "q"),
        o.printed && o.printed !== shown(o) ? el("div", { class: "note" }, t("source.printed", { figure: o.printed })) : null,
        o.primary_name && o.primary_name !== s.authority_name ? el("div", { class: "note" }, byNode({ attribution: inLang(o, "primary_name") })) : null) },
    ],
    rows: s.observations,
    rowId: (o) => o.id,
  })));
  // A figure's link names its observation: bring that row into view and mark it.
  const target = decodeURIComponent(window.location.hash.slice(1));
  const row = target ? document.getElementById(target) : null;
  if (row) {
    row.classList.add("highlight");
    row.scrollIntoView({ block: "center" });
  }
  if (s.events.length) {
    app.append(section(t("institutions.timeline"), el("ul", {}, s.events.map((e) => el("li", {}, `${e.date} — ${inLang(e, "title") ?? e.title_en}`)))));
  }
  app.append(el("p", {}, el("a", { href: href("/sources") }, t("sources.back"))));
}

async function lineage(app, observationId) {
  const [o, entities] = await Promise.all([api(`/api/observations/${encodeURIComponent(observationId)}`), loadEntities()]);
  const pair = `${nameOf(entities, o.subject)}${o.counterpart ? ` → ${nameOf(entities, o.counterpart)}` : ""}`;
  document.querySelector("h1").textContent = `${o.indicator_name ?? o.indicator}: ${pair} (${periodOf(o)})`;
  // A cited figure's locator quotes its source; a derived one's says how the build computed it (in English).
  app.append(el("p", { id: "observation-figure" }, shown(o), " — ", o.source_id ? el("a", { href: sourceHref(o.source_id, o.id) }, whoseNode(o)) : t("source.derived"),
    " — ", el("q", { lang: o.source_language || "en" }, o.locator)));
  if (o.printed && o.printed !== shown(o)) app.append(el("p", { class: "note" }, t("source.printed", { figure: o.printed })));
  app.append(section(t("sources.lineage"), table({
    columns: [
      { label: t("col.indicator"), cell: (r) => r.indicator_name ?? r.indicator },
      { label: t("col.period"), cell: (r) => periodOf(r) },
      { label: t("col.value"), num: true, cell: (r) => figureLink(r) },
      { label: t("col.publisher"), cell: (r) => whoseNode(r) },
    ],
    rows: o.lineage.length ? o.lineage : [o],
  })));
  if (o.method !== "derived") app.append(await revisions(o.id));
}

/** A figure's revisions: each build that added, changed or removed it, with the value before and after. */
async function revisions(observationId) {
  const page = await api("/api/changes", { observation: observationId, limit: 1000 });
  const figure = (value, unit, bound) => (value === null || value === undefined ? "—" : shown({ value, unit, bound }));
  return el("section", { id: "revisions" }, el("h2", {}, t("sources.revisions")),
    el("p", { class: "muted" }, t("sources.revisions.note")),
    table({
      columns: [
        { label: t("col.build"), cell: (c) => el("span", { title: c.build_id }, c.built_at) },
        { label: t("col.revision"), cell: (c) => t(`change.${c.change}`) },
        { label: t("col.old"), num: true, cell: (c) => figure(c.old_value, c.old_unit, c.old_bound) },
        { label: t("col.new"), num: true, cell: (c) => figure(c.new_value, c.new_unit, c.new_bound) },
        { label: t("col.input"), cell: (c) => c.new_file ?? c.old_file },
      ],
      rows: page.items,
      csv: csvHref("/api/changes", { observation: observationId }),
      empty: t("sources.revisions.none"),
      rowId: (c) => `revision-${c.build_id}`,
    }));
}
