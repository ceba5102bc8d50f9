"""Prepared statements on the real PostgreSQL: prepared once per session, survive rollbacks, re-plan after DDL."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from ecosafe_kit.db import make_engine
from ecosafe_kit.prepared import PreparedStatement


def _prepared_names(conn) -> set[str]:
    return set(conn.execute(text("SELECT name FROM pg_prepared_statements")).scalars())


def test_a_statement_is_prepared_once_per_session_and_answers_with_named_columns(kit_engine, unique):
    statement = PreparedStatement(f"t_sum_{unique}", "SELECT :a + :b AS total, :a::text AS a_text, '%s' AS pct",
                                  {"a": "int", "b": "int"})
    with kit_engine.connect() as conn:
        first = statement.execute(conn, {"a": 2, "b": 3}).one()
        second = statement.execute(conn, {"a": 10, "b": 1}).one()
        assert (first.total, first.a_text, second.total) == (5, "2", 11)
        assert first.pct == "%s"  # a literal percent sign in the statement is not taken for a placeholder
        assert f"t_sum_{unique}" in _prepared_names(conn)


def test_a_prepared_statement_outlives_a_rolled_back_transaction(kit_engine, unique):
    statement = PreparedStatement(f"t_one_{unique}", "SELECT :x::int * 2 AS doubled", {"x": "int"})
    with kit_engine.connect() as conn:
        with conn.begin() as tx:
            assert statement.execute(conn, {"x": 4}).scalar() == 8
            tx.rollback()
        assert statement.execute(conn, {"x": 5}).scalar() == 10


def test_a_statement_whose_result_columns_changed_fails_once_then_a_fresh_connection_prepares_it_again(
        kit_database_url, unique):
    engine = create_engine(kit_database_url, pool_size=1, max_overflow=0)  # one session: the one that prepared
    table = f"prep_{unique}"
    with engine.begin() as conn:
        conn.execute(text(f"CREATE TABLE {table} (id int)"))  # test-only table name, not input
        conn.execute(text(f"INSERT INTO {table} VALUES (1)"))
    statement = PreparedStatement(f"t_read_{unique}", f"SELECT * FROM {table} WHERE id = :id", {"id": "int"})
    with engine.connect() as conn:
        assert list(statement.execute(conn, {"id": 1}).keys()) == ["id"]
        conn.rollback()
        conn.execute(text(f"ALTER TABLE {table} ADD COLUMN name text DEFAULT 'a'"))  # as a migration would
        conn.commit()
    with engine.connect() as conn, pytest.raises(DBAPIError, match="cached plan must not change result type"):
        statement.execute(conn, {"id": 1})
    with engine.connect() as conn:
        row = statement.execute(conn, {"id": 1}).one()
    assert (row.id, row.name) == (1, "a")
    engine.dispose()


def test_undeclared_and_unused_parameters_are_refused_when_the_statement_is_defined():
    with pytest.raises(ValueError, match=":b"):
        PreparedStatement("t_bad", "SELECT :a, :b", {"a": "int"})
    with pytest.raises(ValueError, match="does not use"):
        PreparedStatement("t_bad", "SELECT :a", {"a": "int", "c": "int"})
    with pytest.raises(ValueError, match="identifier"):
        PreparedStatement("Bad Name", "SELECT 1", {})


def test_a_kit_engine_keeps_its_prepared_statements_and_generic_plans_through_rollbacks_and_repeated_queries(
        kit_database_url, unique):
    # psycopg 3 prepares a query run five times by itself and deallocates all of a session's statements on the next
    # rollback; the kit's engines switch that off, so what this module prepared stays prepared.
    engine = make_engine(kit_database_url, pool_size=1)
    statement = PreparedStatement(f"t_keep_{unique}", "SELECT :x::int + 1 AS next", {"x": "int"})
    try:
        with engine.connect() as conn:
            assert statement.execute(conn, {"x": 1}).scalar() == 2
            for _ in range(6):
                conn.execute(text("SELECT count(*) FROM pg_class WHERE relname = :n"), {"n": unique}).scalar()
            conn.rollback()
            for _ in range(6):
                conn.execute(text("SELECT count(*) FROM pg_class WHERE relname = :n"), {"n": unique}).scalar()
        # the connection went back to the pool with a rollback, and comes out of it again (one session)
        with engine.connect() as conn:
            assert f"t_keep_{unique}" in _prepared_names(conn)
            assert not [n for n in _prepared_names(conn) if n.startswith("_pg3_")]
            assert conn.execute(text("SHOW plan_cache_mode")).scalar() == "force_generic_plan"
            assert statement.execute(conn, {"x": 41}).scalar() == 42
    finally:
        engine.dispose()


def test_a_value_the_driver_cannot_adapt_fails_as_a_wrapped_driver_error(kit_engine, unique):
    statement = PreparedStatement(f"t_adapt_{unique}", "SELECT :x::text AS x", {"x": "text"})
    with kit_engine.connect() as conn, pytest.raises(DBAPIError, match="cannot adapt"):
        statement.execute(conn, {"x": object()})


def test_generic_plans_first_set_inside_a_rolled_back_transaction_are_set_for_the_session_at_the_next_run(
        kit_database_url, unique):
    engine = make_engine(kit_database_url, pool_size=1)
    statement = PreparedStatement(f"t_plan_{unique}", "SELECT :x::int AS x", {"x": "int"})

    def plan_cache_mode(conn) -> str:
        return conn.execute(text("SHOW plan_cache_mode")).scalar()

    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))  # a transaction is open when the statement first runs
            assert statement.execute(conn, {"x": 1}).scalar() == 1
            assert plan_cache_mode(conn) == "force_generic_plan"
            conn.rollback()
            assert plan_cache_mode(conn) == "auto"  # the SET went with the transaction
            conn.rollback()
            assert statement.execute(conn, {"x": 2}).scalar() == 2  # outside a transaction: set for the session
            conn.rollback()
            assert plan_cache_mode(conn) == "force_generic_plan"
    finally:
        engine.dispose()


def test_in_an_autocommit_pool_psycopg_prepares_the_driver_form_and_sql_prepared_statements_live_beside_it(
        kit_engine, unique):
    """make_autocommit_engine's sessions let psycopg prepare what is asked (`prepare=True`), and only that; the
    SQL-level statements prepared there do not switch that off, and each statement is its own transaction."""
    from ecosafe_kit.db import make_autocommit_engine
    from ecosafe_kit.prepared import binary_rows

    statement = PreparedStatement(f"t_pair_{unique}", "SELECT :a + 1 AS next, :b AS label", {"a": "int", "b": "text"})
    assert statement.driver_statement() == "SELECT %(a)s::int + 1 AS next, %(b)s::text AS label"
    table = f"auto_{unique}"
    autocommit = make_autocommit_engine(kit_engine)
    try:
        with autocommit.connect() as conn:
            assert statement.rows(conn, {"a": 1, "b": "甲"}) == [(2, "甲")]  # SQL-level first
            for a in (2, 3):
                assert binary_rows(conn, statement.driver_statement(), {"a": a, "b": "乙"}, prepare=True) == [
                    (a + 1, "乙")]
            binary_rows(conn, f"SELECT {a} AS unasked", prepare=False)
            names = _prepared_names(conn)
            assert f"t_pair_{unique}" in names
            assert len([n for n in names if n.startswith("_pg3_")]) == 1  # the one asked for
            conn.execute(text(f"CREATE TABLE {table} (n int)"))
            conn.execute(text(f"INSERT INTO {table} VALUES (1)"))
            conn.rollback()  # nothing to roll back: each statement committed on its own
        with kit_engine.connect() as other:
            assert other.execute(text(f"SELECT count(*) FROM {table}")).scalar() == 1
            other.execute(text(f"DROP TABLE {table}"))
            other.commit()
    finally:
        autocommit.dispose()


def test_a_session_first_used_in_autocommit_keeps_its_statements_through_repeated_queries_and_rollbacks(
        kit_database_url, unique):
    """A plain engine's session that prepares its first statement while in autocommit (as a relay's lock session
    does) still has psycopg's own preparation switched off: back in transactions, a rollback deallocates nothing."""
    engine = create_engine(kit_database_url, pool_size=1, max_overflow=0)
    statement = PreparedStatement(f"t_auto_{unique}", "SELECT :x::int + 1 AS next", {"x": "int"})
    try:
        with engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT")
            assert statement.execute(conn, {"x": 1}).scalar() == 2
        with engine.connect() as conn:
            for _ in range(8):  # more runs than psycopg's default threshold for preparing a query itself
                conn.execute(text("SELECT 1")).scalar()
            conn.rollback()
            assert statement.execute(conn, {"x": 2}).scalar() == 3
    finally:
        engine.dispose()
