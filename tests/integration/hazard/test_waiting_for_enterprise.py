"""A finding or pool shortfall that arrives before its enterprise reaches the register waits, then opens one hazard.

The enforcement and risk-map topics have no order between them; before, the consumer gave up after 5 tries (~3 s)
and dead-lettered such a message, so a backlog on the register topic lost findings."""

from __future__ import annotations

import threading
import uuid
from datetime import datetime, timezone

from sqlalchemy import text

from conftest import wait_for
from ecosafe.common.v1.common_pb2 import HazardGrade
from ecosafe.enforcement.v1.finding_pb2 import FindingRecorded
from ecosafe.risk_map.v1.pool_review_pb2 import PoolShortfallRaised
from ecosafe_kit.eventstore import Signer
from ecosafe_kit.messaging.envelope import EventEnvelope, source_for
from ecosafe_kit.messaging.publish import publish
from enforcement_register import enterprise_body
from hazard.adapters import waiting_for_enterprise
from hazard.service_layer.hazards import hazard_id_for_finding, hazard_id_for_pool_review
from hazard_helpers import ok

INSPECTOR = Signer(subject="insp-late", name="执法员钱", roles=("inspector",), jurisdiction="140525")
OPERATOR = Signer(subject="park-late", name="园区安环科", roles=("park_operator",), jurisdiction="140525")


def _envelope(message, stream_type: str, stream_id: str, signer: Signer, source: str) -> EventEnvelope:
    return EventEnvelope(
        event_id=uuid.uuid4(), event_type=message.DESCRIPTOR.full_name, source=source_for(source),
        stream_type=stream_type, stream_id=stream_id, version=1, occurred_at=datetime.now(timezone.utc),
        signer=signer, content_type="application/protobuf", payload=message.SerializeToString())


def _finding(enterprise_id: str) -> tuple[str, EventEnvelope]:
    finding_id = str(uuid.uuid4())
    message = FindingRecorded(finding_id=finding_id, inspection_id=str(uuid.uuid4()), enterprise_id=enterprise_id,
                              domain="hazardous_waste", description="危废混存, 无隔离", grade_basis="248号 第五条",
                              suggested_grade=HazardGrade.HAZARD_GRADE_MAJOR, inspector_ids=["insp-late"])
    message.found_at.FromDatetime(datetime(2026, 1, 5, 2, tzinfo=timezone.utc))
    return finding_id, _envelope(message, "inspection", message.inspection_id, INSPECTOR, "enforcement")


def _shortfall(enterprise_id: str) -> tuple[str, EventEnvelope]:
    review_id = str(uuid.uuid4())
    message = PoolShortfallRaised(
        review_id=review_id, enterprise_id=enterprise_id, jurisdiction_code="140525", required_volume_m3=900.0,
        capacity_m3=600.0, shortfall_m3=300.0, explanation="最大风险单元为2号罐区", raised_by_role="inspector")
    return review_id, _envelope(message, "pool-review", review_id, INSPECTOR, "risk-map")


def _row(enterprise_id: str) -> dict:
    return enterprise_body(enterprise_id=enterprise_id, name=f"晚到化工有限公司 {enterprise_id[-6:]}")


def _count(engine, sql: str, **params) -> int:
    with engine.connect() as conn:
        return conn.execute(text(sql), params).scalar_one()


def _waiting(engine, hazard_id: str) -> int:
    return _count(engine, "SELECT count(*) FROM hazard_waiting_for_enterprise WHERE hazard_id = :h", h=hazard_id)


def _hazards(engine, enterprise_id: str) -> int:
    return _count(engine, "SELECT count(*) FROM hazard_ledger WHERE enterprise_id = :e", e=enterprise_id)


def test_a_finding_published_before_its_enterprise_opens_exactly_one_hazard_once_the_enterprise_arrives(
        client, users, register, hazard_settings, hazard_engine, unique):
    enterprise = f"ent-140525-late-{unique}"
    finding_id, envelope = _finding(enterprise)
    hazard_id = hazard_id_for_finding(finding_id)
    republished = EventEnvelope(**{**envelope.__dict__, "event_id": uuid.uuid4()})
    publish(hazard_settings.kafka_bootstrap_servers, hazard_settings.finding_topic, [envelope, envelope, republished])
    # Consumed and kept (committed with the consumer's offset), not retried until it is dead-lettered.
    wait_for(lambda: _waiting(hazard_engine, hazard_id) == 1, timeout=60)
    assert client.get(f"/hazards/{hazard_id}", headers=users.county()).status_code == 404
    # A later finding of another unknown enterprise is consumed too: the one waiting holds nothing up.
    other_id, other = _finding(f"ent-140525-later-{unique}")
    publish(hazard_settings.kafka_bootstrap_servers, hazard_settings.finding_topic, [other])
    wait_for(lambda: _waiting(hazard_engine, hazard_id_for_finding(other_id)) == 1, timeout=60)
    assert _waiting(hazard_engine, hazard_id) == 1, "the republished finding waits once"

    register([_row(enterprise)])
    wait_for(lambda: client.get(f"/hazards/{hazard_id}", headers=users.county()).status_code == 200, timeout=60)
    hazard = ok(client.get(f"/hazards/{hazard_id}", headers=users.county()))
    assert (hazard["source"], hazard["grade"], hazard["finding_id"]) == ("inspection", "major", finding_id)
    assert hazard["enterprise_id"] == enterprise and hazard["ledger_no"].startswith("140525-")
    history = ok(client.get(f"/hazards/{hazard_id}/history", headers=users.county()))
    assert len(history["events"]) == 1 and history["events"][0]["signed_by"]["subject"] == "insp-late"
    assert _waiting(hazard_engine, hazard_id) == 0

    # Delivered again once the hazard is open: still one hazard; a new finding now opens at once.
    publish(hazard_settings.kafka_bootstrap_servers, hazard_settings.finding_topic, [republished])
    second_id, second = _finding(enterprise)
    publish(hazard_settings.kafka_bootstrap_servers, hazard_settings.finding_topic, [second])
    wait_for(lambda: _hazards(hazard_engine, enterprise) == 2, timeout=60)
    assert _waiting(hazard_engine, hazard_id_for_finding(second_id)) == 0
    assert _count(hazard_engine, "SELECT count(*) FROM es_events WHERE stream_id = :h", h=hazard_id) == 1


