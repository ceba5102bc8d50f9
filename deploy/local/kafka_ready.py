# Readiness probe for the local Kafka broker: answers only when a real Kafka protocol request succeeds.
"""Wait until a Kafka broker answers a real metadata request, or fail by a deadline.

Used by stack.sh (start/status) instead of a fixed sleep or a bare port check: a port can accept TCP
connections before the broker has a controller and can serve metadata.

    kafka_ready.py --bootstrap 127.0.0.1:29092 [--timeout 60] [--pid N] [--list]

Exit codes: 0 the broker answered; 1 the deadline passed; 2 the process given by --pid exited;
3 the probe itself is misconfigured (e.g. an option this kafka-python does not know).
With --list, the topic names are printed one a line (internal topics included).
Needs only the standard library and kafka-python.
"""

import argparse
import logging
import os
import sys
import time

from kafka import KafkaAdminClient
from kafka.errors import KafkaConfigurationError


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bootstrap", required=True, help="host:port of the broker")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before giving up")
    parser.add_argument("--pid", type=int, help="give up at once if this process exits")
    parser.add_argument("--list", action="store_true", help="print the topic names once ready")
    args = parser.parse_args()

    # kafka-python logs every refused connection while the broker boots: noise, not news.
    logging.basicConfig(level=logging.CRITICAL)
    deadline = time.monotonic() + args.timeout
    last_error: Exception | None = None
    while True:
        if args.pid is not None and not _alive(args.pid):
            print(f"kafka process {args.pid} exited", file=sys.stderr)
            return 2
        try:
            admin = KafkaAdminClient(
                bootstrap_servers=args.bootstrap,
                client_id="ecosafe-kafka-ready",
                request_timeout_ms=5000,
                bootstrap_timeout_ms=3000,
            )
            try:
                cluster = admin.describe_cluster()
                topics = admin.list_topics()
            finally:
                admin.close()
            if cluster.get("controller_id", -1) >= 0 or cluster.get("brokers"):
                if args.list:
                    for topic in sorted(topics):
                        print(topic)
                return 0
            last_error = RuntimeError(f"no controller yet: {cluster}")
        except KafkaConfigurationError as error:  # a bug in this probe, not a broker still booting
            print(f"kafka_ready.py: {error!r}", file=sys.stderr)
            return 3
        except Exception as error:  # any other failure means "not ready yet" until the deadline
            last_error = error
        if time.monotonic() >= deadline:
            message = f"kafka at {args.bootstrap} not ready after {args.timeout:.0f}s: {last_error!r}"
            print(message, file=sys.stderr)
            return 1
        time.sleep(0.25)


if __name__ == "__main__":
    sys.exit(main())
