// Signing in with the OpenID Connect provider /config.json names: authorization code with PKCE (oidc-client-ts).
import { UserManager, WebStorageStateStore } from "oidc-client-ts";

// The provider's session is kept in sessionStorage like the token: closing the tab signs out of EcoSafe.
export function userManager(oidc) {
  return new UserManager({
    authority: oidc.issuer,
    client_id: oidc.client_id,
    redirect_uri: location.origin + oidc.redirect_path,
    post_logout_redirect_uri: location.origin + "/signin/",
    response_type: "code",
    scope: oidc.scopes,
    userStore: new WebStorageStateStore({ store: sessionStorage }),
    automaticSilentRenew: false,
  });
}

// Sends the browser to the provider; `next` comes back in the state and is where the callback goes.
export async function startSignIn(oidc, next) {
  await userManager(oidc).signinRedirect({ state: { next } });
}

// On the callback page: exchanges the code (with the PKCE verifier kept since startSignIn) for the tokens.
export async function finishSignIn(oidc) {
  const user = await userManager(oidc).signinRedirectCallback();
  return { accessToken: user.access_token, next: user.state?.next };
}

export async function signOutOfProvider(oidc) {
  const manager = userManager(oidc);
  const user = await manager.getUser();
  if (!user) return false;
  await manager.removeUser();
  // Not every provider publishes an end-session endpoint; without one EcoSafe's own token is gone and that is all.
  const metadata = await manager.metadataService.getMetadata().catch(() => null);
  if (metadata?.end_session_endpoint) {
    await manager.signoutRedirect({ id_token_hint: user.id_token });
    return true;
  }
  return false;
}
