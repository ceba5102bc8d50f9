// The pages' run-time settings, /config.json from the gateway: {basemap, demo_signin, oidc}; {} when it is missing.
export async function loadConfig() {
  try {
    const response = await fetch("/config.json", { cache: "no-store" });
    return response.ok ? await response.json() : {};
  } catch {
    return {};
  }
}
