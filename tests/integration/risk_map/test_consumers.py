"""The enterprise register (from the enforcement API, via its relay) and open hazards (from Kafka) reach the map."""

from __future__ import annotations

import uuid
from datetime import datetime, timezone

from sqlalchemy import text

from ecosafe.hazard.v1.hazard_pb2 import HazardClosed, HazardRegraded, HazardReported
from ecosafe_kit.eventstore import Signer
from ecosafe_kit.messaging.envelope import EventEnvelope
from risk_map.adapters.consumers import apply_hazard_event
from rm_helpers import feature, point
from waiting import wait_for


def test_enterprise_registered_and_updated_at_the_enforcement_api_feed_the_register(
        engine, enterprise_on_map, enforcement_changes, client, tokens):
    entry = enterprise_on_map(name="丹河测试化工有限公司", risk_level="elevated")
    enterprise = entry["enterprise_id"]
    enforcement_changes.update(enterprise, risk_level="major")

    def risk_level():
        with engine.connect() as conn:
            return conn.execute(text("SELECT risk_level FROM rm_enterprises WHERE enterprise_id = :e"),
                                {"e": enterprise}).scalar()
    assert wait_for(lambda: risk_level() == "major")
    body = feature("emergency_pool", "1号池", point(112.9, 35.4), capacity_m3=100, enterprise_id=enterprise)
    assert client.post("/facilities", json=body, headers=tokens.admin).status_code == 201


def _hazard_envelope(message, hazard_id: str) -> EventEnvelope:
    return EventEnvelope(event_id=uuid.uuid4(), event_type=message.DESCRIPTOR.full_name, source="/ecosafe/hazard",
                         stream_type="hazard", stream_id=hazard_id, version=1, occurred_at=datetime.now(timezone.utc),
                         signer=Signer("u-1", "检查员"), content_type="application/protobuf",
                         payload=message.SerializeToString())


def test_open_hazards_sit_at_their_enterprise_site_until_closed(engine, register_enterprise, unique):
    register_enterprise(f"ent-{unique}", lon=112.91, lat=35.41)
    hazard_id = str(uuid.uuid4())
    with engine.begin() as conn:
        apply_hazard_event(conn, _hazard_envelope(HazardReported(hazard_id=hazard_id, ledger_no="ZZ-2025-001",
                                                                 enterprise_id=f"ent-{unique}", grade=2,
                                                                 description="事故应急池容积不足"), hazard_id))
    with engine.connect() as conn:
        row = conn.execute(text("SELECT status, grade, ST_X(geom) AS x FROM rm_hazards WHERE hazard_id = :h"),
                           {"h": hazard_id}).first()
    assert row.status == "open" and row.grade == "major" and abs(row.x - 112.91) < 1e-9
    with engine.begin() as conn:  # the bureau takes it down to general: the map follows
        apply_hazard_event(conn, _hazard_envelope(HazardRegraded(hazard_id=hazard_id, grade=1, previous_grade=2,
                                                                 grade_basis="领导小组复核"), hazard_id))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT grade FROM rm_hazards WHERE hazard_id = :h"), {"h": hazard_id}).scalar() == "general"
    with engine.begin() as conn:
        apply_hazard_event(conn, _hazard_envelope(HazardClosed(hazard_id=hazard_id, note="已整改"), hazard_id))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT status FROM rm_hazards WHERE hazard_id = :h"), {"h": hazard_id}).scalar() == "closed"
