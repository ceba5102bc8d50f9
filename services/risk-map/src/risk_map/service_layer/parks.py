"""Use cases on parks: register, update the boundary, read and update one of the three park lists."""

from __future__ import annotations

import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

from ecosafe_kit.auth.principal import Principal
from ecosafe_kit.auth.signing import signer_of
from ecosafe_kit.errors import Conflict
from ecosafe_kit.eventstore import EventStore
from ecosafe_kit.web.etag import check_if_match
from risk_map.adapters import lookups, repositories
from risk_map.domain.errors import invalid
from risk_map.domain.free_text import ensure_clean_text
from risk_map.domain.geometry import clean_geometry, feature_crs
from risk_map.domain.kinds import AREA
from risk_map.domain.park import PARK_LISTS, Park, list_is_stale
from risk_map.service_layer.access import ensure_may_designate_park, ensure_may_read_park, ensure_may_write
from risk_map.service_layer.feature_input import check_jurisdiction
from risk_map.service_layer.saving import new_id, save

SHANGHAI = ZoneInfo("Asia/Shanghai")


def today() -> date:
    return datetime.now(SHANGHAI).date()


def _park_input(feature: dict, crs: object) -> tuple[str, str, str, str]:
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise invalid("type", "须为 GeoJSON Feature (type 为 Feature)")
    props = feature.get("properties") or {}
    ensure_clean_text(props, "properties")
    geometry = clean_geometry(feature.get("geometry"), declared_crs=feature_crs(feature, crs), allowed_types=AREA)
    code = check_jurisdiction(props.get("jurisdiction_code"), "properties.jurisdiction_code")
    name = props.get("name")
    if not isinstance(name, str) or not name.strip():
        raise invalid("properties.name", "园区名称不能为空")
    return name, code, geometry.geojson, geometry.declared_crs


def register_park(store: EventStore, principal: Principal, feature: dict, crs: object = None) -> Park:
    repo = repositories.parks(store)
    name, code, geojson, declared = _park_input(feature, crs)
    park_id = new_id(feature.get("id"))
    ensure_may_designate_park(principal, code)
    with store.transaction() as conn:
        if lookups.facility_exists(conn, park_id):
            raise Conflict(f"标识 {park_id} 已被使用", extra={"id": park_id})
        park = Park.register(park_id, name, code, geojson, declared)
        save(conn, repo, park, signer_of(principal))
    return park


def update_park(store: EventStore, principal: Principal, park_id: str, feature: dict, expected_version: int | None,
                crs: object = None) -> Park:
    repo = repositories.parks(store)
    name, code, geojson, declared = _park_input(feature, crs)
    with store.transaction() as conn:
        park = repo.get(conn, park_id)
        ensure_may_read_park(conn, principal, park_id, park.jurisdiction_code)
        ensure_may_designate_park(principal, park.jurisdiction_code)
        ensure_may_designate_park(principal, code)
        check_if_match(expected_version, park.version)
        park.update(name, code, geojson, declared)
        save(conn, repo, park, signer_of(principal))
    return park


def read_park_list(store: EventStore, principal: Principal, park_id: str, list_kind: str) -> tuple[dict, int]:
    """One park list as its last ParkListUpdated says, with the version a change must name in If-Match."""
    with store.transaction() as conn:
        park = repositories.parks(store).get(conn, park_id)
        ensure_may_read_park(conn, principal, park_id, park.jurisdiction_code)
    updated = park.lists.get(list_kind)
    updated_on = date.fromisoformat(updated) if updated else None
    entries = json.loads(park.list_entries[list_kind]) if list_kind in park.list_entries else []
    stale = list_is_stale(updated_on, today())
    return {"park_id": park_id, "list": list_kind, "label": PARK_LISTS[list_kind], "updated_on": updated,
            "entry_count": len(entries), "stale": stale,
            "stale_reason": "从未更新" if updated_on is None else f"上次更新 {updated}, 已超过一年" if stale else None,
            "version": park.list_version(list_kind), "entries": entries}, park.list_version(list_kind)


def update_park_list(store: EventStore, principal: Principal, park_id: str, list_kind: str, updated_on: date,
                     entries: list, expected_version: int | None = None) -> Park:
    repo = repositories.parks(store)
    ensure_clean_text(entries, "entries")
    with store.transaction() as conn:
        park = repo.get(conn, park_id)
        ensure_may_read_park(conn, principal, park_id, park.jurisdiction_code)
        ensure_may_write(principal, jurisdiction_code=park.jurisdiction_code, enterprise_id=None, park_id=park_id)
        # The list's own version, so an editor opened on it is stale only when this list changed meanwhile.
        check_if_match(expected_version, park.list_version(list_kind))
        park.update_list(list_kind, updated_on, json.dumps(entries, ensure_ascii=False), len(entries), today())
        save(conn, repo, park, signer_of(principal))
    return park


def retire_park(store: EventStore, principal: Principal, park_id: str, reason: str, expected_version: int | None) -> Park:
    """园区撤销, by the bureau (or an admin) of the park's area; its operator cannot retire it."""
    repo = repositories.parks(store)
    with store.transaction() as conn:
        park = repo.get(conn, park_id)
        ensure_may_read_park(conn, principal, park_id, park.jurisdiction_code)
        ensure_may_designate_park(principal, park.jurisdiction_code)
        check_if_match(expected_version, park.version)
        park.retire(reason)
        save(conn, repo, park, signer_of(principal))
    return park
