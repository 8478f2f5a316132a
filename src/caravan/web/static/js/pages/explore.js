// The indicator explorer: one indicator, the chosen series, years, view and scale — all of it in the address,
// so the link is the view. The API (`/api/explore`, `caravan.explore`) selects and computes; this page draws.
import { api, clear, csvHref, el, figureLink, fmt, inLang, lang, loadEntities, nameOf, runPage, shown, sourceHref, t, table } from "../core.js";
import { lineChart, unitText } from "../charts.js";
import { loadIndicators } from "../data.js";
import { drawMap, preloadCountries } from "../map.js";
import { citeBlock } from "../cite.js";

const d3 = window.d3;
const VIEWS = ["chart", "table", "map"];
const SCALES = ["linear", "log", "relative"];
const ENGLISH = lang !== "en" ? "en" : null; // the ledger's words (definitions, reasons) are English
/** The language an indicator's name is shown in: the page's where the ledger has it, else English. */
const nameLang = (row) => (lang !== "en" && !row?.[`name_${lang}`] ? "en" : null);

/** The view asked for by the address. */
function readState() {
  const q = new URLSearchParams(window.location.search);
  const pick = (value, allowed, fallback) => (allowed.includes(value) ? value : fallback);
  return {
    indicator: q.get("indicator") || null,
    pillar: q.get("pillar") || null,
    pairs: q.getAll("pair"),
    from: q.get("from") || "",
    to: q.get("to") || "",
    view: pick(q.get("view"), VIEWS, "chart"),
    scale: pick(q.get("scale"), SCALES, "linear"),
    perCapita: q.get("per_capita") === "1",
    kind: q.get("kind") || "",
    year: q.get("year") || "",
  };
}

/** The address of a view: every choice, in a fixed order, so the same view has the same link. */
function query(state) {
  const q = new URLSearchParams();
  q.set("indicator", state.indicator);
  for (const p of state.pairs) q.append("pair", p);
  if (state.from) q.set("from", state.from);
  if (state.to) q.set("to", state.to);
  if (state.kind) q.set("kind", state.kind);
  q.set("view", state.view);
  q.set("scale", state.scale);
  if (state.perCapita) q.set("per_capita", "1");
  if (state.year && state.view === "map") q.set("year", state.year);
  return q;
}

function apiParams(state) {
  const q = new URLSearchParams();
  q.set("indicator", state.indicator);
  for (const p of state.pairs) q.append("pair", p);
  if (state.from) q.set("from", state.from);
  if (state.to) q.set("to", state.to);
  if (state.kind) q.set("period_kind", state.kind);
  q.set("scale", state.scale);
  if (state.perCapita) q.set("per_capita", "true");
  if (state.year) q.set("year", state.year);
  return q;
}

/** Put the view in the address (and in the language links, so a switch keeps it). */
function writeState(state) {
  const q = query(state);
  const local = new URLSearchParams(q);
  if (lang !== "en") local.set("lang", lang);
  window.history.replaceState(null, "", `${window.location.pathname}?${local}`);
  for (const a of document.querySelectorAll(".lang-switch a[hreflang]")) {
    const other = new URLSearchParams(q);
    if (a.hreflang !== "en") other.set("lang", a.hreflang);
    a.href = `/explore?${other}`;
  }
}

/**
 * A tooltip for the points of a chart or the countries of a map: the value shows on hover, on keyboard
 * focus and on a first tap (a second tap opens the point's source).
 */
