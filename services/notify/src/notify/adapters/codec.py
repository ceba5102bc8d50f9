"""Maps the notify domain events to their protobuf messages (ecosafe.notify.v1) and back."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from datetime import timezone

from ecosafe.notify.v1 import incident_task_pb2 as tpb
from ecosafe.notify.v1 import channel_pb2 as cpb, report_clock_pb2 as kpb, report_obligation_pb2 as opb, warning_pb2 as wpb, delivery_pb2 as lpb, duty_shift_pb2 as dpb, notification_pb2 as npb, \
    routing_rule_pb2 as rpb
from ecosafe_kit.codec import ProtobufCodec
from notify.domain import channels, delivery, duty, events as ev, incident_tasks as it, report_clocks as rc, reporting, warnings
from notify.domain.values import Recipient, RuleSpec

_LISTS = ("event_types", "grades", "domains", "park_ids", "enterprise_ids", "recipient_roles", "recipient_users",
          "recipient_duty_positions", "recipient_parties", "channel_ids")


def _spec_message(spec: RuleSpec) -> rpb.RoutingRuleSpec:
    return rpb.RoutingRuleSpec(name=spec.name, jurisdiction_code=spec.jurisdiction_code, urgent=spec.urgent,
                               **{name: list(getattr(spec, name)) for name in _LISTS})


def _spec(message: rpb.RoutingRuleSpec) -> RuleSpec:
    return RuleSpec(name=message.name, jurisdiction_code=message.jurisdiction_code, urgent=message.urgent,
                    **{name: tuple(getattr(message, name)) for name in _LISTS})


def _person_message(person: duty.DutyPerson) -> dpb.DutyPerson:
    return dpb.DutyPerson(user_id=person.user_id, name=person.name, phone=person.phone)


def _person(message: dpb.DutyPerson) -> duty.DutyPerson:
    return duty.DutyPerson(message.user_id, message.name, message.phone)


def _shift_message(spec: duty.ShiftSpec) -> dpb.DutyShiftSpec:
    message = dpb.DutyShiftSpec(jurisdiction_code=spec.jurisdiction_code, duty_officer=_person_message(spec.duty_officer),
                                leader=_person_message(spec.leader))
    message.starts_at.FromDatetime(spec.starts_at)
    message.ends_at.FromDatetime(spec.ends_at)
    if spec.deputy is not None:
        message.deputy.CopyFrom(_person_message(spec.deputy))
    return message


def _shift(message: dpb.DutyShiftSpec) -> duty.ShiftSpec:
    return duty.ShiftSpec(
        jurisdiction_code=message.jurisdiction_code, starts_at=message.starts_at.ToDatetime(tzinfo=timezone.utc),
        ends_at=message.ends_at.ToDatetime(tzinfo=timezone.utc), duty_officer=_person(message.duty_officer),
        leader=_person(message.leader), deputy=_person(message.deputy) if message.HasField("deputy") else None)


def _recipient_message(r: Recipient) -> npb.Recipient:
    return npb.Recipient(kind=r.kind, value=r.value, jurisdiction_code=r.jurisdiction_code, label=r.label)


def _recipient(m: npb.Recipient) -> Recipient:
    return Recipient(m.kind, m.value, m.jurisdiction_code, m.label)


def _clocks_message(event: rc.ReportClocksStarted) -> kpb.ReportClocksStarted:
    message = kpb.ReportClocksStarted(incident_id=event.incident_id, jurisdiction_code=event.jurisdiction_code,
                                      level=event.level)
    message.started_at.FromDatetime(event.started_at)
    for clock in event.clocks:
        item = message.clocks.add(stage=clock.stage, limit_hours=clock.limit_hours)
        item.due_at.FromDatetime(clock.due_at)
    return message


def _clocks(message: kpb.ReportClocksStarted) -> rc.ReportClocksStarted:
    return rc.ReportClocksStarted(
        message.incident_id, message.jurisdiction_code, message.level,
        message.started_at.ToDatetime(tzinfo=timezone.utc),
        tuple(rc.ReportClock(c.stage, c.limit_hours, c.due_at.ToDatetime(tzinfo=timezone.utc)) for c in message.clocks))


def _task_message(task: it.IncidentTask) -> tpb.IncidentTask:
    message = tpb.IncidentTask(task_id=task.task_id, kind=task.kind, target_id=task.target_id,
                               target_name=task.target_name, jurisdiction_code=task.jurisdiction_code,
                               assignee=task.assignee, notification_id=task.notification_id)
    if task.eta_hours is not None:
        message.eta_hours = task.eta_hours
    message.due_at.FromDatetime(task.due_at)
    return message


def _task(m: tpb.IncidentTask) -> it.IncidentTask:
    return it.IncidentTask(m.task_id, m.kind, m.target_id, m.target_name, m.jurisdiction_code, m.assignee,
                           m.eta_hours if m.HasField("eta_hours") else None, m.due_at.ToDatetime(tzinfo=timezone.utc),
                           m.notification_id)


def _encode_task_event(event: Any):
    if isinstance(event, it.IncidentTasksDispatched):
        return tpb.IncidentTasksDispatched(incident_id=event.incident_id, jurisdiction_code=event.jurisdiction_code,
                                           drill=event.drill, tasks=[_task_message(t) for t in event.tasks])
    if isinstance(event, it.IncidentTaskAcknowledged):
        return tpb.IncidentTaskAcknowledged(incident_id=event.incident_id, task_id=event.task_id,
                                            user_id=event.user_id, note=event.note)
    if isinstance(event, it.IncidentTaskEscalated):
        return tpb.IncidentTaskEscalated(incident_id=event.incident_id, task_id=event.task_id,
                                         notification_id=event.notification_id)
    return tpb.IncidentTaskCompleted(incident_id=event.incident_id, task_id=event.task_id, note=event.note,
                                     source=event.source, device_event_id=event.device_event_id)


def _decode_task_event(m: Any):
    if isinstance(m, tpb.IncidentTasksDispatched):
        return it.IncidentTasksDispatched(m.incident_id, m.jurisdiction_code, m.drill, tuple(_task(t) for t in m.tasks))
    if isinstance(m, tpb.IncidentTaskAcknowledged):
        return it.IncidentTaskAcknowledged(m.incident_id, m.task_id, m.user_id, m.note)
    if isinstance(m, tpb.IncidentTaskEscalated):
        return it.IncidentTaskEscalated(m.incident_id, m.task_id, m.notification_id)
    return it.IncidentTaskCompleted(m.incident_id, m.task_id, m.note, m.source, m.device_event_id)


def _encode(event: Any):
    if isinstance(event, it.TASK_EVENTS):
        return _encode_task_event(event)
    if isinstance(event, rc.ReportClocksStarted):
        return _clocks_message(event)
    if isinstance(event, (rc.ReportClockReminded, rc.ReportClockMissed)):
        return getattr(kpb, type(event).__name__)(incident_id=event.incident_id, stage=event.stage,
                                                  notification_id=event.notification_id)
    if isinstance(event, rc.ReportClockSubmitted):
        return kpb.ReportClockSubmitted(incident_id=event.incident_id, stage=event.stage, summary=event.summary)
    if isinstance(event, reporting.ReportObligationCreated):
        spec = event.spec
        return opb.ReportObligationCreated(
            obligation_id=event.obligation_id, name=spec.name, jurisdiction_code=spec.jurisdiction_code, kind=spec.kind,
            due_time=spec.due_time, due_weekday=spec.due_weekday, due_day=spec.due_day,
            remind_minutes_before=spec.remind_minutes_before, zero_report_allowed=spec.zero_report_allowed,
            unit_codes=list(spec.unit_codes), on_rest_day=spec.on_rest_day)
    if isinstance(event, reporting.ReportSubmitted):
        return opb.ReportSubmitted(obligation_id=event.obligation_id, unit_code=event.unit_code, period=event.period,
                                   zero_report=event.zero_report, summary=event.summary)
    if isinstance(event, (reporting.ReportReminded, reporting.ReportMissed)):
        return getattr(opb, type(event).__name__)(obligation_id=event.obligation_id, unit_code=event.unit_code,
                                                  period=event.period, notification_id=event.notification_id)
    if isinstance(event, warnings.WarningIssued):
        spec = event.spec
        message = wpb.WarningIssued(warning_id=event.warning_id, kind=spec.kind, level=spec.level, title=spec.title,
                                    content=spec.content, jurisdiction_code=spec.jurisdiction_code or "",
                                    area_geojson=spec.area_geojson or "", enterprise_ids=list(event.enterprise_ids),
                                    park_ids=list(event.park_ids), notification_id=event.notification_id)
        message.valid_until.FromDatetime(spec.valid_until)
        return message
    if isinstance(event, channels.ChannelRegistered):
        spec = event.spec
        return cpb.ChannelRegistered(channel_id=event.channel_id, name=spec.name, jurisdiction_code=spec.jurisdiction_code,
                                     kind=spec.kind, target=spec.target, signed=spec.signed)
    if isinstance(event, channels.ChannelRetired):
        return cpb.ChannelRetired(channel_id=event.channel_id, reason=event.reason)
    if isinstance(event, delivery.NotificationDelivered):
        return lpb.NotificationDelivered(delivery_id=event.delivery_id, notification_id=event.notification_id,
                                         channel_id=event.channel_id, attempt=event.attempt,
                                         possible_duplicate=event.possible_duplicate, detail=event.detail)
    if isinstance(event, delivery.DeliveryFailed):
        message = lpb.DeliveryFailed(delivery_id=event.delivery_id, notification_id=event.notification_id,
                                     channel_id=event.channel_id, attempt=event.attempt, reason=event.reason,
                                     possible_duplicate=event.possible_duplicate)
        if event.next_attempt_at is not None:
            message.next_attempt_at.FromDatetime(event.next_attempt_at)
        return message
    if isinstance(event, duty.DutyShiftScheduled):
        return dpb.DutyShiftScheduled(shift_id=event.shift_id, spec=_shift_message(event.spec))
    if isinstance(event, duty.DutyShiftChanged):
        return dpb.DutyShiftChanged(shift_id=event.shift_id, spec=_shift_message(event.spec))
    if isinstance(event, duty.DutyShiftCancelled):
        return dpb.DutyShiftCancelled(shift_id=event.shift_id, reason=event.reason)
    if isinstance(event, ev.RoutingRuleCreated):
        return rpb.RoutingRuleCreated(rule_id=event.rule_id, spec=_spec_message(event.spec))
    if isinstance(event, ev.RoutingRuleChanged):
        return rpb.RoutingRuleChanged(rule_id=event.rule_id, spec=_spec_message(event.spec))
    if isinstance(event, ev.RoutingRuleRetired):
        return rpb.RoutingRuleRetired(rule_id=event.rule_id, reason=event.reason)
    if isinstance(event, ev.NotificationRouted):
        return npb.NotificationRouted(
            notification_id=event.notification_id, source_event_id=event.source_event_id,
            source_event_type=event.source_event_type, event_type=event.event_type, subject_id=event.subject_id,
            jurisdiction_code=event.jurisdiction_code, title=event.title, body=event.body, link=event.link,
            urgent=event.urgent, drill=event.drill,
            recipients=[_recipient_message(r) for r in event.recipients],
            matches=[npb.RuleMatch(rule_id=m.rule_id, rule_name=m.rule_name, rule_version=m.rule_version,
                                   reasons=list(m.reasons), recipient_indexes=list(m.recipient_indexes))
                     for m in event.matches])
    if isinstance(event, ev.NotificationAcknowledged):
        return npb.NotificationAcknowledged(notification_id=event.notification_id, user_id=event.user_id,
                                            note=event.note, on_behalf_of=event.on_behalf_of)
    if isinstance(event, ev.NotificationEscalated):
        return npb.NotificationEscalated(notification_id=event.notification_id, level=event.level,
                                         duty_position=event.duty_position, reason=event.reason,
                                         recipients=[_recipient_message(r) for r in event.recipients])
    raise TypeError(f"no protobuf message for {type(event).__name__}")


def _decode(message: Any):
    if isinstance(message, _TASK_MESSAGES):
        return _decode_task_event(message)
    if isinstance(message, kpb.ReportClocksStarted):
        return _clocks(message)
    if isinstance(message, (kpb.ReportClockReminded, kpb.ReportClockMissed)):
        return getattr(rc, type(message).__name__)(message.incident_id, message.stage, message.notification_id)
    if isinstance(message, kpb.ReportClockSubmitted):
        return rc.ReportClockSubmitted(message.incident_id, message.stage, message.summary)
    if isinstance(message, opb.ReportObligationCreated):
        return reporting.ReportObligationCreated(message.obligation_id, reporting.ObligationSpec(
            message.name, message.jurisdiction_code, message.kind, message.due_time, message.due_weekday,
            message.due_day, message.remind_minutes_before, message.zero_report_allowed, tuple(message.unit_codes),
            # Empty in events written before the setting: the spec reads it as the kind's default.
            message.on_rest_day))
    if isinstance(message, opb.ReportSubmitted):
        return reporting.ReportSubmitted(message.obligation_id, message.unit_code, message.period, message.zero_report,
                                         message.summary)
    if isinstance(message, (opb.ReportReminded, opb.ReportMissed)):
        cls = getattr(reporting, type(message).__name__)
        return cls(message.obligation_id, message.unit_code, message.period, message.notification_id)
    if isinstance(message, wpb.WarningIssued):
        return warnings.WarningIssued(message.warning_id, warnings.WarningSpec(
            message.kind, message.level, message.title, message.content,
            message.valid_until.ToDatetime(tzinfo=timezone.utc), message.jurisdiction_code or None,
            message.area_geojson or None), tuple(message.enterprise_ids), tuple(message.park_ids),
            message.notification_id)
    if isinstance(message, cpb.ChannelRegistered):
        return channels.ChannelRegistered(message.channel_id, channels.ChannelSpec(
            message.name, message.jurisdiction_code, message.kind, message.target, message.signed))
    if isinstance(message, cpb.ChannelRetired):
        return channels.ChannelRetired(message.channel_id, message.reason)
    if isinstance(message, lpb.NotificationDelivered):
        return delivery.NotificationDelivered(message.delivery_id, message.notification_id, message.channel_id,
                                              message.attempt, message.possible_duplicate, message.detail)
    if isinstance(message, lpb.DeliveryFailed):
        return delivery.DeliveryFailed(
            message.delivery_id, message.notification_id, message.channel_id, message.attempt, message.reason,
            message.next_attempt_at.ToDatetime(tzinfo=timezone.utc) if message.HasField("next_attempt_at") else None,
            message.possible_duplicate)
    if isinstance(message, dpb.DutyShiftScheduled):
        return duty.DutyShiftScheduled(message.shift_id, _shift(message.spec))
    if isinstance(message, dpb.DutyShiftChanged):
        return duty.DutyShiftChanged(message.shift_id, _shift(message.spec))
    if isinstance(message, dpb.DutyShiftCancelled):
        return duty.DutyShiftCancelled(message.shift_id, message.reason)
    if isinstance(message, rpb.RoutingRuleCreated):
        return ev.RoutingRuleCreated(message.rule_id, _spec(message.spec))
    if isinstance(message, rpb.RoutingRuleChanged):
        return ev.RoutingRuleChanged(message.rule_id, _spec(message.spec))
    if isinstance(message, rpb.RoutingRuleRetired):
        return ev.RoutingRuleRetired(message.rule_id, message.reason)
    if isinstance(message, npb.NotificationRouted):
        return ev.NotificationRouted(
            notification_id=message.notification_id, source_event_id=message.source_event_id,
            source_event_type=message.source_event_type, event_type=message.event_type,
            subject_id=message.subject_id, jurisdiction_code=message.jurisdiction_code, title=message.title,
            body=message.body, link=message.link, urgent=message.urgent, drill=message.drill,
            recipients=tuple(_recipient(r) for r in message.recipients),
            matches=tuple(ev.RuleMatch(m.rule_id, m.rule_name, m.rule_version, tuple(m.reasons),
                                       tuple(m.recipient_indexes)) for m in message.matches))
    if isinstance(message, npb.NotificationAcknowledged):
        return ev.NotificationAcknowledged(message.notification_id, message.user_id, message.note,
                                           message.on_behalf_of)
    if isinstance(message, npb.NotificationEscalated):
        return ev.NotificationEscalated(message.notification_id, message.level, message.duty_position,
                                        tuple(_recipient(r) for r in message.recipients), message.reason)
    raise TypeError(f"no domain event for {type(message).__name__}")


_TASK_MESSAGES = tuple(getattr(tpb, cls.__name__) for cls in it.TASK_EVENTS)
_MESSAGES = SimpleNamespace(**{cls.__name__: getattr(tpb, cls.__name__) for cls in it.TASK_EVENTS},
                            **{cls.__name__: getattr(rpb, cls.__name__) for cls in ev.RULE_EVENTS},
                            **{cls.__name__: getattr(dpb, cls.__name__) for cls in duty.SHIFT_EVENTS},
                            **{cls.__name__: getattr(cpb, cls.__name__) for cls in channels.CHANNEL_EVENTS},
                            **{cls.__name__: getattr(lpb, cls.__name__) for cls in delivery.DELIVERY_EVENTS},
                            WarningIssued=wpb.WarningIssued,
                            **{cls.__name__: getattr(opb, cls.__name__) for cls in reporting.REPORT_EVENTS},
                            **{cls.__name__: getattr(kpb, cls.__name__) for cls in rc.CLOCK_EVENTS},
                            **{cls.__name__: getattr(npb, cls.__name__) for cls in ev.NOTIFICATION_EVENTS})
CODEC = ProtobufCodec(_MESSAGES, (*ev.RULE_EVENTS, *duty.SHIFT_EVENTS, *channels.CHANNEL_EVENTS,
                                  *delivery.DELIVERY_EVENTS, *ev.NOTIFICATION_EVENTS, warnings.WarningIssued,
                                  *reporting.REPORT_EVENTS, *rc.CLOCK_EVENTS, *it.TASK_EVENTS),
                      _encode, _decode, "a notify")
