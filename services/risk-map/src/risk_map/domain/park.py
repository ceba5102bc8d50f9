"""Park aggregate (园区): boundary and the three park lists with the date each was last updated."""

from __future__ import annotations

from datetime import date

from ecosafe_kit.domain import Aggregate
from risk_map.domain.errors import Conflict, invalid
from risk_map.domain.events import ParkListUpdated, ParkRegistered, ParkRetired, ParkUpdated

PARK_LISTS = {
    "enterprise_risk": "风险企业分级分类管理清单",
    "risk_substance": "风险物质信息清单",
    "sensitive_target": "环境敏感保护目标清单",
}
# Seed 001: 每年至少更新一次.
MAX_LIST_AGE_DAYS = 365


def list_is_stale(updated_on: date | None, today: date) -> bool:
    """A list never updated, or updated more than a year ago, is overdue."""
    return updated_on is None or (today - updated_on).days > MAX_LIST_AGE_DAYS


class Park(Aggregate):
    def _init_state(self) -> None:
        self.name = ""
        self.jurisdiction_code = ""
        self.geometry_geojson = ""
        self.lists: dict[str, str] = {}
        # What each list says now, and the park's version when it last changed: that list's ETag, so a change
        # to another list or to the boundary does not make an open list editor stale.
        self.list_entries: dict[str, str] = {}
        self.list_versions: dict[str, int] = {}
        self.retired = False

    @classmethod
    def register(cls, park_id: str, name: str, jurisdiction_code: str, geometry_geojson: str, crs: str) -> Park:
        if not name.strip():
            raise invalid("properties.name", "园区名称不能为空")
        park = cls(park_id)
        park._init_state()
        park._record(ParkRegistered(park_id, name.strip(), jurisdiction_code, geometry_geojson, crs))
        return park

    def update(self, name: str, jurisdiction_code: str, geometry_geojson: str, crs: str) -> None:
        self._ensure_active()
        self._record(ParkUpdated(self.id, name.strip(), jurisdiction_code, geometry_geojson, crs))

    def update_list(self, list_kind: str, updated_on: date, entries_json: str, entry_count: int, today: date) -> None:
        self._ensure_active()
        if list_kind not in PARK_LISTS:
            raise invalid("list", "清单类别须为 enterprise_risk、risk_substance 或 sensitive_target")
        if updated_on > today:
            raise invalid("updated_on", "更新日期不能晚于今天")
        self._record(ParkListUpdated(self.id, list_kind, updated_on.isoformat(), entry_count, entries_json))

    def retire(self, reason: str) -> None:
        """园区撤销: off the map, kept on record."""
        self._ensure_active()
        if not reason.strip():
            raise invalid("reason", "须写明撤销原因")
        self._record(ParkRetired(self.id, reason.strip()))

    def _ensure_active(self) -> None:
        if self.retired:
            raise Conflict(f"园区 {self.id} 已撤销")

    def apply_ParkRetired(self, event: ParkRetired) -> None:
        self.retired = True

    def apply_ParkRegistered(self, event: ParkRegistered) -> None:
        self.name, self.jurisdiction_code, self.geometry_geojson = event.name, event.jurisdiction_code, event.geometry_geojson

    def apply_ParkUpdated(self, event: ParkUpdated) -> None:
        self.apply_ParkRegistered(event)  # same fields

    def list_version(self, list_kind: str) -> int:
        """The park's version when `list_kind` was last updated; 0 for a list never updated."""
        return self.list_versions.get(list_kind, 0)

    def apply_ParkListUpdated(self, event: ParkListUpdated) -> None:
        self.lists[event.list_kind] = event.updated_on
        self.list_entries[event.list_kind] = event.entries_json
        # Applied while replaying (version counts the events before) or while recording (still pending).
        self.list_versions[event.list_kind] = self.version + len(self._pending) + 1
