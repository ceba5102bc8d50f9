"""Reads respect the caller's scope: officers their area, a park operator its park, an enterprise user its own sites;
the river network and emergency resources are everyone's. GDAL reads the same scope with the same bearer token."""

from __future__ import annotations

import random
import uuid
from datetime import datetime, timezone

import pyogrio
import pytest

from ecosafe.hazard.v1.hazard_pb2 import HazardReported
from ecosafe_kit.eventstore import Signer
from ecosafe_kit.messaging.envelope import EventEnvelope
from live import LiveServer
from risk_map.adapters.consumers import apply_hazard_event
from rm_helpers import feature, point, square


class Place:
    """Park P (county 140525) with enterprise A in it; enterprise B in county 140581; a shared reach and depot."""

    def __init__(self, client, tokens, register_enterprise, engine, u):
        self.u = u
        L, B = round(random.uniform(100, 120), 4), round(random.uniform(25, 40), 4)
        self.lon, self.lat = L, B
        self.park, self.a, self.b = f"park-{u}", f"ent-a-{u}", f"ent-b-{u}"
        park = {"type": "Feature", "id": self.park, "geometry": square(L, B, 0.01),
                "properties": {"name": "测试园区", "jurisdiction_code": "140525"}}
        assert client.post("/parks", json=park, headers=tokens.admin).status_code == 201
        register_enterprise(self.a, park_id=self.park, lon=L, lat=B)
        register_enterprise(self.b, jurisdiction_code="140581", lon=L + 0.03, lat=B, name="乙化工有限公司")
        for body in (feature("site", "甲厂区", point(L, B), f"site-a-{u}", enterprise_id=self.a),
                     feature("emergency_pool", "甲事故池", point(L + 0.001, B), f"pool-a-{u}", enterprise_id=self.a,
                             capacity_m3=100),
                     feature("site", "乙厂区", point(L + 0.03, B), f"site-b-{u}", enterprise_id=self.b),
                     feature("river_reach", "测试河一段", {"type": "LineString", "coordinates": [[L + 0.02, B - 0.01],
                                                                                          [L + 0.04, B - 0.01]]},
                             f"reach-{u}", river_name="测试河", velocity_mps=1.0, jurisdiction_code="140581"),
                     feature("material_depot", "园区物资库", point(L + 0.002, B + 0.002), f"depot-{u}",
                             park_id=self.park)):
            r = client.post("/facilities", json=body, headers=tokens.admin)
            assert r.status_code == 201, r.text
        hazard_id = self.hazard_id = str(uuid.uuid4())
        message = HazardReported(hazard_id=hazard_id, ledger_no="140581-2026-11-0001", enterprise_id=self.b, grade=1,
                                 description="雨水排口阀门失灵")
        with engine.begin() as conn:
            apply_hazard_event(conn, EventEnvelope(
                event_id=uuid.uuid4(), event_type=message.DESCRIPTOR.full_name, source="/ecosafe/hazard",
                stream_type="hazard", stream_id=hazard_id, version=1, occurred_at=datetime.now(timezone.utc),
                signer=Signer("u-1", "检查员"), content_type="application/protobuf", payload=message.SerializeToString()))

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return self.lon - 0.02, self.lat - 0.02, self.lon + 0.05, self.lat + 0.02

    def ids(self, client, layer: str, headers: dict) -> set[str]:
        r = client.get(f"/ogc/collections/{layer}/items", params={"bbox": ",".join(map(str, self.bbox))},
                       headers=headers)
        assert r.status_code == 200, r.text
        # Only this test's features: other tests place theirs at random spots in the same database, and one may
        # fall inside this bbox (a shared depot of another test was seen here); scope is judged on our own.
        return {f["id"] for f in r.json()["features"] if f["id"].endswith(self.u) or f["id"] == self.hazard_id}


@pytest.fixture
def place(client, tokens, register_enterprise, engine, unique):
    return Place(client, tokens, register_enterprise, engine, unique)


def test_ogc_layers_are_read_within_the_callers_scope(client, tokens, place):
    u = place.u
    who = {
        "county_140525": tokens.headers("county_officer", jurisdiction="140525"),
        "city_140500": tokens.headers("city_officer", jurisdiction="140500"),
        "county_140581": tokens.headers("command_center", jurisdiction="140581"),
        "park": tokens.headers("park_operator", park_id=place.park, jurisdiction="140581"),
        "enterprise_b": tokens.headers("enterprise_user", enterprise_id=place.b, jurisdiction="140525"),
        "other_province": tokens.headers("county_officer", jurisdiction="130102"),
    }
    sites = {name: place.ids(client, "sites", h) for name, h in who.items()}
    assert sites == {"county_140525": {f"site-a-{u}"}, "city_140500": {f"site-a-{u}", f"site-b-{u}"},
                     "county_140581": {f"site-b-{u}"}, "park": {f"site-a-{u}"}, "enterprise_b": {f"site-b-{u}"},
                     "other_province": set()}
    assert place.ids(client, "emergency_pools", who["park"]) == {f"pool-a-{u}"}
    assert place.ids(client, "emergency_pools", who["enterprise_b"]) == set()
    # The river and the park's depot are on everybody's map, wherever the reader's scope ends.
    for headers in who.values():
        assert place.ids(client, "river_reaches", headers) == {f"reach-{u}"}
        assert place.ids(client, "material_depots", headers) == {f"depot-{u}"}
    assert place.ids(client, "parks", who["county_140581"]) == set()
    assert place.ids(client, "parks", who["park"]) == {place.park}
    hazards = {name: len(place.ids(client, "hazards", h)) for name, h in who.items()}
    assert hazards == {"county_140525": 0, "city_140500": 1, "county_140581": 1, "park": 0, "enterprise_b": 1,
                       "other_province": 0}
    # Out of scope, a single item is simply not in the collection; the extent shows only what is in scope.
    assert client.get(f"/ogc/collections/sites/items/site-b-{u}", headers=who["park"]).status_code == 404
    extent = client.get("/ogc/collections/sites", headers=who["enterprise_b"]).json()["extent"]["spatial"]["bbox"][0]
    assert extent == pytest.approx([place.lon + 0.03, place.lat, place.lon + 0.03, place.lat])


