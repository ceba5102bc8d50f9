"""Kafka consumer handlers of the notify service: route hazard and incident events, put them on the live map."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.engine import Connection

from ecosafe_kit.messaging.envelope import EventEnvelope
from notify.adapters import map_feed
from notify.adapters.incident_events import REPORTED
from notify.domain.live_map import MapItem
from notify.domain.values import Incoming
from notify.service_layer.routing import Router

Translate = Callable[[Connection, EventEnvelope], Incoming | None]
Handler = Callable[[Connection, EventEnvelope], None]


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


def on_the_map(handle: Handler, item_of: Callable[[Connection, EventEnvelope], MapItem | None]) -> Handler:
    """`handle`, then put the event on the live map in the same transaction (so it is there exactly once)."""

    def handle_and_show(conn: Connection, envelope: EventEnvelope) -> None:
        handle(conn, envelope)
        item = item_of(conn, envelope)
        if item is not None:
            map_feed.add(conn, str(envelope.event_id), item)

    handle_and_show.__name__ = handle.__name__
    return handle_and_show
