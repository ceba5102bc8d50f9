"""Projections of the notify service's own events, applied in the writer's transaction.

Rebuild: `ecosafe-rebuild --projections notify.adapters.projections:PROJECTIONS`.
"""

from __future__ import annotations

from dataclasses import asdict

from sqlalchemy import func, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import Connection

from ecosafe_kit.auth import jurisdiction
from ecosafe_kit.messaging.envelope import EventEnvelope
from ecosafe_kit.projections import Projection
from notify.adapters import map_events, map_feed
from notify.adapters.codec import CODEC
from notify.adapters.tables import (
    channels, delivery_attempts, notifications, receipts, recipients, report_clocks, report_obligations, report_status,
    rules, shifts,
    warnings,
)
from notify.domain.live_map import MapItem
from notify.domain import channels as ch, delivery, duty, events as ev, report_clocks as rc, reporting as rp, warnings as wn

RULE_STREAM = "routing-rule"
SHIFT_STREAM = "duty-shift"
CHANNEL_STREAM = "channel"
DELIVERY_STREAM = "delivery"
WARNING_STREAM = "warning"
REPORT_STREAM = "report-obligation"
CLOCK_STREAM = "report-clock"
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


def _channel_registered(conn: Connection, envelope: EventEnvelope) -> None:
    event: ch.ChannelRegistered = CODEC.decode(envelope.event_type, envelope.payload)
    conn.execute(insert(channels).values(
        channel_id=event.channel_id, **asdict(event.spec), active=True, version=envelope.version,
        updated_at=envelope.occurred_at).on_conflict_do_nothing(index_elements=["channel_id"]))


def _channel_retired(conn: Connection, envelope: EventEnvelope) -> None:
    event: ch.ChannelRetired = CODEC.decode(envelope.event_type, envelope.payload)
    conn.execute(update(channels).where(channels.c.channel_id == event.channel_id).values(
        active=False, retired_reason=event.reason, version=envelope.version, updated_at=envelope.occurred_at))


def _attempted(conn: Connection, envelope: EventEnvelope) -> None:
    event = CODEC.decode(envelope.event_type, envelope.payload)
    failed = isinstance(event, delivery.DeliveryFailed)
    conn.execute(insert(delivery_attempts).values(
        delivery_id=event.delivery_id, attempt=event.attempt, at=envelope.occurred_at,
        outcome="failed" if failed else "delivered", detail=event.reason if failed else event.detail,
        next_attempt_at=event.next_attempt_at if failed else None, possible_duplicate=event.possible_duplicate,
    ).on_conflict_do_nothing())


def _acknowledged(conn: Connection, envelope: EventEnvelope) -> None:
    event: ev.NotificationAcknowledged = CODEC.decode(envelope.event_type, envelope.payload)
    at = envelope.occurred_at
    unit = event.on_behalf_of or None
    statement = insert(receipts).values(notification_id=event.notification_id, user_id=event.user_id, read_at=at,
                                        acknowledged_at=at, note=event.note, on_behalf_of=unit)
    conn.execute(statement.on_conflict_do_update(
        index_elements=["notification_id", "user_id"],
        set_={"acknowledged_at": at, "note": event.note, "on_behalf_of": unit,
              "read_at": func.coalesce(receipts.c.read_at, at)}))
    conn.execute(update(notifications).where(notifications.c.notification_id == event.notification_id,
                                             notifications.c.acknowledged_at.is_(None)).values(acknowledged_at=at))


def _escalated(conn: Connection, envelope: EventEnvelope) -> None:
    event: ev.NotificationEscalated = CODEC.decode(envelope.event_type, envelope.payload)
    conn.execute(update(notifications).where(notifications.c.notification_id == event.notification_id)
                 .values(escalation_level=event.level))
    if event.recipients:
        conn.execute(insert(recipients).values([
            {"notification_id": event.notification_id, "kind": r.kind, "value": r.value,
             "jurisdiction_code": r.jurisdiction_code, "label": r.label} for r in event.recipients
        ]).on_conflict_do_nothing())


