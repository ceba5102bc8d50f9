"""The live stream (SSE) over a real HTTP server: a user's notifications arrive as they are made, and after a
disconnect the stream resumes from Last-Event-ID without losing or repeating any."""

from __future__ import annotations

import json
import queue
import socket
import threading
import uuid

import httpx
import pytest
import uvicorn

from notify_helpers import inbox_item, reported
from waiting import wait_for


@pytest.fixture(scope="module")
def live_url(notify_settings):
    """The notify app served by uvicorn on a free loopback port (a stream needs a real connection to close)."""
    from notify.entrypoints.app import create_app

    settings = notify_settings.model_copy(update={"consumers_enabled": False})
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning",
                                         timeout_graceful_shutdown=1))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    wait_for(lambda: server.started)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(30)


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


def test_the_stream_resumes_after_a_disconnect_from_the_last_event_id(client, users, area, publisher, live_url):
    user = f"u-live-{uuid.uuid4().hex[:8]}"
    assert client.post("/routing/rules", headers=users.city(area["city"]), json={
        "name": "实时推送", "jurisdiction_code": area["city"], "event_types": ["hazard.reported"],
        "recipient_users": [user]}).status_code == 201
    me = users.county(area["county"], subject=user)
    enterprise_id = publisher.enterprise(area["county"])
    first, second, third = (str(uuid.uuid4()) for _ in range(3))

    live = SseClient(f"{live_url}/stream", me)
    assert live.status == 200 and live.response.headers["content-type"].startswith("text/event-stream")
    publisher.hazard_events(first, (reported(first, enterprise_id, area["county"]), None))
    got = live.next_about({first, second, third})
    assert got["event"] == "notification" and got["data"]["subject_id"] == first
    assert got["data"]["title"].endswith(f"ZZ-{first[:6]}")
    live.close()

    # While disconnected, two more notifications are made.
    for hazard_id in (second, third):
        publisher.hazard_events(hazard_id, (reported(hazard_id, enterprise_id, area["county"]), None))
        inbox_item(client, me, hazard_id, "hazard.reported")

    resumed = SseClient(f"{live_url}/stream", {**me, "Last-Event-ID": got["id"]})
    try:
        after = [resumed.next_about({first, second, third}), resumed.next_about({first, second, third})]
        assert [e["data"]["subject_id"] for e in after] == [second, third]
        # Acknowledging one shows on the stream too.
        nid = after[0]["data"]["notification_id"]
        assert client.post(f"/notifications/{nid}/acknowledgement", json={}, headers=me).status_code == 200
        acked = resumed.next_about({first, second, third})
        assert acked["event"] == "acknowledged" and acked["data"]["notification_id"] == nid
        assert resumed.events.empty() or all(
            e["data"]["subject_id"] != first for e in list(resumed.events.queue))
    finally:
        resumed.close()


def test_a_malformed_last_event_id_is_refused_and_a_stream_needs_a_token(live_url, users, area):
    me = users.county(area["county"])
    bad = httpx.get(f"{live_url}/stream", headers={**me, "Last-Event-ID": "yesterday"}, timeout=30)
    assert bad.status_code == 422 and bad.headers["content-type"].startswith("application/problem+json")
    assert "Last-Event-ID" in bad.text
    assert httpx.get(f"{live_url}/stream", timeout=30).status_code == 401
