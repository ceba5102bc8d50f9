"""Waiting in tests for something another thread or service does (a consumer catching up, a relay publishing)."""

from __future__ import annotations

import time


def wait_for(predicate, timeout: float = 60.0, interval: float = 0.2):
    """The first truthy value of `predicate()`, polled until `timeout` seconds have passed (then AssertionError)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError("condition not met within %.0fs" % timeout)
