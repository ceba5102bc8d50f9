"""The service under `ecosafe-serve --workers 2`: /metrics counts the requests of both workers, whichever answers."""

from __future__ import annotations

import re

import httpx

from live import LiveServer


def _tiles_list_count(text: str) -> float:
    pattern = r'ecosafe_http_request_duration_seconds_count\{method="GET",route="/tiles",status="200"\} (\S+)'
    found = re.search(pattern, text)
    return float(found.group(1)) if found else 0.0


def test_metrics_add_up_the_requests_of_every_worker(settings, tokens):
    with LiveServer(settings, workers=2) as live, httpx.Client(base_url=live.url, headers=tokens.admin) as http:
        for _ in range(40):  # keep-alive: one connection, but new connections below may reach either worker
            assert http.get("/tiles").status_code == 200
        counts = set()
        for _ in range(6):
            with httpx.Client(base_url=live.url) as fresh:
                counts.add(_tiles_list_count(fresh.get("/metrics").text))
    assert counts == {40.0}
