"""Prometheus metrics of the relay and the consumers, exposed by every service's /metrics.

Gauges say how worker processes combine when a service runs several (`ecosafe-serve --workers N`, prometheus_client's
multiprocess mode): only the relay leader reports lag, each worker its own consumers' partitions."""

from prometheus_client import Counter, Gauge, Histogram

RELAY_LAG_SECONDS = Gauge(
    "ecosafe_relay_lag_seconds", "Age of the oldest committed event not yet acknowledged by Kafka", ["relay"],
    multiprocess_mode="livemax")
RELAY_PUBLISHED = Counter("ecosafe_relay_published_total", "Events acknowledged by Kafka", ["relay"])
RELAY_COMMIT_TO_ACK = Histogram(
    "ecosafe_relay_commit_to_ack_seconds", "From an event's occurrence to Kafka's acknowledgement", ["relay"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30))
RELAY_FAILURES = Counter("ecosafe_relay_failures_total", "Batches that Kafka did not acknowledge", ["relay"])
CONSUMER_LAG = Gauge("ecosafe_consumer_lag_messages", "Messages behind the end of each partition",
                     ["group", "topic", "partition"], multiprocess_mode="livemax")
CONSUMER_APPLIED = Counter("ecosafe_consumer_applied_total", "Events applied", ["group"])
CONSUMER_DUPLICATES = Counter("ecosafe_consumer_duplicates_total", "Events skipped as already applied", ["group"])
CONSUMER_RETRIES = Counter("ecosafe_consumer_retries_total", "Handler attempts that failed and were retried",
                           ["group"])
CONSUMER_DEAD_LETTERS = Counter("ecosafe_consumer_dead_letters_total", "Messages sent to the dead-letter topic",
                                ["group"])
CONSUMER_STABLE = Gauge("ecosafe_consumer_stable", "1 while the consumer is a stable member of its group", ["group"],
                        multiprocess_mode="livemin")  # 1 only while every worker's consumer is
CONSUMER_REJOINS = Counter("ecosafe_consumer_rejoin_requests_total",
                           "Times a consumer stuck out of its group was asked to rejoin", ["group"])
CONSUMER_RESTARTS = Counter("ecosafe_consumer_restarts_total",
                            "Times a consumer's Kafka client was replaced after an error or a stall", ["group"])
