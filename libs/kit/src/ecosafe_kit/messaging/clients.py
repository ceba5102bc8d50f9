"""kafka-python clients that do not leak their IO thread when the broker cannot be reached.

kafka-python 3.0 starts a client's IO thread before it bootstraps and does not stop it if bootstrapping
fails, so every failed `KafkaConsumer(...)` or `KafkaAdminClient(...)` while the broker is down (a restart,
a service started before Kafka) would leave a thread behind. These constructors build the network client
themselves and close it when the constructor raises.
"""

from __future__ import annotations

from typing import Any, TypeVar

from kafka import KafkaAdminClient, KafkaConsumer

# The local and CI brokers are restarted in place; kafka-python's default waits up to 30 s between
# reconnection attempts, which is how long a restarted broker would go unnoticed. Reconnect within seconds.
RECONNECT_BACKOFF_MAX_MS = 2000

Client = TypeVar("Client", KafkaConsumer, KafkaAdminClient)


def _build(cls: type[Client], *args: Any, **config: Any) -> Client:
    default_client = cls.DEFAULT_CONFIG["kafka_client"]
    built = []

    def network_client(**configs):
        client = default_client(**configs)
        built.append(client)
        return client

    config.setdefault("reconnect_backoff_max_ms", RECONNECT_BACKOFF_MAX_MS)
    try:
        return cls(*args, kafka_client=network_client, **config)
    except BaseException:
        for client in built:
            try:
                client.close()
            except Exception:  # already broken; closing is only tidying up
                pass
        raise


def new_consumer(*topics: str, **config: Any) -> KafkaConsumer:
    """`KafkaConsumer(*topics, **config)`, closed again if it cannot bootstrap."""
    return _build(KafkaConsumer, *topics, **config)


def new_admin(**config: Any) -> KafkaAdminClient:
    """`KafkaAdminClient(**config)`, closed again if it cannot bootstrap."""
    return _build(KafkaAdminClient, **config)
