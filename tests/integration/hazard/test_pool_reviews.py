"""Accident-pool shortfalls raised on the risk map arrive over real Kafka and open one hazard per review."""

from __future__ import annotations

import uuid
from datetime import datetime, timezone

from kafka import KafkaConsumer
from sqlalchemy import text

from conftest import wait_for
from ecosafe.risk_map.v1.pool_review_pb2 import PoolShortfallRaised
from ecosafe_kit.eventstore import Signer
from ecosafe_kit.messaging.envelope import EventEnvelope, from_kafka, source_for
from ecosafe_kit.messaging.publish import publish
from ecosafe_kit.messaging.topics import dead_letter_topic
from hazard.service_layer.hazards import hazard_id_for_pool_review
from hazard_helpers import ok

COUNTY = Signer(subject="u-county-pool", name="王科长", roles=("county_officer",), jurisdiction="140525")
ENTERPRISE = Signer(subject="u-ent-pool", name="企业安全员", roles=("enterprise_user",), jurisdiction="140525")


def E(district, n, county="140525"):
    return next(k for k in district if k.startswith(f"ent-{county}-{n}-"))


def raised(enterprise_id: str, signer: Signer, role: str) -> tuple[str, EventEnvelope]:
    """PoolShortfallRaised exactly as the risk-map relay publishes it: CloudEvents binary, key = review id."""
    review_id = str(uuid.uuid4())
    message = PoolShortfallRaised(
        review_id=review_id, enterprise_id=enterprise_id, jurisdiction_code="140525", park_id="park-zz-chem",
        required_volume_m3=1250.0, capacity_m3=800.0, shortfall_m3=450.0,
        explanation="最大风险单元为1号罐区: V1=500, V2=540, V3=0, V4=60, V5=150", note="储罐区扩建后未同步扩容",
        raised_by_role=role)
    message.computed_at.FromDatetime(datetime(2026, 1, 5, 2, tzinfo=timezone.utc))
    envelope = EventEnvelope(
        event_id=uuid.uuid4(), event_type=message.DESCRIPTOR.full_name, source=source_for("risk-map"),
        stream_type="pool-review", stream_id=review_id, version=1, occurred_at=datetime.now(timezone.utc),
        signer=signer, content_type="application/protobuf", payload=message.SerializeToString())
    return review_id, envelope


def _hazards_of(engine, enterprise_id):
    with engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM hazard_ledger WHERE enterprise_id = :e"),
                            {"e": enterprise_id}).scalar_one()


def test_a_shortfall_delivered_twice_opens_one_pollution_control_hazard_signed_by_the_officer(
        client, users, district, hazard_settings, hazard_engine):
    enterprise = E(district, "003")
    review_id, envelope = raised(enterprise, COUNTY, "county_officer")
    # The same event twice, and the same review again under a new event id (republished by risk-map).
    again = EventEnvelope(**{**envelope.__dict__, "event_id": uuid.uuid4()})
    publish(hazard_settings.kafka_bootstrap_servers, hazard_settings.pool_review_topic, [envelope, envelope])
    publish(hazard_settings.kafka_bootstrap_servers, hazard_settings.pool_review_topic, [again])
    hazard_id = hazard_id_for_pool_review(review_id)
    wait_for(lambda: client.get(f"/hazards/{hazard_id}", headers=users.county()).status_code == 200)
    # A later review of another enterprise proves the redeliveries were consumed, not still on their way.
    other_review, other = raised(E(district, "004"), ENTERPRISE, "enterprise_user")
    publish(hazard_settings.kafka_bootstrap_servers, hazard_settings.pool_review_topic, [other])
    wait_for(lambda: _hazards_of(hazard_engine, E(district, "004")) == 1)
    assert _hazards_of(hazard_engine, enterprise) == 1

    hazard = ok(client.get(f"/hazards/{hazard_id}", headers=users.county()))
    assert (hazard["source"], hazard["domain"], hazard["grade"]) == ("inspection", "pollution_control", "general")
    assert hazard["grade_basis"].startswith("事故应急池容积不足")
    assert "1250 m³" in hazard["grade_basis"] and "800 m³" in hazard["grade_basis"] and "缺口 450 m³" in hazard["grade_basis"]
    assert "储罐区扩建后未同步扩容" in hazard["grade_basis"]
    assert "最大风险单元为1号罐区" in hazard["description"] and hazard["site"] == "事故应急池"
    assert hazard["pool_review_id"] == review_id and hazard["ledger_no"].startswith("140525-")
    history = ok(client.get(f"/hazards/{hazard_id}/history", headers=users.county()))
    assert len(history["events"]) == 1 and history["verified"]
    assert history["events"][0]["signed_by"]["subject"] == "u-county-pool"
    assert history["events"][0]["data"]["pool_review_id"] == review_id

    by_enterprise = ok(client.get(f"/hazards/{hazard_id_for_pool_review(other_review)}", headers=users.county()))
    assert by_enterprise["source"] == "self_inspection"


def test_a_shortfall_without_a_review_id_goes_to_the_dead_letters_and_opens_nothing(
        client, users, district, hazard_settings, hazard_engine):
    """(A shortfall of an enterprise not in the register yet waits for it: test_waiting_for_enterprise.py.)"""
    review_id, envelope = raised(E(district, "005"), COUNTY, "county_officer")
    message = PoolShortfallRaised.FromString(envelope.payload)
    message.review_id = ""
    envelope = EventEnvelope(**{**envelope.__dict__, "payload": message.SerializeToString()})
    publish(hazard_settings.kafka_bootstrap_servers, hazard_settings.pool_review_topic, [envelope])
    group = f"ecosafe.hazard.pool-reviews{hazard_settings.consumer_group_suffix}"
    consumer = KafkaConsumer(dead_letter_topic(group), bootstrap_servers=hazard_settings.kafka_bootstrap_servers,
                             auto_offset_reset="earliest", enable_auto_commit=False, consumer_timeout_ms=1000,
                             group_id=f"test-hazard-dlq-{uuid.uuid4().hex}", metadata_max_age_ms=1000)
    found = []
    try:
        def read():
            for record in consumer:
                if record.key == review_id.encode():
                    found.append(record)
            return found
        wait_for(read, timeout=60, interval=0)
    finally:
        consumer.close()
    headers = dict(found[0].headers)
    assert "review_id".encode() in headers["ecosafe_error"] or "缺少核算标识".encode() in headers["ecosafe_error"]
    assert from_kafka(found[0].headers, found[0].key, found[0].value).event_id == envelope.event_id
    assert _hazards_of(hazard_engine, E(district, "005")) == 0
