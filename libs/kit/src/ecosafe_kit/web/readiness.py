"""Readiness checks for /readyz: the service's database and the Kafka cluster answer real requests."""

from __future__ import annotations

import threading

from kafka import KafkaAdminClient
from sqlalchemy import text
from sqlalchemy.engine import Engine

from ecosafe_kit.messaging.clients import new_admin
from ecosafe_kit.web.health import ReadinessCheck


def database_check(engine: Engine) -> ReadinessCheck:
    """Runs `SELECT 1` on a pooled connection of `engine`.

    Set a connect timeout on the engine (psycopg: `connect_args={"connect_timeout": 3}`) so an
    unreachable server fails the check instead of holding it; /readyz gives up on a check after a few seconds.
    """

    def check() -> None:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))

    return check


class KafkaCheck:
    """Asks the cluster to describe itself, through one admin client shared by every call.

    Thread-safe: calls are serialised on a lock. A failed request discards the client, so the next call
    connects afresh: a restarted broker is seen again on the next probe, without waiting out backoffs.
    """

    def __init__(self, bootstrap_servers: str | list[str], *, timeout_ms: int = 3000,
                 client_id: str = "ecosafe-readiness") -> None:
        self._config = {
            "bootstrap_servers": bootstrap_servers,
            "client_id": client_id,
            "request_timeout_ms": timeout_ms,
            "bootstrap_timeout_ms": timeout_ms,
            "reconnect_backoff_max_ms": 1000,
        }
        self._lock = threading.Lock()
        self._admin: KafkaAdminClient | None = None

    def __call__(self) -> None:
        with self._lock:
            if self._admin is None:
                self._admin = new_admin(**self._config)
            try:
                self._admin.describe_cluster()
            except Exception:
                self._discard()
                raise

    def close(self) -> None:
        with self._lock:
            self._discard()

    def _discard(self) -> None:
        admin, self._admin = self._admin, None
        if admin is not None:
            admin.close()


def kafka_check(bootstrap_servers: str | list[str], *, timeout_ms: int = 3000) -> KafkaCheck:
    """A readiness check against Kafka (a DescribeCluster request); call `.close()` on shutdown."""
    return KafkaCheck(bootstrap_servers, timeout_ms=timeout_ms)

