import { api, csvHref, el, figureLink, fmt, href, loadEntities, nameOf, runPage, section, shown, sourceHref, t, table, whose } from "../core.js";
import { lineChart, legend, unitText } from "../charts.js";
import { observations } from "../data.js";
import { drawMap } from "../map.js";

const d3 = window.d3;
import { observationTable } from "../views.js";

const link = (id, text) => (id ? el("a", { href: href(`/sources/${encodeURIComponent(id)}`), class: "figure-link" }, text) : text);

runPage(async (app) => {
  const entities = await loadEntities();
  const pipelines = [...entities.values()].filter((e) => e.kind === "pipeline");

  // The ledger cites no route geometry for the pipelines; the map marks the countries each line crosses, as the
  // ledger states it: a line's cited route (its `crosses`, with `crosses_source`) or the counterparts of its cited
  // per-country section lengths. Lines in operation fill a country; lines under construction hatch it.
  const sections = await observations({ indicator: "pipeline.length.section", derived: false });
  const lines = new Map();
  const lineOf = (id) => {
    if (!lines.has(id)) {
      const e = entities.get(id);
      lines.set(id, { id, building: e?.attributes?.status === "under-construction", countries: new Map() });
    }
    return lines.get(id);
  };
  for (const p of pipelines) {
    for (const code of p.attributes?.crosses ?? []) lineOf(p.id).countries.set(code, p.attributes.crosses_source);
  }
  for (const r of sections) {
    const line = lineOf(r.subject);
    if (!line.countries.has(r.counterpart)) line.countries.set(r.counterpart, r.source_id);
  }
  const crossedBy = (building) => new Set([...lines.values()].filter((l) => l.building === building).flatMap((l) => [...l.countries.keys()]));
  const mapBox = el("div", { class: "map-box" });
  const basis = el("ul", { class: "note pipeline-crossings" }, [...lines.values()].map((l) => el("li", { "data-pipeline": l.id },
    `${nameOf(entities, l.id)} (${t(l.building ? "energy.line.building" : "energy.line.operating")}): `,
    [...l.countries].flatMap(([code, source], i) => [i ? ", " : "", link(source, nameOf(entities, code))]))));
  // The quantity a crossed country is coloured by: the one cited length of the operating gas line in it, as the
  // server chose it (`/api/energy/lengths`: the whole system's figure first, then the better source tier).
  const lengthIn = new Map((await api("/api/energy/lengths")).map((r) => [r.counterpart, r]));
  const lengths = el("ul", { class: "legend pipeline-lengths" }, [...lengthIn].map(([code, r]) => el("li", { "data-country": code },
    `${nameOf(entities, code)}: `, figureLink(r), ` (${nameOf(entities, r.subject)})`)));
  app.append(section(t("energy.map"), el("p", { class: "muted" }, t("energy.map.note")),
    legend([{ cls: "pipeline", name: t("energy.crossed") }, { cls: "pipeline-building", name: t("energy.crossed.building") }]), mapBox,
    el("p", { class: "note" }, t("energy.map.lengths")), lengths, basis));
  const map = await drawMap(mapBox, { entities, label: t("energy.map") });
  const km = [...lengthIn.values()].map((r) => r.value_display);
  const colour = d3.scaleSequential((v) => d3.interpolateGreens(0.2 + 0.45 * v)).domain([0, Math.max(...km, 1)]);
  for (const code of crossedBy(false)) {
    const shape = map.svg.querySelector(`path[data-country="${code}"]`);
    if (!shape) continue;
    shape.classList.add("crossed");
    const r = lengthIn.get(code);
    if (!r) continue; // crossed, with no cited length in it: the plain fill
    shape.style.fill = colour(r.value_display);
    shape.dataset.km = r.value_display;
    const a = shape.parentNode;
    a.setAttribute("href", sourceHref(r.source_id, r.observation_id ?? r.id));
    a.setAttribute("aria-label", `${nameOf(entities, code)}: ${shown(r)} (${nameOf(entities, r.subject)}; ${whose(r)})`);
    a.querySelector("title").textContent = a.getAttribute("aria-label");
  }
  // Under construction: a hatch laid over the country (over its fill when an operating line crosses it too).
  const hatch = d3.select(map.svg).insert("defs", ":first-child").append("pattern").attr("id", "hatch-building")
    .attr("patternUnits", "userSpaceOnUse").attr("width", 7).attr("height", 7).attr("patternTransform", "rotate(45)");
  hatch.append("rect").attr("width", 2.5).attr("height", 7).attr("class", "hatch");
  for (const code of crossedBy(true)) {
    const shape = map.svg.querySelector(`path[data-country="${code}"]`);
    if (!shape) continue;
    const over = shape.cloneNode();
    over.setAttribute("class", "crossed-building");
    over.removeAttribute("data-country");
    over.dataset.building = code;
    shape.after(over);
  }
  app.append(table({
    columns: [
      { label: t("col.name"), cell: (r) => nameOf(entities, r.subject) },
      { label: t("col.country"), cell: (r) => nameOf(entities, r.counterpart) },
      { label: t("col.km"), num: true, cell: (r) => figureLink(r) },
    ],
    rows: sections,
  }));

  // Capacity against deliveries, and the cumulative checks: the energy analysis.
  const years = await api("/api/energy/utilisation");
  const point = (r, value, source) => ({ x: r.year, y: value, row: { value, unit: "bcm", display_unit: "bcm", unit_label: unitText("bcm"), source_id: source } });
  app.append(section(t("energy.capacity_vs_deliveries"), lineChart([
    { name: t("energy.delivered"), points: years.filter((r) => r.delivered_bcm !== null).map((r) => point(r, r.delivered_bcm, r.delivered_source)) },
    { name: t("energy.capacity"), points: years.filter((r) => r.capacity_bcm !== null).map((r) => point(r, r.capacity_bcm, r.capacity_source)) },
  ], { unit: "bcm", label: t("energy.capacity_vs_deliveries") }),
  table({
    columns: [
      { label: t("col.year"), cell: (r) => r.year },
      { label: t("energy.delivered"), num: true, cell: (r) => link(r.delivered_source, fmt(r.delivered_bcm)) },
      { label: t("energy.capacity"), num: true, cell: (r) => link(r.capacity_source, fmt(r.capacity_bcm)) },
      { label: t("energy.utilisation"), num: true, cell: (r) => (r.utilisation_pct === null ? "—" : `${fmt(r.utilisation_pct)}%`) },
      { label: t("energy.basis"), cell: (r) => r.capacity_basis },
    ],
    rows: years,
    csv: csvHref("/api/energy/utilisation"),
  })));
  const checks = await api("/api/energy/cumulative");
  const cumulative = (await observations({ indicator: "gas.delivered.cumulative", subject: "C5", counterpart: "CHN", derived: false }))
    .map((r) => ({ x: Number(String(r.period_end).slice(0, 4)) + (Number(String(r.period_end).slice(5, 7)) - 1) / 12, y: r.value_display, row: r }))
    .sort((a, b) => a.x - b.x);
  const cumulativeUnit = cumulative[0]?.row.display_unit ?? "bcm";
  app.append(section(t("energy.cumulative"), lineChart([{ name: t("energy.cumulative"), points: cumulative }], { unit: cumulativeUnit, unitLabel: cumulative[0]?.row.unit_label }),
    table({
      columns: [
        { label: t("energy.from"), cell: (r) => r.start },
        { label: t("energy.to"), cell: (r) => r.end },
        { label: t("energy.reported_difference"), num: true, cell: (r) => fmt(r.reported_difference_bcm) },
        { label: t("energy.periods_sum"), num: true, cell: (r) => fmt(r.periods_sum_bcm) },
        { label: t("energy.gap"), num: true, cell: (r) => (r.gap_percent === null ? "—" : `${fmt(r.gap_percent)}%`) },
        { label: t("col.status"), cell: (r) => r.status },
        { label: t("col.source"), cell: (r) => el("span", {}, r.sources.map((s, i) => [i ? ", " : "", link(s, String(i + 1))])) },
      ],
      rows: checks,
      csv: csvHref("/api/energy/cumulative"),
    })));

  app.append(section(t("energy.pipelines"), table({
    columns: [
      { label: t("col.name"), cell: (e) => nameOf(entities, e.id) },
      { label: t("col.opened"), cell: (e) => e.attributes?.opened ?? "—" },
      { label: t("col.status"), cell: (e) => (e.attributes?.status ? t(`linkstatus.${e.attributes.status}`) : "—") },
    ],
    rows: pipelines,
    csv: csvHref("/api/entities", { kind: "pipeline" }),
  })));
  const delivered = await observations({ indicator: "gas.delivered", derived: false });
  app.append(section(t("energy.figures"), observationTable(delivered, entities, csvHref("/api/observations", { indicator: "gas.delivered" }))));
});
