import { csvHref, el, loadEntities, nameOf, runPage, section, t, table } from "../core.js";
import { lineChart, yearly, legend } from "../charts.js";
import { capabilities, observations, pair } from "../data.js";
import { drawMap, entityNodes } from "../map.js";
import { observationTable } from "../views.js";
import { api } from "../core.js";

const bcm = (p) => ({ ...p, y: p.row.value_std / 1e9 });

runPage(async (app, _arg) => {
  const [entities, caps] = await Promise.all([loadEntities(), capabilities()]);
  const pipelines = [...entities.values()].filter((e) => e.kind === "pipeline");
  const network = caps.network ? await api("/api/network", { mode: "pipeline" }) : { nodes: [], edges: [] };
  const mapBox = el("div", { class: "map-box" });
  app.append(section(t("energy.map"), legend([{ cls: "pipeline", name: t("mode.pipeline") }]), mapBox));
  await drawMap(mapBox, {
    entities, label: t("energy.map"),
    nodes: network.nodes.length ? network.nodes.map((n) => ({ ...n, label: nameOf(entities, n.id) })) : entityNodes(entities, ["city"]).filter((n) => ["CHN", "KAZ", "UZB", "TKM"].includes(entities.get(n.id)?.parent)),
    edges: network.edges.map((e) => ({ ...e, label: nameOf(entities, e.pipeline ?? e.source) })),
  });

  const [delivered, capacity, cumulative] = await Promise.all([
    observations({ indicator: "gas.delivered" }),
    observations({ indicator: "gas.capacity" }),
    observations({ indicator: "gas.delivered.cumulative" }),
  ]);
  const capacityPoints = capacity.filter((r) => r.subject === "pipeline.cacgp").map((r) => ({ x: Number(String(r.period_end).slice(0, 4)), y: r.value_std / 1e9, row: r }))
    .sort((a, b) => a.x - b.x);
  app.append(section(t("energy.capacity_vs_deliveries"), lineChart([
    { name: t("energy.delivered"), points: yearly(pair(delivered, "C5", "CHN")).map(bcm) },
    { name: t("energy.capacity"), points: capacityPoints },
  ], { unit: t("unit.bcm"), label: t("energy.capacity_vs_deliveries") })));
  const cumulativePoints = cumulative.filter((r) => r.subject === "C5" && r.counterpart === "CHN")
    .map((r) => ({ x: Number(String(r.period_end).slice(0, 4)) + (Number(String(r.period_end).slice(5, 7)) - 1) / 12, y: r.value_std / 1e9, row: r }))
    .sort((a, b) => a.x - b.x);
  app.append(section(t("energy.cumulative"), lineChart([{ name: t("energy.cumulative"), points: cumulativePoints }], { unit: t("unit.bcm"), label: t("energy.cumulative") })));

  app.append(section(t("energy.pipelines"), table({
    columns: [
      { label: t("col.name"), cell: (e) => nameOf(entities, e.id) },
      { label: t("col.opened"), cell: (e) => e.attributes?.opened ?? "—" },
      { label: t("col.status"), cell: (e) => e.attributes?.status ?? "—" },
    ],
    rows: pipelines,
    csv: csvHref("/api/entities", { kind: "pipeline" }),
  })));
  app.append(section(t("energy.figures"), observationTable([...delivered, ...cumulative].filter((r) => r.method !== "derived"), entities, csvHref("/api/observations", { indicator: "gas.delivered" }))));
});
