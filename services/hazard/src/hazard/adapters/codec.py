"""Maps the Hazard aggregate's domain events to their protobuf messages (ecosafe.hazard.v1) and back."""

from __future__ import annotations

from datetime import date, datetime, time, timezone
from typing import Any
from zoneinfo import ZoneInfo

from ecosafe.common.v1.common_pb2 import Attachment as PbAttachment, HazardGrade
from ecosafe.hazard.v1 import hazard_pb2 as pb
from ecosafe_kit.codec import ProtobufCodec
from hazard.domain import events as ev
from hazard.domain.values import Attachment, ConfirmationLevel, Grade, Source

SHANGHAI = ZoneInfo("Asia/Shanghai")

_GRADE = {Grade.major: HazardGrade.HAZARD_GRADE_MAJOR, Grade.general: HazardGrade.HAZARD_GRADE_GENERAL}
_SOURCE = {
    Source.self_inspection: pb.HAZARD_SOURCE_SELF_INSPECTION, Source.inspection: pb.HAZARD_SOURCE_INSPECTION,
    Source.public_report: pb.HAZARD_SOURCE_PUBLIC_REPORT, Source.superior_referral: pb.HAZARD_SOURCE_SUPERIOR_REFERRAL,
}
_LEVEL = {
    ConfirmationLevel.principal: pb.CONFIRMATION_LEVEL_PRINCIPAL, ConfirmationLevel.parent: pb.CONFIRMATION_LEVEL_PARENT,
    ConfirmationLevel.bureau: pb.CONFIRMATION_LEVEL_BUREAU,
}


def _invert(mapping: dict) -> dict:
    return {v: k for k, v in mapping.items()}


def deadline_instant(day: date) -> datetime:
    """The last second of `day` in Asia/Shanghai, as UTC: a deadline is stored as an instant, never local time."""
    return datetime.combine(day, time(23, 59, 59), SHANGHAI).astimezone(timezone.utc)


def deadline_day(instant: datetime) -> date:
    return instant.astimezone(SHANGHAI).date()


def _set_deadline(field, day: date) -> None:
    field.FromDatetime(deadline_instant(day))


def _get_deadline(field) -> date:
    return deadline_day(field.ToDatetime(tzinfo=timezone.utc))


def _attachments_to(target, attachments) -> None:
    target.extend(PbAttachment(uri=a.uri, name=a.name, media_type=a.media_type, sha256=a.sha256)
                  for a in attachments)


def _attachments_from(source) -> tuple[Attachment, ...]:
    return tuple(Attachment(a.uri, a.name, a.media_type, a.sha256) for a in source)


def _encode(event: Any):
    if isinstance(event, ev.HazardReported):
        message = pb.HazardReported(
            hazard_id=event.hazard_id, ledger_no=event.ledger_no, enterprise_id=event.enterprise_id,
            enterprise_name=event.enterprise_name, jurisdiction_code=event.jurisdiction_code,
            source=_SOURCE[event.source], domain=event.domain, grade=_GRADE[event.grade],
            grade_basis=event.grade_basis, description=event.description, site=event.site,
            referred_by=event.referred_by, on_behalf_of=event.on_behalf_of,
            reporter_contact_sealed=event.reporter_contact_sealed)
        if event.campaign_id is not None:
            message.campaign_id = event.campaign_id
        if event.finding_id is not None:
            message.finding_id = event.finding_id
        if event.pool_review_id is not None:
            message.pool_review_id = event.pool_review_id
        _attachments_to(message.attachments, event.attachments)
        message.found_at.FromDatetime(event.found_at.astimezone(timezone.utc))
        return message
    if isinstance(event, ev.HazardAssigned):
        message = pb.HazardAssigned(hazard_id=event.hazard_id, responsible_unit=event.responsible_unit,
                                    responsible_person=event.responsible_person, instructions=event.instructions)
        _set_deadline(message.deadline, event.deadline)
        return message
    if isinstance(event, ev.RectificationPlanSubmitted):
        message = pb.RectificationPlanSubmitted(hazard_id=event.hazard_id, owner=event.owner,
                                                measures=list(event.measures), funding=event.funding,
                                                contingency_plan=event.contingency_plan)
        _set_deadline(message.deadline, event.deadline)
        return message
    if isinstance(event, ev.RectificationProgressed):
        message = pb.RectificationProgressed(hazard_id=event.hazard_id, note=event.note, percent=event.percent)
        _attachments_to(message.attachments, event.attachments)
        return message
    if isinstance(event, ev.RectificationCompleted):
        message = pb.RectificationCompleted(hazard_id=event.hazard_id, summary=event.summary)
        _attachments_to(message.attachments, event.attachments)
        return message
    if isinstance(event, ev.VerificationPassed):
        return pb.VerificationPassed(hazard_id=event.hazard_id, opinion=event.opinion)
    if isinstance(event, ev.VerificationFailed):
        return pb.VerificationFailed(hazard_id=event.hazard_id, reasons=list(event.reasons))
    if isinstance(event, ev.HazardClosed):
        return pb.HazardClosed(hazard_id=event.hazard_id, note=event.note)
    if isinstance(event, ev.HazardOverdue):
        message = pb.HazardOverdue(hazard_id=event.hazard_id, ledger_no=event.ledger_no,
                                   jurisdiction_code=event.jurisdiction_code, enterprise_id=event.enterprise_id)
        _set_deadline(message.deadline, event.deadline)
        return message
    if isinstance(event, ev.HazardListed):
        return pb.HazardListed(hazard_id=event.hazard_id, supervising_unit=event.supervising_unit,
                               reason=event.reason, supervisor=event.supervisor)
    if isinstance(event, ev.HazardConfirmed):
        return pb.HazardConfirmed(hazard_id=event.hazard_id, level=_LEVEL[event.level], note=event.note)
    if isinstance(event, ev.HazardRegraded):
        return pb.HazardRegraded(hazard_id=event.hazard_id, grade=_GRADE[event.grade],
                                 previous_grade=_GRADE[event.previous_grade], grade_basis=event.grade_basis)
    if isinstance(event, ev.HazardDeadlineExtended):
        message = pb.HazardDeadlineExtended(hazard_id=event.hazard_id, reason=event.reason)
        _set_deadline(message.previous_deadline, event.previous_deadline)
        _set_deadline(message.deadline, event.deadline)
        return message
    if isinstance(event, ev.ReporterContactUnsealRequested):
        return pb.ReporterContactUnsealRequested(hazard_id=event.hazard_id, reason=event.reason)
    if isinstance(event, ev.ReporterContactUnsealed):
        return pb.ReporterContactUnsealed(hazard_id=event.hazard_id)
    if isinstance(event, ev.ReportRewardFlagged):
        return pb.ReportRewardFlagged(hazard_id=event.hazard_id, reason=event.reason)
    if isinstance(event, ev.ReportRewardDecided):
        return pb.ReportRewardDecided(hazard_id=event.hazard_id, granted=event.granted, amount=event.amount,
                                      reason=event.reason)
    raise TypeError(f"no protobuf message for {type(event).__name__}")


