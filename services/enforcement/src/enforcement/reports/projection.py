"""The reports' read model fed by the consumer of the hazard and enforcement topics: one row per countable fact,
idempotent (a redelivered event finds its row there). Rebuild: a new consumer group replays the topics, which are
kept forever (`ecosafe-enforcement-reports rebuild`)."""

from __future__ import annotations

import json

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import Connection

from ecosafe_kit.messaging.envelope import EventEnvelope
from enforcement.reports.facts import fact_of
from enforcement.reports.tables import facts


def project(conn: Connection, envelope: EventEnvelope) -> None:
    """Consumer handler (kit ConsumerRunner, inside its exactly-once transaction)."""
    fact = fact_of(envelope)
    if fact is None:
        return
    conn.execute(insert(facts).values(
        fact_id=fact.fact_id, kind=fact.kind, subject_id=fact.subject_id, unit_code=fact.unit_code,
        enterprise_id=fact.enterprise_id, happened_at=fact.happened_at, entered_at=fact.entered_at,
        campaign_id=fact.campaign_id, data=json.loads(json.dumps(dict(fact.data))),
    ).on_conflict_do_nothing(index_elements=["fact_id"]))
