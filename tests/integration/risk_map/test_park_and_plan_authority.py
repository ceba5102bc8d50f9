"""Who may designate a park (register, redraw, retire) and who may publish a river's 一河一策一图 plan."""

from __future__ import annotations

from sqlalchemy import text

from rm_helpers import feature, new_park, random_place, square

COUNTY, OTHER_COUNTY, CITY, OTHER_CITY = "140525", "140581", "140500", "140100"


def _park_body(park_id: str, lon: float, lat: float, code: str = COUNTY) -> dict:
    return {"type": "Feature", "id": park_id, "geometry": square(lon, lat, 0.01),
            "properties": {"name": "授权园区", "jurisdiction_code": code}}


def _events(engine, stream_id: str) -> int:
    with engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM es_events WHERE stream_id = :id"), {"id": stream_id}).scalar()


def test_only_the_bureau_of_the_parks_area_or_an_admin_registers_a_park(client, tokens, engine, unique):
    lon, lat = random_place()
    refused = {
        "inspector": tokens.headers("inspector", jurisdiction=COUNTY),
        "command center": tokens.headers("command_center", jurisdiction=COUNTY),
        "group leader": tokens.headers("group_leader", jurisdiction=COUNTY),
        "another county's officer": tokens.headers("county_officer", jurisdiction=OTHER_COUNTY),
        "another city's officer": tokens.headers("city_officer", jurisdiction=OTHER_CITY),
        "a park operator": tokens.headers("park_operator", park_id=f"park-x-{unique}"),
    }
    for who, headers in refused.items():
        r = client.post("/parks", json=_park_body(f"park-x-{unique}", lon, lat), headers=headers)
        assert r.status_code == 403, (who, r.text)
        assert r.headers["content-type"].startswith("application/problem+json")
    assert _events(engine, f"park-x-{unique}") == 0
    allowed = {"county": tokens.headers("county_officer", jurisdiction=COUNTY),
               "city": tokens.headers("city_officer", jurisdiction=CITY), "admin": tokens.admin}
    for i, (who, headers) in enumerate(allowed.items()):
        r = client.post("/parks", json=_park_body(f"park-{who}-{unique}", lon + 0.05 * i, lat), headers=headers)
        assert r.status_code == 201, (who, r.text)


def test_the_operator_keeps_its_lists_but_does_not_redraw_or_retire_its_park(client, tokens, unique):
    park_id, lon, lat = new_park(client, tokens.admin, f"park-{unique}", "授权园区")
    operator = tokens.headers("park_operator", park_id=park_id)
    larger = {**_park_body(park_id, lon, lat), "geometry": square(lon, lat, 0.05)}
    assert client.put(f"/parks/{park_id}", json=larger, headers=operator).status_code == 403
    assert client.put(f"/parks/{park_id}", json=larger, headers=tokens.headers("inspector", jurisdiction=COUNTY)
                      ).status_code == 403
    lists = {"updated_on": "2026-01-01", "entries": [{"name": "甲醇"}]}
    assert client.put(f"/parks/{park_id}/lists/risk_substance", json=lists, headers=operator).status_code == 200
    retire = {"reason": "撤销认定"}
    for role in ("inspector", "command_center", "group_leader"):
        assert client.post(f"/parks/{park_id}/retire", json=retire,
                           headers=tokens.headers(role, jurisdiction=COUNTY)).status_code == 403, role
    r = client.put(f"/parks/{park_id}", json=larger, headers=tokens.headers("city_officer", jurisdiction=CITY))
    assert r.status_code == 200, r.text


def _reach(client, tokens, unique: str, river: str, code: str) -> str:
    lon, lat = random_place()
    body = feature("river_reach", f"{river}段", {"type": "LineString", "coordinates": [[lon, lat], [lon + 0.01, lat]]},
                   f"reach-{code}-{unique}", river_name=river, velocity_mps=0.5, jurisdiction_code=code)
    r = client.post("/facilities", json=body, headers=tokens.admin)
    assert r.status_code == 201, r.text
    return body["id"]


def test_a_river_plan_is_published_by_the_counties_the_river_runs_through_and_their_city(client, tokens, engine,
                                                                                          unique):
    river = f"授权河{unique}"
    reach = _reach(client, tokens, unique, river, COUNTY)
    plan = {"plan_id": f"plan-{unique}", "river_name": river, "title": "一河一策一图",
            "actions": [{"reach_id": reach, "action": "关闭1号闸"}]}
    for who, headers in {"another county": tokens.headers("county_officer", jurisdiction=OTHER_COUNTY),
                         "another county's command center": tokens.headers("command_center", jurisdiction=OTHER_COUNTY),
                         "another city": tokens.headers("city_officer", jurisdiction=OTHER_CITY),
                         "an enterprise": tokens.headers("enterprise_user", enterprise_id="ent-x")}.items():
        r = client.post("/river-plans", json=plan, headers=headers)
        assert r.status_code == 403, (who, r.text)
    assert _events(engine, plan["plan_id"]) == 0
    assert client.post("/river-plans", json=plan, headers=tokens.headers("command_center", jurisdiction=COUNTY)
                       ).status_code == 201
    again = {**plan, "title": "第二版"}
    r = client.put(f"/river-plans/{plan['plan_id']}", json=again,
                   headers=tokens.headers("city_officer", jurisdiction=CITY))
    assert r.status_code == 200, r.text
    # Renaming the plan's river after a river of one's own county does not make it one's own.
    theirs = _reach(client, tokens, unique, f"邻县河{unique}", OTHER_COUNTY)
    hijack = {**plan, "river_name": f"邻县河{unique}", "actions": [{"reach_id": theirs, "action": "改写"}]}
    r = client.put(f"/river-plans/{plan['plan_id']}", json=hijack,
                   headers=tokens.headers("county_officer", jurisdiction=OTHER_COUNTY))
    assert r.status_code == 403, r.text
    assert _events(engine, plan["plan_id"]) == 2


def test_a_plan_for_a_river_with_no_registered_reach_is_published_by_an_admin_only(client, tokens, unique):
    plan = {"plan_id": f"plan-{unique}", "river_name": f"未登记河{unique}", "title": "一河一策一图",
            "actions": [{"reach_id": f"reach-none-{unique}", "action": "关闭1号闸"}]}
    r = client.post("/river-plans", json=plan, headers=tokens.headers("city_officer", jurisdiction=CITY))
    assert r.status_code == 403 and "尚无已登记的河段" in r.json()["detail"], r.text
    assert client.post("/river-plans", json=plan, headers=tokens.admin).status_code == 201
