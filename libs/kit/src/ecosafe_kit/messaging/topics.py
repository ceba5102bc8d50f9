"""Topic names and creation: one topic per event stream type, kept forever, plus dead-letter topics."""

from __future__ import annotations

from collections.abc import Iterable

from kafka.errors import TopicAlreadyExistsError

from ecosafe_kit.messaging.clients import new_admin

# Event topics are the cross-service replay source, so nothing ever expires.
KEEP_FOREVER = {"retention.ms": "-1", "retention.bytes": "-1"}


def event_topic(service: str, stream_type: str) -> str:
    """`ecosafe.<service>.<stream_type>`, e.g. `ecosafe.hazard.hazard`."""
    return f"ecosafe.{service}.{stream_type}"


def dead_letter_topic(consumer_group: str) -> str:
    return f"{consumer_group}.dlq"


def ensure_topics(bootstrap_servers: str, topics: Iterable[str], *, partitions: int = 3,
                  timeout_ms: int = 15000) -> None:
    """Create the topics that do not exist yet, with event retention; existing ones are left as they are.

    Raises (e.g. KafkaTimeoutError) if the broker does not answer within about `timeout_ms`; no thread is
    left behind then, so callers may simply try again.
    """
    wanted = sorted(set(topics))
    if not wanted:
        return
    admin = new_admin(bootstrap_servers=bootstrap_servers, client_id="ecosafe-topics",
                      bootstrap_timeout_ms=timeout_ms, request_timeout_ms=timeout_ms)
    try:
        missing = [t for t in wanted if t not in set(admin.list_topics())]
        if not missing:
            return
        spec = {t: {"num_partitions": partitions, "replication_factor": 1, "configs": dict(KEEP_FOREVER)}
                for t in missing}
        try:
            admin.create_topics(spec, timeout_ms=timeout_ms, wait_for_metadata=True)
        except TopicAlreadyExistsError:
            pass  # another process created it between our look and our create
    finally:
        admin.close()
