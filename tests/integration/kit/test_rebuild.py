"""Projection rebuild from the service's own event store gives the same read model as live projection."""

from __future__ import annotations

import os
import sys

from sqlalchemy import text

from ecosafe_kit.eventstore import EventStore
from ecosafe_kit.projections import Projection, apply_stored, rebuild
from ecosafe_kit.projections.rebuild_cli import main as rebuild_cli

from kit_helpers import new_event


def projections_for_cli() -> list[Projection]:
    """What `--projections test_rebuild:projections_for_cli` loads: the counter of the stream type under test."""
    return [_projection(os.environ["TEST_REBUILD_STREAM_TYPE"])]


def _projection(stream_type: str) -> Projection:
    def counted(conn, envelope):
        conn.execute(text(
            "INSERT INTO test_stream_counts (stream_type, stream_id, events, last_version) VALUES (:t, :s, 1, :v) "
            "ON CONFLICT (stream_id) DO UPDATE SET events = test_stream_counts.events + 1, last_version = :v"),
            {"t": envelope.stream_type, "s": envelope.stream_id, "v": envelope.version})

    return Projection(name="stream_counts", handlers={"ecosafe.test.v1.Thing": counted},
                      tables=["test_stream_counts"], stream_types=[stream_type])


def _ensure_table(engine) -> None:
    with engine.begin() as conn:
        conn.execute(text("SELECT pg_advisory_xact_lock(45)"))
        conn.execute(text("CREATE TABLE IF NOT EXISTS test_stream_counts (stream_type text, stream_id text "
                          "PRIMARY KEY, events int, last_version int)"))


def _counts(engine, stream_type: str) -> dict:
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT stream_id, events, last_version FROM test_stream_counts "
                                 "WHERE stream_type = :t"), {"t": stream_type})
        return {r.stream_id: (r.events, r.last_version) for r in rows}


def test_rebuild_replays_the_store_into_the_same_read_model(kit_engine, unique, capsys):
    stream_type = f"t{unique}"
    _ensure_table(kit_engine)
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


def test_rebuild_cli_replays_the_named_projection(kit_engine, kit_database_url, unique, capsys, monkeypatch):
    stream_type = f"t{unique}"
    _ensure_table(kit_engine)
    store = EventStore(kit_engine)
    with store.transaction() as conn:
        store.append(conn, stream_type=stream_type, stream_id=f"c-{unique}", expected_version=0,
                     events=[new_event(i) for i in range(3)])  # appended without live projection
    monkeypatch.setenv("TEST_REBUILD_STREAM_TYPE", stream_type)
    monkeypatch.setitem(sys.modules, "test_rebuild_module", sys.modules[__name__])
    code = rebuild_cli(["--projections", "test_rebuild_module:projections_for_cli", "--database-url",
                        kit_database_url, "--service", "kittest"])
    assert code == 0
    assert _counts(kit_engine, stream_type) == {f"c-{unique}": (3, 3)}
    assert "stream_counts: 已重放 3 个事件" in capsys.readouterr().out


def test_rebuild_cli_refuses_an_unknown_projection_name(kit_database_url, unique, capsys, monkeypatch):
    monkeypatch.setenv("TEST_REBUILD_STREAM_TYPE", f"t{unique}")
    monkeypatch.setitem(sys.modules, "test_rebuild_module", sys.modules[__name__])
    code = rebuild_cli(["--projections", "test_rebuild_module:projections_for_cli", "--only", "no_such",
                        "--database-url", kit_database_url])
    assert code == 2
    assert "没有匹配的投影" in capsys.readouterr().err
