// The layer switcher and the legend, both in Chinese, built from the layer list of lib/map.js.
import { GROUPS, LAYERS, setGroupVisible } from "../lib/map.js";

export function showLayerSwitcher(element, map) {
  element.replaceChildren();
  const title = document.createElement("h2");
  title.textContent = "图层";
  element.append(title);
  for (const [group, label] of GROUPS) {
    const row = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.checked = true;
    box.dataset.group = group;
    box.addEventListener("change", () => setGroupVisible(map, group, box.checked));
    row.append(box, ` ${label}`);
    element.append(row);
  }
}

function swatch(color, shape, stroke) {
  const span = document.createElement("span");
  span.className = `swatch ${shape}`;
  span.style.background = color;
  if (stroke) span.style.border = `2px solid ${stroke}`;
  return span;
}

export function showLegend(element) {
  element.replaceChildren();
  const title = document.createElement("h2");
  title.textContent = "图例";
  element.append(title);
  for (const layer of LAYERS) {
    if (!layer.legend) continue;
    const items = layer.legend.items || [[layer.title, layer.legend.color]];
    for (const [label, color] of items) {
      const row = document.createElement("div");
      row.className = "legend-row";
      row.append(swatch(color, layer.legend.shape, layer.legend.stroke), label);
      element.append(row);
    }
  }
}
