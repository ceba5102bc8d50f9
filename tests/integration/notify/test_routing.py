"""Events of the other services, from Kafka, become notifications for the right people, with the explanation;
the same Kafka message twice notifies once."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import text

from ecosafe.common.v1.common_pb2 import HazardGrade
from ecosafe.hazard.v1 import hazard_pb2 as hz
from ecosafe.risk_map.v1 import incident_pb2 as inc
from ecosafe_kit.eventstore import Signer
from notify_helpers import assigned, consumed, envelope, inbox_item, incident_reported, reported
from waiting import wait_for


def registered(notify_engine, enterprise_id: str) -> bool:
    with notify_engine.connect() as conn:
        return conn.execute(text("SELECT 1 FROM nt_enterprises WHERE enterprise_id = :e"),
                            {"e": enterprise_id}).first() is not None


def make_rule(client, headers, **body) -> str:
    answer = client.post("/routing/rules", json={"name": "测试规则", **body}, headers=headers)
    assert answer.status_code == 201, answer.text
    return answer.json()["id"]


def test_a_major_hazard_in_a_county_reaches_its_officers_and_the_group_leader_by_a_city_rule(
        client, users, area, publisher, notify_engine):
    city = users.city(area["city"])
    rule_id = make_rule(client, city, jurisdiction_code=area["city"], event_types=["hazard.reported"],
                        grades=["major"], recipient_roles=["county_officer", "group_leader"])
    enterprise_id = publisher.enterprise(area["county"], park_id=f"park-{area['county']}")
    wait_for(lambda: registered(notify_engine, enterprise_id))
    hazard_id = str(uuid.uuid4())
    publisher.hazard_events(hazard_id, (reported(hazard_id, enterprise_id, area["county"]), None))

    leader = users.token("group_leader", jurisdiction=area["city"], name="组长")
    item = inbox_item(client, leader, hazard_id, "hazard.reported")
    assert item["title"] == f"重大隐患上报: 隐患 ZZ-{hazard_id[:6]}"
    assert "地点: 晋城测试化工有限公司" in item["body"] and "处置: 请核实隐患情况" in item["body"]
    assert item["link"] == f"https://ecosafe.example/hazards/{hazard_id}" and item["link"] in item["body"]
    ours = [m for m in item["matches"] if m["rule_id"] == rule_id]
    assert ours and f"辖区 {area['county']} 在规则辖区 {area['city']} 之内" in ours[0]["reasons"]
    assert {(r["kind"], r["value"]) for r in ours[0]["recipients"]} == {("role", "county_officer"),
                                                                       ("role", "group_leader")}
    # The county's officer sees it; the neighbouring county's does not, nor does it show to them by id.
    assert inbox_item(client, users.county(area["county"]), hazard_id, "hazard.reported")["notification_id"] == \
        item["notification_id"]
    neighbour = users.county(area["other_county"])
    assert client.get("/notifications", params={"subject_id": hazard_id}, headers=neighbour).json()["total"] == 0
    assert client.get(f"/notifications/{item['notification_id']}", headers=neighbour).status_code == 404
    full = client.get(f"/notifications/{item['notification_id']}", headers=city).json()
    assert {"kind": "role", "value": "group_leader", "jurisdiction_code": area["county"],
            "label": "角色 领导小组组长, 辖区覆盖 " + area["county"]} in full["recipients"]


def test_a_general_hazard_does_not_match_a_rule_for_major_ones(client, users, area, publisher, notify_engine):
    city = users.city(area["city"])
    make_rule(client, city, jurisdiction_code=area["city"], event_types=["hazard.reported"], grades=["major"],
              recipient_roles=["group_leader"])
    general_id, major_id = str(uuid.uuid4()), str(uuid.uuid4())
    enterprise_id = publisher.enterprise(area["county"])
    publisher.hazard_events(general_id, (reported(general_id, enterprise_id, area["county"],
                                                  grade=HazardGrade.HAZARD_GRADE_GENERAL), None))
    publisher.hazard_events(major_id, (reported(major_id, enterprise_id, area["county"]), None))
    leader = users.token("group_leader", jurisdiction=area["city"])
    inbox_item(client, leader, major_id, "hazard.reported")

    def general_consumed():
        with notify_engine.connect() as conn:
            return conn.execute(text("SELECT 1 FROM nt_hazards WHERE hazard_id = :h"), {"h": general_id}).first()
    # Different keys need not keep their order across partitions: wait until the general one was consumed too.
    wait_for(general_consumed)
    assert client.get("/notifications", params={"subject_id": general_id}, headers=leader).json()["total"] == 0


def test_an_overdue_hazard_reaches_the_assigning_officer_and_the_enterprise(client, users, area, publisher):
    make_rule(client, users.city(area["city"]), jurisdiction_code=area["city"], event_types=["hazard.overdue"],
              recipient_parties=["assigner", "enterprise"])
    enterprise_id = publisher.enterprise(area["county"])
    hazard_id = str(uuid.uuid4())
    assigner = Signer(subject=f"u-assigner-{hazard_id[:8]}", name="交办人赵", roles=("county_officer",),
                      jurisdiction=area["county"])
    overdue = hz.HazardOverdue(hazard_id=hazard_id, ledger_no=f"ZZ-{hazard_id[:6]}",
                               jurisdiction_code=area["county"], enterprise_id=enterprise_id)
    publisher.hazard_events(hazard_id, (reported(hazard_id, enterprise_id, area["county"]), assigner),
                            (assigned(hazard_id), assigner), (overdue, Signer("system:hazard-overdue", "隐患逾期巡检")))
    mine = users.token("county_officer", jurisdiction=area["county"], subject=assigner.subject)
    item = inbox_item(client, mine, hazard_id, "hazard.overdue")
    assert "整改责任人: 李安全" in item["body"] and "整改期限: " in item["body"]
    assert "隐患已超过整改期限" in item["body"]
    company = users.token("enterprise_user", jurisdiction=area["county"], enterprise_id=enterprise_id)
    assert inbox_item(client, company, hazard_id, "hazard.overdue")["notification_id"] == item["notification_id"]
    other_company = users.token("enterprise_user", jurisdiction=area["county"], enterprise_id=str(uuid.uuid4()))
    assert client.get("/notifications", params={"subject_id": hazard_id}, headers=other_company).json()["total"] == 0


def test_the_same_kafka_message_twice_makes_one_notification(client, users, area, publisher, notify_settings,
                                                            notify_engine):
    make_rule(client, users.city(area["city"]), jurisdiction_code=area["city"], event_types=["hazard.reported"],
              recipient_roles=["county_officer"])
    enterprise_id = publisher.enterprise(area["county"])
    hazard_id = str(uuid.uuid4())
    envelopes = publisher.hazard_events(hazard_id, (reported(hazard_id, enterprise_id, area["county"]), None))
    officer = users.county(area["county"])
    inbox_item(client, officer, hazard_id, "hazard.reported")
    publisher.again(notify_settings.hazard_topic, envelopes)
    # A marker published after the duplicate: once it is routed, the duplicate has been consumed (same key, same
    # partition, in order).
    closed = hz.HazardClosed(hazard_id=hazard_id, note="已销号")
    make_rule(client, users.city(area["city"]), jurisdiction_code=area["city"], event_types=["hazard.closed"],
              recipient_roles=["county_officer"])
    publisher.again(notify_settings.hazard_topic, [envelope("hazard", "hazard", hazard_id, 2, closed)])
    inbox_item(client, officer, hazard_id, "hazard.closed")
    assert client.get("/notifications", params={"subject_id": hazard_id, "event_type": "hazard.reported"},
                      headers=officer).json()["total"] == 1
    with notify_engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM es_events WHERE stream_type = 'notification' AND "
                                 "metadata->>'causationid' = :e"), {"e": str(envelopes[0].event_id)}).scalar_one() == 1


def test_an_incident_reaches_the_command_center_at_once_and_a_drill_says_so(client, users, area, publisher,
                                                                            notify_engine, notify_settings):
    make_rule(client, users.city(area["city"]), jurisdiction_code=area["city"],
              event_types=["incident.reported", "incident.correlated"], recipient_roles=["command_center"],
              urgent=True)
    enterprise_id = publisher.enterprise(area["county"], name="晋城甲醇化工有限公司")
    wait_for(lambda: registered(notify_engine, enterprise_id))
    real = publisher.incident(incident_reported(enterprise_id))
    center = users.token("command_center", jurisdiction=area["city"])
    item = inbox_item(client, center, real.stream_id, "incident.reported")
    assert item["urgent"] is True and item["drill"] is False
    assert item["title"] == "突发环境事件报告: 甲醇泄漏事件"
    assert f"地点: 晋城甲醇化工有限公司 (辖区 {area['county']})" in item["body"]
    assert "事件级别: 较大突发环境事件" in item["body"] and "按应急预案启动响应" in item["body"]
    assert item["link"] == f"https://ecosafe.example/incidents/{real.stream_id}"

    correlated = inc.IncidentCorrelated(incident_id=real.stream_id, picture_json="{}", contained_in_plant=False,
                                        hours_to_first_sensitive_target=3.25)
    publisher.again(notify_settings.incident_topic, [envelope("risk-map", "incident", real.stream_id, 2, correlated)])
    analysed = inbox_item(client, center, real.stream_id, "incident.correlated")
    assert "预计 3.2 小时到达下游首个敏感目标" in analysed["body"] and "厂内可控: 否" in analysed["body"]

    drill = publisher.incident(incident_reported(enterprise_id, drill=True))
    drilled = inbox_item(client, center, drill.stream_id, "incident.reported")
    assert drilled["drill"] is True and drilled["urgent"] is False and drilled["title"].startswith("【演练】")
    assert "勿作真实警情" in drilled["body"]


def test_an_incident_without_an_enterprise_is_placed_in_the_reporting_officers_jurisdiction(
        client, users, area, publisher):
    make_rule(client, users.county(area["county"]), jurisdiction_code=area["county"],
              event_types=["incident.reported"], recipient_users=[f"u-duty-{area['county']}"])
    officer = Signer(subject="u-reporter", name="值班员", roles=("county_officer",), jurisdiction=area["county"])
    reported_incident = publisher.incident(incident_reported(None), signer=officer)
    duty = users.county(area["county"], subject=f"u-duty-{area['county']}")
    item = inbox_item(client, duty, reported_incident.stream_id, "incident.reported")
    assert f"地点: 辖区 {area['county']}" in item["body"]


def test_an_inspection_finding_of_a_major_problem_reaches_the_enterprise_and_the_park(
        client, users, area, publisher, notify_engine):
    from ecosafe.enforcement.v1.finding_pb2 import FindingRecorded
    from ecosafe.enforcement.v1.inspection_pb2 import InspectionCompleted

    park_id = f"park-{uuid.uuid4().hex[:8]}"
    make_rule(client, users.county(area["county"]), jurisdiction_code=area["county"],
              event_types=["finding.recorded"], grades=["major"], domains=["hazardous_waste"],
              recipient_parties=["enterprise", "park"])
    enterprise_id = publisher.enterprise(area["county"], park_id=park_id, name="晋城危废处置有限公司")
    wait_for(lambda: registered(notify_engine, enterprise_id))
    inspection_id = str(uuid.uuid4())
    events = publisher.inspection_events(
        inspection_id,
        FindingRecorded(finding_id=str(uuid.uuid4()), inspection_id=inspection_id, enterprise_id=enterprise_id,
                        domain="hazardous_waste", description="危废贮存库未设置防渗漏措施",
                        suggested_grade=HazardGrade.HAZARD_GRADE_MAJOR, grade_basis="第六条"),
        InspectionCompleted(inspection_id=inspection_id, enterprise_id=enterprise_id, bureau_code=area["county"],
                            summary="责令限期整改"))
    operator = users.token("park_operator", jurisdiction=area["county"], park_id=park_id)
    item = inbox_item(client, operator, inspection_id, "finding.recorded")
    assert item["title"] == "重大执法检查发现问题: 对 晋城危废处置有限公司 的检查"
    assert "危废贮存库未设置防渗漏措施" in item["body"]
    assert item["link"] == f"https://ecosafe.example/inspections/{inspection_id}"
    company = users.token("enterprise_user", jurisdiction=area["county"], enterprise_id=enterprise_id)
    assert inbox_item(client, company, inspection_id, "finding.recorded")
    # No rule names inspection.completed in this area: once consumed, it notified nobody.
    wait_for(lambda: consumed(notify_engine, events[1]))
    with notify_engine.connect() as conn:
        kinds = conn.execute(text("SELECT event_type FROM nt_notifications WHERE subject_id = :s"),
                             {"s": inspection_id}).scalars().all()
    assert kinds == ["finding.recorded"]
