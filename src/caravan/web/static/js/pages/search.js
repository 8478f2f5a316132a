import { api, el, href, lang, runPage, section, t } from "../core.js";

const KINDS = ["entity", "indicator", "event", "commitment", "source"];

// The words come from the address (?q=…), so a search can be shared; the box in the header holds them.
runPage(async (app, query) => {
  if (!query) {
    app.append(el("p", {}, t("search.empty")));
    return;
  }
  const hits = await api("/api/search", { q: query, lang, limit: 100 });
  app.append(el("p", { class: "note", "aria-live": "polite" }, t("search.count", { n: hits.length, q: query })));
  if (!hits.length) {
    app.append(el("p", {}, t("search.none", { q: query })));
    return;
  }
  for (const kind of KINDS) {
    const mine = hits.filter((h) => h.kind === kind);
    if (!mine.length) continue;
    // A source's title and publisher are in its own language; a match may be in any language.
    app.append(section(t(`search.kind.${kind}`), el("ul", { class: "search-hits" }, mine.map((h) => el("li", {},
      el("a", { href: href(h.path), lang: h.language }, h.title),
      h.detail ? el("span", { class: "note", lang: h.language }, ` · ${h.detail}`) : null,
      h.matched !== h.title ? el("span", { class: "note", lang: h.kind === "source" ? h.language : null }, ` (${h.matched})`) : null)))));
  }
});
