"""Projections of the notify service's own events, applied in the writer's transaction.

Rebuild: `ecosafe-rebuild --projections notify.adapters.projections:PROJECTIONS`.
"""

from __future__ import annotations

from dataclasses import asdict

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import Connection

from ecosafe_kit.auth import jurisdiction
from ecosafe_kit.messaging.envelope import EventEnvelope
from ecosafe_kit.projections import Projection
from notify.adapters.codec import CODEC
from notify.adapters.tables import notifications, recipients, rules, shifts
from notify.domain import duty, events as ev

RULE_STREAM = "routing-rule"
SHIFT_STREAM = "duty-shift"
NOTIFICATION_STREAM = "notification"
_PREFIX = "ecosafe.notify.v1."


def _rule_written(conn: Connection, envelope: EventEnvelope) -> None:
    event = CODEC.decode(envelope.event_type, envelope.payload)
    row = {"name": event.spec.name, "jurisdiction_code": event.spec.jurisdiction_code,
           "area_prefix": jurisdiction.area_prefix(event.spec.jurisdiction_code), "spec": asdict(event.spec),
           "active": True, "version": envelope.version, "updated_at": envelope.occurred_at}
    statement = insert(rules).values(rule_id=event.rule_id, **row)
    conn.execute(statement.on_conflict_do_update(index_elements=["rule_id"], set_=row))


def _rule_retired(conn: Connection, envelope: EventEnvelope) -> None:
    event: ev.RoutingRuleRetired = CODEC.decode(envelope.event_type, envelope.payload)
    conn.execute(update(rules).where(rules.c.rule_id == event.rule_id).values(
        active=False, retired_reason=event.reason, version=envelope.version, updated_at=envelope.occurred_at))


def _explained(event: ev.NotificationRouted, match: ev.RuleMatch) -> dict:
    """A match as the inbox shows it: the rule, its reasons and the recipients it addressed."""
    return {"rule_id": match.rule_id, "rule_name": match.rule_name, "rule_version": match.rule_version,
            "reasons": list(match.reasons),
            "recipients": [asdict(event.recipients[i]) for i in match.recipient_indexes]}


def _routed(conn: Connection, envelope: EventEnvelope) -> None:
    event: ev.NotificationRouted = CODEC.decode(envelope.event_type, envelope.payload)
    conn.execute(insert(notifications).values(
        notification_id=event.notification_id, source_event_id=event.source_event_id,
        source_event_type=event.source_event_type, event_type=event.event_type, subject_id=event.subject_id,
        jurisdiction_code=event.jurisdiction_code, title=event.title, body=event.body, link=event.link,
        urgent=event.urgent, drill=event.drill, matches=[_explained(event, m) for m in event.matches],
        created_at=envelope.occurred_at).on_conflict_do_nothing(index_elements=["notification_id"]))
    if event.recipients:
        conn.execute(insert(recipients).values([
            {"notification_id": event.notification_id, "kind": r.kind, "value": r.value,
             "jurisdiction_code": r.jurisdiction_code, "label": r.label} for r in event.recipients
        ]).on_conflict_do_nothing())


def _shift_written(conn: Connection, envelope: EventEnvelope) -> None:
    event = CODEC.decode(envelope.event_type, envelope.payload)
    spec: duty.ShiftSpec = event.spec
    row = {"jurisdiction_code": spec.jurisdiction_code, "starts_at": spec.starts_at, "ends_at": spec.ends_at,
           "duty_officer": asdict(spec.duty_officer), "leader": asdict(spec.leader),
           "deputy": asdict(spec.deputy) if spec.deputy else None, "active": True, "version": envelope.version,
           "updated_at": envelope.occurred_at}
    statement = insert(shifts).values(shift_id=event.shift_id, **row)
    conn.execute(statement.on_conflict_do_update(index_elements=["shift_id"], set_=row))


def _shift_cancelled(conn: Connection, envelope: EventEnvelope) -> None:
    event: duty.DutyShiftCancelled = CODEC.decode(envelope.event_type, envelope.payload)
    conn.execute(update(shifts).where(shifts.c.shift_id == event.shift_id).values(
        active=False, cancel_reason=event.reason, version=envelope.version, updated_at=envelope.occurred_at))


RULES = Projection(
    name="routing-rules",
    handlers={_PREFIX + "RoutingRuleCreated": _rule_written, _PREFIX + "RoutingRuleChanged": _rule_written,
              _PREFIX + "RoutingRuleRetired": _rule_retired},
    tables=["nt_rules"], stream_types=[RULE_STREAM])
NOTIFICATIONS = Projection(
    name="notifications", handlers={_PREFIX + "NotificationRouted": _routed},
    tables=["nt_recipients", "nt_notifications"], stream_types=[NOTIFICATION_STREAM])
SHIFTS = Projection(
    name="duty-roster",
    handlers={_PREFIX + "DutyShiftScheduled": _shift_written, _PREFIX + "DutyShiftChanged": _shift_written,
              _PREFIX + "DutyShiftCancelled": _shift_cancelled},
    tables=["nt_shifts"], stream_types=[SHIFT_STREAM])
PROJECTIONS = [RULES, SHIFTS, NOTIFICATIONS]
