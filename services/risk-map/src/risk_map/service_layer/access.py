"""Who may write and read what: officers their area, a park operator its park, an enterprise user its enterprise."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Connection

from ecosafe_kit.auth import jurisdiction as jurisdictions
from ecosafe_kit.auth.dependencies import ensure_within
from ecosafe_kit.auth.principal import GOVERNMENT_ROLES, Principal, Role
from ecosafe_kit.errors import Forbidden, NotFound
from risk_map.adapters import lookups

# How many leading digits of a code every code inside its area shares (what Principal.covers compares).
_PREFIX_LENGTH = {jurisdictions.Level.province: 2, jurisdictions.Level.city: 4, jurisdictions.Level.county: 6,
                  jurisdictions.Level.town: 9, jurisdictions.Level.village: 12}
# The role a raise is recorded under when the caller holds several that allow it: a regulator's first (the hazard
# service takes any of them as 部门执法检查), the inspector's act closest to an inspection; then the park, the
# enterprise, and the administrator last (an account for running the platform, not a regulator).
_ACTING_ORDER = (Role.inspector, Role.county_officer, Role.city_officer, Role.group_leader, Role.command_center,
                 Role.park_operator, Role.enterprise_user, Role.admin)


def ensure_may_write(principal: Principal, *, jurisdiction_code: str, enterprise_id: str | None,
                     park_id: str | None) -> None:
    """403 unless the caller's scope covers the record (admin, officer of the area, its park, its enterprise)."""
    ensure_within(principal, jurisdiction_code=jurisdiction_code, enterprise_id=enterprise_id, park_id=park_id)


# 园区的认定、边界与撤销 are the bureau's decisions (seed 001 has the 生态环境局 designate and supervise the 重点园区):
# the city and county officers whose area covers the park, and admins. Inspectors, leading groups and command
# centers work with the map; an operator keeps its park's three lists but does not draw its boundary, which decides
# whose facilities are the park's (ownership by geometry).
PARK_DESIGNATORS = (Role.city_officer, Role.county_officer)


# 一键启闭 moves real valves and gates: the duty officers and bureau officers directing a response, the park operator
# and the enterprise at their own outlets. Inspectors and everyone else look at the map but do not operate it.
DEVICE_COMMANDERS = (Role.command_center, Role.city_officer, Role.county_officer, Role.group_leader,
                     Role.park_operator, Role.enterprise_user, Role.admin)


def ensure_may_designate_park(principal: Principal, jurisdiction_code: str) -> None:
    """403 unless the caller may register, redraw or retire a park of this jurisdiction."""
    if principal.is_admin:
        return
    if not principal.has_role(*PARK_DESIGNATORS):
        raise Forbidden("登记、变更或撤销园区须由园区所在辖区 (或其上级) 的生态环境局 (市局、县局) 办理",
                        extra={"required_roles": [role.value for role in PARK_DESIGNATORS]})
    ensure_within(principal, jurisdiction_code=jurisdiction_code)


def ensure_may_change(principal: Principal, *, jurisdiction_code: str, enterprise_id: str | None,
                      park_id: str | None, unknown: NotFound) -> None:
    """For a command on an existing record: `unknown` unless the caller may read it (a 403 naming its owner would
    confirm that it exists), then 403 unless the caller may write it."""
    ensure_may_read(principal, jurisdiction_code=jurisdiction_code, enterprise_id=enterprise_id, park_id=park_id,
                    unknown=unknown)
    ensure_may_write(principal, jurisdiction_code=jurisdiction_code, enterprise_id=enterprise_id, park_id=park_id)


