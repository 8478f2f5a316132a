// Charts drawn with d3 as plain SVG; every point or bar links to the source of its figure.
import { downloadLinks, el, fmt, provenance, shown, sourceHref, t, whose } from "./core.js";

const d3 = window.d3;
const SVG = "http://www.w3.org/2000/svg";

function yearOf(period) {
  const m = /^(\d{4})/.exec(String(period));
  return m ? Number(m[1]) : null;
}

/** Points of a yearly series: [{x: year, y: value, row}], one per year, sorted (y: the display value by default). */
export function yearly(rows, value = (r) => r.value_display ?? r.value) {
  const byYear = new Map();
  for (const r of rows) {
    const x = yearOf(r.period);
    if (x !== null && !byYear.has(x)) byYear.set(x, { x, y: value(r), row: r });
  }
  return [...byYear.values()].sort((a, b) => a.x - b.x);
}

/**
 * Runs of a sorted series with no gap: consecutive points at most `step` apart (a year by default).
 * A missing year ends a run, so no line is ever drawn across years without data.
 */
export function runs(points, step = 1) {
  const out = [];
  for (const p of points) {
    const run = out.at(-1);
    if (run && p.x - run.at(-1).x <= step + 1e-6) run.push(p);
    else out.push([p]);
  }
  return out;
}

/** The text of a unit on an axis: the interface's word for the units it knows ("bn USD" is 十亿美元 in zh). */
export function unitText(unit) {
  const key = { "bn USD": "unit.bn_usd", bcm: "unit.bcm", days: "unit.days" }[unit];
  return key ? t(key) : unit ?? "";
}

/** The unit a point's figure is in (its row's display unit), for the one-unit-per-axis check. */
const unitOf = (p, axis) => p.row?.display_unit ?? p.row?.unit ?? axis;

/** A small line of a series (no axes), broken where years are missing, with its last point marked. */
export function sparkline(points, { width = 160, height = 36 } = {}) {
  const svg = d3.create("svg").attr("class", "sparkline").attr("viewBox", `0 0 ${width} ${height}`)
    .attr("width", width).attr("height", height).attr("role", "img")
    .attr("aria-label", points.length ? t("chart.sparkline", { from: points[0].x, to: points.at(-1).x }) : t("status.empty"));
  if (points.length < 2) return svg.node();
  const x = d3.scaleLinear().domain(d3.extent(points, (p) => p.x)).range([3, width - 3]);
  const y = d3.scaleLinear().domain(d3.extent(points, (p) => p.y)).nice().range([height - 3, 3]);
  const line = d3.line().x((p) => x(p.x)).y((p) => y(p.y));
  for (const run of runs(points)) {
    if (run.length > 1) svg.append("path").attr("d", line(run));
    else svg.append("circle").attr("cx", x(run[0].x)).attr("cy", y(run[0].y)).attr("r", 1.5);
  }
  const last = points.at(-1);
  svg.append("circle").attr("cx", x(last.x)).attr("cy", y(last.y)).attr("r", 2.5);
  return svg.node();
}

// A colour-blind-safe palette (Okabe and Ito's, darkened where needed for 3:1 against the page), and
// for each series a marker shape and a dash pattern too, so that no series is told apart by colour alone.
export const PALETTE = ["#0072b2", "#c84c00", "#007a5a", "#a8478a", "#8a6500", "#333333"];
const MARKERS = ["symbolCircle", "symbolSquare", "symbolTriangle", "symbolDiamond", "symbolCross", "symbolStar"];
const DASHES = [null, "7 3", "2 3", "9 3 2 3", "4 4", "1 2"];
const marker = (i, size = 48) => d3.symbol().type(d3[MARKERS[i % MARKERS.length]]).size(size)();

/** The drawing width: as asked, but never wider than the screen, so that chart text stays at its size on a phone. */
function fitWidth(width) {
  const screen = document.documentElement.clientWidth || width;
  return Math.round(Math.max(280, Math.min(width, screen - 40)));
}

let chartCount = 0;

