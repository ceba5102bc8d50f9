"""Warnings (预警信息): a bureau warns a polygon or a jurisdiction; exactly the registered enterprises inside (by their
registered location) and their parks are reached; acknowledgements are tracked per enterprise and park."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import text

from notify_helpers import inbox_item
from waiting import wait_for

SQUARE = {"type": "Polygon", "coordinates": [[[112.80, 35.30], [112.90, 35.30], [112.90, 35.40], [112.80, 35.40],
                                              [112.80, 35.30]]]}


def registered(notify_engine, *ids: str) -> bool:
    with notify_engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM nt_enterprises WHERE enterprise_id = ANY(:ids)"),
                            {"ids": list(ids)}).scalar_one() == len(ids)


def warning_body(**overrides) -> dict:
    body = {"kind": "weather", "level": "orange", "title": "暴雨橙色预警", "content": "预计未来6小时降雨量将达50毫米以上, "
            "请做好雨水排口封堵和应急池腾空。", "valid_until": (datetime.now(timezone.utc) + timedelta(hours=12)).isoformat()}
    body.update(overrides)
    return body


@pytest.fixture
def plants(publisher, area, notify_engine) -> dict:
    park = f"park-{uuid.uuid4().hex[:8]}"
    found = {
        "inside": publisher.enterprise(area["county"], park_id=park, lon=112.85, lat=35.35, name="区内化工"),
        "edge": publisher.enterprise(area["county"], lon=112.90, lat=35.33, name="边界化工"),
        "outside": publisher.enterprise(area["county"], lon=112.95, lat=35.35, name="区外化工"),
        "neighbour": publisher.enterprise(area["other_county"], lon=112.86, lat=35.36, name="邻县化工"),
    }
    wait_for(lambda: registered(notify_engine, *found.values()))
    return {**found, "park": park}


def test_a_polygon_warning_reaches_exactly_the_enterprises_inside_and_their_parks(client, users, area, plants):
    county = users.county(area["county"])
    issued = client.post("/warnings", json=warning_body(area=SQUARE), headers=county)
    assert issued.status_code == 201, issued.text
    warning = client.get(issued.headers["Location"], headers=county).json()
    # The neighbouring county's plant lies in the square too, but the county bureau warns its own area only.
    assert {e["enterprise_id"] for e in warning["enterprises"]} == {plants["inside"], plants["edge"]}
    assert [p["park_id"] for p in warning["parks"]] == [plants["park"]]
    assert warning["acknowledged"] == 0 and warning["issued_by"] == "王科长"

    inside_user = users.token("enterprise_user", jurisdiction=area["county"], enterprise_id=plants["inside"])
    note = inbox_item(client, inside_user, warning["warning_id"], "warning.issued")
    assert note["title"] == "【橙色预警】暴雨橙色预警" and note["urgent"] is True
    assert "雨水排口封堵" in note["body"] and "请立即落实防范措施" in note["body"]
    outside_user = users.token("enterprise_user", jurisdiction=area["county"], enterprise_id=plants["outside"])
    assert client.get("/notifications", params={"subject_id": warning["warning_id"]},
                      headers=outside_user).json()["total"] == 0

    acked = client.post(f"/notifications/{note['notification_id']}/acknowledgement", json={"note": "已封堵雨水排口"},
                        headers=inside_user)
    assert acked.status_code == 200
    operator = users.token("park_operator", jurisdiction=area["county"], park_id=plants["park"])
    assert client.post(f"/notifications/{note['notification_id']}/acknowledgement", json={},
                       headers=operator).status_code == 200
    after = client.get(issued.headers["Location"], headers=county).json()
    by_id = {e["enterprise_id"]: e["acknowledgement"] for e in after["enterprises"]}
    assert by_id[plants["inside"]]["note"] == "已封堵雨水排口" and by_id[plants["edge"]] is None
    assert after["parks"][0]["acknowledgement"] is not None and after["acknowledged"] == 1


def test_a_jurisdiction_warning_reaches_every_enterprise_registered_there(client, users, area, plants):
    city = users.city(area["city"])
    issued = client.post("/warnings", json=warning_body(kind="flood", level="blue", title="汛情蓝色预警",
                                                         jurisdiction_code=area["county"]), headers=city)
    assert issued.status_code == 201, issued.text
    warning = client.get(issued.headers["Location"], headers=city).json()
    assert {e["enterprise_id"] for e in warning["enterprises"]} == {plants["inside"], plants["edge"], plants["outside"]}
    listed = client.get("/warnings", headers=city).json()["items"]
    assert warning["warning_id"] in {w["warning_id"] for w in listed}
    assert client.get(issued.headers["Location"], headers=users.county(area["other_county"])).status_code == 404


def test_bad_warnings_are_refused_naming_the_field(client, users, area):
    county = users.county(area["county"])
    bow_tie = {"type": "Polygon", "coordinates": [[[112.8, 35.3], [112.9, 35.4], [112.9, 35.3], [112.8, 35.4],
                                                   [112.8, 35.3]]]}
    answer = client.post("/warnings", json=warning_body(area=bow_tie), headers=county)
    assert answer.status_code == 422 and [e["field"] for e in answer.json()["errors"]] == ["area"]
    assert "多边形无效" in answer.text
    swapped = {"type": "Polygon", "coordinates": [[[35.3, 212.8], [35.4, 212.8], [35.4, 212.9], [35.3, 212.8]]]}
    assert "经纬度" in client.post("/warnings", json=warning_body(area=swapped), headers=county).text
    both = client.post("/warnings", json=warning_body(area=SQUARE, jurisdiction_code=area["county"]), headers=county)
    assert both.status_code == 422 and [e["field"] for e in both.json()["errors"]] == ["area"]
    level = client.post("/warnings", json=warning_body(level="purple", jurisdiction_code=area["county"]),
                        headers=county)
    assert level.status_code == 422 and [e["field"] for e in level.json()["errors"]] == ["level"]
    elsewhere = client.post("/warnings", json=warning_body(jurisdiction_code=area["other_county"]), headers=county)
    assert elsewhere.status_code == 403
    company = users.token("enterprise_user", jurisdiction=area["county"], enterprise_id="e-1")
    assert client.post("/warnings", json=warning_body(jurisdiction_code=area["county"]),
                       headers=company).status_code == 403