def _decode(message: Any):
    name = type(message).__name__
    if name == "HazardReported":
        return ev.HazardReported(
            hazard_id=message.hazard_id, ledger_no=message.ledger_no, enterprise_id=message.enterprise_id,
            enterprise_name=message.enterprise_name, jurisdiction_code=message.jurisdiction_code,
            source=_invert(_SOURCE)[message.source], domain=message.domain, grade=_invert(_GRADE)[message.grade],
            grade_basis=message.grade_basis, description=message.description,
            found_at=message.found_at.ToDatetime(tzinfo=timezone.utc), site=message.site,
            campaign_id=message.campaign_id if message.HasField("campaign_id") else None,
            finding_id=message.finding_id if message.HasField("finding_id") else None,
            attachments=_attachments_from(message.attachments), referred_by=message.referred_by,
            pool_review_id=message.pool_review_id if message.HasField("pool_review_id") else None,
            on_behalf_of=message.on_behalf_of, reporter_contact_sealed=message.reporter_contact_sealed)
    if name == "HazardAssigned":
        return ev.HazardAssigned(message.hazard_id, message.responsible_unit, message.responsible_person,
                                 _get_deadline(message.deadline), message.instructions)
    if name == "RectificationPlanSubmitted":
        return ev.RectificationPlanSubmitted(message.hazard_id, message.owner, tuple(message.measures),
                                             message.funding, _get_deadline(message.deadline),
                                             message.contingency_plan)
    if name == "RectificationProgressed":
        return ev.RectificationProgressed(message.hazard_id, message.note, message.percent,
                                          _attachments_from(message.attachments))
    if name == "RectificationCompleted":
        return ev.RectificationCompleted(message.hazard_id, message.summary, _attachments_from(message.attachments))
    if name == "VerificationPassed":
        return ev.VerificationPassed(message.hazard_id, message.opinion)
    if name == "VerificationFailed":
        return ev.VerificationFailed(message.hazard_id, tuple(message.reasons))
    if name == "HazardClosed":
        return ev.HazardClosed(message.hazard_id, message.note)
    if name == "HazardOverdue":
        return ev.HazardOverdue(message.hazard_id, _get_deadline(message.deadline), message.ledger_no,
                                message.jurisdiction_code, message.enterprise_id)
    if name == "HazardListed":
        return ev.HazardListed(message.hazard_id, message.supervising_unit, message.reason, message.supervisor)
    if name == "HazardConfirmed":
        return ev.HazardConfirmed(message.hazard_id, _invert(_LEVEL)[message.level], message.note)
    if name == "HazardRegraded":
        return ev.HazardRegraded(message.hazard_id, _invert(_GRADE)[message.grade],
                                 _invert(_GRADE)[message.previous_grade], message.grade_basis)
    if name == "HazardDeadlineExtended":
        return ev.HazardDeadlineExtended(message.hazard_id, _get_deadline(message.previous_deadline),
                                         _get_deadline(message.deadline), message.reason)
    if name == "ReporterContactUnsealRequested":
        return ev.ReporterContactUnsealRequested(message.hazard_id, message.reason)
    if name == "ReporterContactUnsealed":
        return ev.ReporterContactUnsealed(message.hazard_id)
    if name == "ReportRewardFlagged":
        return ev.ReportRewardFlagged(message.hazard_id, message.reason)
    if name == "ReportRewardDecided":
        return ev.ReportRewardDecided(message.hazard_id, message.granted, message.amount, message.reason)
    raise TypeError(f"no domain event for {name}")


# The repository's codec: (ce_type, protobuf bytes) ↔ domain event.
CODEC = ProtobufCodec(pb, ev.ALL_EVENTS, _encode, _decode, "a hazard")