function withTips(figure, text = (a) => a.getAttribute("aria-label")) {
  figure.classList.add("has-tip");
  const tip = el("div", { class: "explore-tip", role: "status", hidden: true });
  figure.append(tip);
  let touch = false;
  const show = (a) => {
    const box = figure.getBoundingClientRect();
    const at = (a.querySelector("circle, path") ?? a).getBoundingClientRect();
    tip.textContent = text(a);
    tip.hidden = false;
    tip.style.left = `${Math.max(0, Math.min(box.width - 200, at.left - box.left + at.width / 2 - 100))}px`;
    tip.style.top = `${Math.max(0, at.top - box.top - 44)}px`;
  };
  const hide = () => { tip.hidden = true; };
  figure.addEventListener("pointerover", (e) => { const a = e.target.closest("a"); if (a && figure.contains(a)) show(a); });
  figure.addEventListener("pointerout", (e) => { if (!e.relatedTarget || !figure.contains(e.relatedTarget)) hide(); });
  figure.addEventListener("focusin", (e) => { const a = e.target.closest("a"); if (a) show(a); });
  figure.addEventListener("focusout", hide);
  figure.addEventListener("pointerdown", (e) => { touch = e.pointerType === "touch" || e.pointerType === "pen"; });
  let tapped = null; // the point a first tap showed: a second tap on it opens its source
  figure.addEventListener("click", (e) => {
    const a = e.target.closest("a");
    if (a && touch && tapped !== a) { e.preventDefault(); tapped = a; show(a); }
  });
  return figure;
}

/** A point as shown per person (the API's `per_capita` of the point), or as it is where the view is not per person. */
function perRow(point) {
  const pc = point.per_capita;
  if (!pc) return point;
  return { ...point, display_unit: pc.unit, value_shown: pc.value_shown, unit_label: pc.unit_label };
}

/** The row a chart point stands for, as the chart and its tooltip read it (an index names its figure). */
function chartRow(point, scale) {
  const row = perRow(point);
  if (scale !== "relative") return row;
  return { ...row, display_unit: "index", value_shown: point.index_shown, unit_label: `${t("explore.index")} (${shown(row)})` };
}

/** The unit of the view's figures as a person reads it: per person where the view is. */
const viewUnit = (result) => (result.per_capita.applied ? result.per_capita.unit_label : unitText(result.indicator.unit_label));

function seriesName(s, entities, perCapita = false) {
  const pair = s.counterpart ? `${nameOf(entities, s.subject)} → ${nameOf(entities, s.counterpart)}` : nameOf(entities, s.subject);
  const reporter = s.reporter ? t("explore.reporter", { reporter: nameOf(entities, s.reporter) }) : t("explore.no_reporter");
  const by = s.points[0]?.attribution?.split(", via ")[0];
  const per = perCapita && s.population_of ? `; ${t("explore.per_person_of", { country: nameOf(entities, s.population_of) })}` : "";
  return `${pair} (${reporter}${by ? `; ${by}` : ""}${per}${s.base ? `; ${s.base} = 100` : ""})`;
}

function chartView(result, state, entities, title) {
  const series = result.series.map((s, i) => ({
    name: seriesName(s, entities, result.per_capita.applied),
    colour: i % 6,
    step: result.step,
    points: s.points.filter((p) => p.y !== null).map((p) => ({ x: p.x, y: p.y, row: chartRow(p, state.scale) })),
  }));
  const rows = series.flatMap((s) => s.points);
  const unit = state.scale === "relative" ? "index" : rows[0]?.row.display_unit ?? result.per_capita.unit ?? result.indicator.unit;
  const label = state.scale === "relative" ? `${t("explore.index")} = 100` : viewUnit(result);
  const figure = lineChart(series, { unit, unitLabel: label, label: title, scale: state.scale === "log" ? "log" : "linear" });
  figure.id = "explore-chart";
  return withTips(figure);
}

function tableView(result, state, entities) {
  const periods = [...new Set(result.series.flatMap((s) => s.points.map((p) => p.period_end)))].sort();
  const byEnd = result.series.map((s) => new Map(s.points.map((p) => [p.period_end, p])));
  const applied = result.per_capita.applied;
  const cell = (p) => {
    if (!p) return null;
    if (applied && !p.per_capita) return el("span", { class: "muted no-population", title: t("explore.no_population") }, "—");
    const row = perRow(p);
    if (state.scale !== "relative") return figureLink(row);
    return figureLink(row, p.index_shown === null ? "—" : `${fmt(p.index_shown)} (${shown(row)})`);
  };
  return table({
    caption: `${inLang(result.indicator, "name")} — ${state.scale === "relative" ? t("explore.scale.relative") : viewUnit(result)}`,
    columns: [
      { label: result.columns.find((c) => c.name === "period").label[lang] ?? "Period", cell: (end) => byEnd.map((m) => m.get(end)?.period).find(Boolean) },
      ...result.series.map((s, i) => ({ label: seriesName(s, entities, applied), num: true, cell: (end) => cell(byEnd[i].get(end)) })),
    ],
    rows: periods,
    csv: csvHref("/api/explore", Object.fromEntries([...apiParams(state)].filter(([k]) => k !== "pair")))
      + state.pairs.map((p) => `&pair=${encodeURIComponent(p)}`).join(""),
  });
}

