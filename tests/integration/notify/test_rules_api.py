"""Routing rules over HTTP: created, read, changed with If-Match, retired; validated; scoped; each change signed."""

from __future__ import annotations

import threading
import uuid

from sqlalchemy import text


def rule_body(code: str, **overrides) -> dict:
    body = {"name": "重大隐患报县局和组长", "jurisdiction_code": code, "event_types": ["hazard.reported"],
            "grades": ["major"], "recipient_roles": ["county_officer", "group_leader"]}
    body.update(overrides)
    return body


def test_a_rule_is_created_read_changed_and_retired_each_step_a_signed_event(client, users, area, notify_engine):
    officer = users.city(area["city"], name="市局李处长", subject=f"u-city-{area['city']}")
    created = client.post("/routing/rules", json=rule_body(area["city"]), headers=officer)
    assert created.status_code == 201, created.text
    assert created.headers["ETag"] == '"1"'
    location = created.headers["Location"]
    shown = client.get(location, headers=officer)
    assert shown.status_code == 200 and shown.json()["spec"]["grades"] == ["major"]
    assert shown.json()["active"] is True

    changed = client.put(location, json=rule_body(area["city"], grades=["general", "major"]),
                         headers={**officer, "If-Match": '"1"'})
    assert changed.status_code == 200 and changed.headers["ETag"] == '"2"'
    stale = client.put(location, json=rule_body(area["city"], grades=["general"]), headers={**officer, "If-Match": '"1"'})
    assert stale.status_code == 412 and stale.headers["content-type"].startswith("application/problem+json")

    retired = client.post(location + "/retirement", json={"reason": "规则合并"}, headers={**officer, "If-Match": '"2"'})
    assert retired.status_code == 200 and retired.headers["ETag"] == '"3"'
    after = client.put(location, json=rule_body(area["city"]), headers=officer)
    assert after.status_code == 409
    assert client.get(location, headers=officer).json()["active"] is False

    rule_id = created.json()["id"]
    with notify_engine.connect() as conn:
        rows = conn.execute(text("SELECT event_type, signer->>'subject' AS who FROM es_events WHERE stream_id = :id "
                                 "ORDER BY version"), {"id": rule_id}).all()
    assert [r.event_type.rsplit(".", 1)[1] for r in rows] == ["RoutingRuleCreated", "RoutingRuleChanged",
                                                              "RoutingRuleRetired"]
    assert {r.who for r in rows} == {f"u-city-{area['city']}"}


def test_bad_rules_are_refused_naming_each_field_and_nothing_is_written(client, users, area, notify_engine):
    officer = users.city(area["city"])
    name = f"坏规则{uuid.uuid4().hex[:8]}"
    bad = rule_body(area["city"], name=name, event_types=["hazard.exploded"], grades=["huge"], recipient_roles=["mayor"])
    answer = client.post("/routing/rules", json=bad, headers=officer)
    assert answer.status_code == 422 and answer.headers["content-type"].startswith("application/problem+json")
    fields = {e["field"] for e in answer.json()["errors"]}
    assert fields == {"event_types", "grades", "recipient_roles"}
    control = client.post("/routing/rules", json=rule_body(area["city"], name=name + "\x07"), headers=officer)
    assert control.status_code == 422 and "name" in control.text
    unknown_field = client.post("/routing/rules", json={**rule_body(area["city"]), "priority": 1}, headers=officer)
    assert unknown_field.status_code == 422
    with notify_engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM nt_rules WHERE name LIKE :n"),
                            {"n": name + "%"}).scalar_one() == 0


def test_rules_are_scoped_a_county_sees_its_citys_rules_but_manages_only_its_own(client, users, area):
    city = users.city(area["city"])
    county = users.county(area["county"])
    neighbour = users.county(area["other_county"])
    city_rule = client.post("/routing/rules", json=rule_body(area["city"]), headers=city).json()["id"]
    county_rule = client.post("/routing/rules", json=rule_body(area["county"], name="本县"), headers=county)
    assert county_rule.status_code == 201

    assert client.post("/routing/rules", json=rule_body(area["city"]), headers=county).status_code == 403
    assert client.get(f"/routing/rules/{city_rule}", headers=county).status_code == 200
    assert client.put(f"/routing/rules/{city_rule}", json=rule_body(area["city"], name="改"),
                      headers=county).status_code == 403
    # The neighbouring county does not see this county's rule: like an unknown id.
    assert client.get(county_rule.headers["Location"], headers=neighbour).status_code == 404
    listed = {r["rule_id"] for r in client.get("/routing/rules", headers=neighbour).json()["items"]}
    assert city_rule in listed and county_rule.json()["id"] not in listed
    enterprise = users.token("enterprise_user", jurisdiction=area["county"], enterprise_id="e-1")
    assert client.get("/routing/rules", headers=enterprise).status_code == 403


def test_concurrent_changes_with_the_same_version_one_wins_the_other_gets_a_conflict(client, users, area):
    officer = users.city(area["city"])
    location = client.post("/routing/rules", json=rule_body(area["city"]), headers=officer).headers["Location"]
    answers = []

    def change(name):
        answers.append(client.put(location, json=rule_body(area["city"], name=name),
                                  headers={**officer, "If-Match": '"1"'}).status_code)

    threads = [threading.Thread(target=change, args=(f"并发{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(answers)[0] == 200 and answers.count(200) == 1
    assert set(answers) - {200} <= {409, 412}
    assert client.get(location, headers=officer).headers["ETag"] == '"2"'


def test_explain_names_each_rule_whose_area_holds_the_event_and_why(client, users, area):
    city = users.city(area["city"])
    major = client.post("/routing/rules", json=rule_body(area["city"], name="重大"), headers=city).json()["id"]
    overdue = client.post("/routing/rules", json=rule_body(area["city"], name="逾期", event_types=["hazard.overdue"],
                                                           grades=[], recipient_parties=["assigner"]),
                          headers=city).json()["id"]
    elsewhere = client.post("/routing/rules", json=rule_body(area["other_county"]),
                            headers=users.county(area["other_county"])).json()["id"]
    answer = client.post("/routing/explain", headers=users.county(area["county"]), json={
        "event_type": "hazard.reported", "jurisdiction_code": area["county"], "grade": "major"})
    assert answer.status_code == 200, answer.text
    verdicts = {v["rule_id"]: v for v in answer.json()["rules"]}
    assert elsewhere not in verdicts
    assert verdicts[major]["matched"] is True
    assert f"辖区 {area['county']} 在规则辖区 {area['city']} 之内" in verdicts[major]["reasons"]
    assert verdicts[overdue]["matched"] is False
    assert any("不在规则所列" in r and "hazard.reported" in r for r in verdicts[overdue]["reasons"])
    recipients = {(r["kind"], r["value"], r["jurisdiction_code"]) for r in answer.json()["recipients"]}
    assert ("role", "group_leader", area["county"]) in recipients

    outside = client.post("/routing/explain", headers=users.county(area["other_county"]), json={
        "event_type": "hazard.reported", "jurisdiction_code": area["county"]})
    assert outside.status_code == 403
    bad = client.post("/routing/explain", headers=city, json={"event_type": "hazard.reported",
                                                              "jurisdiction_code": area["city"], "grade": 3})
    assert bad.status_code == 422 and "grade" in bad.text
