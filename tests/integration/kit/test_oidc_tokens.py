"""Services accept an OpenID Connect provider's tokens (JWKS from a real local HTTP server) beside local ones."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from fastapi import APIRouter
from fastapi.testclient import TestClient
from pydantic import ValidationError

from ecosafe_kit.auth.dependencies import OIDC_VERIFIER_STATE_KEY, CurrentPrincipal
from ecosafe_kit.auth.principal import Principal, Role
from ecosafe_kit.auth.tokens import encode_token
from ecosafe_kit.settings import ServiceSettings
from ecosafe_kit.web.app_factory import create_app

SECRET = "oidc-test-local-secret-long-enough-for-hs256"
AUDIENCE = "ecosafe-web"


class Provider:
    """A provider's published side: discovery document and JWKS over HTTP, keys it signs with, hits counted."""

    def __init__(self) -> None:
        self.keys: dict[str, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey] = {}
        self.published: list[str] = []
        self.jwks_hits = 0
        self.discovery_hits = 0
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                if self.path == "/.well-known/openid-configuration":
                    provider.discovery_hits += 1
                    body = {"issuer": provider.issuer, "jwks_uri": provider.issuer + "/keys"}
                elif self.path == "/keys":
                    provider.jwks_hits += 1
                    body = {"keys": [provider.jwk(kid) for kid in provider.published]}
                else:
                    self.send_error(404)
                    return
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.issuer = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def add_rsa_key(self, *, publish: bool = True) -> str:
        kid = uuid.uuid4().hex
        self.keys[kid] = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        if publish:
            self.published.append(kid)
        return kid

    def add_ec_key(self) -> str:
        kid = uuid.uuid4().hex
        self.keys[kid] = ec.generate_private_key(ec.SECP256R1())
        self.published.append(kid)
        return kid

    def jwk(self, kid: str) -> dict:
        key = self.keys[kid]
        algorithm = jwt.algorithms.RSAAlgorithm if isinstance(key, rsa.RSAPrivateKey) else jwt.algorithms.ECAlgorithm
        jwk = json.loads(algorithm.to_jwk(key.public_key()))
        return {**jwk, "kid": kid, "use": "sig"}

    def public_pem(self, kid: str) -> bytes:
        return self.keys[kid].public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)

    def token(self, kid: str, *, algorithm: str = "RS256", **overrides: object) -> str:
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": AUDIENCE,
            "sub": f"oidc-{uuid.uuid4().hex[:8]}",
            "iat": now,
            "exp": now + 600,
            "name": "李值班",
            "roles": ["command_center", "offline_access"],
            "jurisdiction": "140500",
        }
        claims.update(overrides)
        claims = {k: v for k, v in claims.items() if v is not None}
        return jwt.encode(claims, self.keys[kid], algorithm=algorithm, headers={"kid": kid})

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def provider() -> Iterator[Provider]:
    provider = Provider()
    yield provider
    provider.close()


def _app(provider: Provider, **settings: object) -> TestClient:
    router = APIRouter()

    @router.get("/whoami")
    async def whoami(principal: CurrentPrincipal) -> dict:
        return {
            "subject": principal.subject,
            "name": principal.name,
            "roles": sorted(principal.roles),
            "jurisdiction": principal.jurisdiction,
            "enterprise_id": principal.enterprise_id,
            "park_id": principal.park_id,
        }

    options = {"oidc_issuer": provider.issuer, "oidc_audience": AUDIENCE, **settings}
    app = create_app(
        settings=ServiceSettings(jwt_secret=SECRET, **options), title="t", version="0", routers=[router])
    return TestClient(app)


def _refused(client: TestClient, token: str) -> dict:
    response = client.get("/whoami", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    return response.json()


def test_a_provider_token_found_by_discovery_is_accepted_with_the_mapped_principal(provider):
    kid = provider.add_rsa_key()
    client = _app(provider)
    token = provider.token(kid, sub="oidc-duty-1")

    response = client.get("/whoami", headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 200, response.text
    assert response.json() == {
        "subject": "oidc-duty-1", "name": "李值班", "roles": ["command_center"], "jurisdiction": "140500",
        "enterprise_id": None, "park_id": None,
    }
    assert provider.discovery_hits == 1


def test_claim_names_are_configurable_and_reach_into_objects(provider):
    kid = provider.add_rsa_key()
    client = _app(
        provider, oidc_jwks_url=provider.issuer + "/keys", oidc_roles_claim="realm_access.roles",
        oidc_park_id_claim="ecosafe_park", oidc_jurisdiction_claim="division", oidc_name_claim="nickname")
    token = provider.token(
        kid, roles=None, name=None, jurisdiction=None, nickname="园区张工", division="140525",
        realm_access={"roles": ["park_operator", "uma_authorization"]}, ecosafe_park="park-jc-1")

    body = client.get("/whoami", headers={"Authorization": f"Bearer {token}"}).json()

    assert body["roles"] == ["park_operator"] and body["park_id"] == "park-jc-1"
    assert body["jurisdiction"] == "140525" and body["name"] == "园区张工"
    assert provider.discovery_hits == 0  # the JWKS URL was given


def test_an_es256_provider_token_is_accepted(provider):
    kid = provider.add_ec_key()
    token = provider.token(kid, algorithm="ES256")
    assert _app(provider).get("/whoami", headers={"Authorization": f"Bearer {token}"}).status_code == 200


def test_local_hs256_tokens_are_still_accepted_beside_the_provider(provider):
    client = _app(provider)
    principal = Principal(subject="u-local", name="王科长", roles=frozenset({Role.county_officer}),
                          jurisdiction="140525")
    response = client.get("/whoami", headers={"Authorization": f"Bearer {encode_token(principal, secret=SECRET)}"})
    assert response.status_code == 200 and response.json()["subject"] == "u-local"
    assert provider.jwks_hits == 0


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"aud": "some-other-client"}, "invalid_audience"),
        ({"exp": int(time.time()) - 3600, "iat": int(time.time()) - 7200}, "token_expired"),
        ({"roles": ["offline_access"]}, "no_role"),
        ({"aud": None}, "missing_claim"),
        ({"jurisdiction": "晋城"}, "invalid_claim"),
    ],
)
def test_a_provider_token_breaking_a_rule_is_refused_naming_why(provider, overrides, reason):
    kid = provider.add_rsa_key()
    assert _refused(_app(provider), provider.token(kid, **overrides))["reason"] == reason


