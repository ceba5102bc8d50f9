"""Adapters of the hazard service: protobuf codec, read-model tables and queries, consumers, xlsx export."""
