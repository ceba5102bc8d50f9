"""Kafka consumer handlers of the notify service: keep the register, route hazard and incident events."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.engine import Connection

from ecosafe_kit.messaging.envelope import EventEnvelope
from notify.adapters.incident_events import REPORTED
from notify.domain.values import Incoming
from notify.service_layer.routing import Router

Translate = Callable[[Connection, EventEnvelope], Incoming | None]


def routing_handler(name: str, translate: Translate, router: Callable[[], Router]):
    """A handler that routes what `translate` makes of an event; the ConsumerRunner calls it inside its
    exactly-once transaction, so a redelivered message finds its tracking record and notifies nobody again."""

    def handle(conn: Connection, envelope: EventEnvelope) -> None:
        incoming = translate(conn, envelope)
        if incoming is not None:
            router().route(conn, envelope, incoming)

    handle.__name__ = f"route_{name}"
    return handle


def incident_handler(route: Callable[[Connection, EventEnvelope], None],
                     start_clocks: Callable[[Connection, EventEnvelope], bool]):
    """Route an incident event and, when it is a new report, start its report clocks in the same transaction."""

    def handle(conn: Connection, envelope: EventEnvelope) -> None:
        route(conn, envelope)
        if envelope.event_type == REPORTED:
            start_clocks(conn, envelope)

    handle.__name__ = "route_incidents"
    return handle
