"""Saving an aggregate's new events, signed by the caller, and projecting them in the same transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Connection

from ecosafe_kit.auth.principal import Principal
from ecosafe_kit.auth.signing import signer_of
from ecosafe_kit.domain import Aggregate
from ecosafe_kit.errors import FieldProblem, InvalidInput
from ecosafe_kit.eventstore import EventStore, NewEvent, Signer
from ecosafe_kit.messaging.envelope import source_for
from ecosafe_kit.projections import apply_stored
from ecosafe_kit.repository import Repository
from notify.adapters.codec import CODEC
from notify.adapters.projections import NOTIFICATION_STREAM, PROJECTIONS
from notify.domain.events import NotificationRouted

SOURCE = source_for("notify")


@dataclass(frozen=True)
class Result:
    """What a command answers: the aggregate's id and its version (the new ETag)."""

    id: str
    version: int


def refuse(problems: list[FieldProblem]) -> None:
    """One 422 naming every field at fault, if there is any."""
    if problems:
        raise InvalidInput("；".join(f"{p.field}: {p.message}" for p in problems), problems)


def record(conn: Connection, repository: Repository, aggregate: Aggregate, principal: Principal) -> None:
    record_signed(conn, repository, aggregate, signer_of(principal))


def record_signed(conn: Connection, repository: Repository, aggregate: Aggregate, signer: Signer) -> None:
    apply_stored(conn, PROJECTIONS, repository.save(conn, aggregate, signer), SOURCE)


def record_new(conn: Connection, store: EventStore, stream_type: str, stream_id: str, event, signer: Signer,
               metadata: dict | None = None, occurred_at: datetime | None = None) -> None:
    """Start a stream with one event (a conflict if it exists) and project it; `occurred_at` is the use case's
    clock where its later decisions compare against the event's time (else the real clock)."""
    event_type, payload = CODEC.encode(event)
    moment = {} if occurred_at is None else {"occurred_at": occurred_at}
    stored = store.append(conn, stream_type=stream_type, stream_id=stream_id, expected_version=0,
                          events=[NewEvent(event_type=event_type, payload=payload, signer=signer,
                                           metadata=dict(metadata or {}), **moment)])
    apply_stored(conn, PROJECTIONS, stored, SOURCE)


def record_notification(conn: Connection, store: EventStore, event: NotificationRouted, signer: Signer,
                        metadata: dict | None = None) -> None:
    record_new(conn, store, NOTIFICATION_STREAM, event.notification_id, event, signer, metadata)
