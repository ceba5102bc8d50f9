// Calls the four services through the gateway (/api/<service>/...) with the user's bearer token.
import { token, toSignIn } from "./auth.js";

export const SERVICES = ["hazard", "enforcement", "risk-map", "notify"];

// A refusal from a service: its problem+json title (Chinese), status and the field it names, if any.
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.title || `请求失败 (${status})`);
    this.status = status;
    this.problem = problem;
    this.field = problem.field || problem.errors?.[0]?.field || null;
    this.detail = problem.detail || null;
  }
}

export function apiUrl(service, path) {
  if (!SERVICES.includes(service)) throw new Error(`未知服务: ${service}`);
  return `/api/${service}${path}`;
}

// `options` as for fetch; a plain object `json` option is sent as a JSON body. Returns the parsed JSON (or the
// Response itself with `raw: true`); throws ApiError for any answer that is not 2xx.
export async function api(service, path, options = {}) {
  const { json, raw, headers = {}, ...rest } = options;
  const request = { ...rest, headers: { Accept: "application/json, application/problem+json", ...headers } };
  const bearer = token();
  if (bearer) request.headers.Authorization = `Bearer ${bearer}`;
  if (json !== undefined) {
    request.body = JSON.stringify(json);
    request.headers["Content-Type"] = "application/json";
  }
  const response = await fetch(apiUrl(service, path), request);
  if (response.status === 401) {
    toSignIn();
  }
  if (!response.ok) {
    let problem = {};
    try {
      problem = await response.json();
    } catch {
      problem = { title: `请求失败 (${response.status})` };
    }
    throw new ApiError(response.status, problem);
  }
  if (raw) return response;
  if (response.status === 204) return null;
  const type = response.headers.get("Content-Type") || "";
  return type.includes("json") ? response.json() : response.text();
}
