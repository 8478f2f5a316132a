import { api, el, figureLink, fmt, runPage, section, t, clear, showError } from "../core.js";

const EXAMPLE = "China's trade with Central Asian nations reached $94.8 billion in 2024. Kazakhstan accounted for $43.8 billion.";

runPage(async (app) => {
  const text = el("textarea", { id: "claim-text", name: "text", maxlength: "50000", rows: "10" }, EXAMPLE);
  const result = el("div", { id: "claim-result", "aria-live": "polite" });
  const form = el("form", { id: "claim-form" },
    el("label", { for: "claim-text" }, t("claims.paste"), text),
    el("p", {}, el("button", { type: "submit" }, t("claims.check"))));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clear(result).append(el("p", { class: "loading" }, t("status.loading")));
    try {
      const checked = await api("/api/claims/check", {}, {
        method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: text.value }),
      });
      clear(result);
      render(result, checked);
    } catch (error) {
      clear(result);
      showError(result, error);
    }
  });
  app.append(el("p", { class: "muted" }, t("claims.intro")), form, result);
});

function render(box, checked) {
  const claims = [...checked.claims].sort((a, b) => a.start - b.start);
  const annotated = el("div", { class: "annotated", id: "annotated", lang: checked.language ?? undefined });
  let at = 0;
  claims.forEach((c, i) => {
    if (c.start < at) return;
    annotated.append(checked.text.slice(at, c.start));
    annotated.append(el("mark", { class: `claim ${c.verdict}`, "data-verdict": c.verdict, id: `claim-${i}` },
      el("a", { href: `#verdict-${i}` }, checked.text.slice(c.start, c.end))));
    at = c.end;
  });
  annotated.append(checked.text.slice(at));
  box.append(section(t("claims.annotated"), annotated));
  box.append(section(t("claims.verdicts"), claims.length ? el("ol", { class: "verdicts" }, claims.map((c, i) =>
    el("li", { id: `verdict-${i}` },
      el("q", {}, c.text), " ", el("span", { class: `badge ${c.verdict}` }, t(`verdict.${c.verdict}`) === `verdict.${c.verdict}` ? c.verdict : t(`verdict.${c.verdict}`)),
      c.explanation ? el("p", { class: "note" }, c.explanation) : null,
      c.evidence?.length ? el("ul", {}, c.evidence.map((e) => el("li", {},
        figureLink(e, `${fmt(e.value)} ${e.unit ?? ""}`), ` ${e.period ?? ""} — ${e.publisher ?? ""}`))) : null))) : el("p", { class: "muted" }, t("claims.none"))));
}