def _warning_issued(conn: Connection, envelope: EventEnvelope) -> None:
    event: wn.WarningIssued = CODEC.decode(envelope.event_type, envelope.payload)
    spec = event.spec
    conn.execute(insert(warnings).values(
        warning_id=event.warning_id, kind=spec.kind, level=spec.level, title=spec.title, content=spec.content,
        jurisdiction_code=spec.jurisdiction_code, area_geojson=spec.area_geojson,
        issuer_jurisdiction=envelope.signer.jurisdiction, issued_by=envelope.signer.name,
        issued_at=envelope.occurred_at, valid_until=spec.valid_until, enterprise_ids=list(event.enterprise_ids),
        park_ids=list(event.park_ids), notification_id=event.notification_id,
    ).on_conflict_do_nothing(index_elements=["warning_id"]))


def _obligation_created(conn: Connection, envelope: EventEnvelope) -> None:
    event: rp.ReportObligationCreated = CODEC.decode(envelope.event_type, envelope.payload)
    conn.execute(insert(report_obligations).values(
        obligation_id=event.obligation_id, name=event.spec.name, jurisdiction_code=event.spec.jurisdiction_code,
        spec=asdict(event.spec), version=envelope.version, created_at=envelope.occurred_at,
    ).on_conflict_do_nothing(index_elements=["obligation_id"]))


def _report_status(conn: Connection, envelope: EventEnvelope) -> None:
    event = CODEC.decode(envelope.event_type, envelope.payload)
    at = envelope.occurred_at
    if isinstance(event, rp.ReportSubmitted):
        values = {"submitted_at": at, "submitted_by": envelope.signer.name, "zero_report": event.zero_report,
                  "summary": event.summary}
    elif isinstance(event, rp.ReportReminded):
        values = {"reminded_at": at}
    else:
        values = {"missed_at": at}
    statement = insert(report_status).values(obligation_id=event.obligation_id, unit_code=event.unit_code,
                                             period=event.period, **values)
    conn.execute(statement.on_conflict_do_update(index_elements=["obligation_id", "unit_code", "period"], set_=values))
    conn.execute(update(report_obligations).where(report_obligations.c.obligation_id == event.obligation_id)
                 .values(version=envelope.version))


def _clocks_started(conn: Connection, envelope: EventEnvelope) -> None:
    event: rc.ReportClocksStarted = CODEC.decode(envelope.event_type, envelope.payload)
    for clock in event.clocks:
        conn.execute(insert(report_clocks).values(
            incident_id=event.incident_id, stage=clock.stage, jurisdiction_code=event.jurisdiction_code,
            level=event.level, started_at=event.started_at, limit_hours=clock.limit_hours, due_at=clock.due_at,
            version=envelope.version).on_conflict_do_nothing(index_elements=["incident_id", "stage"]))


def _clock_moved(conn: Connection, envelope: EventEnvelope) -> None:
    event = CODEC.decode(envelope.event_type, envelope.payload)
    at = envelope.occurred_at
    if isinstance(event, rc.ReportClockSubmitted):
        values = {"submitted_at": at, "submitted_by": envelope.signer.name, "summary": event.summary}
    elif isinstance(event, rc.ReportClockReminded):
        values = {"reminded_at": at}
    else:
        values = {"missed_at": at}
    conn.execute(update(report_clocks).where(report_clocks.c.incident_id == event.incident_id,
                                             report_clocks.c.stage == event.stage).values(**values))
    conn.execute(update(report_clocks).where(report_clocks.c.incident_id == event.incident_id)
                 .values(version=envelope.version))


