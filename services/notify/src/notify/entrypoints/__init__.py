"""Thin entrypoints of the notify service: the HTTP app and its CLIs."""
