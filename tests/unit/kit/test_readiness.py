"""Readiness checks fail fast and cleanly when the dependency is unreachable (no broker or database needed)."""

import socket
import threading
import time

import pytest
from sqlalchemy import create_engine

from ecosafe_kit.web.readiness import database_check, kafka_check


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens here once the socket is closed


def _kafka_threads() -> int:
    return sum(1 for t in threading.enumerate() if t.name.startswith("kafka-"))


def test_kafka_check_against_an_unreachable_broker_raises_within_its_timeout():
    check = kafka_check(f"127.0.0.1:{_closed_port()}", timeout_ms=300)
    started = time.monotonic()
    with pytest.raises(Exception):
        check()
    assert time.monotonic() - started < 3
    check.close()


def test_kafka_check_leaves_no_threads_behind_when_it_cannot_connect():
    before = _kafka_threads()
    check = kafka_check(f"127.0.0.1:{_closed_port()}", timeout_ms=200)
    for _ in range(3):
        with pytest.raises(Exception):
            check()
    check.close()
    assert _kafka_threads() == before


def test_database_check_against_an_unreachable_server_raises():
    engine = create_engine(f"postgresql+psycopg://u:p@127.0.0.1:{_closed_port()}/db",
                           connect_args={"connect_timeout": 2})
    with pytest.raises(Exception, match="Connection refused|could not connect|connection"):
        database_check(engine)()
    engine.dispose()
