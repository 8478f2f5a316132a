// Loading and selecting ledger rows for the pages (selection only: the analyses compute).
import { api, nameOf } from "./core.js";

let indicatorCache = null;
/** Every indicator, by id. */
export async function loadIndicators() {
  if (!indicatorCache) indicatorCache = api("/api/indicators").then((rows) => new Map(rows.map((r) => [r.id, r])));
  return indicatorCache;
}

/** Every observation matching a filter (all pages). */
export async function observations(params) {
  const limit = 1000;
  let offset = 0;
  const rows = [];
  for (;;) {
    const page = await api("/api/observations", { ...params, limit, offset });
    rows.push(...page.items);
    offset += limit;
    if (offset >= page.total) return rows;
  }
}

/** Only yearly rows, reported (not derived), of one subject/counterpart pair. */
export function pair(rows, subject, counterpart) {
  return rows.filter((r) => r.subject === subject && (r.counterpart ?? null) === (counterpart ?? null)
    && r.period_kind === "year" && r.method !== "derived");
}

/**
 * One indicator's series for some pairs as the library chose them (`/api/explore`, `caravan.explore`): per
 * series one publisher family and one figure per period, yearly where there are yearly figures. A page
 * draws these instead of picking a row per year itself, so no trend is a change of source.
 */
export async function explored(indicator, pairs) {
  const q = new URLSearchParams({ indicator });
  for (const p of pairs) q.append("pair", p);
  return api(`/api/explore?${q}`);
}

/** `explored`'s series as `lineChart` draws them, each named by `name(series)`; series with no point left out. */
export function chartSeries(result, name) {
  return result.series.map((s) => ({
    name: name(s),
    step: result.step,
    points: s.points.filter((p) => p.y !== null).map((p) => ({ x: p.x, y: p.y, row: p })),
  })).filter((s) => s.points.length);
}

/**
 * Whose statistics an explored series is, by name: its reporter's (a country's own figures), else the
 * authority that compiled it (`publisher_name`: a development bank's review is not a country's figure).
 */
export function whoseSeries(entities, s) {
  return s.reporter ? nameOf(entities, s.reporter) : (s.publisher_name ?? s.publisher ?? "—");
}
