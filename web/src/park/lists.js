// The park's three lists (风险企业、风险物质、环境敏感保护目标): when each was last updated, what it says now, and a
// new version of it edited from the current one and saved with If-Match.
import { api } from "../lib/api.js";
import { showProblem, toast } from "./problems.js";

// The columns an entry of each list has; the service keeps entries as given, so other keys an entry carries get
// columns of their own rather than being dropped on the next save.
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

function columnsFor(kind, entries) {
  const columns = [...COLUMNS[kind]];
  for (const entry of entries) {
    for (const key of Object.keys(entry)) {
      if (!columns.some(([known]) => known === key)) columns.push([key, key]);
    }
  }
  return columns;
}

function entriesTable(columns, entries) {
  const table = document.createElement("table");
  table.className = "entries";
  const head = document.createElement("tr");
  for (const [, label] of columns) head.append(Object.assign(document.createElement("th"), { textContent: label }));
  head.append(document.createElement("th"));
  table.append(head);
  const addRow = (entry = {}) => {
    const row = document.createElement("tr");
    row.className = "entry";
    for (const [key, label] of columns) {
      const cell = document.createElement("td");
      const value = entry[key];
      cell.append(Object.assign(document.createElement("input"), { type: "text", name: key, size: 8,
        title: label, value: value === undefined || value === null ? "" : typeof value === "object"
          ? JSON.stringify(value) : String(value) }));
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
  return [...table.querySelectorAll("tr.entry")].map((row) => Object.fromEntries(
    [...row.querySelectorAll("input")].map((input) => [input.name, input.value.trim()]).filter(([, v]) => v !== "")))
    .filter((entry) => Object.keys(entry).length > 0);
}

// The list as the service holds it now, with the ETag a new version must name. Built from the body's `version`
// (the same value): the gateway gzips JSON answers, and nginx then weakens the header to W/"n", which If-Match
// does not take.
async function readList(parkId, kind) {
  const list = await api("risk-map", `/parks/${encodeURIComponent(parkId)}/lists/${kind}`);
  return { list, etag: `"${list.version}"` };
}

function listForm(card, park, kind, current, enterprises, onSaved, reopen) {
  const { list, etag } = current;
  const form = document.createElement("form");
  form.className = "list-form";
  const date = Object.assign(document.createElement("input"), { type: "date", value: today(), required: true,
    name: "updated_on" });
  // A list never filled in: the enterprise list starts from the register; the others start empty.
  const entries = list.entries.filter((entry) => entry && typeof entry === "object" && !Array.isArray(entry));
  const seed = entries.length === 0 && kind === "enterprise_risk"
    ? enterprises.map((e) => ({ enterprise_name: e.name, risk_level: RISK_LEVEL_LABELS[e.risk_level] || "" }))
    : entries;
  const { table, addRow } = entriesTable(columnsFor(kind, seed), seed);
  const add = Object.assign(document.createElement("button"), { type: "button", textContent: "添加一行" });
  add.addEventListener("click", () => addRow());
  const hint = Object.assign(document.createElement("p"), { className: "hint",
    textContent: list.updated_on
      ? `以下为 ${list.updated_on} 版本的 ${list.entry_count} 条; 增删改后提交, 以本次提交的条目为新版本。`
      : kind === "enterprise_risk" ? "尚未提交过; 已按企业名录列出本园区企业及其环境风险等级, 核对后提交。"
        : "尚未提交过; 逐行填写清单条目后提交。" });
  const message = document.createElement("div");
  message.hidden = true;
  const submit = Object.assign(document.createElement("input"), { type: "submit", value: "保存为新版本" });
  const cancel = Object.assign(document.createElement("button"), { type: "button", textContent: "取消" });
  cancel.addEventListener("click", () => onSaved(park));
  const dateLabel = document.createElement("label");
  dateLabel.append(Object.assign(document.createElement("span"), { textContent: "更新日期" }), date);
  const actions = document.createElement("div");
  actions.className = "actions";
  actions.append(submit, cancel);
  form.append(dateLabel, hint, table, add, message, actions);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    submit.disabled = true;
    try {
      const updated = await api("risk-map", `/parks/${encodeURIComponent(park.id)}/lists/${kind}`,
        { method: "PUT", json: { updated_on: date.value, entries: readEntries(table) }, headers: { "If-Match": etag } });
      toast(`${updated.properties.lists[kind].label}已保存为新版本`);
      onSaved(updated);
    } catch (error) {
      if (error.status === 412) {
        // Someone saved this list since it was opened: saving over it would drop their entries unseen.
        showProblem(message, error, { prefix: "打开此清单后已有人提交了新版本, 本次修改未保存。请重新载入当前版本, 核对后再改。" });
        const again = Object.assign(document.createElement("button"), { type: "button", textContent: "重新载入当前版本" });
        again.addEventListener("click", reopen);
        message.append(again);
      } else {
        showProblem(message, error);
      }
    } finally {
      submit.disabled = false;
    }
  });
  card.append(form);
}

function stateText(list) {
  return list.updated_on
    ? `上次更新 ${list.updated_on}, ${list.entry_count} 条${list.stale ? ` — ${list.stale_reason}` : ""}`
    : "从未更新";
}

export function showLists(section, park, enterprises, onSaved) {
  const intro = Object.assign(document.createElement("p"), { className: "hint",
    textContent: "三张清单每年至少更新一次; 超过一年未更新的标红。打开清单可查看并编辑当前条目。" });
  section.replaceChildren(intro);
  for (const [kind, list] of Object.entries(park.properties.lists)) {
    const card = document.createElement("div");
    card.className = "list-card";
    card.dataset.list = kind;
    const title = Object.assign(document.createElement("h3"), { textContent: list.label });
    const state = document.createElement("p");
    state.className = list.stale ? "stale" : "muted";
    state.textContent = stateText(list);
    const error = document.createElement("div");
    error.hidden = true;
    const edit = Object.assign(document.createElement("button"), { type: "button", textContent: "查看并编辑" });
    const open = async () => {
      edit.disabled = true;
      try {
        const current = await readList(park.id, kind);
        card.querySelector("form")?.remove();
        edit.hidden = true;
        state.textContent = stateText(current.list);
        listForm(card, park, kind, current, enterprises, onSaved, open);
      } catch (problem) {
        showProblem(error, problem);
      } finally {
        edit.disabled = false;
      }
    };
    edit.addEventListener("click", open);
    card.append(title, state, edit, error);
    section.append(card);
  }
}
