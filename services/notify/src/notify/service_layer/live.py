"""The live feed of the command center: notification events a user may see, after a position of the global log."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Engine

from ecosafe_kit.auth.principal import Principal
from ecosafe_kit.errors import FieldProblem, InvalidInput
from ecosafe_kit.eventstore import EventStore
from ecosafe_kit.eventstore.records import Position
from notify.adapters import inbox_queries as q, live_queries
from notify.adapters.projections import NOTIFICATION_STREAM

_NAMES = {"ecosafe.notify.v1.NotificationRouted": "notification",
          "ecosafe.notify.v1.NotificationAcknowledged": "acknowledged",
          "ecosafe.notify.v1.NotificationEscalated": "escalated"}


@dataclass(frozen=True)
class LiveEvent:
    id: str          # the position in the global log: what a client sends back as Last-Event-ID
    name: str        # SSE event name: notification, acknowledged, escalated
    data: dict


def parse_position(last_event_id: str) -> Position:
    try:
        position = Position.parse(last_event_id)
    except ValueError:
        position = None
    if position is None or position.tx_id < 0 or position.seq < 0:
        raise InvalidInput("Last-Event-ID 格式无效: 应为此前收到的事件 id (如 1234:56)",
                           [FieldProblem("Last-Event-ID", "应为此前收到的事件 id, 形如 1234:56")])
    return position


class LiveFeed:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.store = EventStore(engine)

    def start(self) -> Position:
        with self.engine.connect() as conn:
            return live_queries.start_position(conn)

    def after(self, principal: Principal, position: Position, limit: int = 200) -> tuple[list[LiveEvent], Position]:
        """The caller's events after `position`, and the position to continue from."""
        with self.engine.connect() as conn:
            events = self.store.read_after(conn, position, limit=limit, stream_types=[NOTIFICATION_STREAM])
            found = []
            for event in events:
                if not q.reaches(conn, principal, event.stream_id):
                    continue
                row = q.one(conn, event.stream_id)
                found.append(LiveEvent(str(event.position), _NAMES.get(event.event_type, "notification"), {
                    "notification_id": event.stream_id, "version": event.version,
                    "occurred_at": event.occurred_at.isoformat(), "signed_by": event.signer.name,
                    "event_type": row["event_type"], "subject_id": row["subject_id"], "title": row["title"],
                    "link": row["link"], "urgent": row["urgent"], "drill": row["drill"],
                    "jurisdiction_code": row["jurisdiction_code"], "escalation_level": row["escalation_level"],
                }))
        return found, (events[-1].position if events else position)
