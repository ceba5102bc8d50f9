"""Consumer handler: an enforcement FindingRecorded opens a hazard with source `inspection`, once per finding."""

from __future__ import annotations

from datetime import timezone

from sqlalchemy.engine import Connection

from ecosafe.common.v1.common_pb2 import HazardGrade
from ecosafe.enforcement.v1.finding_pb2 import FindingRecorded
from ecosafe_kit.eventstore import Signer
from ecosafe_kit.messaging.envelope import EventEnvelope
from hazard.adapters import waiting_for_enterprise
from hazard.domain.values import DOMAIN_LABELS, Attachment, Grade, Source
from hazard.service_layer import commands as c
from hazard.service_layer.hazards import HazardService, hazard_id_for_finding

FINDING_TYPE = "ecosafe.enforcement.v1.FindingRecorded"
KIND = "finding"


def domain_and_description(m: FindingRecorded) -> tuple[str, str]:
    """The hazard's domain: the finding's when this service knows the code, else `other`, with the code the finding
    carried kept in the description (a newer or older enforcement may send a code this ledger has no label for)."""
    if not m.domain:
        return "other", m.description
    if m.domain in DOMAIN_LABELS:
        return m.domain, m.description
    return "other", f"{m.description}\n(检查记录的领域代码「{m.domain}」不在隐患台账的领域之列, 按「其他」登记)"


def report_command(m: FindingRecorded) -> c.ReportHazard:
    # An unspecified grade is treated as general; the bureau confirms the grade when it assigns.
    grade = Grade.major if m.suggested_grade == HazardGrade.HAZARD_GRADE_MAJOR else Grade.general
    domain, description = domain_and_description(m)
    return c.ReportHazard(
        enterprise_id=m.enterprise_id, source=Source.inspection, domain=domain, grade=grade,
        grade_basis=m.grade_basis or "执法检查发现, 等级待核定", description=description,
        campaign_id=m.campaign_id if m.HasField("campaign_id") else None, finding_id=m.finding_id,
        found_at=m.found_at.ToDatetime(tzinfo=timezone.utc) if m.HasField("found_at") else None,
        attachments=tuple(Attachment(a.uri, a.name, a.media_type, a.sha256) for a in m.attachments))


def finding_opener(service: HazardService) -> waiting_for_enterprise.Opener:
    """Opens the hazard of a finding that waited for its enterprise (waiting_for_enterprise.open_waiting)."""

    def open_finding(conn: Connection, payload: bytes, signer: Signer) -> None:
        service.open_from_finding(conn, report_command(FindingRecorded.FromString(payload)), signer)

    return open_finding


def finding_handler(service: HazardService):
    """The handler for ConsumerSpec; the ConsumerRunner calls it inside its exactly-once transaction."""

    def handle(conn: Connection, envelope: EventEnvelope) -> None:
        if envelope.event_type != FINDING_TYPE:
            return  # other inspection events are not the hazard service's business
        m = FindingRecorded.FromString(envelope.payload)
        if waiting_for_enterprise.parked(conn, kind=KIND, hazard_id=hazard_id_for_finding(m.finding_id),
                                         enterprise_id=m.enterprise_id, envelope=envelope):
            return  # opened when the register has the enterprise
        # The inspector who recorded the finding signs the hazard it opens (谁检查、谁签名、谁负责).
        service.open_from_finding(conn, report_command(m), envelope.signer)

    handle.__name__ = "handle_finding"
    return handle
