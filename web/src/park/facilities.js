// The park's facilities: their list, and the form that registers a drawn facility or changes one (If-Match).
import { api } from "../lib/api.js";
import { showProblem, toast } from "./problems.js";

// The layers (OGC collections) holding what a park's operator registers or sees registered in the park.
const COLLECTIONS = ["sites", "risk_units", "drain_pipes", "emergency_pools", "rain_outlets", "park_rain_pipes",
  "sensitive_targets", "emergency_spaces", "material_depots", "response_teams", "river_gates", "interception_points",
  "monitoring_sections"];

const GEOMETRY_FAMILY = { Point: "Point", MultiPoint: "Point", LineString: "LineString",
  MultiLineString: "LineString", Polygon: "Polygon", MultiPolygon: "Polygon" };

export async function loadFacilities(parkId) {
  const query = `?park_id=${encodeURIComponent(parkId)}&limit=1000`;
  const pages = await Promise.all(COLLECTIONS.map((c) => api("risk-map", `/ogc/collections/${c}/items${query}`)));
  return pages.flatMap((page) => page.features);
}

export function showFacilityList(element, facilities, kinds, enterprises, onPick) {
  const labels = Object.fromEntries(kinds.map((k) => [k.kind, k.label]));
  const owners = Object.fromEntries(enterprises.map((e) => [e.enterprise_id, e.name]));
  const table = document.createElement("table");
  table.innerHTML = "<thead><tr><th>类型</th><th>名称</th><th>所属</th><th>编号</th></tr></thead>";
  const body = document.createElement("tbody");
  const sorted = [...facilities].sort((a, b) => (a.properties.kind + a.properties.name).localeCompare(
    b.properties.kind + b.properties.name, "zh-CN"));
  for (const feature of sorted) {
    const row = document.createElement("tr");
    row.className = "facility";
    row.dataset.id = feature.id;
    const owner = feature.properties.enterprise_id
      ? owners[feature.properties.enterprise_id] || feature.properties.enterprise_id : "园区";
    for (const text of [labels[feature.properties.kind] || feature.properties.kind, feature.properties.name, owner,
      feature.id]) {
      const cell = document.createElement("td");
      cell.textContent = text ?? "";
      row.append(cell);
    }
    row.addEventListener("click", () => onPick(feature.id));
    body.append(row);
  }
  table.append(body);
  element.replaceChildren(facilities.length ? table : "本园区尚未登记设施。");
}

function field(labelText, input, { required = false, name } = {}) {
  const label = document.createElement("label");
  if (required) label.classList.add("required");
  const span = document.createElement("span");
  span.textContent = labelText;
  if (name) input.dataset.field = name;
  label.append(span, input);
  return label;
}

function input(type, value, attributes = {}) {
  const element = document.createElement("input");
  element.type = type;
  if (type === "checkbox") element.checked = Boolean(value);
  else if (value !== undefined && value !== null) element.value = Array.isArray(value) ? value.join("、") : value;
  Object.assign(element, attributes);
  return element;
}

function select(options, value, attributes = {}) {
  const element = document.createElement("select");
  for (const [optionValue, text] of options) {
    const option = document.createElement("option");
    option.value = optionValue;
    option.textContent = text;
    element.append(option);
  }
  element.value = value ?? "";
  Object.assign(element, attributes);
  return element;
}

function attributeInput(spec, value) {
  if (spec.choices) return select([["", "(未填)"], ...spec.choices.map((c) => [c.value, c.label])], value);
  if (spec.type === "number") return input("number", value, { step: "any", min: "0" });
  if (spec.type === "boolean") return input("checkbox", value);
  if (spec.type === "list") return input("text", value, { placeholder: "多项用顿号或逗号分隔" });
  return input("text", value);
}

function attributeValue(spec, element) {
  if (spec.type === "boolean") return element.checked;
  const raw = element.value.trim();
  if (raw === "") return undefined;
  if (spec.type === "number") return Number(raw);
  if (spec.type === "list") return raw.split(/[、,，]/).map((s) => s.trim()).filter(Boolean);
  return raw;
}

