// "Cite this": a citation of the view on screen — its title, Caravan as publisher, its sources, the date of
// the ledger build it shows, and its permalink (the address, which holds the whole view) — with a copy button.
import { api, el, t } from "./core.js";

const MAX_NAMED = 12; // sources named in a citation; the permalink's page lists every one

let served = null;
/** The build being served ({build_id, built_at}), asked once per page. */
async function currentBuild() {
  if (!served) served = api("/api/meta").then((m) => ({ id: m.ledger?.build_id ?? "", built_at: m.ledger?.built_at ?? "" }));
  return served;
}

/** The citation text of a view (formatting only: every part comes from the page or the API). */
export function citation({ title, sources, builtAt, url }) {
  const names = [...new Set(sources.filter(Boolean))];
  const listed = names.length > MAX_NAMED ? [...names.slice(0, MAX_NAMED), `… (+${names.length - MAX_NAMED})`] : names;
  return t("cite.text", {
    title,
    date: String(builtAt ?? "").slice(0, 10),
    sources: listed.length ? listed.join("; ") : t("cite.no_sources"),
    url,
  });
}

/**
 * A "cite this" block: the citation in a read-only box, and a button that copies it.
 * build: {built_at} of the ledger build the view shows (default: the build being served).
 * Call `update` on the returned element after the view changes (new sources, new address).
 */
export function citeBlock({ title, sources = [], build = null, url = window.location.href }) {
  const box = el("textarea", { class: "cite-text", id: "cite-text", readonly: true, rows: "3", "aria-label": t("cite.title") });
  const status = el("span", { class: "note cite-status", role: "status" });
  const copy = el("button", { type: "button", class: "cite-copy" }, t("cite.copy"));
  copy.addEventListener("click", async () => {
    box.select();
    try {
      await navigator.clipboard.writeText(box.value);
    } catch {
      document.execCommand?.("copy"); // without the clipboard API (a page not served securely): the selection
    }
    status.textContent = t("cite.copied");
  });
  const block = el("section", { class: "cite" }, el("h2", {}, t("cite.title")), box, el("p", {}, copy, " ", status));
  block.update = async (view = {}) => {
    Object.assign(opts, view);
    const built = opts.build ?? (await currentBuild());
    box.value = citation({ title: opts.title, sources: opts.sources, builtAt: built.built_at, url: opts.url ?? window.location.href });
    block.dataset.built = built.built_at ?? "";
    status.textContent = "";
  };
  const opts = { title, sources, build, url };
  block.ready = block.update();
  return block;
}

let catalogue = null;
/** Each source's publisher, by source id (the catalogue, asked once per page). */
async function publishers() {
  if (!catalogue) catalogue = api("/api/sources").then((rows) => new Map(rows.map((r) => [r.id, r.publisher])));
  return catalogue;
}

/**
 * The citation of any page that has none of its own: its title, and the publishers of the sources its
 * figures link to (found by the ids in the links' addresses).
 */
export async function citePage(app) {
  if (app.dataset.cite === "own" || document.body.classList.contains("embed") || app.querySelector(".cite")) return;
  const ids = [...app.querySelectorAll('a[href*="/sources/"]')]
    .map((a) => decodeURIComponent(new URL(a.getAttribute("href"), window.location.origin).pathname.split("/sources/")[1] ?? ""))
    .filter(Boolean);
  const title = document.title.replace(/ · Caravan$/, "");
  const names = ids.length ? await publishers() : new Map();
  const block = citeBlock({ title, sources: ids.map((id) => names.get(id) ?? id) });
  app.append(block);
  await block.ready;
}
