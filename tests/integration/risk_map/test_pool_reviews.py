"""A pool shortfall raised as a hazard: computed from the map, refused when there is none or one stands, published
on ecosafe.risk-map.pool-review by the relay, and shown on the site until the hazard it opened is closed."""

from __future__ import annotations

import time
import uuid
from datetime import datetime, timezone

import pytest
from kafka import KafkaConsumer

from ecosafe.hazard.v1.hazard_pb2 import HazardClosed, HazardReported
from ecosafe.risk_map.v1.pool_review_pb2 import PoolShortfallRaised
from ecosafe_kit.eventstore import Signer
from ecosafe_kit.messaging.envelope import EventEnvelope, from_kafka
from ecosafe_kit.messaging.relay import OutboxRelay
from hazard.adapters.pool_reviews import report_command, source_of
from hazard.domain.values import Source
from network import Network
from risk_map.adapters.consumers import apply_hazard_event
from rm_helpers import feature, point, square


@pytest.fixture
def net(client, tokens, register_enterprise, unique):
    return Network(client, tokens, register_enterprise, unique).build()


def county(tokens, code="140525"):
    return tokens.headers("county_officer", jurisdiction=code, name="王科长")


def _hazard(engine, message, hazard_id):
    envelope = EventEnvelope(event_id=uuid.uuid4(), event_type=message.DESCRIPTOR.full_name, source="/ecosafe/hazard",
                             stream_type="hazard", stream_id=hazard_id, version=1,
                             occurred_at=datetime.now(timezone.utc), signer=Signer("u-1", "王科长"),
                             content_type="application/protobuf", payload=message.SerializeToString())
    with engine.begin() as conn:
        apply_hazard_event(conn, envelope)


def _site(client, net, tokens):
    r = client.get(f"/ogc/collections/sites/items/{net.id('site')}", headers=county(tokens))
    assert r.status_code == 200, r.text
    return r.json()["properties"]


def test_a_shortfall_is_raised_once_shown_on_the_site_and_raised_again_after_its_hazard_is_closed(client, net, tokens, engine):
    e = net.enterprise_id
    assert _site(client, net, tokens)["pool_adequate"] is False and _site(client, net, tokens)["pool_review_open"] is False
    r = client.post(f"/enterprises/{e}/pool-reviews", json={"note": "雨季前须扩容"}, headers=county(tokens))
    assert r.status_code == 201, r.text
    review = r.json()
    assert r.headers["location"] == f"/enterprises/{e}/pool-reviews/{review['review_id']}"
    # Required (500+300−100)+20+30 mm×1 ha = 1020 m³ against 500+300 m³ of pools.
    assert (review["required_volume_m3"], review["capacity_m3"], review["shortfall_m3"]) == (1020, 800, 220)
    assert review["raised_by_role"] == "county_officer" and review["raised_by"]["name"] == "王科长"
    assert review["status"] == "pending" and review["stands"] and review["note"] == "雨季前须扩容"
    assert any("甲醇罐区" in line for line in review["explanation"])
    assert _site(client, net, tokens)["pool_review_open"] is True
    assert client.get(f"/enterprises/{e}/pool-adequacy", headers=county(tokens)).json()["open_review"]["review_id"] \
        == review["review_id"]

    # A colleague raising it again while it stands gets the standing review, not a second hazard.
    again = client.post(f"/enterprises/{e}/pool-reviews", headers=tokens.headers("enterprise_user", enterprise_id=e))
    assert again.status_code == 409 and again.headers["content-type"].startswith("application/problem+json")
    assert again.json()["review_id"] == review["review_id"] and "不重复提出" in again.json()["detail"]

    # The hazard service opens the hazard (HazardReported names the review), later closes it.
    hazard_id = str(uuid.uuid4())
    _hazard(engine, HazardReported(hazard_id=hazard_id, ledger_no="140525-2026-11-0042", enterprise_id=e, grade=1,
                                   description="事故应急池容积不足", pool_review_id=review["review_id"]), hazard_id)
    listed = client.get(f"/enterprises/{e}/pool-reviews", headers=county(tokens)).json()
    assert [x["review_id"] for x in listed] == [review["review_id"]]
    assert listed[0]["status"] == "hazard_open" and listed[0]["hazard"]["ledger_no"] == "140525-2026-11-0042"
    refused = client.post(f"/enterprises/{e}/pool-reviews", headers=county(tokens))
    assert refused.status_code == 409 and "140525-2026-11-0042" in refused.json()["detail"]
    _hazard(engine, HazardClosed(hazard_id=hazard_id, note="已扩容"), hazard_id)
    assert _site(client, net, tokens)["pool_review_open"] is False
    # Closed, yet the pools are still short: it can be raised again, now by the enterprise itself.
    second = client.post(f"/enterprises/{e}/pool-reviews", headers=tokens.headers("enterprise_user", enterprise_id=e))
    assert second.status_code == 201 and second.json()["raised_by_role"] == "enterprise_user"
    statuses = [x["status"] for x in client.get(f"/enterprises/{e}/pool-reviews", headers=county(tokens)).json()]
    assert statuses == ["pending", "hazard_closed"]


