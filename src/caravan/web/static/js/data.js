// Loading and selecting ledger rows for the pages (selection only: the analyses compute).
import { api } from "./core.js";

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