async function mapView(result, state, entities, onYear) {
  const box = el("div", { class: "explore-map", id: "explore-map" });
  const map = result.choropleth;
  if (!map.available) {
    box.append(el("p", { class: "muted no-map" }, `${t("explore.no_map")}: `, el("span", { lang: ENGLISH }, map.reason), "."));
    return box;
  }
  const year = el("select", { id: "explore-year" }, map.years.map((y) => el("option", { value: y, selected: y === map.year }, y)));
  year.addEventListener("change", () => onYear(year.value));
  box.append(el("label", { for: "explore-year" }, `${t("explore.map_year")} `, year));
  const figure = el("figure", { class: "chart-figure" });
  box.append(figure);
  const handle = await drawMap(figure, { entities, label: `${inLang(result.indicator, "name")}, ${map.year}`, width: 900, height: 520 });
  const values = new Map(map.values.map((v) => [v.country, v]));
  const known = map.values.filter((v) => v.y !== null).map((v) => v.y);
  const colour = (state.scale === "log" ? d3.scaleSequentialLog : d3.scaleSequential)(d3.interpolateBlues)
    .domain(known.length > 1 ? d3.extent(known) : [0, known[0] ?? 1]);
  d3.select(handle.svg).selectAll("path.focus").each(function paint() {
    const country = this.dataset.country;
    const v = values.get(country);
    const a = this.parentNode;
    const name = nameOf(entities, country);
    if (!v) return; // a country the view does not show keeps the map's own colour
    if (v.y === null) {
      this.classList.add("no-data");
      a.setAttribute("aria-label", `${name} ${map.year}: ${t("explore.no_figure")}`);
      a.querySelector("title").textContent = a.getAttribute("aria-label");
      return;
    }
    this.style.fill = colour(v.y);
    this.dataset.value = v.y;
    const text = state.scale === "relative" ? `${fmt(v.index_shown)} (${shown(perRow(v))})` : shown(perRow(v));
    a.setAttribute("href", sourceHref(v.source_id, v.observation_id));
    a.setAttribute("aria-label", `${name} ${v.period}: ${text}`);
    a.querySelector("title").textContent = a.getAttribute("aria-label");
  });
  withTips(figure);
  box.append(el("ul", { class: "legend explore-map-values" }, map.values.map((v) => el("li", {},
    `${nameOf(entities, v.country)}: `, v.y === null ? t("explore.no_figure") : figureLink(perRow(v))))));
  return box;
}

function radios(name, values, chosen, label) {
  return el("fieldset", { class: `explore-${name}` }, el("legend", {}, label),
    values.map((v) => el("label", {}, el("input", { type: "radio", name, value: v, checked: v === chosen }), ` ${t(`explore.${name}.${v}`)}`)));
}

// Asked as soon as the module runs, while the page's messages load: the first render waits on one round trip.
const asked = readState();
const early = {
  tables: Promise.all([loadEntities(), loadIndicators()]),
  view: asked.indicator ? api(`/api/explore?${apiParams(asked)}`).catch(() => null) : Promise.resolve(null),
  params: asked.indicator ? String(apiParams(asked)) : null,
};
if (asked.view === "map") preloadCountries();

