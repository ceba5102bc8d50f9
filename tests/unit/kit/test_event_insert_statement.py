"""The event store's INSERT is compiled once: it must stay cacheable and keep its ON CONFLICT clause."""

from sqlalchemy.dialects import postgresql

from ecosafe_kit.eventstore.store import _INSERT


def test_the_append_statement_has_a_cache_key_so_sqlalchemy_compiles_it_once():
    assert _INSERT._generate_cache_key() is not None


def test_the_append_statement_skips_a_taken_version_and_returns_position_columns():
    sql = str(_INSERT.compile(dialect=postgresql.dialect()))
    assert "ON CONFLICT (stream_id, version) DO NOTHING RETURNING es_events.version, es_events.seq, tx_id::text AS tx" in sql
