"""Outbound channels (外发通道): what an office registers, its checks, and the message every channel renders."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ecosafe_kit.auth import jurisdiction
from ecosafe_kit.domain import Aggregate
from ecosafe_kit.errors import Conflict, FieldProblem

KINDS = {"webhook": "签名 Webhook", "email": "电子邮件", "wecom": "企业微信群机器人", "dingtalk": "钉钉群机器人",
         "sms": "短信"}
_URL = re.compile(r"https?://[^\s]+")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_PHONE = re.compile(r"\+?[0-9]{5,20}")


@dataclass(frozen=True)
class ChannelSpec:
    name: str
    jurisdiction_code: str
    kind: str
    target: str
    signed: bool = False


@dataclass(frozen=True)
class ChannelRegistered:
    channel_id: str
    spec: ChannelSpec


@dataclass(frozen=True)
class ChannelRetired:
    channel_id: str
    reason: str


CHANNEL_EVENTS = (ChannelRegistered, ChannelRetired)


def problems_of(spec: ChannelSpec) -> list[FieldProblem]:
    problems = []
    if not spec.name.strip():
        problems.append(FieldProblem("name", "通道名称不能为空"))
    if not jurisdiction.is_valid_code(spec.jurisdiction_code):
        problems.append(FieldProblem("jurisdiction_code", f"不是有效的行政区划代码: {spec.jurisdiction_code}"))
    if spec.kind not in KINDS:
        problems.append(FieldProblem("kind", f"未知的通道类型: {spec.kind}; 可选: {', '.join(KINDS)}"))
        return problems
    pattern, what = {"email": (_EMAIL, "电子邮件地址"), "sms": (_PHONE, "手机号码 (5-20 位数字, 可带 +)")}.get(
        spec.kind, (_URL, "http(s) 地址"))
    if not pattern.fullmatch(spec.target):
        problems.append(FieldProblem("target", f"{KINDS[spec.kind]}的目标应为{what}"))
    if spec.kind == "webhook" and not spec.signed:
        problems.append(FieldProblem("secret", "签名 Webhook 须提供签名密钥 (至少 16 个字符)"))
    return problems


@dataclass(frozen=True)
class OutgoingMessage:
    """What every channel sends: the notification's words and identity, and whether it may be a repeat."""

    notification_id: str
    delivery_id: str
    event_type: str
    subject_id: str
    jurisdiction_code: str
    title: str
    body: str
    link: str
    urgent: bool
    drill: bool
    possible_duplicate: bool = False


class Channel(Aggregate):
    def _init_state(self) -> None:
        self.spec: ChannelSpec | None = None
        self.active = False

    @classmethod
    def register(cls, channel_id: str, spec: ChannelSpec) -> Channel:
        channel = cls(channel_id)
        channel._init_state()
        channel._record(ChannelRegistered(channel_id, spec))
        return channel

    def retire(self, reason: str) -> None:
        if not self.active:
            raise Conflict("通道已停用", extra={"channel_id": self.id})
        self._record(ChannelRetired(self.id, reason))

    def apply_ChannelRegistered(self, event: ChannelRegistered) -> None:
        self.spec = event.spec
        self.active = True

    def apply_ChannelRetired(self, event: ChannelRetired) -> None:
        self.active = False
