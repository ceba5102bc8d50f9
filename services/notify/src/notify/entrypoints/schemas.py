"""Request and response bodies of the notify API (pydantic), with Chinese descriptions for the docs."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from ecosafe_kit.text import Line
from notify.domain.values import EventFacts, RuleSpec

Id = Annotated[Line, Field(min_length=1, max_length=100)]
Code = Annotated[Line, Field(min_length=1, max_length=40)]
Codes = Annotated[list[Code], Field(max_length=50)]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RuleIn(_Body):
    """一条分发规则 (修改时提交完整的新规则)。条件列表为空表示不限; 辖区总是适用, 市级规则覆盖其下各县。"""

    name: Annotated[Line, Field(min_length=1, max_length=100, description="规则名称")]
    jurisdiction_code: Annotated[Line, Field(max_length=12, description="规则适用的辖区代码, 如 140500 (含其下各县)")]
    event_types: Codes = Field(description="事件类型代码, 如 hazard.reported、hazard.overdue、incident.reported (见 README)")
    grades: Codes = Field(default=[], description="隐患等级: general 一般, major 重大; 空为不限")
    domains: Codes = Field(default=[], description="隐患领域代码 (隐患服务所用代码); 空为不限")
    park_ids: Annotated[list[Id], Field(max_length=200)] = Field(default=[], description="园区标识; 空为不限")
    enterprise_ids: Annotated[list[Id], Field(max_length=200)] = Field(default=[], description="企业标识; 空为不限")
    recipient_roles: Codes = Field(default=[], description="接收角色 (如 county_officer、group_leader、command_center): "
                                                          "持有该角色且辖区覆盖事件辖区的用户")
    recipient_users: Annotated[list[Id], Field(max_length=200)] = Field(default=[], description="接收用户标识")
    recipient_duty_positions: Codes = Field(default=[], description="值班岗位: duty_officer 值班员, leader 带班领导, "
                                                                   "deputy 副班 (事件发生时在岗者)")
    recipient_parties: Codes = Field(default=[], description="相关方: enterprise 涉事企业, park 所在园区, "
                                                            "assigner 隐患交办人, reporter 上报人")
    urgent: bool = Field(default=False, description="紧急: 通知须确认")
    channel_ids: Annotated[list[Id], Field(max_length=20)] = Field(
        default=[], description="外发通道标识 (POST /channels 登记的 Webhook、电子邮件、企业微信、钉钉、短信); 站内通知总是有")

    def to_spec(self) -> RuleSpec:
        return RuleSpec(**{name: tuple(value) if isinstance(value, list) else value
                           for name, value in self.model_dump().items()})


class RetireIn(_Body):
    reason: Annotated[Line, Field(min_length=1, max_length=500, description="停用原因")]


class RuleOut(BaseModel):
    rule_id: str
    version: int = Field(description="规则版本 (即 ETag)")
    active: bool = Field(description="是否有效; 停用的规则不再匹配")
    retired_reason: str | None = None
    updated_at: datetime
    spec: dict = Field(description="规则内容, 字段同请求体")


class RulePage(BaseModel):
    items: list[RuleOut]


class CommandOut(BaseModel):
    id: str = Field(description="规则或班次的标识")
    version: int = Field(description="新版本 (即 ETag)")


class ExplainIn(_Body):
    """一个事件的描述: 按此判断当前各规则是否匹配。"""

    event_type: Code = Field(description="事件类型代码, 如 hazard.reported")
    jurisdiction_code: Annotated[Line, Field(max_length=12, description="事件所在辖区代码")]
    grade: Code | None = Field(default=None, description="隐患等级 general / major")
    domain: Code | None = Field(default=None, description="隐患领域代码")
    park_id: Id | None = Field(default=None, description="园区标识; 缺省时按企业名录中企业所在园区")
    enterprise_id: Id | None = Field(default=None, description="企业标识")

    def to_facts(self) -> EventFacts:
        return EventFacts(event_type=self.event_type, jurisdiction_code=self.jurisdiction_code, grade=self.grade,
                          domain=self.domain, park_id=self.park_id, enterprise_id=self.enterprise_id)


class RecipientOut(BaseModel):
    kind: str = Field(description="user 用户, role 角色 (辖区覆盖 jurisdiction_code 的持有者), enterprise 企业用户, park 园区用户")
    value: str
    jurisdiction_code: str = ""
    label: str = Field(description="说明")


class VerdictOut(BaseModel):
    rule_id: str
    rule_name: str
    rule_version: int
    matched: bool
    reasons: list[str] = Field(description="逐项条件的判断理由")
    recipients: list[RecipientOut]


class ExplainOut(BaseModel):
    event: dict = Field(description="判断所用的事件描述 (园区按企业名录补全)")
    rules: list[VerdictOut] = Field(description="辖区覆盖该事件的全部有效规则及其判断")
    recipients: list[RecipientOut] = Field(description="全部匹配规则的接收方 (去重)")


class MatchOut(BaseModel):
    rule_id: str
    rule_name: str
    rule_version: int
    reasons: list[str]
    recipients: list[RecipientOut] = Field(description="该规则送达的接收方")


class AcknowledgementOut(BaseModel):
    user_id: str
    acknowledged_at: datetime
    note: str | None


class NotificationOut(BaseModel):
    notification_id: str
    source_event_id: str = Field(description="引起通知的事件 ce_id")
    source_event_type: str
    event_type: str
    subject_id: str = Field(description="隐患或事件的标识")
    jurisdiction_code: str
    title: str
    body: str = Field(description="正文: 发生了什么、在哪里、怎么处置、链接")
    link: str
    urgent: bool
    drill: bool = Field(description="演练")
    created_at: datetime
    matches: list[MatchOut] = Field(description="匹配的规则及理由")
    status: str = Field(description="本人的状态: unread 未读, read 已读, acknowledged 已确认")
    acknowledged_at: datetime | None = Field(default=None, description="首次被确认的时间 (任一接收人)")
    escalation_level: int = Field(description="已升级的级数: 0 未升级, 1 已升级至副班, 2 已升级至带班领导")
    recipients: list[RecipientOut] | None = Field(default=None, description="全部接收方 (仅查看单条通知时)")
    acknowledgements: list[AcknowledgementOut] | None = Field(default=None, description="各接收人的确认 (仅查看单条通知时)")


class NotificationPage(BaseModel):
    items: list[NotificationOut]
    total: int


class ChannelIn(_Body):
    """一个外发通道。签名密钥只保存在本服务数据库中, 不进入事件, 也不会在任何接口中返回。"""

    name: Annotated[Line, Field(min_length=1, max_length=100, description="名称, 如 泽州县分局值班群")]
    jurisdiction_code: Annotated[Line, Field(max_length=12, description="所属辖区代码")]
    kind: Code = Field(description="webhook 签名 Webhook, email 电子邮件, wecom 企业微信群机器人, dingtalk 钉钉群机器人, sms 短信")
    target: Annotated[Line, Field(min_length=1, max_length=500, description="URL (webhook/wecom/dingtalk)、电子邮件地址或手机号码")]
    secret: Annotated[Line, Field(max_length=200)] | None = Field(
        default=None, description="签名密钥: webhook 必填 (HMAC-SHA256), 钉钉机器人开启加签时填写; 至少 16 个字符")


class ChannelOut(BaseModel):
    channel_id: str
    name: str
    jurisdiction_code: str
    kind: str
    target: str
    signed: bool = Field(description="是否保存了签名密钥")
    active: bool
    retired_reason: str | None
    version: int


class ChannelPage(BaseModel):
    items: list[ChannelOut]


class AttemptOut(BaseModel):
    attempt: int
    at: datetime
    outcome: str = Field(description="delivered 送达, failed 失败")
    detail: str
    next_attempt_at: datetime | None = Field(description="失败后的下次重试时间; 空表示不再重试")
    possible_duplicate: bool


class DeliveryOut(BaseModel):
    delivery_id: str
    channel_id: str
    channel_name: str
    kind: str
    status: str = Field(description="pending 待发, sending 发送中, retrying 待重试, delivered 已送达, failed 已放弃")
    attempts: int
    next_attempt_at: datetime
    possible_duplicate: bool = Field(description="可能重复: 曾有一次发送在记录结果前中断, 已重发并如此标注")
    last_error: str | None
    log: list[AttemptOut] = Field(description="每次尝试")


class DeliveryPage(BaseModel):
    items: list[DeliveryOut]


class AcknowledgeIn(_Body):
    note: Annotated[Line, Field(max_length=500, description="确认意见, 如 已安排人员赶赴现场")] = ""


class StatusOut(BaseModel):
    notification_id: str
    status: str = Field(description="本人的状态: unread, read, acknowledged")