def acting_role(principal: Principal, *, jurisdiction_code: str, enterprise_id: str | None,
                park_id: str | None) -> Role:
    """The caller's most relevant role among those that reach the record; 403 when none does."""
    ensure_within(principal, jurisdiction_code=jurisdiction_code, enterprise_id=enterprise_id, park_id=park_id)
    for role in _ACTING_ORDER:
        if role not in principal.roles:
            continue
        if role in GOVERNMENT_ROLES and principal.covers(jurisdiction_code):
            return role
        if role == Role.park_operator and park_id is not None and principal.park_id == park_id:
            return role
        if role == Role.enterprise_user and enterprise_id is not None and principal.enterprise_id == enterprise_id:
            return role
        if role == Role.admin:
            return role
    raise Forbidden("超出您的管辖范围")  # unreachable: ensure_within let one of the roles above through


@dataclass(frozen=True)
class ReadScope:
    """What a caller may read of the records that belong to an area, a park or an enterprise.

    The union of what each role grants: an admin everything; a government role (市局, 县局, 执法, 组长, 指挥中心)
    the codes starting with its area's prefix (a city its counties and towns); a park operator its park; an
    enterprise user its enterprise. Shared layers (rivers, sensitive targets, depots, teams …) need no scope.
    """

    everything: bool = False
    area_prefix: str | None = None
    park_id: str | None = None
    enterprise_id: str | None = None

    @property
    def nothing(self) -> bool:
        return not (self.everything or self.area_prefix or self.park_id or self.enterprise_id)

    def allows(self, *, jurisdiction_code: str | None, enterprise_id: str | None = None,
               park_id: str | None = None) -> bool:
        if self.everything:
            return True
        if self.area_prefix and jurisdiction_code and jurisdiction_code.startswith(self.area_prefix):
            return True
        if self.park_id and park_id == self.park_id:
            return True
        return bool(self.enterprise_id) and enterprise_id == self.enterprise_id

    def params(self) -> dict:
        """Bound parameters of the scope conditions the read queries add."""
        return {"scope_area": self.area_prefix, "scope_park": self.park_id, "scope_enterprise": self.enterprise_id}


def read_scope(principal: Principal) -> ReadScope:
    if principal.is_admin:
        return ReadScope(everything=True)
    area = None
    if principal.has_role(*GOVERNMENT_ROLES) and principal.jurisdiction is not None:
        area = principal.jurisdiction[:_PREFIX_LENGTH[jurisdictions.level_of(principal.jurisdiction)]]
    return ReadScope(
        area_prefix=area,
        park_id=principal.park_id if principal.has_role(Role.park_operator) else None,
        enterprise_id=principal.enterprise_id if principal.has_role(Role.enterprise_user) else None)


def ensure_may_read(principal: Principal, *, jurisdiction_code: str | None, enterprise_id: str | None = None,
                    park_id: str | None = None, unknown: NotFound) -> None:
    """Raise `unknown`, the answer to an unknown id, unless the caller's read scope covers a record of this area,
    enterprise or park: a 403 naming the area would confirm that the record exists, and where."""
    if not read_scope(principal).allows(jurisdiction_code=jurisdiction_code, enterprise_id=enterprise_id,
                                        park_id=park_id):
        raise unknown


def unknown_park(park_id: str) -> NotFound:
    return NotFound(f"园区不存在: {park_id}", extra={"id": park_id})


def unknown_facility(facility_id: str) -> NotFound:
    return NotFound(f"设施不存在: {facility_id}", extra={"id": facility_id})


def ensure_may_read_park(conn: Connection, principal: Principal, park_id: str, jurisdiction_code: str,
                         unknown: NotFound | None = None) -> None:
    """A park is read by the officers of its area, its operator, and the users of the enterprises in it; anyone
    else is answered as for an unknown park (`unknown`, where the route words that differently)."""
    scope = read_scope(principal)
    if scope.enterprise_id and not scope.allows(jurisdiction_code=jurisdiction_code, park_id=park_id):
        enterprise = lookups.enterprise(conn, scope.enterprise_id)
        if enterprise is not None and enterprise.park_id == park_id:
            return
    ensure_may_read(principal, jurisdiction_code=jurisdiction_code, park_id=park_id,
                    unknown=unknown or unknown_park(park_id))
