"""The register's use cases: register, update, deregister and read enterprises, one transaction each."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from ecosafe_kit.auth.principal import Principal
from ecosafe_kit.auth.signing import signer_of
from ecosafe_kit.errors import Conflict, FieldProblem, Forbidden
from ecosafe_kit.eventstore import EventStore, Signer
from ecosafe_kit.repository import Repository
from ecosafe_kit.web.etag import check_if_match
from enforcement.adapters import case_queries, register_queries as q
from enforcement.adapters.codec import CODEC
from enforcement.adapters.projections import PROJECTIONS, STREAM_TYPE
from enforcement.domain.enterprise import Enterprise
from enforcement.domain.problems import refuse
from enforcement.domain.values import EnterpriseFacts
from enforcement.service_layer import permissions
from enforcement.service_layer.commands import EnterpriseInput, to_facts
from enforcement.service_layer.recording import record

_CREDIT_CODE_INDEX = "enf_enterprises_credit_code_registered"


@dataclass(frozen=True)
class Result:
    enterprise_id: str
    version: int
    changed_fields: tuple[str, ...] = ()


def refuse_if_closed(conn: Connection, enterprise_id: str, what: str) -> None:
    """A closed enterprise (责令关闭) stays in the register, visibly closed, and takes no new business: 409."""
    closure = case_queries.closure_of(conn, enterprise_id)
    if closure is not None:
        raise Conflict(f"企业已被{closure['government']}责令关闭 ({closure['document_no']}), 不能{what}",
                       extra={"enterprise_id": enterprise_id, "closure": closure})


def duplicate_credit_code(credit_code: str, existing_id: str | None) -> Conflict:
    return Conflict(f"统一社会信用代码 {credit_code} 已登记" + (f" (企业 {existing_id})" if existing_id else ""),
                    extra={"field": "credit_code", "enterprise_id": existing_id})


class EnterpriseRegister:
    """Entry point of every register use case; the composition root builds one per app."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.store = EventStore(engine)
        self.repository: Repository[Enterprise] = Repository(self.store, CODEC, Enterprise, STREAM_TYPE,
                                                             not_found="企业不存在")

    # ------------------------------------------------------------------ commands
    def register(self, principal: Principal, given: EnterpriseInput, enterprise_id: str | None = None) -> Result:
        """企业登记 by an officer or park operator, inside their jurisdiction or park; an admin migrating an
        existing register may keep its ids (`enterprise_id`)."""
        if enterprise_id is not None and not principal.is_admin:
            raise Forbidden("只有管理员 (迁移既有名录时) 可以指定企业标识", extra={"field": "enterprise_id"})
        facts, problems = to_facts(given)
        refuse(problems)
        with self.engine.begin() as conn:
            if enterprise_id is not None and q.one(conn, enterprise_id) is not None:
                raise Conflict(f"企业标识 {enterprise_id} 已被使用",
                               extra={"field": "enterprise_id", "enterprise_id": enterprise_id})
            return self.register_in(conn, principal, facts, enterprise_id or str(uuid.uuid4()))

    def register_in(self, conn: Connection, principal: Principal, facts: EnterpriseFacts,
                    enterprise_id: str) -> Result:
        """Register inside the caller's transaction (a bulk import registers many in one)."""
        enterprise = Enterprise.register(enterprise_id, facts)  # the rules first: a 422 names every field
        permissions.ensure_may_write(principal, facts.jurisdiction_code, facts.park_id)
        self._check_parent(conn, enterprise_id, facts.parent_enterprise_id)
        existing = q.registered_ids_by_credit_code(conn, [facts.credit_code])
        if existing:
            raise duplicate_credit_code(facts.credit_code, existing[facts.credit_code])
        self._save(conn, enterprise, signer_of(principal), facts.credit_code)
        return Result(enterprise_id, enterprise.version)

    def update(self, principal: Principal, enterprise_id: str, given: EnterpriseInput,
               expected_version: int | None) -> Result:
        """企业信息变更: the full new entry replaces the old; both must lie within the caller's reach."""
        facts, problems = to_facts(given)
        refuse(problems)
        with self.engine.begin() as conn:
            enterprise = self._load_visible(conn, principal, enterprise_id)
            check_if_match(expected_version, enterprise.version)
            assert enterprise.facts is not None
            permissions.ensure_may_write(principal, enterprise.facts.jurisdiction_code, enterprise.facts.park_id)
            refuse_if_closed(conn, enterprise_id, "变更登记信息")
            changed = enterprise.update(facts)
            if not changed:
                return Result(enterprise_id, enterprise.version)
            permissions.ensure_may_write(principal, facts.jurisdiction_code, facts.park_id)
            if "parent_enterprise_id" in changed:
                self._check_parent(conn, enterprise_id, facts.parent_enterprise_id)
            if "credit_code" in changed:
                existing = q.registered_ids_by_credit_code(conn, [facts.credit_code])
                if existing:
                    raise duplicate_credit_code(facts.credit_code, existing[facts.credit_code])
            self._save(conn, enterprise, signer_of(principal), facts.credit_code)
            return Result(enterprise_id, enterprise.version, tuple(changed))

    def deregister(self, principal: Principal, enterprise_id: str, reason: str,
                   expected_version: int | None) -> Result:
        """企业注销 with its reason."""
        with self.engine.begin() as conn:
            enterprise = self._load_visible(conn, principal, enterprise_id)
            check_if_match(expected_version, enterprise.version)
            assert enterprise.facts is not None
            permissions.ensure_may_write(principal, enterprise.facts.jurisdiction_code, enterprise.facts.park_id)
            enterprise.deregister(reason)
            self._save(conn, enterprise, signer_of(principal), enterprise.facts.credit_code)
            return Result(enterprise_id, enterprise.version)

    # ------------------------------------------------------------------ reads
    def get(self, principal: Principal, enterprise_id: str) -> dict:
        """The entry, with the people's government's closure decision when there is one."""
        with self.engine.connect() as conn:
            row = self._visible_row(conn, principal, enterprise_id)
            closure = case_queries.closure_of(conn, enterprise_id)
        return {**row, "closed": closure is not None, "closure": closure}

    def page(self, principal: Principal, narrowing: q.Filter, offset: int, limit: int) -> tuple[list[dict], int]:
        scope = permissions.read_scope(principal)
        with self.engine.connect() as conn:
            rows, total = q.page(conn, scope, narrowing, offset, limit)
            closed = case_queries.closed_among(conn, [r["enterprise_id"] for r in rows])
        return [{**r, "closed": r["enterprise_id"] in closed} for r in rows], total

    def history(self, principal: Principal, enterprise_id: str) -> dict:
        """Every change of the entry: when, what, who signed it, and the hash chain's verdict."""
        with self.engine.connect() as conn:
            self._visible_row(conn, principal, enterprise_id)
            stored = self.store.load(conn, enterprise_id)
            verdict = self.store.verify_stream(conn, enterprise_id)
        entries = []
        for event in stored:
            domain_event = CODEC.decode(event.event_type, event.payload)
            entries.append({
                "version": event.version, "event_type": event.event_type.rsplit(".", 1)[-1],
                "occurred_at": event.occurred_at, "signed_by": event.signer.as_dict(),
                "changed_fields": list(getattr(domain_event, "changed_fields", ())),
                "reason": getattr(domain_event, "reason", None), "hash": event.hash.hex(),
            })
        return {"enterprise_id": enterprise_id, "entries": entries, "chain_intact": verdict.ok}

    # ------------------------------------------------------------------ helpers
    @staticmethod
    def _visible_row(conn: Connection, principal: Principal, enterprise_id: str) -> dict:
        return permissions.visible_enterprise(conn, principal, enterprise_id)

    def _load_visible(self, conn: Connection, principal: Principal, enterprise_id: str) -> Enterprise:
        self._visible_row(conn, principal, enterprise_id)
        return self.repository.get(conn, enterprise_id)

    @staticmethod
    def _check_parent(conn: Connection, enterprise_id: str, parent_id: str | None) -> None:
        if parent_id is None:
            return
        parent = q.one(conn, parent_id)
        if parent is None or parent["status"] != "registered":
            refuse([FieldProblem("parent_enterprise_id", f"企业名录中没有在册企业 {parent_id}")])
        if enterprise_id in q.ancestors(conn, parent_id):
            refuse([FieldProblem("parent_enterprise_id", "上级企业不能是本企业的下级企业 (会形成循环)")])

    def _save(self, conn: Connection, enterprise: Enterprise, signer: Signer, credit_code: str) -> None:
        try:
            record(conn, self.repository, enterprise, signer, PROJECTIONS)
        except IntegrityError as exc:
            # A registration of the same code committed between our check and our insert.
            if _CREDIT_CODE_INDEX in str(exc.orig):
                raise duplicate_credit_code(credit_code, None) from exc
            raise

