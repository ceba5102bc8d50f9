// The MapLibre map with the risk-map's vector tiles drawn as the project's layers, and the optional base map.
import { Map, NavigationControl, ScaleControl, setWorkerUrl } from "maplibre-gl";
import "maplibre-gl/dist/maplibre-gl.css";
import { token } from "./auth.js";

setWorkerUrl("/vendor/maplibre-gl-worker.mjs");

// The demo district (晋城市) until the user's own features are known.
export const DEFAULT_VIEW = { center: [112.85, 35.55], zoom: 9.5 };

// The register's environmental risk levels, as the tiles carry them, with their Chinese names and colours.
export const RISK_LEVELS = { major: ["重大", "#d7191c"], elevated: ["较大", "#f28e2b"], general: ["一般", "#2c7bb6"] };
const UNKNOWN = "#8c8c8c";
const RISK_COLOR = ["match", ["get", "risk_level"], "major", RISK_LEVELS.major[1], "elevated", RISK_LEVELS.elevated[1],
  "general", RISK_LEVELS.general[1], UNKNOWN];

// Every drawn layer: its MVT source layer, the group the layer switcher shows and the legend entry.
// `paint`/`type` as MapLibre wants them; the order is the drawing order (areas first, points last).
export const LAYERS = [
  { id: "parks", group: "parks", title: "园区", type: "fill", source: "parks",
    paint: { "fill-color": "#6a3d9a", "fill-opacity": 0.08 }, legend: { color: "#6a3d9a", shape: "area" } },
  { id: "parks-outline", group: "parks", source: "parks", type: "line",
    paint: { "line-color": "#6a3d9a", "line-width": 2, "line-dasharray": [3, 2] } },
  { id: "sensitive_targets-area", group: "sensitive_targets", source: "sensitive_targets", type: "fill",
    filter: ["==", ["geometry-type"], "Polygon"], paint: { "fill-color": "#1a9850", "fill-opacity": 0.25 } },
  { id: "emergency_spaces-area", group: "resources", source: "emergency_spaces", type: "fill",
    filter: ["==", ["geometry-type"], "Polygon"], paint: { "fill-color": "#80cdc1", "fill-opacity": 0.35 } },
  { id: "sites-area", group: "sites", source: "sites", type: "fill", filter: ["==", ["geometry-type"], "Polygon"],
    paint: { "fill-color": RISK_COLOR, "fill-opacity": 0.35 } },
  { id: "sites-outline", group: "sites", source: "sites", type: "line", filter: ["==", ["geometry-type"], "Polygon"],
    paint: { "line-color": ["case", ["==", ["get", "case_open"], true], "#000", RISK_COLOR],
      "line-width": ["case", ["==", ["get", "case_open"], true], 3, 2] } },
  { id: "risk_units", group: "defence1", title: "第一道防线: 风险单元", source: "risk_units", type: "fill",
    filter: ["==", ["geometry-type"], "Polygon"], paint: { "fill-color": "#fdae61", "fill-opacity": 0.6 },
    legend: { color: "#fdae61", shape: "area" } },
  { id: "risk_units-point", group: "defence1", source: "risk_units", type: "circle",
    filter: ["==", ["geometry-type"], "Point"], paint: { "circle-color": "#fdae61", "circle-radius": 4 } },
  { id: "drain_pipes", group: "defence2", source: "drain_pipes", type: "line", sourceKey: "pipes",
    paint: { "line-color": "#7570b3", "line-width": 1.5 } },
  { id: "park_rain_pipes", group: "defence2", source: "park_rain_pipes", type: "line", sourceKey: "pipes",
    paint: { "line-color": "#9e9ac8", "line-width": 1.5, "line-dasharray": [2, 1] } },
  { id: "emergency_pools", group: "defence2", title: "第二道防线: 应急池、管网", source: "emergency_pools", type: "fill",
    filter: ["==", ["geometry-type"], "Polygon"], paint: { "fill-color": "#7570b3", "fill-opacity": 0.6 },
    legend: { color: "#7570b3", shape: "area" } },
  { id: "emergency_pools-point", group: "defence2", source: "emergency_pools", type: "circle",
    filter: ["==", ["geometry-type"], "Point"],
    paint: { "circle-color": "#7570b3", "circle-radius": 5, "circle-stroke-color": "#fff", "circle-stroke-width": 1 } },
  { id: "river_reaches", group: "rivers", title: "河流 (箭头为流向)", source: "river_reaches", type: "line",
    paint: { "line-color": "#2b8cbe", "line-width": ["interpolate", ["linear"], ["zoom"], 8, 2, 14, 5] },
    legend: { color: "#2b8cbe", shape: "line" } },
  { id: "river_reaches-arrows", group: "rivers", source: "river_reaches", type: "symbol",
    layout: { "symbol-placement": "line", "symbol-spacing": 80, "icon-image": "flow-arrow",
      "icon-allow-overlap": true, "icon-size": 0.8 } },
  { id: "sites", group: "sites", title: "企业 (按环境风险等级)", source: "sites", type: "circle",
    filter: ["==", ["geometry-type"], "Point"],
    paint: { "circle-color": RISK_COLOR,
    "circle-radius": ["match", ["get", "risk_level"], "major", 8, "elevated", 7, 6],
    "circle-stroke-color": ["case", ["==", ["get", "case_open"], true], "#000", "#fff"],
    "circle-stroke-width": ["case", ["==", ["get", "case_open"], true], 3, 1.5] },
    legend: { items: [...Object.values(RISK_LEVELS).map(([label, color]) => [`${label}环境风险企业`, color]),
      ["未定级企业", UNKNOWN], ["黑框: 有在办案件", "#000"]], shape: "square" } },
  { id: "sensitive_targets", group: "sensitive_targets", title: "环境敏感目标", source: "sensitive_targets",
    type: "circle", filter: ["==", ["geometry-type"], "Point"],
    paint: { "circle-color": "#1a9850", "circle-radius": 7, "circle-stroke-color": "#fff", "circle-stroke-width": 2 },
    legend: { color: "#1a9850", shape: "circle" } },
  { id: "rain_outlets", group: "defence3", title: "第三道防线: 雨水排口 (红=开, 绿=关)", source: "rain_outlets",
    type: "circle", paint: { "circle-color": ["match", ["get", "valve_state"], "closed", "#1a9850", "open", "#d7191c",
      "#8c8c8c"], "circle-radius": 5, "circle-stroke-color": "#222", "circle-stroke-width": 1.5 },
    legend: { items: [["排口阀门开启", "#d7191c"], ["排口阀门关闭", "#1a9850"]], shape: "square" } },
  { id: "river_gates", group: "gates", title: "闸控设施 (红=开, 绿=关)", source: "river_gates", type: "circle",
    paint: { "circle-color": ["match", ["get", "gate_state"], "closed", "#1a9850", "open", "#d7191c", "#8c8c8c"],
      "circle-radius": 7, "circle-stroke-color": "#08306b", "circle-stroke-width": 3 },
    legend: { items: [["闸门开启", "#d7191c"], ["闸门关闭", "#1a9850"]], shape: "circle", stroke: "#08306b" } },
  { id: "interception_points", group: "gates", source: "interception_points", type: "circle",
    paint: { "circle-color": "#08519c", "circle-radius": 4 } },
  { id: "monitoring_sections", group: "gates", source: "monitoring_sections", type: "circle",
    paint: { "circle-color": "#fff", "circle-radius": 4, "circle-stroke-color": "#08519c", "circle-stroke-width": 2 } },
  { id: "emergency_spaces", group: "resources", source: "emergency_spaces", type: "circle",
    filter: ["==", ["geometry-type"], "Point"], paint: { "circle-color": "#80cdc1", "circle-radius": 5 } },
  { id: "material_depots", group: "resources", title: "应急物资库", source: "material_depots", type: "circle",
    paint: { "circle-color": "#8c510a", "circle-radius": 6, "circle-stroke-color": "#fff", "circle-stroke-width": 1.5 },
    legend: { color: "#8c510a", shape: "square" } },
  { id: "response_teams", group: "resources", title: "应急队伍", source: "response_teams", type: "circle",
    paint: { "circle-color": "#01665e", "circle-radius": 6, "circle-stroke-color": "#fff", "circle-stroke-width": 1.5 },
    legend: { color: "#01665e", shape: "circle" } },
  { id: "hazards", group: "hazards", title: "未销号隐患 (大圈=重大)", source: "hazards", type: "circle",
    paint: { "circle-color": ["case", ["==", ["get", "grade"], "major"], "#a50026", "#fee08b"],
      "circle-radius": ["case", ["==", ["get", "grade"], "major"], 11, 5],
      "circle-stroke-color": "#a50026", "circle-stroke-width": 2, "circle-opacity": 0.9 },
    legend: { items: [["重大隐患", "#a50026"], ["一般隐患", "#fee08b"]], shape: "circle" } },
  { id: "incidents", group: "incidents", title: "突发环境事件", source: "incidents", type: "circle",
    paint: { "circle-color": "#ff00ff", "circle-radius": 10, "circle-stroke-color": "#000", "circle-stroke-width": 2 },
    legend: { color: "#ff00ff", shape: "circle" } },
];

