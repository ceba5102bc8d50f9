"""The Hazard aggregate: one hazard's closed loop, its plan, confirmations, listing and overdue flag."""

from __future__ import annotations

from datetime import date, datetime

from ecosafe_kit.domain import Aggregate
from ecosafe_kit.errors import Conflict, FieldProblem, InvalidInput
from hazard.domain import transitions
from hazard.domain.events import (
    HazardAssigned, HazardDeadlineExtended, ReportRewardDecided, ReportRewardFlagged, ReporterContactUnsealed,
    ReporterContactUnsealRequested, HazardClosed, HazardConfirmed, HazardListed, HazardOverdue, HazardRegraded, HazardReported,
    RectificationCompleted, RectificationPlanSubmitted, RectificationProgressed, VerificationFailed,
    VerificationPassed,
)
from hazard.domain.values import Attachment, ConfirmationLevel, Grade, RectificationPlan, Source, State


# 两人启封: a whistleblower's contact is unsealed only when this many different officers have asked for it.
CONTACT_UNSEAL_REQUESTS = 2


def confirmation_order(*, has_parent: bool) -> list[ConfirmationLevel]:
    """两级确认 in seed 003's order: principal, the parent enterprise (where there is one), the bureau."""
    levels = [ConfirmationLevel.principal, ConfirmationLevel.parent, ConfirmationLevel.bureau]
    return [level for level in levels if has_parent or level is not ConfirmationLevel.parent]


def missing_confirmations(signed, *, has_parent: bool) -> list[ConfirmationLevel]:
    """The levels not in `signed` yet, in order."""
    return [level for level in confirmation_order(has_parent=has_parent) if level not in signed]


def needs_confirmation(source: Source | None, grade: Grade | None) -> bool:
    """Whether later steps wait for 两级确认: seed 003 confirms the 重大隐患清单 an enterprise draws up on
    self-inspection, so a major, self-found hazard."""
    return source is Source.self_inspection and grade is Grade.major


def _required(problems: list[FieldProblem], field: str, value: str | None, message: str) -> None:
    if not (value or "").strip():
        problems.append(FieldProblem(field, message))


def _refuse(problems: list[FieldProblem]) -> None:
    if problems:
        raise InvalidInput("；".join(p.message for p in problems), problems)


