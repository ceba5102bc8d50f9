"""Intake channels, ledger numbering under concurrency, bad input with nothing written, findings from Kafka."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone

from kafka import KafkaConsumer
from sqlalchemy import text

from conftest import wait_for
from ecosafe.common.v1.common_pb2 import HazardGrade
from ecosafe.enforcement.v1.finding_pb2 import FindingRecorded
from ecosafe_kit.eventstore import Signer
from ecosafe_kit.messaging.envelope import EventEnvelope, from_kafka, source_for
from ecosafe_kit.messaging.publish import publish
from hazard.domain.ledger_no import parse_ledger_no
from hazard.service_layer.hazards import hazard_id_for_finding
from hazard_helpers import in_days, ok, plan_body, report_body


def E(district, n="010", county="140525"):
    return next(k for k in district if k.startswith(f"ent-{county}-{n}-"))


def _count_events(engine, enterprise_id):
    with engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM hazard_ledger WHERE enterprise_id = :e"),
                            {"e": enterprise_id}).scalar_one()


def test_concurrent_reports_get_consecutive_ledger_numbers_without_gaps_or_repeats(client, users, district,
                                                                                   hazard_engine):
    enterprise = E(district, "011")
    bodies = [report_body(enterprise, description=f"并发登记 {i}") for i in range(16)]
    # Some bad ones in the mix roll back after taking a number: it must be given back, not skipped.
    bodies += [report_body("ent-unknown", description="x")] * 4

    def post(body):
        return client.post("/hazards", headers=users.inspector(), json=body)

    with ThreadPoolExecutor(8) as pool:
        responses = list(pool.map(post, bodies))
    numbers = sorted(parse_ledger_no(r.json()["ledger_no"]) for r in responses if r.status_code == 201)
    assert len(numbers) == 16 and [r.status_code for r in responses].count(422) == 4
    county, year = numbers[0][0], numbers[0][1]
    with hazard_engine.connect() as conn:
        # One statement, one snapshot: the ledger rows and the counter commit together.
        numbers_now, last = conn.execute(text(
            "SELECT (SELECT array_agg(ledger_no) FROM hazard_ledger WHERE county_code = :c AND ledger_no LIKE :y), "
            "(SELECT last_sequence FROM hazard_ledger_counters WHERE county_code = :c AND year = :yr)"),
            {"c": county, "y": f"{county}-{year}-%", "yr": year}).one()
    all_numbers = sorted(parse_ledger_no(n)[3] for n in numbers_now)
    # Over the whole county and year (other tests included): every number from 1 to the counter, exactly once.
    assert all_numbers == list(range(1, last + 1))


def test_unknown_enterprise_is_422_naming_enterprise_id_and_writes_nothing(client, users):
    response = client.post("/hazards", headers=users.inspector(), json=report_body(f"ent-none-{uuid.uuid4()}"))
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "enterprise_id", "message": response.json()["errors"][0]["message"]}]


def test_bad_input_gets_a_precise_4xx_and_loses_nothing(client, users, district, hazard_engine):
    enterprise = E(district, "014")
    no_basis = client.post("/hazards", headers=users.inspector(), json=report_body(enterprise, grade_basis=""))
    assert no_basis.status_code == 422 and no_basis.json()["errors"][0]["field"] == "grade_basis"
    bad_grade = client.post("/hazards", headers=users.inspector(), json=report_body(enterprise, grade="serious"))
    assert bad_grade.status_code == 422 and bad_grade.json()["errors"][0]["field"] == "body.grade"
    malformed = client.post("/hazards", headers={**users.inspector(), "Content-Type": "application/json"},
                            content=b'{"enterprise_id": ')
    assert malformed.status_code == 400
    huge = client.post("/hazards", headers=users.inspector(), json=report_body(enterprise, description="隐" * 600_000))
    assert huge.status_code == 413
    future = client.post("/hazards", headers=users.inspector(),
                         json=report_body(enterprise, found_at="2099-01-01T00:00:00+08:00"))
    assert future.status_code == 422 and future.json()["errors"][0]["field"] == "found_at"
    assert _count_events(hazard_engine, enterprise) == 0

    hazard_id = ok(client.post("/hazards", headers=users.inspector(), json=report_body(enterprise)), 201)["hazard_id"]
    past = client.post(f"/hazards/{hazard_id}/assignment", headers=users.county(),
                       json={"responsible_unit": "u", "responsible_person": "p", "deadline": "2020-01-01"})
    assert past.status_code == 422 and past.json()["errors"][0]["field"] == "deadline"
    ok(client.post(f"/hazards/{hazard_id}/assignment", headers=users.county(),
                   json={"responsible_unit": "u", "responsible_person": "p", "deadline": in_days(3)}))
    incomplete = client.post(f"/hazards/{hazard_id}/plan", headers=users.enterprise(enterprise),
                             json={"owner": "张丽娜", "measures": ["更换"]})
    assert incomplete.status_code == 422
    assert {e["field"] for e in incomplete.json()["errors"]} == {"plan.funding", "plan.deadline", "plan.contingency_plan"}
    assert "五到位" in incomplete.json()["detail"]
    extra = client.post(f"/hazards/{hazard_id}/plan", headers=users.enterprise(enterprise), json=plan_body(bonus=1))
    assert extra.status_code == 422
    bad_match = client.post(f"/hazards/{hazard_id}/plan", headers={**users.enterprise(enterprise), "If-Match": "v2"},
                            json=plan_body())
    assert bad_match.status_code == 400
    row = ok(client.get(f"/hazards/{hazard_id}", headers=users.county()))
    assert row["state"] == "assigned" and row["version"] == 2


def _finding(enterprise_id: str, domain: str = "hazardous_waste") -> tuple[str, EventEnvelope]:
    finding_id = str(uuid.uuid4())
    message = FindingRecorded(finding_id=finding_id, inspection_id=str(uuid.uuid4()), enterprise_id=enterprise_id,
                              domain=domain, description="危废混存, 无隔离", grade_basis="248号 第五条",
                              suggested_grade=HazardGrade.HAZARD_GRADE_MAJOR, inspector_ids=["insp-1"])
    message.found_at.FromDatetime(datetime(2026, 1, 5, 2, tzinfo=timezone.utc))
    envelope = EventEnvelope(
        event_id=uuid.uuid4(), event_type="ecosafe.enforcement.v1.FindingRecorded", source=source_for("enforcement"),
        stream_type="inspection", stream_id=message.inspection_id, version=1,
        occurred_at=datetime.now(timezone.utc), content_type="application/protobuf",
        signer=Signer(subject="insp-1", name="执法员赵", roles=("inspector",), jurisdiction="140525"),
        payload=message.SerializeToString())
    return finding_id, envelope


def test_a_finding_delivered_twice_opens_one_inspection_hazard_signed_by_its_inspector(
        client, users, district, hazard_settings, hazard_engine):
    enterprise = E(district, "015")
    finding_id, envelope = _finding(enterprise)
    # The same event twice, and the same finding again under a new event id (a republished finding).
    again = EventEnvelope(**{**envelope.__dict__, "event_id": uuid.uuid4()})
    publish(hazard_settings.kafka_bootstrap_servers, hazard_settings.finding_topic, [envelope, envelope, again])
    hazard_id = hazard_id_for_finding(finding_id)
    row = wait_for(lambda: client.get(f"/hazards/{hazard_id}", headers=users.county()).status_code == 200)
    assert row
    second_finding, second = _finding(enterprise)
    publish(hazard_settings.kafka_bootstrap_servers, hazard_settings.finding_topic, [second])
    wait_for(lambda: _count_events(hazard_engine, enterprise) == 2)
    hazard = ok(client.get(f"/hazards/{hazard_id}", headers=users.county()))
    assert hazard["source"] == "inspection" and hazard["grade"] == "major" and hazard["finding_id"] == finding_id
    history = ok(client.get(f"/hazards/{hazard_id}/history", headers=users.county()))
    assert len(history["events"]) == 1 and history["events"][0]["signed_by"]["subject"] == "insp-1"


def test_a_finding_with_a_domain_code_the_ledger_does_not_know_opens_an_other_hazard_keeping_the_code(
        client, users, district, hazard_settings):
    # Enforcement's API refuses unknown codes today; an older or newer producer on the topic may still send one.
    finding_id, envelope = _finding(E(district, "016"), domain="noise_control")
    known_id, known = _finding(E(district, "016"))
    publish(hazard_settings.kafka_bootstrap_servers, hazard_settings.finding_topic, [envelope, known])
    hazard = wait_for(lambda: ok(r) if (r := client.get(f"/hazards/{hazard_id_for_finding(finding_id)}",
                                                         headers=users.county())).status_code == 200 else None)
    assert hazard["domain"] == "other"
    assert "noise_control" in hazard["description"] and hazard["description"].startswith("危废混存, 无隔离")
    known_hazard = wait_for(lambda: ok(r) if (r := client.get(f"/hazards/{hazard_id_for_finding(known_id)}",
                                                               headers=users.county())).status_code == 200 else None)
    assert known_hazard["domain"] == "hazardous_waste" and known_hazard["description"] == "危废混存, 无隔离"


def test_hazard_events_reach_kafka_as_cloudevents(client, users, district, hazard_settings):
    enterprise = E(district, "016")
    hazard_id = ok(client.post("/hazards", headers=users.inspector(), json=report_body(enterprise)), 201)["hazard_id"]
    ok(client.post(f"/hazards/{hazard_id}/assignment", headers=users.county(),
                   json={"responsible_unit": "u", "responsible_person": "p", "deadline": in_days(3)}))
    consumer = KafkaConsumer("ecosafe.hazard.hazard", bootstrap_servers=hazard_settings.kafka_bootstrap_servers,
                             auto_offset_reset="earliest", enable_auto_commit=False, consumer_timeout_ms=1000,
                             group_id=f"test-hazard-read-{uuid.uuid4().hex}")
    found = []
    try:
        def read():
            for record in consumer:
                if record.key == hazard_id.encode():
                    found.append(from_kafka(record.headers, record.key, record.value))
            return len(found) >= 2
        wait_for(read, timeout=60, interval=0)
    finally:
        consumer.close()
    assert [e.event_type for e in found[:2]] == ["ecosafe.hazard.v1.HazardReported", "ecosafe.hazard.v1.HazardAssigned"]
    assert found[0].source == "/ecosafe/hazard" and found[0].version == 1 and found[0].hash
    assert found[1].signer.name == "王科长"
