"""EventStore: append with an expected version, load (now or as of a time), read the global log, verify chains."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from datetime import datetime

from psycopg.errors import UniqueViolation
from psycopg.types.json import Jsonb
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from ecosafe_kit.db import make_autocommit_engine
from ecosafe_kit.errors import ConcurrencyConflict
from ecosafe_kit.eventstore.decode import COLUMNS, decode_rows, stored_event
from ecosafe_kit.eventstore.hashing import DOMAIN_TAG, canonical_json, chain_hash, event_hash, tails_of_batch
from ecosafe_kit.eventstore.records import NewEvent, Position, Signer, StoredEvent, StreamVerification
from ecosafe_kit.prepared import PreparedStatement, binary_rows

# Readers and single-event appends run prepared (ecosafe_kit.prepared: once per session, on their generic plan), with
# binary results: a page of 1,000 events read back took 3.8 ms of client CPU through psycopg2's text protocol and
# takes about 1 ms so. Appends of several events send arrays, which bind far faster in binary than rendered as
# literals, so in a caller's transaction they run unprepared with binary parameters (`binary_rows`; planning costs
# ~0.2 ms a batch); `append_alone`'s own pool lets psycopg prepare them, and its single-event statement too. Every
# statement here is a constant.

_HEAD = PreparedStatement("es_head", """
SELECT version, hash, (tx_id::text)::bigint AS tx_position, stream_type FROM es_events
WHERE stream_id = :stream_id ORDER BY version DESC LIMIT 1
""", {"stream_id": "text"})

# Several events after a head the client does not know: one statement reads the head it appends after (the row at
# the expected version), finishes each event's hash from its predecessor's (the client sends the rest of what is
# hashed, `hash_tail`, so the chain is the one `event_hash` defines), and inserts the lot. Nothing is inserted
# when the head is missing, of another stream type, or written by a transaction younger than this one, or when the
# version after it is taken by a committed event (the caller's transaction stays usable). Missing returned rows are
# a conflict, which `append` then names by reading the head. Only a writer whose event for that version is not yet
# committed gets past the check: the unique key then makes this statement wait for it and fail if it commits
# (`_version_taken`). That costs the caller's transaction, where ON CONFLICT DO NOTHING would have kept it, but
# ON CONFLICT's speculative insertion cost every append a sixth of its PostgreSQL CPU, for a race that ends in a
# rollback anyway.
_APPEND = """
WITH RECURSIVE
head AS (
    SELECT hash, tx_id, stream_type FROM es_events
    WHERE stream_id = %(stream_id)s::text AND version = %(expected)s::integer
),
new AS (
    SELECT * FROM unnest(%(event_ids)b::uuid[], %(event_types)b::text[], %(content_types)b::text[],
                         %(payloads)b::bytea[], %(signers)b::jsonb[], %(metadata)b::jsonb[],
                         %(occurred)b::timestamptz[], %(tails)b::bytea[]) WITH ORDINALITY
        AS n(event_id, event_type, content_type, payload, signer, metadata, occurred_at, tail, i)
),
chain (i, hash) AS (
    SELECT 0::bigint, (SELECT hash FROM head)
    UNION ALL
    SELECT c.i + 1, sha256(%(tag)b::bytea || int8send(coalesce(length(c.hash), 0)::bigint)
                           || coalesce(c.hash, ''::bytea) || n.tail)
    FROM chain c JOIN new n ON n.i = c.i + 1
)
INSERT INTO es_events (stream_type, stream_id, version, event_id, event_type, content_type, payload, signed_by,
                       signer, metadata, occurred_at, prev_hash, hash)
SELECT %(stream_type)s::text, %(stream_id)s::text, %(expected)s::integer + n.i::integer, n.event_id, n.event_type,
       n.content_type, n.payload, n.signer ->> 'subject', n.signer, n.metadata, n.occurred_at, p.hash, c.hash
FROM new n JOIN chain c ON c.i = n.i JOIN chain p ON p.i = n.i - 1
WHERE (%(expected)s::integer = 0
       OR EXISTS (SELECT 1 FROM head WHERE head.stream_type = %(stream_type)s::text
                  AND head.tx_id <= pg_current_xact_id()))
  AND NOT EXISTS (SELECT 1 FROM es_events taken
                  WHERE taken.stream_id = %(stream_id)s::text AND taken.version = %(expected)s::integer + 1)
