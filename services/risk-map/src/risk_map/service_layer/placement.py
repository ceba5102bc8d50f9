"""Ownership checked against geometry: a facility belongs to the park it lies in, and a park's facilities lie in it."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.engine import Connection

from ecosafe_kit.auth.dependencies import ensure_within
from ecosafe_kit.auth.principal import Principal
from ecosafe_kit.errors import Forbidden
from risk_map.adapters import lookups
from risk_map.domain.errors import invalid
from risk_map.domain.facility import FacilityData
from risk_map.domain.kinds import FacilityKind

# The river network and what stands on it run across park and county borders: they keep the owner they state.
RIVER_NETWORK = frozenset({FacilityKind.river_reach, FacilityKind.river_gate, FacilityKind.interception_point,
                           FacilityKind.monitoring_section})
# A park's own facilities may stand just outside its boundary (an outfall gate, a pipe down to the river).
PARK_MARGIN_M = 1000.0


def place(conn: Connection, principal: Principal, data: FacilityData, where: str = "") -> FacilityData:
    """`data` with the park its geometry lies in; 422 when it contradicts the park stated, or when a park's facility
    lies far from it; 403 when the caller may not register into that park. An enterprise's facilities belong to the
    enterprise in the register (not checked here); river-network features keep the owner they state."""
    field = f"{where}.geometry" if where else "geometry"
    if data.enterprise_id is not None:
        return data
    if data.kind not in RIVER_NETWORK:
        parks = lookups.parks_at(conn, data.geometry_geojson)
        # The park stated wins where it is one of the parks the geometry lies in.
        park = next((p for p in parks if p.park_id == data.park_id), parks[0] if parks else None)
        if park is not None:
            if data.park_id is not None and data.park_id != park.park_id:
                raise invalid(field, f"几何位于园区 {park.park_id} ({park.name}) 内, 不属于所填园区 {data.park_id}")
            try:
                ensure_within(principal, jurisdiction_code=park.jurisdiction_code, park_id=park.park_id)
            except Forbidden:
                raise Forbidden(f"几何位于园区 {park.park_id} ({park.name}) 内, 您无权为该园区登记设施",
                                extra={"field": field, "park_id": park.park_id}) from None
            return replace(data, park_id=park.park_id, jurisdiction_code=park.jurisdiction_code)
    if data.park_id is not None:
        distance = lookups.distance_to_park_m(conn, data.park_id, data.geometry_geojson) or 0.0
        if distance > PARK_MARGIN_M:
            raise invalid(field, f"几何距园区 {data.park_id} 边界 {distance / 1000:.1f} km: 园区的设施须位于园区内或边界外 "
                                 f"{PARK_MARGIN_M / 1000:g} km 以内")
    return data
