"""Projection rebuild from the service's own event store gives the same read model as live projection."""

from __future__ import annotations

from sqlalchemy import text

from ecosafe_kit.eventstore import EventStore
from ecosafe_kit.projections import Projection, apply_stored, rebuild

from kit_helpers import new_event


def _projection(stream_type: str) -> Projection:
    def counted(conn, envelope):
        conn.execute(text(
            "INSERT INTO test_stream_counts (stream_type, stream_id, events, last_version) VALUES (:t, :s, 1, :v) "
            "ON CONFLICT (stream_id) DO UPDATE SET events = test_stream_counts.events + 1, last_version = :v"),
            {"t": envelope.stream_type, "s": envelope.stream_id, "v": envelope.version})

    return Projection(name="stream_counts", handlers={"ecosafe.test.v1.Thing": counted},
                      tables=["test_stream_counts"], stream_types=[stream_type])


def _counts(engine, stream_type: str) -> dict:
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT stream_id, events, last_version FROM test_stream_counts "
                                 "WHERE stream_type = :t"), {"t": stream_type})
        return {r.stream_id: (r.events, r.last_version) for r in rows}


def test_rebuild_replays_the_store_into_the_same_read_model(kit_engine, unique, capsys):
    stream_type = f"t{unique}"
    with kit_engine.begin() as conn:
        conn.execute(text("SELECT pg_advisory_xact_lock(45)"))
        conn.execute(text("CREATE TABLE IF NOT EXISTS test_stream_counts (stream_type text, stream_id text "
                          "PRIMARY KEY, events int, last_version int)"))
    projection = _projection(stream_type)
    store = EventStore(kit_engine)
    for s in range(5):
        with store.transaction() as conn:
            stored = store.append(conn, stream_type=stream_type, stream_id=f"r{s}-{unique}", expected_version=0,
                                  events=[new_event(i) for i in range(s + 1)])
            apply_stored(conn, [projection], stored, "kittest")
    live = _counts(kit_engine, stream_type)
    assert live[f"r4-{unique}"] == (5, 5)

    with kit_engine.begin() as conn:  # the read model drifts (a bug, a lost table...)
        conn.execute(text("UPDATE test_stream_counts SET events = 99 WHERE stream_type = :t"), {"t": stream_type})
    replayed = rebuild(kit_engine, projection, "kittest", batch_size=4, progress=True)

    assert replayed >= 15  # this test's 15 events, plus any other stream type's the shared table held
    assert _counts(kit_engine, stream_type) == live
    assert "重建投影 stream_counts" in capsys.readouterr().err
