"""Projection of inspections and findings into their read models, in the writer's transaction.

Rebuild: `ecosafe-rebuild --projections enforcement.adapters.inspection_projections:PROJECTIONS`.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import Connection

from ecosafe_kit.auth import jurisdiction
from ecosafe_kit.messaging.envelope import EventEnvelope
from ecosafe_kit.projections import Projection
from enforcement.adapters.inspection_codec import INSPECTION_CODEC
from enforcement.adapters.tables import findings, inspections
from enforcement.domain import inspection as i

INSPECTION_STREAM = "inspection"


def _planned(conn: Connection, envelope: EventEnvelope) -> None:
    e: i.InspectionPlanned = INSPECTION_CODEC.decode(envelope.event_type, envelope.payload)
    conn.execute(insert(inspections).values(
        inspection_id=e.inspection_id, enterprise_id=e.enterprise_id, jurisdiction_code=e.jurisdiction_code,
        campaign_id=e.campaign_id, draw_id=e.draw_id, mode=e.mode.value, inspector_ids=list(e.inspector_ids),
        joint_departments=list(e.joint_departments), planned_for=e.planned_for, status="planned",
        version=envelope.version, planned_at=envelope.occurred_at,
    ).on_conflict_do_nothing(index_elements=["inspection_id"]))


def _finding(conn: Connection, envelope: EventEnvelope) -> None:
    e: i.FindingRecorded = INSPECTION_CODEC.decode(envelope.event_type, envelope.payload)
    f = e.finding
    conn.execute(insert(findings).values(
        finding_id=f.finding_id, inspection_id=e.inspection_id, enterprise_id=e.enterprise_id,
        campaign_id=e.campaign_id, domain=f.domain, description=f.description,
        suggested_grade=f.suggested_grade.value, grade_basis=f.grade_basis, found_at=f.found_at,
    ).on_conflict_do_nothing(index_elements=["finding_id"]))


def _completed(conn: Connection, envelope: EventEnvelope) -> None:
    e: i.InspectionCompleted = INSPECTION_CODEC.decode(envelope.event_type, envelope.payload)
    conn.execute(update(inspections).where(inspections.c.inspection_id == e.inspection_id).values(
        status="completed", completed_at=e.completed_at, bureau_code=e.bureau_code,
        bureau_level=jurisdiction.level_of(e.bureau_code).name if jurisdiction.is_valid_code(e.bureau_code) else None,
        checklist=[{"item": r.item, "violated": r.violated, "note": r.note} for r in e.checklist],
        summary=e.summary, version=envelope.version, completed_by=envelope.signer.as_dict()))


INSPECTIONS = Projection(
    name="inspections",
    handlers={"ecosafe.enforcement.v1.InspectionPlanned": _planned,
              "ecosafe.enforcement.v1.FindingRecorded": _finding,
              "ecosafe.enforcement.v1.InspectionCompleted": _completed},
    tables=["enf_findings", "enf_inspections"], stream_types=[INSPECTION_STREAM])
PROJECTIONS = [INSPECTIONS]
