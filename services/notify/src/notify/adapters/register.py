"""The enterprise register read model (nt_enterprises), fed by enforcement's register events; lookups."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import Connection

from ecosafe.enforcement.v1.enterprise_pb2 import EnterpriseDeregistered, EnterpriseRegistered, EnterpriseUpdated
from ecosafe_kit.messaging.envelope import EventEnvelope
from notify.adapters.tables import enterprises

_WRITTEN = {"ecosafe.enforcement.v1.EnterpriseRegistered": EnterpriseRegistered,
            "ecosafe.enforcement.v1.EnterpriseUpdated": EnterpriseUpdated}
_DEREGISTERED = "ecosafe.enforcement.v1.EnterpriseDeregistered"


@dataclass(frozen=True)
class Enterprise:
    enterprise_id: str
    name: str
    jurisdiction_code: str
    park_id: str | None
    lon: float | None = None  # the registered location (WGS84), when the register has one
    lat: float | None = None


def handle_enterprise_event(conn: Connection, envelope: EventEnvelope) -> None:
    """Consumer handler: keep the row at the latest version seen (a replay of older events changes nothing)."""
    if envelope.event_type == _DEREGISTERED:
        m = EnterpriseDeregistered.FromString(envelope.payload)
        conn.execute(enterprises.update().where(enterprises.c.enterprise_id == m.enterprise_id,
                                                enterprises.c.version < envelope.version)
                     .values(registered=False, version=envelope.version, updated_at=envelope.occurred_at))
        return
    cls = _WRITTEN.get(envelope.event_type)
    if cls is None:
        return
    m = cls.FromString(envelope.payload)
    located = m.HasField("location")
    row = {"name": m.name, "jurisdiction_code": m.jurisdiction_code,
           "park_id": m.park_id if m.HasField("park_id") else None,
           "lon": m.location.lon if located else None, "lat": m.location.lat if located else None,
           "registered": True, "version": envelope.version, "updated_at": envelope.occurred_at}
    statement = insert(enterprises).values(enterprise_id=m.enterprise_id, **row)
    conn.execute(statement.on_conflict_do_update(index_elements=["enterprise_id"], set_=row,
                                                 where=enterprises.c.version < statement.excluded.version))


def find(conn: Connection, enterprise_id: str | None) -> Enterprise | None:
    if not enterprise_id:
        return None
    row = conn.execute(select(enterprises.c.enterprise_id, enterprises.c.name, enterprises.c.jurisdiction_code,
                              enterprises.c.park_id, enterprises.c.lon, enterprises.c.lat).where(enterprises.c.enterprise_id == enterprise_id)).first()
    return Enterprise(*row) if row is not None else None