/**
 * A line chart of one or more yearly series; each point links to the source of its own figure.
 *
 * The axis has one unit (`unit`, e.g. "bn USD"; shown as `unitLabel`): every point's row must be in it
 * (its `display_unit`), or the chart refuses to draw rather than put two scales on one axis. A series
 * is drawn as one path per run of consecutive years (`step` apart, a year by default): a missing
 * year breaks the line, and a lone year is a point. Each series' name says whose statistics it is.
 *
 * The chart is one tab stop: arrow keys move between its points (left and right along a series, up
 * and down across series), a tooltip shows the value and its source on hover, tap and focus, and
 * Enter opens the point's source. A text summary and the downloads (SVG, PNG, CSV, JSON; `csv`, an
 * API table's address, adds the complete table) sit under it; `name` names the downloaded files.
 * `scale` is "linear" (from zero) or "log".
 */
export function lineChart(series, { unit = "", unitLabel = null, width = 640, height = 260, label = "", name = null, csv = null, scale = "linear" } = {}) {
  const margin = { top: 16, right: 16, bottom: 28, left: 60 };
  const all = series.flatMap((s) => s.points);
  const wrap = el("figure", { class: "chart-figure" });
  if (!all.length) {
    wrap.append(el("p", { class: "muted" }, t("status.empty")));
    return wrap;
  }
  const stray = all.find((p) => unit && unitOf(p, unit) !== unit);
  if (stray) throw new Error(`${label}: a figure in ${unitOf(stray, unit)} on an axis in ${unit}`);
  width = fitWidth(width);
  const svg = d3.create("svg").attr("class", "chart").attr("viewBox", `0 0 ${width} ${height}`)
    .attr("role", "group").attr("aria-label", label || series.map((s) => s.name).join(", "));
  const xs = d3.extent(all, (p) => p.x);
  if (xs[0] === xs[1]) { xs[0] -= 1; xs[1] += 1; }
  const x = d3.scaleLinear().domain(xs).range([margin.left, width - margin.right]);
  // A log axis (`scale: "log"`) starts at the smallest figure: every point given must be above zero.
  const y = (scale === "log" ? d3.scaleLog().domain(d3.extent(all, (p) => p.y))
    : d3.scaleLinear().domain([Math.min(0, d3.min(all, (p) => p.y)), d3.max(all, (p) => p.y)])).nice()
    .range([height - margin.bottom, margin.top]);
  const ticks = Math.max(2, Math.min(10, xs[1] - xs[0], Math.floor((width - margin.left - margin.right) / 48)));
  svg.append("g").attr("class", "axis").attr("transform", `translate(0,${height - margin.bottom})`)
    .call(d3.axisBottom(x).ticks(ticks).tickFormat(d3.format("d")));
  svg.append("g").attr("class", "axis").attr("transform", `translate(${margin.left},0)`)
    .call(d3.axisLeft(y).ticks(5).tickFormat((v) => fmt(v)));
  const axisText = unitLabel ?? unitText(unit);
  if (axisText) {
    svg.append("text").attr("class", "axis axis-unit").attr("data-unit", unit).attr("x", margin.left + 6).attr("y", 11)
      .text(axisText);
  }
  const line = d3.line().x((p) => x(p.x)).y((p) => y(p.y));
  const style = (s, i) => s.colour ?? i % PALETTE.length;
  const items = [];
  series.forEach((s, i) => {
    const k = style(s, i);
    const cls = `s${k}`;
    for (const run of runs(s.points, s.step ?? 1)) {
      if (run.length < 2) continue;
      svg.append("path").attr("class", `series ${cls}`).attr("data-series", i)
        .attr("data-from", run[0].x).attr("data-to", run.at(-1).x).attr("stroke-dasharray", DASHES[k])
        .attr("d", line(run));
    }
    const links = svg.append("g").attr("data-series", i).selectAll("a").data(s.points).join("a")
      .attr("href", (p) => sourceHref(p.row.source_id, p.row.observation_id ?? p.row.id))
      .attr("data-x", (p) => p.x)
      .attr("data-unit", (p) => unitOf(p, unit))
      .attr("aria-label", (p) => `${s.name} ${Math.floor(p.x)}: ${shown(p.row)}`)
      .attr("data-tip", (p) => `${s.name} ${Math.floor(p.x)}: ${shown(p.row)} — ${provenance(p.row)}`);
    links.append("path").attr("class", `marker ${cls}`).attr("d", marker(k))
      .attr("transform", (p) => `translate(${x(p.x)},${y(p.y)})`);
    links.each(function (p, j) { items.push({ node: this, series: i, index: j, x: p.x, px: x(p.x), py: y(p.y) }); });
  });
  wrap.append(svg.node());
  if (series.length > 1 || series[0]?.name) wrap.append(legend(series.map((s, i) => ({ name: s.name, cls: `s${style(s, i)}`, style: style(s, i) }))));
  const summary = el("ul", { class: "chart-summary note" }, series.filter((s) => s.points.length).map((s) => {
    const first = s.points[0];
    const last = s.points.at(-1);
    const [from, to] = [Math.floor(first.x), Math.floor(last.x)];
    const years = new Set(s.points.map((p) => Math.floor(p.x))).size;
    // A series within one year is said once: "5.3 bn USD in 2024 (one year with figures)", not "…in 2024, 5.3 bn USD in 2024".
    if (from === to) {
      const [a, b] = [shown(first.row), shown(last.row)];
      if (a === b) return el("li", {}, t("chart.summary.one", { name: s.name, year: from, value: b }));
      return el("li", {}, t("chart.summary.within", { name: s.name, year: from, first: a, last: b }));
    }
    return el("li", {}, t("chart.summary.series", {
      name: s.name, from, first: shown(first.row), to, last: shown(last.row), count: years,
    }));
  }));
  finish(wrap, svg.node(), summary, items, {
    label, name, csv, unit: axisText,
    rows: series.flatMap((s) => s.points.map((p) => ({ series: s.name, x: Math.floor(p.x), value: p.y, row: p.row }))),
  });
  return wrap;
}

