"""The kit's engine pings a pooled connection only after it sat idle, and replaces one that died meanwhile."""

from __future__ import annotations

import time

from sqlalchemy import create_engine, text

from ecosafe_kit.db import make_engine


def _counting_pings(engine) -> list[int]:
    pings = []
    real = engine.dialect.do_ping

    def counted(dbapi_connection):
        pings.append(1)
        return real(dbapi_connection)

    engine.dialect.do_ping = counted
    return pings


def test_a_connection_used_moments_ago_is_handed_out_without_a_ping_and_an_idle_one_with_one(kit_database_url):
    engine = make_engine(kit_database_url, pool_size=1, ping_after_idle=0.3)
    pings = _counting_pings(engine)
    try:
        for _ in range(5):
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        assert pings == []  # a new connection and four just given back
        time.sleep(0.4)
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        assert pings == [1]
    finally:
        engine.dispose()


def test_a_connection_that_died_while_idle_is_replaced_at_checkout_and_the_caller_sees_nothing(kit_database_url,
                                                                                                  database_url):
    engine = make_engine(kit_database_url, pool_size=1, ping_after_idle=0.2)
    admin = create_engine(database_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            first = conn.execute(text("SELECT pg_backend_pid()")).scalar()
        with admin.connect() as conn:  # the server drops the pooled session, as a restart would
            conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": first})
        time.sleep(0.3)
        with engine.connect() as conn:
            second = conn.execute(text("SELECT pg_backend_pid()")).scalar()
        assert second != first
    finally:
        engine.dispose()
        admin.dispose()
