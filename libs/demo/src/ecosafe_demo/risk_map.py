"""Demo risk map: parks, sites with their three lines of defence, the 丹河 network, resources and its river plan,
registered through the risk-map service's own HTTP API (so every feature is an event signed by the loader)."""

from __future__ import annotations

import json
import time
from importlib import resources

from ecosafe_demo.http import Api
from ecosafe_kit.auth.principal import Principal
from ecosafe_kit.auth.tokens import encode_token

# Order matters: reaches before the features placed on them, parks before what belongs to them.
FACILITY_FILES = ["risk_map_rivers", "risk_map_river_features", "risk_map_resources", "risk_map_sites"]
LOADER = Principal(subject="system:demo-loader", name="演示数据加载器", roles=frozenset({"admin"}))


def demo_layer(name: str) -> dict:
    return json.loads(resources.files("ecosafe_demo").joinpath(f"data/{name}.geojson").read_text("utf-8"))


def load_risk_map(base_url: str, jwt_secret: str, *, register_timeout: float = 90.0) -> dict:
    """Register the demo map; idempotent (a feature already there is left alone). Returns counts per outcome."""
    api = Api(base_url, encode_token(LOADER, secret=jwt_secret))
    counts = {"created": 0, "existing": 0}

    def post(path: str, body: dict) -> None:
        # Enterprises reach the risk map from Kafka: a site may arrive before its register entry, so wait for it.
        deadline = time.monotonic() + register_timeout
        while True:
            status, answer = api.call("POST", path, body)
            if status in (200, 201):
                counts["created"] += 1
                return
            if status == 409:
                counts["existing"] += 1
                return
            waiting = status == 422 and "企业名录中没有" in answer.get("detail", "")
            if not waiting or time.monotonic() > deadline:
                raise RuntimeError(f"{path} {body.get('id') or body.get('plan_id')}: {status} {answer.get('detail')}")
            time.sleep(1)

    for park in demo_layer("risk_map_parks")["features"]:
        lists = park["properties"].pop("lists", {})
        post("/parks", park)
        for kind, updated_on in lists.items():
            status, answer = api.call("PUT", f"/parks/{park['id']}/lists/{kind}", {"updated_on": updated_on, "entries": []})
            if status != 200:
                raise RuntimeError(f"园区清单 {park['id']}/{kind}: {status} {answer.get('detail')}")
    for name in FACILITY_FILES:
        for feature in demo_layer(name)["features"]:
            post("/facilities", feature)
    plan = demo_layer("risk_map_river_plan")
    post("/river-plans", {**plan["plan"], "actions": [f["properties"] for f in plan["features"]]})
    return counts
