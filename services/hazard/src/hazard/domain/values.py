"""Value types of the hazard domain: grade, source, state, attachments, the rectification plan."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from ecosafe_kit.errors import FieldProblem


class Grade(enum.StrEnum):
    """隐患等级."""

    major = "major"
    general = "general"

    @property
    def label(self) -> str:
        return {"major": "重大事故隐患", "general": "一般隐患"}[self.value]


class Source(enum.StrEnum):
    """隐患来源: the channel a hazard came through."""

    self_inspection = "self_inspection"
    inspection = "inspection"
    public_report = "public_report"
    superior_referral = "superior_referral"

    @property
    def label(self) -> str:
        return _SOURCE_LABELS[self]


_SOURCE_LABELS = {
    Source.self_inspection: "企业自查",
    Source.inspection: "部门执法检查",
    Source.public_report: "群众举报",
    Source.superior_referral: "上级交办",
}


class State(enum.StrEnum):
    """The closed loop 发现 → 交办 → 整改 → 督查 → 销号."""

    reported = "reported"
    assigned = "assigned"
    rectifying = "rectifying"
    verifying = "verifying"
    closed = "closed"

    @property
    def label(self) -> str:
        return _STATE_LABELS[self]


_STATE_LABELS = {
    State.reported: "已发现",
    State.assigned: "已交办",
    State.rectifying: "整改中",
    State.verifying: "督查验收中",
    State.closed: "已销号",
}


class Stage(enum.StrEnum):
    """Where a hazard stands, finer than State: `verifying` splits into awaiting inspection and awaiting 销号."""

    reported = "reported"
    assigned = "assigned"
    rectifying = "rectifying"
    awaiting_verification = "awaiting_verification"
    awaiting_closure = "awaiting_closure"
    closed = "closed"

    @classmethod
    def of(cls, state: State, verification_passed: bool) -> Stage:
        if state is State.verifying:
            return cls.awaiting_closure if verification_passed else cls.awaiting_verification
        return cls(state.value)

    @property
    def label(self) -> str:
        return _STAGE_LABELS.get(self, None) or State(self.value).label


_STAGE_LABELS = {Stage.awaiting_verification: "待督查验收", Stage.awaiting_closure: "验收通过, 待销号"}


class ConfirmationLevel(enum.StrEnum):
    """两级确认: principal signs first, then the parent enterprise and the local bureau confirm."""

    principal = "principal"
    parent = "parent"
    bureau = "bureau"

    @property
    def label(self) -> str:
        return {"principal": "企业主要负责人签字", "parent": "上级主体企业确认", "bureau": "属地生态环境部门确认"}[self.value]


# 领域 codes the seeds name. The API accepts only these (`Domain`); an event recorded before may hold another
# code, which the views then show as it is.
DOMAIN_LABELS = {
    "hazardous_waste": "危险废物",
    "nuclear_radiation": "核与辐射",
    "pollution_control": "污染防治设施",
    "explosive_dust": "涉爆粉尘",
    "voc_recovery": "VOCs回收",
    "sewage_treatment": "污水处理",
    "rto_incinerator": "RTO焚烧炉",
    "other": "其他",
}


Domain = enum.StrEnum("Domain", {code: code for code in DOMAIN_LABELS})
Domain.__doc__ = "隐患所属领域: the documented codes, one per line of DOMAIN_LABELS."


def domain_label(code: str) -> str:
    return DOMAIN_LABELS.get(code, code)


# Where evidence may live: the bureau's object store (s3) or a web server. A relative path means nothing to the
# next reader, and `javascript:` / `data:` / `file:` would run or embed content in whoever opens the ledger.
ATTACHMENT_SCHEMES = ("https", "http", "s3")


def attachment_uri_problem(uri: str) -> str | None:
    """Why `uri` cannot be an attachment's address, or None: absolute, one of ATTACHMENT_SCHEMES, a host, no
    credentials and no spaces."""
    try:
        parts = urlsplit(uri)
        has_credentials = parts.username is not None or parts.password is not None
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return "附件地址格式无效"
    if parts.scheme.lower() not in ATTACHMENT_SCHEMES or not parts.hostname:
        return "附件地址须为绝对地址, 以 https://、http:// 或 s3:// 开头并写明主机或存储桶"
    if has_credentials:
        return "附件地址不得包含用户名或密码"
    if any(ch.isspace() for ch in uri):
        return "附件地址不得包含空白字符 (空格请写作 %20)"
    return None


@dataclass(frozen=True)
class Attachment:
    """附件 by reference: where the file is and its SHA-256, never its bytes."""

    uri: str
    name: str = ""
    media_type: str = ""
    sha256: str = ""


@dataclass(frozen=True)
class RectificationPlan:
    """整改方案 "五到位": 责任 owner, 措施 measures, 资金 funding (yuan), 时限 deadline, 预案 contingency_plan."""

    owner: str | None
    measures: tuple[str, ...]
    funding: int | None
    deadline: date | None
    contingency_plan: str | None

    def summary(self) -> str:
        """The five items on one line, as the ledger export shows them."""
        return (f"责任: {self.owner or ''}; 措施: {'；'.join(self.measures)}; 资金: {self.funding} 元; "
                f"时限: {self.deadline.isoformat() if self.deadline else ''}; 预案: {self.contingency_plan or ''}")

    def problems(self, today: date, latest: date | None = None) -> list[FieldProblem]:
        """Every missing or unacceptable item, named; empty when the plan is complete. `latest` is the deadline the
        bureau set: the plan may finish earlier, never later."""
        found = []
        if not (self.owner or "").strip():
            found.append(FieldProblem("plan.owner", "整改方案缺少责任到位: 未写明整改责任人"))
        if not [m for m in self.measures if m.strip()]:
            found.append(FieldProblem("plan.measures", "整改方案缺少措施到位: 未写明整改措施"))
        if self.funding is None:
            found.append(FieldProblem("plan.funding", "整改方案缺少资金到位: 未写明整改资金(元)"))
        elif self.funding < 0:
            found.append(FieldProblem("plan.funding", "整改资金不能为负数"))
        if self.deadline is None:
            found.append(FieldProblem("plan.deadline", "整改方案缺少时限到位: 未写明整改期限"))
        elif self.deadline < today:
            found.append(FieldProblem("plan.deadline", f"整改期限 {self.deadline} 早于今天 {today}"))
        elif latest is not None and self.deadline > latest:
            found.append(FieldProblem("plan.deadline", f"整改期限 {self.deadline} 晚于交办的整改期限 {latest}; "
                                                       "延期须由交办的生态环境部门批准"))
        if not (self.contingency_plan or "").strip():
            found.append(FieldProblem("plan.contingency_plan", "整改方案缺少预案到位: 未写明应急预案"))
        return found
