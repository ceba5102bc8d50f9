"""Incidents belong to where they happen: reported by those whose jurisdiction covers the place, read by that
jurisdiction (its city, its park) and by the counties the downstream trace reaches — not by whoever reported it."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import text

from rm_helpers import feature, point, square

COUNTY_A, COUNTY_DOWN, COUNTY_B, CITY = "140525", "140581", "140524", "140500"


class Scene:
    """Park P of county A with enterprise A's site; a reach of county A flowing into a reach of county DOWN."""

    def __init__(self, client, tokens, register_enterprise, u):
        L, B = round(random.uniform(100, 120), 4), round(random.uniform(25, 40), 4)
        self.lon, self.lat, self.u = L, B, u
        self.park, self.enterprise = f"park-{u}", f"ent-{u}"
        park = {"type": "Feature", "id": self.park, "geometry": square(L, B, 0.01),
                "properties": {"name": "甲园区", "jurisdiction_code": COUNTY_A}}
        assert client.post("/parks", json=park, headers=tokens.admin).status_code == 201
        register_enterprise(self.enterprise, park_id=self.park, jurisdiction_code=COUNTY_A, lon=L, lat=B)
        for body in (
            feature("site", "甲厂区", point(L, B), f"site-{u}", enterprise_id=self.enterprise),
            feature("river_reach", "下游段", {"type": "LineString", "coordinates": [[L + 0.02, B - 0.005],
                                                                                  [L + 0.05, B - 0.005]]},
                    f"reach-down-{u}", river_name="测试河", velocity_mps=1.0, jurisdiction_code=COUNTY_DOWN),
            feature("river_reach", "上游段", {"type": "LineString", "coordinates": [[L + 0.003, B - 0.005],
                                                                                  [L + 0.02, B - 0.005]]},
                    f"reach-up-{u}", river_name="测试河", velocity_mps=1.0, downstream_reach_id=f"reach-down-{u}",
                    jurisdiction_code=COUNTY_A),
        ):
            r = client.post("/facilities", json=body, headers=tokens.admin)
            assert r.status_code == 201, r.text

    def body(self, incident_id: str, **extra) -> dict:
        return {"incident_id": incident_id, "location": point(self.lon + 0.001, self.lat + 0.001),
                "pollutant": "甲醇", "volume_m3": 200, "level": "较大", "drill": True, **extra}


@pytest.fixture
def scene(client, tokens, register_enterprise, unique):
    return Scene(client, tokens, register_enterprise, unique)


def _stored(engine, incident_id: str) -> int:
    with engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM es_events WHERE stream_id = :id"), {"id": incident_id}).scalar()


def test_another_countys_command_center_cannot_report_an_incident_in_this_county(client, tokens, engine, scene):
    r = client.post("/incidents", json=scene.body(f"inc-b-{scene.u}"),
                    headers=tokens.headers("command_center", jurisdiction=COUNTY_B))
    assert r.status_code == 403, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert COUNTY_A in r.json()["detail"]
    assert _stored(engine, f"inc-b-{scene.u}") == 0
    operator = tokens.headers("park_operator", park_id=f"park-other-{scene.u}")
    assert client.post("/incidents", json=scene.body(f"inc-p-{scene.u}"), headers=operator).status_code == 403


@pytest.mark.parametrize("reporter", [
    {"role": "command_center", "jurisdiction": COUNTY_A},
    {"role": "command_center", "jurisdiction": CITY},  # the city's role covers its counties
    {"role": "park_operator", "park_id": "<park>"},
    {"role": "admin"},
])
def test_those_whose_role_covers_the_place_may_report(client, tokens, scene, reporter):
    reporter = {k: (scene.park if v == "<park>" else v) for k, v in reporter.items()}
    r = client.post("/incidents", json=scene.body(f"inc-{scene.u}"), headers=tokens.headers(reporter.pop("role"),
                                                                                               **reporter))
    assert r.status_code == 201, r.text


def test_the_incident_is_read_where_it_happened_and_downstream_not_by_others(client, tokens, scene):
    incident_id = f"inc-{scene.u}"
    r = client.post("/incidents", json=scene.body(incident_id), headers=tokens.headers("command_center", jurisdiction=CITY))
    assert r.status_code == 201, r.text
    assert [x["reach_id"] for x in r.json()["downstream"]["reaches"]] == [f"reach-up-{scene.u}", f"reach-down-{scene.u}"]
    readers = {
        "county A officer": (tokens.headers("county_officer", jurisdiction=COUNTY_A), 200),
        "county A command center": (tokens.headers("command_center", jurisdiction=COUNTY_A), 200),
        "the city": (tokens.headers("city_officer", jurisdiction=CITY), 200),
        "the park's operator": (tokens.headers("park_operator", park_id=scene.park), 200),
        "the enterprise": (tokens.headers("enterprise_user", enterprise_id=scene.enterprise), 200),
        "the county downstream": (tokens.headers("county_officer", jurisdiction=COUNTY_DOWN), 200),
        "an unrelated county": (tokens.headers("command_center", jurisdiction=COUNTY_B), 404),
        "another park": (tokens.headers("park_operator", park_id=f"park-other-{scene.u}"), 404),
    }
    got = {who: client.get(f"/incidents/{incident_id}", headers=h).status_code for who, (h, _) in readers.items()}
    assert got == {who: status for who, (_, status) in readers.items()}
    bbox = f"{scene.lon - 0.01},{scene.lat - 0.01},{scene.lon + 0.01},{scene.lat + 0.01}"
    for who, (headers, status) in readers.items():
        items = client.get("/ogc/collections/incidents/items", params={"bbox": bbox}, headers=headers).json()
        assert (incident_id in {f["id"] for f in items["features"]}) == (status == 200), who
