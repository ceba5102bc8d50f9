"""The demo users: one per role and jurisdiction of the demo district, with the names of their area, enterprise, park."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources

from ecosafe_demo.enterprises import demo_register
from ecosafe_kit.auth.principal import Principal, Role


@dataclass(frozen=True)
class DemoUser:
    user_id: str
    name: str
    role: Role
    jurisdiction_code: str
    jurisdiction_name: str
    enterprise_id: str | None = None
    enterprise_name: str | None = None
    park_id: str | None = None
    park_name: str | None = None

    def principal(self) -> Principal:
        return Principal(
            subject=self.user_id,
            name=self.name,
            roles=frozenset({self.role}),
            jurisdiction=self.jurisdiction_code,
            enterprise_id=self.enterprise_id,
            park_id=self.park_id,
        )


def demo_users() -> list[DemoUser]:
    """Every demo user, in the order of data/demo_users.json; raises KeyError if one names what the register lacks."""
    rows = json.loads(resources.files("ecosafe_demo").joinpath("data/demo_users.json").read_text("utf-8"))["users"]
    register = demo_register()
    areas = {register["city"]["code"]: register["city"]["name"]} | {c["code"]: c["name"] for c in register["counties"]}
    parks = {p["park_id"]: p["name"] for p in register["parks"]}
    enterprises = {e["enterprise_id"]: e["name"] for e in register["enterprises"]}
    return [
        DemoUser(
            user_id=row["user_id"],
            name=row["name"],
            role=Role(row["role"]),
            jurisdiction_code=row["jurisdiction_code"],
            jurisdiction_name=areas[row["jurisdiction_code"]],
            enterprise_id=row.get("enterprise_id"),
            enterprise_name=enterprises[row["enterprise_id"]] if row.get("enterprise_id") else None,
            park_id=row.get("park_id"),
            park_name=parks[row["park_id"]] if row.get("park_id") else None,
        )
        for row in rows
    ]
