"""What the command-center map is told as it happens (一张图实时动态): one item per event, and who may see it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ecosafe_kit.auth import jurisdiction
from ecosafe_kit.auth.principal import Principal, Role

KINDS = ("hazard", "incident", "device", "case", "notification")
# Roles that see the map by area: their jurisdiction and everything below it.
AREA_ROLES = (Role.city_officer, Role.county_officer, Role.inspector, Role.group_leader, Role.command_center)


@dataclass(frozen=True)
class MapItem:
    """One event as a marker or a toast on the map; lon/lat are WGS84, None when the place is not known."""

    kind: str
    aggregate_id: str
    event: str
    title: str
    urgent: bool
    jurisdiction_code: str | None
    occurred_at: datetime
    enterprise_id: str | None = None
    park_id: str | None = None
    lon: float | None = None
    lat: float | None = None
    state: str | None = None
    # Other areas whose officers may see it too: the downstream counties an incident's trace reaches.
    also_jurisdictions: tuple[str, ...] = field(default=())

    def data(self) -> dict:
        return {"kind": self.kind, "id": self.aggregate_id, "event": self.event, "title": self.title,
                "urgent": self.urgent, "jurisdiction_code": self.jurisdiction_code,
                "enterprise_id": self.enterprise_id, "park_id": self.park_id, "lon": self.lon, "lat": self.lat,
                "state": self.state, "occurred_at": self.occurred_at.isoformat()}


def may_see(principal: Principal, item: MapItem) -> bool:
    """Area roles see their jurisdiction and below (and an incident coming their way); a park operator their park;
    an enterprise user their enterprise. Notifications are decided by their recipients, not here."""
    if principal.is_admin:
        return True
    if principal.has_role(*AREA_ROLES) and principal.jurisdiction is not None:
        codes = [item.jurisdiction_code, *item.also_jurisdictions]
        if any(jurisdiction.is_valid_code(c) and principal.covers(c) for c in codes if c):
            return True
    if principal.has_role(Role.park_operator) and principal.park_id and item.park_id == principal.park_id:
        return True
    return bool(principal.has_role(Role.enterprise_user) and principal.enterprise_id
                and item.enterprise_id == principal.enterprise_id)
