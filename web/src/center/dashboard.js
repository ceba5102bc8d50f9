// The dashboard strip: open major hazards and zeroing progress, overdue hazards, today's incidents, campaign coverage.
import { api } from "../lib/api.js";
import { el } from "./format.js";

const REFRESH_MS = 60_000;

// Today and this year's first day in China's time zone, as the services' date parameters want them.
function chinaDay(date = new Date()) {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai" }).format(date);
}

async function zeroing() {
  const today = chinaDay();
  const { rows } = await api("hazard", `/zeroing?from=${today.slice(0, 4)}-01-01&to=${today}`);
  const sum = (key) => rows.reduce((total, row) => total + row[key], 0);
  const due = sum("open_at_start") + sum("new");
  return { open: sum("open_at_end"), progress: due ? Math.round((100 * sum("closed")) / due) : 100 };
}

async function overdue() {
  return (await api("hazard", "/ledger?overdue=true&size=1")).total;
}

async function incidentsToday() {
  // The incidents layer in the OGC API, newest within the reader's scope; counted by their day in China.
  const today = chinaDay();
  const { features } = await api("risk-map", "/ogc/collections/incidents/items?limit=10000");
  return features.filter((f) => chinaDay(new Date(f.properties.occurred_at)) === today).length;
}

async function campaignCoverage() {
  // The campaigns under way in the reader's area: their coverage targets, enterprises inspected of those in scope.
  const today = chinaDay();
  const { items } = await api("enforcement", "/campaigns");
  const running = items.filter((c) => c.start <= today && today <= c.end);
  if (!running.length) return null;
  let inScope = 0;
  let inspected = 0;
  for (const campaign of running) {
    const progress = await api("enforcement", `/campaigns/${encodeURIComponent(campaign.campaign_id || campaign.id)}/progress`);
    for (const target of progress.targets.filter((t) => t.kind === "coverage")) {
      for (const bureau of target.bureaus) {
        inScope += bureau.in_scope;
        inspected += bureau.inspected;
      }
    }
  }
  return { campaigns: running.length, percent: inScope ? Math.round((100 * inspected) / inScope) : 0 };
}

function stat(id, label, value, alarm = false) {
  return el("div", { class: `stat${alarm ? " alarm" : ""}`, id, title: label }, label, el("b", {}, value));
}

// One figure failing (a service down, a role that may not read it) shows as "—", never blanks the strip.
async function figure(read) {
  try {
    return await read();
  } catch (error) {
    console.warn("态势概览数据读取失败:", error.message);
    return undefined;
  }
}

export async function refreshDashboard(element) {
  const [zero, late, today, coverage] = await Promise.all([figure(zeroing), figure(overdue), figure(incidentsToday),
    figure(campaignCoverage)]);
  element.replaceChildren(
    stat("stat-major-open", "未销号重大隐患", zero ? zero.open : "—", zero?.open > 0),
    stat("stat-zeroing", "清零进度", zero ? `${zero.progress}%` : "—"),
    stat("stat-overdue", "逾期隐患", late ?? "—", late > 0),
    stat("stat-incidents-today", "今日事件", today ?? "—", today > 0),
    stat("stat-campaign", "专项行动覆盖率", coverage === undefined ? "—" : coverage === null ? "无进行中"
      : `${coverage.percent}%`),
  );
}

export function startDashboard(element) {
  refreshDashboard(element);
  setInterval(() => refreshDashboard(element), REFRESH_MS);
}
