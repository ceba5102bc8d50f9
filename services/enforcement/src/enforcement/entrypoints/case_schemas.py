"""Request bodies of the case API, with Chinese descriptions for the docs."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from ecosafe_kit.text import Line, Text
from enforcement.domain import case as c
from enforcement.service_layer.cases import OpenCommand, PenaltyCommand

Name = Annotated[Line, Field(min_length=1, max_length=100)]
Names = Annotated[list[Name], Field(min_length=1, max_length=20)]
Amount = Annotated[Decimal, Field(gt=0, max_digits=14, decimal_places=2,
                                  description="罚款金额, 元, 最多两位小数 (建议以字符串传, 如 \"150000.00\")")]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Decision(_Body):
    # The reports count a decision on the day it was made, so a bureau entering it late gives that day.
    decided_on: date | None = Field(
        default=None, description="决定日期 (决定书/文书上的日期, YYYY-MM-DD): 不晚于今天, 不早于立案日期; 不填为录入当天 "
                                  "(北京时间)。报表按此日期统计")


class CaseIn(_Body):
    enterprise_id: Annotated[Line, Field(min_length=1, max_length=100, description="企业")]
    origin: Literal["inspection", "hazard", "accident", "direct"] = Field(
        description="案件来源: inspection 检查发现 (须给 finding_id), hazard 隐患 (须给 hazard_id), accident 事故 "
                    "(拟一案双罚), direct 直接立案")
    legal_basis: Annotated[Text, Field(min_length=1, max_length=1000, description="立案依据")]
    description: Annotated[Text, Field(min_length=1, max_length=4000, description="案情")]
    finding_id: Annotated[Line, Field(max_length=100)] | None = None
    hazard_id: Annotated[Line, Field(max_length=100)] | None = None
    decided_on: date | None = Field(
        default=None, description="立案日期 (立案审批表上的日期, YYYY-MM-DD): 不晚于今天, 不早于其来源检查发现或隐患的发现日期; "
                                  "不填为录入当天 (北京时间)。报表按此日期统计")

    def to_command(self) -> OpenCommand:
        return OpenCommand(self.enterprise_id, c.Origin(self.origin), self.legal_basis, self.description,
                           self.finding_id, self.hazard_id, self.decided_on)


class PenaltyIn(_Decision):
    decision_no: Annotated[Line, Field(min_length=1, max_length=100, description="处罚决定书文号")]
    legal_basis: Annotated[Text, Field(min_length=1, max_length=1000, description="处罚依据")]
    enterprise_amount_yuan: Amount
    principal_amount_yuan: Amount | None = Field(
        default=None, description="对企业主要负责人的罚款 (元); 给出即为一案双罚")

    def to_command(self) -> PenaltyCommand:
        return PenaltyCommand(self.decision_no, self.legal_basis, self.enterprise_amount_yuan,
                              self.principal_amount_yuan, self.decided_on)


class ReferralIn(_Decision):
    authority: Name = Field(description="接收的司法机关, 如 泽州县公安局")
    persons: Names = Field(description="移送人员")
    dangerous_operation_crime: bool = Field(default=False, description="涉嫌危险作业罪")
    reason: Annotated[Text, Field(min_length=1, max_length=2000)]


class ReasonIn(_Decision):
    reason: Annotated[Text, Field(min_length=1, max_length=2000, description="理由和要求")]


class ClosureIn(ReasonIn):
    principal_industry_ban: bool = Field(default=False, description="同时提请主要负责人行业禁入")


class AdmonitionIn(_Decision):
    persons: Names = Field(description="约谈对象")
    note: Annotated[Text, Field(max_length=2000, description="约谈要求")] = ""


class ExposureIn(_Decision):
    channel: Name = Field(description="曝光渠道")
    note: Annotated[Text, Field(min_length=1, max_length=4000, description="曝光内容")]


class JointPunishmentIn(_Decision):
    departments: Names = Field(description="参与联合惩戒的部门")
    reason: Annotated[Text, Field(min_length=1, max_length=2000)]


class TypicalCaseIn(_Decision):
    title: Annotated[Line, Field(min_length=1, max_length=200)]
    summary: Annotated[Text, Field(min_length=1, max_length=8000, description="案情简介 (不写个人联系电话)")]
    dangerous_operation_crime: bool = Field(default=False, description="危险作业罪典型案例")


class TransferIn(_Decision):
    department: Literal[tuple(d.value for d in c.Department)] = Field(  # type: ignore[valid-type]
        description="接收部门: emergency_management 应急管理, fire_rescue 消防, public_security 公安, "
                    "market_regulation 市场监管, natural_resources 自然资源, local_government 属地政府, other 其他")
    department_name: Name = Field(description="接收单位名称")
    note: Annotated[Text, Field(min_length=1, max_length=2000, description="移交事项")]


class ReceiptIn(_Decision):
    receiver: Name = Field(description="接收单位签收人")
    note: Annotated[Text, Field(max_length=2000, description="回执意见")] = ""


class CloseIn(_Decision):
    conclusion: Annotated[Text, Field(min_length=1, max_length=4000, description="结案意见")]


class LiftSuspensionIn(_Decision):
    acceptance: Annotated[Text, Field(min_length=1, max_length=4000, description="整改验收意见")]
    reason: Annotated[Text, Field(min_length=1, max_length=2000, description="恢复生产的理由")]


class _GovernmentAnswer(_Body):
    government: Name = Field(description="作出决定的人民政府, 如 泽州县人民政府")
    decided_on: date = Field(description="决定日期 (YYYY-MM-DD), 不晚于今天")


class ClosureDecisionIn(_GovernmentAnswer):
    document_no: Name = Field(description="责令关闭决定文号, 如 泽政发〔2026〕12号")
    attachment_uri: Annotated[Line, Field(max_length=2000, description="决定书附件地址 (https://、http:// 或 s3://)")] = ""
    attachment_name: Annotated[Line, Field(max_length=200, description="附件名称")] = ""

    def decision(self) -> c.GovernmentDecision:
        return c.GovernmentDecision(self.government, self.document_no, self.decided_on, self.attachment_uri,
                                    self.attachment_name)


class ClosureDeclinedIn(_GovernmentAnswer):
    document_no: Annotated[Line, Field(max_length=100, description="复函文号 (如有)")] = ""
    reason: Annotated[Text, Field(min_length=1, max_length=2000, description="人民政府不予关闭的理由")]

    def decision(self) -> c.GovernmentDecision:
        return c.GovernmentDecision(self.government, self.document_no, self.decided_on)


class BlacklistRemovalIn(_Body):
    reason: Annotated[Text, Field(min_length=1, max_length=2000, description="移出理由")]
    rectification: Annotated[Text, Field(min_length=1, max_length=4000,
                                         description="信用修复情况: 整改完成、履行处罚决定、作出信用承诺等")]