/** Horizontal bars; each bar links to the source of its figure (one tab stop; arrows move between bars). */
export function barChart(bars, { unit = "", width = 640, label = "", name = null, csv = null } = {}) {
  const rowHeight = 24;
  width = fitWidth(width);
  const margin = { top: 6, right: 72, bottom: 6, left: Math.min(150, Math.round(width * 0.32)) };
  const height = margin.top + margin.bottom + rowHeight * bars.length;
  const wrap = el("figure", { class: "chart-figure" });
  if (!bars.length) {
    wrap.append(el("p", { class: "muted" }, t("status.empty")));
    return wrap;
  }
  const svg = d3.create("svg").attr("class", "chart").attr("viewBox", `0 0 ${width} ${height}`)
    .attr("role", "group").attr("aria-label", label);
  const x = d3.scaleLinear().domain([0, d3.max(bars, (b) => b.value) || 1]).range([margin.left, width - margin.right]);
  const valueText = (b) => `${fmt(b.value)}${unit ? ` ${unit}` : ""}`;
  const g = svg.append("g").selectAll("a").data(bars).join("a")
    .attr("href", (b) => sourceHref(b.row?.source_id, b.row?.observation_id ?? b.row?.id))
    .attr("aria-label", (b) => `${b.label}: ${valueText(b)}`)
    .attr("data-tip", (b) => `${b.label}: ${valueText(b)}${b.row ? ` — ${provenance(b.row)}` : ""}`);
  g.append("rect").attr("class", (b) => `bar ${b.cls ?? ""}`).attr("x", margin.left)
    .attr("y", (_, i) => margin.top + i * rowHeight + 3).attr("height", rowHeight - 6)
    .attr("width", (b) => Math.max(1, x(b.value) - margin.left));
  g.append("text").attr("x", margin.left - 6).attr("y", (_, i) => margin.top + i * rowHeight + rowHeight / 2 + 4)
    .attr("text-anchor", "end").attr("class", "bar-label").text((b) => clip(b.label, margin.left - 10));
  g.append("text").attr("x", (b) => x(b.value) + 4).attr("y", (_, i) => margin.top + i * rowHeight + rowHeight / 2 + 4)
    .attr("class", "bar-value").text(valueText);
  const items = [];
  g.each(function (b, i) { items.push({ node: this, series: 0, index: i, px: x(b.value), py: margin.top + i * rowHeight + rowHeight / 2 }); });
  wrap.append(svg.node());
  const sorted = [...bars].sort((a, b) => b.value - a.value);
  const summary = el("p", { class: "chart-summary note" }, t("chart.summary.bars", {
    count: bars.length, top: sorted[0].label, top_value: valueText(sorted[0]), low: sorted.at(-1).label, low_value: valueText(sorted.at(-1)),
  }));
  finish(wrap, svg.node(), summary, items, {
    label, name, csv, unit, rows: bars.map((b) => ({ series: label, x: b.label, value: b.value, row: b.row ?? {} })),
  });
  return wrap;
}

