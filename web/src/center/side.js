// The side panel on the right: one thing at a time (a form, a correlation answer, a feature's details).
import { el } from "./format.js";

let onClose = null;

export function openSide(title, content, closed = null) {
  const side = document.getElementById("side");
  if (onClose) onClose();
  onClose = closed;
  side.replaceChildren(
    el("button", { type: "button", class: "close", title: "关闭", "aria-label": "关闭", onclick: closeSide }, "×"),
    el("h2", {}, title), content);
  side.hidden = false;
}

export function closeSide() {
  const side = document.getElementById("side");
  side.hidden = true;
  side.replaceChildren();
  if (onClose) onClose();
  onClose = null;
}
