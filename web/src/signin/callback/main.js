// The OpenID Connect callback (/signin/callback): the provider's code exchanged for tokens, then on to `next`.
import { claims, setToken } from "../../lib/auth.js";
import { loadConfig } from "../../lib/config.js";
import { landingFor, safeNext } from "../next.js";
import { finishSignIn } from "../oidc.js";

async function start() {
  const status = document.getElementById("status");
  const config = await loadConfig();
  if (!config.oidc) {
    status.textContent = "未配置统一身份认证。";
    return;
  }
  try {
    const { accessToken, next } = await finishSignIn(config.oidc);
    setToken(accessToken);
    const roles = claims()?.roles;
    location.replace(safeNext(next) || landingFor(Array.isArray(roles) ? roles : []));
  } catch (error) {
    status.textContent = `登录失败: ${error.message}`;
    status.className = "error";
  }
}

start();
