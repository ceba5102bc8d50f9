"""Who reads the reports: the bureaus' own people (市局, 县局, 执法检查人员, 领导小组组长, 应急指挥中心) and admins."""

from __future__ import annotations

from ecosafe_kit.auth.principal import Principal, Role
from ecosafe_kit.errors import Forbidden

READERS = (Role.city_officer, Role.county_officer, Role.inspector, Role.group_leader, Role.command_center)


def ensure_reader(principal: Principal) -> None:
    """Forbidden for enterprises, parks and anyone without a bureau's area: the forms are the bureaus' own."""
    if principal.is_admin:
        return
    if not principal.has_role(*READERS) or principal.jurisdiction is None:
        names = "、".join(f"{r.label}({r.value})" for r in READERS)
        raise Forbidden(f"报表只供生态环境部门查看, 需要以下角色之一: {names}",
                        extra={"required_roles": [r.value for r in READERS]})