// Fills `form` for a new facility (`geometry` just drawn) or an existing one (`existing`: {feature, etag}).
// `onSaved(feature)` runs after the service accepted it; `onRedraw()` asks for a new geometry.
export function openFacilityForm(form, { parkId, kinds, enterprises, geometry, existing, onSaved, onCancel, onRedraw }) {
  const props = existing?.feature.properties || {};
  let shape = geometry || existing?.feature.geometry;
  const family = GEOMETRY_FAMILY[shape.type];
  const fitting = kinds.filter((k) => k.geometry_types.some((t) => GEOMETRY_FAMILY[t] === family));
  const heading = document.createElement("h3");
  heading.textContent = existing ? `变更设施 ${existing.feature.id}` : "登记新设施";
  const kind = select(fitting.map((k) => [k.kind, k.label]), props.kind || (fitting.find((k) =>
    k.kind === "emergency_pool") || fitting[0])?.kind, { name: "kind", disabled: Boolean(existing) });
  const name = input("text", props.name, { name: "name", required: true, maxLength: 200 });
  const id = input("text", "", { name: "id", placeholder: "不填则自动生成" });
  const enterprise = select([["", "(不属于企业, 归本园区)"], ...enterprises.map((e) => [e.enterprise_id, e.name])],
    props.enterprise_id, { name: "enterprise_id" });
  const attributes = document.createElement("div");
  const message = document.createElement("div");
  message.hidden = true;
  let specs = [];

  function showAttributes() {
    const chosen = kinds.find((k) => k.kind === kind.value);
    specs = chosen.attributes.map((spec) => ({ spec, element: attributeInput(spec, props[spec.name]) }));
    attributes.replaceChildren(...specs.map(({ spec, element }) =>
      field(spec.label, element, { required: spec.required, name: `properties.${spec.name}` })));
    enterprise.required = chosen.owner === "enterprise";
  }
  kind.addEventListener("change", showAttributes);
  showAttributes();

  const save = input("submit", existing ? "保存变更" : "登记");
  const cancel = input("button", "取消");
  cancel.addEventListener("click", onCancel);
  const actions = document.createElement("div");
  actions.className = "actions";
  actions.append(save, cancel);
  if (existing) {
    const redraw = input("button", "重新绘制图形");
    redraw.addEventListener("click", () => onRedraw((drawn) => {
      shape = drawn;
      toast("已绘制新图形, 保存后生效");
    }));
    actions.append(redraw);
  }
  const shapeNote = document.createElement("p");
  shapeNote.className = "hint";
  shapeNote.textContent = `图形: ${shape.type}`;
  form.replaceChildren(heading, field("设施类型", kind, { required: true, name: "properties.kind" }),
    field("名称", name, { required: true, name: "properties.name" }),
    ...(existing ? [] : [field("编号", id, { name: "id" })]),
    field("所属企业", enterprise, { name: "properties.enterprise_id" }), attributes, shapeNote, message, actions);
  form.hidden = false;

  form.onsubmit = async (event) => {
    event.preventDefault();
    form.querySelectorAll(".invalid").forEach((element) => element.classList.remove("invalid"));
    const properties = { kind: kind.value, name: name.value.trim() };
    // An enterprise's facility belongs to it (and so to its park); any other one to the operator's park, which the
    // service checks against the geometry.
    if (enterprise.value) properties.enterprise_id = enterprise.value;
    else properties.park_id = parkId;
    for (const { spec, element } of specs) {
      const value = attributeValue(spec, element);
      if (value !== undefined) properties[spec.name] = value;
    }
    const body = { type: "Feature", geometry: shape, properties };
    if (!existing && id.value.trim()) body.id = id.value.trim();
    save.disabled = true;
    try {
      const saved = existing
        ? await api("risk-map", `/facilities/${encodeURIComponent(existing.feature.id)}`,
          { method: "PUT", json: body, headers: { "If-Match": existing.etag } })
        : await api("risk-map", "/facilities", { method: "POST", json: body });
      form.hidden = true;
      toast(existing ? `已保存 ${saved.properties.name}` : `已登记 ${saved.properties.name} (${saved.id})`);
      onSaved(saved);
    } catch (error) {
      const prefix = error.status === 412 ? "该设施已被他人修改, 请重新打开后再改。" : "";
      showProblem(message, error, { prefix });
      for (const problem of error.problem?.errors || []) {
        const target = form.querySelector(`[data-field="${CSS.escape(problem.field)}"]`);
        if (target) target.classList.add("invalid");
      }
    } finally {
      save.disabled = false;
    }
  };
}

// The facility as stored, with the ETag a change must send back.
export async function readFacility(facilityId) {
  const response = await api("risk-map", `/facilities/${encodeURIComponent(facilityId)}`, { raw: true });
  return { feature: await response.json(), etag: response.headers.get("ETag") };
}
