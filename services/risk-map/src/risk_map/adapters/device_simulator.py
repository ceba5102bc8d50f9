"""Simulated device adapter: confirms pending open/close commands of remote-controllable valves and gates as events.

Stands in for a real protocol adapter (HJ 212 plant automation) until one exists; its events are signed by
`system:device-simulator`, so a confirmation is never mistaken for a person's report.
"""

from __future__ import annotations

import logging
import threading

from sqlalchemy import text
from sqlalchemy.engine import Engine

from ecosafe_kit.errors import ConcurrencyConflict
from ecosafe_kit.eventstore import EventStore, Signer
from risk_map.service_layer.facilities import report_state

log = logging.getLogger(__name__)
SIMULATOR = Signer(subject="system:device-simulator", name="设备模拟适配器", roles=("admin",), jurisdiction="")
_PENDING = text("SELECT facility_id, attributes->>'pending_command' AS command FROM rm_facilities "
                "WHERE kind IN ('rain_outlet', 'river_gate') AND attributes ? 'pending_command' "
                "AND COALESCE((attributes->>'remote_controllable')::boolean, false) ORDER BY updated_at LIMIT 100")


def confirm_pending(store: EventStore) -> int:
    """Confirm every pending command of a remote-controllable device; returns how many were confirmed."""
    with store.engine.connect() as conn:
        pending = conn.execute(_PENDING).all()
    done = 0
    for row in pending:
        state = {"close": "closed", "open": "open"}.get(row.command)
        if state is None:
            continue
        try:
            report_state(store, SIMULATOR, None, row.facility_id, state, None, "simulator")
            done += 1
        except ConcurrencyConflict:
            log.info("device %s changed meanwhile; confirming on the next round", row.facility_id)
    return done


def make_worker(interval_s: float):
    def device_simulator(engine: Engine, stop: threading.Event) -> None:
        store = EventStore(engine)
        while not stop.wait(interval_s):
            try:
                confirm_pending(store)
            except Exception:
                log.exception("device simulator round failed; retrying")
    return device_simulator