/** A label cut to the room it has (about 6.5 px a character at 12 px), the whole of it kept in the tooltip. */
function clip(text, room) {
  const most = Math.max(4, Math.floor(room / 6.5));
  return text.length > most ? `${text.slice(0, most - 1)}…` : text;
}

/**
 * Make a drawn chart usable: one tab stop (a roving tabindex over its points), arrow keys, a tooltip
 * on hover, tap and focus, the text summary (described-by) and the downloads.
 */
function finish(wrap, svg, summary, items, view) {
  const id = `chart-${++chartCount}`;
  summary.id = `${id}-summary`;
  svg.setAttribute("aria-describedby", summary.id);
  // The chart's one tab stop is its current point; the drawing itself is not a second one.
  svg.setAttribute("tabindex", "-1");
  svg.dataset.chart = id;
  const tip = el("div", { class: "chart-tip", role: "presentation", "aria-hidden": "true", hidden: true });
  wrap.append(tip, summary, downloads(svg, view));
  let current = items[0];
  let shownItem = null;
  let shownBeforeTap = null;
  let touch = false;
  for (const it of items) it.node.setAttribute("tabindex", it === current ? "0" : "-1");

  function show(it) {
    shownItem = it;
    for (const other of items) other.node.classList.toggle("active", other === it);
    if (!it) { tip.hidden = true; return; }
    tip.textContent = it.node.dataset.tip;
    tip.hidden = false;
    const box = wrap.getBoundingClientRect();
    const at = it.node.getBoundingClientRect();
    const cx = at.left + at.width / 2 - box.left;
    const left = Math.max(0, Math.min(cx - tip.offsetWidth / 2, box.width - tip.offsetWidth));
    let top = at.top - box.top - tip.offsetHeight - 8;
    if (top < 0) top = at.bottom - box.top + 8;
    tip.style.left = `${left}px`;
    tip.style.top = `${top}px`;
  }
  function move(to) {
    if (!to) return;
    current.node.setAttribute("tabindex", "-1");
    current = to;
    to.node.setAttribute("tabindex", "0");
    to.node.focus();
  }
  function nearest(clientX, clientY, limit = 48) {
    let best = null;
    let bestD = limit;
    for (const it of items) {
      const r = it.node.getBoundingClientRect();
      const d = Math.hypot(r.left + r.width / 2 - clientX, r.top + r.height / 2 - clientY);
      if (d < bestD) { best = it; bestD = d; }
    }
    return best;
  }
  svg.addEventListener("keydown", (event) => {
    const same = items.filter((it) => it.series === current.series);
    const others = (dir) => {
      const ids = [...new Set(items.map((it) => it.series))];
      const next = ids[ids.indexOf(current.series) + dir];
      const candidates = items.filter((it) => it.series === next);
      return candidates.length ? candidates.reduce((a, b) => (Math.abs(b.px - current.px) < Math.abs(a.px - current.px) ? b : a)) : null;
    };
    const bars = items.every((it) => it.series === 0) && !items[0].node.closest("g[data-series]");
    const step = {
      ArrowRight: () => same[same.indexOf(current) + 1],
      ArrowLeft: () => same[same.indexOf(current) - 1],
      ArrowDown: () => (bars ? same[same.indexOf(current) + 1] : others(1)),
      ArrowUp: () => (bars ? same[same.indexOf(current) - 1] : others(-1)),
      Home: () => same[0],
      End: () => same.at(-1),
    }[event.key];
    if (!step) {
      if (event.key === "Escape") show(null);
      return;
    }
    event.preventDefault();
    move(step());
  });
  svg.addEventListener("focus", () => current.node.focus());
  svg.addEventListener("focusin", (event) => {
    const it = items.find((i) => i.node === event.target);
    if (it) {
      if (it !== current) move(it);
      show(it);
    }
  });
  svg.addEventListener("focusout", () => { if (!svg.matches(":hover")) show(null); });
  svg.addEventListener("pointermove", (event) => {
    if (event.pointerType === "mouse") show(nearest(event.clientX, event.clientY));
  });
  svg.addEventListener("pointerleave", (event) => {
    if (event.pointerType === "mouse" && !svg.contains(document.activeElement)) show(null);
  });
  svg.addEventListener("pointerdown", (event) => {
    touch = event.pointerType !== "mouse";
    if (!touch) return;
    shownBeforeTap = shownItem;
    show(nearest(event.clientX, event.clientY, 64));
  });
  // A tap elsewhere on the page hides the value again.
  document.addEventListener("pointerdown", (event) => {
    if (shownItem && !svg.contains(event.target) && event.pointerType !== "mouse") show(null);
  });
  // A tap shows the value first; a second tap on the same point opens its source.
  svg.addEventListener("click", (event) => {
    if (!touch) return;
    const it = items.find((i) => i.node.contains(event.target)) ?? shownItem;
    if (it && it !== shownBeforeTap) event.preventDefault();
    shownBeforeTap = it;
  });
}

