"""OGC API details a client relies on (limit clamped, the API definition's version named) and retired parks."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from sqlalchemy import text

from rm_helpers import feature, new_park, point, square


def test_a_limit_above_the_maximum_is_clamped_not_refused(client, tokens):
    r = client.get("/ogc/collections/river_reaches/items", params={"limit": 1_000_000}, headers=tokens.admin)
    assert r.status_code == 200, r.text
    page = r.json()
    assert page["numberReturned"] <= 10_000
    for link in page["links"]:
        if link["rel"] in ("next", "prev"):
            assert parse_qs(urlparse(link["href"]).query)["limit"] == ["10000"]
    assert client.get("/ogc/collections/river_reaches/items?limit=0", headers=tokens.admin).status_code in (400, 422)


def test_the_api_definition_link_names_the_openapi_version_it_serves(client, tokens):
    links = client.get("/ogc", headers=tokens.admin).json()["links"]
    desc = next(link for link in links if link["rel"] == "service-desc")
    served = client.get(urlparse(desc["href"]).path).json()["openapi"]  # e.g. "3.1.0"
    major_minor = ".".join(served.split(".")[:2])
    assert desc["type"] == f"application/vnd.oai.openapi+json;version={major_minor}"
    conformance = client.get("/ogc/conformance", headers=tokens.admin).json()["conformsTo"]
    claims_oas30 = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30" in conformance
    assert claims_oas30 == (major_minor == "3.0")


@pytest.fixture
def park(client, tokens, unique):
    return new_park(client, tokens.admin, f"park-{unique}", "待撤销园区", 0.01)


def test_a_retired_park_leaves_the_map_and_stays_on_record(client, tokens, engine, park, unique):
    park_id, lon, lat = park
    officer = tokens.headers("county_officer", jurisdiction="140525")
    operator = tokens.headers("park_operator", park_id=park_id)
    assert client.post(f"/parks/{park_id}/retire", json={"reason": "园区已整体搬迁"}, headers=operator).status_code == 403
    assert client.post(f"/parks/{park_id}/retire", json={"reason": ""}, headers=officer).status_code == 422
    r = client.post(f"/parks/{park_id}/retire", json={"reason": "园区已整体搬迁"}, headers=officer)
    assert r.status_code == 200, r.text
    assert r.json()["properties"]["retired"] is True and r.json()["properties"]["retired_reason"] == "园区已整体搬迁"
    assert client.post(f"/parks/{park_id}/retire", json={"reason": "再次"}, headers=officer).status_code == 409
    again = {"type": "Feature", "geometry": square(lon, lat, 0.02), "properties": {"name": "x", "jurisdiction_code": "140525"}}
    assert client.put(f"/parks/{park_id}", json=again, headers=officer).status_code == 409
    # on record: readable, with who retired it and why
    assert client.get(f"/parks/{park_id}", headers=officer).json()["properties"]["retired"] is True
    with engine.connect() as conn:
        event = conn.execute(text("SELECT event_type, signer FROM es_events WHERE stream_id = :id ORDER BY version DESC "
                                  "LIMIT 1"), {"id": park_id}).first()
    assert event.event_type.endswith("ParkRetired")
    # off the map: the park list, the OGC layer, and a new facility inside it no longer belongs to it
    assert park_id not in {p["park_id"] for p in client.get("/parks", headers=officer).json()}
    bbox = f"{lon - 0.02},{lat - 0.02},{lon + 0.02},{lat + 0.02}"
    items = client.get("/ogc/collections/parks/items", params={"bbox": bbox}, headers=officer).json()
    assert park_id not in {f["id"] for f in items["features"]}
    depot = feature("material_depot", "物资库", point(lon, lat), f"d-{unique}", jurisdiction_code="140525")
    r = client.post("/facilities", json=depot, headers=officer)
    assert r.status_code == 201 and r.json()["properties"]["park_id"] != park_id
