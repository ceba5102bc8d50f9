"""The inspector roster (执法检查人员名录库): enrol inspectors, declare conflicts of interest, list a bureau's."""

from __future__ import annotations

from sqlalchemy.engine import Engine

from ecosafe_kit.auth import jurisdiction
from ecosafe_kit.auth.principal import Principal
from ecosafe_kit.auth.signing import signer_of
from ecosafe_kit.errors import Conflict, FieldProblem, Forbidden, InvalidInput, NotFound
from ecosafe_kit.eventstore import EventStore
from ecosafe_kit.repository import Repository
from enforcement.adapters import campaign_queries as q, register_queries
from enforcement.adapters.campaign_codec import INSPECTOR_CODEC
from enforcement.adapters.campaign_projections import INSPECTOR_STREAM, PROJECTIONS
from enforcement.domain.inspector import Inspector
from enforcement.service_layer.campaign_permissions import ensure_may_organise, sees_area, valid_area
from enforcement.service_layer.recording import record


class Roster:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.repository: Repository[Inspector] = Repository(EventStore(engine), INSPECTOR_CODEC, Inspector,
                                                            INSPECTOR_STREAM, not_found="检查人员不在名录库中")

    def enroll(self, principal: Principal, inspector_id: str, name: str, jurisdiction_code: str) -> None:
        """入库: a bureau enrols its inspector (the user id their token carries) once."""
        valid_area(jurisdiction_code, "jurisdiction_code")
        ensure_may_organise(principal, jurisdiction_code, "管理执法检查人员名录库")
        inspector = Inspector.enroll(inspector_id, name, jurisdiction_code)
        with self.engine.begin() as conn:
            if q.inspector(conn, inspector_id) is not None:
                raise Conflict(f"检查人员 {inspector_id} 已在名录库中", extra={"inspector_id": inspector_id})
            record(conn, self.repository, inspector, signer_of(principal), PROJECTIONS)

    def declare_conflict(self, principal: Principal, inspector_id: str, enterprise_id: str, reason: str) -> None:
        """利害关系申报, by the inspector themself or an officer of their bureau; the enterprise must be registered."""
        with self.engine.begin() as conn:
            row = q.inspector(conn, inspector_id)
            if row is None or not sees_area(principal, row["jurisdiction_code"]):
                raise NotFound(f"检查人员不在名录库中: {inspector_id}", extra={"id": inspector_id})
            if principal.subject != inspector_id:
                ensure_may_organise(principal, row["jurisdiction_code"], "代为申报利害关系")
            enterprise = register_queries.one(conn, enterprise_id)
            if enterprise is None or enterprise["status"] != "registered":
                raise InvalidInput(f"企业名录中没有在册企业 {enterprise_id}",
                                   [FieldProblem("enterprise_id", f"企业名录中没有在册企业 {enterprise_id}")])
            inspector = self.repository.get(conn, inspector_id)
            inspector.declare_conflict(enterprise_id, reason)
            record(conn, self.repository, inspector, signer_of(principal), PROJECTIONS)

    def listing(self, principal: Principal, jurisdiction_code: str) -> list[dict]:
        """The inspectors of an area with their declared conflicts (government users of an area containing it)."""
        valid_area(jurisdiction_code, "query.jurisdiction")
        if not principal.is_admin and not (principal.jurisdiction and principal.covers(jurisdiction_code)):
            raise Forbidden(f"超出您的管辖范围: 无权查看辖区 {jurisdiction_code} 的检查人员")
        with self.engine.connect() as conn:
            people = q.inspectors_in(conn, jurisdiction.area_prefix(jurisdiction_code))
            declared = q.conflicts_of(conn, [p["inspector_id"] for p in people])
        by_inspector: dict[str, list[dict]] = {}
        for c in declared:
            by_inspector.setdefault(c["inspector_id"], []).append(
                {"enterprise_id": c["enterprise_id"], "reason": c["reason"], "declared_at": c["declared_at"]})
        return [{**p, "conflicts": by_inspector.get(p["inspector_id"], [])} for p in people]