/** A file-name part from a view's words ("China's customs, Kazakhstan" → "china-s-customs-kazakhstan"). */
function slug(text) {
  return String(text ?? "").toLowerCase().normalize("NFKC").replace(/[^\p{L}\p{N}.]+/gu, "-").replace(/^-+|-+$/g, "").slice(0, 80);
}

/** The view's file name: the page and the chart's name or label ("trade-kazakhstan"). */
function viewName(view) {
  const page = slug(window.location.pathname.replace(/^\/+|\/+$/g, "").replaceAll("/", "-")) || "overview";
  return [page, slug(view.name ?? view.label)].filter(Boolean).join("-");
}

const STYLED = ["fill", "fill-opacity", "stroke", "stroke-width", "stroke-dasharray", "stroke-linecap", "opacity",
  "font-size", "font-family", "font-weight", "text-anchor", "visibility"];

/** The chart as a standalone SVG document: styles inlined, links made absolute, a title and a white ground. */
export function standaloneSvg(svg, title = "") {
  const copy = svg.cloneNode(true);
  const from = [svg, ...svg.querySelectorAll("*")];
  const to = [copy, ...copy.querySelectorAll("*")];
  from.forEach((node, i) => {
    const computed = getComputedStyle(node);
    const target = to[i];
    target.removeAttribute("tabindex");
    target.removeAttribute("class");
    target.style.cssText = STYLED.map((k) => `${k}:${computed.getPropertyValue(k)}`).join(";");
    if (target.hasAttribute("href")) target.setAttribute("href", new URL(target.getAttribute("href"), window.location.href).href);
  });
  const [, , w, h] = copy.getAttribute("viewBox").split(" ").map(Number);
  copy.setAttribute("xmlns", SVG);
  copy.setAttribute("width", w);
  copy.setAttribute("height", h);
  copy.style.backgroundColor = "#ffffff";
  const ground = document.createElementNS(SVG, "rect");
  ground.setAttribute("width", w);
  ground.setAttribute("height", h);
  ground.setAttribute("fill", "#ffffff");
  copy.prepend(ground);
  if (title) {
    const node = document.createElementNS(SVG, "title");
    node.textContent = title;
    copy.prepend(node);
  }
  return { text: `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}`, width: w, height: h };
}

/** The chart as a PNG (drawn offline: the standalone SVG painted onto a canvas at twice its size). */
export async function pngOf(svg, title = "") {
  const { text, width, height } = standaloneSvg(svg, title);
  const image = new Image();
  await new Promise((resolve, reject) => {
    image.onload = resolve;
    image.onerror = () => reject(new Error("the chart could not be drawn as an image"));
    // A data address: the page's policy lets images come only from this server or from data.
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  });
  const canvas = document.createElement("canvas");
  canvas.width = width * 2;
  canvas.height = height * 2;
  const context = canvas.getContext("2d");
  context.scale(2, 2);
  context.drawImage(image, 0, 0, width, height);
  return new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
}

