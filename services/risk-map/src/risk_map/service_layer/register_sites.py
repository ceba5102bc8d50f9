"""The enterprise register as the map receives it: the register row, and the plant boundary turned into the site."""

from __future__ import annotations

import json
import logging

from sqlalchemy.engine import Connection

from ecosafe_kit.eventstore import EventStore, Signer
from ecosafe_kit.messaging.envelope import EventEnvelope
from risk_map.adapters import lookups, repositories
from risk_map.adapters.consumers import DEREGISTERED, decode_enterprise_state, mark_deregistered, upsert_enterprise
from risk_map.domain.errors import InvalidInput
from risk_map.domain.facility import Facility, FacilityData
from risk_map.domain.geometry import clean_geometry
from risk_map.domain.kinds import RULES, FacilityKind
from risk_map.service_layer.saving import save

log = logging.getLogger(__name__)

# Who signs what the map derives from the register: the consumer, not a person.
REGISTER_SIGNER = Signer(subject="system:enterprise-register", name="企业名录同步", roles=("admin",), jurisdiction="")


def site_id_for(enterprise_id: str) -> str:
    """The id of the site derived from an enterprise's plant boundary (when it has no site on the map yet)."""
    return f"site:{enterprise_id}"


def handle_enterprise_event(conn: Connection, envelope: EventEnvelope) -> None:
    """Consumer of `ecosafe.enforcement.enterprise`: keep the register row; a plant boundary (厂界) becomes or
    moves the enterprise's `site` facility, recorded as an event signed by the consumer; a deregistration marks the
    register row (the site stays on the map, marked)."""
    if envelope.event_type == DEREGISTERED:
        mark_deregistered(conn, envelope)
        return
    m = decode_enterprise_state(envelope)
    if m is None:
        return
    upsert_enterprise(conn, m, envelope.occurred_at)
    if m.HasField("boundary_geojson"):
        _place_site(conn, m)


def _place_site(conn: Connection, m) -> None:
    try:
        geometry = clean_geometry(json.loads(m.boundary_geojson), allowed_types=RULES[FacilityKind.site].geometry_types,
                                  field="boundary_geojson")
    except (InvalidInput, ValueError) as exc:
        # The register checked the boundary; one it took that the map cannot must not stop the register row.
        log.warning("企业 %s 的厂区边界未能用作厂区: %s", m.enterprise_id, exc)
        return
    repo = repositories.facilities(EventStore(conn.engine))
    facility_id = lookups.enterprise_site(conn, m.enterprise_id, site_id_for(m.enterprise_id))
    park_id = m.park_id if m.HasField("park_id") else None
    if facility_id is None:
        if lookups.facility_exists(conn, site_id_for(m.enterprise_id)):
            return  # the derived site was retired on the map on purpose: a boundary does not bring it back
        data = FacilityData(FacilityKind.site, m.name, m.enterprise_id, park_id, m.jurisdiction_code,
                            geometry.geojson, {}, geometry.declared_crs)
        facility = Facility.register(site_id_for(m.enterprise_id), data)
    else:
        facility = repo.get(conn, facility_id)
        # A site registered on the map keeps its name and attributes (V4, rainfall, catchment); the boundary moves it.
        data = FacilityData(FacilityKind.site, facility.name, m.enterprise_id, park_id, m.jurisdiction_code,
                            geometry.geojson, facility.attributes, geometry.declared_crs)
        if not facility.update(data):
            return
    save(conn, repo, facility, REGISTER_SIGNER)
