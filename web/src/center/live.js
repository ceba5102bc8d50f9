// The live layer: notify's /live/map feed puts new incidents, hazards, device states, cases and notifications on
// the map without a reload; urgent ones raise a banner and a sound.
import { apiUrl } from "../lib/api.js";
import { refreshTiles } from "../lib/map.js";
import { subscribe } from "../lib/sse.js";
import { el, when } from "./format.js";

const KIND_LABELS = { hazard: "隐患", incident: "突发事件", device: "设备状态", case: "案件", notification: "通知" };
export const KIND_COLORS = { hazard: "#a50026", incident: "#ff00ff", device: "#08519c", case: "#000000",
  notification: "#f28e2b" };
const KEPT = 200; // events kept on the live layer; older ones are in the tiles by then
const FEED_ROWS = 8;

export function liveLayers() {
  return [{ id: "live-events", type: "circle", source: "live",
    paint: { "circle-radius": ["case", ["get", "urgent"], 14, 9], "circle-color": "rgba(0,0,0,0)",
      "circle-stroke-width": ["case", ["get", "urgent"], 4, 3],
      "circle-stroke-color": ["match", ["get", "kind"], ...Object.entries(KIND_COLORS).flat(), "#333"] } }];
}

function beep() {
  // A tone made here: no sound file to ship, and it plays without anything fetched.
  try {
    const audio = new AudioContext();
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.frequency.value = 880;
    gain.gain.value = 0.2;
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start();
    oscillator.stop(audio.currentTime + 0.6);
  } catch (error) {
    console.warn("提示音无法播放:", error.message); // a browser that blocks audio still shows the banner
  }
}

function banner(item) {
  const element = document.getElementById("alert-banner");
  element.textContent = `紧急 · ${KIND_LABELS[item.kind] || item.kind}: ${item.title}`;
  element.hidden = false;
  element.onclick = () => { element.hidden = true; };
}

export function startLive(map, { onEvent = () => {} } = {}) {
  const features = [];
  const feed = document.getElementById("feed");
  const status = el("span", { id: "live-status", class: "muted" }, "实时数据连接中…");
  const list = el("ol", { id: "live-feed" });
  feed.replaceChildren(el("h2", {}, "实时动态 ", status), list);
  let tilesPending = null;

  function handle(message) {
    let item;
    try {
      item = JSON.parse(message.data);
    } catch {
      console.warn("实时数据格式错误:", message.data);
      return;
    }
    item.kind = item.kind || message.event;
    if (typeof item.lon === "number" && typeof item.lat === "number") {
      features.unshift({ type: "Feature", id: features.length, geometry: { type: "Point", coordinates: [item.lon, item.lat] },
        properties: { kind: item.kind, id: item.id, title: item.title, urgent: Boolean(item.urgent),
          state: item.state ?? null } });
      features.length = Math.min(features.length, KEPT);
      map.getSource("live")?.setData({ type: "FeatureCollection", features });
    }
    list.prepend(el("li", { class: item.urgent ? "urgent" : "", dataset: { kind: item.kind, id: item.id } },
      el("span", { class: "swatch circle", style: `background:${KIND_COLORS[item.kind] || "#333"}` }),
      ` ${KIND_LABELS[item.kind] || item.kind} · ${item.title || item.event} `,
      el("span", { class: "muted" }, when(item.occurred_at))));
    while (list.children.length > FEED_ROWS) list.lastChild.remove();
    if (item.urgent) {
      banner(item);
      beep();
    }
    // The tiles carry the new state too (a hazard's site, a gate's colour): read them again, once per burst.
    clearTimeout(tilesPending);
    tilesPending = setTimeout(() => refreshTiles(map), 1500);
    onEvent(item);
  }

  return subscribe(apiUrl("notify", "/live/map"), handle, (state) => {
    status.textContent = state === "open" ? "已连接" : "连接中断, 正在重连…";
    status.dataset.state = state;
  });
}