// What the layer switcher shows, in Chinese, in order.
export const GROUPS = [
  ["parks", "园区"], ["sites", "企业"], ["defence1", "第一道防线"], ["defence2", "第二道防线"],
  ["defence3", "第三道防线"], ["rivers", "河流水系"], ["gates", "闸坝、拦截点、监测断面"],
  ["sensitive_targets", "环境敏感目标"], ["resources", "应急物资与队伍"], ["hazards", "未销号隐患"],
  ["incidents", "突发环境事件"],
];

export const TILE_SOURCE = "risk";
const PIPE_SOURCE = "pipes";

function tileUrl(layer) {
  return `${location.origin}/api/risk-map/tiles/${layer}/{z}/{x}/{y}.mvt`;
}

function baseMapSource(basemap) {
  return { type: "raster", tiles: [basemap.tiles || basemap.url], tileSize: 256,
    attribution: basemap.attribution || "" };
}

function flowArrow() {
  // Drawn here because the map has no sprite sheet: a small arrow pointing along the line (east = downstream).
  const size = 16;
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = size;
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#08519c";
  ctx.beginPath();
  ctx.moveTo(3, 3);
  ctx.lineTo(14, 8);
  ctx.lineTo(3, 13);
  ctx.lineTo(6, 8);
  ctx.closePath();
  ctx.fill();
  return ctx.getImageData(0, 0, size, size);
}

