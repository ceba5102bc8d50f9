"""The vocabulary of routing: event types, grades, duty positions, parties, and what an incoming event says."""

from __future__ import annotations

from dataclasses import dataclass, field

# Event type codes a rule may match, with the words a duty officer reads.
EVENT_TYPES = {
    "hazard.reported": "隐患上报",
    "hazard.assigned": "隐患交办",
    "hazard.overdue": "隐患逾期未整改",
    "hazard.listed": "隐患挂牌督办",
    "hazard.verification_failed": "隐患整改督查未通过",
    "hazard.closed": "隐患销号",
    "inspection.completed": "执法检查完成",
    "finding.recorded": "执法检查发现问题",
    "incident.reported": "突发环境事件报告",
    "incident.correlated": "突发环境事件关联分析",
}
GRADES = {"general": "一般", "major": "重大"}
DUTY_POSITIONS = {"duty_officer": "值班员", "leader": "带班领导", "deputy": "副班"}
PARTIES = {"enterprise": "涉事企业", "park": "所在园区", "assigner": "交办人", "reporter": "上报人"}


@dataclass(frozen=True)
class RuleSpec:
    """A routing rule's content; empty criteria match anything, the jurisdiction always applies."""

    name: str
    jurisdiction_code: str
    event_types: tuple[str, ...]
    grades: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    park_ids: tuple[str, ...] = ()
    enterprise_ids: tuple[str, ...] = ()
    recipient_roles: tuple[str, ...] = ()
    recipient_users: tuple[str, ...] = ()
    recipient_duty_positions: tuple[str, ...] = ()
    recipient_parties: tuple[str, ...] = ()
    urgent: bool = False
    channel_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class EventFacts:
    """What routing knows of an incoming event: its type and the attributes rules match on."""

    event_type: str
    jurisdiction_code: str
    grade: str | None = None
    domain: str | None = None
    park_id: str | None = None
    enterprise_id: str | None = None
    # Users the event names, by party (assigner, reporter): their ids.
    party_users: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Recipient:
    """An address: a user, the holders of a role over an area, an enterprise's users or a park's operators."""

    kind: str
    value: str
    jurisdiction_code: str = ""
    label: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return self.kind, self.value, self.jurisdiction_code


@dataclass(frozen=True)
class Incoming:
    """An event of another service as routing sees it: the facts rules match on, and what the message tells."""

    facts: EventFacts
    subject_id: str
    record_kind: str        # "hazard", "inspection" or "incident": which record the notification links to
    subject: str            # e.g. "隐患 ZZ-2026-0001"
    place: str
    details: tuple[str, ...] = ()
    drill: bool = False
