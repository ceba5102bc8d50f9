"""The loader's small HTTP client of the services' APIs (standard library only), and waiting for a service to start."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request


class Api:
    """JSON calls to one service with the loader's bearer token; answers (status, body) whatever the status."""

    def __init__(self, base_url: str, token: str) -> None:
        self.base_url, self.token = base_url.rstrip("/"), token

    def call(self, method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
        request = urllib.request.Request(
            self.base_url + path, method=method, data=json.dumps(body, ensure_ascii=False).encode() if body else None,
            headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"{}")


def wait_until_ready(base_url: str, label: str, timeout: float = 90.0) -> None:
    """Return once `base_url/healthz` answers; RuntimeError naming the service (`label`) after `timeout` s."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(base_url.rstrip("/") + "/healthz", timeout=2):
                return
        except (urllib.error.URLError, OSError):
            if time.monotonic() > deadline:
                raise RuntimeError(f"{label}服务 {base_url} 未就绪") from None
            time.sleep(1)
