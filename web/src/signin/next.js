// Where to go after signing in: the page that sent the user here, if it is one of ours, else the role's own page.

// Only a path on this origin: `next=//evil.example` or `next=https://…` must not turn sign-in into a redirector.
export function safeNext(value) {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) {
    return null;
  }
  if (value.startsWith("/signin")) return null; // never back to the sign-in page itself
  return value;
}

export function landingFor(roles) {
  if (roles.includes("park_operator")) return "/park/";
  return "/";
}