def test_a_token_from_another_issuer_is_refused(provider):
    kid = provider.add_rsa_key()
    token = provider.token(kid, iss="https://idp.elsewhere.example")
    assert _refused(_app(provider), token)["reason"] == "invalid_issuer"


def test_a_token_signed_by_a_key_the_provider_does_not_publish_is_refused(provider):
    provider.add_rsa_key()
    stranger = provider.add_rsa_key(publish=False)
    client = _app(provider)
    assert _refused(client, provider.token(stranger))["reason"] == "unknown_key"


def test_a_forged_kid_of_a_published_key_fails_the_signature(provider):
    published = provider.add_rsa_key()
    forger = provider.add_rsa_key(publish=False)
    token = jwt.encode(jwt.decode(provider.token(forger), options={"verify_signature": False}),
                       provider.keys[forger], algorithm="RS256", headers={"kid": published})
    assert _refused(_app(provider), token)["reason"] == "invalid_signature"


def test_hs256_signed_with_the_providers_public_key_is_refused(provider):
    kid = provider.add_rsa_key()
    claims = jwt.decode(provider.token(kid), options={"verify_signature": False})
    # What an attacker can build from the published JWKS: HMAC with the public key as the secret. PyJWT refuses a PEM
    # as an HMAC key, so sign by hand.
    header = {"alg": "HS256", "typ": "JWT", "kid": kid}
    signing_input = b".".join(
        base64.urlsafe_b64encode(json.dumps(part).encode()).rstrip(b"=") for part in (header, claims))
    signature = hmac.new(provider.public_pem(kid), signing_input, hashlib.sha256).digest()
    token = (signing_input + b"." + base64.urlsafe_b64encode(signature).rstrip(b"=")).decode()

    assert _refused(_app(provider), token)["reason"] == "algorithm_not_allowed"
    assert provider.jwks_hits == 0  # refused before any key was looked up


def test_a_token_claiming_another_algorithm_than_its_key_is_refused(provider):
    ec_kid = provider.add_ec_key()
    rsa_kid = provider.add_rsa_key()
    # An ES256 token whose header names the RSA key: the key's own algorithm decides, not the header.
    token = jwt.encode({**jwt.decode(provider.token(ec_kid, algorithm="ES256"), options={"verify_signature": False})},
                       provider.keys[ec_kid], algorithm="ES256", headers={"kid": rsa_kid})
    assert _refused(_app(provider), token)["reason"] == "algorithm_not_allowed"


def test_a_rotated_key_is_fetched_on_its_first_unknown_kid(provider):
    old = provider.add_rsa_key()
    client = _app(provider)
    verifier = getattr(client.app.state, OIDC_VERIFIER_STATE_KEY)
    verifier._refresh_cooldown_seconds = 0  # the rotation is immediate here; the default waits out a cooldown
    assert client.get("/whoami", headers={"Authorization": f"Bearer {provider.token(old)}"}).status_code == 200
    new = provider.add_rsa_key()

    response = client.get("/whoami", headers={"Authorization": f"Bearer {provider.token(new)}"})

    assert response.status_code == 200, response.text
    assert provider.jwks_hits == 2


def test_keys_are_cached_and_unknown_kids_do_not_refetch_within_the_cooldown(provider):
    kid = provider.add_rsa_key()
    client = _app(provider)
    for _ in range(3):
        assert client.get("/whoami", headers={"Authorization": f"Bearer {provider.token(kid)}"}).status_code == 200
    stranger = provider.add_rsa_key(publish=False)
    for _ in range(3):
        _refused(client, provider.token(stranger))
    assert provider.jwks_hits == 1


def test_an_unreachable_provider_is_a_503_not_a_401(provider):
    kid = provider.add_rsa_key()
    client = _app(provider)
    token = provider.token(kid)
    provider.close()
    response = client.get("/whoami", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 503 and response.json()["reason"] == "provider_unreachable"


@pytest.mark.parametrize("algorithms", ["HS256", "RS256,HS512", "none", ""])
def test_settings_refuse_symmetric_or_no_algorithms_for_the_provider(algorithms):
    with pytest.raises(ValidationError, match="ECOSAFE_OIDC_ALGORITHMS"):
        ServiceSettings(oidc_issuer="https://idp.example", oidc_audience="a", oidc_algorithms=algorithms)


def test_settings_need_an_audience_with_an_issuer():
    with pytest.raises(ValidationError, match="ECOSAFE_OIDC_AUDIENCE"):
        ServiceSettings(oidc_issuer="https://idp.example")
