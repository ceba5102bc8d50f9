// The park operator's page (/park/): the own park on the map, its facilities drawn and edited, bulk import, lists.
import "./style.css";
import { api } from "../lib/api.js";
import { currentUser, hasRole, signOut } from "../lib/auth.js";
import { createMap, loadConfig, TILE_SOURCE } from "../lib/map.js";
import { createDrawing, HINTS } from "./draw.js";
import { loadFacilities, openFacilityForm, readFacility, showFacilityList } from "./facilities.js";
import { showImport } from "./import.js";
import { showLists } from "./lists.js";
import { showProblem } from "./problems.js";

const ROLE_LABEL = "园区管理";

function showUser(user) {
  const button = Object.assign(document.createElement("button"), { type: "button", textContent: "退出" });
  button.addEventListener("click", signOut);
  document.getElementById("user").replaceChildren(`${user.name} (${ROLE_LABEL})`, button);
}

// Nothing of the page but the refusal for anyone who is not a park operator with a park.
function deny(text) {
  document.getElementById("panel").remove();
  document.getElementById("map").remove();
  const denied = document.getElementById("denied");
  denied.textContent = text;
  denied.hidden = false;
}

function positions(coordinates) {
  return typeof coordinates[0] === "number" ? [coordinates] : coordinates.flatMap(positions);
}

function bounds(geometry) {
  const points = positions(geometry.coordinates);
  const lons = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  return [[Math.min(...lons), Math.min(...lats)], [Math.max(...lons), Math.max(...lats)]];
}

function showPark(map, park) {
  map.addSource("own-park", { type: "geojson", data: park });
  map.addLayer({ id: "own-park-outline", type: "line", source: "own-park",
    paint: { "line-color": "#c51b7d", "line-width": 3 } });
  map.fitBounds(bounds(park.geometry), { padding: 40, duration: 0 });
}

// New tiles after a change: the URL changes so neither the browser nor MapLibre serves the old ones.
function refreshTiles(map) {
  const source = map.getSource(TILE_SOURCE);
  const url = source.tiles[0].replace(/\?v=\d+$/, "");
  source.setTiles([`${url}?v=${Date.now()}`]);
}

function tabs() {
  for (const button of document.querySelectorAll("#tabs button")) {
    button.addEventListener("click", () => {
      for (const other of document.querySelectorAll("#tabs button")) {
        const selected = other === button;
        other.setAttribute("aria-selected", String(selected));
        document.getElementById(`tab-${other.dataset.tab}`).hidden = !selected;
      }
    });
  }
}

async function start() {
  const user = currentUser();
  showUser(user);
  if (!hasRole(user, "park_operator") || !user.park_id) {
    deny("此页面供园区管理人员使用: 您的账号不是园区管理角色或未关联园区。");
    return;
  }
  const config = await loadConfig();
  const [park, kinds, register] = await Promise.all([
    api("risk-map", `/parks/${encodeURIComponent(user.park_id)}`),
    api("risk-map", "/facility-kinds"),
    api("enforcement", `/enterprises?park_id=${encodeURIComponent(user.park_id)}&limit=500`),
  ]);
  const enterprises = register.items;
  document.getElementById("park-name").textContent = park.properties.name;
  tabs();

  const map = createMap("map", config);
  window.ecosafeParkMap = map; // the browser tests place clicks through it
  const form = document.getElementById("facility-form");
  const hint = document.getElementById("draw-hint");
  const list = document.getElementById("facility-list");
  let drawing = null;
  let afterDraw = null; // while redrawing an existing facility: where the new geometry goes

  async function refreshList() {
    try {
      const facilities = await loadFacilities(user.park_id);
      showFacilityList(list, facilities, kinds, enterprises, editFacility);
    } catch (error) {
      showProblem(list, error, { prefix: "无法读取设施: " });
    }
  }

  function saved() {
    drawing.stop();
    refreshTiles(map);
    refreshList();
  }

  function closeForm() {
    form.hidden = true;
    hint.hidden = true;
    drawing.stop();
  }

  async function editFacility(facilityId) {
    try {
      const existing = await readFacility(facilityId);
      openFacilityForm(form, { parkId: user.park_id, kinds, enterprises, existing, onSaved: saved, onCancel: closeForm,
        onRedraw: (use) => {
          afterDraw = use;
          const mode = { Point: "point", LineString: "linestring", Polygon: "polygon" }[
            existing.feature.geometry.type.replace("Multi", "")];
          hint.textContent = HINTS[mode];
          hint.hidden = false;
          drawing.start(mode);
        } });
      form.scrollIntoView({ block: "nearest" });
    } catch (error) {
      showProblem(list, error);
    }
  }

  map.on("load", () => {
    showPark(map, park);
    drawing = createDrawing(map, (geometry) => {
      hint.hidden = true;
      if (afterDraw) {
        afterDraw(geometry);
        afterDraw = null;
        return;
      }
      openFacilityForm(form, { parkId: user.park_id, kinds, enterprises, geometry, onSaved: saved, onCancel: closeForm });
    });
    for (const button of document.querySelectorAll("#draw-tools button")) {
      button.addEventListener("click", () => {
        afterDraw = null;
        if (button.dataset.draw === "cancel") {
          closeForm();
          return;
        }
        form.hidden = true;
        hint.textContent = HINTS[button.dataset.draw];
        hint.hidden = false;
        drawing.start(button.dataset.draw);
      });
    }
    window.ecosafeParkReady = true;
  });

  await refreshList();
  showImport(document.getElementById("tab-import"), user.park_id, () => {
    refreshTiles(map);
    refreshList();
  });
  const listsSection = document.getElementById("tab-lists");
  const showParkLists = (current) => showLists(listsSection, current, enterprises, showParkLists);
  showParkLists(park);
}

start();
