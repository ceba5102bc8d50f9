"""A pool shortfall raised by a park operator is the park's referral, not the enterprise's 企业自查 (real Kafka)."""

from __future__ import annotations

import uuid
from datetime import datetime, timezone

from conftest import wait_for
from ecosafe.risk_map.v1.pool_review_pb2 import PoolShortfallRaised
from ecosafe_kit.eventstore import Signer
from ecosafe_kit.messaging.envelope import EventEnvelope, source_for
from ecosafe_kit.messaging.publish import publish
from hazard.service_layer.hazards import hazard_id_for_pool_review
from hazard_helpers import ok

OPERATOR = Signer(subject="u-park-pool", name="园区安环科刘", roles=("park_operator",), jurisdiction="140525")


def E(district, n, county="140525"):
    return next(k for k in district if k.startswith(f"ent-{county}-{n}-"))


def test_a_park_operators_shortfall_is_recorded_as_the_parks_referral_signed_by_the_operator(
        client, users, district, hazard_settings):
    enterprise = E(district, "006")
    park_id = district[enterprise].get("park_id") or "park-zz-chem"
    review_id = str(uuid.uuid4())
    message = PoolShortfallRaised(
        review_id=review_id, enterprise_id=enterprise, jurisdiction_code="140525", park_id=park_id,
        required_volume_m3=700.0, capacity_m3=500.0, shortfall_m3=200.0, explanation="最大风险单元为3号罐区",
        raised_by_role="park_operator")
    envelope = EventEnvelope(
        event_id=uuid.uuid4(), event_type=message.DESCRIPTOR.full_name, source=source_for("risk-map"),
        stream_type="pool-review", stream_id=review_id, version=1, occurred_at=datetime.now(timezone.utc),
        signer=OPERATOR, content_type="application/protobuf", payload=message.SerializeToString())
    publish(hazard_settings.kafka_bootstrap_servers, hazard_settings.pool_review_topic, [envelope])
    hazard_id = hazard_id_for_pool_review(review_id)
    wait_for(lambda: client.get(f"/hazards/{hazard_id}", headers=users.county()).status_code == 200, timeout=60)

    hazard = ok(client.get(f"/hazards/{hazard_id}", headers=users.county()))
    assert hazard["source"] == "superior_referral", "a park's raise is not the enterprise's self-inspection"
    assert hazard["confirmation_required"] is False and hazard["on_behalf_of"] in ("", None)
    ledger = ok(client.get("/ledger", headers=users.county(), params={"enterprise_id": enterprise,
                                                                      "source": "self_inspection"}))
    assert hazard_id not in {row["hazard_id"] for row in ledger["items"]}
    history = ok(client.get(f"/hazards/{hazard_id}/history", headers=users.county()))
    reported = history["events"][0]
    # Who raised it signs it; on whose behalf (the park's management) is the referring unit.
    assert reported["signed_by"]["subject"] == "u-park-pool" and reported["signed_by"]["roles"] == ["park_operator"]
    assert reported["data"]["referred_by"] == f"园区 {park_id} 管理机构 (园区管理人员在风险地图上提出)"
