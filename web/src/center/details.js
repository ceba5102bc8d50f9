// Click a feature: its details and its history (who registered or changed it, when) in the side panel.
import { api } from "../lib/api.js";
import { LAYERS } from "../lib/map.js";
import { el, PROPERTY_LABELS, section, table, valueText, when } from "./format.js";
import { openSide } from "./side.js";
import { showIncident } from "./incident.js";

// Layers a click can pick, topmost first (the highlight rings and the marks are not features of their own).
const PICKABLE = LAYERS.map((l) => l.id).filter((id) => !id.endsWith("-arrows")).reverse();
const HIDDEN = new Set(["id", "kind"]);

const EVENT_LABELS = {
  FacilityRegistered: "登记", FacilityUpdated: "变更", FacilityRetired: "注销", GateCommandIssued: "下达启闭指令",
  DeviceStateChanged: "设备状态变化", PoolLevelReported: "上报应急池液位",
};

function eventLabel(type) {
  const name = type.split(".").pop();
  return EVENT_LABELS[name] || name;
}

function historyTable(events) {
  return table(["时间", "事项", "经办人"], events.slice().reverse().map((e) => [
    when(e.occurred_at), eventLabel(e.event_type), e.signed_by?.name || e.signed_by?.subject || "—"]));
}

function propertiesTable(properties) {
  return table(["属性", "值"], Object.entries(properties).filter(([key]) => !HIDDEN.has(key))
    .map(([key, value]) => [PROPERTY_LABELS[key] || key, valueText(key, value)]));
}

async function facilityDetails(feature) {
  const id = feature.properties.id;
  const [full, events] = await Promise.all([
    api("risk-map", `/facilities/${encodeURIComponent(id)}`),
    api("risk-map", `/facilities/${encodeURIComponent(id)}/history`),
  ]);
  return [section("属性", propertiesTable(full.properties)), section("变更记录", historyTable(events))];
}

async function hazardDetails(feature) {
  const id = encodeURIComponent(feature.properties.id);
  const [hazard, history] = await Promise.all([api("hazard", `/hazards/${id}`), api("hazard", `/hazards/${id}/history`)]);
  const rows = [["台账编号", hazard.ledger_no], ["企业", hazard.enterprise_name], ["等级", valueText("grade", hazard.grade)],
    ["阶段", hazard.stage_label], ["描述", hazard.description], ["部位", hazard.site || "—"],
    ["整改期限", hazard.deadline || "—"], ["逾期", valueText("overdue", hazard.overdue)],
    ["上报时间", when(hazard.reported_at)]];
  return [section("隐患", table(["", ""], rows)), section("办理记录", table(["时间", "环节", "经办人"],
    history.events.slice().reverse().map((e) => [when(e.occurred_at), e.step || e.type.split(".").pop(),
      e.signed_by?.name || e.signed_by?.subject || "—"])))];
}

export async function showDetails(map, user, feature) {
  const layer = feature.layer.id;
  const title = feature.properties.name || LAYERS.find((l) => l.id === layer)?.title || "要素";
  if (layer === "incidents") {
    await showIncident(map, user, feature.properties.id);
    return;
  }
  openSide(title, el("p", { class: "muted" }, "加载中…"));
  let parts;
  try {
    if (layer === "hazards") parts = await hazardDetails(feature);
    else if (layer.startsWith("parks")) parts = [section("属性", propertiesTable(feature.properties))];
    else parts = await facilityDetails(feature);
  } catch (error) {
    parts = [section("属性", propertiesTable(feature.properties)), el("p", { class: "error" }, error.message)];
  }
  openSide(title, el("div", { id: "details", dataset: { feature: feature.properties.id } }, parts));
}

export function featureAt(map, point) {
  const layers = PICKABLE.filter((id) => map.getLayer(id) && map.getLayoutProperty(id, "visibility") !== "none");
  const box = [[point.x - 4, point.y - 4], [point.x + 4, point.y + 4]];
  return map.queryRenderedFeatures(box, { layers })[0] || null;
}
