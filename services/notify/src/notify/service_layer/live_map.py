"""The live feed of the command-center map: hazards, incidents, devices, cases and notifications the caller may see."""

from __future__ import annotations

from sqlalchemy.engine import Engine

from ecosafe_kit.auth.principal import Principal
from ecosafe_kit.eventstore.records import Position
from notify.adapters import inbox_queries, live_queries, map_feed
from notify.domain.live_map import may_see
from notify.service_layer.live import LiveEvent


class LiveMap:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def start(self) -> Position:
        with self.engine.connect() as conn:
            return live_queries.start_position(conn)

    def after(self, principal: Principal, position: Position, limit: int = 200) -> tuple[list[LiveEvent], Position]:
        """The caller's map items after `position`, and the position to continue from."""
        with self.engine.connect() as conn:
            rows = map_feed.read_after(conn, position, limit)
            found = [LiveEvent(str(at), item.kind, item.data()) for at, item in rows
                     if (inbox_queries.reaches(conn, principal, item.aggregate_id) if item.kind == "notification"
                         else may_see(principal, item))]
        return found, (rows[-1][0] if rows else position)
