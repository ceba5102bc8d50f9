// The sign-in page (/signin/): the demo users of make run, or the OpenID Connect provider; sign-out.
import "./style.css";
import { claims, setToken, token } from "../lib/auth.js";
import { loadConfig } from "../lib/config.js";
import { landingFor, safeNext } from "./next.js";
import { signOutOfProvider, startSignIn } from "./oidc.js";

const params = new URLSearchParams(location.search);
const next = safeNext(params.get("next"));

function show(id, visible = true) {
  document.getElementById(id).hidden = !visible;
}

function fail(text) {
  const message = document.getElementById("message");
  message.textContent = text;
  message.hidden = false;
}

function userLine(user) {
  const where = [user.jurisdiction_name, user.park_name, user.enterprise_name].filter(Boolean).join(" · ");
  return where;
}

async function demoSignIn(user) {
  const response = await fetch("/demo/tokens", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json, application/problem+json" },
    body: JSON.stringify({ user_id: user.user_id }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    fail(`登录失败: ${body.title || response.status}${body.detail ? " (" + body.detail + ")" : ""}`);
    return;
  }
  setToken(body.access_token);
  location.assign(next || landingFor([body.user.role]));
}

async function showDemoUsers() {
  const response = await fetch("/demo/users", { headers: { Accept: "application/json" } });
  if (!response.ok) return false; // the demo app is off (404) or not running: no demo users to offer
  const groups = await response.json();
  const container = document.getElementById("demo-users");
  for (const group of groups) {
    const heading = document.createElement("h3");
    heading.textContent = group.role_label;
    const list = document.createElement("div");
    list.className = "users";
    list.dataset.role = group.role;
    for (const user of group.users) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "user";
      button.dataset.userId = user.user_id;
      const name = document.createElement("b");
      name.textContent = user.name;
      const where = document.createElement("span");
      where.textContent = `${group.role_label} · ${userLine(user)}`;
      button.append(name, where);
      button.addEventListener("click", () => demoSignIn(user));
      list.append(button);
    }
    container.append(heading, list);
  }
  show("demo");
  return true;
}

function showCurrent(config) {
  const current = claims();
  if (!current || !token()) return;
  const section = document.getElementById("current");
  const button = document.createElement("button");
  button.type = "button";
  button.id = "signout";
  button.textContent = "退出登录";
  button.addEventListener("click", async () => {
    sessionStorage.removeItem("ecosafe.token");
    if (config.oidc && (await signOutOfProvider(config.oidc).catch(() => false))) return;
    location.assign("/signin/");
  });
  const go = document.createElement("a");
  go.href = next || landingFor(current.roles || []);
  go.textContent = "继续使用";
  section.replaceChildren(`当前已登录: ${current.name || current.sub}`, button, " ", go);
  show("current");
}

async function start() {
  const config = await loadConfig();
  if (params.has("signout")) sessionStorage.removeItem("ecosafe.token");
  showCurrent(config);
  let offered = false;
  if (config.oidc) {
    document.getElementById("oidc-signin").addEventListener("click", () =>
      startSignIn(config.oidc, next).catch((error) => fail(`无法连接统一身份认证: ${error.message}`)));
    show("oidc");
    offered = true;
  }
  if (config.demo_signin) offered = (await showDemoUsers()) || offered;
  show("none", !offered);
}

start();
