// Small Chinese formatters and element builders shared by the command center's panels.

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

export function section(title, ...children) {
  return el("section", {}, el("h3", {}, title), ...children);
}

export function table(headers, rows) {
  return el("table", {}, el("tr", {}, headers.map((h) => el("th", {}, h))),
    rows.map((row) => el("tr", {}, row.map((cell) => el("td", {}, cell)))));
}

export function km(metres) {
  if (metres === null || metres === undefined) return "—";
  return metres >= 1000 ? `${(metres / 1000).toFixed(2)} km` : `${Math.round(metres)} m`;
}

export function hours(value) {
  if (value === null || value === undefined) return "—";
  return value < 1 ? `约 ${Math.round(value * 60)} 分钟` : `约 ${value.toFixed(1)} 小时`;
}

export function m3(value) {
  return value === null || value === undefined ? "—" : `${Math.round(value).toLocaleString("zh-CN")} m³`;
}

export function when(iso) {
  if (!iso) return "—";
  return new Date(iso).toLocaleString("zh-CN", { hour12: false });
}

export const STATE_LABELS = { open: "开启", closed: "关闭", unknown: "未知" };
export const RISK_LABELS = { major: "重大", elevated: "较大", general: "一般" };
export const GRADE_LABELS = { major: "重大隐患", general: "一般隐患" };

// Property names as the duty officer reads them; anything not listed is shown by its own name.
export const PROPERTY_LABELS = {
  name: "名称", kind_label: "类型", enterprise_id: "企业", park_id: "园区", jurisdiction_code: "辖区",
  risk_level: "环境风险等级", pool_adequate: "应急池容积是否满足", open_case_count: "在办案件数", case_open: "有在办案件",
  suspended: "停产整治", closure_proposed: "提请关闭", blacklisted: "失信名单", capacity_m3: "容积 (m³)",
  free_volume_m3: "剩余容积 (m³)", valve_state: "阀门状态", gate_state: "闸门状态", remote_controllable: "可远程控制",
  pending_command: "待确认指令", river_name: "河流", velocity_mps: "典型流速 (m/s)", target_type: "目标类型",
  space_type: "空间类型", storage_volume_m3: "库容 (m³)", specialty: "专业", unit_type: "单元类型", network: "管网",
  method: "方式", section_type: "断面类型", grade: "隐患等级", ledger_no: "台账编号", pollutant: "污染物",
  level: "事件级别", volume_m3: "泄漏量 (m³)", drill: "演练", contact: "联系电话", address: "地址",
  contents: "物资", members: "人数", updated_at: "最近更新",
};

export function valueText(key, value) {
  if (value === true) return "是";
  if (value === false) return "否";
  if (value === null || value === undefined || value === "") return "—";
  if (key === "valve_state" || key === "gate_state") return STATE_LABELS[value] || value;
  if (key === "risk_level") return RISK_LABELS[value] || value;
  if (key === "grade") return GRADE_LABELS[value] || value;
  if (key.endsWith("_at")) return when(value);
  if (Array.isArray(value)) return value.join("、");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}
