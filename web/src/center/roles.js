// Which roles may do what on the command center: the same lists the risk-map service enforces (it answers 403
// otherwise); here they only decide which buttons a user is shown.
import { hasRole } from "../lib/auth.js";

// risk-map entrypoints/incidents.py _RESPONDERS
const REPORTERS = ["command_center", "city_officer", "county_officer", "group_leader", "inspector", "park_operator",
  "admin"];
// risk-map service_layer/access.py DEVICE_COMMANDERS
const COMMANDERS = ["command_center", "city_officer", "county_officer", "group_leader", "park_operator",
  "enterprise_user", "admin"];

export const mayReportIncident = (user) => hasRole(user, ...REPORTERS);
export const mayCommandDevices = (user) => hasRole(user, ...COMMANDERS);
