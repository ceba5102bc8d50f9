// The command center (应急指挥一张图): the map, layer switcher and legend, incident reporting, feature details.
import "./center/style.css";
import { LngLatBounds } from "maplibre-gl";
import { api } from "./lib/api.js";
import { currentUser } from "./lib/auth.js";
import { createMap, loadConfig } from "./lib/map.js";
import { showLegend, showLayerSwitcher } from "./center/controls.js";
import { featureAt, showDetails } from "./center/details.js";
import { reportForm } from "./center/incident.js";
import { mayReportIncident } from "./center/roles.js";
import { el } from "./center/format.js";
import { showUser } from "./center/user.js";
import { refreshDashboard, startDashboard } from "./center/dashboard.js";
import { liveLayers, startLive } from "./center/live.js";

function reportButton(map, user) {
  let armed = false;
  const button = el("button", { type: "button", id: "report-incident", class: "command" }, "上报突发事件");
  const arm = (on) => {
    armed = on;
    button.textContent = on ? "请在地图上点击事发位置 (Esc 取消)" : "上报突发事件";
    map.getCanvas().style.cursor = on ? "crosshair" : "";
  };
  button.addEventListener("click", () => arm(!armed));
  document.addEventListener("keydown", (event) => event.key === "Escape" && arm(false));
  return { button, armed: () => armed, disarm: () => arm(false) };
}

// Opens on the parks the user may see (their bureau's area, their own park), not on a fixed place.
async function fitToParks(map) {
  try {
    const { features } = await api("risk-map", "/ogc/collections/parks/items?limit=1000");
    const bounds = new LngLatBounds();
    for (const feature of features) {
      for (const ring of feature.geometry.type === "Polygon" ? feature.geometry.coordinates
        : feature.geometry.coordinates.flat()) {
        for (const point of ring) bounds.extend(point);
      }
    }
    if (!bounds.isEmpty()) map.fitBounds(bounds, { padding: 120, maxZoom: 13, duration: 0 });
  } catch (error) {
    console.warn("园区范围读取失败, 使用默认视图:", error.message);
  }
}

async function start() {
  const user = currentUser();
  const config = await loadConfig();
  showUser(document.getElementById("user"), user);
  startDashboard(document.getElementById("dashboard"));
  const map = createMap("map", { ...config, extraLayers: liveLayers() });
  window.ecosafeMap = map; // the browser tests read rendered features through it
  map.once("idle", () => {
    window.ecosafeFirstRenderMs = Math.round(performance.now()); // since navigation start
  });
  const report = mayReportIncident(user) ? reportButton(map, user) : null;
  if (report) document.getElementById("tools").append(report.button);
  // One click handler: in reporting mode a click places the incident, otherwise it opens what is under it.
  map.on("click", (event) => {
    if (report?.armed()) {
      report.disarm();
      reportForm(map, user, event.lngLat, event.point);
      return;
    }
    const feature = featureAt(map, event.point);
    if (feature) showDetails(map, user, feature);
  });
  map.on("mousemove", (event) => {
    if (report?.armed()) return;
    map.getCanvas().style.cursor = featureAt(map, event.point) ? "pointer" : "";
  });
  map.on("load", () => {
    fitToParks(map);
    showLayerSwitcher(document.getElementById("layers"), map);
    showLegend(document.getElementById("legend"));
    let dashboardPending = null;
    startLive(map, { onEvent: () => {
      clearTimeout(dashboardPending);
      dashboardPending = setTimeout(() => refreshDashboard(document.getElementById("dashboard")), 2000);
    } });
  });
}

start();