def test_a_pool_shortfall_published_before_its_enterprise_waits_for_it_too(
        client, users, register, hazard_settings, hazard_engine, unique):
    enterprise = f"ent-140525-pool-late-{unique}"
    review_id, envelope = _shortfall(enterprise)
    hazard_id = hazard_id_for_pool_review(review_id)
    publish(hazard_settings.kafka_bootstrap_servers, hazard_settings.pool_review_topic, [envelope])
    wait_for(lambda: _waiting(hazard_engine, hazard_id) == 1, timeout=60)
    register([_row(enterprise)])
    wait_for(lambda: client.get(f"/hazards/{hazard_id}", headers=users.county()).status_code == 200, timeout=60)
    assert ok(client.get(f"/hazards/{hazard_id}", headers=users.county()))["pool_review_id"] == review_id
    assert _hazards(hazard_engine, enterprise) == 1 and _waiting(hazard_engine, hazard_id) == 0


def test_a_waiting_finding_that_cannot_open_keeps_its_reason_and_does_not_block_its_enterprise(
        client, users, register, hazard_settings, hazard_engine, unique):
    """A finding without a description would have gone to the dead letters; waiting, it must not take the register's
    event down with it (the enterprise would be lost instead)."""
    enterprise = f"ent-140525-bad-{unique}"
    bad_id, bad = _finding(enterprise)
    message = FindingRecorded.FromString(bad.payload)
    message.description = ""
    bad = EventEnvelope(**{**bad.__dict__, "payload": message.SerializeToString()})
    good_id, good = _finding(enterprise)
    publish(hazard_settings.kafka_bootstrap_servers, hazard_settings.finding_topic, [bad, good])
    wait_for(lambda: _waiting(hazard_engine, hazard_id_for_finding(good_id)) == 1, timeout=60)

    register([_row(enterprise)])  # waits until the register row is committed
    good_hazard = hazard_id_for_finding(good_id)
    wait_for(lambda: client.get(f"/hazards/{good_hazard}", headers=users.county()).status_code == 200, timeout=60)
    assert _hazards(hazard_engine, enterprise) == 1
    with hazard_engine.connect() as conn:
        error = conn.execute(text("SELECT error FROM hazard_waiting_for_enterprise WHERE hazard_id = :h"),
                             {"h": hazard_id_for_finding(bad_id)}).scalar_one()
    assert "description" in error


def test_a_finding_racing_its_enterprise_is_opened_by_whichever_transaction_commits_second(hazard_engine, unique):
    """The register's transaction holds the enterprise's lock until it commits; a finding arriving meanwhile waits on
    the lock, then sees the enterprise and is not parked (else it would wait for an enterprise that has arrived)."""
    enterprise = f"ent-140525-race-{unique}"
    _, envelope = _finding(enterprise)
    opened = []
    with hazard_engine.connect() as register_tx:
        with register_tx.begin():
            register_tx.execute(text(
                "INSERT INTO hazard_enterprises (enterprise_id, name, credit_code, industry, risk_level, principal_name, "
                "jurisdiction_code, address, version, updated_at) "
                "VALUES (:e, '竞态化工', '', 'chemical', 'major', '', '140525', '', 1, now())"), {"e": enterprise})
            assert waiting_for_enterprise.open_waiting(register_tx, enterprise, {}) == 0

            def finding_arrives():
                with hazard_engine.begin() as finding_tx:
                    opened.append(not waiting_for_enterprise.parked(
                        finding_tx, kind="finding", hazard_id=str(uuid.uuid4()), enterprise_id=enterprise,
                        envelope=envelope))

            racer = threading.Thread(target=finding_arrives)
            racer.start()
            racer.join(timeout=1.0)
            assert racer.is_alive(), "the finding waits for the register's transaction"
        racer.join(timeout=10)
    assert opened == [True], "after the register committed, the finding sees its enterprise and opens at once"
    with hazard_engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM hazard_waiting_for_enterprise WHERE enterprise_id = :e"),
                            {"e": enterprise}).scalar_one() == 0
