"""Hazard, inspection, case, oversight, report obligation and incident events turned into the countable facts of
the reports (one per event)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timezone

from ecosafe.common.v1.common_pb2 import HazardGrade
from ecosafe.enforcement.v1 import case_pb2, inspection_pb2, oversight_pb2
from ecosafe.hazard.v1 import hazard_pb2
from ecosafe.notify.v1 import report_obligation_pb2 as obligation_pb2
from ecosafe.risk_map.v1 import incident_pb2
from ecosafe_kit.auth import jurisdiction
from ecosafe_kit.messaging.envelope import EventEnvelope
from enforcement.adapters.dates import day_start
from enforcement.domain.reports_dispatch import Fact

_SOURCE = {hazard_pb2.HAZARD_SOURCE_SELF_INSPECTION: "self_inspection",
           hazard_pb2.HAZARD_SOURCE_INSPECTION: "inspection",
           hazard_pb2.HAZARD_SOURCE_PUBLIC_REPORT: "public_report",
           hazard_pb2.HAZARD_SOURCE_SUPERIOR_REFERRAL: "superior_referral"}


def bureau_of(code: str) -> str:
    """The city or county bureau an area code belongs to ("" for none: an admin, a province)."""
    if not jurisdiction.is_valid_code(code):
        return ""
    level = jurisdiction.level_of(code)
    if level in (jurisdiction.Level.city, jurisdiction.Level.county):
        return code
    if level > jurisdiction.Level.county:
        return code[:6]
    return ""


def _grade(value: int) -> str:
    return "major" if value == HazardGrade.HAZARD_GRADE_MAJOR else "general"


def _at(message, name: str, envelope: EventEnvelope):
    return getattr(message, name).ToDatetime(tzinfo=timezone.utc) if message.HasField(name) else envelope.occurred_at


def _fact(envelope: EventEnvelope, kind: str, *, unit: str = "", enterprise_id: str = "", happened_at=None,
          campaign_id: str | None = None, **data) -> Fact:
    return Fact(fact_id=str(envelope.event_id), kind=kind, subject_id=envelope.stream_id, unit_code=unit,
                enterprise_id=enterprise_id, happened_at=happened_at or envelope.occurred_at,
                entered_at=envelope.occurred_at, campaign_id=campaign_id or None, data=data)


def _hazard_reported(e: EventEnvelope) -> Fact:
    m = hazard_pb2.HazardReported.FromString(e.payload)
    return _fact(e, "hazard_reported", unit=bureau_of(m.jurisdiction_code), enterprise_id=m.enterprise_id,
                 happened_at=_at(m, "found_at", e), campaign_id=m.campaign_id if m.HasField("campaign_id") else None,
                 source=_SOURCE.get(m.source, "other"), grade=_grade(m.grade), ledger_no=m.ledger_no,
                 finding_id=m.finding_id if m.HasField("finding_id") else None)


def _hazard_regraded(e: EventEnvelope) -> Fact:
    return _fact(e, "hazard_regraded", grade=_grade(hazard_pb2.HazardRegraded.FromString(e.payload).grade))


def _hazard_listed(e: EventEnvelope) -> Fact:
    m = hazard_pb2.HazardListed.FromString(e.payload)
    return _fact(e, "hazard_listed", supervising_unit=m.supervising_unit)


def _inspection_completed(e: EventEnvelope) -> Fact:
    m = inspection_pb2.InspectionCompleted.FromString(e.payload)
    return _fact(e, "inspection_completed", unit=bureau_of(m.bureau_code), enterprise_id=m.enterprise_id,
                 happened_at=_at(m, "completed_at", e),
                 campaign_id=m.campaign_id if m.HasField("campaign_id") else None,
                 violated=sorted(c.item for c in m.checklist if c.violated), finding_ids=list(m.finding_ids))


def _decided(m, e: EventEnvelope):
    """When a case measure happened: the start of the day its decision was made (决定书/文书), so a decision entered
    later counts in the month it was made; an event recorded before events carried the day, when it was recorded."""
    return day_start(date.fromisoformat(m.decided_on)) if m.decided_on else e.occurred_at


def _case(kind: str, message_class, **extract: Callable) -> Callable[[EventEnvelope], Fact]:
    def make(e: EventEnvelope) -> Fact:
        m = message_class.FromString(e.payload)
        return _fact(e, kind, unit=bureau_of(e.signer.jurisdiction), enterprise_id=m.enterprise_id,
                     happened_at=_decided(m, e), **{name: get(m) for name, get in extract.items()})
    return make


def _closure_decided(e: EventEnvelope) -> Fact:
    """关闭取缔: the people's government's closure decision, on the day it was decided."""
    m = case_pb2.ClosureDecided.FromString(e.payload)
    return _fact(e, "case_closure_decided", unit=bureau_of(e.signer.jurisdiction), enterprise_id=m.enterprise_id,
                 happened_at=_decided(m, e), document_no=m.document_no, government=m.government)


def _oversight(e: EventEnvelope) -> Fact:
    m = oversight_pb2.OversightActivityRecorded.FromString(e.payload)
    return _fact(e, "oversight", unit=m.bureau_code, happened_at=m.occurred_on.ToDatetime(tzinfo=timezone.utc),
                 enterprise_id=m.target if m.kind == "guidance_enterprise" else "",
                 campaign_id=m.campaign_id if m.HasField("campaign_id") else None,
                 activity_kind=m.kind, target=m.target, persons=m.persons, note=m.note)


def _obligation_created(e: EventEnvelope) -> Fact:
    m = obligation_pb2.ReportObligationCreated.FromString(e.payload)
    return _fact(e, "obligation_created", unit=m.jurisdiction_code, name=m.name, obligation_kind=m.kind,
                 due_time=m.due_time, due_weekday=m.due_weekday, due_day=m.due_day,
                 zero_report_allowed=m.zero_report_allowed, unit_codes=list(m.unit_codes))


def _report_submitted(e: EventEnvelope) -> Fact:
    m = obligation_pb2.ReportSubmitted.FromString(e.payload)
    return _fact(e, "report_submitted", unit=m.unit_code, period=m.period, zero_report=m.zero_report,
                 summary=m.summary)


def _report_missed(e: EventEnvelope) -> Fact:
    m = obligation_pb2.ReportMissed.FromString(e.payload)
    return _fact(e, "report_missed", unit=m.unit_code, period=m.period)


def _incident_reported(e: EventEnvelope) -> Fact:
    m = incident_pb2.IncidentReported.FromString(e.payload)
    return _fact(e, "incident_reported", unit=bureau_of(e.signer.jurisdiction),
                 enterprise_id=m.enterprise_id if m.HasField("enterprise_id") else "",
                 happened_at=_at(m, "occurred_at", e), level=incident_pb2.IncidentLevel.Name(m.level),
                 pollutant=m.pollutant, drill=m.drill)


def _incident_correlated(e: EventEnvelope) -> Fact:
    m = incident_pb2.IncidentCorrelated.FromString(e.payload)
    return _fact(e, "incident_correlated",
                 unit=bureau_of(m.jurisdiction_code) if m.HasField("jurisdiction_code") else "")


_MAKERS: dict[str, Callable[[EventEnvelope], Fact]] = {
    "ecosafe.hazard.v1.HazardReported": _hazard_reported,
    "ecosafe.hazard.v1.HazardRegraded": _hazard_regraded,
    "ecosafe.hazard.v1.HazardClosed": lambda e: _fact(e, "hazard_closed"),
    "ecosafe.hazard.v1.HazardListed": _hazard_listed,
    "ecosafe.hazard.v1.HazardOverdue": lambda e: _fact(e, "hazard_overdue"),
    "ecosafe.hazard.v1.HazardDeadlineExtended": lambda e: _fact(e, "hazard_deadline_extended"),
    "ecosafe.enforcement.v1.InspectionCompleted": _inspection_completed,
    "ecosafe.enforcement.v1.CaseOpened": _case("case_opened", case_pb2.CaseOpened,
                                               jurisdiction_code=lambda m: m.jurisdiction_code,
                                               origin=lambda m: m.origin),
    "ecosafe.enforcement.v1.PenaltyImposed": _case("case_penalty", case_pb2.PenaltyImposed,
                                                   decision_no=lambda m: m.decision_no,
                                                   amount_fen=lambda m: m.amount_fen, dual=lambda m: m.dual,
                                                   target=lambda m: m.target),
    "ecosafe.enforcement.v1.CaseReferred": _case("case_referred", case_pb2.CaseReferred,
                                                 persons=lambda m: len(m.persons),
                                                 dangerous_operation_crime=lambda m: m.dangerous_operation_crime),
    "ecosafe.enforcement.v1.SuspensionOrdered": _case("case_suspension", case_pb2.SuspensionOrdered),
    "ecosafe.enforcement.v1.ClosureProposed": _case("case_closure_proposed", case_pb2.ClosureProposed),
    "ecosafe.enforcement.v1.ClosureDecided": _closure_decided,
    "ecosafe.enforcement.v1.AdmonitionHeld": _case("case_admonition", case_pb2.AdmonitionHeld),
    "ecosafe.enforcement.v1.CaseExposed": _case("case_exposure", case_pb2.CaseExposed),
    "ecosafe.enforcement.v1.JointPunishmentDecided": _case("case_joint_punishment", case_pb2.JointPunishmentDecided),
    "ecosafe.enforcement.v1.TypicalCasePublished": _case(
        "case_typical", case_pb2.TypicalCasePublished, title=lambda m: m.title,
        dangerous_operation_crime=lambda m: m.dangerous_operation_crime),
    "ecosafe.enforcement.v1.OversightActivityRecorded": _oversight,
    "ecosafe.notify.v1.ReportObligationCreated": _obligation_created,
    "ecosafe.notify.v1.ReportSubmitted": _report_submitted,
    "ecosafe.notify.v1.ReportMissed": _report_missed,
    "ecosafe.risk_map.v1.IncidentReported": _incident_reported,
    "ecosafe.risk_map.v1.IncidentCorrelated": _incident_correlated,
}

EVENT_TYPES = frozenset(_MAKERS)


def fact_of(envelope: EventEnvelope) -> Fact | None:
    """The fact an event makes, or None for events the reports do not count."""
    make = _MAKERS.get(envelope.event_type)
    return make(envelope) if make else None
