"""The duty roster: shifts in Beijing time, hand-over at midnight, no overlaps, and routing to whoever is on duty."""

from __future__ import annotations

import random
import threading
import uuid
from datetime import datetime, timedelta, timezone

import pytest

from ecosafe_kit.eventstore import Signer
from notify_helpers import inbox_item, incident_reported


def person(tag: str) -> dict:
    return {"user_id": f"u-{tag}-{uuid.uuid4().hex[:6]}", "name": f"{tag}同志", "phone": "0356-1234567"}


def shift_body(code: str, starts: str, ends: str, **overrides) -> dict:
    body = {"jurisdiction_code": code, "starts_at": starts, "ends_at": ends, "duty_officer": person("值班员"),
            "leader": person("带班领导")}
    body.update(overrides)
    return body


def schedule(client, headers, body) -> dict:
    answer = client.post("/duty/shifts", json=body, headers=headers)
    assert answer.status_code == 201, answer.text
    return {**body, "id": answer.json()["id"], "location": answer.headers["Location"]}


def on_duty(client, headers, code, at) -> dict | None:
    answer = client.get("/duty/on-duty", params={"jurisdiction_code": code, "at": at}, headers=headers)
    assert answer.status_code == 200, answer.text
    return answer.json()["shift"]


def day() -> str:
    """A December date of a random future year, so runs sharing the database do not meet."""
    return f"{random.randint(2100, 2900)}-12-24"


def test_hand_over_at_midnight_and_a_shift_across_midnight(client, users, area):
    county = users.county(area["county"])
    d = day()
    year = d[:4]
    evening = schedule(client, county, shift_body(area["county"], f"{d}T08:30", f"{year}-12-25T00:00"))
    night = schedule(client, county, shift_body(area["county"], f"{year}-12-25T00:00", f"{year}-12-25T08:30"))
    across = schedule(client, county, shift_body(area["county"], f"{year}-12-25T08:30", f"{year}-12-26T08:30"))

    assert on_duty(client, county, area["county"], f"{d}T23:59:59")["shift_id"] == evening["id"]
    handed = on_duty(client, county, area["county"], f"{year}-12-25T00:00:00")
    assert handed["shift_id"] == night["id"]
    assert handed["duty_officer"]["name"] == "值班员同志" and handed["starts_at"] == f"{year}-12-25T00:00:00+08:00"
    assert on_duty(client, county, area["county"], f"{year}-12-25T23:59")["shift_id"] == across["id"]
    assert on_duty(client, county, area["county"], f"{year}-12-26T00:01")["shift_id"] == across["id"]
    # The same instant written in UTC: 2026-12-25T00:00+08:00 is 12-24T16:00Z.
    assert on_duty(client, county, area["county"], f"{d}T16:00:00Z")["shift_id"] == night["id"]
    assert on_duty(client, county, area["county"], f"{year}-12-26T08:30") is None

    listed = client.get("/duty/shifts", params={"jurisdiction_code": area["county"], "from": f"{d}T00:00",
                                                "to": f"{year}-12-27T00:00"}, headers=county).json()["items"]
    assert [s["shift_id"] for s in listed] == [evening["id"], night["id"], across["id"]]


