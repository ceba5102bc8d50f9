"""The Case aggregate (立案): opened from a finding, a hazard, an accident or directly; sanctions; closed once."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from datetime import date

from ecosafe_kit.domain import Aggregate
from ecosafe_kit.errors import Conflict, FieldProblem
from enforcement.domain.problems import refuse


class Origin(enum.StrEnum):
    inspection = "inspection"  # 检查发现
    hazard = "hazard"  # 隐患
    accident = "accident"  # 事故
    direct = "direct"  # 直接立案


class Department(enum.StrEnum):
    emergency_management = "emergency_management"  # 应急管理
    fire_rescue = "fire_rescue"  # 消防
    public_security = "public_security"  # 公安
    market_regulation = "market_regulation"  # 市场监管
    natural_resources = "natural_resources"  # 自然资源
    local_government = "local_government"  # 属地政府
    other = "other"


# A mainland mobile or a landline number with its area code: what a public text must not carry (一公开 publishes the
# decision, never a person's phone).
_PHONE = re.compile(r"(?<!\d)(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})(?!\d)")

DEPARTMENT_LABELS = {
    Department.emergency_management: "应急管理", Department.fire_rescue: "消防", Department.public_security: "公安",
    Department.market_regulation: "市场监管", Department.natural_resources: "自然资源",
    Department.local_government: "属地政府", Department.other: "其他",
}


@dataclass(frozen=True)
class CaseOpened:
    case_id: str
    enterprise_id: str
    enterprise_name: str
    principal_name: str
    jurisdiction_code: str
    origin: str
    finding_id: str | None
    hazard_id: str | None
    legal_basis: str
    description: str
    rule: str = ""
    dual_penalty_proposed: bool = False
    decided_on: str = ""  # ISO date of the 决定书/文书; "" in older events: their recorded day


@dataclass(frozen=True)
class PenaltyImposed:
    case_id: str
    penalty_id: str
    enterprise_id: str
    target: str  # enterprise | principal
    party_name: str
    amount_fen: int
    legal_basis: str
    decision_no: str
    dual: bool
    decided_on: str = ""  # ISO date of the 决定书/文书; "" in older events: their recorded day


@dataclass(frozen=True)
class CaseReferred:
    case_id: str
    enterprise_id: str
    authority: str
    persons: tuple[str, ...]
    dangerous_operation_crime: bool
    reason: str
    decided_on: str = ""  # ISO date of the 决定书/文书; "" in older events: their recorded day


@dataclass(frozen=True)
class SuspensionOrdered:
    case_id: str
    enterprise_id: str
    reason: str
    decided_on: str = ""  # ISO date of the 决定书/文书; "" in older events: their recorded day


@dataclass(frozen=True)
class ClosureProposed:
    case_id: str
    enterprise_id: str
    reason: str
    principal_industry_ban: bool
    rule: str = ""
    decided_on: str = ""  # ISO date of the 决定书/文书; "" in older events: their recorded day


@dataclass(frozen=True)
class SuspensionLifted:
    case_id: str
    enterprise_id: str
    acceptance: str
    reason: str
    decided_on: str = ""  # ISO date of the 决定书/文书; "" in older events: their recorded day


@dataclass(frozen=True)
class ClosureDecided:
    case_id: str
    enterprise_id: str
    government: str
    document_no: str
    decided_on: str  # ISO date
    attachment_uri: str
    attachment_name: str
    principal_industry_ban: bool


@dataclass(frozen=True)
class ClosureDeclined:
    case_id: str
    enterprise_id: str
    government: str
    document_no: str
    decided_on: str  # ISO date
    reason: str


@dataclass(frozen=True)
class ClosureProposalWithdrawn:
    case_id: str
    enterprise_id: str
    reason: str
    decided_on: str = ""  # ISO date of the 决定书/文书; "" in older events: their recorded day


@dataclass(frozen=True)
class AdmonitionHeld:
    case_id: str
    enterprise_id: str
    persons: tuple[str, ...]
    note: str
    decided_on: str = ""  # ISO date of the 决定书/文书; "" in older events: their recorded day


@dataclass(frozen=True)
class CaseExposed:
    case_id: str
    enterprise_id: str
    channel: str
    note: str
    decided_on: str = ""  # ISO date of the 决定书/文书; "" in older events: their recorded day


@dataclass(frozen=True)
class JointPunishmentDecided:
    case_id: str
    enterprise_id: str
    departments: tuple[str, ...]
    reason: str
    decided_on: str = ""  # ISO date of the 决定书/文书; "" in older events: their recorded day


@dataclass(frozen=True)
class TypicalCasePublished:
    case_id: str
    enterprise_id: str
    title: str
    summary: str
    dangerous_operation_crime: bool
    decided_on: str = ""  # ISO date of the 决定书/文书; "" in older events: their recorded day


@dataclass(frozen=True)
class TransferSent:
    case_id: str
    transfer_id: str
    enterprise_id: str
    department: str
    department_name: str
    note: str
    decided_on: str = ""  # ISO date of the 决定书/文书; "" in older events: their recorded day


@dataclass(frozen=True)
class TransferReceived:
    case_id: str
    transfer_id: str
    receiver: str
    note: str
    decided_on: str = ""  # ISO date of the 决定书/文书; "" in older events: their recorded day


@dataclass(frozen=True)
class CaseClosed:
    case_id: str
    enterprise_id: str
    conclusion: str
    decided_on: str = ""  # ISO date of the 决定书/文书; "" in older events: their recorded day


ALL_EVENTS = (CaseOpened, PenaltyImposed, CaseReferred, SuspensionOrdered, ClosureProposed, AdmonitionHeld,
              CaseExposed, JointPunishmentDecided, TypicalCasePublished, TransferSent, TransferReceived, CaseClosed,
              SuspensionLifted, ClosureDecided, ClosureDeclined, ClosureProposalWithdrawn)


class ClosureState(enum.StrEnum):
    """Where a closure proposal (提请关闭) stands."""
    proposed = "proposed"  # 已提请, 待人民政府决定
    decided = "decided"  # 人民政府已责令关闭
    declined = "declined"  # 人民政府不予关闭
    withdrawn = "withdrawn"  # 已撤回提请


@dataclass(frozen=True)
class GovernmentDecision:
    """What the bureau records of the people's government's answer to a closure proposal."""
    government: str
    document_no: str
    decided_on: date
    attachment_uri: str = ""
    attachment_name: str = ""


def decision_day(decided_on: date | None, today: date, earliest: date | None, too_early: str) -> date:
    """The day a decision was made (决定书/文书的日期): as given, or the day it is recorded when left out; never after
    today, never before `earliest` (the case's opening; for 立案 the finding or hazard it comes from). The reports
    count every measure on this day, so a decision entered late still falls in the month it was made."""
    day = today if decided_on is None else decided_on
    if day > today:
        refuse([FieldProblem("decided_on", "决定日期不能晚于今天")])
    if earliest is not None and day < earliest:
        refuse([FieldProblem("decided_on", f"{too_early} ({earliest.isoformat()})")])
    return day


def _iso(day: date | None) -> str:
    return "" if day is None else day.isoformat()


def _required(problems: list[FieldProblem], field: str, value: str, message: str) -> None:
    if not value.strip():
        problems.append(FieldProblem(field, message))


class Case(Aggregate):
    """案件: what was decided against an enterprise, each decision a signed event; nothing changes once closed."""

    def _init_state(self) -> None:
        self.opened: CaseOpened | None = None
        self.closed = False
        self.suspended = False
        self.closure_proposed = False  # a proposal stands, not yet answered
        self.closure: ClosureState | None = None
        self.principal_industry_ban = False
        self.joint_punishment = False
        self.penalties = 0
        self.referred = False
        self.transfers: dict[str, bool] = {}  # transfer id -> received
        self.opened_on: date | None = None  # None for a case whose CaseOpened carries no date (recorded before)

    @classmethod
    def open(cls, event: CaseOpened) -> Case:
        problems: list[FieldProblem] = []
        _required(problems, "legal_basis", event.legal_basis, "立案须写明法律依据")
        _required(problems, "description", event.description, "立案须写明案情")
        refuse(problems)
        case = cls(event.case_id)
        case._init_state()
        case._record(event)
        return case

    @property
    def enterprise_id(self) -> str:
        assert self.opened is not None
        return self.opened.enterprise_id

    def decision_day(self, decided_on: date | None, today: date, recorded_on: date) -> date:
        """The day of a decision on this case, not before the case was opened (`recorded_on`: the day the case was
        recorded, which counts for a case opened before its events carried a date)."""
        return decision_day(decided_on, today, self.opened_on or recorded_on, "决定日期不能早于立案日期")

    def _ensure_open(self) -> None:
        if self.closed:
            raise Conflict(f"案件 {self.id} 已结案", extra={"case_id": self.id})

    def impose_penalty(self, decision_no: str, legal_basis: str, enterprise_fen: int,
                       principal_fen: int | None, penalty_ids: tuple[str, str], decided_on: date | None = None) -> None:
        """行政处罚; with a principal amount it is 一案双罚: one record for the enterprise, one for its principal."""
        self._ensure_open()
        assert self.opened is not None
        problems: list[FieldProblem] = []
        _required(problems, "decision_no", decision_no, "须填写处罚决定书文号")
        _required(problems, "legal_basis", legal_basis, "须写明处罚依据")
        if principal_fen is not None and not self.opened.principal_name.strip():
            problems.append(FieldProblem("principal_amount_yuan", "企业名录中没有主要负责人, 无法实行一案双罚"))
        refuse(problems)
        dual = principal_fen is not None
        self._record(PenaltyImposed(self.id, penalty_ids[0], self.enterprise_id, "enterprise",
                                    self.opened.enterprise_name, enterprise_fen, legal_basis, decision_no, dual,
                                    _iso(decided_on)))
        if principal_fen is not None:
            self._record(PenaltyImposed(self.id, penalty_ids[1], self.enterprise_id, "principal",
                                        self.opened.principal_name, principal_fen, legal_basis, decision_no, True,
                                        _iso(decided_on)))

    def refer(self, authority: str, persons: tuple[str, ...], dangerous_operation_crime: bool, reason: str,
              decided_on: date | None = None) -> None:
        """移送司法机关."""
        self._ensure_open()
        problems: list[FieldProblem] = []
        _required(problems, "authority", authority, "须写明接收的司法机关")
        if not persons or any(not p.strip() for p in persons):
            problems.append(FieldProblem("persons", "须列出移送的人员"))
        _required(problems, "reason", reason, "须写明移送理由")
        refuse(problems)
        self._record(CaseReferred(self.id, self.enterprise_id, authority, persons, dangerous_operation_crime, reason,
                                   _iso(decided_on)))

    def order_suspension(self, reason: str, decided_on: date | None = None) -> None:
        """责令停产整治; one standing order per case (a lifted one may be followed by another)."""
        self._ensure_open()
        if self.suspended:
            raise Conflict("本案已责令停产整治", extra={"case_id": self.id})
        refuse([FieldProblem("reason", "须写明停产整治的理由和要求")] if not reason.strip() else [])
        self._record(SuspensionOrdered(self.id, self.enterprise_id, reason, _iso(decided_on)))

    def propose_closure(self, reason: str, principal_industry_ban: bool, rule: str = "",
                        decided_on: date | None = None) -> None:
        """提请关闭 (and the principal's 行业禁入); one standing proposal per case, none after a closure decision."""
        self._ensure_open()
        if self.closure_proposed:
            raise Conflict("本案已提请关闭", extra={"case_id": self.id})
        if self.closure == ClosureState.decided:
            raise Conflict("人民政府已责令关闭该企业", extra={"case_id": self.id})
        refuse([FieldProblem("reason", "须写明提请关闭的理由")] if not reason.strip() else [])
        self._record(ClosureProposed(self.id, self.enterprise_id, reason, principal_industry_ban, rule,
                                     _iso(decided_on)))

    def lift_suspension(self, acceptance: str, reason: str, decided_on: date | None = None) -> None:
        """恢复生产: the suspension of this case is lifted after the rectification passed acceptance (验收); also after
        结案, since a case may be closed while its order still stands."""
        if not self.suspended:
            raise Conflict("本案没有生效的停产整治决定", extra={"case_id": self.id})
        problems: list[FieldProblem] = []
        _required(problems, "acceptance", acceptance, "须写明整改验收意见")
        _required(problems, "reason", reason, "须写明恢复生产的理由")
        refuse(problems)
        self._record(SuspensionLifted(self.id, self.enterprise_id, acceptance, reason, _iso(decided_on)))

    def _ensure_closure_pending(self) -> None:
        if not self.closure_proposed:
            raise Conflict("本案没有待人民政府决定的提请关闭", extra={"case_id": self.id, "closure": self.closure})

    @staticmethod
    def _decision_problems(decision: GovernmentDecision, today: date, document_required: bool) -> list[FieldProblem]:
        problems: list[FieldProblem] = []
        _required(problems, "government", decision.government, "须写明作出决定的人民政府")
        if document_required:
            _required(problems, "document_no", decision.document_no, "须填写决定文号")
        if decision.decided_on > today:
            problems.append(FieldProblem("decided_on", "决定日期不能晚于今天"))
        if decision.attachment_uri and not decision.attachment_uri.startswith(("https://", "http://", "s3://")):
            problems.append(FieldProblem("attachment_uri", "附件地址须以 https://、http:// 或 s3:// 开头"))
        return problems

    def record_closure_decision(self, decision: GovernmentDecision, today: date) -> None:
        """责令关闭决定: the people's government decided to close the enterprise the bureau proposed for closure (seed
        003: 依法提请地方人民政府予以关闭); recorded also after 结案, as the answer may come later."""
        self._ensure_closure_pending()
        refuse(self._decision_problems(decision, today, document_required=True))
        self._record(ClosureDecided(self.id, self.enterprise_id, decision.government.strip(),
                                    decision.document_no.strip(), decision.decided_on.isoformat(),
                                    decision.attachment_uri, decision.attachment_name, self.principal_industry_ban))

    def record_closure_declined(self, decision: GovernmentDecision, reason: str, today: date) -> None:
        """不予关闭: the people's government declined the proposal; a new one may be made later."""
        self._ensure_closure_pending()
        problems = self._decision_problems(decision, today, document_required=False)
        _required(problems, "reason", reason, "须写明人民政府不予关闭的理由")
        refuse(problems)
        self._record(ClosureDeclined(self.id, self.enterprise_id, decision.government.strip(),
                                     decision.document_no.strip(), decision.decided_on.isoformat(), reason))

    def withdraw_closure_proposal(self, reason: str, decided_on: date | None = None) -> None:
        """撤回提请关闭: the bureau withdraws its own proposal while the government has not answered."""
        self._ensure_closure_pending()
        refuse([FieldProblem("reason", "须写明撤回理由")] if not reason.strip() else [])
        self._record(ClosureProposalWithdrawn(self.id, self.enterprise_id, reason, _iso(decided_on)))

    def admonish(self, persons: tuple[str, ...], note: str, decided_on: date | None = None) -> None:
        """约谈."""
        self._ensure_open()
        if not persons or any(not p.strip() for p in persons):
            refuse([FieldProblem("persons", "须列出约谈对象")])
        self._record(AdmonitionHeld(self.id, self.enterprise_id, persons, note, _iso(decided_on)))

    def expose(self, channel: str, note: str, decided_on: date | None = None) -> None:
        """曝光."""
        self._ensure_open()
        problems: list[FieldProblem] = []
        _required(problems, "channel", channel, "须写明曝光渠道")
        _required(problems, "note", note, "须写明曝光内容")
        refuse(problems)
        self._record(CaseExposed(self.id, self.enterprise_id, channel, note, _iso(decided_on)))

    def decide_joint_punishment(self, departments: tuple[str, ...], reason: str,
                                decided_on: date | None = None) -> None:
        """联合惩戒, once per case; the caller records the blacklist entry that follows it."""
        self._ensure_open()
        if self.joint_punishment:
            raise Conflict("本案已实施联合惩戒", extra={"case_id": self.id})
        problems: list[FieldProblem] = []
        if not departments or any(not d.strip() for d in departments):
            problems.append(FieldProblem("departments", "须列出参与联合惩戒的部门"))
        _required(problems, "reason", reason, "须写明联合惩戒的理由")
        refuse(problems)
        self._record(JointPunishmentDecided(self.id, self.enterprise_id, departments, reason, _iso(decided_on)))

    def publish_typical(self, title: str, summary: str, dangerous_operation_crime: bool,
                        decided_on: date | None = None) -> None:
        """典型案例发布; only a case with a decision (a penalty or a referral) is a case to publish."""
        problems: list[FieldProblem] = []
        _required(problems, "title", title, "须填写标题")
        _required(problems, "summary", summary, "须填写案情简介")
        for field, text in (("title", title), ("summary", summary)):
            if _PHONE.search(text):
                problems.append(FieldProblem(field, "公开的典型案例不得包含个人电话号码"))
        refuse(problems)
        if self.penalties == 0 and not self.referred:
            raise Conflict("尚未作出处罚或移送决定的案件不能作为典型案例发布", extra={"case_id": self.id})
        self._record(TypicalCasePublished(self.id, self.enterprise_id, title, summary, dangerous_operation_crime,
                                          _iso(decided_on)))

    def send_transfer(self, transfer_id: str, department: Department, department_name: str, note: str,
                      decided_on: date | None = None) -> None:
        """移交 to another department; it stays unacknowledged until its receipt is recorded."""
        self._ensure_open()
        problems: list[FieldProblem] = []
        _required(problems, "department_name", department_name, "须填写接收单位名称")
        _required(problems, "note", note, "须写明移交事项")
        refuse(problems)
        self._record(TransferSent(self.id, transfer_id, self.enterprise_id, department.value, department_name, note,
                                  _iso(decided_on)))

    def receive_transfer(self, transfer_id: str, receiver: str, note: str, decided_on: date | None = None) -> None:
        """移交回执: the receiving department acknowledged it, once."""
        if transfer_id not in self.transfers:
            raise Conflict(f"本案没有移交 {transfer_id}", extra={"transfer_id": transfer_id})
        if self.transfers[transfer_id]:
            raise Conflict("该移交已签收", extra={"transfer_id": transfer_id})
        refuse([FieldProblem("receiver", "须填写签收人")] if not receiver.strip() else [])
        self._record(TransferReceived(self.id, transfer_id, receiver, note, _iso(decided_on)))

    def close(self, conclusion: str, decided_on: date | None = None) -> None:
        """结案; a case with a transfer not yet acknowledged stays open."""
        self._ensure_open()
        refuse([FieldProblem("conclusion", "须填写结案意见")] if not conclusion.strip() else [])
        pending = [t for t, received in self.transfers.items() if not received]
        if pending:
            raise Conflict("有移交尚未签收回执, 不能结案", extra={"transfer_ids": pending})
        self._record(CaseClosed(self.id, self.enterprise_id, conclusion, _iso(decided_on)))

    # ------------------------------------------------------------------ state
    def apply_CaseOpened(self, event: CaseOpened) -> None:
        self.opened = event
        self.opened_on = date.fromisoformat(event.decided_on) if event.decided_on else None

    def apply_PenaltyImposed(self, event: PenaltyImposed) -> None:
        self.penalties += 1

    def apply_CaseReferred(self, event: CaseReferred) -> None:
        self.referred = True

    def apply_SuspensionOrdered(self, event: SuspensionOrdered) -> None:
        self.suspended = True

    def apply_ClosureProposed(self, event: ClosureProposed) -> None:
        self.closure_proposed = True
        self.closure = ClosureState.proposed
        self.principal_industry_ban = event.principal_industry_ban

    def apply_SuspensionLifted(self, event: SuspensionLifted) -> None:
        self.suspended = False

    def apply_ClosureDecided(self, event: ClosureDecided) -> None:
        self.closure_proposed = False
        self.closure = ClosureState.decided

    def apply_ClosureDeclined(self, event: ClosureDeclined) -> None:
        self.closure_proposed = False
        self.closure = ClosureState.declined

    def apply_ClosureProposalWithdrawn(self, event: ClosureProposalWithdrawn) -> None:
        self.closure_proposed = False
        self.closure = ClosureState.withdrawn

    def apply_AdmonitionHeld(self, event: AdmonitionHeld) -> None:
        """An admonition changes nothing the commands check."""

    def apply_CaseExposed(self, event: CaseExposed) -> None:
        """An exposure changes nothing the commands check."""

    def apply_JointPunishmentDecided(self, event: JointPunishmentDecided) -> None:
        self.joint_punishment = True

    def apply_TypicalCasePublished(self, event: TypicalCasePublished) -> None:
        """A publication changes nothing the commands check."""

    def apply_TransferSent(self, event: TransferSent) -> None:
        self.transfers[event.transfer_id] = False

    def apply_TransferReceived(self, event: TransferReceived) -> None:
        self.transfers[event.transfer_id] = True

    def apply_CaseClosed(self, event: CaseClosed) -> None:
        self.closed = True