/** The chart's figures as rows: every point, with its unit, whose figure it is and its source. */
function chartRows(view) {
  return view.rows.map((r) => ({
    series: r.series,
    x: r.x,
    value: r.value,
    unit: r.row.display_unit ?? r.row.unit ?? view.unit ?? "",
    figure: r.row.value === undefined && r.row.value_display === undefined ? fmt(r.value) : shown(r.row),
    period: r.row.period ?? "",
    attribution: whose(r.row) ?? "",
    source_id: r.row.source_id ?? "",
    observation_id: r.row.observation_id ?? r.row.id ?? "",
    source: r.row.source_id || r.row.observation_id || r.row.id
      ? new URL(sourceHref(r.row.source_id, r.row.observation_id ?? r.row.id), window.location.href).href : "",
  }));
}

const FIELDS = {
  series: "The chart's series: whose figures they are",
  x: "The year (or the bar's label)",
  value: "The figure as drawn, in the unit of the next column",
  unit: "The unit of the figure",
  figure: "The figure as the dashboard shows it, with its bound",
  period: "The period the figure covers",
  attribution: "Whose figure it is, and the page that printed it",
  source_id: "The id of the source in the catalogue",
  observation_id: "The id of the figure in the ledger",
  source: "The address of the figure's source entry",
};

const csvCell = (v) => {
  const text = v === null || v === undefined ? "" : String(v);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** The chart's figures as CSV: UTF-8 with a BOM (Excel reads Chinese and Russian), a header, every point. */
export function chartCsv(view) {
  const rows = chartRows(view);
  const names = Object.keys(FIELDS);
  return `\ufeff${[names, ...rows.map((r) => names.map((k) => r[k]))].map((r) => r.map(csvCell).join(",")).join("\r\n")}\r\n`;
}

/** The chart's figures as JSON with their metadata beside them: title, view, unit, column meanings, sources. */
export function chartJson(view) {
  const rows = chartRows(view);
  const sources = [...new Set(rows.map((r) => r.source_id).filter(Boolean))].sort()
    .map((sid) => ({ id: sid, path: new URL(sourceHref(sid), window.location.href).href }));
  return JSON.stringify({
    title: view.label,
    view: window.location.href,
    unit: view.unit ?? "",
    publisher: "Caravan",
    fields: Object.entries(FIELDS).map(([nameKey, description]) => ({ name: nameKey, description })),
    sources,
    rows,
  }, null, 2);
}

function save(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = el("a", { href: url, download: filename, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A chart's downloads, folded under one summary (one tab stop): SVG, PNG, CSV and JSON of its figures. */
function downloads(svg, view) {
  const name = viewName(view);
  const button = (cls, text, make) => el("button", {
    type: "button", class: `secondary ${cls}`, "data-filename": `${name}.${cls}`,
    onclick: async () => save(await make(), `${name}.${cls}`),
  }, text);
  return el("details", { class: "chart-downloads note" },
    el("summary", {}, t("chart.download")),
    el("p", {},
      button("svg", "SVG", () => new Blob([standaloneSvg(svg, view.label).text], { type: "image/svg+xml" })), " ",
      button("png", "PNG", () => pngOf(svg, view.label)), " ",
      button("csv", "CSV", () => new Blob([chartCsv(view)], { type: "text/csv;charset=utf-8" })), " ",
      button("json", "JSON", () => new Blob([chartJson(view)], { type: "application/json" }))),
    view.csv ? downloadLinks(view.csv) : null);
}

/** A legend list of swatches; a chart series' swatch shows its colour, dash and marker. */
export function legend(items) {
  return el("ul", { class: "legend" }, items.map((it) => {
    if (it.style === undefined) return el("li", {}, el("span", { class: `swatch ${it.cls}`, "aria-hidden": "true" }), it.name);
    const k = it.style;
    const mark = d3.create("svg").attr("class", `swatch-line ${it.cls}`).attr("viewBox", "0 0 28 12").attr("width", 28).attr("height", 12)
      .attr("aria-hidden", "true");
    mark.append("line").attr("class", `series ${it.cls}`).attr("x1", 1).attr("x2", 27).attr("y1", 6).attr("y2", 6)
      .attr("stroke-dasharray", DASHES[k]);
    mark.append("path").attr("class", `marker ${it.cls}`).attr("d", marker(k, 40)).attr("transform", "translate(14,6)");
    return el("li", {}, mark.node(), it.name);
  }));
}

export { SVG, yearOf };
