"""Adapters: protobuf codec, PostGIS read model, queries, importers and device simulation."""