// The style: the optional base map, then the project's layers from the combined tile set.
export function style(config = {}) {
  const sources = {
    [TILE_SOURCE]: { type: "vector", tiles: [tileUrl("all")], minzoom: 0, maxzoom: 16 },
    [PIPE_SOURCE]: { type: "vector", tiles: [tileUrl("drain_pipes")], minzoom: 12, maxzoom: 16 },
  };
  const layers = [{ id: "background", type: "background", paint: { "background-color": "#eef1f4" } }];
  if (config.basemap) {
    sources.basemap = baseMapSource(config.basemap);
    layers.push({ id: "basemap", type: "raster", source: "basemap" });
  }
  for (const layer of LAYERS) {
    const { group, title, legend, sourceKey, source, ...rest } = layer;
    if (layer.id === "park_rain_pipes") continue; // its own tile URL would be one more request per tile
    layers.push({ ...rest, source: sourceKey || TILE_SOURCE, "source-layer": source, metadata: { group } });
  }
  layers.push(...highlightLayers());
  sources.marks = { type: "geojson", data: { type: "FeatureCollection", features: [] } };
  sources.live = { type: "geojson", data: { type: "FeatureCollection", features: [] } };
  layers.push(...(config.extraLayers || []));
  layers.push({ id: "marks", type: "circle", source: "marks",
    paint: { "circle-radius": 12, "circle-color": "rgba(255,0,255,0.3)", "circle-stroke-color": "#ff00ff",
      "circle-stroke-width": 3 } });
  return { version: 8, sources, layers };
}

