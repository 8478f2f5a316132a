import { api, clear, el, figureLink, runPage, section, showError, t, whose } from "../core.js";
import { citeBlock } from "../cite.js";

const EXAMPLE = "China's trade with Central Asian nations reached $94.8 billion in 2024.";
const slug = (verdict) => String(verdict).replace(/[^a-z]+/gi, "-");
const verdictName = (verdict) => {
  const key = `verdict.${slug(verdict)}`;
  const text = t(key);
  return text === key ? verdict : text;
};

// A check is stored by the content key of what was asked; `?check=<key>` in the address reopens it.
runPage(async (app) => {
  app.dataset.cite = "own";
  const text = el("textarea", { id: "claim-text", name: "text", maxlength: "50000", rows: "10", lang: "en" }, EXAMPLE);
  const lang = el("select", { id: "claim-lang" }, el("option", { value: "" }, t("claims.lang.auto")),
    ["en", "zh", "ru"].map((code) => el("option", { value: code }, t(`claims.lang.${code}`))));
  const published = el("input", { id: "claim-published", type: "date" });
  const result = el("div", { id: "claim-result", "aria-live": "polite" });
  const form = el("form", { id: "claim-form" },
    el("label", { for: "claim-text" }, t("claims.paste"), text),
    el("div", { class: "panel" },
      el("label", { for: "claim-lang" }, t("claims.lang"), lang),
      el("label", { for: "claim-published" }, t("claims.published"), published),
      el("button", { type: "submit" }, t("claims.check"))));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clear(result).append(el("p", { class: "loading" }, t("status.loading")));
    const body = { text: text.value };
    if (lang.value) body.lang = lang.value;
    if (published.value) body.published = published.value;
    try {
      const checked = await api("/api/claims/check", {}, {
        method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body),
      });
      clear(result);
      if (checked.check) window.history.replaceState(null, "", keep(checked.check)); // not stored: no link
      render(result, checked);
    } catch (error) {
      clear(result);
      showError(result, error);
    }
  });
  app.append(el("p", { class: "muted" }, t("claims.intro")), form, result);
  const stored = new URLSearchParams(window.location.search).get("check");
  if (stored) {
    try {
      const checked = await api(`/api/claims/checks/${encodeURIComponent(stored)}`);
      text.value = checked.text;
      if (checked.lang) lang.value = checked.lang;
      result.append(el("p", { class: "note", id: "claim-stored" },
        t("claims.stored", { date: String(checked.checked_at ?? "").slice(0, 10), build: checked.build ?? "" })));
      render(result, checked);
    } catch (error) {
      showError(result, error);
    }
  }
});

/** The address of a stored check (this page, its language kept, `check` set). */
function keep(key) {
  const q = new URLSearchParams(window.location.search);
  q.set("check", key);
  return `${window.location.pathname}?${q}`;
}

function render(box, checked) {
  const claims = [...checked.claims].sort((a, b) => a.start - b.start);
  if (checked.check) {
    box.append(el("p", { class: "note claim-permalink" },
      el("a", { href: keep(checked.check), id: "claim-permalink" }, t("claims.permalink"))));
  }
  const annotated = el("div", { class: "annotated", id: "annotated", lang: checked.lang });
  let at = 0;
  claims.forEach((c, i) => {
    if (c.start < at) return;
    annotated.append(checked.text.slice(at, c.start));
    annotated.append(el("mark", { class: `claim ${slug(c.verdict)}`, "data-verdict": c.verdict, id: `claim-${i}`, title: verdictName(c.verdict) },
      el("a", { href: `#verdict-${i}` }, checked.text.slice(c.start, c.end))));
    at = c.end;
  });
  annotated.append(checked.text.slice(at));
  const counts = Object.entries(checked.counts || {}).map(([v, n]) => el("span", { class: `badge ${slug(v)}` }, `${verdictName(v)}: ${n}`));
  box.append(section(t("claims.annotated"), el("p", {}, counts), annotated,
    checked.notes?.length ? el("ul", { class: "note" }, checked.notes.map((n) => el("li", {}, n))) : null));
  box.append(section(t("claims.verdicts"), claims.length ? el("ol", { class: "verdicts" }, claims.map((c, i) =>
    el("li", { id: `verdict-${i}` },
      el("q", {}, c.text), " ", el("span", { class: `badge ${slug(c.verdict)}` }, verdictName(c.verdict)),
      c.explanation ? el("p", { class: "note" }, c.explanation) : null,
      c.evidence?.length ? el("ul", {}, c.evidence.map((e) => el("li", {},
        figureLink({ ...e, id: e.observation }, e.shown ?? e.period ?? ""),
        ` ${e.indicator ?? ""} ${e.subject ?? ""}${e.counterpart ? `→${e.counterpart}` : ""} ${e.period ?? ""} — ${whose(e) ?? `${t("source.derived")}: ${e.locator ?? ""}`}`))) : null))) : el("p", { class: "muted" }, t("claims.none"))));
  const publishers = claims.flatMap((c) => (c.evidence ?? []).map((e) => whose(e))).filter(Boolean);
  const built = checked.built_at ? { built_at: checked.built_at } : null;
  box.append(citeBlock({ title: `${t("page.claims")}: ${checked.text.slice(0, 80)}${checked.text.length > 80 ? "…" : ""}`,
    sources: publishers, build: built, url: checked.check ? new URL(keep(checked.check), window.location.origin).href : window.location.href }));
}
