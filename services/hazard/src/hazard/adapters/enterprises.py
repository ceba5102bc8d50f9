"""The enterprise register read model, fed by EnterpriseRegistered / Updated / Deregistered from enforcement; lookups."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, case, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from ecosafe.enforcement.v1.enterprise_pb2 import (EnterpriseDeregistered, EnterpriseRegistered, EnterpriseUpdated,
                                                   RiskLevel)
from ecosafe_kit.messaging.envelope import EventEnvelope
from hazard.adapters.tables import enterprises

_RISK = {RiskLevel.RISK_LEVEL_GENERAL: "general", RiskLevel.RISK_LEVEL_ELEVATED: "elevated",
         RiskLevel.RISK_LEVEL_MAJOR: "major"}
_TYPES = {"ecosafe.enforcement.v1.EnterpriseRegistered": EnterpriseRegistered,
          "ecosafe.enforcement.v1.EnterpriseUpdated": EnterpriseUpdated}
_DEREGISTERED = "ecosafe.enforcement.v1.EnterpriseDeregistered"


@dataclass(frozen=True)
class Enterprise:
    enterprise_id: str
    name: str
    jurisdiction_code: str
    parent_enterprise_id: str | None
    park_id: str | None
    deregistered_at: datetime | None = None
    deregistered_reason: str | None = None


def handle_enterprise_event(conn: Connection, envelope: EventEnvelope) -> None:
    """Consumer handler: upsert the register row, unless a later version is already there; a deregistration
    marks the row (the first one stands, so a replay changes nothing)."""
    if envelope.event_type == _DEREGISTERED:
        m = EnterpriseDeregistered.FromString(envelope.payload)
        conn.execute(update(enterprises).where(enterprises.c.enterprise_id == m.enterprise_id,
                                               enterprises.c.deregistered_at.is_(None))
                     .values(deregistered_at=envelope.occurred_at, deregistered_reason=m.reason,
                             version=func.greatest(enterprises.c.version, envelope.version)))
        return
    cls = _TYPES.get(envelope.event_type)
    if cls is None:
        return  # other events of the enterprise topic are not ours to keep
    m = cls.FromString(envelope.payload)
    row = {
        "enterprise_id": m.enterprise_id, "name": m.name, "credit_code": m.credit_code, "industry": m.industry,
        "risk_level": _RISK.get(m.risk_level, "unspecified"), "principal_name": m.principal_name,
        "parent_enterprise_id": m.parent_enterprise_id if m.HasField("parent_enterprise_id") else None,
        "park_id": m.park_id if m.HasField("park_id") else None, "jurisdiction_code": m.jurisdiction_code,
        "address": m.address, "version": envelope.version, "updated_at": envelope.occurred_at,
    }
    statement = insert(enterprises).values(row)
    conn.execute(statement.on_conflict_do_update(
        index_elements=["enterprise_id"],
        set_={k: statement.excluded[k] for k in row if k != "enterprise_id"},
        where=enterprises.c.version < statement.excluded.version,
    ))


# Built once: one lookup per command, and building a select costs more than running a cached one.
_FIND = select(enterprises.c.enterprise_id, enterprises.c.name, enterprises.c.jurisdiction_code,
               enterprises.c.parent_enterprise_id, enterprises.c.park_id, enterprises.c.deregistered_at,
               enterprises.c.deregistered_reason).where(
    enterprises.c.enterprise_id == bindparam("enterprise_id"))


def find(conn: Connection, enterprise_id: str) -> Enterprise | None:
    row = conn.execute(_FIND, {"enterprise_id": enterprise_id}).first()
    if row is None:
        return None
    return Enterprise(row.enterprise_id, row.name, row.jurisdiction_code, row.parent_enterprise_id, row.park_id,
                      row.deregistered_at, row.deregistered_reason)


_LISTED = (enterprises.c.enterprise_id, enterprises.c.name, enterprises.c.credit_code, enterprises.c.industry,
           enterprises.c.risk_level, enterprises.c.jurisdiction_code, enterprises.c.park_id,
           enterprises.c.parent_enterprise_id, enterprises.c.address)


def search(conn: Connection, reach: ColumnElement[bool], terms: Sequence[str], limit: int) -> list[dict]:
    """Enterprises within `reach` whose name or credit code contains every term; names starting with the
    first term come first (typing the start of a name is the usual way to pick one), then by name. A deregistered
    enterprise is not offered: no new hazard can be registered for it."""
    matches = [or_(enterprises.c.name.icontains(t, autoescape=True),
                   enterprises.c.credit_code.icontains(t, autoescape=True)) for t in terms]
    order = [enterprises.c.name, enterprises.c.enterprise_id]
    if terms:
        order.insert(0, case((enterprises.c.name.istartswith(terms[0], autoescape=True), 0), else_=1))
    rows = conn.execute(select(*_LISTED).where(reach, enterprises.c.deregistered_at.is_(None), *matches)
                        .order_by(*order).limit(limit))
    return [dict(r._mapping) for r in rows]
