"""The hazard use cases: intake from every channel and each step of the closed loop, one transaction each."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence

from sqlalchemy import select, text
from sqlalchemy.engine import Connection, Engine

from ecosafe_kit.auth import jurisdiction
from ecosafe_kit.auth.principal import Principal
from ecosafe_kit.auth.signing import signer_of
from ecosafe_kit.errors import ConcurrencyConflict, Conflict, FieldProblem, InvalidInput, PreconditionFailed
from ecosafe_kit.eventstore import EventStore, Signer, StoredEvent
from ecosafe_kit.messaging.envelope import source_for
from ecosafe_kit.projections import apply_stored
from ecosafe_kit.repository import Repository
from hazard.adapters import enterprises, ledger_numbers
from hazard.adapters.codec import CODEC
from hazard.adapters.projections import PROJECTIONS, STREAM_TYPE
from hazard.adapters.tables import ledger
from hazard.domain import times
from hazard.domain.hazard import Hazard
from hazard.domain.values import State
from hazard.service_layer import commands as c
from hazard.service_layer import permissions
from hazard.service_layer.clock import Clock

log = logging.getLogger(__name__)

SOURCE = source_for("hazard")
# Who signs what the system does by itself (the overdue sweep).
SYSTEM_SIGNER = Signer(subject="system:hazard-overdue", name="隐患逾期巡检", roles=("admin",), jurisdiction="")
# Hazards opened from findings get ids derived from the finding, so a redelivered finding maps to the same stream.
FINDING_NAMESPACE = uuid.UUID("3a0f6b52-8f2e-4c1d-9b7a-5e4c2d1f0a93")
# The same for pool reviews, in a namespace of their own so a review id can never collide with a finding id.
POOL_REVIEW_NAMESPACE = uuid.UUID("8c2d4e61-5b7a-4f09-a3c1-6d9e0b2f7a54")

_ASSIGNED = "ecosafe.hazard.v1.HazardAssigned"
UNSEAL_REQUESTED = "ecosafe.hazard.v1.ReporterContactUnsealRequested"
_STREAM_EXISTS = text("SELECT 1 FROM es_events WHERE stream_id = :id LIMIT 1")


def hazard_id_for_finding(finding_id: str) -> str:
    return str(uuid.uuid5(FINDING_NAMESPACE, finding_id))


def hazard_id_for_pool_review(review_id: str) -> str:
    return str(uuid.uuid5(POOL_REVIEW_NAMESPACE, review_id))


def _has_parent(enterprise: enterprises.Enterprise | None) -> bool:
    """Whether the register names a parent enterprise (上级主体企业), which then confirms between principal and bureau."""
    return bool(enterprise and enterprise.parent_enterprise_id)


def _check_if_match(expected: int | None, actual: int) -> None:
    if expected is not None and expected != actual:
        raise PreconditionFailed(
            f"If-Match 指定的版本 {expected} 与当前版本 {actual} 不一致, 请重新获取后再提交",
            extra={"expected_version": expected, "current_version": actual})


class HazardService:
    """Entry point of every hazard use case; the composition root builds one per app."""

    def __init__(self, engine: Engine, clock: Clock | None = None) -> None:
        self.engine = engine
        self.clock = clock or Clock()
        self.store = EventStore(engine)
        # The repository's 404 reads like permissions.hidden: unknown and out-of-reach hazards answer alike.
        self.repository: Repository[Hazard] = Repository(self.store, CODEC, Hazard, STREAM_TYPE, not_found="隐患不存在")

    def _save(self, conn: Connection, hazard: Hazard, signer: Signer, metadata: dict | None = None) -> list[StoredEvent]:
        stored = self.repository.save(conn, hazard, signer, metadata)
        apply_stored(conn, PROJECTIONS, stored, SOURCE)
        return stored

    @staticmethod
    def _result(hazard: Hazard) -> c.Result:
        return c.Result(hazard.id, hazard.ledger_no, hazard.version, hazard.state.value)

    # ------------------------------------------------------------------ intake
    def report(self, principal: Principal, command: c.ReportHazard) -> c.Result:
        """企业自查 / 部门执法检查 / 上级交办 by an authenticated user."""
        with self.engine.begin() as conn:
            enterprise = self.enterprise_or_422(conn, command.enterprise_id)
            permissions.authorize_report(principal, command.source, jurisdiction_code=enterprise.jurisdiction_code,
                                         enterprise_id=enterprise.enterprise_id)
            permissions.check_self_inspection(principal, command.source, enterprise_id=enterprise.enterprise_id,
                                              on_behalf_of=command.on_behalf_of)
            return self.report_in(conn, signer_of(principal), command, enterprise)

    def report_in(self, conn: Connection, signer: Signer, command: c.ReportHazard,
                  enterprise: enterprises.Enterprise, metadata: dict | None = None) -> c.Result:
        """Register a hazard inside the caller's transaction: number it, record it, project it."""
        now = self.clock.now()
        found_at = command.found_at or now
        problems = times.instant_problems("found_at", found_at, now=now)
        if problems:
            raise InvalidInput(f"发现时间无效: {problems[0].message}", problems)
        # The number is taken in this transaction: if anything below fails, it is given back with the rollback.
        ledger_no = ledger_numbers.allocate(conn, enterprise.jurisdiction_code, now)
        hazard = Hazard.report(
            hazard_id=command.hazard_id or str(uuid.uuid4()), ledger_no=ledger_no,
            enterprise_id=enterprise.enterprise_id, enterprise_name=enterprise.name,
            jurisdiction_code=enterprise.jurisdiction_code, source=command.source, domain=command.domain,
            grade=command.grade, grade_basis=command.grade_basis, description=command.description,
            found_at=found_at, site=command.site, campaign_id=command.campaign_id, finding_id=command.finding_id,
            attachments=command.attachments, referred_by=command.referred_by, pool_review_id=command.pool_review_id,
            on_behalf_of=command.on_behalf_of, reporter_contact_sealed=command.reporter_contact_sealed)
        self._save(conn, hazard, signer, metadata)
        return self._result(hazard)

    @staticmethod
    def enterprise_or_422(conn: Connection, enterprise_id: str) -> enterprises.Enterprise:
        enterprise = enterprises.find(conn, enterprise_id)
        if enterprise is None:
            raise InvalidInput(f"企业名录中没有企业 {enterprise_id}",
                               [FieldProblem("enterprise_id", f"企业名录中没有企业 {enterprise_id}")])
        if enterprise.deregistered_at is not None:
            # Its hazards stay in the ledger and run their course; a new one has no enterprise to answer for it.
            raise Conflict(f"企业 {enterprise.name} 已于 {enterprise.deregistered_at:%Y-%m-%d} 从企业名录注销 "
                           f"({enterprise.deregistered_reason}), 不能再登记新隐患",
                           extra={"field": "enterprise_id", "enterprise_id": enterprise_id,
                                  "deregistered_at": enterprise.deregistered_at.isoformat(),
                                  "deregistered_reason": enterprise.deregistered_reason})
        return enterprise

    def open_from_finding(self, conn: Connection, command: c.ReportHazard, signer: Signer) -> c.Result | None:
        """部门执法检查 finding → hazard (source inspection); a finding already opened is left alone (None)."""
        assert command.finding_id is not None
        return self._open_once(conn, hazard_id_for_finding(command.finding_id), command, signer,
                               {"findingid": command.finding_id})

    def open_from_pool_review(self, conn: Connection, command: c.ReportHazard, signer: Signer) -> c.Result | None:
        """应急池容积不足 raised on the risk map → hazard; a review already opened is left alone (None)."""
        assert command.pool_review_id is not None
        return self._open_once(conn, hazard_id_for_pool_review(command.pool_review_id), command, signer,
                               {"poolreviewid": command.pool_review_id})

    def _open_once(self, conn: Connection, hazard_id: str, command: c.ReportHazard, signer: Signer,
                   metadata: dict) -> c.Result | None:
        """Open the hazard `hazard_id` (derived from what it came from) unless its stream exists already."""
        if conn.execute(_STREAM_EXISTS, {"id": hazard_id}).first() is not None:
            return None  # delivered before: one finding or review never opens two hazards
        enterprise = self.enterprise_or_422(conn, command.enterprise_id)
        # A concurrent delivery that wins raises ConcurrencyConflict here; the whole transaction (the ledger
        # number included) rolls back and the consumer's retry finds the stream and stops above.
        return self.report_in(conn, signer, c.ReportHazard(**{**command.__dict__, "hazard_id": hazard_id}),
                              enterprise, metadata=metadata)

    # ------------------------------------------------------------------ the loop
    def _act(self, principal: Principal, hazard_id: str, expected_version: int | None, command_name: str,
             action, guard=None) -> c.Result:
        """One command: load, check who may (and `guard(conn, hazard)`, a further check or a lookup the decision
        needs), decide, save, project."""
        with self.engine.begin() as conn:
            hazard = self.repository.get(conn, hazard_id)
            enterprise = enterprises.find(conn, hazard.enterprise_id)
            park_id = enterprise.park_id if enterprise else None
            # Who may not even read the hazard gets the unknown id's 404, not a 403 that confirms it exists.
            permissions.authorize_read(principal, hazard_id, jurisdiction_code=hazard.jurisdiction_code,
                                       enterprise_id=hazard.enterprise_id, park_id=park_id,
                                       parent_enterprise_id=enterprise.parent_enterprise_id if enterprise else None)
            name = command_name(hazard) if callable(command_name) else command_name
            permissions.authorize(principal, name, jurisdiction_code=hazard.jurisdiction_code,
                                  enterprise_id=self._acting_enterprise(name, hazard, enterprise),
                                  park_id=park_id)
            if guard is not None:
                guard(conn, hazard)
            _check_if_match(expected_version, hazard.version)
            action(hazard, enterprise)
            self._save(conn, hazard, signer_of(principal))
            return self._result(hazard)

    @staticmethod
    def _acting_enterprise(command_name: str, hazard: Hazard, enterprise) -> str:
        # The parent enterprise's user confirms for its subsidiary: their token names the parent.
        if command_name == "confirm:parent":
            return (enterprise.parent_enterprise_id if enterprise else None) or ""
        return hazard.enterprise_id

    def assign(self, principal: Principal, hazard_id: str, command: c.Assign, if_match: int | None = None) -> c.Result:
        return self._act(principal, hazard_id, if_match, "assign", lambda h, e: h.assign(
            responsible_unit=command.responsible_unit, responsible_person=command.responsible_person,
            deadline=command.deadline, today=self.clock.today(), instructions=command.instructions,
            has_parent=_has_parent(e)))

    def extend_deadline(self, principal: Principal, hazard_id: str, command: c.ExtendDeadline,
                        if_match: int | None = None) -> c.Result:
        def assigning_bureau_only(conn: Connection, hazard: Hazard) -> None:
            permissions.authorize_assigning_bureau(principal, self._assigning_jurisdiction(conn, hazard))

        return self._act(principal, hazard_id, if_match, "extend_deadline", lambda h, _e: h.extend_deadline(
            deadline=command.deadline, reason=command.reason, today=self.clock.today()), guard=assigning_bureau_only)

    def _assigning_jurisdiction(self, conn: Connection, hazard: Hazard) -> str:
        """The jurisdiction of whoever signed the assignment; the hazard's own when that signer had none (an
        administrator)."""
        signers = self.signers_of(conn, hazard.id, _ASSIGNED)
        code = signers[-1].jurisdiction if signers else ""
        return code if jurisdiction.is_valid_code(code) else hazard.jurisdiction_code

    def signers_of(self, conn: Connection, hazard_id: str, event_type: str) -> list[Signer]:
        """Who signed each event of `event_type` on the hazard, in order: the signer is the store's, never the
        payload's, so rules about who did something read it here."""
        return [e.signer for e in self.store.load(conn, hazard_id) if e.event_type == event_type]

    # ------------------------------------------------------------------ whistleblower and reward
    def request_contact_unseal(self, principal: Principal, hazard_id: str, command: c.RequestContactUnseal,
                               if_match: int | None = None) -> c.Result:
        earlier: set[str] = set()

        def who_asked_before(conn: Connection, hazard: Hazard) -> None:
            earlier.update(s.subject for s in self.signers_of(conn, hazard.id, UNSEAL_REQUESTED))

        return self._act(principal, hazard_id, if_match, "request_contact_unseal",
                         lambda h, _e: h.request_contact_unseal(reason=command.reason, requester=principal.subject,
                                                                earlier_requesters=frozenset(earlier)),
                         guard=who_asked_before)

    def flag_reward(self, principal: Principal, hazard_id: str, command: c.FlagReward,
                    if_match: int | None = None) -> c.Result:
        return self._act(principal, hazard_id, if_match, "flag_reward",
                         lambda h, _e: h.flag_reward(reason=command.reason))

    def decide_reward(self, principal: Principal, hazard_id: str, command: c.DecideReward,
                      if_match: int | None = None) -> c.Result:
        return self._act(principal, hazard_id, if_match, "decide_reward", lambda h, _e: h.decide_reward(
            granted=command.granted, amount=command.amount, reason=command.reason))

    def submit_plan(self, principal: Principal, hazard_id: str, command: c.SubmitPlan,
                    if_match: int | None = None) -> c.Result:
        return self._act(principal, hazard_id, if_match, "submit_plan",
                         lambda h, _e: h.submit_plan(command.plan, today=self.clock.today()))

    def record_progress(self, principal: Principal, hazard_id: str, command: c.RecordProgress,
                        if_match: int | None = None) -> c.Result:
        return self._act(principal, hazard_id, if_match, "record_progress", lambda h, _e: h.record_progress(
            note=command.note, percent=command.percent, attachments=command.attachments))

    def complete(self, principal: Principal, hazard_id: str, command: c.Complete,
                 if_match: int | None = None) -> c.Result:
        return self._act(principal, hazard_id, if_match, "complete",
                         lambda h, _e: h.complete(summary=command.summary, attachments=command.attachments))

    def verify(self, principal: Principal, hazard_id: str, command: c.Verify, if_match: int | None = None) -> c.Result:
        def action(h: Hazard, _e) -> None:
            if command.passed:
                h.pass_verification(opinion=command.opinion)
            else:
                h.fail_verification(reasons=command.reasons)
        return self._act(principal, hazard_id, if_match, "verify", action)

    def close(self, principal: Principal, hazard_id: str, command: c.Close, if_match: int | None = None) -> c.Result:
        return self._act(principal, hazard_id, if_match, lambda h: permissions.close_command(h.grade),
                         lambda h, e: h.close(note=command.note, has_parent=_has_parent(e)))

    def list_for_supervision(self, principal: Principal, hazard_id: str, command: c.ListForSupervision,
                             if_match: int | None = None) -> c.Result:
        return self._act(principal, hazard_id, if_match, "list", lambda h, _e: h.list_for_supervision(
            supervising_unit=command.supervising_unit, reason=command.reason, supervisor=command.supervisor))

    def regrade(self, principal: Principal, hazard_id: str, command: c.Regrade,
                if_match: int | None = None) -> c.Result:
        return self._act(principal, hazard_id, if_match, lambda h: permissions.regrade_command(h.grade, command.grade),
                         lambda h, _e: h.regrade(grade=command.grade, grade_basis=command.grade_basis))

    def confirm(self, principal: Principal, hazard_id: str, command: c.Confirm, if_match: int | None = None) -> c.Result:
        return self._act(principal, hazard_id, if_match, permissions.confirm_command(command.level),
                         lambda h, e: h.confirm(command.level, has_parent=_has_parent(e), note=command.note))

    # ------------------------------------------------------------------ overdue
    def sweep_overdue(self, hazard_ids: Sequence[str] | None = None) -> list[str]:
        """Record HazardOverdue for every open hazard past its deadline (Asia/Shanghai); returns their ids."""
        today = self.clock.today()
        due = (select(ledger.c.hazard_id)
               .where(ledger.c.state.in_([State.assigned.value, State.rectifying.value]),
                      ledger.c.overdue.is_(False), ledger.c.deadline < today)
               .order_by(ledger.c.deadline).limit(1000))
        if hazard_ids is not None:
            due = due.where(ledger.c.hazard_id.in_(list(hazard_ids)))
        with self.engine.connect() as conn:
            candidates = list(conn.execute(due).scalars())
        marked = []
        for hazard_id in candidates:
            try:
                with self.engine.begin() as conn:
                    hazard = self.repository.get(conn, hazard_id)
                    if hazard.mark_overdue_if_due(today=today):
                        self._save(conn, hazard, SYSTEM_SIGNER)
                        marked.append(hazard_id)
            except ConcurrencyConflict:
                # Another replica's sweep or a user's command got there first; the next sweep looks again.
                log.info("overdue sweep: %s changed concurrently, will look again next sweep", hazard_id)
        return marked
