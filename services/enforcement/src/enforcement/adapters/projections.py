"""The register projection: keeps `enf_enterprises` in step with the enterprise events, in the writer's transaction.

Rebuild: `ecosafe-rebuild --projections enforcement.adapters.projections:PROJECTIONS`.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import Connection

from ecosafe_kit.messaging.envelope import EventEnvelope
from ecosafe_kit.projections import Projection
from enforcement.adapters.codec import CODEC
from enforcement.adapters.tables import enterprises
from enforcement.domain import events as ev
from enforcement.domain.values import EnterpriseFacts

STREAM_TYPE = "enterprise"


def _columns(facts: EnterpriseFacts) -> dict:
    return {
        "name": facts.name, "credit_code": facts.credit_code, "industry": facts.industry, "sector": facts.sector,
        "risk_level": facts.risk_level.value, "principal_name": facts.principal_name,
        "principal_phone": facts.principal_phone, "parent_enterprise_id": facts.parent_enterprise_id,
        "park_id": facts.park_id, "jurisdiction_code": facts.jurisdiction_code, "address": facts.address,
        "lon": facts.location.lon, "lat": facts.location.lat, "boundary_geojson": facts.boundary_geojson,
        "hazardous_waste_permit_no": facts.hazardous_waste_permit_no,
    }


def _registered(conn: Connection, envelope: EventEnvelope) -> None:
    event: ev.EnterpriseRegistered = CODEC.decode(envelope.event_type, envelope.payload)
    conn.execute(insert(enterprises).values(
        enterprise_id=event.enterprise_id, status="registered", version=envelope.version,
        registered_at=envelope.occurred_at, updated_at=envelope.occurred_at, **_columns(event.facts),
    ).on_conflict_do_nothing(index_elements=["enterprise_id"]))


def _updated(conn: Connection, envelope: EventEnvelope) -> None:
    event: ev.EnterpriseUpdated = CODEC.decode(envelope.event_type, envelope.payload)
    conn.execute(update(enterprises).where(enterprises.c.enterprise_id == event.enterprise_id).values(
        version=envelope.version, updated_at=envelope.occurred_at, **_columns(event.facts)))


def _deregistered(conn: Connection, envelope: EventEnvelope) -> None:
    event: ev.EnterpriseDeregistered = CODEC.decode(envelope.event_type, envelope.payload)
    conn.execute(update(enterprises).where(enterprises.c.enterprise_id == event.enterprise_id).values(
        status="deregistered", deregistration_reason=event.reason, version=envelope.version,
        updated_at=envelope.occurred_at))


REGISTER = Projection(
    name="enterprise-register",
    handlers={"ecosafe.enforcement.v1.EnterpriseRegistered": _registered,
              "ecosafe.enforcement.v1.EnterpriseUpdated": _updated,
              "ecosafe.enforcement.v1.EnterpriseDeregistered": _deregistered},
    tables=["enf_enterprises"],
    stream_types=[STREAM_TYPE],
)
PROJECTIONS = [REGISTER]
