// The command center (应急指挥一张图): the map, its layer switcher and legend.
import "./center/style.css";
import { currentUser } from "./lib/auth.js";
import { createMap, loadConfig } from "./lib/map.js";
import { showLegend, showLayerSwitcher } from "./center/controls.js";
import { showUser } from "./center/user.js";

async function start() {
  const user = currentUser();
  const config = await loadConfig();
  showUser(document.getElementById("user"), user);
  const started = performance.now();
  const map = createMap("map", config);
  window.ecosafeMap = map; // the browser tests read rendered features through it
  map.once("idle", () => {
    window.ecosafeFirstRenderMs = Math.round(performance.now() - started);
  });
  map.on("load", () => {
    showLayerSwitcher(document.getElementById("layers"), map);
    showLegend(document.getElementById("legend"));
  });
}

start();
