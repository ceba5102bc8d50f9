"""Map tokens: read-only, long-lived, revocable, for GET /ogc and /tiles within the holder's scope, and nothing else."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pyogrio
import pytest
from sqlalchemy import text

from live import LiveServer
from rm_helpers import feature, new_park, point


@pytest.fixture
def area(client, tokens, unique):
    """Park P of county 140525 with a pool in it; a pool of county 140581 next to it."""
    park_id, lon, lat = new_park(client, tokens.admin, f"park-{unique}", "令牌园区", 0.01)
    for body in (feature("emergency_pool", "园区池", point(lon, lat), f"in-{unique}", park_id=park_id, capacity_m3=10),
                 feature("emergency_pool", "邻县池", point(lon + 0.05, lat), f"out-{unique}", jurisdiction_code="140581",
                         capacity_m3=10)):
        assert client.post("/facilities", json=body, headers=tokens.admin).status_code == 201
    return park_id, lon, lat


def _issue(client, headers, **body) -> dict:
    r = client.post("/map-tokens", json={"label": "值班室 QGIS", **body}, headers=headers)
    assert r.status_code == 201, r.text
    return r.json()


def _bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def test_a_map_token_reads_the_holders_scope_on_ogc_and_tiles_and_nothing_else(client, tokens, area, unique):
    park_id, lon, lat = area
    officer = tokens.headers("county_officer", jurisdiction="140525", name="王科长")
    issued = _issue(client, officer)
    token = issued["token"]
    assert token.startswith("emt_") and issued["status"] == "active" and issued["scope"]["jurisdiction"] == "140525"
    assert datetime.fromisoformat(issued["expires_at"]) > datetime.now(timezone.utc) + timedelta(days=179)
    bbox = f"{lon - 0.01},{lat - 0.01},{lon + 0.06},{lat + 0.01}"
    r = client.get("/ogc/collections/emergency_pools/items", params={"bbox": bbox}, headers=_bearer(token))
    assert r.status_code == 200
    assert {f["id"] for f in r.json()["features"]} == {f"in-{unique}"}  # the holder's county only
    assert client.get("/tiles/emergency_pools/10/0/0.mvt", headers=_bearer(token)).status_code == 200
    # read-only, and only the map
    refused = [client.get(f"/facilities/in-{unique}", headers=_bearer(token)),
               client.get(f"/parks/{park_id}", headers=_bearer(token)),
               client.get("/map-tokens", headers=_bearer(token)),
               client.post("/facilities", json=feature("material_depot", "库", point(lon, lat)), headers=_bearer(token)),
               client.post("/map-tokens", json={}, headers=_bearer(token))]
    assert [r.status_code for r in refused] == [403] * 5
    assert all(r.json()["reason"] == "map_token_scope" for r in refused)


def test_revoked_or_expired_tokens_read_nothing_and_others_cannot_revoke(client, tokens, engine, area):
    holder = tokens.headers("county_officer", jurisdiction="140525", name="王科长", subject="u-wang")
    issued = _issue(client, holder, days=30)
    token, token_id = issued["token"], issued["token_id"]
    assert client.get("/ogc/collections", headers=_bearer(token)).status_code == 200
    other_county = tokens.headers("county_officer", jurisdiction="140581")
    assert client.post(f"/map-tokens/{token_id}/revoke", json={"reason": "x"}, headers=other_county).status_code == 404
    assert token_id in {t["token_id"] for t in client.get("/map-tokens", headers=holder).json()}
    r = client.post(f"/map-tokens/{token_id}/revoke", json={"reason": "电脑遗失"}, headers=holder)
    assert r.status_code == 200 and r.json()["status"] == "revoked"
    gone = client.get("/ogc/collections", headers=_bearer(token))
    assert gone.status_code == 401 and gone.json()["reason"] == "invalid_map_token"
    assert client.post(f"/map-tokens/{token_id}/revoke", json={"reason": "再次"}, headers=holder).status_code == 409
    with engine.connect() as conn:
        signers = conn.execute(text("SELECT event_type, signer->>'name' FROM es_events WHERE stream_id = :id "
                                    "ORDER BY version"), {"id": token_id}).all()
        sha = conn.execute(text("SELECT token_sha256 FROM rm_map_tokens WHERE token_id = :id"), {"id": token_id}).scalar()
    assert [(t.rsplit(".", 1)[1], n) for t, n in signers] == [("MapTokenIssued", "王科长"), ("MapTokenRevoked", "王科长")]
    assert token not in sha and len(sha) == 64  # only the hash is kept
    # expiry: a token whose time is up reads nothing
    expiring = _issue(client, holder, days=1)
    with engine.begin() as conn:
        conn.execute(text("UPDATE rm_map_tokens SET expires_at = now() - interval '1 second' WHERE token_id = :id"),
                     {"id": expiring["token_id"]})
    assert client.get("/ogc/collections", headers=_bearer(expiring["token"])).status_code == 401
    assert client.get("/ogc/collections", headers=_bearer("emt_not-a-token")).status_code == 401
    assert client.post("/map-tokens", json={"days": 400}, headers=holder).status_code == 422
    # the bureau above the holder revokes a token reported lost
    lost = _issue(client, holder)
    city = tokens.headers("city_officer", jurisdiction="140500", subject="u-city")
    assert client.post(f"/map-tokens/{lost['token_id']}/revoke", json={"reason": "报失"}, headers=city).status_code == 200
    assert client.get("/ogc/collections", headers=_bearer(lost["token"])).status_code == 401


def test_gdal_reads_the_map_with_a_map_token(settings, client, tokens, area, unique, tmp_path):
    _, lon, lat = area
    token = _issue(client, tokens.headers("county_officer", jurisdiction="140525"))["token"]
    headers = tmp_path / "headers"
    headers.write_text(f"Authorization: Bearer {token}\n")
    with LiveServer(settings) as live:
        pyogrio.set_gdal_config_options({"GDAL_HTTP_HEADER_FILE": str(headers)})
        try:
            pools = pyogrio.read_dataframe(f"OAPIF:{live.url}/ogc", layer="emergency_pools",
                                           bbox=(lon - 0.01, lat - 0.01, lon + 0.06, lat + 0.01))
        finally:
            pyogrio.set_gdal_config_options({"GDAL_HTTP_HEADER_FILE": None})
    assert list(pools["name"]) == ["园区池"]
