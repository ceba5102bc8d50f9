"""Thin entrypoints of the risk-map service: the HTTP app and its CLIs."""
