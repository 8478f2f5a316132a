import { api, COUNTRIES, csvHref, el, href, loadEntities, nameOf, runPage, section, t, table } from "../core.js";
import { drawMap } from "../map.js";
import { headlineCard, headlineDate, headlineFigure } from "../views.js";

const PILLARS = ["trade", "investment", "transport", "energy", "people", "institutions"];

// A table cell: the figure, then its date (marked when old).
// Each cell names its measure (investment is a stock in one row and a flow or a development loan in another).
const headlineCell = (h) => el("span", { class: h.old ? "headline old" : "headline" }, headlineFigure(h), " ", headlineDate(h),
  h.indicator_name ? el("span", { class: "note headline-measure" }, h.indicator_name) : null);

runPage(async (app) => {
  const [entities, headlines] = await Promise.all([loadEntities(), api("/api/overview")]);
  const region = headlines.filter((h) => h.country === "CHN");
  const cards = region.map((h) => headlineCard(h, { indicator: true }));
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
