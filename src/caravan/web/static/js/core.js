// Shared pieces of every page: language, messages, API calls, safe DOM building, number links.

export const lang = document.documentElement.lang || "en";
const LOCALES = { en: "en-GB", zh: "zh-CN", ru: "ru-RU" };
export const locale = LOCALES[lang] || "en-GB";
export const COUNTRIES = ["CHN", "KAZ", "KGZ", "TJK", "TKM", "UZB"];
export const C5 = ["KAZ", "KGZ", "TJK", "TKM", "UZB"];
// ISO 3166 numeric codes, the keys of world-atlas country shapes.
export const ISO_NUMERIC = { CHN: "156", KAZ: "398", KGZ: "417", TJK: "762", TKM: "795", UZB: "860" };

let messages = {};

/** Load this language's interface strings (shared with the server-rendered shell). */
export async function loadMessages() {
  const response = await fetch(`/static/i18n/${lang}.json`);
  messages = await response.json();
  return messages;
}

/** A message by key, with {name} placeholders filled in. */
export function t(key, vars = {}) {
  const text = messages[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in vars ? String(vars[name]) : `{${name}}`));
}

/** A dashboard path in the current language. */
export function href(path, params = {}) {
  const url = new URL(path, window.location.origin);
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null) url.searchParams.set(k, v);
  if (lang !== "en") url.searchParams.set("lang", lang);
  return url.pathname + url.search + url.hash;
}

/** Fetch JSON from the API, its labels (units, periods, names) in the page's language; an error carries the API's message. */
export async function api(path, params = {}, init = {}) {
  const url = new URL(path, window.location.origin);
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") url.searchParams.set(k, v);
  if (lang !== "en" && !url.searchParams.has("lang")) url.searchParams.set("lang", lang);
  const response = await fetch(url, init);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(body?.error?.message || `${response.status} ${response.statusText}`);
    error.code = body?.error?.code;
    error.status = response.status;
    throw error;
  }
  return body;
}

/** The CSV download address of an API table. */
export function csvHref(path, params = {}) {
  const url = new URL(path, window.location.origin);
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") url.searchParams.set(k, v);
  url.searchParams.set("format", "csv");
  return url.pathname + url.search;
}

/** Build an element: el("a", {href, class: "x"}, "text", child). Text is never parsed as HTML. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "dataset") Object.assign(node.dataset, v);
    else if (k.startsWith("on") && typeof v === "function") node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

const numberFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
/** A number as people read it in this language. */
export function fmt(value) {
  if (value === null || value === undefined || Number.isNaN(value)) return "—";
  return numberFormat.format(value);
}

const estimateFormat = new Intl.NumberFormat(locale, { maximumSignificantDigits: 3 });
/** A model's estimate (a journey's days, cost, CO₂), to the three digits it means: 22,300 USD, not 22,320.41 USD. */
export function estimate(value) {
  if (value === null || value === undefined || Number.isNaN(value)) return "—";
  return estimateFormat.format(value);
}

// A cited figure keeps every printed digit (up to ten significant ones, hiding binary noise): never rounded.
const figureFormat = new Intl.NumberFormat(locale, { maximumSignificantDigits: 10 });

/**
 * A cited figure as a person reads it: in its indicator's display unit, the bound as a word ("over 100 bn USD").
 * Rows come from the API with value_shown (value_display as far as it means something), unit_label and bound;
 * formatting only, no conversion or rounding.
 */
export function shown(row) {
  const value = row.value_shown ?? row.value_display ?? row.value;
  if (value === null || value === undefined || Number.isNaN(value)) return "—";
  const unit = row.unit_label ?? row.display_unit ?? row.unit ?? "";
  const number = figureFormat.format(value);
  const text = unit === "%" ? `${number}%` : `${number} ${unit}`.trim();
  const bound = row.bound && row.bound !== "exact" ? t(`bound.${row.bound}`) : "";
  return bound ? `${bound} ${text}` : text;
}

/** Address of a source's entry in the catalogue (or, for a derived figure, its lineage). */
export function sourceHref(sourceId, observationId) {
  if (sourceId) return href(`/sources/${encodeURIComponent(sourceId)}`) + (observationId ? `#${encodeURIComponent(observationId)}` : "");
  return href("/sources", { observation: observationId });
}

/** A figure linked to its source entry: "over 43.8 bn USD" → /sources/<id>; the tooltip names whose figure it is. */
export function figureLink(row, text) {
  const label = text ?? shown(row);
  return el("a", { href: sourceHref(row.source_id, row.observation_id ?? row.id), class: "figure-link", title: provenance(row) }, label);
}

