"""Publishing the events of the owning services (register, hazards, incidents) on the notify app's topics, as
their relays do (CloudEvents binary mode, protobuf payload), and waiting for what notify makes of them."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

from sqlalchemy import text

from ecosafe.common.v1.common_pb2 import HazardGrade
from ecosafe.hazard.v1 import hazard_pb2 as hz
from ecosafe.risk_map.v1 import incident_pb2 as inc
from ecosafe_kit.eventstore import EventStore, Signer
from ecosafe_kit.messaging.envelope import EventEnvelope, source_for
from ecosafe_kit.messaging.publish import publish
from enforcement_register import enterprise_body, officer_headers
from waiting import wait_for

OFFICER = Signer(subject="u-officer", name="王科长", roles=("county_officer",), jurisdiction="140525")


def envelope(service: str, stream_type: str, stream_id: str, version: int, message, signer: Signer = OFFICER,
             event_id: uuid.UUID | None = None) -> EventEnvelope:
    return EventEnvelope(event_id=event_id or uuid.uuid4(), event_type=message.DESCRIPTOR.full_name,
                         source=source_for(service), stream_type=stream_type, stream_id=stream_id, version=version,
                         occurred_at=datetime.now(timezone.utc), signer=signer, content_type="application/protobuf",
                         payload=message.SerializeToString())


class Publisher:
    """The other services' events, on the topics the session's notify app consumes."""

    def __init__(self, kafka: str, settings, enforcement) -> None:
        self.kafka = kafka
        self.settings = settings
        self.enforcement = enforcement  # the enforcement app: the register's events are only ever its own
        self.admin = officer_headers(enforcement.app.state.settings.jwt_secret.get_secret_value(), "admin",
                                     jurisdiction=None, name="测试管理员")

    def enterprise(self, jurisdiction_code: str, park_id: str | None = None, lon: float = 112.9,
                   lat: float = 35.4, name: str | None = None) -> str:
        """Register an enterprise at the enforcement app and hand its signed EnterpriseRegistered, as its relay
        published it, to the topic the session's notify app reads instead of the shared register topic."""
        enterprise_id = str(uuid.uuid4())
        body = enterprise_body(enterprise_id=enterprise_id, name=name or f"测试化工{enterprise_id[:6]}",
                               jurisdiction_code=jurisdiction_code, location={"lon": lon, "lat": lat})
        if park_id:
            body["park_id"] = park_id
        created = self.enforcement.post("/enterprises", json=body, headers=self.admin)
        assert created.status_code == 201, created.text
        self.published(enterprise_id, self.settings.enterprise_topic)
        return enterprise_id

    def hazard_events(self, hazard_id: str, *messages_and_signers) -> list[EventEnvelope]:
        envelopes = [envelope("hazard", "hazard", hazard_id, version, message, signer or OFFICER)
                     for version, (message, signer) in enumerate(messages_and_signers, start=1)]
        publish(self.kafka, self.settings.hazard_topic, envelopes)
        return envelopes

    def inspection_events(self, inspection_id: str, *messages) -> list[EventEnvelope]:
        envelopes = [envelope("enforcement", "inspection", inspection_id, version, message)
                     for version, message in enumerate(messages, start=1)]
        publish(self.kafka, self.settings.inspection_topic, envelopes)
        return envelopes

    def facility_events(self, facility_id: str, *messages, first_version: int = 1) -> list[EventEnvelope]:
        """A facility's events as the risk map's relay publishes them (registration, gate commands, device states)."""
        envelopes = [envelope("risk-map", "facility", facility_id, version, message)
                     for version, message in enumerate(messages, start=first_version)]
        publish(self.kafka, self.settings.facility_topic, envelopes)
        return envelopes

    def case(self, enterprise_id: str) -> str:
        """Open a case (立案, directly) at the enforcement app and hand its signed events to notify's case topic."""
        opened = self.enforcement.post("/cases", headers=self.admin, json={
            "enterprise_id": enterprise_id, "origin": "direct", "legal_basis": "《中华人民共和国环境保护法》第六十三条",
            "description": "雨水排口超标排放含苯废水"})
        assert opened.status_code == 201, opened.text
        case_id = opened.json()["case_id"]
        self.published(case_id, self.settings.case_topic)
        return case_id

    def published(self, stream_id: str, topic: str) -> list[EventEnvelope]:
        """The enforcement app's stored events of `stream_id`, as its relay publishes them, on `topic`."""
        engine = self.enforcement.app.state.engine
        with engine.connect() as conn:
            events = [EventEnvelope.from_stored(event, source_for("enforcement"))
                      for event in EventStore(engine).load(conn, stream_id)]
        publish(self.kafka, topic, events)
        return events

    def again(self, topic: str, envelopes: list[EventEnvelope]) -> None:
        """Deliver the very same messages a second time (a relay retrying after a lost acknowledgement)."""
        publish(self.kafka, topic, envelopes)

    def incident_events(self, incident_id: str, message, version: int, signer: Signer = OFFICER) -> EventEnvelope:
        """A later event of an incident (its correlation), as the risk map's relay publishes it."""
        e = envelope("risk-map", "incident", incident_id, version, message, signer)
        publish(self.kafka, self.settings.incident_topic, [e])
        return e

    def incident(self, message, signer: Signer = OFFICER) -> EventEnvelope:
        e = envelope("risk-map", "incident", message.incident_id, 1, message, signer)
        publish(self.kafka, self.settings.incident_topic, [e])
        return e


def reported(hazard_id: str, enterprise_id: str, code: str, grade=HazardGrade.HAZARD_GRADE_MAJOR,
             domain: str = "hazardous_chemicals") -> hz.HazardReported:
    return hz.HazardReported(hazard_id=hazard_id, ledger_no=f"ZZ-{hazard_id[:6]}", enterprise_id=enterprise_id,
                             enterprise_name="晋城测试化工有限公司", jurisdiction_code=code, domain=domain, grade=grade,
                             description="储罐区可燃气体报警器失效", site="储罐区")


def assigned(hazard_id: str, days: int = 30) -> hz.HazardAssigned:
    message = hz.HazardAssigned(hazard_id=hazard_id, responsible_unit="晋城测试化工有限公司",
                                responsible_person="李安全", instructions="限期整改")
    message.deadline.FromDatetime(datetime.now(timezone.utc) + timedelta(days=days))
    return message


def incident_reported(enterprise_id: str | None, drill: bool = False) -> inc.IncidentReported:
    message = inc.IncidentReported(incident_id=str(uuid.uuid4()), location_geojson='{"type":"Point","coordinates":[112.9,35.4]}',
                                   pollutant="甲醇", volume_m3=12.5, level=inc.INCIDENT_LEVEL_LARGER, drill=drill)
    message.occurred_at.FromDatetime(datetime.now(timezone.utc))
    if enterprise_id:
        message.enterprise_id = enterprise_id
    return message


def consumed(engine, event: EventEnvelope) -> bool:
    """True once a notify consumer has applied `event` (its tracking record is committed with the change)."""
    with engine.connect() as conn:
        return conn.execute(text("SELECT 1 FROM es_tracking WHERE event_id = :e"),
                            {"e": event.event_id}).first() is not None


def inbox_item(client, headers: dict, subject_id: str, event_type: str, timeout: float = 60.0) -> dict:
    """The notification about `subject_id` of `event_type` in the caller's inbox, once routing has made it."""
    def found():
        page = client.get("/notifications", params={"subject_id": subject_id, "event_type": event_type},
                          headers=headers)
        assert page.status_code == 200, page.text
        return page.json()["items"][0] if page.json()["items"] else None
    return wait_for(found, timeout=timeout)