def test_overlapping_shifts_are_refused_even_when_sent_at_once(client, users, area):
    county = users.county(area["county"])
    d = day()
    schedule(client, county, shift_body(area["county"], f"{d}T08:30", f"{d}T20:30"))
    overlap = client.post("/duty/shifts", json=shift_body(area["county"], f"{d}T20:00", f"{d}T23:00"), headers=county)
    assert overlap.status_code == 409 and "时间重叠" in overlap.json()["detail"]
    # Another area may have its own shift at the same time.
    assert client.post("/duty/shifts", json=shift_body(area["other_county"], f"{d}T20:00", f"{d}T23:00"),
                       headers=users.county(area["other_county"])).status_code == 201

    answers = []

    def send():
        answers.append(client.post("/duty/shifts", json=shift_body(area["county"], f"{d}T21:00", f"{d}T23:30"),
                                   headers=county).status_code)

    threads = [threading.Thread(target=send) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(answers) == [201, 409, 409, 409]


def test_bad_shifts_are_refused_naming_the_field(client, users, area):
    county = users.county(area["county"])
    d = day()
    backwards = client.post("/duty/shifts", json=shift_body(area["county"], f"{d}T20:00", f"{d}T08:00"),
                            headers=county)
    assert backwards.status_code == 422 and [e["field"] for e in backwards.json()["errors"]] == ["ends_at"]
    same = person("同一人")
    twice = client.post("/duty/shifts", json=shift_body(area["county"], f"{d}T08:00", f"{d}T20:00",
                                                        duty_officer=same, leader=same), headers=county)
    assert twice.status_code == 422 and [e["field"] for e in twice.json()["errors"]] == ["leader"]
    garbage = client.post("/duty/shifts", json=shift_body(area["county"], "昨天", f"{d}T20:00"), headers=county)
    assert garbage.status_code == 422 and "starts_at" in garbage.text
    elsewhere = client.post("/duty/shifts", json=shift_body(area["other_county"], f"{d}T08:00", f"{d}T20:00"),
                            headers=county)
    assert elsewhere.status_code == 403


def test_a_shift_is_changed_with_if_match_and_cancelled(client, users, area):
    county = users.county(area["county"])
    d = day()
    shift = schedule(client, county, shift_body(area["county"], f"{d}T08:30", f"{d}T20:30"))
    replacement = person("替班")
    changed = client.put(shift["location"], json={**shift_body(area["county"], f"{d}T08:30", f"{d}T20:30"),
                                                  "duty_officer": replacement}, headers={**county, "If-Match": '"1"'})
    assert changed.status_code == 200 and changed.headers["ETag"] == '"2"'
    assert on_duty(client, county, area["county"], f"{d}T12:00")["duty_officer"]["user_id"] == replacement["user_id"]
    stale = client.post(shift["location"] + "/cancellation", json={"reason": "改期"},
                        headers={**county, "If-Match": '"1"'})
    assert stale.status_code == 412
    cancelled = client.post(shift["location"] + "/cancellation", json={"reason": "改期"},
                            headers={**county, "If-Match": '"2"'})
    assert cancelled.status_code == 200
    assert on_duty(client, county, area["county"], f"{d}T12:00") is None
    assert client.get(shift["location"], headers=users.county(area["other_county"])).status_code == 404


def test_a_county_without_a_shift_is_covered_by_its_citys(client, users, area):
    d = day()
    city_shift = schedule(client, users.city(area["city"]), shift_body(area["city"], f"{d}T00:00", f"{d}T23:00"))
    shown = on_duty(client, users.county(area["county"]), area["county"], f"{d}T10:00")
    assert shown["shift_id"] == city_shift["id"] and shown["jurisdiction_code"] == area["city"]


def test_an_incident_goes_at_once_to_whoever_is_on_duty_where_it_happened(client, users, area, publisher):
    county = users.county(area["county"])
    now = datetime.now(timezone.utc)
    officer, leader = person("值班员"), person("带班领导")
    schedule(client, county, shift_body(area["county"], (now - timedelta(hours=1)).isoformat(),
                                        (now + timedelta(hours=2)).isoformat(), duty_officer=officer, leader=leader))
    answer = client.post("/routing/rules", headers=county, json={
        "name": "事件报值班员和带班领导", "jurisdiction_code": area["county"], "event_types": ["incident.reported"],
        "recipient_duty_positions": ["duty_officer", "leader", "deputy"], "urgent": True})
    assert answer.status_code == 201
    rule_id = answer.json()["id"]
    explained = client.post("/routing/explain", headers=county, json={"event_type": "incident.reported",
                                                                      "jurisdiction_code": area["county"]}).json()
    verdict = next(v for v in explained["rules"] if v["rule_id"] == rule_id)
    assert {r["value"] for r in verdict["recipients"]} == {officer["user_id"], leader["user_id"]}
    assert f"未送达: 副班: 辖区 {area['county']} 此刻无人值班" in verdict["reasons"]

    # No enterprise: the reporting officer's jurisdiction places the incident.
    incident = publisher.incident(incident_reported(None), signer=Signer("u-reporter", "报告人", ("county_officer",),
                                                                           area["county"]))
    on_duty_officer = users.county(area["county"], subject=officer["user_id"])
    item = inbox_item(client, on_duty_officer, incident.stream_id, "incident.reported")
    labels = [r["label"] for m in item["matches"] if m["rule_id"] == rule_id for r in m["recipients"]]
    assert any(label.startswith(f"值班员 值班员同志 (辖区 {area['county']} 值班表") for label in labels)
    assert inbox_item(client, users.token("group_leader", jurisdiction=area["county"], subject=leader["user_id"]),
                      incident.stream_id, "incident.reported")["urgent"] is True