class Hazard(Aggregate):
    """事故隐患: state is the fold of its events; commands check the rules, then record one event each."""

    def _init_state(self) -> None:
        self.ledger_no = ""
        self.enterprise_id = ""
        self.enterprise_name = ""
        self.jurisdiction_code = ""
        self.source: Source | None = None
        self.grade: Grade | None = None
        # A public report's grade is provisional until the bureau has judged it (regraded or confirmed it).
        self.grade_pending = False
        self.domain = ""
        self.state = State.reported
        # The bureau's deadline (assigned, or extended since); a plan may set an earlier one, which is then in force.
        self.assigned_deadline: date | None = None
        self._deadline: date | None = None
        self.plan: RectificationPlan | None = None
        self.verification_passed = False
        self.overdue = False
        self.listed = False
        self.confirmations: set[ConfirmationLevel] = set()
        self.contact_sealed = False
        self.contact_unsealed = False
        self.reward_flagged = False
        self.reward_granted: bool | None = None

    # ------------------------------------------------------------------ intake
    @classmethod
    def report(cls, *, hazard_id: str, ledger_no: str, enterprise_id: str, enterprise_name: str,
               jurisdiction_code: str, source: Source, domain: str, grade: Grade, grade_basis: str,
               description: str, found_at: datetime, site: str = "", campaign_id: str | None = None,
               finding_id: str | None = None, attachments: tuple[Attachment, ...] = (),
               referred_by: str = "", pool_review_id: str | None = None, on_behalf_of: str = "",
               reporter_contact_sealed: bool = False) -> Hazard:
        """发现: a hazard enters the ledger; a grade needs its basis, a description is required."""
        problems: list[FieldProblem] = []
        _required(problems, "grade_basis", grade_basis, "必须写明隐患等级的判定依据")
        _required(problems, "description", description, "必须描述隐患情况")
        _required(problems, "domain", domain, "必须写明隐患所属领域")
        if source is Source.superior_referral:
            _required(problems, "referred_by", referred_by, "上级交办的隐患必须写明交办单位")
        if on_behalf_of.strip() and source is not Source.self_inspection:
            problems.append(FieldProblem("on_behalf_of", "只有企业自查的隐患可以由部门代企业登记"))
        if reporter_contact_sealed and source is not Source.public_report:
            problems.append(FieldProblem("contact", "只有群众举报可以留下举报人联系方式"))
        _refuse(problems)
        hazard = cls(hazard_id)
        hazard._init_state()
        hazard._record(HazardReported(
            hazard_id=hazard_id, ledger_no=ledger_no, enterprise_id=enterprise_id, enterprise_name=enterprise_name,
            jurisdiction_code=jurisdiction_code, source=source, domain=domain, grade=grade,
            grade_basis=grade_basis.strip(), description=description.strip(), found_at=found_at, site=site,
            campaign_id=campaign_id, finding_id=finding_id, attachments=tuple(attachments), referred_by=referred_by,
            pool_review_id=pool_review_id, on_behalf_of=on_behalf_of.strip(),
            reporter_contact_sealed=reporter_contact_sealed))
        return hazard

    # ------------------------------------------------------------------ the loop
    @property
    def deadline(self) -> date | None:
        """The deadline in force: the latest of the assignment, the plan (never later than the bureau's) and an
        extension, in the order they were recorded."""
        return self._deadline

    @property
    def is_open(self) -> bool:
        return self.state is not State.closed

    def assign(self, *, responsible_unit: str, responsible_person: str, deadline: date, today: date,
               instructions: str = "", has_parent: bool = False) -> None:
        """交办: to a responsible unit and person with a deadline not in the past; a self-found major hazard only
        once its two-level confirmation is complete (`has_parent`: the register names a parent enterprise)."""
        transitions.check("assign", self.state)
        self._require_confirmation("assign", has_parent=has_parent)
        problems: list[FieldProblem] = []
        _required(problems, "responsible_unit", responsible_unit, "必须写明责任单位")
        _required(problems, "responsible_person", responsible_person, "必须写明责任人")
        if deadline < today:
            problems.append(FieldProblem("deadline", f"整改期限 {deadline} 早于今天 {today}"))
        _refuse(problems)
        self._record(HazardAssigned(self.id, responsible_unit.strip(), responsible_person.strip(), deadline,
                                    instructions))

    def submit_plan(self, plan: RectificationPlan, *, today: date) -> None:
        """整改方案: refused unless it names all of 五到位 (each missing item named)."""
        transitions.check("submit_plan", self.state)
        problems = plan.problems(today, latest=self.assigned_deadline)
        if problems:
            missing = "、".join(p.field.removeprefix("plan.") for p in problems)
            raise InvalidInput(f"整改方案不符合\"五到位\"要求({missing}): " + "；".join(p.message for p in problems),
                               problems)
        assert plan.owner and plan.funding is not None and plan.deadline and plan.contingency_plan
        self._record(RectificationPlanSubmitted(
            self.id, plan.owner.strip(), tuple(m.strip() for m in plan.measures if m.strip()), plan.funding,
            plan.deadline, plan.contingency_plan.strip()))

    def record_progress(self, *, note: str, percent: int, attachments: tuple[Attachment, ...] = ()) -> None:
        """整改进展."""
        transitions.check("record_progress", self.state)
        problems: list[FieldProblem] = []
        _required(problems, "note", note, "必须说明整改进展")
        if not 0 <= percent <= 100:
            problems.append(FieldProblem("percent", "完成比例应在 0 到 100 之间"))
        _refuse(problems)
        self._record(RectificationProgressed(self.id, note.strip(), percent, tuple(attachments)))

    def complete(self, *, summary: str, attachments: tuple[Attachment, ...]) -> None:
        """整改完成: with a summary and at least one piece of evidence."""
        transitions.check("complete", self.state)
        problems: list[FieldProblem] = []
        _required(problems, "summary", summary, "必须说明整改完成情况")
        if not attachments:
            problems.append(FieldProblem("attachments", "报告整改完成必须附整改证明材料(照片或文件)"))
        _refuse(problems)
        self._record(RectificationCompleted(self.id, summary.strip(), tuple(attachments)))

    def pass_verification(self, *, opinion: str) -> None:
        """督查验收通过: the hazard may then be closed (销号)."""
        transitions.check("pass_verification", self.state)
        if self.verification_passed:
            raise Conflict("督查验收已通过, 待销号", extra={"state": self.state.value})
        problems: list[FieldProblem] = []
        _required(problems, "opinion", opinion, "必须填写验收意见")
        _refuse(problems)
        self._record(VerificationPassed(self.id, opinion.strip()))

    def fail_verification(self, *, reasons: tuple[str, ...]) -> None:
        """督查验收不通过: back to rectification, with the reasons."""
        transitions.check("fail_verification", self.state)
        if self.verification_passed:
            raise Conflict("督查验收已通过, 不能再判为不通过", extra={"state": self.state.value})
        kept = tuple(r.strip() for r in reasons if r.strip())
        if not kept:
            raise InvalidInput("验收不通过必须写明原因", [FieldProblem("reasons", "至少写明一条不通过的原因")])
        self._record(VerificationFailed(self.id, kept))

    def close(self, *, note: str = "", has_parent: bool = False) -> None:
        """销号: only after verification passed (who may sign it is decided by the service layer's permissions), and
        for a self-found major hazard only once its two-level confirmation is complete (it may have been assigned
        before that was required, or regraded to major since)."""
        transitions.check("close", self.state)
        self._require_confirmation("close", has_parent=has_parent)
        if not self.verification_passed:
            raise Conflict("督查验收尚未通过, 不能销号; 请先完成督查验收",
                           extra={"state": self.state.value, "verification_passed": False})
        self._record(HazardClosed(self.id, note))

    def extend_deadline(self, *, deadline: date, reason: str, today: date) -> None:
        """整改延期: the bureau gives more time, with a reason (who may is the service layer's business)."""
        transitions.check("extend_deadline", self.state)
        assert self.assigned_deadline is not None  # every state that allows it comes after the assignment
        problems: list[FieldProblem] = []
        _required(problems, "reason", reason, "整改延期必须写明理由")
        if deadline <= self.assigned_deadline:
            problems.append(FieldProblem("deadline",
                                         f"新的整改期限 {deadline} 须晚于现行整改期限 {self.assigned_deadline}"))
        elif deadline < today:
            problems.append(FieldProblem("deadline", f"新的整改期限 {deadline} 早于今天 {today}"))
        _refuse(problems)
        self._record(HazardDeadlineExtended(self.id, self.assigned_deadline, deadline, reason.strip()))

    # ------------------------------------------------------------------ whistleblower (举报人) and reward
    def request_contact_unseal(self, *, reason: str, requester: str, earlier_requesters: frozenset[str]) -> None:
        """申请启封: an officer asks, with a reason, to read the reporter's sealed contact; the second different
        officer's request unseals it. `earlier_requesters`: who asked before (the store knows its signers)."""
        transitions.check("request_contact_unseal", self.state)
        if not self.contact_sealed:
            raise Conflict("该隐患没有密封的举报人联系方式", extra={"reporter_contact": "none"})
        if requester in earlier_requesters:
            raise Conflict("您已申请过启封; 须由另一名工作人员再提出申请", extra={"requesters": len(earlier_requesters)})
        problems: list[FieldProblem] = []
        _required(problems, "reason", reason, "申请启封举报人联系方式必须写明理由")
        _refuse(problems)
        self._record(ReporterContactUnsealRequested(self.id, reason.strip()))
        if not self.contact_unsealed and len(earlier_requesters) + 1 >= CONTACT_UNSEAL_REQUESTS:
            self._record(ReporterContactUnsealed(self.id))

    def flag_reward(self, *, reason: str) -> None:
        """举报奖励标记: a public report found true may earn its reporter a reward; once."""
        transitions.check("flag_reward", self.state)
        if self.source is not Source.public_report:
            raise Conflict("只有群众举报可以给予举报奖励", extra={"source": self.source.value if self.source else None})
        if self.reward_flagged:
            raise Conflict("该举报已标记举报奖励", extra={"reward": "flagged"})
        problems: list[FieldProblem] = []
        _required(problems, "reason", reason, "标记举报奖励必须写明理由")
        _refuse(problems)
        self._record(ReportRewardFlagged(self.id, reason.strip()))

    def decide_reward(self, *, granted: bool, amount: int, reason: str) -> None:
        """举报奖励决定: granted (with an amount in yuan) or refused, once, after the flag."""
        transitions.check("decide_reward", self.state)
        if not self.reward_flagged:
            raise Conflict("须先标记举报奖励, 再作出决定", extra={"reward": None})
        if self.reward_granted is not None:
            raise Conflict("举报奖励已作出决定", extra={"reward": "granted" if self.reward_granted else "refused"})
        problems: list[FieldProblem] = []
        _required(problems, "reason", reason, "举报奖励决定必须写明理由")
        if granted and amount <= 0:
            problems.append(FieldProblem("amount", "给予奖励时须写明奖励金额 (元, 大于 0)"))
        if not granted and amount != 0:
            problems.append(FieldProblem("amount", "不予奖励时金额应为 0"))
        _refuse(problems)
        self._record(ReportRewardDecided(self.id, granted, amount, reason.strip()))

    # ------------------------------------------------------------------ supervision
    def list_for_supervision(self, *, supervising_unit: str, reason: str, supervisor: str) -> None:
        """挂牌督办: once per hazard."""
        transitions.check("list", self.state)
        if self.listed:
            raise Conflict("该隐患已挂牌督办", extra={"listed": True})
        problems: list[FieldProblem] = []
        _required(problems, "supervising_unit", supervising_unit, "必须写明督办单位")
        _required(problems, "supervisor", supervisor, "必须写明督办责任人(谁检查、谁签名、谁负责)")
        _refuse(problems)
        self._record(HazardListed(self.id, supervising_unit.strip(), reason.strip(), supervisor.strip()))

    def regrade(self, *, grade: Grade, grade_basis: str) -> None:
        """重新定级: an open hazard gets another grade and its basis (who may do it is decided by the permissions).

        A public report's provisional grade may also be confirmed as it is: the same grade, now with the bureau's basis."""
        transitions.check("regrade", self.state)
        problems: list[FieldProblem] = []
        if grade is self.grade and not self.grade_pending:
            problems.append(FieldProblem("grade", f"隐患等级已是{grade.label}, 无需重新定级"))
        _required(problems, "grade_basis", grade_basis, "重新定级必须写明定级依据")
        _refuse(problems)
        assert self.grade is not None
        self._record(HazardRegraded(self.id, grade, self.grade, grade_basis.strip()))

    def confirm(self, level: ConfirmationLevel, *, has_parent: bool, note: str = "") -> None:
        """两级确认 of a self-reported hazard, in order: the principal signs, then the parent enterprise (where the
        register names one), then the bureau; each level once."""
        transitions.check("confirm", self.state)
        if self.source is not Source.self_inspection:
            raise Conflict("只有企业自查发现的隐患需要两级确认", extra={"source": self.source.value if self.source else None})
        if level in self.confirmations:
            raise Conflict(f"{level.label}已完成, 不能重复确认", extra={"level": level.value})
        if level is ConfirmationLevel.parent and not has_parent:
            raise Conflict("该企业没有上级主体企业, 无需上级确认", extra={"level": level.value})
        order = confirmation_order(has_parent=has_parent)
        missing = [earlier for earlier in order[:order.index(level)] if earlier not in self.confirmations]
        if missing:
            names = "、".join(m.label for m in missing)
            raise Conflict(f"两级确认须依次进行: {level.label}之前尚缺{names} (企业主要负责人签字后报上级主体企业和属地生态环境部门审核确认)",
                           extra={"level": level.value, "missing": [m.value for m in missing]})
        self._record(HazardConfirmed(self.id, level, note))

    def missing_confirmations(self, *, has_parent: bool) -> list[ConfirmationLevel]:
        """The levels still to sign, in order."""
        return missing_confirmations(self.confirmations, has_parent=has_parent)

    def confirmation_complete(self, *, has_parent: bool) -> bool:
        return not self.missing_confirmations(has_parent=has_parent)

    @property
    def needs_confirmation(self) -> bool:
        return needs_confirmation(self.source, self.grade)

    def _require_confirmation(self, command: str, *, has_parent: bool) -> None:
        if not self.needs_confirmation:
            return
        missing = self.missing_confirmations(has_parent=has_parent)
        if missing:
            names = "、".join(m.label for m in missing)
            raise Conflict(f"企业自查的重大事故隐患须先完成两级确认才能{transitions.COMMAND_LABELS[command]}; 尚缺: {names}",
                           extra={"command": command, "missing": [m.value for m in missing]})

    def mark_overdue_if_due(self, *, today: date) -> bool:
        """逾期: recorded once, when an open hazard's deadline (Asia/Shanghai date) has passed."""
        if self.overdue or self.deadline is None or self.state not in transitions.TRANSITIONS["mark_overdue"][0]:
            return False
        if today <= self.deadline:
            return False
        self._record(HazardOverdue(self.id, self.deadline, self.ledger_no, self.jurisdiction_code,
                                   self.enterprise_id))
        return True

    # ------------------------------------------------------------------ state from events
    def apply_HazardReported(self, e: HazardReported) -> None:
        self.ledger_no, self.enterprise_id, self.enterprise_name = e.ledger_no, e.enterprise_id, e.enterprise_name
        self.jurisdiction_code, self.source, self.grade, self.domain = e.jurisdiction_code, e.source, e.grade, e.domain
        self.grade_pending = e.source is Source.public_report
        self.contact_sealed = e.reporter_contact_sealed
        self.state = State.reported

    def apply_HazardAssigned(self, e: HazardAssigned) -> None:
        self.state = State.assigned
        self.assigned_deadline = self._deadline = e.deadline

    def apply_RectificationPlanSubmitted(self, e: RectificationPlanSubmitted) -> None:
        self.state = State.rectifying
        self.plan = RectificationPlan(e.owner, e.measures, e.funding, e.deadline, e.contingency_plan)
        self._deadline = e.deadline

    def apply_RectificationProgressed(self, e: RectificationProgressed) -> None:
        pass

    def apply_RectificationCompleted(self, e: RectificationCompleted) -> None:
        self.state = State.verifying

    def apply_VerificationPassed(self, e: VerificationPassed) -> None:
        self.verification_passed = True

    def apply_VerificationFailed(self, e: VerificationFailed) -> None:
        self.state = State.rectifying

    def apply_HazardClosed(self, e: HazardClosed) -> None:
        self.state = State.closed

    def apply_HazardOverdue(self, e: HazardOverdue) -> None:
        self.overdue = True

    def apply_HazardListed(self, e: HazardListed) -> None:
        self.listed = True

    def apply_HazardConfirmed(self, e: HazardConfirmed) -> None:
        self.confirmations.add(e.level)

    def apply_HazardRegraded(self, e: HazardRegraded) -> None:
        self.grade = e.grade
        self.grade_pending = False

    def apply_HazardDeadlineExtended(self, e: HazardDeadlineExtended) -> None:
        self.assigned_deadline = self._deadline = e.deadline
        # Overdue again only once the new deadline has passed: the sweep looks at it afresh.
        self.overdue = False

    def apply_ReporterContactUnsealRequested(self, e: ReporterContactUnsealRequested) -> None:
        pass

    def apply_ReporterContactUnsealed(self, e: ReporterContactUnsealed) -> None:
        self.contact_unsealed = True

    def apply_ReportRewardFlagged(self, e: ReportRewardFlagged) -> None:
        self.reward_flagged = True

    def apply_ReportRewardDecided(self, e: ReportRewardDecided) -> None:
        self.reward_granted = e.granted
