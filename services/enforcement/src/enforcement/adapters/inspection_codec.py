"""Maps the inspection's domain events to InspectionPlanned / InspectionCompleted (inspection.proto) and
FindingRecorded (finding.proto), and back."""

from __future__ import annotations

from datetime import timezone
from types import SimpleNamespace
from typing import Any

from ecosafe.common.v1.common_pb2 import HazardGrade
from ecosafe.enforcement.v1 import finding_pb2, inspection_pb2 as pb
from ecosafe_kit.codec import ProtobufCodec
from enforcement.adapters.dates import day_of, day_start
from enforcement.domain import inspection as i

_MODE = {i.Mode.open: pb.INSPECTION_MODE_OPEN, i.Mode.unannounced: pb.INSPECTION_MODE_UNANNOUNCED,
         i.Mode.covert: pb.INSPECTION_MODE_COVERT}
_MODE_BACK = {v: k for k, v in _MODE.items()}
_GRADE = {i.Grade.major: HazardGrade.HAZARD_GRADE_MAJOR, i.Grade.general: HazardGrade.HAZARD_GRADE_GENERAL}
_GRADE_BACK = {v: k for k, v in _GRADE.items()}


def _optional(message, name: str):
    return getattr(message, name) if message.HasField(name) else None


def _encode(event: Any):
    if isinstance(event, i.InspectionPlanned):
        message = pb.InspectionPlanned(
            inspection_id=event.inspection_id, enterprise_id=event.enterprise_id,
            jurisdiction_code=event.jurisdiction_code, mode=_MODE[event.mode], inspector_ids=list(event.inspector_ids),
            joint_departments=list(event.joint_departments))
        for name in ("campaign_id", "draw_id"):
            if getattr(event, name) is not None:
                setattr(message, name, getattr(event, name))
        message.planned_for.FromDatetime(day_start(event.planned_for))
        return message
    if isinstance(event, i.FindingRecorded):
        f = event.finding
        message = finding_pb2.FindingRecorded(
            finding_id=f.finding_id, inspection_id=event.inspection_id, enterprise_id=event.enterprise_id,
            domain=f.domain, description=f.description, suggested_grade=_GRADE[f.suggested_grade],
            grade_basis=f.grade_basis, inspector_ids=list(event.inspector_ids))
        if event.campaign_id is not None:
            message.campaign_id = event.campaign_id
        message.found_at.FromDatetime(f.found_at.astimezone(timezone.utc))
        return message
    if isinstance(event, i.InspectionCompleted):
        message = pb.InspectionCompleted(
            inspection_id=event.inspection_id, enterprise_id=event.enterprise_id, bureau_code=event.bureau_code,
            finding_ids=list(event.finding_ids), summary=event.summary)
        if event.campaign_id is not None:
            message.campaign_id = event.campaign_id
        message.completed_at.FromDatetime(event.completed_at.astimezone(timezone.utc))
        for result in event.checklist:
            message.checklist.add(item=result.item, violated=result.violated, note=result.note)
        return message
    raise TypeError(f"no protobuf message for {type(event).__name__}")


def _decode(message: Any):
    if isinstance(message, pb.InspectionPlanned):
        return i.InspectionPlanned(
            message.inspection_id, message.enterprise_id, message.jurisdiction_code, _optional(message, "campaign_id"),
            _optional(message, "draw_id"), _MODE_BACK[message.mode], tuple(message.inspector_ids),
            tuple(message.joint_departments), day_of(message.planned_for))
    if isinstance(message, finding_pb2.FindingRecorded):
        return i.FindingRecorded(
            message.inspection_id, message.enterprise_id, _optional(message, "campaign_id"),
            tuple(message.inspector_ids), i.Finding(
                message.finding_id, message.domain, message.description, _GRADE_BACK[message.suggested_grade],
                message.grade_basis, message.found_at.ToDatetime(tzinfo=timezone.utc)))
    if isinstance(message, pb.InspectionCompleted):
        return i.InspectionCompleted(
            message.inspection_id, message.enterprise_id, _optional(message, "campaign_id"),
            message.completed_at.ToDatetime(tzinfo=timezone.utc), message.bureau_code,
            tuple(i.ChecklistResult(r.item, r.violated, r.note) for r in message.checklist),
            tuple(message.finding_ids), message.summary)
    raise TypeError(f"no domain event for {type(message).__name__}")


_WIRE = SimpleNamespace(InspectionPlanned=pb.InspectionPlanned, FindingRecorded=finding_pb2.FindingRecorded,
                        InspectionCompleted=pb.InspectionCompleted)
INSPECTION_CODEC = ProtobufCodec(_WIRE, i.ALL_EVENTS, _encode, _decode, "an inspection")