def _notification_on_map(conn: Connection, envelope: EventEnvelope) -> None:
    """A new or escalated notification on the live map; who sees it is decided by its recipients when read."""
    escalated = envelope.event_type == _PREFIX + "NotificationEscalated"
    event = CODEC.decode(envelope.event_type, envelope.payload)
    row = conn.execute(notifications.select().where(
        notifications.c.notification_id == event.notification_id)).first()
    if row is None:
        return
    enterprise_id, park_id, lon, lat = map_events.place_of_subject(conn, row.subject_id)
    title = f"【已升级, 请确认】{row.title}" if escalated else row.title
    map_feed.add(conn, str(envelope.event_id), MapItem(
        kind="notification", aggregate_id=row.notification_id, event=envelope.event_type.removeprefix(_PREFIX),
        title=title, urgent=escalated or (row.urgent and not row.drill), jurisdiction_code=row.jurisdiction_code,
        occurred_at=envelope.occurred_at, enterprise_id=enterprise_id, park_id=park_id, lon=lon, lat=lat,
        state="escalated" if escalated else "routed"))


RULES = Projection(
    name="routing-rules",
    handlers={_PREFIX + "RoutingRuleCreated": _rule_written, _PREFIX + "RoutingRuleChanged": _rule_written,
              _PREFIX + "RoutingRuleRetired": _rule_retired},
    tables=["nt_rules"], stream_types=[RULE_STREAM])
NOTIFICATIONS = Projection(
    name="notifications",
    handlers={_PREFIX + "NotificationRouted": _routed, _PREFIX + "NotificationAcknowledged": _acknowledged,
              _PREFIX + "NotificationEscalated": _escalated},
    # Read marks are not events: a rebuild keeps the acknowledgements (events) and loses only "read".
    tables=["nt_receipts", "nt_recipients", "nt_notifications"], stream_types=[NOTIFICATION_STREAM])
SHIFTS = Projection(
    name="duty-roster",
    handlers={_PREFIX + "DutyShiftScheduled": _shift_written, _PREFIX + "DutyShiftChanged": _shift_written,
              _PREFIX + "DutyShiftCancelled": _shift_cancelled},
    tables=["nt_shifts"], stream_types=[SHIFT_STREAM])
CHANNELS = Projection(
    name="channels",
    handlers={_PREFIX + "ChannelRegistered": _channel_registered, _PREFIX + "ChannelRetired": _channel_retired},
    tables=["nt_channels"], stream_types=[CHANNEL_STREAM])
DELIVERY_LOG = Projection(
    name="delivery-log",
    handlers={_PREFIX + "NotificationDelivered": _attempted, _PREFIX + "DeliveryFailed": _attempted},
    tables=["nt_delivery_attempts"], stream_types=[DELIVERY_STREAM])
WARNINGS = Projection(name="warnings", handlers={_PREFIX + "WarningIssued": _warning_issued},
                      tables=["nt_warnings"], stream_types=[WARNING_STREAM])
REPORTS = Projection(
    name="report-obligations",
    handlers={_PREFIX + "ReportObligationCreated": _obligation_created, _PREFIX + "ReportSubmitted": _report_status,
              _PREFIX + "ReportReminded": _report_status, _PREFIX + "ReportMissed": _report_status},
    tables=["nt_report_status", "nt_report_obligations"], stream_types=[REPORT_STREAM])
CLOCKS = Projection(
    name="report-clocks",
    handlers={_PREFIX + "ReportClocksStarted": _clocks_started, _PREFIX + "ReportClockReminded": _clock_moved,
              _PREFIX + "ReportClockMissed": _clock_moved, _PREFIX + "ReportClockSubmitted": _clock_moved},
    tables=["nt_report_clocks"], stream_types=[CLOCK_STREAM])
# A log, not a state: never cleared by a rebuild (the items keep their positions; a replay adds none).
MAP_FEED = Projection(
    name="live-map", handlers={_PREFIX + "NotificationRouted": _notification_on_map,
                               _PREFIX + "NotificationEscalated": _notification_on_map},
    tables=[], stream_types=[NOTIFICATION_STREAM])
PROJECTIONS = [RULES, SHIFTS, CHANNELS, NOTIFICATIONS, DELIVERY_LOG, WARNINGS, REPORTS, CLOCKS, MAP_FEED]
