"""Readiness checks against the real PostgreSQL and Kafka of the test stack, and /readyz built on them."""

from __future__ import annotations

import socket
import socketserver
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from ecosafe_kit.settings import ServiceSettings
from ecosafe_kit.web.app_factory import create_app
from ecosafe_kit.web.readiness import database_check, kafka_check

# The `database_url` and `kafka_bootstrap` fixtures (tests/conftest.py) read ECOSAFE_TEST_DATABASE_URL and
# ECOSAFE_TEST_KAFKA_BOOTSTRAP_SERVERS, defaulting to 127.0.0.1:25432/hazard and 127.0.0.1:29092.


def _kafka_threads() -> int:
    return sum(1 for t in threading.enumerate() if t.name.startswith("kafka-"))


@pytest.fixture
def engine(database_url):
    engine = create_engine(database_url, connect_args={"connect_timeout": 3})
    yield engine
    engine.dispose()


def test_database_check_passes_against_the_real_database(engine):
    database_check(engine)()


def test_database_check_fails_for_a_database_that_does_not_exist(database_url):
    url = make_url(database_url).set(database="ecosafe_no_such_database")
    missing = create_engine(url, connect_args={"connect_timeout": 3})
    try:
        with pytest.raises(Exception, match="ecosafe_no_such_database"):
            database_check(missing)()
    finally:
        missing.dispose()


def test_kafka_check_passes_against_the_real_broker_and_reuses_one_client(kafka_bootstrap):
    before = _kafka_threads()
    check = kafka_check(kafka_bootstrap)
    try:
        for _ in range(5):
            check()
        assert _kafka_threads() == before + 1  # one admin client (one IO thread), not one per call
    finally:
        check.close()
    assert _kafka_threads() == before


def test_kafka_check_can_be_called_from_many_threads_at_once(kafka_bootstrap):
    check = kafka_check(kafka_bootstrap)
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            results = list(pool.map(lambda _: check(), range(32)))
        assert results == [None] * 32
    finally:
        check.close()


class _Forwarder(socketserver.ThreadingTCPServer):
    """A TCP relay to the broker, standing in for a broker that was down and comes back."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port: int, target: tuple[str, int]) -> None:
        self.target = target
        super().__init__(("127.0.0.1", port), _Relay)


class _Relay(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        upstream = socket.create_connection(self.server.target)
        pump = threading.Thread(target=_pipe, args=(upstream, self.request), daemon=True)
        pump.start()
        _pipe(self.request, upstream)
        pump.join()


def _pipe(source: socket.socket, sink: socket.socket) -> None:
    try:
        while data := source.recv(65536):
            sink.sendall(data)
    except OSError:
        pass  # the other side closed; the relay for this connection ends
    finally:
        for s in (source, sink):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def test_kafka_check_recovers_once_an_unreachable_broker_answers_again(kafka_bootstrap):
    host, _, port = kafka_bootstrap.rpartition(":")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        relay_port = probe.getsockname()[1]
    check = kafka_check(f"127.0.0.1:{relay_port}", timeout_ms=1000)
    try:
        with pytest.raises(Exception):
            check()  # nothing listens yet: the broker is "down"
        relay = _Forwarder(relay_port, (host, int(port)))
        threading.Thread(target=relay.serve_forever, daemon=True).start()
        try:
            check()  # the same check object connects afresh and passes
        finally:
            relay.shutdown()
            relay.server_close()
    finally:
        check.close()


def test_readyz_is_ready_when_the_real_database_and_broker_answer(engine, kafka_bootstrap):
    checks = {"database": database_check(engine), "kafka": kafka_check(kafka_bootstrap)}
    settings = ServiceSettings(service_name="readiness-test", jwt_secret="integration-secret-long-enough-for-hs256")
    app = create_app(settings=settings, title="就绪检查测试", version="0", routers=[], readiness_checks=checks)
    with TestClient(app) as client:
        response = client.get("/readyz")
    assert response.status_code == 200, response.text
    assert response.json()["checks"] == {"database": "ok", "kafka": "ok"}


def test_readyz_names_kafka_when_only_the_broker_is_unreachable(engine):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    checks = {"database": database_check(engine), "kafka": kafka_check(f"127.0.0.1:{closed}", timeout_ms=500)}
    settings = ServiceSettings(service_name="readiness-test", jwt_secret="integration-secret-long-enough-for-hs256")
    app = create_app(settings=settings, title="就绪检查测试", version="0", routers=[], readiness_checks=checks)
    with TestClient(app) as client:
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["failed_checks"] == ["kafka"]
    assert body["checks"]["database"] == "ok"
