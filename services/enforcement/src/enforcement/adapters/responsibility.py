"""Responsibility lists (责任清单): their projection into the read model and its reads.

Rebuild: `ecosafe-rebuild --projections enforcement.adapters.responsibility:PROJECTIONS`.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import Connection

from ecosafe_kit.messaging.envelope import EventEnvelope
from ecosafe_kit.projections import Projection
from enforcement.adapters.case_tables import responsibility_lists as t
from enforcement.adapters.flat_codec import RESPONSIBILITY_CODEC
from enforcement.domain import responsibility as r

RESPONSIBILITY_STREAM = "responsibility"


def _recorded(conn: Connection, envelope: EventEnvelope) -> None:
    e: r.ResponsibilityListRecorded = RESPONSIBILITY_CODEC.decode(envelope.event_type, envelope.payload)
    values = dict(present=e.present, document_ref=e.document_ref, note=e.note, campaign_id=e.campaign_id,
                  recorded_at=envelope.occurred_at, recorded_by=envelope.signer.as_dict(), version=envelope.version)
    statement = insert(t).values(enterprise_id=e.enterprise_id, kind=e.kind, campaign_key=e.campaign_id or "",
                                 **values)
    # The latest record of a kind counts; a replayed older one does not overwrite it.
    conn.execute(statement.on_conflict_do_update(index_elements=["enterprise_id", "kind", "campaign_key"],
                                                 set_=values, where=t.c.version < envelope.version))


def of_enterprise(conn: Connection, enterprise_id: str) -> list[dict]:
    return [dict(row._mapping) for row in conn.execute(
        select(t).where(t.c.enterprise_id == enterprise_id).order_by(t.c.kind, t.c.campaign_key))]


RESPONSIBILITY = Projection(
    name="responsibility_lists", handlers={"ecosafe.enforcement.v1.ResponsibilityListRecorded": _recorded},
    tables=["enf_responsibility_lists"], stream_types=[RESPONSIBILITY_STREAM])
PROJECTIONS = [RESPONSIBILITY]
