"""Findings and pool shortfalls that arrive before their enterprise: parked, then opened when the register has it.

The enforcement topics (register, inspections) and the risk-map's have no order between them, so a backlog can
deliver a finding before its enterprise. Retrying cannot fix that (the register may be minutes behind); parking
loses nothing and holds up no other message. A per-enterprise lock closes the gap between "not in the register"
and "parked" against the register's consumer opening what waits: whichever commits second sees the other's rows."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping

from sqlalchemy import delete, func, select, text, update
from sqlalchemy.dialects.postgresql import insert as upsert
from sqlalchemy.engine import Connection

from ecosafe_kit.errors import InvalidInput
from ecosafe_kit.eventstore import Signer
from ecosafe_kit.messaging.envelope import EventEnvelope
from hazard.adapters import enterprises
from hazard.adapters.tables import waiting_for_enterprise as waiting

log = logging.getLogger(__name__)

_LOCK = text("SELECT pg_advisory_xact_lock(hashtext(:key))")

# kind → opens the hazard of a parked message (the consumer's own handler logic), inside the given transaction.
Opener = Callable[[Connection, bytes, Signer], None]


def _lock(conn: Connection, enterprise_id: str) -> None:
    conn.execute(_LOCK, {"key": f"hazard.waiting-for-enterprise:{enterprise_id}"})


def parked(conn: Connection, *, kind: str, hazard_id: str, enterprise_id: str, envelope: EventEnvelope) -> bool:
    """Park the message if its enterprise is not in the register (True); False when it is, and the caller opens the
    hazard now. A message parked twice (redelivered) is kept once."""
    if enterprises.find(conn, enterprise_id) is not None:
        return False
    _lock(conn, enterprise_id)
    # Looked up again under the lock: the register's consumer may have committed the enterprise meanwhile.
    if enterprises.find(conn, enterprise_id) is not None:
        return False
    conn.execute(upsert(waiting).values(
        hazard_id=hazard_id, kind=kind, enterprise_id=enterprise_id, event_id=envelope.event_id,
        event_type=envelope.event_type, payload=envelope.payload, signer=envelope.signer.as_dict(),
        parked_at=func.now()).on_conflict_do_nothing(index_elements=["hazard_id"]))
    log.warning("%s for enterprise %s waits for the register (hazard %s)", kind, enterprise_id, hazard_id)
    return True


def open_waiting(conn: Connection, enterprise_id: str, openers: Mapping[str, Opener]) -> int:
    """Open the hazards parked for `enterprise_id`, now in the register, in the caller's transaction (the register
    consumer's, with the enterprise's row); returns how many. Call it after the register row is written."""
    if enterprises.find(conn, enterprise_id) is None:
        return 0  # an event of an enterprise the register does not keep: what waits for it keeps waiting
    _lock(conn, enterprise_id)
    # In the order they arrived, so their ledger numbers follow it.
    rows = conn.execute(select(waiting.c.hazard_id, waiting.c.kind, waiting.c.payload, waiting.c.signer)
                        .where(waiting.c.enterprise_id == enterprise_id, waiting.c.error.is_(None))
                        .order_by(waiting.c.parked_at, waiting.c.hazard_id)).all()
    opened = 0
    for row in rows:
        try:
            with conn.begin_nested():
                openers[row.kind](conn, bytes(row.payload), Signer.from_dict(row.signer))
                conn.execute(delete(waiting).where(waiting.c.hazard_id == row.hazard_id))
        except InvalidInput as refused:
            # The message itself is at fault (coming after its enterprise it would have gone to the dead letters):
            # its savepoint is undone, it stays here with the reason for the operators, and the register's event,
            # which is not at fault, still applies.
            reason = "; ".join([refused.detail, *(f"{e.field}: {e.message}" for e in refused.errors)])
            conn.execute(update(waiting).where(waiting.c.hazard_id == row.hazard_id).values(error=reason))
            log.error("%s %s of enterprise %s cannot be opened: %s", row.kind, row.hazard_id, enterprise_id, reason)
        else:
            opened += 1
    if opened:
        log.info("opened %d hazards of enterprise %s that waited for the register", opened, enterprise_id)
    return opened
