"""Domain events of the notify service; their wire form is ecosafe.notify.v1 (routing_rule.proto, notification.proto)."""

from __future__ import annotations

from dataclasses import dataclass

from notify.domain.values import Recipient, RuleSpec


@dataclass(frozen=True)
class RoutingRuleCreated:
    rule_id: str
    spec: RuleSpec


@dataclass(frozen=True)
class RoutingRuleChanged:
    rule_id: str
    spec: RuleSpec


@dataclass(frozen=True)
class RoutingRuleRetired:
    rule_id: str
    reason: str


@dataclass(frozen=True)
class RuleMatch:
    """One rule that matched an event, why, and which of the notification's recipients it addressed."""

    rule_id: str
    rule_name: str
    rule_version: int
    reasons: tuple[str, ...]
    recipient_indexes: tuple[int, ...] = ()


@dataclass(frozen=True)
class NotificationRouted:
    notification_id: str
    source_event_id: str
    source_event_type: str
    event_type: str
    subject_id: str
    jurisdiction_code: str
    title: str
    body: str
    link: str
    urgent: bool
    recipients: tuple[Recipient, ...]
    matches: tuple[RuleMatch, ...]
    drill: bool = False


@dataclass(frozen=True)
class NotificationAcknowledged:
    notification_id: str
    user_id: str
    note: str = ""
    on_behalf_of: str = ""  # "enterprise:<id>" / "park:<id>" when acknowledged for a unit


@dataclass(frozen=True)
class NotificationEscalated:
    notification_id: str
    level: int
    duty_position: str
    recipients: tuple[Recipient, ...]
    reason: str


RULE_EVENTS = (RoutingRuleCreated, RoutingRuleChanged, RoutingRuleRetired)
NOTIFICATION_EVENTS = (NotificationRouted, NotificationAcknowledged, NotificationEscalated)
