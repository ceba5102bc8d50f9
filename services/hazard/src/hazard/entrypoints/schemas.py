"""Request and response bodies of the hazard API (pydantic), with Chinese descriptions for the docs."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from ecosafe_kit.text import Line, Text as FreeText
from hazard.domain.values import DOMAIN_LABELS, Attachment, Domain, RectificationPlan, attachment_uri_problem

DOMAIN_DESCRIPTION = "领域代码: " + ", ".join(f"{code} {label}" for code, label in DOMAIN_LABELS.items())
DomainCode = Annotated[Domain, Field(description=DOMAIN_DESCRIPTION)]


def _attachment_uri(value: str) -> str:
    problem = attachment_uri_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value
# Free text keeps tab and line breaks; a one-line field (names, units, codes) refuses them too. Both refuse the
# control characters PostgreSQL, the xlsx export and the logs cannot hold (422 naming the field and code point).
Text = Annotated[FreeText, Field(max_length=4000)]
ShortText = Annotated[Line, Field(max_length=200)]
Basis = Annotated[FreeText, Field(max_length=1000)]
Identifier = Annotated[Line, Field(min_length=1, max_length=100)]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AttachmentIn(_Body):
    uri: Annotated[Line, AfterValidator(_attachment_uri), Field(
        min_length=1, max_length=1000, description="文件地址: 绝对 URI, https://、http:// 或 s3:// 开头, 含主机或存储桶, "
                                                   "不含用户名密码和空格, 如 s3://ecosafe-evidence/2026/photo.jpg")]
    name: ShortText = ""
    media_type: Annotated[Line, Field(max_length=100)] = ""
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$", description="文件 SHA-256 (64 位小写十六进制)")] | None = None

    def to_domain(self) -> Attachment:
        return Attachment(self.uri, self.name, self.media_type, self.sha256 or "")


Attachments = Annotated[list[AttachmentIn], Field(max_length=20, description="附件 (照片、文件), 仅引用")]


class ReportIn(_Body):
    enterprise_id: Annotated[Identifier, Field(description="企业名录中的企业标识")]
    source: Literal["self_inspection", "inspection", "superior_referral"] = Field(
        description="隐患来源: self_inspection 企业自查 (本企业用户登记, 或县局、市局人员代企业登记并填写 on_behalf_of), "
                    "inspection 部门执法检查, superior_referral 上级交办 (群众举报走 /public/reports)")
    domain: DomainCode
    grade: Literal["major", "general"] = Field(description="隐患等级: major 重大事故隐患, general 一般隐患")
    grade_basis: Annotated[Basis, Field(description="判定依据 (必填)")]
    description: Annotated[Text, Field(description="隐患描述")]
    site: ShortText = Field(default="", description="场所, 如 危废暂存库")
    campaign_id: Annotated[Line, Field(max_length=100)] | None = Field(default=None, description="所属专项行动")
    found_at: datetime | None = Field(default=None, description="发现时间 (带时区), 缺省为现在")
    attachments: Attachments = []
    referred_by: ShortText = Field(default="", description="交办单位 (上级交办时必填)")
    on_behalf_of: ShortText = Field(default="", description="代企业登记: 县局、市局人员登记企业自查隐患 (如企业电话报告) 时必填, "
                                                            "写明报告该隐患的企业人员; 企业用户自行登记和其他来源不填")


class AssignIn(_Body):
    responsible_unit: ShortText = Field(description="责任单位")
    responsible_person: ShortText = Field(description="责任人")
    deadline: date = Field(description="整改期限 (日期, 按北京时间, 不得早于今天)")
    instructions: Text = ""


class DeadlineExtensionIn(_Body):
    deadline: date = Field(description="新的整改期限 (日期, 按北京时间; 须晚于现行整改期限, 不得早于今天)")
    reason: Text = Field(description="延期理由 (必填)")


class PlanIn(_Body):
    """整改方案 "五到位"; every item is checked by the service so a missing one is named in Chinese."""

    owner: ShortText | None = Field(default=None, description="责任到位: 整改责任人")
    measures: Annotated[list[Basis], Field(max_length=50)] = Field(
        default_factory=list, description="措施到位: 整改措施 (逐条)")
    funding: Annotated[int, Field(ge=0, le=10**12)] | None = Field(default=None, description="资金到位: 整改资金 (元)")
    deadline: date | None = Field(default=None, description="时限到位: 整改期限 (日期; 不得晚于交办的整改期限)")
    contingency_plan: Text | None = Field(default=None, description="预案到位: 整改期间的应急预案")

    def to_domain(self) -> RectificationPlan:
        return RectificationPlan(self.owner, tuple(self.measures), self.funding, self.deadline, self.contingency_plan)


class ProgressIn(_Body):
    note: Text = Field(description="整改进展说明")
    percent: Annotated[int, Field(ge=0, le=100)] = Field(description="完成比例 (%)")
    attachments: Attachments = []


class CompletionIn(_Body):
    summary: Text = Field(description="整改完成情况")
    attachments: Attachments = Field(description="整改证明材料, 至少一项")


class VerificationIn(_Body):
    passed: bool = Field(description="是否通过督查验收")
    opinion: Text = Field(default="", description="验收意见 (通过时必填)")
    reasons: Annotated[list[Basis], Field(max_length=50)] = Field(
        default_factory=list, description="不通过的原因 (不通过时至少一条)")


class ClosureIn(_Body):
    note: Text = Field(default="", description="销号意见")


class ListingIn(_Body):
    supervising_unit: ShortText = Field(description="督办单位")
    reason: Text = Field(default="", description="督办理由和要求")
    supervisor: ShortText = Field(description="督办责任人")


class RegradeIn(_Body):
    grade: Literal["major", "general"] = Field(description="新的隐患等级: major 重大事故隐患, general 一般隐患 (须与现等级不同)")
    grade_basis: Annotated[Basis, Field(description="定级依据 (必填): 适用的判定标准条款和核查情况")] = ""


class ConfirmationIn(_Body):
    level: Literal["principal", "parent", "bureau"] = Field(
        description="确认层级: principal 企业主要负责人签字, parent 上级主体企业确认, bureau 属地生态环境部门确认")
    note: Text = ""


class PublicReportIn(_Body):
    enterprise_id: Annotated[Identifier, Field(description="被举报企业 (企业名录标识)")]
    domain: DomainCode = Domain("other")
    description: Annotated[Text, Field(min_length=1, description="举报内容")]
    site: ShortText = ""
    attachments: Annotated[list[AttachmentIn], Field(max_length=5)] = []
    contact: ShortText = Field(default="", description="举报人联系方式 (可不填, 匿名举报): 加密密封保存, 不进入任何事件; "
                                                       "仅在本辖区两名工作人员分别申请启封后, 由申请人查看")


class UnsealRequestIn(_Body):
    reason: Text = Field(description="申请启封举报人联系方式的理由 (必填), 如 核实举报内容、发放举报奖励")


class RewardFlagIn(_Body):
    reason: Text = Field(description="标记举报奖励的理由 (必填), 如 经现场核查举报属实")


class RewardDecisionIn(_Body):
    granted: bool = Field(description="是否给予举报奖励")
    amount: Annotated[int, Field(ge=0, le=10**9)] = Field(default=0, description="奖励金额 (元); 给予时大于 0, 不予时为 0")
    reason: Text = Field(description="决定理由 (必填)")


class ContactOut(BaseModel):
    hazard_id: str = Field(description="隐患标识")
    contact: str | None = Field(description="举报人联系方式")
    requested_by: list[str] = Field(description="申请启封的工作人员 (令牌主体)")


class CommandOut(BaseModel):
    hazard_id: str = Field(description="隐患标识")
    ledger_no: str = Field(description="台账编号")
    version: int = Field(description="版本 (即 ETag)")
    state: str = Field(description="当前状态")


class PublicReceiptOut(BaseModel):
    ledger_no: str = Field(description="台账编号")
    follow_up_code: str = Field(description="查询码: 请妥善保存, 凭此查询办理进度 (不会再次显示)")
