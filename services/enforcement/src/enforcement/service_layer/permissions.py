"""Who may read and change which register entries: government users by area, park operators by park, enterprises themselves."""

from __future__ import annotations

from ecosafe_kit.auth import jurisdiction
from ecosafe_kit.auth.principal import Principal, Role
from ecosafe_kit.auth.scope import ReadScope
from ecosafe_kit.errors import Forbidden

# 市局、县局 register in their area, 园区管理 in their park, 管理员 anywhere (issue 12, capability 1).
WRITE_ROLES = (Role.city_officer, Role.county_officer, Role.park_operator)


def read_scope(principal: Principal) -> ReadScope:
    """The entries a caller sees; an entry outside it answers like an unknown id."""
    return ReadScope.of(principal, "企业名录")


def ensure_write_role(principal: Principal) -> None:
    """Forbidden unless the caller holds a role that registers enterprises at all."""
    if not principal.is_admin and not principal.has_role(*WRITE_ROLES):
        names = "、".join(f"{r.label}({r.value})" for r in WRITE_ROLES)
        raise Forbidden(f"登记或变更企业名录需要以下角色之一: {names}",
                        extra={"required_roles": [r.value for r in WRITE_ROLES]})


def ensure_may_write(principal: Principal, jurisdiction_code: str, park_id: str | None) -> None:
    """Forbidden unless the caller may register or change an entry in this jurisdiction and park."""
    ensure_write_role(principal)
    if principal.is_admin:
        return
    if principal.has_role(Role.city_officer, Role.county_officer) and _covers(principal, jurisdiction_code):
        return
    if (principal.has_role(Role.park_operator) and park_id is not None and park_id == principal.park_id
            and (principal.jurisdiction is None or _covers(principal, jurisdiction_code))):
        return
    raise Forbidden(f"超出您的管辖范围: 无权登记或变更辖区 {jurisdiction_code}"
                    + (f"、园区 {park_id}" if park_id else "") + " 的企业",
                    extra={"jurisdiction": jurisdiction_code, "park_id": park_id})


def _covers(principal: Principal, code: str) -> bool:
    return jurisdiction.is_valid_code(code) and principal.covers(code)
