"""CLI: run a service's outbox relay as its own process (`python -m ecosafe_kit.messaging.relay_cli`)."""

from __future__ import annotations

import argparse
import logging
import signal
import threading

from ecosafe_kit.db import make_engine
from ecosafe_kit.gc_tuning import freeze_startup_objects
from ecosafe_kit.messaging.relay import OutboxRelay
from ecosafe_kit.settings import ServiceSettings


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="把本服务已提交的事件按顺序发布到 Kafka")
    parser.add_argument("--stream-type", action="append", required=True, help="stream types to publish")
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--name", help="relay name (checkpoint key); defaults to <service>-relay")
    args = parser.parse_args(argv)
    settings = ServiceSettings()
    logging.basicConfig(level=settings.log_level)
    relay = OutboxRelay(
        engine=make_engine(settings.database_url, pool_size=2), service=settings.service_name,
        bootstrap_servers=settings.kafka_bootstrap_servers, stream_types=args.stream_type,
        name=args.name, batch_size=args.batch_size,
    )
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    # As in a service's workers: the start-up heap stays out of full collections, which a page of 1,000 events
    # read back (a few thousand new objects) would otherwise set off, scanning all of it each time.
    freeze_startup_objects()
    relay.run(stop)


if __name__ == "__main__":
    main()
