"""Thin entrypoints of the enforcement service: the HTTP app and its CLIs."""
