"""Inbox state per user (unread, read, acknowledged) and the escalation of urgent notifications nobody acknowledged,
on a controllable clock: 副班 after the configured time, then 带班领导; an acknowledgement stops it."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import text

from ecosafe_kit.eventstore import Signer
from notify.settings import Settings
from notify_helpers import inbox_item, incident_reported


FIFTEEN_MINUTES = Settings(escalation_after_minutes=15)


class Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def person(tag: str) -> dict:
    return {"user_id": f"u-{tag}-{uuid.uuid4().hex[:6]}", "name": f"{tag}同志"}


def urgent_incident(client, users, area, publisher) -> tuple[dict, dict]:
    """A roster with all three positions around now, an urgent rule for the command center, an incident."""
    county = users.county(area["county"])
    now = datetime.now(timezone.utc)
    shift = {"jurisdiction_code": area["county"], "starts_at": (now - timedelta(hours=1)).isoformat(),
             "ends_at": (now + timedelta(hours=3)).isoformat(), "duty_officer": person("值班员"),
             "leader": person("带班领导"), "deputy": person("副班")}
    assert client.post("/duty/shifts", json=shift, headers=county).status_code == 201
    assert client.post("/routing/rules", headers=county, json={
        "name": "事件紧急报指挥中心", "jurisdiction_code": area["county"], "event_types": ["incident.reported"],
        "recipient_roles": ["command_center"], "urgent": True}).status_code == 201
    incident = publisher.incident(incident_reported(None), signer=Signer("u-r", "报告人", ("county_officer",),
                                                                          area["county"]))
    center = users.token("command_center", jurisdiction=area["county"], subject=f"u-center-{uuid.uuid4().hex[:6]}")
    return inbox_item(client, center, incident.stream_id, "incident.reported"), {"shift": shift, "center": center}


def test_each_user_has_their_own_unread_read_and_acknowledged(client, users, area, publisher, notify_engine):
    note, ctx = urgent_incident(client, users, area, publisher)
    me, colleague = ctx["center"], users.token("command_center", jurisdiction=area["county"])
    nid = note["notification_id"]
    assert note["status"] == "unread" and note["urgent"] is True
    assert client.post(f"/notifications/{nid}/read", headers=me).json()["status"] == "read"
    assert client.get("/notifications", params={"subject_id": note["subject_id"], "status": "unread"},
                      headers=me).json()["total"] == 0
    assert client.get("/notifications", params={"subject_id": note["subject_id"], "status": "unread"},
                      headers=colleague).json()["total"] == 1

    acked = client.post(f"/notifications/{nid}/acknowledgement", json={"note": "已安排人员赶赴现场"}, headers=me)
    assert acked.status_code == 200 and acked.headers["ETag"] == '"2"'
    again = client.post(f"/notifications/{nid}/acknowledgement", json={}, headers=me)
    assert again.status_code == 200 and again.headers["ETag"] == '"2"'  # once per user
    shown = client.get(f"/notifications/{nid}", headers=me).json()
    assert shown["status"] == "acknowledged" and shown["acknowledged_at"] is not None
    assert [a["note"] for a in shown["acknowledgements"]] == ["已安排人员赶赴现场"]
    assert client.get(f"/notifications/{nid}", headers=colleague).json()["status"] == "unread"

    stranger = users.token("command_center", jurisdiction=area["other_county"])
    assert client.post(f"/notifications/{nid}/acknowledgement", json={}, headers=stranger).status_code == 404
    assert client.post(f"/notifications/{nid}/read", headers=stranger).status_code == 404
    bad = client.post(f"/notifications/{nid}/acknowledgement", json={"note": "x\x00"}, headers=me)
    assert bad.status_code == 422 and "note" in bad.text
    with notify_engine.connect() as conn:
        signers = conn.execute(text("SELECT event_type, signer->>'subject' FROM es_events WHERE stream_id = :n "
                                    "ORDER BY version"), {"n": nid}).all()
    assert [(t.rsplit(".", 1)[1], who) for t, who in signers] == [
        ("NotificationRouted", "system:notify-routing"), ("NotificationAcknowledged", me_subject(client, me))]


def me_subject(client, headers) -> str:
    return client.get("/me", headers=headers).json()["subject"]


def test_an_unacknowledged_urgent_notification_escalates_to_the_deputy_then_the_leader(
        client, users, area, publisher, notify_engine):
    from notify.entrypoints.escalation_worker import build_escalations

    note, ctx = urgent_incident(client, users, area, publisher)
    nid, made = note["notification_id"], datetime.fromisoformat(note["created_at"])
    clock = Clock(made + timedelta(minutes=14, seconds=59))
    escalations = build_escalations(client.app.state.engine, FIFTEEN_MINUTES, clock)
    assert nid not in escalations.run_once()

    deputy = users.county(area["county"], subject=ctx["shift"]["deputy"]["user_id"])
    leader = users.county(area["county"], subject=ctx["shift"]["leader"]["user_id"])
    assert client.get("/notifications", params={"subject_id": note["subject_id"]}, headers=deputy).json()["total"] == 0

    clock.now = made + timedelta(minutes=15)
    assert nid in escalations.run_once()
    reached = inbox_item(client, deputy, note["subject_id"], "incident.reported")
    assert reached["escalation_level"] == 1
    assert client.get("/notifications", params={"subject_id": note["subject_id"]}, headers=leader).json()["total"] == 0

    clock.now = made + timedelta(minutes=29)
    assert nid not in escalations.run_once()
    clock.now = made + timedelta(minutes=30)
    assert nid in escalations.run_once()
    assert inbox_item(client, leader, note["subject_id"], "incident.reported")["escalation_level"] == 2
    clock.now = made + timedelta(hours=2)
    assert nid not in escalations.run_once()  # the ladder ends with the leader

    full = client.get(f"/notifications/{nid}", headers=ctx["center"]).json()
    labels = [r["label"] for r in full["recipients"] if r["kind"] == "user"]
    assert any(label.startswith("升级第 1 级: 副班 副班同志") for label in labels)
    assert any(label.startswith("升级第 2 级: 带班领导 带班领导同志") for label in labels)
    with notify_engine.connect() as conn:
        rows = conn.execute(text("SELECT event_type, signer->>'subject' FROM es_events WHERE stream_id = :n "
                                 "ORDER BY version"), {"n": nid}).all()
    assert [t.rsplit(".", 1)[1] for t, _ in rows] == ["NotificationRouted", "NotificationEscalated",
                                                      "NotificationEscalated"]
    assert {who for _, who in rows[1:]} == {"system:notify-escalation"}


def test_an_acknowledged_urgent_notification_does_not_escalate(client, users, area, publisher):
    from notify.entrypoints.escalation_worker import build_escalations

    note, ctx = urgent_incident(client, users, area, publisher)
    nid, made = note["notification_id"], datetime.fromisoformat(note["created_at"])
    assert client.post(f"/notifications/{nid}/acknowledgement", json={"note": "收到"},
                       headers=ctx["center"]).status_code == 200
    clock = Clock(made + timedelta(hours=1))
    assert nid not in build_escalations(client.app.state.engine, FIFTEEN_MINUTES, clock).run_once()
    assert client.get(f"/notifications/{nid}", headers=ctx["center"]).json()["escalation_level"] == 0

