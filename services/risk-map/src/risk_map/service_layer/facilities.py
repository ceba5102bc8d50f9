"""Use cases on facilities: register, update, retire, order a valve or gate, report a device reading."""

from __future__ import annotations

from ecosafe_kit.auth.principal import Principal
from ecosafe_kit.auth.signing import signer_of
from ecosafe_kit.errors import Conflict
from ecosafe_kit.eventstore import EventStore, Signer
from ecosafe_kit.web.etag import check_if_match
from risk_map.adapters import lookups, repositories
from risk_map.domain.facility import Facility
from risk_map.adapters.layers import SHARED_KINDS
from risk_map.service_layer.access import ensure_may_change, ensure_may_write, unknown_facility
from risk_map.service_layer.feature_input import facility_data
from risk_map.service_layer.saving import new_id, save


def _ensure_owner(principal: Principal, facility: Facility) -> None:
    owner = {"jurisdiction_code": facility.jurisdiction_code, "enterprise_id": facility.enterprise_id,
             "park_id": facility.park_id}
    if facility.kind in SHARED_KINDS:  # on everyone's map: refusing the change reveals nothing
        ensure_may_write(principal, **owner)
    else:
        ensure_may_change(principal, **owner, unknown=unknown_facility(facility.id))


def register_facility(store: EventStore, principal: Principal, feature: dict, crs: object = None) -> Facility:
    repo = repositories.facilities(store)
    with store.transaction() as conn:
        data = facility_data(conn, principal, feature, crs)
        ensure_may_write(principal, jurisdiction_code=data.jurisdiction_code, enterprise_id=data.enterprise_id,
                         park_id=data.park_id)
        facility_id = new_id(feature.get("id"))
        if lookups.facility_exists(conn, facility_id):
            raise Conflict(f"标识 {facility_id} 已被使用", extra={"id": facility_id})
        facility = Facility.register(facility_id, data)
        save(conn, repo, facility, signer_of(principal))
    return facility


def update_facility(store: EventStore, principal: Principal, facility_id: str, feature: dict,
                    expected_version: int | None, crs: object = None) -> Facility:
    repo = repositories.facilities(store)
    with store.transaction() as conn:
        facility = repo.get(conn, facility_id)
        _ensure_owner(principal, facility)
        check_if_match(expected_version, facility.version)
        data = facility_data(conn, principal, feature, crs)
        ensure_may_write(principal, jurisdiction_code=data.jurisdiction_code, enterprise_id=data.enterprise_id,
                         park_id=data.park_id)
        if facility.update(data):
            save(conn, repo, facility, signer_of(principal))
    return facility


def retire_facility(store: EventStore, principal: Principal, facility_id: str, reason: str,
                    expected_version: int | None) -> Facility:
    repo = repositories.facilities(store)
    with store.transaction() as conn:
        facility = repo.get(conn, facility_id)
        _ensure_owner(principal, facility)
        check_if_match(expected_version, facility.version)
        facility.retire(reason)
        save(conn, repo, facility, signer_of(principal))
    return facility


def issue_command(store: EventStore, principal: Principal, facility_id: str, command: str, reason: str,
                  incident_id: str | None) -> Facility:
    """一键启闭: the order is an event signed by whoever gave it; the device confirms with its own event."""
    repo = repositories.facilities(store)
    with store.transaction() as conn:
        facility = repo.get(conn, facility_id)
        _ensure_owner(principal, facility)
        facility.issue_command(command, reason, incident_id)
        save(conn, repo, facility, signer_of(principal))
    return facility


def report_state(store: EventStore, signer: Signer, principal: Principal | None, facility_id: str,
                 state: str | None, free_volume_m3: float | None, source: str) -> Facility:
    """A valve/gate state or a pool level, from a person (principal given) or a device adapter (principal None)."""
    repo = repositories.facilities(store)
    with store.transaction() as conn:
        facility = repo.get(conn, facility_id)
        if principal is not None:
            _ensure_owner(principal, facility)
        facility.report_state(state, free_volume_m3, source)
        save(conn, repo, facility, signer)
    return facility
