"""Consumer handler: a risk-map PoolShortfallRaised opens a hazard (domain pollution_control), once per review."""

from __future__ import annotations

from datetime import timezone

from sqlalchemy.engine import Connection

from ecosafe.risk_map.v1.pool_review_pb2 import PoolShortfallRaised
from ecosafe_kit.auth.principal import GOVERNMENT_ROLES, Role
from ecosafe_kit.errors import FieldProblem, InvalidInput
from ecosafe_kit.eventstore import Signer
from ecosafe_kit.messaging.envelope import EventEnvelope
from hazard.adapters import waiting_for_enterprise
from hazard.domain.values import Grade, Source
from hazard.service_layer import commands as c
from hazard.service_layer.hazards import HazardService, hazard_id_for_pool_review

POOL_SHORTFALL_TYPE = PoolShortfallRaised.DESCRIPTOR.full_name
DOMAIN = "pollution_control"
SITE = "事故应急池"
KIND = "pool_review"
_REGULATOR_ROLES = frozenset(r.value for r in GOVERNMENT_ROLES)


def _m3(value: float) -> str:
    """A volume as people write it: 1200 m³, 37.5 m³ (one decimal at most)."""
    return f"{value:.1f}".removesuffix(".0")


def source_of(raised_by_role: str) -> Source:
    """The channel, by who raised it on the map: a regulator's raise is 部门执法检查, the enterprise's own user's is
    企业自查, a park operator's is its park's referral to the bureau (上级交办: the park's management, not the
    enterprise, found it). Any other role (an admin, none) is refused: counting it as 企业自查 would credit the
    enterprise with a finding it did not make (the monthly dispatch table counts 企业自查 as the enterprise's)."""
    if raised_by_role in _REGULATOR_ROLES:
        return Source.inspection
    if raised_by_role == Role.enterprise_user:
        return Source.self_inspection
    if raised_by_role == Role.park_operator:
        return Source.superior_referral
    message = f"无法确定应急池容积不足隐患的来源: 提出人的角色 {raised_by_role!r} 不是监管部门、企业或园区"
    raise InvalidInput(message, [FieldProblem("raised_by_role", "应为监管部门、企业用户或园区管理角色")])


def referred_by(m: PoolShortfallRaised) -> str:
    """交办单位 of a park operator's raise: the park's management, on whose behalf its operator raised it (the
    operator, who raised it, signs the hazard)."""
    park = f"园区 {m.park_id}" if m.HasField("park_id") and m.park_id else "企业所在园区"
    return f"{park} 管理机构 (园区管理人员在风险地图上提出)"


def report_command(m: PoolShortfallRaised, found_at) -> c.ReportHazard:
    """The hazard a shortfall opens: general, its grade basis and description naming the figures; a park's raise
    names the park as the referring unit."""
    figures = (f"所需事故水量 (V1+V2−V3)max+V4+V5 = {_m3(m.required_volume_m3)} m³, "
               f"应急池总容积 {_m3(m.capacity_m3)} m³, 缺口 {_m3(m.shortfall_m3)} m³")
    basis = f"事故应急池容积不足: {figures}"
    if m.note.strip():
        basis += f"; {m.note.strip()}"
    description = f"事故应急池容积不足, 缺口 {_m3(m.shortfall_m3)} m³ ({figures})。"
    if m.explanation.strip():
        description += f"核算说明: {m.explanation.strip()}"
    source = source_of(m.raised_by_role)
    return c.ReportHazard(
        enterprise_id=m.enterprise_id, source=source, domain=DOMAIN, grade=Grade.general,
        grade_basis=basis, description=description, site=SITE, found_at=found_at, pool_review_id=m.review_id,
        referred_by=referred_by(m) if source is Source.superior_referral else "")


def _found_at(service: HazardService, m: PoolShortfallRaised):
    if not m.HasField("computed_at"):
        return None
    # A computation stamped a little ahead of this host's clock is still a valid finding, not one the service must
    # refuse (and dead-letter) as "found in the future".
    return min(m.computed_at.ToDatetime(tzinfo=timezone.utc), service.clock.now())


def pool_review_opener(service: HazardService) -> waiting_for_enterprise.Opener:
    """Opens the hazard of a shortfall that waited for its enterprise (waiting_for_enterprise.open_waiting)."""

    def open_pool_review(conn: Connection, payload: bytes, signer: Signer) -> None:
        m = PoolShortfallRaised.FromString(payload)
        service.open_from_pool_review(conn, report_command(m, _found_at(service, m)), signer)

    return open_pool_review


def pool_review_handler(service: HazardService):
    """The handler for ConsumerSpec; the ConsumerRunner calls it inside its exactly-once transaction."""

    def handle(conn: Connection, envelope: EventEnvelope) -> None:
        if envelope.event_type != POOL_SHORTFALL_TYPE:
            return  # other pool-review events are not the hazard service's business
        m = PoolShortfallRaised.FromString(envelope.payload)
        if not m.review_id:
            # Every review without an id would map to one hazard id; such a message goes to the dead letters.
            raise InvalidInput("应急池容积核算缺少 review_id", [FieldProblem("review_id", "缺少核算标识")])
        source_of(m.raised_by_role)  # an unknown raiser goes to the dead letters now, not after waiting for the register
        if waiting_for_enterprise.parked(conn, kind=KIND, hazard_id=hazard_id_for_pool_review(m.review_id),
                                         enterprise_id=m.enterprise_id, envelope=envelope):
            return  # opened when the register has the enterprise
        # The user who raised the shortfall on the map signs the hazard it opens (谁检查、谁签名、谁负责).
        service.open_from_pool_review(conn, report_command(m, _found_at(service, m)), envelope.signer)

    handle.__name__ = "handle_pool_review"
    return handle
