"""Who is calling: the roles of the platform and the authenticated principal with its scope."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from ecosafe_kit.auth import jurisdiction


class Role(enum.StrEnum):
    """A user's role; the value is what tokens and events carry, `label` is what people read."""

    city_officer = "city_officer"
    county_officer = "county_officer"
    inspector = "inspector"
    group_leader = "group_leader"
    enterprise_user = "enterprise_user"
    park_operator = "park_operator"
    command_center = "command_center"
    admin = "admin"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Role.city_officer: "市局",
    Role.county_officer: "县局",
    Role.inspector: "执法检查人员",
    Role.group_leader: "领导小组组长",
    Role.enterprise_user: "企业用户",
    Role.park_operator: "园区管理",
    Role.command_center: "应急指挥中心",
    Role.admin: "管理员",
}

# Roles whose reach is an administrative area; enterprise users and park operators reach only their own
# enterprise or park, whatever jurisdiction their token names.
GOVERNMENT_ROLES = frozenset({
    Role.city_officer, Role.county_officer, Role.inspector, Role.group_leader, Role.command_center,
})


@dataclass(frozen=True)
class Principal:
    """An authenticated user as the bearer token describes them."""

    subject: str
    name: str
    roles: frozenset[Role] = field(default_factory=frozenset)
    jurisdiction: str | None = None
    enterprise_id: str | None = None
    park_id: str | None = None

    def __post_init__(self) -> None:
        # Accept any iterable of roles or role names, but store one canonical, hashable form.
        object.__setattr__(self, "roles", frozenset(Role(r) for r in self.roles))
        if self.jurisdiction is not None:
            jurisdiction.validate_code(self.jurisdiction)

    @property
    def is_admin(self) -> bool:
        return Role.admin in self.roles

    def has_role(self, *roles: Role) -> bool:
        """True if the principal holds at least one of `roles`."""
        return not self.roles.isdisjoint(roles)

    def covers(self, jurisdiction_code: str) -> bool:
        """True if the area `jurisdiction_code` lies within the principal's jurisdiction (admin: everywhere).

        Purely geographic: whether a role may act by area at all is `ensure_within`'s decision.
        """
        jurisdiction.validate_code(jurisdiction_code)  # a malformed target is a bug, even for an admin
        if self.is_admin:
            return True
        if self.jurisdiction is None:
            return False
        return jurisdiction.covers(self.jurisdiction, jurisdiction_code)
