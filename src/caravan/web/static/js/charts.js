// Charts drawn with d3 as plain SVG; every point or bar links to the source of its figure.
import { el, fmt, provenance, shown, sourceHref, t } from "./core.js";

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

/**
 * A line chart of one or more yearly series; each point links to the source of its own figure.
 *
 * The axis has one unit (`unit`, e.g. "bn USD"; shown as `unitLabel`): every point's row must be in it
 * (its `display_unit`), or the chart refuses to draw rather than put two scales on one axis. A series
 * is drawn as one path per run of consecutive years (`step` apart, a year by default): a missing
 * year breaks the line, and a lone year is a point. Each series' name says whose statistics it is.
 * `scale` is "linear" (from zero) or "log".
 */
export function lineChart(series, { unit = "", unitLabel = null, width = 640, height = 260, label = "", scale = "linear" } = {}) {
  const margin = { top: 12, right: 16, bottom: 26, left: 56 };
  const all = series.flatMap((s) => s.points);
  const wrap = el("figure", { class: "chart-figure" });
  if (!all.length) {
    wrap.append(el("p", { class: "muted" }, t("status.empty")));
    return wrap;
  }
  const stray = all.find((p) => unit && unitOf(p, unit) !== unit);
  if (stray) throw new Error(`${label}: a figure in ${unitOf(stray, unit)} on an axis in ${unit}`);
  const svg = d3.create("svg").attr("class", "chart").attr("viewBox", `0 0 ${width} ${height}`)
    .attr("role", "group").attr("aria-label", label || series.map((s) => s.name).join(", "));
  const xs = d3.extent(all, (p) => p.x);
  if (xs[0] === xs[1]) { xs[0] -= 1; xs[1] += 1; }
  const x = d3.scaleLinear().domain(xs).range([margin.left, width - margin.right]);
  // A log axis (`scale: "log"`) starts at the smallest figure: every point given must be above zero.
  const y = (scale === "log" ? d3.scaleLog().domain(d3.extent(all, (p) => p.y))
    : d3.scaleLinear().domain([Math.min(0, d3.min(all, (p) => p.y)), d3.max(all, (p) => p.y)])).nice()
    .range([height - margin.bottom, margin.top]);
  svg.append("g").attr("class", "axis").attr("transform", `translate(0,${height - margin.bottom})`)
    .call(d3.axisBottom(x).ticks(Math.min(10, xs[1] - xs[0])).tickFormat(d3.format("d")));
  svg.append("g").attr("class", "axis").attr("transform", `translate(${margin.left},0)`)
    .call(d3.axisLeft(y).ticks(5).tickFormat((v) => fmt(v)));
  const axisText = unitLabel ?? unitText(unit);
  if (axisText) {
    svg.append("text").attr("class", "axis axis-unit").attr("data-unit", unit).attr("x", 4).attr("y", 10)
      .attr("font-size", 10).text(axisText);
  }
  const line = d3.line().x((p) => x(p.x)).y((p) => y(p.y));
  series.forEach((s, i) => {
    const cls = `s${s.colour ?? i % 6}`;
    for (const run of runs(s.points, s.step ?? 1)) {
      if (run.length < 2) continue;
      svg.append("path").attr("class", `series ${cls}`).attr("data-series", i)
        .attr("data-from", run[0].x).attr("data-to", run.at(-1).x).attr("d", line(run));
    }
    const links = svg.append("g").attr("data-series", i).selectAll("a").data(s.points).join("a")
      .attr("href", (p) => sourceHref(p.row.source_id, p.row.observation_id ?? p.row.id))
      .attr("data-x", (p) => p.x)
      .attr("data-unit", (p) => unitOf(p, unit))
      .attr("aria-label", (p) => `${s.name} ${Math.floor(p.x)}: ${shown(p.row)}`);
    links.append("title").text((p) => `${s.name} ${Math.floor(p.x)}: ${shown(p.row)} — ${provenance(p.row)}`);
    links.append("circle").attr("class", cls).attr("cx", (p) => x(p.x)).attr("cy", (p) => y(p.y)).attr("r", 3.5);
  });
  wrap.append(svg.node());
  if (series.length > 1 || series[0]?.name) wrap.append(legend(series.map((s, i) => ({ name: s.name, cls: `s${s.colour ?? i % 6}` }))));
  return wrap;
}

/** Horizontal bars; each bar links to the source of its figure. */
export function barChart(bars, { unit = "", width = 640, label = "" } = {}) {
  const rowHeight = 22;
  const margin = { top: 6, right: 70, bottom: 6, left: 150 };
  const height = margin.top + margin.bottom + rowHeight * bars.length;
  const wrap = el("figure", { class: "chart-figure" });
  if (!bars.length) {
    wrap.append(el("p", { class: "muted" }, t("status.empty")));
    return wrap;
  }
  const svg = d3.create("svg").attr("class", "chart").attr("viewBox", `0 0 ${width} ${height}`)
    .attr("role", "group").attr("aria-label", label);
  const x = d3.scaleLinear().domain([0, d3.max(bars, (b) => b.value) || 1]).range([margin.left, width - margin.right]);
  const g = svg.append("g").selectAll("a").data(bars).join("a")
    .attr("href", (b) => sourceHref(b.row?.source_id, b.row?.observation_id ?? b.row?.id))
    .attr("aria-label", (b) => `${b.label}: ${fmt(b.value)} ${unit}`);
  g.append("rect").attr("class", (b) => `bar ${b.cls ?? ""}`).attr("x", margin.left)
    .attr("y", (_, i) => margin.top + i * rowHeight + 3).attr("height", rowHeight - 6)
    .attr("width", (b) => Math.max(1, x(b.value) - margin.left));
  g.append("text").attr("x", margin.left - 6).attr("y", (_, i) => margin.top + i * rowHeight + rowHeight / 2 + 4)
    .attr("text-anchor", "end").attr("font-size", 12).text((b) => b.label);
  g.append("text").attr("x", (b) => x(b.value) + 4).attr("y", (_, i) => margin.top + i * rowHeight + rowHeight / 2 + 4)
    .attr("font-size", 11).text((b) => `${fmt(b.value)}${unit ? ` ${unit}` : ""}`);
  wrap.append(svg.node());
  return wrap;
}

/** A legend list of coloured swatches. */
export function legend(items) {
  return el("ul", { class: "legend" }, items.map((it) => el("li", {}, el("span", { class: `swatch ${it.cls}`, "aria-hidden": "true" }), it.name)));
}

export { SVG, yearOf };
