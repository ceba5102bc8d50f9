"""A kafka-python consumer in its own process noting when each hazard event (id, version) reaches it."""

from __future__ import annotations

import multiprocessing as mp
import time

from kafka import KafkaConsumer, TopicPartition

from ecosafe_kit.messaging.topics import ensure_topics, event_topic

TOPIC = event_topic("hazard", "hazard")  # the relay's topic for stream type `hazard`; not configurable


def _partitions(consumer: KafkaConsumer, topic: str) -> list[TopicPartition]:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        found = consumer.partitions_for_topic(topic)
        if found:
            return [TopicPartition(topic, p) for p in sorted(found)]
        time.sleep(0.2)
    raise RuntimeError(f"topic {topic} has no partitions")


def _watch(bootstrap: str, topic: str, conn) -> None:
    """Read from the end of every partition; answer ("collect", keys, timeout) with {key: arrival time}."""
    ensure_topics(bootstrap, [topic])
    consumer = KafkaConsumer(bootstrap_servers=bootstrap, group_id=None, enable_auto_commit=False,
                             fetch_max_wait_ms=100, max_poll_records=2000)
    arrived: dict[tuple[str, int], float] = {}
    try:
        partitions = _partitions(consumer, topic)
        consumer.assign(partitions)
        consumer.seek_to_end(*partitions)
        for tp in partitions:
            consumer.position(tp)  # resolve "end" now, before any command is sent
        conn.send("ready")
        pending = None  # (keys, deadline) of a collect request being waited on
        while True:
            for records in consumer.poll(timeout_ms=20).values():
                now = time.time()
                for record in records:
                    version = dict(record.headers).get("ce_streamversion")
                    if record.key and version:
                        arrived.setdefault((record.key.decode(), int(version)), now)
            if pending is None and conn.poll():
                request = conn.recv()
                if request == "stop":
                    return
                _, keys, timeout = request
                pending = (keys, time.monotonic() + timeout)
            if pending is not None:
                keys, deadline = pending
                if all(k in arrived for k in keys) or time.monotonic() > deadline:
                    conn.send({k: arrived[k] for k in keys if k in arrived})
                    for k in keys:
                        arrived.pop(k, None)
                    pending = None
    finally:
        consumer.close()


class KafkaWatch:
    """The parent's handle on the watcher process."""

    def __init__(self, bootstrap: str, topic: str = TOPIC) -> None:
        context = mp.get_context("spawn")  # a clean process: no event loop or sockets inherited
        self._conn, child = context.Pipe()
        self.process = context.Process(target=_watch, args=(bootstrap, topic, child), daemon=True,
                                       name="hazard-kafka-watch")
        self.process.start()
        if not self._conn.poll(60) or self._conn.recv() != "ready":
            raise RuntimeError("the Kafka watcher did not get ready within 60s")

    def collect(self, keys: list[tuple[str, int]], timeout: float) -> dict[tuple[str, int], float]:
        """Arrival times (time.time()) of these events; waits up to `timeout` s for the missing ones."""
        self._conn.send(("collect", keys, timeout))
        return self._conn.recv()

    def stop(self) -> None:
        try:
            self._conn.send("stop")
        except OSError:
            pass
        self.process.join(timeout=10)
        if self.process.is_alive():
            self.process.terminate()
