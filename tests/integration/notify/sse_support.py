"""A server-sent-events reader for the live stream tests: a real HTTP client on a real connection."""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Callable

import httpx


class SseClient:
    """Reads a text/event-stream in a thread; parsed events (id, event, data) arrive on `events`."""

    def __init__(self, url: str, headers: dict) -> None:
        self.events: queue.Queue = queue.Queue()
        self.client = httpx.Client(timeout=httpx.Timeout(60.0, connect=10.0))
        self.response = self.client.send(self.client.build_request("GET", url, headers=headers), stream=True)
        self.status = self.response.status_code
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        fields: dict = {}
        try:
            for line in self.response.iter_lines():
                if line == "":
                    if "data" in fields:
                        self.events.put({**fields, "data": json.loads(fields["data"])})
                    fields = {}
                elif not line.startswith(":") and ":" in line:
                    key, _, value = line.partition(":")
                    fields[key] = value.removeprefix(" ")
        except (httpx.HTTPError, RuntimeError):
            pass  # closed by the test: the disconnect under test

    def next_about(self, subject_ids: set[str], timeout: float = 60.0) -> dict:
        """The next event about one of `subject_ids` (events of other tests' notifications to this user: none)."""
        while True:
            event = self.events.get(timeout=timeout)
            if event["data"]["subject_id"] in subject_ids:
                return event

    def close(self) -> None:
        self.response.close()
        self.client.close()

    def next_where(self, wanted: Callable[[dict], bool], timeout: float = 60.0) -> dict:
        """The next event for which `wanted` is true (other tests' events on a shared stream are skipped)."""
        while True:
            event = self.events.get(timeout=timeout)
            if wanted(event):
                return event
