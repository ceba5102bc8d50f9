// The signed-in user's bearer token, kept for the browser tab's session, and the claims it carries.
const KEY = "ecosafe.token";

export function token() {
  return sessionStorage.getItem(KEY);
}

export function setToken(value) {
  sessionStorage.setItem(KEY, value);
}

export function signOut() {
  sessionStorage.removeItem(KEY);
  toSignIn();
}

function claimsOf(jwt) {
  const part = jwt.split(".")[1];
  if (!part) return null;
  const base64 = part.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(part.length / 4) * 4, "=");
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

// The claims of the current token, or null when there is none or it has expired; never checks the signature
// (the services do): the page only uses them to decide what to show.
export function claims() {
  const value = token();
  if (!value) return null;
  try {
    const decoded = claimsOf(value);
    if (!decoded || (decoded.exp && decoded.exp * 1000 <= Date.now())) return null;
    return decoded;
  } catch {
    return null;
  }
}

export function toSignIn() {
  const next = location.pathname + location.search + location.hash;
  location.assign(`/signin/?next=${encodeURIComponent(next)}`);
}

// The signed-in user ({sub, name, roles, jurisdiction, enterprise_id, park_id}); without a valid token the page
// goes to the sign-in page and this never returns.
export function currentUser() {
  const decoded = claims();
  if (!decoded) {
    toSignIn();
    throw new Error("未登录");
  }
  return {
    sub: decoded.sub,
    name: decoded.name || decoded.sub,
    roles: decoded.roles || [],
    jurisdiction: decoded.jurisdiction || null,
    enterprise_id: decoded.enterprise_id || null,
    park_id: decoded.park_id || null,
    exp: decoded.exp,
  };
}

export function hasRole(user, ...roles) {
  return roles.some((role) => user.roles.includes(role));
}
