"""EventStore: append with an expected version, load (now or as of a time), read the global log, verify chains."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, literal_column, text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.elements import ClauseElement
from sqlalchemy.engine import Connection, Engine, Row

from ecosafe_kit.errors import ConcurrencyConflict
from ecosafe_kit.eventstore.hashing import event_hash
from ecosafe_kit.eventstore.schema import es_events
from ecosafe_kit.eventstore.records import NewEvent, Position, Signer, StoredEvent, StreamVerification

# The transaction id is read as text (psycopg2 has no xid8 adapter) under another name: an output column
# named tx_id would make ORDER BY tx_id sort as text ('1000' < '999') while WHERE compares xid8 values.
_COLUMNS = (
    "tx_id::text AS tx_text, seq, stream_type, stream_id, version, event_id, event_type, content_type, payload, "
    "signer, metadata, occurred_at, prev_hash, hash"
)

_HEAD = text("SELECT version, hash, tx_id::text AS tx_text, stream_type FROM es_events "
             "WHERE stream_id = :stream_id ORDER BY version DESC LIMIT 1")


class _OnConflictDoNothing(ClauseElement):
    """ON CONFLICT (stream_id, version) DO NOTHING as a constant clause SQLAlchemy can cache.

    PostgreSQL's own `insert().on_conflict_do_nothing()` opts out of the statement cache, which made every
    append compile its INSERT again (≈0.3 ms of CPU per append)."""

    __visit_name__ = "es_on_conflict_do_nothing"
    _traverse_internals = []  # no state: every instance renders the same text
    inherit_cache = True


@compiles(_OnConflictDoNothing)
def _render_on_conflict(element: _OnConflictDoNothing, compiler, **kw) -> str:
    return "ON CONFLICT (stream_id, version) DO NOTHING"


def _build_insert():
    statement = insert(es_events).returning(
        es_events.c.version, es_events.c.seq, literal_column("tx_id::text").label("tx"))
    # The core Insert renders this slot after VALUES and keys its cache on it; there is no public setter.
    statement._post_values_clause = _OnConflictDoNothing()
    return statement


# Built once and compiled once; executed with a list of rows, it becomes one multi-row INSERT.
_INSERT = _build_insert()

_LOAD = text(f"SELECT {_COLUMNS} FROM es_events WHERE stream_id = :stream_id "
             "AND version > :after_version ORDER BY version")

_LOAD_AS_OF = text(f"SELECT {_COLUMNS} FROM es_events WHERE stream_id = :stream_id "
                   "AND occurred_at <= :at ORDER BY version")

# Only rows of transactions older than the oldest one still running are returned: such a transaction can
# no longer commit, so nothing can later appear before the last position read.
_HORIZON = "AND tx_id < pg_snapshot_xmin(pg_current_snapshot()) "
_READ_AFTER_SQL = (
    f"SELECT {_COLUMNS} FROM es_events "
    "WHERE (tx_id, seq) > (CAST(:tx_id AS xid8), :seq) {horizon}"
    "AND (CAST(:stream_types AS text[]) IS NULL OR stream_type = ANY(CAST(:stream_types AS text[]))) "
    "ORDER BY tx_id, seq LIMIT :limit"
)
_READ_AFTER = text(_READ_AFTER_SQL.format(horizon=_HORIZON))
_READ_ALL_COMMITTED_AFTER = text(_READ_AFTER_SQL.format(horizon=""))


@dataclass(frozen=True)
class StreamHead:
    """A stream's last stored event, as far as appending after it needs to know."""

    version: int
    hash: bytes
    tx_id: int
    stream_type: str

    @classmethod
    def of(cls, events: Sequence[StoredEvent]) -> StreamHead | None:
        """The head after `events`, a stream's events in version order (None when there are none)."""
        if not events:
            return None
        last = events[-1]
        return cls(last.version, last.hash, last.position.tx_id, last.stream_type)


def _read_head(conn: Connection, stream_id: str) -> StreamHead | None:
    row = conn.execute(_HEAD, {"stream_id": stream_id}).first()
    return StreamHead(row.version, bytes(row.hash), int(row.tx_text), row.stream_type) if row else None


def _check_version(stream_id: str, head: StreamHead | None, expected_version: int) -> None:
    current = head.version if head else 0
    if current != expected_version:
        raise ConcurrencyConflict(
            f"流 {stream_id} 当前版本为 {current},而请求基于版本 {expected_version}",
            extra={"stream_id": stream_id, "current_version": current, "expected_version": expected_version},
        )


def _to_stored(row: Row) -> StoredEvent:
    return StoredEvent(
        position=Position(int(row.tx_text), row.seq),
        stream_type=row.stream_type,
        stream_id=row.stream_id,
        version=row.version,
        event_id=row.event_id,
        event_type=row.event_type,
        content_type=row.content_type,
        payload=bytes(row.payload),
        signer=Signer.from_dict(row.signer),
        metadata=row.metadata,
        occurred_at=row.occurred_at,
        prev_hash=bytes(row.prev_hash) if row.prev_hash is not None else None,
        hash=bytes(row.hash),
    )


