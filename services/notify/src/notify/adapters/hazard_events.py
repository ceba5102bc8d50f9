"""Hazard events (ecosafe.hazard.hazard) as routing sees them; keeps what later events of a hazard leave out."""

from __future__ import annotations

from datetime import timezone

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import Connection

from ecosafe.common.v1.common_pb2 import HazardGrade
from ecosafe.hazard.v1 import hazard_pb2 as pb
from ecosafe_kit.messaging.envelope import EventEnvelope
from notify.adapters import register
from notify.adapters.tables import hazards
from notify.domain.times import local_text
from notify.domain.values import EventFacts, Incoming

_GRADES = {HazardGrade.HAZARD_GRADE_GENERAL: "general", HazardGrade.HAZARD_GRADE_MAJOR: "major"}
_P = "ecosafe.hazard.v1."
# Events that notify people, by ce_type: their event type code and message class.
_ROUTED = {_P + "HazardReported": ("hazard.reported", pb.HazardReported),
           _P + "HazardAssigned": ("hazard.assigned", pb.HazardAssigned),
           _P + "HazardOverdue": ("hazard.overdue", pb.HazardOverdue),
           _P + "HazardListed": ("hazard.listed", pb.HazardListed),
           _P + "VerificationFailed": ("hazard.verification_failed", pb.VerificationFailed),
           _P + "HazardClosed": ("hazard.closed", pb.HazardClosed)}


def _remember(conn: Connection, envelope: EventEnvelope, message) -> None:
    """Keep the hazard's facts from the events that carry them."""
    if isinstance(message, pb.HazardReported):
        row = {"ledger_no": message.ledger_no, "enterprise_id": message.enterprise_id,
               "enterprise_name": message.enterprise_name, "jurisdiction_code": message.jurisdiction_code,
               "domain": message.domain, "grade": _GRADES.get(message.grade), "description": message.description,
               "reported_by": envelope.signer.subject}
        conn.execute(insert(hazards).values(hazard_id=message.hazard_id, **row)
                     .on_conflict_do_nothing(index_elements=["hazard_id"]))
    elif isinstance(message, pb.HazardAssigned):
        conn.execute(update(hazards).where(hazards.c.hazard_id == message.hazard_id).values(
            assigned_by=envelope.signer.subject, responsible_person=message.responsible_person,
            deadline=message.deadline.ToDatetime(tzinfo=timezone.utc) if message.HasField("deadline") else None))
    elif isinstance(message, pb.HazardRegraded):
        conn.execute(update(hazards).where(hazards.c.hazard_id == message.hazard_id)
                     .values(grade=_GRADES.get(message.grade)))
    elif isinstance(message, pb.HazardDeadlineExtended):
        conn.execute(update(hazards).where(hazards.c.hazard_id == message.hazard_id)
                     .values(deadline=message.deadline.ToDatetime(tzinfo=timezone.utc)))


def incoming(conn: Connection, envelope: EventEnvelope) -> Incoming | None:
    """The hazard event to route, or None for events that notify nobody (or a hazard reported before notify ran)."""
    known = {_P + "HazardRegraded": pb.HazardRegraded, _P + "HazardDeadlineExtended": pb.HazardDeadlineExtended}
    routed = _ROUTED.get(envelope.event_type)
    cls = routed[1] if routed else known.get(envelope.event_type)
    if cls is None:
        return None
    message = cls.FromString(envelope.payload)
    _remember(conn, envelope, message)
    if routed is None:
        return None
    row = conn.execute(select(hazards).where(hazards.c.hazard_id == message.hazard_id)).first()
    if row is None:
        return None
    enterprise = register.find(conn, row.enterprise_id)
    parties = {"reporter": row.reported_by}
    if row.assigned_by:
        parties["assigner"] = row.assigned_by
    details = [f"隐患描述: {row.description}"]
    if row.responsible_person:
        details.append(f"整改责任人: {row.responsible_person}")
    if row.deadline is not None:
        details.append(f"整改期限: {local_text(row.deadline)}")
    facts = EventFacts(event_type=routed[0], jurisdiction_code=row.jurisdiction_code, grade=row.grade,
                       domain=row.domain, park_id=enterprise.park_id if enterprise else None,
                       enterprise_id=row.enterprise_id, party_users=parties)
    return Incoming(facts=facts, subject_id=row.hazard_id, record_kind="hazard", subject=f"隐患 {row.ledger_no}",
                    place=f"{row.enterprise_name} (辖区 {row.jurisdiction_code})", details=tuple(details))
