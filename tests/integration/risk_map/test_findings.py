"""Enforcement findings from Kafka reach the map: once per finding, drawn at the site, counted there for 90 days."""

from __future__ import annotations

import random
import time
import uuid
from datetime import datetime, timedelta, timezone

from sqlalchemy import text

from ecosafe.common.v1.common_pb2 import HazardGrade
from ecosafe.enforcement.v1.finding_pb2 import FindingRecorded
from ecosafe_kit.eventstore import Signer
from ecosafe_kit.messaging.consumer import ConsumerRunner
from ecosafe_kit.messaging.envelope import EventEnvelope, source_for
from ecosafe_kit.messaging.publish import publish
from risk_map.adapters.consumers import apply_finding_event
from rm_helpers import drain, feature, point, square


def _finding(enterprise_id: str, *, days_ago: float = 1, domain: str = "hazardous_waste",
             grade=HazardGrade.HAZARD_GRADE_MAJOR) -> tuple[str, EventEnvelope]:
    finding_id = str(uuid.uuid4())
    message = FindingRecorded(finding_id=finding_id, inspection_id=str(uuid.uuid4()), enterprise_id=enterprise_id,
                              domain=domain, description="危废混存, 无隔离", grade_basis="248号 第五条",
                              suggested_grade=grade, inspector_ids=["insp-1"])
    message.found_at.FromDatetime(datetime.now(timezone.utc) - timedelta(days=days_ago))
    envelope = EventEnvelope(
        event_id=uuid.uuid4(), event_type="ecosafe.enforcement.v1.FindingRecorded", source=source_for("enforcement"),
        stream_type="inspection", stream_id=message.inspection_id, version=1, occurred_at=datetime.now(timezone.utc),
        content_type="application/protobuf", payload=message.SerializeToString(),
        signer=Signer(subject="insp-1", name="执法员赵", roles=("inspector",), jurisdiction="140525"))
    return finding_id, envelope


def _consume(engine, kafka_bootstrap, topic, group, predicate, timeout=30.0):
    runner = ConsumerRunner(engine=engine, group=group, topics=[topic], handler=apply_finding_event,
                            bootstrap_servers=kafka_bootstrap)
    drain(runner, engine, predicate, timeout, "the findings on the map")


def test_findings_from_kafka_are_kept_once_drawn_at_the_site_and_counted_there(client, tokens, engine, kafka_bootstrap,
                                                                             register_enterprise, unique):
    lon, lat = round(random.uniform(100, 120), 4), round(random.uniform(25, 40), 4)
    e = f"ent-{unique}"
    register_enterprise(e, lon=lon + 0.01, lat=lat + 0.01)  # the register's point, away from the site
    site = client.post("/facilities", json=feature("site", "厂区", square(lon, lat, 0.001), f"site-{unique}",
                                                   enterprise_id=e), headers=tokens.admin)
    assert site.status_code == 201
    recent, envelope = _finding(e)
    republished = EventEnvelope(**{**envelope.__dict__, "event_id": uuid.uuid4()})
    old, old_envelope = _finding(e, days_ago=120, domain="rto_incinerator")
    unknown_domain, odd = _finding(e, domain="laser_cutting", grade=HazardGrade.HAZARD_GRADE_UNSPECIFIED)
    topic = f"test.enforcement.inspection.{unique}"
    publish(kafka_bootstrap, topic, [envelope, envelope, republished, old_envelope, odd])
    _consume(engine, kafka_bootstrap, topic, f"test.risk-map.findings.{unique}",
             lambda c: c.execute(text("SELECT count(*) FROM rm_findings WHERE enterprise_id = :e"), {"e": e}).scalar() == 3)

    county = tokens.headers("county_officer", jurisdiction="140525")
    bbox = f"{lon - 0.01},{lat - 0.01},{lon + 0.02},{lat + 0.02}"
    items = client.get("/ogc/collections/findings/items", params={"bbox": bbox}, headers=county).json()
    by_id = {f["id"]: f for f in items["features"]}
    assert set(by_id) == {recent, unknown_domain}  # the one found 120 days ago is no longer "recent"
    props = by_id[recent]["properties"]
    assert props["domain_label"] == "危险废物" and props["grade_label"] == "重大事故隐患"
    assert props["recorded_by"] == "执法员赵" and props["enterprise_name"] == "测试化工有限公司"
    assert by_id[recent]["geometry"]["coordinates"] == [lon, lat]  # at the site, not at the register's point
    assert by_id[unknown_domain]["properties"]["domain"] == "other"
    assert by_id[unknown_domain]["properties"]["grade_label"] == "待核定"
    sites = client.get("/ogc/collections/sites/items", params={"bbox": bbox}, headers=county).json()["features"]
    assert [s["properties"]["recent_finding_count"] for s in sites] == [2]
    assert client.get(f"/facilities/site-{unique}", headers=county).json()["properties"]["recent_finding_count"] == 2
    one = client.get(f"/ogc/collections/findings/items/{recent}", headers=county)
    assert one.status_code == 200 and one.json()["properties"]["inspection_id"]
    # Another county's officer does not see them.
    other = tokens.headers("county_officer", jurisdiction="140581")
    assert client.get("/ogc/collections/findings/items", params={"bbox": bbox}, headers=other).json()["features"] == []
    assert client.get(f"/ogc/collections/findings/items/{recent}", headers=other).status_code == 404


def test_a_finding_before_the_register_knows_the_enterprise_is_kept_and_placed_later(engine, client, tokens,
                                                                                   register_enterprise, unique):
    e = f"ent-{unique}"
    finding_id, envelope = _finding(e)
    with engine.begin() as conn:
        apply_finding_event(conn, envelope)
    feature_url = f"/ogc/collections/findings/items/{finding_id}"
    assert client.get(feature_url, headers=tokens.admin).json()["geometry"] is None
    register_enterprise(e, lon=111.5, lat=36.5)
    assert client.get(feature_url, headers=tokens.admin).json()["geometry"]["coordinates"] == [111.5, 36.5]
    client.post("/facilities", json=feature("site", "厂区", point(111.6, 36.6), f"site-{unique}", enterprise_id=e),
                headers=tokens.admin)
    assert client.get(feature_url, headers=tokens.admin).json()["geometry"]["coordinates"] == [111.6, 36.6]