// Creates the map in `container` with the project's layers; resolves once the style has loaded.
export function createMap(container, config = {}, options = {}) {
  const map = new Map({
    container,
    style: style(config),
    ...DEFAULT_VIEW,
    attributionControl: config.basemap ? { compact: true } : false,
    // Tiles are read with the user's token: the risk-map answers within the caller's scope.
    transformRequest: (url) => {
      if (url.startsWith(`${location.origin}/api/`)) {
        return { url, headers: { Authorization: `Bearer ${token()}` } };
      }
      return { url };
    },
    ...options,
  });
  map.addControl(new NavigationControl({ visualizePitch: false }), "top-right");
  map.addControl(new ScaleControl({ unit: "metric" }), "bottom-left");
  map.on("styleimagemissing", (event) => {
    if (event.id === "flow-arrow" && !map.hasImage("flow-arrow")) map.addImage("flow-arrow", flowArrow());
  });
  return map;
}

// The incident's downstream path and the facilities it names, drawn over everything (see highlight()).
const HIGHLIGHTED_POINTS = ["river_gates", "interception_points", "rain_outlets", "sensitive_targets",
  "monitoring_sections", "emergency_spaces", "material_depots", "response_teams"];
const NOTHING = ["in", ["get", "id"], ["literal", []]];

function highlightLayers() {
  return [
    { id: "highlight-reaches", type: "line", source: TILE_SOURCE, "source-layer": "river_reaches", filter: NOTHING,
      paint: { "line-color": "#e31a1c", "line-width": 7, "line-opacity": 0.75 } },
    ...HIGHLIGHTED_POINTS.map((layer) => ({
      id: `highlight-${layer}`, type: "circle", source: TILE_SOURCE, "source-layer": layer, filter: NOTHING,
      paint: { "circle-radius": 13, "circle-color": "rgba(0,0,0,0)", "circle-stroke-color": "#e31a1c",
        "circle-stroke-width": 3 } })),
  ];
}

// Draws the reaches of a downstream path and rings the facilities given by id; `point` [lon, lat] is marked.
export function highlight(map, { reaches = [], facilities = [], point = null } = {}) {
  map.setFilter("highlight-reaches", ["in", ["get", "id"], ["literal", reaches]]);
  for (const layer of HIGHLIGHTED_POINTS) {
    map.setFilter(`highlight-${layer}`, ["in", ["get", "id"], ["literal", facilities]]);
  }
  map.getSource("marks").setData({ type: "FeatureCollection", features: point ? [
    { type: "Feature", geometry: { type: "Point", coordinates: point }, properties: {} }] : [] });
}

// Reads the tiles again (a device changed state, a feature was added); the view stays where it is.
export function refreshTiles(map) {
  map.getSource(TILE_SOURCE).setTiles([`${tileUrl("all")}?at=${Date.now()}`]);
}

// Shows or hides every layer of a group.
export function setGroupVisible(map, group, visible) {
  for (const layer of map.getStyle().layers) {
    if (layer.metadata?.group === group) map.setLayoutProperty(layer.id, "visibility", visible ? "visible" : "none");
  }
}

// Kept here too for the pages that already import it with the map; pages without a map import lib/config.js.
export { loadConfig } from "./config.js";
