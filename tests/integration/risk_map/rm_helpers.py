"""Helpers of the risk-map tests: GeoJSON builders, and draining a consumer into the read model."""

from __future__ import annotations

import random
import time
from datetime import datetime, timezone

from sqlalchemy import text

from waiting import wait_for


def feature(kind: str, name: str, geometry: dict, fid: str | None = None, **props) -> dict:
    body = {"type": "Feature", "geometry": geometry, "properties": {"kind": kind, "name": name, **props}}
    if fid:
        body["id"] = fid
    return body


def point(lon: float, lat: float) -> dict:
    return {"type": "Point", "coordinates": [lon, lat]}


def square(lon: float, lat: float, d: float) -> dict:
    return {"type": "Polygon", "coordinates": [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d],
                                                [lon - d, lat + d], [lon - d, lat - d]]]}


def now() -> str:
    return datetime.now(timezone.utc).isoformat()


def drain(runner, engine, predicate, timeout: float = 30.0, what: str = "the read model") -> None:
    """Poll `runner` (a ConsumerRunner) until `predicate(connection)` holds, then close it."""
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            runner.poll_once()
            with engine.connect() as conn:
                if predicate(conn):
                    return
        raise AssertionError(f"{what} did not catch up in time")
    finally:
        runner.close()


def random_place() -> tuple[float, float]:
    """A spot in 100–120 E, 25–40 N: tests keep apart in the database kept between runs."""
    return round(random.uniform(100, 120), 4), round(random.uniform(25, 40), 4)


def new_park(client, headers: dict, park_id: str, name: str, half_size: float = 0.02,
             jurisdiction_code: str = "140525") -> tuple[str, float, float]:
    """Register a square park at a random place; returns its id and centre."""
    lon, lat = random_place()
    body = {"type": "Feature", "id": park_id, "geometry": square(lon, lat, half_size),
            "properties": {"name": name, "jurisdiction_code": jurisdiction_code}}
    r = client.post("/parks", json=body, headers=headers)
    assert r.status_code == 201, r.text
    return park_id, lon, lat


def wait_until_on_map(engine, enterprise_id: str, name: str) -> None:
    """Wait until the map's register holds the enterprise under `name` (its consumer has caught up)."""
    def arrived():
        with engine.connect() as conn:
            return conn.execute(text("SELECT 1 FROM rm_enterprises WHERE enterprise_id = :e AND name = :n"),
                                {"e": enterprise_id, "n": name}).first()
    wait_for(arrived)