class EventStore:
    """The service's event store on PostgreSQL; every method works inside a caller's transaction."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One database transaction: load, decide, append and update read models, all or nothing."""
        with self.engine.begin() as conn:
            yield conn

    def append(
        self,
        conn: Connection,
        *,
        stream_type: str,
        stream_id: str,
        expected_version: int,
        events: Sequence[NewEvent],
        head: StreamHead | None = None,
    ) -> list[StoredEvent]:
        """Append events after `expected_version` (0 for a new stream); a concurrent append is a conflict.

        `head`: the stream's last event as the caller loaded it (`StreamHead.of`), which saves reading it
        again. A head that is stale by then is harmless: another writer's event holds the version this append
        takes, so the INSERT finds it and the append is a conflict, as it would be without `head`.
        """
        if not events:
            return []
        head_given = head is not None
        # A new stream has no head to read: if it exists after all, its version 1 makes the INSERT a conflict.
        if head is None and expected_version > 0:
            head = _read_head(conn, stream_id)
        _check_version(stream_id, head, expected_version)
        if head is not None and head.stream_type != stream_type:
            raise ValueError(f"stream {stream_id} is a {head.stream_type}, not a {stream_type}")
        prev_hash = head.hash if head else None
        rows: list[dict] = []
        for version, event in enumerate(events, start=expected_version + 1):
            signer = event.signer.as_dict()
            digest = event_hash(
                prev_hash=prev_hash, stream_type=stream_type, stream_id=stream_id, version=version,
                event_id=event.event_id, event_type=event.event_type, occurred_at=event.occurred_at,
                signer=signer, metadata=event.metadata, content_type=event.content_type, payload=event.payload,
            )
            rows.append({
                "stream_type": stream_type, "stream_id": stream_id, "version": version,
                "event_id": event.event_id, "event_type": event.event_type, "content_type": event.content_type,
                "payload": event.payload, "signed_by": event.signer.subject, "signer": signer,
                "metadata": event.metadata, "occurred_at": event.occurred_at, "prev_hash": prev_hash, "hash": digest,
            })
            prev_hash = digest
        # ON CONFLICT DO NOTHING rather than catching the violation: the caller's transaction stays usable
        # and a concurrent writer of the same version shows up as missing returned rows.
        returned = {r.version: r for r in conn.execute(_INSERT, rows)}
        if len(returned) != len(rows):
            if head_given or expected_version == 0:  # name the version that won, as a read head would have
                _check_version(stream_id, _read_head(conn, stream_id), expected_version)
            raise ConcurrencyConflict(
                f"流 {stream_id} 已被并发修改,请重新加载后再试",
                extra={"stream_id": stream_id, "expected_version": expected_version},
            )
        first_tx = int(returned[expected_version + 1].tx)
        if head is not None and head.tx_id > first_tx:
            # Our transaction got its id before the previous event's did (it wrote something earlier);
            # readers order by transaction id, so the stream would read out of order. The caller retries.
            raise ConcurrencyConflict(f"流 {stream_id} 的前一事件由较晚的事务写入,请重试", extra={"stream_id": stream_id})
        return [
            StoredEvent(
                position=Position(first_tx, returned[row["version"]].seq), stream_type=stream_type,
                stream_id=stream_id, version=row["version"], event_id=event.event_id, event_type=event.event_type,
                content_type=event.content_type, payload=event.payload, signer=event.signer,
                metadata=event.metadata, occurred_at=event.occurred_at, prev_hash=row["prev_hash"], hash=row["hash"],
            )
            for row, event in zip(rows, events)
        ]

    def load(self, conn: Connection, stream_id: str, *, after_version: int = 0) -> list[StoredEvent]:
        """The stream's events in version order (those after `after_version`)."""
        rows = conn.execute(_LOAD, {"stream_id": stream_id, "after_version": after_version})
        return [_to_stored(r) for r in rows]

    def load_as_of(self, conn: Connection, stream_id: str, at: datetime) -> list[StoredEvent]:
        """The stream as it was at `at`: the events that had occurred by then."""
        if at.tzinfo is None:
            raise ValueError("as-of time must be timezone-aware")
        rows = conn.execute(_LOAD_AS_OF, {"stream_id": stream_id, "at": at})
        return [_to_stored(r) for r in rows]

    def read_after(
        self,
        conn: Connection,
        position: Position,
        *,
        limit: int = 500,
        stream_types: Sequence[str] | None = None,
        horizon: bool = True,
    ) -> list[StoredEvent]:
        """The next events of the global log after `position`, never skipping one that commits late.

        `horizon=False` reads every committed event instead; only safe for a reader that has locked out the
        writers it cares about (a projection rebuild), since a late commit could land before its position.
        """
        rows = conn.execute(_READ_AFTER if horizon else _READ_ALL_COMMITTED_AFTER, {
            "tx_id": str(position.tx_id), "seq": position.seq, "limit": limit,
            "stream_types": list(stream_types) if stream_types else None,
        })
        return [_to_stored(r) for r in rows]

    def verify_stream(self, conn: Connection, stream_id: str) -> StreamVerification:
        """Recompute the stream's hash chain; the first event that does not match is named."""
        events = self.load(conn, stream_id)
        prev: bytes | None = None
        for expected_version, event in enumerate(events, start=1):
            if event.version != expected_version:
                return StreamVerification(stream_id, expected_version - 1, False, expected_version,
                                          f"版本 {expected_version} 缺失")
            if event.prev_hash != prev:
                return StreamVerification(stream_id, expected_version - 1, False, event.version,
                                          f"版本 {event.version} 的前序哈希与上一事件不符")
            recomputed = event_hash(
                prev_hash=prev, stream_type=event.stream_type, stream_id=event.stream_id, version=event.version,
                event_id=event.event_id, event_type=event.event_type, occurred_at=event.occurred_at,
                signer=event.signer.as_dict(), metadata=event.metadata, content_type=event.content_type,
                payload=event.payload,
            )
            if recomputed != event.hash:
                return StreamVerification(stream_id, expected_version - 1, False, event.version,
                                          f"版本 {event.version} 的内容与其哈希不符(已被篡改)")
            prev = event.hash
        return StreamVerification(stream_id, len(events), True)

