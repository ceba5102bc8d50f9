"""Kafka messaging: CloudEvents envelopes, topics, the outbox relay and the consumer runner."""