def test_an_idempotency_key_sent_again_returns_the_same_review(client, net, tokens):
    e, headers = net.enterprise_id, {**county(tokens), "Idempotency-Key": f"dbl-{net.u}"}
    first = client.post(f"/enterprises/{e}/pool-reviews", json={"note": "首次"}, headers=headers)
    retry = client.post(f"/enterprises/{e}/pool-reviews", json={"note": "首次"}, headers=headers)
    assert first.status_code == 201 and retry.status_code == 200
    assert retry.json()["review_id"] == first.json()["review_id"]
    other_key = client.post(f"/enterprises/{e}/pool-reviews", headers={**county(tokens), "Idempotency-Key": "another"})
    assert other_key.status_code == 409
    assert len(client.get(f"/enterprises/{e}/pool-reviews", headers=county(tokens)).json()) == 1


def test_who_may_raise_it(client, tokens, register_enterprise, unique):
    park_id, e = f"park-{unique}", f"ent-{unique}"
    body = {"type": "Feature", "id": park_id, "geometry": square(113.3, 36.1, 0.02),
            "properties": {"name": "测试园区", "jurisdiction_code": "140525"}}
    assert client.post("/parks", json=body, headers=tokens.admin).status_code == 201
    register_enterprise(e, park_id=park_id)
    client.post("/facilities", json=feature("site", "厂区", point(113.3, 36.1), f"site-{unique}", enterprise_id=e),
                headers=tokens.admin)
    client.post("/facilities", json=feature("risk_unit", "罐区", point(113.3, 36.1), f"unit-{unique}", enterprise_id=e,
                                            unit_type="tank_farm", max_volume_m3=300), headers=tokens.admin)
    url = f"/enterprises/{e}/pool-reviews"
    for outsider in (county(tokens, "140581"), tokens.headers("enterprise_user", enterprise_id="ent-other"),
                     tokens.headers("park_operator", park_id="park-other"), tokens.headers("park_operator")):
        r = client.post(url, headers=outsider)  # out of reach: as for an enterprise not in the register
        assert r.status_code == 404 and r.json()["detail"] == f"企业名录中没有企业 {e}" and park_id not in r.text
        assert client.get(url, headers=outsider).status_code == 404
    r = client.post(url, headers=tokens.headers("park_operator", park_id=park_id, name="园区李"))
    assert r.status_code == 201 and r.json()["raised_by_role"] == "park_operator" and r.json()["park_id"] == park_id
    assert client.get(url, headers=tokens.headers("city_officer", jurisdiction="140500")).status_code == 200


