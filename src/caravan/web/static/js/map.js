// The map: country shapes from the world-atlas package (served by this server), the six countries
// highlighted and linked to their profiles, and the network's nodes, edges and routes drawn on top.
import { ISO_NUMERIC, COUNTRIES, el, href, nameOf } from "./core.js";

const d3 = window.d3;
let atlas = null;

async function countries() {
  if (!atlas) {
    // The page names the atlas at its versioned address (kept by the browser for a year).
    atlas = fetch(document.body.dataset.atlas || "/static/vendor/countries-50m.json").then((r) => r.json())
      .then((topology) => window.topojson.feature(topology, topology.objects.countries));
  }
  return atlas;
}

/** Start loading the country shapes (a page that will draw a map asks early, beside its data). */
export const preloadCountries = countries;

const NUMERIC_TO_ISO = Object.fromEntries(Object.entries(ISO_NUMERIC).map(([k, v]) => [v, k]));

/**
 * Draw a map into a container and return handles to draw more on it.
 * options: {entities, selected, nodes: [{id, lon, lat, kind, label}], edges: [{coords, mode, status, label}],
 *           extent: [[lon, lat], ...] extra points the view must include, label}
 */
export async function drawMap(container, { entities, selected = null, nodes = [], edges = [], extent = [], label = "", width = 900, height = 560 } = {}) {
  const world = await countries();
  const focus = world.features.filter((f) => NUMERIC_TO_ISO[f.id]);
  const fitTo = {
    type: "FeatureCollection",
    features: [
      ...(selected && selected !== "CHN" ? focus.filter((f) => NUMERIC_TO_ISO[f.id] === selected) : focus),
      ...extent.map((c) => ({ type: "Feature", geometry: { type: "Point", coordinates: c } })),
    ],
  };
  const projection = d3.geoConicConformal().parallels([35, 50]).rotate([-75, 0]).fitExtent([[20, 20], [width - 20, height - 20]], fitTo);
  const path = d3.geoPath(projection);
  const svg = d3.create("svg").attr("class", "map").attr("viewBox", `0 0 ${width} ${height}`)
    .attr("role", "group").attr("aria-label", label);
  svg.append("g").selectAll("path").data(world.features.filter((f) => !NUMERIC_TO_ISO[f.id])).join("path")
    .attr("class", "land").attr("d", path);
  const links = svg.append("g").attr("class", "countries").selectAll("a").data(focus).join("a")
    .attr("href", (f) => href(`/country/${NUMERIC_TO_ISO[f.id]}`))
    .attr("aria-label", (f) => nameOf(entities, NUMERIC_TO_ISO[f.id]));
  links.append("path").attr("class", (f) => `focus${NUMERIC_TO_ISO[f.id] === selected ? " selected" : ""}`)
    .attr("data-country", (f) => NUMERIC_TO_ISO[f.id]).attr("d", path);
  links.append("title").text((f) => nameOf(entities, NUMERIC_TO_ISO[f.id]));
  const edgeLayer = svg.append("g").attr("class", "edges");
  const routeLayer = svg.append("g").attr("class", "routes");
  const nodeLayer = svg.append("g").attr("class", "nodes");
  const labels = svg.append("g").attr("class", "labels");
  labels.selectAll("text").data(focus).join("text").attr("class", "country-label")
    .attr("transform", (f) => {
      const [cx, cy] = path.centroid(f);
      return `translate(${cx},${cy})`;
    })
    .text((f) => nameOf(entities, NUMERIC_TO_ISO[f.id]));

  const line = (coords) => path({ type: "LineString", coordinates: coords });
  function addEdges(list) {
    edgeLayer.selectAll(null).data(list).join("path")
      .attr("class", (e) => `edge ${e.mode ?? ""} ${e.status ?? ""}`)
      .attr("data-edge", (e) => e.id ?? "")
      .attr("d", (e) => line(e.coords))
      .append("title").text((e) => e.label ?? "");
  }
  function addNodes(list) {
    const g = nodeLayer.selectAll(null).data(list.filter((n) => n.lon !== null && n.lat !== null)).join("g")
      .attr("transform", (n) => `translate(${projection([n.lon, n.lat])})`);
    g.append("circle").attr("class", (n) => `node ${n.kind ?? ""}`).attr("r", (n) => (n.kind === "city" ? 2.5 : 3.5))
      .attr("data-node", (n) => n.id);
    g.append("title").text((n) => n.label ?? n.id);
    g.filter((n) => n.showLabel).append("text").attr("class", "node-label").attr("x", 5).attr("y", -4).text((n) => n.label ?? n.id);
  }
  const fullView = `0 0 ${width} ${height}`;
  /** Show the whole map again after zooming to a route. */
  function resetView() {
    svg.attr("viewBox", fullView);
    scaleMarks(1);
  }
  // Keep markers and labels the same size on screen whatever the zoom.
  function scaleMarks(k) {
    nodeLayer.selectAll("circle").attr("r", (n) => (n.kind === "city" ? 2.5 : 3.5) * k);
    nodeLayer.selectAll("text").style("font-size", `${9 * k}px`).attr("x", 5 * k).attr("y", -4 * k);
    labels.selectAll("text").style("font-size", `${11 * k}px`);
  }
  /** Draw one route (a list of legs with coordinates) over the network, replacing any route drawn before,
   *  and zoom the view to it (keeping the map's proportions). */
  function drawRoute(legs) {
    routeLayer.selectAll("*").remove();
    const drawn = legs.filter((l) => l.coords?.length >= 2);
    routeLayer.selectAll("path").data(drawn).join("path")
      .attr("class", (l) => `route ${l.mode ?? ""}`).attr("d", (l) => line(l.coords))
      .append("title").text((l) => l.label ?? "");
    if (!drawn.length) return resetView();
    const points = drawn.flatMap((l) => l.coords.map((c) => projection(c)));
    const [x0, x1] = d3.extent(points, (p) => p[0]);
    const [y0, y1] = d3.extent(points, (p) => p[1]);
    let w = Math.max(x1 - x0, 200) * 1.8;
    let h = Math.max(y1 - y0, 120) * 1.8;
    if (w / h > width / height) h = (w * height) / width; else w = (h * width) / height;
    if (w >= width) return resetView();
    svg.attr("viewBox", `${(x0 + x1) / 2 - w / 2} ${(y0 + y1) / 2 - h / 2} ${w} ${h}`);
    scaleMarks(w / width);
  }
  addEdges(edges);
  addNodes(nodes);
  container.append(svg.node());
  return { svg: svg.node(), projection, addEdges, addNodes, drawRoute, resetView };
}

/** Nodes for the map from ledger entities that have coordinates. */
export function entityNodes(entities, kinds, labelled = []) {
  return [...entities.values()]
    .filter((e) => e.lon !== null && e.lat !== null && (!kinds || kinds.includes(e.kind)))
    .map((e) => ({ id: e.id, lon: e.lon, lat: e.lat, kind: e.kind, label: nameOf(entities, e.id), showLabel: labelled.includes(e.id) }));
}

export { COUNTRIES, el };
