"""Who may organise campaigns, rosters and draws (city and county bureaus, in their area) and who sees them."""

from __future__ import annotations

from ecosafe_kit.auth import jurisdiction
from ecosafe_kit.auth.principal import Principal, Role
from ecosafe_kit.errors import FieldProblem, Forbidden, InvalidInput

ORGANISERS = (Role.city_officer, Role.county_officer)


def valid_area(code: str, field: str) -> str:
    """`code` if it is a city- or county-level division code, else a 422 naming `field`."""
    if not jurisdiction.is_valid_code(code) or jurisdiction.level_of(code) not in (
            jurisdiction.Level.city, jurisdiction.Level.county):
        raise InvalidInput(f"行政区划代码无效: {code}", [FieldProblem(field, "应为市级或县级行政区划代码, 如 140500、140525")])
    return code


def ensure_may_organise(principal: Principal, code: str, what: str) -> None:
    """Forbidden unless a city/county officer whose jurisdiction covers `code` (or an admin)."""
    if principal.is_admin:
        return
    if not principal.has_role(*ORGANISERS):
        raise Forbidden(f"{what}需要以下角色之一: 市局(city_officer)、县局(county_officer)",
                        extra={"required_roles": [r.value for r in ORGANISERS]})
    if not principal.covers(code):
        raise Forbidden(f"超出您的管辖范围: 无权在辖区 {code} {what}", extra={"jurisdiction": code})


def sees_area(principal: Principal, code: str) -> bool:
    """A campaign or draw of `code` is visible to users of an area containing it or contained in it."""
    if principal.is_admin:
        return True
    if principal.jurisdiction is None:
        return False
    return jurisdiction.covers(principal.jurisdiction, code) or jurisdiction.covers(code, principal.jurisdiction)


def containing_codes(code: str) -> list[str]:
    """The 6-digit codes of the areas containing `code` (province, city, county), itself included."""
    six = code[:6]
    return sorted({six[:2] + "0000", six[:4] + "00", six} | ({code} if len(code) == 6 else set()))
