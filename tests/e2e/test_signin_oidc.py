"""Signing in at an OpenID Connect provider from the sign-in page: authorization code with PKCE, and the callback.

The provider is a small real HTTP server started by the test (discovery, authorize, token, JWKS); /config.json is
answered with its settings for this page only. That the services accept such a provider's tokens is
tests/integration/kit/test_oidc_tokens.py.
"""

from __future__ import annotations

import base64
import hashlib
import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

CLIENT_ID = "ecosafe-web"


class Provider:
    def __init__(self, origin: str) -> None:
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.authorize_requests: list[dict] = []
        self.token_requests: list[dict] = []
        self.issued: list[str] = []
        self.codes: dict[str, dict] = {}
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def _send(self, status: int, body: dict | None = None, headers: dict | None = None) -> None:
                data = json.dumps(body).encode() if body is not None else b""
                self.send_response(status)
                # The page calls discovery and the token endpoint from the gateway's origin.
                self.send_header("Access-Control-Allow-Origin", origin)
                self.send_header("Access-Control-Allow-Headers", "Content-Type, Authorization")
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            def do_OPTIONS(self) -> None:  # noqa: N802
                self._send(204)

            def do_GET(self) -> None:  # noqa: N802
                url = urlsplit(self.path)
                if url.path == "/.well-known/openid-configuration":
                    self._send(200, {"issuer": provider.issuer, "authorization_endpoint": provider.issuer + "/authorize",
                                     "token_endpoint": provider.issuer + "/token", "jwks_uri": provider.issuer + "/keys",
                                     "response_types_supported": ["code"], "code_challenge_methods_supported": ["S256"]})
                elif url.path == "/authorize":
                    query = {k: v[0] for k, v in parse_qs(url.query).items()}
                    provider.authorize_requests.append(query)
                    code = uuid.uuid4().hex
                    provider.codes[code] = query
                    target = query["redirect_uri"] + "?" + urlencode({"code": code, "state": query["state"]})
                    self._send(302, headers={"Location": target})
                else:
                    self._send(404, {"error": "not_found"})

            def do_POST(self) -> None:  # noqa: N802
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode()).items()}
                provider.token_requests.append(form)
                asked = provider.codes.pop(form.get("code"), None)
                challenge = base64.urlsafe_b64encode(
                    hashlib.sha256(form.get("code_verifier", "").encode()).digest()).rstrip(b"=").decode()
                if asked is None or asked["code_challenge"] != challenge or form["redirect_uri"] != asked["redirect_uri"]:
                    self._send(400, {"error": "invalid_grant"})
                    return
                now = int(time.time())
                common = {"iss": provider.issuer, "sub": "idp-user-7", "iat": now, "exp": now + 600}
                access = jwt.encode({**common, "aud": "ecosafe-api", "name": "周值班", "roles": ["command_center"],
                                     "jurisdiction": "140525"}, provider.key, algorithm="RS256", headers={"kid": "k1"})
                identity = jwt.encode({**common, "aud": CLIENT_ID}, provider.key, algorithm="RS256",
                                      headers={"kid": "k1"})
                provider.issued.append(access)
                self._send(200, {"access_token": access, "id_token": identity, "token_type": "Bearer",
                                 "expires_in": 600, "scope": asked.get("scope", "")})

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.issuer = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def provider(gateway_url):
    provider = Provider(gateway_url)
    yield provider
    provider.close()


def test_the_provider_sign_in_uses_pkce_and_the_callback_keeps_the_access_token(browser, gateway_url, provider):
    context = browser.new_context(locale="zh-CN")
    try:
        page = context.new_page()
        page.on("console", lambda message: print("浏览器控制台:", message.text))
        page.on("pageerror", lambda error: print("页面错误:", error))
        config = {"basemap": None, "demo_signin": False,
                  "oidc": {"issuer": provider.issuer, "client_id": CLIENT_ID, "scopes": "openid profile",
                           "redirect_path": "/signin/callback"}}
        page.route("**/config.json", lambda route: route.fulfill(content_type="application/json", body=json.dumps(config)))
        # Where the user is sent back to; the services of this session do not trust the test's provider.
        # The exact URL: a glob "**/center-check" would also catch the sign-in page's own ?next=/center-check.
        page.route(gateway_url + "/center-check", lambda route: route.fulfill(content_type="text/html", body="<p>ok</p>"))
        page.goto(gateway_url + "/signin/?next=/center-check")
        assert page.locator("#demo").is_hidden()

        page.locator("#oidc-signin").click()
        page.wait_for_url(gateway_url + "/center-check", timeout=30_000)

        [asked] = provider.authorize_requests
        assert asked["response_type"] == "code" and asked["client_id"] == CLIENT_ID
        assert asked["code_challenge_method"] == "S256" and len(asked["code_challenge"]) == 43
        assert asked["redirect_uri"] == gateway_url + "/signin/callback"
        [exchange] = provider.token_requests
        assert exchange["grant_type"] == "authorization_code" and len(exchange["code_verifier"]) >= 43
        assert page.evaluate("sessionStorage.getItem('ecosafe.token')") == provider.issued[0]
    finally:
        context.close()


def test_a_refused_code_exchange_is_shown_and_nothing_is_kept(browser, gateway_url, provider):
    context = browser.new_context(locale="zh-CN")
    try:
        page = context.new_page()
        config = {"basemap": None, "demo_signin": False,
                  "oidc": {"issuer": provider.issuer, "client_id": CLIENT_ID, "scopes": "openid",
                           "redirect_path": "/signin/callback"}}
        page.route("**/config.json", lambda route: route.fulfill(content_type="application/json", body=json.dumps(config)))
        page.goto(gateway_url + "/signin/callback?code=forged&state=unknown")
        page.locator("#status.error").wait_for()
        assert "登录失败" in page.locator("#status").inner_text()
        assert page.evaluate("sessionStorage.getItem('ecosafe.token')") is None
    finally:
        context.close()
