"""The hazard service's events (topic ecosafe.hazard.hazard) kept as the read model the seeds' rules read."""

from __future__ import annotations

from datetime import timezone

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import Connection

from ecosafe.common.v1.common_pb2 import HazardGrade
from ecosafe.hazard.v1 import hazard_pb2 as pb
from ecosafe_kit.messaging.envelope import EventEnvelope
from enforcement.adapters.case_tables import hazards

_PREFIX = "ecosafe.hazard.v1."
_SOURCE = {pb.HAZARD_SOURCE_SELF_INSPECTION: "self_inspection", pb.HAZARD_SOURCE_INSPECTION: "inspection",
           pb.HAZARD_SOURCE_PUBLIC_REPORT: "public_report", pb.HAZARD_SOURCE_SUPERIOR_REFERRAL: "superior_referral"}


def _grade(value: int) -> str:
    return "major" if value == HazardGrade.HAZARD_GRADE_MAJOR else "general"


def _set(conn: Connection, hazard_id: str, **values) -> None:
    conn.execute(update(hazards).where(hazards.c.hazard_id == hazard_id).values(**values))


def project(conn: Connection, envelope: EventEnvelope) -> str | None:
    """Apply one hazard event to enf_hazards; answers the event's short name when it concerns a hazard known here
    (HazardReported makes it known), else None."""
    name = envelope.event_type.removeprefix(_PREFIX)
    if name == "HazardReported":
        m = pb.HazardReported.FromString(envelope.payload)
        conn.execute(insert(hazards).values(
            hazard_id=m.hazard_id, enterprise_id=m.enterprise_id, ledger_no=m.ledger_no,
            source=_SOURCE.get(m.source, "other"), grade=_grade(m.grade), description=m.description,
            finding_id=m.finding_id if m.HasField("finding_id") else None,
            found_at=(m.found_at.ToDatetime(tzinfo=timezone.utc) if m.HasField("found_at")
                      else envelope.occurred_at),
            reported_by=envelope.signer.as_dict(), overdue=False, verification_failures=0, status="open",
        ).on_conflict_do_nothing(index_elements=["hazard_id"]))
        return name
    if conn.execute(select(hazards.c.hazard_id).where(hazards.c.hazard_id == envelope.stream_id)).first() is None:
        return None  # a hazard reported before this service listened, or of another stack: nothing to go on
    hazard_id = envelope.stream_id
    if name == "HazardAssigned":
        m = pb.HazardAssigned.FromString(envelope.payload)
        _set(conn, hazard_id, responsible_person=m.responsible_person, assigned_by=envelope.signer.as_dict(),
             deadline=m.deadline.ToDatetime(tzinfo=timezone.utc))
    elif name == "HazardDeadlineExtended":
        m = pb.HazardDeadlineExtended.FromString(envelope.payload)
        _set(conn, hazard_id, deadline=m.deadline.ToDatetime(tzinfo=timezone.utc), overdue=False)
    elif name == "HazardOverdue":
        _set(conn, hazard_id, overdue=True)
    elif name == "VerificationFailed":
        _set(conn, hazard_id, verification_failures=hazards.c.verification_failures + 1)
    elif name == "HazardRegraded":
        _set(conn, hazard_id, grade=_grade(pb.HazardRegraded.FromString(envelope.payload).grade))
    elif name == "HazardClosed":
        _set(conn, hazard_id, status="closed")
    else:
        return None
    return name
