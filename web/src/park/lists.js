// The park's three lists (风险企业、风险物质、环境敏感保护目标): when each was last updated, and a new version of one.
import { api } from "../lib/api.js";
import { showProblem, toast } from "./problems.js";

// The columns an entry of each list has; the service keeps entries as given.
const COLUMNS = {
  enterprise_risk: [["enterprise_name", "企业名称"], ["risk_level", "环境风险等级 (一般/较大/重大)"], ["category", "分类"]],
  risk_substance: [["substance", "物质名称"], ["cas_no", "CAS 号"], ["max_quantity_t", "最大存在量 (t)"],
    ["enterprise_name", "所在企业"]],
  sensitive_target: [["name", "名称"], ["target_type", "类型"], ["population", "人口/规模"], ["bearing", "方位与距离"]],
};
const RISK_LEVEL_LABELS = { general: "一般", elevated: "较大", major: "重大" };

function today() {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
}

function entriesTable(kind, entries) {
  const table = document.createElement("table");
  table.className = "entries";
  const head = document.createElement("tr");
  for (const [, label] of COLUMNS[kind]) head.append(Object.assign(document.createElement("th"), { textContent: label }));
  head.append(document.createElement("th"));
  table.append(head);
  const addRow = (entry = {}) => {
    const row = document.createElement("tr");
    for (const [key] of COLUMNS[kind]) {
      const cell = document.createElement("td");
      cell.append(Object.assign(document.createElement("input"), { type: "text", value: entry[key] ?? "",
        name: key, size: 8 }));
      row.append(cell);
    }
    const remove = Object.assign(document.createElement("button"), { type: "button", textContent: "删除" });
    remove.addEventListener("click", () => row.remove());
    const last = document.createElement("td");
    last.append(remove);
    row.append(last);
    table.append(row);
  };
  entries.forEach(addRow);
  return { table, addRow };
}

function readEntries(table) {
  return [...table.querySelectorAll("tr")].slice(1).map((row) => Object.fromEntries(
    [...row.querySelectorAll("input")].map((input) => [input.name, input.value.trim()]).filter(([, v]) => v !== "")))
    .filter((entry) => Object.keys(entry).length > 0);
}

function listForm(card, park, kind, enterprises, onSaved) {
  const form = document.createElement("form");
  const date = Object.assign(document.createElement("input"), { type: "date", value: today(), required: true,
    name: "updated_on" });
  const seed = kind === "enterprise_risk"
    ? enterprises.map((e) => ({ enterprise_name: e.name, risk_level: RISK_LEVEL_LABELS[e.risk_level] || "" }))
    : [];
  const { table, addRow } = entriesTable(kind, seed);
  const add = Object.assign(document.createElement("button"), { type: "button", textContent: "添加一行" });
  add.addEventListener("click", () => addRow());
  const hint = Object.assign(document.createElement("p"), { className: "hint",
    textContent: kind === "enterprise_risk" ? "已按企业名录列出本园区企业及其环境风险等级, 核对后提交。"
      : "逐行填写清单条目; 提交后以本次填写的条目为准。" });
  const message = document.createElement("div");
  message.hidden = true;
  const submit = Object.assign(document.createElement("input"), { type: "submit", value: "提交新版本" });
  const dateLabel = document.createElement("label");
  dateLabel.append(Object.assign(document.createElement("span"), { textContent: "更新日期" }), date);
  form.append(dateLabel, hint, table, add, message, submit);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    submit.disabled = true;
    try {
      const updated = await api("risk-map", `/parks/${encodeURIComponent(park.id)}/lists/${kind}`,
        { method: "PUT", json: { updated_on: date.value, entries: readEntries(table) } });
      toast(`${updated.properties.lists[kind].label}已更新`);
      onSaved(updated);
    } catch (error) {
      showProblem(message, error);
    } finally {
      submit.disabled = false;
    }
  });
  card.append(form);
}

export function showLists(section, park, enterprises, onSaved) {
  const intro = Object.assign(document.createElement("p"), { className: "hint",
    textContent: "三张清单每年至少更新一次; 超过一年未更新的标红。" });
  section.replaceChildren(intro);
  for (const [kind, list] of Object.entries(park.properties.lists)) {
    const card = document.createElement("div");
    card.className = "list-card";
    card.dataset.list = kind;
    const title = Object.assign(document.createElement("h3"), { textContent: list.label });
    const state = document.createElement("p");
    state.className = list.stale ? "stale" : "muted";
    state.textContent = list.updated_on
      ? `上次更新 ${list.updated_on}, ${list.entry_count} 条${list.stale ? ` — ${list.stale_reason}` : ""}`
      : `从未更新`;
    const edit = Object.assign(document.createElement("button"), { type: "button", textContent: "更新此清单" });
    edit.addEventListener("click", () => {
      edit.remove();
      listForm(card, park, kind, enterprises, onSaved);
    });
    card.append(title, state, edit);
    section.append(card);
  }
}
