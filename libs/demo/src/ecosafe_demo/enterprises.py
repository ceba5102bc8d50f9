"""The demo district's enterprise register: registered through the enforcement service's API by the loader.

Nothing here publishes: the enforcement service alone publishes on `ecosafe.enforcement.enterprise` (its relay); the
demo loader, the tests of other services (`tests/support/enforcement_register.py`) and the hazard benchmark register
through its API.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from importlib import resources

from ecosafe_demo.http import Api
from ecosafe_kit.auth.principal import Principal
from ecosafe_kit.auth.tokens import encode_token


def demo_register() -> dict:
    """The demo district: city, counties, parks and enterprises."""
    return json.loads(resources.files("ecosafe_demo").joinpath("data/enterprises.json").read_text("utf-8"))


# The loader acts as an admin: it registers in both counties and keeps the demo data's enterprise ids, which the
# demo map's sites refer to.
LOADER = Principal(subject="system:demo-loader", name="演示数据加载器", roles=frozenset({"admin"}))
_API_FIELDS = ("enterprise_id", "name", "credit_code", "industry", "risk_level", "principal_name", "principal_phone",
               "parent_enterprise_id", "park_id", "jurisdiction_code", "address", "location")


def registration_body(row: dict) -> dict:
    """The enforcement API's registration body for a demo register row."""
    return {k: row[k] for k in _API_FIELDS if row.get(k) is not None}


def register_through_api(base_url: str, jwt_secret: str, rows: Iterable[dict] | None = None) -> dict:
    """POST every row to the enforcement service's /enterprises, parents first; a row already there (409) is left
    as it is, so loading twice registers nothing twice. Returns counts per outcome."""
    api = Api(base_url, encode_token(LOADER, secret=jwt_secret))
    pending = list(demo_register()["enterprises"] if rows is None else rows)
    done: set[str] = set()
    counts = {"created": 0, "existing": 0}
    while pending:
        ready = [r for r in pending if not r.get("parent_enterprise_id") or r["parent_enterprise_id"] in done
                 or r["parent_enterprise_id"] not in {p["enterprise_id"] for p in pending}]
        if not ready:
            raise RuntimeError("演示企业名录的上级企业关系形成循环")
        for row in ready:
            status, answer = api.call("POST", "/enterprises", registration_body(row))
            if status == 201:
                counts["created"] += 1
            elif status == 409:
                counts["existing"] += 1
            else:
                raise RuntimeError(f"企业登记 {row['enterprise_id']}: {status} {answer.get('detail')}")
            done.add(row["enterprise_id"])
        pending = [r for r in pending if r["enterprise_id"] not in done]
    return counts
