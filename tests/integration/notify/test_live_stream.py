"""The live stream (SSE) over a real HTTP server: a user's notifications arrive as they are made, and after a
disconnect the stream resumes from Last-Event-ID without losing or repeating any."""

from __future__ import annotations

import uuid

import httpx

from notify_helpers import inbox_item, reported
from sse_support import SseClient


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
