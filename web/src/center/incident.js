// The incident panel: report an incident by clicking the map, then the correlation answer with the downstream path.
import { LngLatBounds } from "maplibre-gl";
import { api } from "../lib/api.js";
import { highlight } from "../lib/map.js";
import { deviceCell } from "./devices.js";
import { el, hours, km, m3, RISK_LABELS, section, table } from "./format.js";
import { mayCommandDevices } from "./roles.js";
import { closeSide, openSide } from "./side.js";

const LEVELS = ["一般", "较大", "重大", "特别重大"];

// The enterprise whose site is under the click, if any: the form offers it as the enterprise concerned.
function siteAt(map, point) {
  const [site] = map.queryRenderedFeatures(point, { layers: ["sites-area", "sites"] });
  return site ? { id: site.properties.enterprise_id, name: site.properties.name } : null;
}

export function reportForm(map, user, lngLat, point) {
  const site = siteAt(map, point);
  highlight(map, { point: [lngLat.lng, lngLat.lat] });
  const error = el("p", { class: "error", role: "alert" });
  const form = el("form", { id: "incident-form" },
    el("p", { class: "muted" }, `事发位置: ${lngLat.lng.toFixed(5)}, ${lngLat.lat.toFixed(5)}`),
    el("label", {}, "污染物 ", el("input", { name: "pollutant", required: true, maxlength: 200, value: "" })), el("br"),
    el("label", {}, "估计泄漏量 (m³) ", el("input", { name: "volume_m3", type: "number", min: 0, step: "any",
      required: true })), el("br"),
    el("label", {}, "事件级别 ", el("select", { name: "level" }, LEVELS.map((l) => el("option", { value: l }, l)))),
    el("br"),
    el("label", {}, "涉事企业 ", el("input", { name: "enterprise_id", value: site?.id || "", placeholder: "可不填" })),
    site ? el("span", { class: "muted" }, ` (${site.name})`) : null, el("br"),
    el("label", {}, el("input", { name: "drill", type: "checkbox" }), " 演练"), el("br"),
    el("button", { type: "submit" }, "上报并分析"), error);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const body = {
      location: { type: "Point", coordinates: [lngLat.lng, lngLat.lat] },
      pollutant: data.get("pollutant"), volume_m3: Number(data.get("volume_m3")), level: data.get("level"),
      enterprise_id: data.get("enterprise_id") || null, drill: data.get("drill") === "on",
    };
    form.querySelector("button[type=submit]").disabled = true;
    try {
      const answer = await api("risk-map", "/incidents", { method: "POST", json: body });
      showCorrelation(map, user, answer);
    } catch (failure) {
      error.textContent = failure.field ? `${failure.message}: ${failure.field}` : failure.message;
      form.querySelector("button[type=submit]").disabled = false;
    }
  });
  openSide("上报突发环境事件", form, () => highlight(map, {}));
}

