"""Routing an incoming event: the matching rules, their recipients, one signed NotificationRouted per source event."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import literal, select
from sqlalchemy.engine import Connection

from ecosafe_kit.eventstore import EventStore, Signer
from ecosafe_kit.messaging.envelope import EventEnvelope
from notify.adapters import delivery_queries
from notify.adapters.tables import rules
from notify.domain import events as ev
from notify.domain.matching import match
from notify.domain.messages import compose
from notify.domain.recipients import addressed
from notify.domain.values import EventFacts, Incoming, Recipient, RuleSpec
from notify.service_layer.recording import record_notification

ROUTING_SIGNER = Signer(subject="system:notify-routing", name="通知分发", roles=("admin",), jurisdiction="")
# Notification ids derive from the source event's id: the same event routed twice is the same notification.
_NAMESPACE = uuid.UUID("6f1d3c8e-8a53-4c1e-9a53-2f0e7c1b9d40")


@dataclass(frozen=True)
class RuleVerdict:
    rule_id: str
    rule_name: str
    rule_version: int
    matched: bool
    reasons: tuple[str, ...]
    recipients: tuple[Recipient, ...]
    urgent: bool = False
    channel_ids: tuple[str, ...] = ()


def notification_id_for(source_event_id: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, source_event_id))


# Who holds a duty position over an area at an instant: (conn, jurisdiction, position, at) → recipients.
Roster = Callable[[Connection, str, str, datetime], list[Recipient]]


def no_roster(conn: Connection, jurisdiction_code: str, position: str, at: datetime) -> list[Recipient]:
    return []


def candidate_rules(conn: Connection, jurisdiction_code: str) -> list[tuple[str, int, RuleSpec]]:
    """Active rules whose area holds `jurisdiction_code` (a city's rule holds its counties)."""
    rows = conn.execute(select(rules.c.rule_id, rules.c.version, rules.c.spec).where(
        rules.c.active, literal(jurisdiction_code).startswith(rules.c.area_prefix)).order_by(rules.c.rule_id))
    return [(r.rule_id, r.version, spec_from_json(r.spec)) for r in rows]


def spec_from_json(data: dict) -> RuleSpec:
    return RuleSpec(**{k: tuple(v) if isinstance(v, list) else v for k, v in data.items()})


def judge(conn: Connection, facts: EventFacts, roster: Roster, at: datetime) -> list[RuleVerdict]:
    """Every candidate rule's verdict on `facts` happening `at`, with the recipients of those that match."""

    def on_duty(jurisdiction_code: str, position: str) -> list[Recipient]:
        return roster(conn, jurisdiction_code, position, at)

    verdicts = []
    for rule_id, version, spec in candidate_rules(conn, facts.jurisdiction_code):
        verdict = match(spec, facts)
        found: list[Recipient] = []
        reasons = list(verdict.reasons)
        if verdict.matched:
            found, unreached = addressed(spec, facts, on_duty)
            reasons += [f"未送达: {line}" for line in unreached]
            if spec.urgent:
                reasons.append("规则要求确认 (紧急)")
        verdicts.append(RuleVerdict(rule_id, spec.name, version, verdict.matched, tuple(reasons), tuple(found),
                                    spec.urgent, spec.channel_ids))
    return verdicts


def gather(matched: list[RuleVerdict]) -> tuple[list[Recipient], list[list[int]]]:
    """Every recipient of the matched rules once, and for each rule the positions of its recipients."""
    position: dict[tuple[str, str, str], int] = {}
    ordered: list[Recipient] = []
    indexes = []
    for verdict in matched:
        mine = []
        for recipient in verdict.recipients:
            if recipient.key not in position:
                position[recipient.key] = len(ordered)
                ordered.append(recipient)
            mine.append(position[recipient.key])
        indexes.append(mine)
    return ordered, indexes


class Router:
    """Turns incoming events into notifications, inside the consumer's exactly-once transaction."""

    def __init__(self, store: EventStore, record_urls: dict[str, str], roster: Roster = no_roster) -> None:
        self.store = store
        self.record_urls = record_urls  # record kind → URL template with {id}
        self.roster = roster

    def route(self, conn: Connection, envelope: EventEnvelope, incoming: Incoming) -> ev.NotificationRouted | None:
        """Record the notification for `incoming`, or nothing when no rule matches."""
        matched = [v for v in judge(conn, incoming.facts, self.roster, envelope.occurred_at) if v.matched]
        if not matched:
            return None
        ordered, indexes = gather(matched)
        matches = [ev.RuleMatch(v.rule_id, v.rule_name, v.rule_version, v.reasons, tuple(ix))
                   for v, ix in zip(matched, indexes)]
        title, body = compose(incoming)
        link = self.record_urls[incoming.record_kind].format(id=incoming.subject_id)
        urgent = not incoming.drill and any(v.urgent for v in matched)
        event = ev.NotificationRouted(
            notification_id=notification_id_for(str(envelope.event_id)), source_event_id=str(envelope.event_id),
            source_event_type=envelope.event_type, event_type=incoming.facts.event_type,
            subject_id=incoming.subject_id, jurisdiction_code=incoming.facts.jurisdiction_code, title=title,
            body=f"{body}\n详情: {link}", link=link, urgent=urgent, recipients=tuple(ordered),
            matches=tuple(matches), drill=incoming.drill)
        record_notification(conn, self.store, event, ROUTING_SIGNER, {"causationid": str(envelope.event_id)})
        channels = list(dict.fromkeys(c for v in matched for c in v.channel_ids))
        if channels:
            delivery_queries.enqueue(conn, event.notification_id, channels)
        return event
