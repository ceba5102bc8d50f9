"""Saving an aggregate's new events, signed, and projecting them into the read models in the same transaction."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.engine import Connection

from ecosafe_kit.domain import Aggregate
from ecosafe_kit.eventstore import Signer
from ecosafe_kit.messaging.envelope import source_for
from ecosafe_kit.projections import Projection, apply_stored
from ecosafe_kit.repository import Repository

SOURCE = source_for("enforcement")


def record(conn: Connection, repository: Repository, aggregate: Aggregate, signer: Signer,
           projections: Sequence[Projection]) -> None:
    stored = repository.save(conn, aggregate, signer)
    apply_stored(conn, projections, stored, SOURCE)