// The correlation answer (risk-map IncidentCorrelated), section by section, with the path drawn on the map.
export function showCorrelation(map, user, answer) {
  const may = mayCommandDevices(user);
  const incident = answer.incident;
  const down = answer.downstream;
  const third = answer.lines_of_defence?.third;
  const second = answer.lines_of_defence?.second;
  const device = (id, state, remote) => deviceCell({ facilityId: id, state, remote, incidentId: answer.incident_id,
    mayCommand: may, map });
  const parts = [
    el("p", { id: "incident-summary" }, `${answer.drill ? "【演练】" : ""}${incident.level_label || incident.level} · `
      + `${incident.pollutant} · ${m3(incident.volume_m3)}`),
    section("涉事企业与园区", table(["", "名称", "说明"], [
      ["企业", answer.enterprise ? `${answer.enterprise.name} (${RISK_LABELS[answer.enterprise.risk_level] || "未定级"}风险)`
        : "—", answer.site?.explanation || ""],
      ["园区", answer.park?.name || "—", answer.park?.explanation || ""],
    ])),
  ];
  if (second) {
    parts.push(section("应急池容积与泄漏量", el("p", {}, `剩余 ${m3(second.free_volume_m3)} / 泄漏 ${m3(second.spill_volume_m3)}: `
      + (second.pools_hold_spill ? "可容纳" : "不足")), el("p", { class: "muted" }, answer.containment?.explanation || "")));
  }
  if (third?.outlets?.length) {
    parts.push(section("厂界雨水排口 (先关)", table(["排口", "距离", "阀门"], third.outlets.map((o) => [
      o.name, km(o.distance_m), device(o.facility_id, o.valve_state, o.remote_controllable)]))));
  }
  const parkGates = answer.containment?.park_gates || [];
  if (parkGates.length) {
    parts.push(section("园区闸门", table(["闸门", "距离", "状态"], parkGates.map((g) => [
      g.name, km(g.distance_m), device(g.facility_id, g.gate_state, g.remote_controllable)]))));
  }
  if (down) {
    parts.push(section("下游闸控与拦截点", el("table", { id: "downstream-gates" },
      el("tr", {}, ["顺序", "名称", "距离", "到达", "操作"].map((h) => el("th", {}, h))),
      down.gates_to_close.map((g) => el("tr", { dataset: { facility: g.facility_id } },
        el("td", {}, g.order), el("td", {}, g.name), el("td", {}, km(g.distance_m)), el("td", {}, hours(g.eta_hours)),
        el("td", {}, g.kind === "river_gate" ? device(g.facility_id, gateState(answer, g), true) : "人工拦截"))))));
    parts.push(section("敏感目标", table(["名称", "距离", "到达"], down.sensitive_targets.map((t) => [
      t.name, km(t.distance_m), hours(t.eta_hours)]))));
    if (down.emergency_spaces?.length) {
      parts.push(section("可用应急空间", table(["名称", "库容", "到达"], down.emergency_spaces.map((s) => [
        s.name, m3(s.storage_volume_m3), hours(s.eta_hours)]))));
    }
  }
  if (answer.river_plan_actions?.length) {
    parts.push(section("一河一策措施", el("ol", {}, answer.river_plan_actions.map((a) => el("li", {},
      `${a.action} (${a.responsible})`)))));
  }
  const resources = answer.resources || {};
  parts.push(section("最近的物资库与队伍", table(["名称", "距离", "联系"], [
    ...(resources.material_depots || []), ...(resources.response_teams || [])].map((r) => [
    r.name, km(r.distance_m), r.contact || ""]))));
  parts.push(section("周边未销号隐患", answer.hazards?.open?.length
    ? table(["台账编号", "等级"], answer.hazards.open.map((h) => [h.ledger_no || h.hazard_id, h.grade_label || h.grade]))
    : el("p", { class: "muted" }, answer.hazards?.explanation || "无")));
  parts.push(section("分析说明", el("ul", {}, (answer.explanation || []).map((line) => el("li", {}, line)))));
  openSide("事件关联分析", el("div", { id: "correlation", dataset: { incident: answer.incident_id } }, parts),
    () => highlight(map, {}));
  const facilities = [
    ...(third?.outlets || []).map((o) => o.facility_id), ...parkGates.map((g) => g.facility_id),
    ...(down?.gates_to_close || []).map((g) => g.facility_id),
    ...(down?.sensitive_targets || []).map((t) => t.facility_id),
    ...(down?.monitoring_sections || []).map((t) => t.facility_id),
  ];
  highlight(map, { reaches: (down?.reaches || []).map((r) => r.reach_id), facilities,
    point: [incident.location.lon, incident.location.lat] });
  showPath(map, incident, [...(down?.gates_to_close || []), ...(down?.sensitive_targets || [])]);
}

// Frames the incident and what lies downstream of it (the answer names them; their places are read here), leaving
// room for the side panel.
async function showPath(map, incident, downstream) {
  const bounds = new LngLatBounds([incident.location.lon, incident.location.lat],
    [incident.location.lon, incident.location.lat]);
  const features = await Promise.all(downstream.map((f) =>
    api("risk-map", `/facilities/${encodeURIComponent(f.facility_id)}`).catch(() => null)));
  for (const feature of features) {
    if (feature?.geometry?.type === "Point") bounds.extend(feature.geometry.coordinates);
  }
  map.fitBounds(bounds, { padding: { top: 80, bottom: 80, left: 240, right: 460 }, maxZoom: 15, duration: 600 });
}

// A downstream gate's state as the answer knows it (the park's gates carry it; the downstream list does not).
function gateState(answer, gate) {
  const known = (answer.containment?.park_gates || []).find((g) => g.facility_id === gate.facility_id);
  return known?.gate_state || gate.gate_state || "unknown";
}

export async function showIncident(map, user, incidentId) {
  showCorrelation(map, user, await api("risk-map", `/incidents/${encodeURIComponent(incidentId)}`));
}

export { closeSide };
