"""Notify use cases: routing rules, routing of incoming events, the inbox."""