def test_single_resources_are_read_within_scope(client, tokens, place):
    u = place.u
    county = tokens.headers("county_officer", jurisdiction="140525")
    # Out of scope answers as an unknown id does: nothing says the record exists, nor whose or where it is.
    r = client.get(f"/facilities/site-b-{u}", headers=county)
    unknown = client.get(f"/facilities/site-none-{u}", headers=county)
    assert r.status_code == unknown.status_code == 404
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["detail"] == f"设施不存在: site-b-{u}" and place.b not in r.text and "140581" not in r.text
    assert client.get(f"/facilities/site-b-{u}/history", headers=county).status_code == 404
    assert client.get(f"/facilities/site-a-{u}", headers=county).status_code == 200
    assert client.get(f"/facilities/reach-{u}", headers=county).status_code == 200
    assert client.get(f"/enterprises/{place.b}/pool-adequacy", headers=county).status_code == 404
    enterprise_a = tokens.headers("enterprise_user", enterprise_id=place.a)
    assert client.get(f"/parks/{place.park}", headers=enterprise_a).status_code == 200  # its own park
    assert place.park in {p["park_id"] for p in client.get("/parks", headers=enterprise_a).json()}
    enterprise_b = tokens.headers("enterprise_user", enterprise_id=place.b)
    assert client.get(f"/parks/{place.park}", headers=enterprise_b).status_code == 404
    assert place.park not in {p["park_id"] for p in client.get("/parks", headers=enterprise_b).json()}
    assert client.get("/parks", headers=tokens.headers("park_operator")).json() == []


@pytest.fixture(scope="module")
def live(settings):
    with LiveServer(settings) as server:
        yield server


def test_gdal_reads_only_what_the_bearer_may_see(live, tokens, place, tmp_path):
    token = tokens.headers("enterprise_user", enterprise_id=place.a)["Authorization"].split(" ", 1)[1]
    headers = tmp_path / "headers"
    headers.write_text(f"Authorization: Bearer {token}\n")
    pyogrio.set_gdal_config_options({"GDAL_HTTP_HEADER_FILE": str(headers)})
    try:
        source = f"OAPIF:{live.url}/ogc"
        assert "findings" in {name for name, _ in pyogrio.list_layers(source)}
        sites = pyogrio.read_dataframe(source, layer="sites", bbox=place.bbox)
        assert list(sites["name"]) == ["甲厂区"]
        reaches = pyogrio.read_dataframe(source, layer="river_reaches", bbox=place.bbox)
        assert list(reaches["name"]) == ["测试河一段"]
    finally:
        pyogrio.set_gdal_config_options({"GDAL_HTTP_HEADER_FILE": None})


def test_vector_tiles_draw_only_what_the_caller_may_read_and_the_shared_layers_whole(client, tokens, place, tmp_path):
    import math

    def layer_ids(headers: dict, layer: str, lon: float, lat: float, z: int = 15) -> set[str]:
        """The ids in `layer` of the tile that holds (lon, lat)."""
        n = 2 ** z
        x, y = int((lon + 180) / 360 * n), int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
        path = tmp_path / f"{uuid.uuid4().hex}.mvt"
        path.write_bytes(client.get(f"/tiles/all/{z}/{x}/{y}.mvt", headers=headers).content)
        names = {name for name, _ in pyogrio.list_layers(path)} if path.stat().st_size else set()
        return set(pyogrio.read_dataframe(path, layer=layer, CLIP="NO")["id"]) if layer in names else set()

    u, a, b = place.u, (place.lon, place.lat), (place.lon + 0.03, place.lat)
    reach = (place.lon + 0.03, place.lat - 0.01)
    assert f"site-a-{u}" in layer_ids(tokens.admin, "sites", *a)
    assert f"site-b-{u}" in layer_ids(tokens.admin, "sites", *b)
    enterprise_b = tokens.headers("enterprise_user", enterprise_id=place.b, jurisdiction="140525")
    assert f"site-a-{u}" not in layer_ids(enterprise_b, "sites", *a)
    assert f"site-b-{u}" in layer_ids(enterprise_b, "sites", *b)
    assert f"reach-{u}" in layer_ids(enterprise_b, "river_reaches", *reach)  # shared: everyone's map
    park = tokens.headers("park_operator", park_id=place.park, jurisdiction="140581")
    assert f"site-a-{u}" in layer_ids(park, "sites", *a)
    assert f"site-b-{u}" not in layer_ids(park, "sites", *b)
    assert place.hazard_id not in layer_ids(park, "hazards", *b)  # the hazard is B's, outside the park
    county_b = tokens.headers("county_officer", jurisdiction="140581")
    assert place.hazard_id in layer_ids(county_b, "hazards", *b)
