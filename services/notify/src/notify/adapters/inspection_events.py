"""Inspection events of enforcement (ecosafe.enforcement.inspection) as routing sees them."""

from __future__ import annotations

import logging

from sqlalchemy.engine import Connection

from ecosafe.common.v1.common_pb2 import HazardGrade
from ecosafe.enforcement.v1.finding_pb2 import FindingRecorded
from ecosafe.enforcement.v1.inspection_pb2 import InspectionCompleted
from ecosafe_kit.messaging.envelope import EventEnvelope
from notify.adapters import register
from notify.domain.values import EventFacts, Incoming

log = logging.getLogger(__name__)

_GRADES = {HazardGrade.HAZARD_GRADE_GENERAL: "general", HazardGrade.HAZARD_GRADE_MAJOR: "major"}


def incoming(conn: Connection, envelope: EventEnvelope) -> Incoming | None:
    if envelope.event_type == "ecosafe.enforcement.v1.FindingRecorded":
        m = FindingRecorded.FromString(envelope.payload)
        event_type, grade, domain = "finding.recorded", _GRADES.get(m.suggested_grade), m.domain or "other"
        details = (f"问题描述: {m.description}", f"判定依据: {m.grade_basis}" if m.grade_basis else "判定依据: 待核定")
    elif envelope.event_type == "ecosafe.enforcement.v1.InspectionCompleted":
        m = InspectionCompleted.FromString(envelope.payload)
        event_type, grade, domain = "inspection.completed", None, None
        details = (f"检查意见: {m.summary}", f"发现问题: {len(m.finding_ids)} 项")
    else:
        return None
    enterprise = register.find(conn, m.enterprise_id)
    if enterprise is None:
        log.warning("%s of enterprise %s, not in the register; not routed", event_type, m.enterprise_id)
        return None
    facts = EventFacts(event_type=event_type, jurisdiction_code=enterprise.jurisdiction_code, grade=grade,
                       domain=domain, park_id=enterprise.park_id, enterprise_id=enterprise.enterprise_id,
                       party_users={"reporter": envelope.signer.subject})
    return Incoming(facts=facts, subject_id=m.inspection_id, record_kind="inspection",
                    subject=f"对 {enterprise.name} 的检查", place=f"{enterprise.name} (辖区 {enterprise.jurisdiction_code})",
                    details=details)
