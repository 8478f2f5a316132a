import { api, COUNTRIES, csvHref, el, figureLink, href, loadEntities, nameOf, runPage, section, t, table } from "../core.js";
import { sparkline } from "../charts.js";
import { drawMap } from "../map.js";

const PILLARS = ["trade", "investment", "transport", "energy", "people", "institutions"];

function headlineCell(h) {
  if (!h.source_id && !h.observation_id) return el("span", { class: "muted" }, h.text);
  if (h.pillar === "institutions") return el("a", { href: href(`/sources/${encodeURIComponent(h.source_id)}`) }, h.text);
  return figureLink({ ...h, id: h.observation_id }, h.text);
}

runPage(async (app) => {
  const [entities, headlines] = await Promise.all([loadEntities(), api("/api/overview")]);
  const region = headlines.filter((h) => h.country === "CHN");
  const cards = region.map((h) =>
    el("article", { class: "card", "data-pillar": h.pillar },
      el("h3", {}, t(`pillar.${h.pillar}`)),
      el("div", { class: h.pillar === "institutions" ? "figure small" : "figure" }, headlineCell(h)),
      h.indicator ? el("div", { class: "note" }, h.indicator) : null,
      h.publisher ? el("div", { class: "note" }, t("source.by", { publisher: h.publisher })) : null,
      h.series?.length > 1 ? sparkline(h.series.map((p) => ({ x: Number(p.period.slice(0, 4)), y: p.value }))) : null,
    ));
  app.append(section(t("overview.region"), el("p", { class: "muted" }, t("overview.region.note")), el("div", { class: "grid" }, cards)));

  const mapBox = el("div", { class: "map-box" });
  app.append(section(t("overview.map"), mapBox));
  await drawMap(mapBox, { entities, label: t("overview.map") });

  const byCountry = new Map(COUNTRIES.map((c) => [c, new Map()]));
  for (const h of headlines) byCountry.get(h.country)?.set(h.pillar, h);
  const columns = [
    { label: t("col.country"), cell: (c) => el("a", { href: href(`/country/${c}`) }, nameOf(entities, c)) },
    ...PILLARS.map((p) => ({ label: t(`pillar.${p}`), cell: (c) => headlineCell(byCountry.get(c).get(p)) })),
  ];
  app.append(section(t("overview.table"), table({ columns, rows: COUNTRIES, csv: csvHref("/api/overview") })));
});
