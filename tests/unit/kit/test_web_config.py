"""/config.json as the gateway writes it from the environment: no base map or provider unless configured."""

from __future__ import annotations

from ecosafe_kit.web_config import WebSettings


def test_nothing_configured_gives_no_base_map_no_demo_sign_in_and_no_provider(monkeypatch):
    for name in ("TIANDITU_KEY", "BASEMAP_TILES", "DEMO_SIGNIN_ENABLED", "OIDC_ISSUER", "OIDC_CLIENT_ID"):
        monkeypatch.delenv(f"ECOSAFE_{name}", raising=False)
    assert WebSettings().public_config() == {"basemap": None, "demo_signin": False, "oidc": None}


def test_empty_values_as_compose_passes_them_count_as_not_configured(monkeypatch):
    for name in ("TIANDITU_KEY", "BASEMAP_TILES", "OIDC_ISSUER", "OIDC_CLIENT_ID"):
        monkeypatch.setenv(f"ECOSAFE_{name}", "")
    assert WebSettings().public_config()["basemap"] is None
    assert WebSettings().public_config()["oidc"] is None


def test_a_tianditu_key_gives_its_tiles_with_the_key_and_an_own_template_wins(monkeypatch):
    monkeypatch.setenv("ECOSAFE_TIANDITU_KEY", "k123")
    basemap = WebSettings().public_config()["basemap"]
    assert basemap["tiles"].startswith("https://t0.tianditu.gov.cn/") and basemap["tiles"].endswith("&tk=k123")
    assert "{z}" in basemap["tiles"] and "天地图" in basemap["attribution"]
    monkeypatch.setenv("ECOSAFE_BASEMAP_TILES", "https://tiles.example/{z}/{x}/{y}.png")
    monkeypatch.setenv("ECOSAFE_BASEMAP_ATTRIBUTION", "© 示例")
    assert WebSettings().public_config()["basemap"] == {"tiles": "https://tiles.example/{z}/{x}/{y}.png",
                                                       "attribution": "© 示例"}


def test_an_oidc_provider_needs_issuer_and_client(monkeypatch):
    monkeypatch.setenv("ECOSAFE_OIDC_ISSUER", "https://id.example/realms/ecosafe")
    monkeypatch.delenv("ECOSAFE_OIDC_CLIENT_ID", raising=False)
    assert WebSettings().public_config()["oidc"] is None
    monkeypatch.setenv("ECOSAFE_OIDC_CLIENT_ID", "ecosafe-web")
    assert WebSettings().public_config()["oidc"] == {
        "issuer": "https://id.example/realms/ecosafe", "client_id": "ecosafe-web", "scopes": "openid profile",
        "redirect_path": "/signin/callback"}