def test_unknown_enterprise_no_site_no_units_and_no_shortfall(client, tokens, register_enterprise, unique):
    assert client.post(f"/enterprises/nobody-{unique}/pool-reviews", headers=tokens.admin).status_code == 404
    e = f"ent-{unique}"
    register_enterprise(e)
    url = f"/enterprises/{e}/pool-reviews"
    r = client.post(url, headers=county(tokens))
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "enterprise_id" and "厂区" in r.json()["detail"]
    client.post("/facilities", json=feature("site", "厂区", point(112.9, 35.4), f"site-{unique}", enterprise_id=e),
                headers=tokens.admin)
    r = client.post(url, headers=county(tokens))
    assert r.status_code == 422 and "风险单元" in r.json()["detail"]
    client.post("/facilities", json=feature("risk_unit", "罐区", point(112.9, 35.4), f"unit-{unique}", enterprise_id=e,
                                            unit_type="tank_farm", max_volume_m3=300, fire_water_m3=100),
                headers=tokens.admin)
    client.post("/facilities", json=feature("emergency_pool", "池", point(112.9, 35.4), f"pool-{unique}", enterprise_id=e,
                                            capacity_m3=600), headers=tokens.admin)
    r = client.post(url, headers=county(tokens))
    assert r.status_code == 409 and r.headers["content-type"].startswith("application/problem+json")
    problem = r.json()
    assert (problem["required_volume_m3"], problem["capacity_m3"], problem["shortfall_m3"]) == (400, 600, 0)
    assert "400 m³" in problem["detail"] and "600 m³" in problem["detail"]
    assert client.get(url, headers=county(tokens)).json() == []
    too_long = client.post(url, json={"note": "长" * 1001}, headers=county(tokens))
    assert too_long.status_code == 422


def test_the_relay_publishes_the_raise_on_the_pool_review_topic(client, net, tokens, engine, kafka_bootstrap, unique):
    r = client.post(f"/enterprises/{net.enterprise_id}/pool-reviews", json={"note": "请核查"},
                    headers=tokens.headers("inspector", jurisdiction="140525", name="执法员赵"))
    review_id = r.json()["review_id"]
    # The service's relay, limited to pool reviews and checkpointed under a name of its own.
    relay = OutboxRelay(engine=engine, service="risk-map", bootstrap_servers=kafka_bootstrap,
                        stream_types=["pool-review"], name=f"test-pool-review-relay-{unique}")
    consumer = KafkaConsumer(bootstrap_servers=kafka_bootstrap, auto_offset_reset="earliest", enable_auto_commit=False,
                             group_id=f"test-rm-pool-review-{unique}")
    found = []
    try:
        relay.prepare()
        consumer.subscribe(["ecosafe.risk-map.pool-review"])
        deadline = time.monotonic() + 60
        while not found and time.monotonic() < deadline:
            relay.publish_batch()
            for records in consumer.poll(timeout_ms=500).values():
                found += [from_kafka(m.headers, m.key, m.value) for m in records if m.key == review_id.encode()]
    finally:
        relay.close()
        consumer.close()
    assert len(found) == 1
    envelope = found[0]
    assert envelope.event_type == "ecosafe.risk_map.v1.PoolShortfallRaised" and envelope.source == "/ecosafe/risk-map"
    assert envelope.stream_type == "pool-review" and envelope.signer.name == "执法员赵" and envelope.hash
    m = PoolShortfallRaised.FromString(envelope.payload)
    assert m.review_id == review_id and m.enterprise_id == net.enterprise_id and m.jurisdiction_code == "140525"
    assert not m.HasField("park_id")
    assert (m.required_volume_m3, m.capacity_m3, m.shortfall_m3) == (1020, 800, 220)
    assert m.raised_by_role == "inspector" and m.note == "请核查" and "甲醇罐区" in m.explanation
    assert m.HasField("computed_at")
    # What the hazard service makes of it (its own pure mapping): an inspection hazard naming the figures.
    command = report_command(m, None)
    assert source_of(m.raised_by_role) == Source.inspection and command.pool_review_id == review_id
    assert "缺口 220 m³" in command.description

