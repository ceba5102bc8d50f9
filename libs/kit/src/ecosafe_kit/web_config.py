"""The web pages' run-time settings (base map, demo sign-in, OpenID Connect), served by the gateway as /config.json."""

from __future__ import annotations

import json

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

# 天地图's vector base map in Web Mercator, one of its eight hosts; the key is the project's own (tianditu.gov.cn).
TIANDITU_TILES = "https://t0.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk="
TIANDITU_ATTRIBUTION = "天地图 © 国家地理信息公共服务平台"


class WebSettings(BaseSettings):
    """Read from ECOSAFE_* variables when the gateway starts; none is needed (no base map, no sign-in providers)."""

    model_config = SettingsConfigDict(env_prefix="ECOSAFE_", extra="ignore")

    tianditu_key: SecretStr | None = None
    basemap_tiles: str | None = None  # any XYZ raster template with {z}/{x}/{y}; wins over 天地图
    basemap_attribution: str = ""
    demo_signin_enabled: bool = False
    oidc_issuer: str | None = None
    oidc_client_id: str | None = None
    oidc_scopes: str = "openid profile"
    oidc_redirect_path: str = "/signin/callback"

    def basemap(self) -> dict | None:
        if self.basemap_tiles:
            return {"tiles": self.basemap_tiles, "attribution": self.basemap_attribution}
        if self.tianditu_key:
            return {"tiles": TIANDITU_TILES + self.tianditu_key.get_secret_value(),
                    "attribution": self.basemap_attribution or TIANDITU_ATTRIBUTION}
        return None

    def oidc(self) -> dict | None:
        if not (self.oidc_issuer and self.oidc_client_id):
            return None
        return {"issuer": self.oidc_issuer, "client_id": self.oidc_client_id, "scopes": self.oidc_scopes,
                "redirect_path": self.oidc_redirect_path}

    def public_config(self) -> dict:
        """What every page may read (no secret but the base map's browser key, which the browser sends anyway)."""
        return {"basemap": self.basemap(), "demo_signin": self.demo_signin_enabled, "oidc": self.oidc()}


def main() -> None:
    """`python -m ecosafe_kit.web_config`: prints /config.json from the environment (compose's gateway uses it)."""
    print(json.dumps(WebSettings().public_config(), ensure_ascii=False))


if __name__ == "__main__":
    main()
