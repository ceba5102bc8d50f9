// 一键启闭 from the command center: issue a close command and follow the device's answer until it confirms.
import { api } from "../lib/api.js";
import { refreshTiles } from "../lib/map.js";
import { el, STATE_LABELS } from "./format.js";

const CONFIRM_TIMEOUT_MS = 60_000;
const POLL_MS = 1000;

function stateOf(feature) {
  const p = feature.properties;
  return p.gate_state ?? p.valve_state ?? "unknown";
}

async function follow(facilityId, status, map) {
  const deadline = Date.now() + CONFIRM_TIMEOUT_MS;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    const feature = await api("risk-map", `/facilities/${encodeURIComponent(facilityId)}`);
    if (!feature.properties.pending_command) {
      const state = stateOf(feature);
      // The same gate may be listed twice (the park's gates and the downstream ones): every listing is updated.
      for (const shown of document.querySelectorAll(`.device-state[data-facility="${CSS.escape(facilityId)}"]`)) {
        shown.textContent = `${STATE_LABELS[state] || state}${feature.properties.state_simulated ? " (模拟设备确认, 须现场核实)" : " (设备已确认)"}`;
        shown.dataset.state = state;
        if (state === "closed") shown.parentElement.querySelector("button.command")?.remove();
      }
      refreshTiles(map);
      return;
    }
  }
  status.textContent = "指令已下达, 设备尚未确认";
}

// The cell of a valve or gate: its state and, for a user who may, a close button that follows the command through.
export function deviceCell({ facilityId, state, remote, incidentId, mayCommand, map }) {
  const status = el("span", { class: "device-state", dataset: { facility: facilityId, state: state || "unknown" } },
    STATE_LABELS[state] || state || "未知");
  if (!mayCommand || !remote || state === "closed") return el("span", {}, status);
  const button = el("button", { type: "button", class: "command", dataset: { facility: facilityId } }, "一键关闭");
  button.addEventListener("click", async () => {
    button.disabled = true;
    status.textContent = "指令已下达, 等待设备确认…";
    try {
      await api("risk-map", `/facilities/${encodeURIComponent(facilityId)}/commands`,
        { method: "POST", json: { command: "close", reason: "应急指挥中心一键关闭", incident_id: incidentId } });
      button.remove();
      await follow(facilityId, status, map);
    } catch (error) {
      status.textContent = `失败: ${error.message}`;
      status.className = "device-state error";
      button.disabled = false;
    }
  });
  return el("span", {}, status, " ", button);
}
