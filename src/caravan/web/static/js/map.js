// The map: country shapes from the world-atlas package (served by this server), the six countries
// highlighted and linked to their profiles, and the network's nodes, edges and routes drawn on top.
import { ISO_NUMERIC, COUNTRIES, el, href, nameOf, t } from "./core.js";

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

// Which labels win a place when labels would overlap: crossings and cities first, junctions last;
// then the better-connected node. Lesser labels are hidden until a zoom makes room for them.
const LABEL_RANK = { crossing: 4, city: 4, port: 3, terminal: 2, station: 2, junction: 1 };
const MARK_RADIUS = { city: 3, crossing: 4 };  // on screen, in CSS pixels
const LABEL_SIZE = { country: 12, node: 11 };  // on screen, in CSS pixels, at every zoom and screen width
// Where a node's label may sit, tried in turn: right, left, above, below (dx, dy in ems; anchor).
const PLACES = [[0.55, -0.3, "start"], [-0.55, -0.3, "end"], [0, -0.85, "middle"], [0, 1.25, "middle"],
  [0.5, 0.95, "start"], [-0.5, 0.95, "end"]];

/**
 * Draw a map into a container and return handles to draw more on it.
 * options: {entities, selected, nodes: [{id, lon, lat, kind, label, showLabel}], edges: [{coords, mode, status, label}],
 *           extent: [[lon, lat], ...] extra points the view must include, label}
 *
 * The map zooms and pans (buttons, Ctrl + wheel or a mouse drag, and from the keyboard + − 0 and the arrow keys
 * while one of its countries has focus); markers and labels keep
 * their size on screen at every zoom and screen width; labels never overlap: the lesser ones are hidden
 * until there is room. An edge or leg with a `path` (sea and ferry: drawn along the sea) is drawn along it,
 * any other straight between its two `coords`; a sea edge with no path is not drawn (a line over the land):
 * the handles list the ones left undrawn (`undrawn`), for the page to say so.
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
  // Clipped to the drawing: the zoom never shows more than it (its translate extent), so the rest of the world
  // is neither kept in the page nor painted; a country wholly outside it is not drawn at all.
  const projection = d3.geoConicConformal().parallels([35, 50]).rotate([-75, 0]).fitExtent([[20, 20], [width - 20, height - 20]], fitTo)
    .clipExtent([[0, 0], [width, height]]);
  const path = d3.geoPath(projection);
  const svg = d3.create("svg").attr("class", "map").attr("viewBox", `0 0 ${width} ${height}`)
    .attr("role", "group").attr("aria-label", label);
  const viewport = svg.append("g").attr("class", "viewport");
  const land = world.features.filter((f) => !NUMERIC_TO_ISO[f.id]).map((f) => path(f)).filter(Boolean);
  viewport.append("g").selectAll("path").data(land).join("path").attr("class", "land").attr("d", (d) => d);
  const links = viewport.append("g").attr("class", "countries").selectAll("a").data(focus).join("a")
    .attr("href", (f) => href(`/country/${NUMERIC_TO_ISO[f.id]}`))
    .attr("aria-label", (f) => nameOf(entities, NUMERIC_TO_ISO[f.id]));
  links.append("path").attr("class", (f) => `focus${NUMERIC_TO_ISO[f.id] === selected ? " selected" : ""}`)
    .attr("data-country", (f) => NUMERIC_TO_ISO[f.id]).attr("d", path);
  links.append("title").text((f) => nameOf(entities, NUMERIC_TO_ISO[f.id]));
  const edgeLayer = viewport.append("g").attr("class", "edges");
  const routeLayer = viewport.append("g").attr("class", "routes");
  const nodeLayer = viewport.append("g").attr("class", "nodes");
  const labels = viewport.append("g").attr("class", "labels");
  // A country the view leaves wholly outside (clipped away) has no centre to name it at.
  const named = focus.filter((f) => path.centroid(f).every(Number.isFinite));
  labels.selectAll("text.country-label").data(named).join("text").attr("class", "country-label")
    .attr("data-country", (f) => NUMERIC_TO_ISO[f.id]).attr("data-area", (f) => d3.geoArea(f))
    .attr("transform", (f) => {
      const [cx, cy] = path.centroid(f);
      return `translate(${cx},${cy})`;
    })
    .text((f) => nameOf(entities, NUMERIC_TO_ISO[f.id]));

  const undrawn = [];
  /** What a line is drawn along: a sea or ferry edge's (or leg's) drawn path along the sea, else its two ends. */
  const geometry = (e) => (e.path?.length >= 2 ? e.path : e.coords);
  /** A sea edge is drawn only along a path at sea: two ends alone would be a line over land. */
  const drawable = (e) => geometry(e)?.length >= 2 && !(e.mode === "sea" && geometry(e).length < 3);
  const line = (coords) => path({ type: "LineString", coordinates: coords });
  function addEdges(list) {
    undrawn.push(...list.filter((e) => geometry(e)?.length >= 2 && !drawable(e)));
    edgeLayer.selectAll(null).data(list.filter(drawable)).join("path")
      .attr("class", (e) => `edge ${e.mode ?? ""} ${e.status ?? ""}`)
      .attr("data-edge", (e) => e.id ?? "")
      .attr("data-points", (e) => geometry(e).length)
      .attr("d", (e) => line(geometry(e)))
      .append("title").text((e) => e.label ?? "");
  }
  const degree = new Map();
  for (const e of edges) for (const end of [e.source, e.target]) degree.set(end, (degree.get(end) ?? 0) + 1);
  function addNodes(list) {
    const placed = list.filter((n) => n.lon !== null && n.lat !== null && n.lon !== undefined);
    const g = nodeLayer.selectAll(null).data(placed).join("g")
      .attr("transform", (n) => `translate(${projection([n.lon, n.lat])})`);
    g.append("circle").attr("class", (n) => `node ${n.kind ?? ""}`).attr("data-node", (n) => n.id);
    g.append("title").text((n) => n.label ?? n.id);
    labels.selectAll(null).data(placed.filter((n) => n.showLabel)).join("text")
      .attr("class", (n) => `node-label ${n.kind ?? ""}`).attr("data-node", (n) => n.id)
      .attr("data-rank", (n) => (LABEL_RANK[n.kind] ?? 0) * 1000 + (degree.get(n.id) ?? 0))
      .attr("transform", (n) => `translate(${projection([n.lon, n.lat])})`)
      .text((n) => n.label ?? n.id);
    scaleMarks();
  }

  // The zoom: one transform on the viewport; markers and text are divided by the scale so that they keep
  // their size on screen. The map's own scale (its drawing width over its width on screen) counts too.
  let k = 1;
  const zoom = d3.zoom().scaleExtent([1, 16]).translateExtent([[0, 0], [width, height]])
    .filter((event) => (event.type === "wheel" ? event.ctrlKey || event.metaKey
      : event.type.startsWith("touch") ? event.touches.length > 1 : !event.button))
    .on("zoom", (event) => {
      k = event.transform.k;
      viewport.attr("transform", event.transform);
      svg.attr("data-zoom", k.toFixed(3));
      scaleMarks();
    });
  svg.call(zoom).on("dblclick.zoom", null).style("touch-action", "pan-x pan-y");
  const screenScale = () => {
    const shown = svg.node().getBoundingClientRect().width;
    return shown ? width / shown : 1;
  };
  function scaleMarks() {
    const s = screenScale() / k;
    nodeLayer.selectAll("circle").attr("r", (n) => (MARK_RADIUS[n.kind] ?? 3.5) * s);
    labels.selectAll("text.country-label").style("font-size", `${LABEL_SIZE.country * s}px`);
    labels.selectAll("text.node-label").style("font-size", `${LABEL_SIZE.node * s}px`);
    placeLabels();
  }
  let onRoute = new Set();  // the nodes of the route drawn last: their labels are placed first
  /** Place node labels, best first, each at the first of its places that overlaps nothing placed; else hide it. */
  function placeLabels() {
    if (!svg.node().isConnected) return;
    const taken = [];
    const bounds = svg.node().getBoundingClientRect();
    const overlaps = (r) => taken.some((o) => r.left < o.right && r.right > o.left && r.top < o.bottom && r.bottom > o.top);
    const inside = (r) => r.left >= bounds.left && r.right <= bounds.right && r.top >= bounds.top && r.bottom <= bounds.bottom;
    const grow = (r, x, y) => ({ left: r.left - x, right: r.right + x, top: r.top - y, bottom: r.bottom + y });
    // Country names first, the selected country and then the larger ones; a name that would cover another waits for a zoom.
    const countryLabels = labels.selectAll("text.country-label").nodes()
      .sort((a, b) => (b.dataset.country === selected) - (a.dataset.country === selected) || b.dataset.area - a.dataset.area);
    for (const node of countryLabels) {
      node.removeAttribute("visibility");
      const r = grow(node.getBoundingClientRect(), 1, 0);
      if (overlaps(r)) node.setAttribute("visibility", "hidden");
      else taken.push(r);
    }
    // A marker keeps its centre free (a label may touch its rim).
    for (const node of nodeLayer.selectAll("circle").nodes()) taken.push(grow(node.getBoundingClientRect(), -1, -1));
    // The places of a drawn route come first (its border crossings above all), then the rest by rank.
    const ranked = labels.selectAll("text.node-label").nodes()
      .sort((a, b) => (onRoute.has(b.dataset.node) - onRoute.has(a.dataset.node)) || b.dataset.rank - a.dataset.rank);
    for (const node of ranked) {
      node.removeAttribute("visibility");
      let placedAt = null;
      for (const [dx, dy, anchor] of PLACES) {
        node.setAttribute("dx", `${dx}em`);
        node.setAttribute("dy", `${dy}em`);
        node.setAttribute("text-anchor", anchor);
        const r = grow(node.getBoundingClientRect(), 1, 0);
        if (inside(r) && !overlaps(r)) { placedAt = r; break; }
      }
      if (placedAt) taken.push(placedAt);
      else node.setAttribute("visibility", "hidden");
    }
  }
  const resize = new ResizeObserver(() => scaleMarks());
  resize.observe(svg.node());

  /** Show the whole map again after zooming to a route. */
  function resetView() {
    svg.call(zoom.transform, d3.zoomIdentity);
  }
  /** Zoom to the smallest view (in the map's proportions) holding these drawing points, with a margin. */
  function zoomTo(points) {
    const [x0, x1] = d3.extent(points, (p) => p[0]);
    const [y0, y1] = d3.extent(points, (p) => p[1]);
    const scale = Math.min(16, width / (Math.max(x1 - x0, 200) * 1.8), height / (Math.max(y1 - y0, 120) * 1.8));
    if (scale <= 1) return resetView();
    svg.call(zoom.transform, d3.zoomIdentity.translate(width / 2, height / 2).scale(scale).translate(-(x0 + x1) / 2, -(y0 + y1) / 2));
  }
  /** Draw one route (a list of legs with coordinates) over the network, replacing any route drawn before,
   *  and zoom the view to it (keeping the map's proportions). A sea leg without a drawn path is not drawn. */
  function drawRoute(legs) {
    routeLayer.selectAll("*").remove();
    onRoute = new Set(legs.flatMap((l) => [l.origin, l.destination]).filter(Boolean));
    placeLabels();
    const drawn = legs.filter(drawable);
    routeLayer.selectAll("path").data(drawn).join("path")
      .attr("class", (l) => `route ${l.mode ?? ""}`).attr("data-edge", (l) => l.edge ?? "")
      .attr("data-points", (l) => geometry(l).length).attr("d", (l) => line(geometry(l)))
      .append("title").text((l) => l.label ?? "");
    if (!drawn.length) return resetView();
    zoomTo(drawn.flatMap((l) => geometry(l).map((c) => projection(c)).filter((p) => p && p.every(Number.isFinite))));
  }
  const step = (factor) => svg.call(zoom.scaleBy, factor);
  // From the keyboard, while a country of the map has focus: + and − zoom, the arrow keys pan, 0 shows it all.
  const PAN = { ArrowLeft: [80, 0], ArrowRight: [-80, 0], ArrowUp: [0, 80], ArrowDown: [0, -80] };
  svg.on("keydown", (event) => {
    if (event.key === "+" || event.key === "=") step(1.6);
    else if (event.key === "-" || event.key === "_") step(1 / 1.6);
    else if (event.key === "0") resetView();
    else if (PAN[event.key]) svg.call(zoom.translateBy, ...PAN[event.key].map((d) => (d * screenScale()) / k));
    else return;
    event.preventDefault();
  });
  const controls = el("div", { class: "map-controls", role: "group", "aria-label": t("map.zoom") },
    el("button", { type: "button", class: "secondary zoom-in", "aria-label": t("map.zoom_in"), onclick: () => step(1.6) }, "+"),
    el("button", { type: "button", class: "secondary zoom-out", "aria-label": t("map.zoom_out"), onclick: () => step(1 / 1.6) }, "−"),
    el("button", { type: "button", class: "secondary zoom-reset", onclick: resetView }, t("map.zoom_reset")));
  addEdges(edges);
  addNodes(nodes);
  const frame = el("div", { class: "map-frame" }, svg.node(), controls);
  container.append(frame);
  scaleMarks();
  return { svg: svg.node(), projection, addEdges, addNodes, drawRoute, resetView, zoomTo, undrawn, placeLabels };
}

/** Nodes for the map from ledger entities that have coordinates. */
export function entityNodes(entities, kinds, labelled = []) {
  return [...entities.values()]
    .filter((e) => e.lon !== null && e.lat !== null && (!kinds || kinds.includes(e.kind)))
    .map((e) => ({ id: e.id, lon: e.lon, lat: e.lat, kind: e.kind, label: nameOf(entities, e.id), showLabel: labelled.includes(e.id) }));
}

export { COUNTRIES, el };
