"""Thin entrypoints of the hazard service: the HTTP app and its CLIs."""
