"""Who may manage routing rules and duty rosters: bureau officers and the command center, in their area."""

from __future__ import annotations

from ecosafe_kit.auth import jurisdiction
from ecosafe_kit.auth.principal import Principal, Role
from ecosafe_kit.errors import Forbidden, NotFound

RULE_ROLES = (Role.city_officer, Role.county_officer, Role.command_center)


def ensure_rule_role(principal: Principal, what: str = "分发规则") -> None:
    if not principal.is_admin and not principal.has_role(*RULE_ROLES):
        names = "、".join(f"{r.label}({r.value})" for r in RULE_ROLES)
        raise Forbidden(f"查看或管理{what}需要以下角色之一: {names}",
                        extra={"required_roles": [r.value for r in RULE_ROLES]})
    if not principal.is_admin and principal.jurisdiction is None:
        raise Forbidden(f"您的令牌没有辖区, 不能查看或管理{what}")


def may_manage(principal: Principal, code: str) -> bool:
    """A rule's area must lie within the caller's (a county officer manages their county's rules)."""
    if principal.is_admin:
        return True
    return (principal.has_role(*RULE_ROLES) and jurisdiction.is_valid_code(code)
            and principal.jurisdiction is not None and principal.covers(code))


def may_see(principal: Principal, code: str) -> bool:
    """The caller sees the rules they manage and those of the areas above them that reach them (the city's)."""
    if may_manage(principal, code):
        return True
    return (principal.has_role(*RULE_ROLES) and principal.jurisdiction is not None
            and jurisdiction.covers(code, principal.jurisdiction))


def ensure_may_manage(principal: Principal, code: str, what: str = "分发规则") -> None:
    ensure_rule_role(principal, what)
    if not may_manage(principal, code):
        raise Forbidden(f"超出您的管辖范围: 无权管理辖区 {code} 的{what}", extra={"field": "jurisdiction_code"})


def visible(principal: Principal, row: dict | None, what: str, record_id: str) -> dict:
    """`row` if the caller may see it (by its `jurisdiction_code`); else NotFound, as for an unknown id."""
    if row is None or not may_see(principal, row["jurisdiction_code"]):
        raise NotFound(f"{what}不存在: {record_id}", extra={"id": record_id})
    return row