runPage(async (app) => {
  app.dataset.cite = "own";
  const [entities, indicators] = await early.tables;
  const state = readState();
  const usable = [...indicators.values()].filter((i) => !i.derived && i.observations > 0);
  if (!state.indicator || !indicators.has(state.indicator)) {
    const pool = usable.filter((i) => !state.pillar || i.pillar === state.pillar);
    state.indicator = (pool.length ? pool : usable).sort((a, b) => b.observations - a.observations || a.id.localeCompare(b.id))[0]?.id;
  }
  const pillars = [...new Set(usable.map((i) => i.pillar))].sort();
  const pick = el("select", { id: "explore-indicator", name: "indicator" }, pillars.map((p) =>
    el("optgroup", { label: t(`pillar.${p}`) }, usable.filter((i) => i.pillar === p).sort((a, b) => inLang(a, "name").localeCompare(inLang(b, "name")))
      .map((i) => el("option", { value: i.id, selected: i.id === state.indicator, lang: nameLang(i) }, inLang(i, "name"))))));
  const controls = el("form", { class: "panel explore-controls", id: "explore-form" });
  const about = el("div", { class: "explore-about", id: "explore-about" });
  const shownView = el("div", { class: "explore-view", id: "explore-view", "aria-live": "polite" });
  const notes = el("div", { class: "explore-notes", id: "explore-notes" });
  const sources = el("div", { class: "explore-sources", id: "explore-sources" });
  const cite = citeBlock({ title: "", sources: [] });
  app.append(el("p", { class: "note" }, t("explore.hint")), controls, about, shownView, notes, sources, cite);

  let result = null;
  let asked = 0;
  async function load() {
    const mine = ++asked;
    clear(shownView).append(el("p", { class: "loading" }, t("status.loading")));
    const params = String(apiParams(state));
    const prefetched = params === early.params ? await early.view : null; // the address's own view, asked early
    early.params = null;
    const answer = prefetched ?? (await api(`/api/explore?${params}`));
    if (mine !== asked) return; // a newer choice was made while this one loaded
    result = answer;
    if (!state.pairs.length) state.pairs = [...new Set(result.series.map((s) => s.key))];
    if (state.view === "map" && result.choropleth.available) state.year = String(result.choropleth.year);
    writeState(state);
    await render();
  }

  async function render() {
    const ind = result.indicator;
    const title = `${t("page.explore")}: ${inLang(ind, "name")}`;
    clear(document.querySelector("main h1")).append(`${t("page.explore")}: `, el("span", { lang: nameLang(ind) }, inLang(ind, "name")));
    document.title = `${title} · Caravan`;
    drawControls();
    clear(about).append(el("dl", { class: "explore-meta" },
      el("dt", {}, t("explore.definition")), el("dd", { lang: ENGLISH, id: "explore-definition" }, ind.definition ?? "—"),
      el("dt", {}, t("explore.reporters")),
      el("dd", { id: "explore-reporters" }, result.series.map((s, i) => [i ? "; " : "", seriesName(s, entities, result.per_capita.applied)]))));
    clear(shownView);
    if (!result.series.length) shownView.append(el("p", { class: "muted" }, t("explore.none")));
    else if (state.view === "chart") shownView.append(chartView(result, state, entities, title));
    else if (state.view === "table") shownView.append(tableView(result, state, entities));
    else shownView.append(await mapView(result, state, entities, (year) => { state.year = year; load(); }));
    const said = [...result.notes, ...result.series.filter((s) => s.note).map((s) => `${seriesName(s, entities, result.per_capita.applied)}: ${s.note}`)];
    clear(notes);
    if (said.length) notes.append(el("h2", {}, t("explore.notes")), el("ul", { lang: ENGLISH }, said.map((n) => el("li", {}, n))));
    clear(sources).append(el("h2", {}, t("explore.sources")), el("ul", { class: "explore-source-list" }, result.sources.map((s) =>
      el("li", {}, el("a", { href: sourceHref(s.id) }, s.publisher ?? s.id), s.title ? el("span", { lang: ENGLISH }, ` — ${s.title}`) : ""))));
    await cite.update({ title, sources: result.sources.map((s) => s.publisher ?? s.id), build: result.build, url: window.location.href });
    app.dataset.view = state.view;
  }

  function drawControls() {
    // The controls are drawn afresh for each answer; a keyboard user keeps the control they were on.
    const was = controls.contains(document.activeElement) ? document.activeElement : null;
    const again = was && (was.id ? `#${CSS.escape(was.id)}` : `input[name="${was.name}"][value="${CSS.escape(was.value)}"]`);
    const pairs = el("fieldset", { class: "explore-pairs" }, el("legend", {}, t("explore.pairs")),
      result.pairs.map((p) => el("label", {},
        el("input", { type: "checkbox", name: "pair", value: p.key, checked: state.pairs.includes(p.key) }),
        ` ${p.counterpart ? `${nameOf(entities, p.subject)} → ${nameOf(entities, p.counterpart)}` : nameOf(entities, p.subject)} (${p.periods})`)));
    const years = el("fieldset", { class: "explore-years" }, el("legend", {}, t("explore.years")),
      el("label", { for: "explore-from" }, `${t("explore.from")} `, el("input", { id: "explore-from", name: "from", type: "number", min: "1900", max: "2100", value: state.from })),
      el("label", { for: "explore-to" }, ` ${t("explore.to")} `, el("input", { id: "explore-to", name: "to", type: "number", min: "1900", max: "2100", value: state.to })));
    const kinds = result.period_kinds.length > 1 ? el("label", { for: "explore-kind" }, `${t("explore.period_kind")} `,
      el("select", { id: "explore-kind", name: "kind" }, result.period_kinds.map((k) =>
        el("option", { value: k, selected: k === result.period_kind }, t(`period_kind.${k}`))))) : null;
    const pc = result.per_capita;
    const per = el("label", { class: "explore-per-capita" },
      el("input", { type: "checkbox", name: "per_capita", id: "explore-per-capita", checked: state.perCapita && pc.available, disabled: !pc.available }),
      ` ${t("explore.per_capita")}`);
    // Not available: the reason the API gives (in English, the ledger's words). Applied: the unit and whose population.
    const perNote = !pc.available
      ? el("p", { class: "note", id: "explore-per-capita-note" }, `${t("explore.per_capita.none")} `, el("span", { lang: ENGLISH }, pc.reason), ".")
      : pc.applied
        ? el("p", { class: "note", id: "explore-per-capita-note" }, t("explore.per_capita.applied", { unit: pc.unit_label }))
        : null;
    clear(controls).append(...[ // a control the view has none of (one kind of period, no note) is left out, never "null"
      el("label", { for: "explore-indicator" }, `${t("explore.indicator")} `, pick),
      pairs, years, kinds,
      radios("view", VIEWS, state.view, t("explore.view")),
      radios("scale", SCALES, state.scale, t("explore.scale")),
      per, perNote].filter(Boolean));
    if (again) controls.querySelector(again)?.focus();
  }

  controls.addEventListener("change", (e) => {
    const target = e.target;
    if (target === pick) {
      Object.assign(state, { indicator: pick.value, pairs: [], from: "", to: "", kind: "", year: "" });
    } else if (target.name === "pair") {
      state.pairs = [...controls.querySelectorAll('input[name="pair"]:checked')].map((i) => i.value);
      if (!state.pairs.length) { // nothing chosen: say so rather than fall back to the defaults
        result = { ...result, series: [], choropleth: { available: false, reason: "no series is shown" }, sources: [], notes: [] };
        writeState(state);
        render();
        return;
      }
    } else if (target.name === "from" || target.name === "to") {
      state[target.name] = target.value;
    } else if (target.name === "kind") {
      Object.assign(state, { kind: target.value, pairs: [], year: "" });
    } else if (target.name === "view") {
      state.view = target.value;
      writeState(state);
      render();
      return;
    } else if (target.name === "scale") {
      state.scale = target.value;
    } else if (target.name === "per_capita") {
      state.perCapita = target.checked;
    } else {
      return;
    }
    load().catch((error) => { clear(shownView).append(el("p", { class: "error", role: "alert" }, `${t("status.error")}: ${error.message}`)); });
  });
  controls.addEventListener("submit", (e) => e.preventDefault());
  await load();
});
