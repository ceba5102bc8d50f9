"""What a caller may read: their area (government roles), their enterprise, their park, or everything (admin)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import false, or_, true
from sqlalchemy.sql.elements import ColumnElement

from ecosafe_kit.auth import jurisdiction
from ecosafe_kit.auth.principal import GOVERNMENT_ROLES, Principal, Role
from ecosafe_kit.errors import Forbidden


@dataclass(frozen=True)
class ReadScope:
    """A record is within reach if its jurisdiction lies in the area, or it is the enterprise, or in the park."""

    area_prefix: str | None = None
    enterprise_id: str | None = None
    park_id: str | None = None
    everything: bool = False

    @classmethod
    def of(cls, principal: Principal, what: str) -> ReadScope:
        """The caller's reach; Forbidden if their token names no area, enterprise or park (`what`: 企业名录 …)."""
        if principal.is_admin:
            return cls(everything=True)
        area = (jurisdiction.area_prefix(principal.jurisdiction)
                if principal.jurisdiction and principal.has_role(*GOVERNMENT_ROLES) else None)
        enterprise = principal.enterprise_id if principal.has_role(Role.enterprise_user) else None
        park = principal.park_id if principal.has_role(Role.park_operator) else None
        if area is None and enterprise is None and park is None:
            raise Forbidden(f"您的令牌没有可查看{what}的辖区、企业或园区")
        return cls(area_prefix=area, enterprise_id=enterprise, park_id=park)

    def condition(self, jurisdiction_code: ColumnElement, enterprise_id: ColumnElement,
                  park_id: ColumnElement) -> ColumnElement[bool]:
        """The same reach as a WHERE condition over a table's columns."""
        if self.everything:
            return true()
        parts = []
        if self.area_prefix is not None:
            parts.append(jurisdiction_code.startswith(self.area_prefix, autoescape=True))
        if self.enterprise_id is not None:
            parts.append(enterprise_id == self.enterprise_id)
        if self.park_id is not None:
            parts.append(park_id == self.park_id)
        return or_(*parts) if parts else false()

    def covers(self, jurisdiction_code: str, enterprise_id: str, park_id: str | None) -> bool:
        """The same reach over one record already read."""
        return self.everything or bool(
            (self.area_prefix is not None and jurisdiction_code.startswith(self.area_prefix))
            or (self.enterprise_id is not None and enterprise_id == self.enterprise_id)
            or (self.park_id is not None and park_id == self.park_id))
