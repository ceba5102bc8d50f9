// The signed-in user's name, roles and a sign-out button in the top bar.
import { signOut } from "../lib/auth.js";

const ROLE_LABELS = {
  city_officer: "市局", county_officer: "县局", inspector: "执法检查人员", group_leader: "领导小组组长",
  enterprise_user: "企业用户", park_operator: "园区管理", command_center: "应急指挥中心", admin: "管理员",
};

export function roleLabel(role) {
  return ROLE_LABELS[role] || role;
}

export function showUser(element, user) {
  const roles = user.roles.map(roleLabel).join("、");
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = "退出";
  button.addEventListener("click", signOut);
  element.replaceChildren(`${user.name} (${roles}${user.jurisdiction ? " · " + user.jurisdiction : ""})`, button);
}
