// Bulk import of the park's facilities (GeoJSON, zipped Shapefile, GeoPackage): all or nothing, each rejection shown.
import { api } from "../lib/api.js";
import { showProblem } from "./problems.js";

const CRS_CHOICES = [["", "按文件声明 (未声明则为 WGS 84)"], ["EPSG:4326", "WGS 84 (EPSG:4326)"],
  ["EPSG:4490", "CGCS2000 (EPSG:4490)"], ["GCJ-02", "GCJ-02 (国测局坐标)"]];

function rejectedTable(rejected) {
  const table = document.createElement("table");
  table.id = "rejected";
  table.innerHTML = "<thead><tr><th>图层</th><th>序号</th><th>编号</th><th>名称</th><th>问题</th></tr></thead>";
  const body = document.createElement("tbody");
  for (const item of rejected) {
    const row = document.createElement("tr");
    const problems = item.problems.map((p) => `${p.field}: ${p.message}`).join("\n");
    for (const text of [item.layer, item.index, item.id, item.name, problems]) {
      const cell = document.createElement("td");
      cell.textContent = text ?? "";
      cell.style.whiteSpace = "pre-line";
      row.append(cell);
    }
    body.append(row);
  }
  table.append(body);
  return table;
}

export function showImport(section, parkId, onImported) {
  const form = document.createElement("form");
  form.id = "import-form";
  const intro = document.createElement("p");
  intro.className = "hint";
  intro.textContent = "上传 GeoJSON、Shapefile (.zip 压缩包) 或 GeoPackage, 每个要素以属性 kind 指明设施类型 "
    + "(GeoPackage 也可按图层名)。整个文件全部通过校验才导入; 有问题的要素逐个列出, 整个文件不导入。";
  const file = document.createElement("input");
  file.type = "file";
  file.name = "file";
  file.required = true;
  file.accept = ".geojson,.json,.zip,.gpkg";
  const crs = document.createElement("select");
  crs.name = "crs";
  for (const [value, text] of CRS_CHOICES) crs.append(new Option(text, value));
  const submit = document.createElement("input");
  submit.type = "submit";
  submit.value = "上传并导入";
  const labelled = (text, element) => {
    const label = document.createElement("label");
    const span = document.createElement("span");
    span.textContent = text;
    label.append(span, element);
    return label;
  };
  const result = document.createElement("div");
  result.id = "import-result";
  form.append(intro, labelled("文件", file), labelled("坐标系", crs), submit);
  section.replaceChildren(form, result);

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = new FormData();
    data.append("file", file.files[0]);
    if (crs.value) data.append("crs", crs.value);
    submit.disabled = true;
    result.replaceChildren("正在导入…");
    try {
      const answer = await api("risk-map", `/parks/${encodeURIComponent(parkId)}/import`, { method: "POST", body: data });
      result.className = "ok";
      result.replaceChildren(answer.explanation);
      onImported();
    } catch (error) {
      showProblem(result, error);
      const rejected = error.problem?.rejected;
      if (rejected?.length) {
        const heading = document.createElement("h3");
        heading.textContent = `被拒收的要素 (${rejected.length} 个, 共 ${error.problem.feature_count} 个)`;
        result.append(heading, rejectedTable(rejected));
      }
    } finally {
      submit.disabled = false;
    }
  });
}