ORDER BY n.i
RETURNING version, seq, (tx_id::text)::bigint AS tx_position, prev_hash, hash
"""

# The commonest append, one event, without the arrays and the recursion (a third less PostgreSQL CPU), prepared.
_APPEND_ONE = PreparedStatement("es_append_one", """
INSERT INTO es_events (stream_type, stream_id, version, event_id, event_type, content_type, payload, signed_by,
                       signer, metadata, occurred_at, prev_hash, hash)
SELECT :stream_type, :stream_id, :expected + 1, :event_id, :event_type, :content_type, :payload,
       :signer::jsonb ->> 'subject', :signer::jsonb, :metadata::jsonb, :occurred, head.hash,
       sha256(:tag || int8send(coalesce(length(head.hash), 0)::bigint) || coalesce(head.hash, ''::bytea) || :tail)
FROM (SELECT 1) AS one
LEFT JOIN es_events head ON head.stream_id = :stream_id AND head.version = :expected
WHERE (:expected = 0 OR (head.stream_type = :stream_type AND head.tx_id <= pg_current_xact_id()))
  AND NOT EXISTS (SELECT 1 FROM es_events taken WHERE taken.stream_id = :stream_id AND taken.version = :expected + 1)
RETURNING version, seq, (tx_id::text)::bigint AS tx_position, prev_hash, hash
""", {"stream_id": "text", "expected": "integer", "event_id": "uuid", "event_type": "text", "content_type": "text",
      "payload": "bytea", "signer": "text", "metadata": "text", "occurred": "timestamptz", "tail": "bytea",
      "tag": "bytea", "stream_type": "text"})
_APPEND_ONE_DRIVER = _APPEND_ONE.driver_statement()

# Several events after a head whose hash the client knows (a new stream, or the caller passed the head it loaded):
# the client computes the chain (`chain_hash`) and the statement only checks that the row at the expected version
# still carries that hash, so PostgreSQL neither recurses nor hashes. A batch's events share few signers and
# metadata; each distinct JSON text is sent once, as jsonb (so parsed once), and the events point at theirs by
# number (a tenth less PostgreSQL CPU than a jsonb per event). It returns only what the client does not know.
_APPEND_AFTER_KNOWN_HEAD = """
INSERT INTO es_events (stream_type, stream_id, version, event_id, event_type, content_type, payload, signed_by,
                       signer, metadata, occurred_at, prev_hash, hash)
SELECT %(stream_type)s::text, %(stream_id)s::text, %(expected)s::integer + n.i::integer, n.event_id, n.event_type,
       n.content_type, n.payload, (%(json)b::jsonb[])[n.signer_at] ->> 'subject', (%(json)b::jsonb[])[n.signer_at],
       (%(json)b::jsonb[])[n.metadata_at], n.occurred_at, n.prev_hash, n.hash
FROM unnest(%(event_ids)b::uuid[], %(event_types)b::text[], %(content_types)b::text[], %(payloads)b::bytea[],
            %(signer_at)b::integer[], %(metadata_at)b::integer[], %(occurred)b::timestamptz[], %(prevs)b::bytea[],
            %(hashes)b::bytea[]) WITH ORDINALITY
        AS n(event_id, event_type, content_type, payload, signer_at, metadata_at, occurred_at, prev_hash, hash, i)
WHERE ((%(expected)s::integer = 0 AND %(head)b::bytea IS NULL)
       OR EXISTS (SELECT 1 FROM es_events h
                  WHERE h.stream_id = %(stream_id)s::text AND h.version = %(expected)s::integer
                  AND h.hash = %(head)b::bytea AND h.stream_type = %(stream_type)s::text
                  AND h.tx_id <= pg_current_xact_id()))
  AND NOT EXISTS (SELECT 1 FROM es_events taken
                  WHERE taken.stream_id = %(stream_id)s::text AND taken.version = %(expected)s::integer + 1)