/** Whose figure a row is and the page that printed it: "GACC, via The Astana Times" (the API's attribution). */
export function whose(row) {
  const text = row.attribution ?? row.publisher ?? null;
  const at = text ? text.indexOf(", via ") : -1;
  if (at < 0 || lang === "en") return text;
  return t("source.via", { primary: text.slice(0, at), publisher: text.slice(at + ", via ".length) });
}

/** A row's period as read in the page's language (the API's period_label), else as written. */
export function periodOf(row) {
  return row.period_label ?? row.period;
}

/** A field of a ledger row in the page's language (`text_zh`, `name_ru`), falling back to the field itself. */
export function inLang(row, field) {
  return (lang !== "en" && row?.[`${field}_${lang}`]) || row?.[field];
}

/** Text that stays in English in every language (a publisher's name, a source's title, a quote), marked so. */
export function english(text) {
  return lang === "en" || text === null || text === undefined ? text : el("span", { lang: "en" }, text);
}

/** Whose figure a row is, for a page: as `whose`, the publisher's name (English data) marked as English. */
export function whoseNode(row) {
  const text = whose(row);
  if (!text || lang === "en") return text;
  const attribution = row.attribution ?? row.publisher;
  const at = attribution.indexOf(", via ");
  // A name the source catalogue gives (a publisher, whose figures a page says it quotes) is English data.
  const given = (name) => (name === row.publisher || name === row.original_publisher ? english(name) : name);
  if (at < 0) return given(attribution);
  const primary = attribution.slice(0, at);
  const publisher = attribution.slice(at + ", via ".length);
  const [before, middle, after] = t("source.via", { primary: "\u0000", publisher: "\u0001" }).split(/[\u0000\u0001]/);
  return el("span", {}, before, given(primary), middle, english(publisher), after);
}

/** A figure's provenance for a tooltip: whose it is, its period, and the figure as printed. */
export function provenance(row) {
  const by = whose(row);
  const parts = [by ? `${by}${row.period ? ` (${periodOf(row)})` : ""}` : t("source.derived")];
  if (row.printed && row.printed !== shown(row)) parts.push(t("source.printed", { figure: row.printed }));
  return parts.join(" — ");
}

/** The name of an entity in the current language (from the ledger), falling back to English, then its id. */
export function nameOf(entities, id) {
  const e = entities?.get(id);
  if (!e) return id ?? "—";
  return e[`name_${lang}`] || e.name_en || id;
}

let entityCache = null;
/** Every entity of the ledger, by id. */
export async function loadEntities() {
  if (!entityCache) {
    entityCache = api("/api/entities").then((rows) => new Map(rows.map((r) => [r.id, r])));
  }
  return entityCache;
}

/** A table with a caption, a CSV download link and cells built by column functions. */
export function table({ caption, columns, rows, csv, empty, rowId }) {
  if (!rows.length) return el("p", { class: "muted" }, empty || t("status.empty"));
  const head = el("tr", {}, columns.map((c) => el("th", { scope: "col", class: c.num ? "num" : null }, c.label)));
  const body = rows.map((row) =>
    el("tr", { id: rowId ? rowId(row) : null }, columns.map((c) => el("td", { class: c.num ? "num" : null }, c.cell(row) ?? "—"))),
  );
  const tableEl = el("table", {}, caption ? el("caption", {}, caption) : null, el("thead", {}, head), el("tbody", {}, body));
  return el(
    "div",
    { class: "table-block" },
    el("div", { class: "table-wrap" }, tableEl),
    csv ? downloadLinks(csv) : null,
  );
}

/**
 * A table's download links: the CSV (every row, UTF-8 with a BOM), and beside it the Frictionless
 * descriptor of the same view (what each column means, its unit, and the sources the rows cite).
 */
export function downloadLinks(csv) {
  const descriptor = csv.replace(/([?&]format=)csv\b/, "$1datapackage");
  return el("p", { class: "note downloads" },
    el("a", { href: csv, download: "", class: "csv" }, t("action.csv")), " · ",
    el("a", { href: descriptor, class: "datapackage", type: "application/json" }, t("action.datapackage")));
}

/** Show an error in a container, as one readable sentence. */
export function showError(container, error) {
  container.append(el("p", { class: "error", role: "alert" }, `${t("status.error")}: ${error.message}`));
}

/** Run a page: load messages, clear the loading note, call the page's function with #app. */
export async function runPage(render) {
  await loadMessages();
  const app = document.getElementById("app");
  clear(app);
  try {
    await render(app, document.body.dataset.arg || "");
    await (await import("./cite.js")).citePage(app); // every view can be cited (a page may cite itself instead)
  } catch (error) {
    showError(app, error);
  }
  document.body.dataset.ready = "true";
}

/** A section with a heading. */
export function section(title, ...children) {
  return el("section", {}, el("h2", {}, title), ...children);
}
