"""The event store on the real PostgreSQL: concurrency, reading the global log, as-of loading, tamper evidence."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from ecosafe_kit.errors import ConcurrencyConflict
from ecosafe_kit.eventstore import EventStore, Position
from ecosafe_kit.eventstore.records import NewEvent

from kit_helpers import INSPECTOR, new_event


@pytest.fixture
def store(kit_engine) -> Iterator[EventStore]:
    store = EventStore(kit_engine)
    yield store
    store.dispose()  # append_alone's pool, if a test opened it


def test_appended_events_load_back_in_order_with_their_signer(store, unique):
    stream = f"s-{unique}"
    with store.transaction() as conn:
        stored = store.append(conn, stream_type="thing", stream_id=stream, expected_version=0,
                              events=[new_event(1), new_event(2)])
    assert [e.version for e in stored] == [1, 2]
    with store.transaction() as conn:
        loaded = store.load(conn, stream)
    assert [e.payload for e in loaded] == [b"payload-1", b"payload-2"]
    assert loaded[0].signer == INSPECTOR
    assert loaded[1].prev_hash == loaded[0].hash
    assert loaded[0].position < loaded[1].position


def test_append_with_a_stale_expected_version_is_a_conflict(store, unique):
    stream = f"s-{unique}"
    with store.transaction() as conn:
        store.append(conn, stream_type="thing", stream_id=stream, expected_version=0, events=[new_event(1)])
    with pytest.raises(ConcurrencyConflict) as caught, store.transaction() as conn:
        store.append(conn, stream_type="thing", stream_id=stream, expected_version=0, events=[new_event(2)])
    assert caught.value.extra["current_version"] == 1


def test_two_writers_at_once_one_wins_the_other_conflicts_and_nothing_is_lost(store, unique):
    outcomes = []
    for round_no in range(20):
        stream = f"s-{unique}-{round_no}"
        with store.transaction() as conn:
            store.append(conn, stream_type="thing", stream_id=stream, expected_version=0, events=[new_event(0)])
        barrier = threading.Barrier(2)

        def writer(n: int) -> str:
            try:
                with store.transaction() as conn:
                    barrier.wait()
                    store.append(conn, stream_type="thing", stream_id=stream, expected_version=1,
                                 events=[new_event(n)])
                return f"won-{n}"
            except ConcurrencyConflict:
                return "conflict"

        with ThreadPoolExecutor(2) as pool:
            results = sorted(pool.map(writer, [1, 2]))
        with store.transaction() as conn:
            loaded = store.load(conn, stream)
        winner = [r for r in results if r.startswith("won")]
        assert results.count("conflict") == 1 and len(winner) == 1, results
        assert [e.version for e in loaded] == [1, 2]
        assert loaded[1].payload == f"payload-{winner[0][-1]}".encode()
        outcomes.append(results)
    assert len(outcomes) == 20


def test_a_blocked_concurrent_writer_gets_a_conflict_once_the_first_commits(store, kit_engine, unique):
    stream = f"s-{unique}"
    first = kit_engine.connect()
    tx = first.begin()
    store.append(first, stream_type="thing", stream_id=stream, expected_version=0, events=[new_event(1)])
    result: dict = {}

    def second_writer():
        try:
            with store.transaction() as conn:
                store.append(conn, stream_type="thing", stream_id=stream, expected_version=0, events=[new_event(2)])
            result["outcome"] = "committed"
        except ConcurrencyConflict:
            result["outcome"] = "conflict"

    thread = threading.Thread(target=second_writer)
    thread.start()
    time.sleep(0.3)  # the second writer is now waiting on the first one's key
    assert thread.is_alive()
    tx.commit()
    first.close()
    thread.join(10)
    assert result["outcome"] == "conflict"
    with store.transaction() as conn:
        assert [e.payload for e in store.load(conn, stream)] == [b"payload-1"]


def test_reader_never_skips_an_event_committed_late_by_a_concurrent_transaction(store, kit_engine, unique):
    early, late = f"early-{unique}", f"late-{unique}"
    stream_type = f"t{unique}"
    with kit_engine.connect() as conn:
        start = _tail_position(store, conn)
    slow = kit_engine.connect()
    slow_tx = slow.begin()
    store.append(slow, stream_type=stream_type, stream_id=late, expected_version=0, events=[new_event(1)])
    with store.transaction() as conn:  # starts after, commits first
        store.append(conn, stream_type=stream_type, stream_id=early, expected_version=0, events=[new_event(2)])
    with kit_engine.connect() as conn:
        seen_before = store.read_after(conn, start, stream_types=[stream_type])
    assert seen_before == []  # the early commit waits behind the still-running older transaction
    slow_tx.commit()
    slow.close()
    with kit_engine.connect() as conn:
        seen_after = store.read_after(conn, start, stream_types=[stream_type])
    assert [e.stream_id for e in seen_after] == [late, early]


def test_concurrent_writers_and_a_tailing_reader_see_every_event_exactly_once(store, kit_engine, unique):
    stream_type = f"t{unique}"
    writers, per_writer = 8, 40
    done = threading.Event()
    seen: list = []

    def write(w: int) -> int:
        count = 0
        for i in range(per_writer):
            with store.transaction() as conn:
                store.append(conn, stream_type=stream_type, stream_id=f"w{w}-{unique}", expected_version=i,
                             events=[new_event(i)])
                count += 1
        return count

    def tail() -> None:
        position = Position()
        while True:
            finished = done.is_set()
            with kit_engine.connect() as conn:
                batch = store.read_after(conn, position, limit=50, stream_types=[stream_type])
            seen.extend(batch)
            if batch:
                position = batch[-1].position
            elif finished:
                return

    reader = threading.Thread(target=tail)
    reader.start()
    with ThreadPoolExecutor(writers) as pool:
        written = sum(pool.map(write, range(writers)))
    done.set()
    reader.join(30)
    assert written == writers * per_writer
    repeated = [(e.position, e.stream_id, e.version) for e in seen if [x.event_id for x in seen].count(e.event_id) > 1]
    assert not repeated, f"events read twice: {repeated[:6]}"
    assert len(seen) == written
    for w in range(writers):
        versions = [e.version for e in seen if e.stream_id == f"w{w}-{unique}"]
        assert versions == list(range(1, per_writer + 1))


def test_sixteen_writer_sessions_and_a_tailing_reader_miss_nothing_and_repeat_nothing(
        store, kit_engine, unique):
    """Sixteen writers, each on its own session, committing as fast as they can, some appends of one event and some of three
    (one statement each), while a reader tails the log in small pages: every event exactly once, each stream in
    version order, and each event's hash what the chain says."""
    stream_type = f"t{unique}"
    writers, appends_each = 16, 30
    done = threading.Event()
    seen: list = []
    errors: list = []

    def write(w: int) -> int:
        version, count = 0, 0
        for i in range(appends_each):
            batch = [new_event(version + k) for k in range(3 if i % 4 == 0 else 1)]
            with store.transaction() as conn:
                store.append(conn, stream_type=stream_type, stream_id=f"w{w}-{unique}", expected_version=version,
                             events=batch)
            version += len(batch)
            count += len(batch)
        return count

    def tail() -> None:
        try:
            position = Position()
            with kit_engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                while True:
                    finished = done.is_set()
                    batch = store.read_after(conn, position, limit=7, stream_types=[stream_type])
                    seen.extend(batch)
                    if batch:
                        position = batch[-1].position
                    elif finished:
                        return
        except Exception as exc:  # reported by the assertion below, not lost in the thread
            errors.append(exc)

    reader = threading.Thread(target=tail)
    reader.start()
    with ThreadPoolExecutor(writers) as pool:
        written = sum(pool.map(write, range(writers)))
    done.set()
    reader.join(60)
    assert not errors
    ids = [e.event_id for e in seen]
    assert len(ids) == len(set(ids)), "an event was read twice"
    assert len(seen) == written == writers * (appends_each + 2 * ((appends_each + 3) // 4))
    assert [e.position for e in seen] == sorted(e.position for e in seen)
    for w in range(writers):
        stream = [e for e in seen if e.stream_id == f"w{w}-{unique}"]
        assert [e.version for e in stream] == list(range(1, len(stream) + 1))
        assert [e.prev_hash for e in stream[1:]] == [e.hash for e in stream[:-1]]
    with kit_engine.connect() as conn:
        assert all(store.verify_stream(conn, f"w{w}-{unique}").ok for w in range(writers))


def test_the_events_an_append_returns_are_the_events_read_back(store, kit_engine, unique):
    stream_type = f"t{unique}"
    with store.transaction() as conn:
        first = store.append(conn, stream_type=stream_type, stream_id=f"s-{unique}", expected_version=0,
                             events=[new_event(1)])
        more = store.append(conn, stream_type=stream_type, stream_id=f"s-{unique}", expected_version=1,
                            events=[new_event(2), NewEvent(event_type="t.V1", payload=b"", signer=INSPECTOR,
                                                           metadata={"原因": "复查", "n": [1, 2]})])
    with kit_engine.connect() as conn:
        loaded = store.load(conn, f"s-{unique}")
        start = Position(first[0].position.tx_id, first[0].position.seq - 1)
        read = store.read_after(conn, start, stream_types=[stream_type])
    assert loaded == first + more == read
    assert loaded[2].metadata == {"原因": "复查", "n": [1, 2]}
    assert loaded[0].prev_hash is None and loaded[1].prev_hash == loaded[0].hash


def test_an_append_after_a_version_the_stream_has_not_reached_is_a_conflict_and_writes_nothing(store, unique):
    with store.transaction() as conn:
        store.append(conn, stream_type=f"t{unique}", stream_id=f"s-{unique}", expected_version=0,
                     events=[new_event(1)])
    with pytest.raises(ConcurrencyConflict) as raised, store.transaction() as conn:
        store.append(conn, stream_type=f"t{unique}", stream_id=f"s-{unique}", expected_version=2,
                     events=[new_event(3)])
    assert raised.value.extra["current_version"] == 1
    with store.transaction() as conn:
        assert [e.version for e in store.load(conn, f"s-{unique}")] == [1]


def test_appending_to_a_stream_of_another_type_is_refused(store, unique):
    with store.transaction() as conn:
        store.append(conn, stream_type=f"t{unique}", stream_id=f"s-{unique}", expected_version=0,
                     events=[new_event(1)])
    with pytest.raises(ValueError, match="not a"), store.transaction() as conn:
        store.append(conn, stream_type=f"other{unique}", stream_id=f"s-{unique}", expected_version=1,
                     events=[new_event(2)])


def test_stream_loads_as_it_was_at_a_given_time(store, unique):
    stream = f"s-{unique}"
    t0 = datetime(2026, 3, 1, 8, 0, tzinfo=timezone.utc)
    events = [NewEvent(event_type="ecosafe.test.v1.Thing", payload=f"p{i}".encode(), signer=INSPECTOR,
                       occurred_at=t0 + timedelta(days=i)) for i in range(3)]
    with store.transaction() as conn:
        store.append(conn, stream_type="thing", stream_id=stream, expected_version=0, events=events)
        as_of = store.load_as_of(conn, stream, t0 + timedelta(days=1, hours=1))
        before = store.load_as_of(conn, stream, t0 - timedelta(seconds=1))
    assert [e.payload for e in as_of] == [b"p0", b"p1"]
    assert before == []


def test_untouched_stream_verifies(store, unique):
    stream = f"s-{unique}"
    with store.transaction() as conn:
        store.append(conn, stream_type="thing", stream_id=stream, expected_version=0,
                     events=[new_event(i) for i in range(4)])
        result = store.verify_stream(conn, stream)
    assert result.ok and result.events_checked == 4


def test_events_cannot_be_updated_or_deleted_through_sql(store, kit_engine, unique):
    stream = f"s-{unique}"
    with store.transaction() as conn:
        store.append(conn, stream_type="thing", stream_id=stream, expected_version=0, events=[new_event(1)])
    with pytest.raises(DBAPIError, match="append-only"), kit_engine.begin() as conn:
        conn.execute(text("UPDATE es_events SET payload = 'x' WHERE stream_id = :s"), {"s": stream})
    with pytest.raises(DBAPIError, match="append-only"), kit_engine.begin() as conn:
        conn.execute(text("DELETE FROM es_events WHERE stream_id = :s"), {"s": stream})


def test_a_tampered_event_row_is_detected_by_stream_verification(store, kit_engine, unique):
    stream = f"s-{unique}"
    with store.transaction() as conn:
        store.append(conn, stream_type="thing", stream_id=stream, expected_version=0,
                     events=[new_event(i) for i in range(5)])
    # A superuser can switch the append-only trigger off; the hash chain still gives them away.
    with kit_engine.begin() as conn:
        conn.execute(text("SET LOCAL session_replication_role = replica"))
        conn.execute(text("UPDATE es_events SET payload = 'forged' WHERE stream_id = :s AND version = 3"),
                     {"s": stream})
    with store.transaction() as conn:
        result = store.verify_stream(conn, stream)
    assert not result.ok
    assert result.first_bad_version == 3
    assert result.events_checked == 2


def test_a_deleted_event_is_detected_by_stream_verification(store, kit_engine, unique):
    stream = f"s-{unique}"
    with store.transaction() as conn:
        store.append(conn, stream_type="thing", stream_id=stream, expected_version=0,
                     events=[new_event(i) for i in range(3)])
    with kit_engine.begin() as conn:
        conn.execute(text("SET LOCAL session_replication_role = replica"))
        conn.execute(text("DELETE FROM es_events WHERE stream_id = :s AND version = 2"), {"s": stream})
    with store.transaction() as conn:
        result = store.verify_stream(conn, stream)
    assert not result.ok and result.first_bad_version == 2


def _tail_position(store: EventStore, conn) -> Position:
    """The current end of the global log (everything committed so far is before it)."""
    row = conn.execute(text("SELECT tx_id::text AS tx, seq FROM es_events ORDER BY tx_id DESC, seq DESC LIMIT 1")).first()
    return Position(int(row.tx), row.seq) if row else Position()


def test_reading_crosses_a_transaction_id_with_more_digits_in_numeric_order(store, kit_engine, unique):
    """Transaction ids are compared as numbers everywhere: 9999 comes before 10000, in SQL and in Python."""
    stream_type = f"t{unique}"
    with kit_engine.begin() as conn:
        conn.execute(text("SELECT pg_advisory_xact_lock(46)"))
        conn.execute(text(
            "CREATE OR REPLACE PROCEDURE test_burn_xids(n integer) LANGUAGE plpgsql AS $$ "
            "BEGIN FOR i IN 1..n LOOP PERFORM pg_current_xact_id(); COMMIT; END LOOP; END $$"))
    with kit_engine.connect() as conn:
        current = int(conn.execute(text("SELECT pg_current_xact_id()::text")).scalar())
        conn.rollback()
    boundary = 10 ** len(str(current))
    if boundary - current > 1_500_000:  # about 8 s of burning at most
        pytest.skip(f"transaction id {current} is too far from {boundary} to cross it quickly")
    _burn_xids(kit_engine, max(boundary - current - 3, 0))
    with store.transaction() as conn:
        before = store.append(conn, stream_type=stream_type, stream_id=f"a-{unique}", expected_version=0,
                              events=[new_event(1)])[0]
    _burn_xids(kit_engine, 5)
    with store.transaction() as conn:
        after = store.append(conn, stream_type=stream_type, stream_id=f"b-{unique}", expected_version=0,
                             events=[new_event(2)])[0]
    assert len(str(before.position.tx_id)) < len(str(after.position.tx_id))
    with kit_engine.connect() as conn:
        first = store.read_after(conn, Position(), limit=1, stream_types=[stream_type])
        second = store.read_after(conn, first[0].position, limit=1, stream_types=[stream_type])
        rest = store.read_after(conn, second[0].position, stream_types=[stream_type])
    assert [first[0].event_id, second[0].event_id] == [before.event_id, after.event_id]
    assert rest == []


def _burn_xids(engine, count: int) -> None:
    """Use up transaction ids (one committed transaction each) by calling the procedure outside a transaction."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("CALL test_burn_xids(:n)"), {"n": count})


def test_append_with_a_stale_head_from_an_earlier_load_is_a_conflict(store, unique):
    """The head a caller loaded saves a read; if another writer appended since, the append still conflicts."""
    from ecosafe_kit.eventstore.store import StreamHead

    stream = f"s-{unique}"
    with store.transaction() as conn:
        store.append(conn, stream_type="thing", stream_id=stream, expected_version=0, events=[new_event(1)])
        head = StreamHead.of(store.load(conn, stream))
    with store.transaction() as conn:  # someone else appends version 2
        store.append(conn, stream_type="thing", stream_id=stream, expected_version=1, events=[new_event(2)])
    with pytest.raises(ConcurrencyConflict), store.transaction() as conn:
        store.append(conn, stream_type="thing", stream_id=stream, expected_version=1, events=[new_event(3)],
                     head=head)
    with store.transaction() as conn:
        loaded = store.load(conn, stream)
        assert [e.payload for e in loaded] == [b"payload-1", b"payload-2"]
        assert store.verify_stream(conn, stream).ok


def test_a_batch_after_a_known_head_chains_as_the_server_would_and_reads_back_as_returned(store, kit_engine, unique):
    """With the head passed (or a new stream) the client computes the chain; without it PostgreSQL does. Both
    streams verify, and what each append returned is what is read back."""
    from ecosafe_kit.eventstore.store import StreamHead

    stream_type = f"t{unique}"
    signers = [INSPECTOR, INSPECTOR.__class__("u-other", "王", ("county_officer",), "140525")]
    batch = [NewEvent(event_type=f"t.V{i % 2}", payload=bytes([i]) * 3, signer=signers[i % 2],
                      metadata={"第": i} if i == 2 else {}) for i in range(4)]
    returned = []
    with store.transaction() as conn:
        returned += store.append(conn, stream_type=stream_type, stream_id=f"k-{unique}", expected_version=0,
                                 events=batch[:2])
        returned += store.append(conn, stream_type=stream_type, stream_id=f"k-{unique}", expected_version=2,
                                 events=batch[2:], head=StreamHead.of(returned))
        store.append(conn, stream_type=stream_type, stream_id=f"u-{unique}", expected_version=0,
                     events=[new_event(1)])
        store.append(conn, stream_type=stream_type, stream_id=f"u-{unique}", expected_version=1,
                     events=[new_event(2), new_event(3)])  # no head: the recursive statement
    with kit_engine.connect() as conn:
        assert store.load(conn, f"k-{unique}") == returned
        assert [e.signer for e in returned] == [signers[0], signers[1], signers[0], signers[1]]
        assert returned[2].metadata == {"第": 2} and returned[2].prev_hash == returned[1].hash
        assert store.verify_stream(conn, f"k-{unique}").ok and store.verify_stream(conn, f"u-{unique}").ok


def test_a_batch_after_a_head_whose_hash_is_not_the_stored_one_is_a_conflict_and_writes_nothing(store, unique):
    from ecosafe_kit.eventstore.store import StreamHead

    stream = f"s-{unique}"
    with store.transaction() as conn:
        [first] = store.append(conn, stream_type="thing", stream_id=stream, expected_version=0,
                               events=[new_event(1)])
    forged = StreamHead(first.version, b"\x00" * 32, first.position.tx_id, first.stream_type)
    with pytest.raises(ConcurrencyConflict), store.transaction() as conn:
        store.append(conn, stream_type="thing", stream_id=stream, expected_version=1,
                     events=[new_event(2), new_event(3)], head=forged)
    with store.transaction() as conn:
        assert [e.version for e in store.load(conn, stream)] == [1]
        assert store.verify_stream(conn, stream).ok


def test_an_append_that_loses_to_a_committed_event_leaves_the_callers_transaction_usable(store, unique):
    """A version already taken by a committed event is found by the statement's own check: the append writes
    nothing, names the current version, and the caller's transaction can go on."""
    stream = f"s-{unique}"
    with store.transaction() as conn:
        store.append(conn, stream_type="thing", stream_id=stream, expected_version=0, events=[new_event(1)])
    with store.transaction() as conn:
        for events in ([new_event(2)], [new_event(3), new_event(4)]):
            with pytest.raises(ConcurrencyConflict) as caught:
                store.append(conn, stream_type="thing", stream_id=stream, expected_version=0, events=events)
            assert caught.value.extra["current_version"] == 1
        store.append(conn, stream_type="thing", stream_id=stream, expected_version=1, events=[new_event(5)])
    with store.transaction() as conn:
        assert [e.payload for e in store.load(conn, stream)] == [b"payload-1", b"payload-5"]


def test_a_batch_blocked_behind_an_uncommitted_writer_conflicts_once_it_commits_and_writes_nothing(
        store, kit_engine, unique):
    """Past the statement's check while the other writer's event is uncommitted, the batch waits on the stream's
    key and then conflicts; its own events are gone with its transaction."""
    from ecosafe_kit.eventstore.store import StreamHead

    stream = f"s-{unique}"
    with store.transaction() as conn:
        head = StreamHead.of(store.append(conn, stream_type="thing", stream_id=stream, expected_version=0,
                                          events=[new_event(1)]))
    first = kit_engine.connect()
    tx = first.begin()
    store.append(first, stream_type="thing", stream_id=stream, expected_version=1, events=[new_event(2)], head=head)
    result: dict = {}

    def batch_writer():
        try:
            with store.transaction() as conn:
                store.append(conn, stream_type="thing", stream_id=stream, expected_version=1,
                             events=[new_event(3), new_event(4)], head=head)
            result["outcome"] = "committed"
        except ConcurrencyConflict as conflict:
            result["outcome"] = "conflict"
            result["extra"] = conflict.extra

    thread = threading.Thread(target=batch_writer)
    thread.start()
    time.sleep(0.3)
    assert thread.is_alive()  # waiting on the first writer's key
    tx.commit()
    first.close()
    thread.join(10)
    assert result == {"outcome": "conflict", "extra": {"stream_id": stream, "expected_version": 1}}
    with store.transaction() as conn:
        assert [e.payload for e in store.load(conn, stream)] == [b"payload-1", b"payload-2"]
        assert store.verify_stream(conn, stream).ok


def test_an_event_id_used_twice_is_an_integrity_error_not_a_conflict(store, unique):
    event = new_event(1)
    with store.transaction() as conn:
        store.append(conn, stream_type="thing", stream_id=f"a-{unique}", expected_version=0, events=[event])
    with pytest.raises(DBAPIError) as caught, store.transaction() as conn:
        store.append(conn, stream_type="thing", stream_id=f"b-{unique}", expected_version=0, events=[event])
    assert not isinstance(caught.value, ConcurrencyConflict)
    assert "event_id" in str(caught.value)


def test_new_event_ids_are_time_ordered(unique):
    ids = [new_event(i).event_id for i in range(50)]
    assert all(i.version == 7 for i in ids)
    assert ids == sorted(ids, key=lambda i: i.bytes) and len(set(ids)) == 50


def test_an_append_alone_is_committed_when_it_returns(store, kit_engine, unique):
    stream = f"s-{unique}"
    returned = store.append_alone(stream_type="thing", stream_id=stream, expected_version=0,
                                  events=[new_event(1), new_event(2)])
    with kit_engine.connect() as other:  # another session sees it at once
        assert store.load(other, stream) == returned
    from ecosafe_kit.eventstore.store import StreamHead

    returned += store.append_alone(stream_type="thing", stream_id=stream, expected_version=2,
                                   events=[new_event(3)], head=StreamHead.of(returned))
    with pytest.raises(ConcurrencyConflict) as caught:
        store.append_alone(stream_type="thing", stream_id=stream, expected_version=1, events=[new_event(4)])
    assert caught.value.extra["current_version"] == 3
    with kit_engine.connect() as other:
        assert store.load(other, stream) == returned
        assert store.verify_stream(other, stream).ok


def test_append_alone_leaves_the_engines_pool_transactional(unique, kit_database_url):
    """`append_alone` runs in a pool of its own: the engine's one connection still rolls back as before."""
    from ecosafe_kit.db import make_engine

    engine = make_engine(kit_database_url, pool_size=1)
    try:
        single = EventStore(engine)
        single.append_alone(stream_type="thing", stream_id=f"s-{unique}", expected_version=0, events=[new_event(1)])
        with engine.connect() as conn:
            single.append(conn, stream_type="thing", stream_id=f"r-{unique}", expected_version=0,
                          events=[new_event(2)])
            conn.rollback()
        with engine.connect() as conn:
            assert single.load(conn, f"r-{unique}") == []
            assert len(single.load(conn, f"s-{unique}")) == 1
    finally:
        single.dispose()
        engine.dispose()