ORDER BY n.i
RETURNING seq, (tx_id::text)::bigint AS tx_position
"""

_LOAD = PreparedStatement(
    "es_load", f"SELECT {COLUMNS} FROM es_events WHERE stream_id = :stream_id AND version > :after ORDER BY version",
    {"stream_id": "text", "after": "integer"})

_LOAD_AS_OF = PreparedStatement(
    "es_load_as_of",
    f"SELECT {COLUMNS} FROM es_events WHERE stream_id = :stream_id AND occurred_at <= :at ORDER BY version",
    {"stream_id": "text", "at": "timestamptz"})

# Only rows of transactions older than the oldest one still running are returned: such a transaction can
# no longer commit, so nothing can later appear before the last position read.
_HORIZON = "AND tx_id < pg_snapshot_xmin(pg_current_snapshot()) "
_READ_AFTER_SQL = (
    f"SELECT {COLUMNS} FROM es_events "
    "WHERE (tx_id, seq) > (:tx_id::xid8, :seq) {horizon}"
    "AND (:stream_types::text[] IS NULL OR stream_type = ANY(:stream_types)) "
    "ORDER BY tx_id, seq LIMIT :limit"
)
_READ_TYPES = {"tx_id": "text", "seq": "bigint", "stream_types": "text[]", "limit": "integer"}
READ_AFTER = PreparedStatement("es_read_after", _READ_AFTER_SQL.format(horizon=_HORIZON), _READ_TYPES)
_READ_ALL_COMMITTED_AFTER = PreparedStatement("es_read_committed_after", _READ_AFTER_SQL.format(horizon=""),
                                              _READ_TYPES)


@lru_cache(maxsize=1024)
def _cached_signer_json(signer: Signer) -> bytes:
    return canonical_json(signer.as_dict())


def _signer_json(signer: Signer) -> bytes:
    # A service's events are signed by few people, again and again; Signer is frozen, so its JSON can be kept.
    try:
        return _cached_signer_json(signer)
    except TypeError:  # a Signer given a list of roles cannot be a cache key; its JSON is the same
        return canonical_json(signer.as_dict())


def _as_is(text: bytes) -> bytes:
    return text  # JSON the store already wrote canonically


def _known_head_parameters(stream_type: str, stream_id: str, expected_version: int, head: StreamHead | None,
                           events: Sequence[NewEvent], signers: list[bytes], metadata: list[bytes],
                           tails: list[bytes]) -> dict:
    """Parameters of `_APPEND_AFTER_KNOWN_HEAD`: the chain computed here from the head's hash, each distinct JSON
    text once (numbered from 1, as PostgreSQL's arrays are)."""
    prev = head.hash if head is not None else None
    prevs, hashes = [], []
    for tail in tails:
        prevs.append(prev)
        prev = chain_hash(prev, tail)
        hashes.append(prev)
    numbers: dict[bytes, int] = {}
    for text in (*signers, *metadata):
        numbers.setdefault(text, len(numbers) + 1)
    return {
        "stream_id": stream_id, "expected": expected_version, "stream_type": stream_type,
        "head": head.hash if head is not None else None, "json": [Jsonb(text, _as_is) for text in numbers],
        "event_ids": [e.event_id for e in events], "event_types": [e.event_type for e in events],
        "content_types": [e.content_type for e in events], "payloads": [e.payload for e in events],
        "signer_at": [numbers[text] for text in signers], "metadata_at": [numbers[text] for text in metadata],
        "occurred": [e.occurred_at for e in events], "prevs": prevs, "hashes": hashes,
    }


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
    row = _HEAD.rows(conn, {"stream_id": stream_id})
    row = row[0] if row else None
    return StreamHead(row[0], row[1], row[2], row[3]) if row else None


_STREAM_KEY = "es_events_pkey"  # (stream_id, version)


def _version_taken(error: IntegrityError) -> bool:
    """The append lost a race: another transaction's event for the same stream and version committed first."""
    return isinstance(error.orig, UniqueViolation) and error.orig.diag.constraint_name == _STREAM_KEY


def _check_version(stream_id: str, head: StreamHead | None, expected_version: int) -> None:
    current = head.version if head else 0
    if current != expected_version:
        raise ConcurrencyConflict(
            f"流 {stream_id} 当前版本为 {current},而请求基于版本 {expected_version}",
            extra={"stream_id": stream_id, "current_version": current, "expected_version": expected_version},
        )


class EventStore:
    """The service's event store on PostgreSQL; every method but `append_alone` works inside a caller's
    transaction."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._autocommit: Engine | None = None  # append_alone's pool, opened on its first use
        self._autocommit_lock = threading.Lock()

    def dispose(self) -> None:
        """Close the connections of `append_alone`'s pool (the caller's engine is the caller's to dispose)."""
        if self._autocommit is not None:
            self._autocommit.dispose()

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

        After a `ConcurrencyConflict` the caller rolls its transaction back: when the other writer's event was
        still uncommitted as this one's was checked, the conflict surfaces from the unique key and has aborted it.

        One statement whatever the number of events: it reads the head after which it appends in the same
        round trip. `head`: the stream's last event as the caller loaded it (`StreamHead.of`); one that already
        disagrees with `expected_version` is a conflict without a round trip, and one that is stale by then is
        harmless: another writer's event holds the version this append takes, so the INSERT finds it and the
        append is a conflict, as it would be without `head`. For several events, a given head (or a new stream)
        lets the client compute the chain from its hash; the statement then only checks that the stored head
        still carries that hash, and appends nothing (a conflict) if not.
        """
        return self._append(conn, stream_type, stream_id, expected_version, events, head, driver_prepared=False)

    def _append(self, conn: Connection, stream_type: str, stream_id: str, expected_version: int,
                events: Sequence[NewEvent], head: StreamHead | None, *, driver_prepared: bool) -> list[StoredEvent]:
        if not events:
            return []
        if head is not None:
            # The caller's head, however stale, decides nothing alone: the statement reads the head itself. It is
            # still checked here, so an append the caller already knows to be a conflict costs no round trip.
            _check_version(stream_id, head, expected_version)
            if head.stream_type != stream_type:
                raise ValueError(f"stream {stream_id} is a {head.stream_type}, not a {stream_type}")
        # Serialised once each: the canonical JSON is both what is hashed and what the jsonb columns are given.
        signers = [_signer_json(event.signer) for event in events]
        metadata = [canonical_json(event.metadata) for event in events]
        tails = tails_of_batch(stream_type=stream_type, stream_id=stream_id, first_version=expected_version + 1,
                               events=events, signer_jsons=signers, metadata_jsons=metadata)
        try:
            returned = self._insert(conn, stream_type, stream_id, expected_version, head, events, signers, metadata,
                                    tails, driver_prepared)
        except IntegrityError as error:
            if not _version_taken(error):
                raise
            # A concurrent writer's event for this version committed while this statement waited for it. The
            # transaction is aborted: the caller rolls back (as it would after any conflict) and may retry.
            raise ConcurrencyConflict(f"流 {stream_id} 已被并发修改,请重新加载后再试",
                                      extra={"stream_id": stream_id, "expected_version": expected_version}) from error
        if len(returned) != len(events):
            self._raise_conflict(conn, stream_id, stream_type, expected_version, head)
        return [
            stored_event(tx_id, seq, stream_type, stream_id, version, event.event_id, event.event_type,
                         event.content_type, event.payload, event.signer, event.metadata, event.occurred_at, prev_hash,
                         digest)
            for (version, seq, tx_id, prev_hash, digest), event in zip(returned, events)
        ]

    def append_alone(
        self,
        *,
        stream_type: str,
        stream_id: str,
        expected_version: int,
        events: Sequence[NewEvent],
        head: StreamHead | None = None,
    ) -> list[StoredEvent]:
        """`append` in a transaction of its own, committed when this returns: for a writer with nothing else to
        write in the same transaction, as the eventsourcing library's recorders always append.

        The one statement runs in autocommit, so PostgreSQL makes it its own transaction: one round trip, where
        `append` inside `transaction()` takes three (psycopg sends BEGIN and COMMIT as statements of their own).
        It runs on a pool of its own (`make_autocommit_engine`, as many connections as the engine's), where psycopg
        prepares the statements with their parameters bound in binary: a batch is not planned again each time
        (a quarter of its PostgreSQL CPU) and a single event's parameters are not rendered as text. Conflicts are as
        `append`'s."""
        with self.autocommit_engine().connect() as conn:
            return self._append(conn, stream_type, stream_id, expected_version, events, head, driver_prepared=True)

    def autocommit_engine(self) -> Engine:
        """The pool `append_alone` runs on (opened on first use)."""
        with self._autocommit_lock:
            if self._autocommit is None:
                self._autocommit = make_autocommit_engine(self.engine)
            return self._autocommit

    @staticmethod
    def _insert(conn: Connection, stream_type: str, stream_id: str, expected_version: int, head: StreamHead | None,
                events: Sequence[NewEvent], signers: list[bytes], metadata: list[bytes], tails: list[bytes],
                driver_prepared: bool) -> list[tuple]:
        """Run the statement that fits the append; the rows it inserted, as RETURNING gives them. With
        `driver_prepared` (a session of make_autocommit_engine) psycopg prepares each statement itself."""
        if len(events) == 1:
            event = events[0]
            parameters = {
                "stream_id": stream_id, "expected": expected_version, "stream_type": stream_type, "tag": DOMAIN_TAG,
                "event_id": event.event_id, "event_type": event.event_type, "content_type": event.content_type,
                "payload": event.payload, "signer": signers[0].decode(), "metadata": metadata[0].decode(),
                "occurred": event.occurred_at, "tail": tails[0],
            }
            if driver_prepared:
                return binary_rows(conn, _APPEND_ONE_DRIVER, parameters, prepare=True)
            return _APPEND_ONE.rows(conn, parameters)
        if head is not None or expected_version == 0:
            parameters = _known_head_parameters(stream_type, stream_id, expected_version, head, events, signers,
                                                metadata, tails)
            inserted = binary_rows(conn, _APPEND_AFTER_KNOWN_HEAD, parameters, prepare=driver_prepared)
            return [(version, seq, tx_id, prev, digest) for version, (seq, tx_id), prev, digest
                    in zip(range(expected_version + 1, expected_version + 1 + len(inserted)), inserted,
                           parameters["prevs"], parameters["hashes"])]
        return binary_rows(conn, _APPEND, prepare=driver_prepared, parameters={
            "stream_id": stream_id, "expected": expected_version, "stream_type": stream_type, "tag": DOMAIN_TAG,
            "event_ids": [e.event_id for e in events], "event_types": [e.event_type for e in events],
            "content_types": [e.content_type for e in events], "payloads": [e.payload for e in events],
            "signers": [signer.decode() for signer in signers], "metadata": [m.decode() for m in metadata],
            "occurred": [e.occurred_at for e in events], "tails": tails,
        })

    @staticmethod
    def _raise_conflict(conn: Connection, stream_id: str, stream_type: str, expected_version: int,
                        given: StreamHead | None) -> None:
        """The append inserted nothing (or not everything, which a statement cannot do): say why."""
        head = _read_head(conn, stream_id)
        _check_version(stream_id, head, expected_version)  # another version won, or the expected one is missing
        if head is not None and head.stream_type != stream_type:
            raise ValueError(f"stream {stream_id} is a {head.stream_type}, not a {stream_type}")
        if head is not None and given is not None and given.hash != head.hash:
            raise ConcurrencyConflict(f"流 {stream_id} 的当前事件与请求所依据的不同,请重新加载后再试",
                                      extra={"stream_id": stream_id, "expected_version": expected_version})
        if head is not None:
            # The head is where it was expected, yet nothing was inserted: a transaction younger than ours wrote it
            # (ours got its id earlier, by writing something before). Readers order by transaction id, so the
            # stream would read out of order. The caller retries.
            raise ConcurrencyConflict(f"流 {stream_id} 的前一事件由较晚的事务写入,请重试", extra={"stream_id": stream_id})
        raise ConcurrencyConflict(f"流 {stream_id} 已被并发修改,请重新加载后再试",
                                  extra={"stream_id": stream_id, "expected_version": expected_version})

    def load(self, conn: Connection, stream_id: str, *, after_version: int = 0) -> list[StoredEvent]:
        """The stream's events in version order (those after `after_version`)."""
        return self._select(conn, _LOAD, {"stream_id": stream_id, "after": after_version})

    def load_as_of(self, conn: Connection, stream_id: str, at: datetime) -> list[StoredEvent]:
        """The stream as it was at `at`: the events that had occurred by then."""
        if at.tzinfo is None:
            raise ValueError("as-of time must be timezone-aware")
        return self._select(conn, _LOAD_AS_OF, {"stream_id": stream_id, "at": at})

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
        return self._select(conn, READ_AFTER if horizon else _READ_ALL_COMMITTED_AFTER, {
            "tx_id": str(position.tx_id), "seq": position.seq, "limit": limit,
            "stream_types": list(stream_types) if stream_types else None,
        })

    @staticmethod
    def _select(conn: Connection, statement: PreparedStatement, parameters: dict) -> list[StoredEvent]:
        return decode_rows(statement.rows(conn, parameters))

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

