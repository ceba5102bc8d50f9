"""The relay sleeps between commits: appends notify it while it sleeps (kit schema v3), and it reads the log then."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import text

from ecosafe_kit.background import start_in_thread
from ecosafe_kit.eventstore import EventStore
from ecosafe_kit.eventstore.schema import RELAY_ASLEEP_LOCK
from ecosafe_kit.messaging.relay import OutboxRelay
from ecosafe_kit.messaging.topics import event_topic

from kit_helpers import new_event, read_topic

# Far longer than any wait below: an event that arrives in time was read because a commit said so.
IDLE_READ_INTERVAL = 120.0


@pytest.fixture
def listener(kit_engine):
    """A session listening on the relay channel as a sleeping relay does (holding its lock), closed afterwards."""
    conn = kit_engine.connect().execution_options(isolation_level="AUTOCOMMIT")
    conn.execute(text("LISTEN es_events"))
    assert conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": RELAY_ASLEEP_LOCK}).scalar()
    yield conn.connection.dbapi_connection
    conn.invalidate()
    conn.close()


@pytest.fixture
def awake_listener(kit_engine):
    """A session listening on the relay channel without the lock: a relay that is reading on its own."""
    conn = kit_engine.connect().execution_options(isolation_level="AUTOCOMMIT")
    conn.execute(text("LISTEN es_events"))
    yield conn.connection.dbapi_connection
    conn.invalidate()
    conn.close()


def _payloads(raw, seconds: float) -> list[str]:
    return [n.payload for n in raw.notifies(timeout=seconds)]


def test_a_commit_that_appends_notifies_its_transaction_id_once_and_a_rollback_notifies_nothing(
        kit_engine, listener, unique):
    store = EventStore(kit_engine)
    with store.transaction() as conn:
        first = store.append(conn, stream_type=f"t{unique}", stream_id=f"a-{unique}", expected_version=0,
                             events=[new_event(1), new_event(2)])
        store.append(conn, stream_type=f"t{unique}", stream_id=f"b-{unique}", expected_version=0,
                     events=[new_event(3)])
    rolled_back = None
    with kit_engine.connect() as conn:
        with conn.begin() as tx:
            store.append(conn, stream_type=f"t{unique}", stream_id=f"c-{unique}", expected_version=0,
                         events=[new_event(4)])
            rolled_back = conn.execute(text("SELECT pg_current_xact_id()::text")).scalar()
            tx.rollback()
    payloads = _payloads(listener, 1.0)
    assert payloads.count(str(first[0].position.tx_id)) == 1  # two statements, one notification
    assert rolled_back not in payloads


def test_appends_notify_no_one_while_no_relay_sleeps(kit_engine, awake_listener, unique):
    store = EventStore(kit_engine)
    with store.transaction() as conn:
        appended = store.append(conn, stream_type=f"t{unique}", stream_id=f"a-{unique}", expected_version=0,
                                events=[new_event(1)])
    assert str(appended[0].position.tx_id) not in _payloads(awake_listener, 0.5)


def test_a_relay_cannot_start_sleeping_while_a_writer_that_did_not_notify_is_uncommitted(kit_engine, unique):
    store = EventStore(kit_engine)
    writer = kit_engine.connect()
    relay = kit_engine.connect().execution_options(isolation_level="AUTOCOMMIT")
    try:
        with writer.begin():
            store.append(writer, stream_type=f"t{unique}", stream_id=f"a-{unique}", expected_version=0,
                         events=[new_event(1)])
            # The writer saw no sleeping relay, so its commit will not notify: the relay must not go to sleep.
            assert relay.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": RELAY_ASLEEP_LOCK}).scalar() is False
        assert relay.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": RELAY_ASLEEP_LOCK}).scalar() is True
    finally:
        writer.close()
        relay.invalidate()
        relay.close()


def _idle_relay(kit_engine, kafka_bootstrap, stream_type: str, unique: str):
    relay = OutboxRelay(engine=kit_engine, service="kittest", bootstrap_servers=kafka_bootstrap,
                        stream_types=[stream_type], name=f"relay-{unique}", idle_read_interval=IDLE_READ_INTERVAL)
    worker = start_in_thread(relay.name, relay.run)
    deadline = time.monotonic() + 30
    while not relay.leading and time.monotonic() < deadline:
        time.sleep(0.05)
    assert relay.leading, "the relay never took the lead"
    time.sleep(2.5)  # past any notification other tests' commits left pending: the relay is asleep now
    return relay, worker


def test_an_idle_relay_publishes_a_commit_as_soon_as_it_is_notified(kit_engine, kafka_bootstrap, unique):
    stream_type = f"t{unique}"
    relay, worker = _idle_relay(kit_engine, kafka_bootstrap, stream_type, unique)
    store = EventStore(kit_engine)
    try:
        committed = time.monotonic()
        with store.transaction() as conn:
            store.append(conn, stream_type=stream_type, stream_id=f"s-{unique}", expected_version=0,
                         events=[new_event(1)])
        received = read_topic(kafka_bootstrap, event_topic("kittest", stream_type), 1, timeout=15)
        elapsed = time.monotonic() - committed
    finally:
        worker.stop()
    assert [e.stream_id for e in received] == [f"s-{unique}"]
    assert elapsed < 15 < IDLE_READ_INTERVAL


def test_a_relay_that_was_reading_on_its_own_goes_to_sleep_and_is_woken_by_the_next_commit(
        kit_engine, kafka_bootstrap, unique):
    """After a burst (six writers at once: the relay reads on its own when a read finds several events, and
    writers stop notifying), the idle relay sleeps again, and one commit reaches Kafka long before the idle read."""
    stream_type = f"t{unique}"
    relay, worker = _idle_relay(kit_engine, kafka_bootstrap, stream_type, unique)
    store = EventStore(kit_engine)
    topic = event_topic("kittest", stream_type)
    try:
        def burst(w: int) -> None:
            for i in range(10):
                with store.transaction() as conn:
                    store.append(conn, stream_type=stream_type, stream_id=f"burst{w}-{unique}", expected_version=i,
                                 events=[new_event(i)])

        with ThreadPoolExecutor(6) as pool:
            list(pool.map(burst, range(6)))
        assert len(read_topic(kafka_bootstrap, topic, 60, timeout=30)) == 60
        time.sleep(2.5)  # idle again: asleep
        committed = time.monotonic()
        with store.transaction() as conn:
            store.append(conn, stream_type=stream_type, stream_id=f"late-{unique}", expected_version=0,
                         events=[new_event(99)])
        received = read_topic(kafka_bootstrap, topic, 61, timeout=15)
        elapsed = time.monotonic() - committed
    finally:
        worker.stop()
    assert f"late-{unique}" in {e.stream_id for e in received}  # partitions interleave: not necessarily last
    assert elapsed < 15 < IDLE_READ_INTERVAL


def test_an_event_held_back_by_an_older_transaction_is_published_when_that_one_ends(
        kit_engine, kafka_bootstrap, unique):
    stream_type = f"t{unique}"
    relay, worker = _idle_relay(kit_engine, kafka_bootstrap, stream_type, unique)
    store = EventStore(kit_engine)
    older = kit_engine.connect()
    try:
        older_tx = older.begin()
        older.execute(text("SELECT pg_current_xact_id()"))  # takes a transaction id: the log's horizon stays below it
        with store.transaction() as conn:
            store.append(conn, stream_type=stream_type, stream_id=f"s-{unique}", expected_version=0,
                         events=[new_event(1)])
        time.sleep(0.5)  # notified and read, but held back: the older transaction might still write before it
        assert read_topic(kafka_bootstrap, event_topic("kittest", stream_type), 1, timeout=1) == []
        older_tx.rollback()  # ends without appending, so without a notification of its own
        received = read_topic(kafka_bootstrap, event_topic("kittest", stream_type), 1, timeout=15)
    finally:
        older.close()
        worker.stop()
    assert [e.stream_id for e in received] == [f"s-{unique}"]
