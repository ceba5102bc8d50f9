"""PostGIS queries that gather what an incident's correlation needs (KNN on GIST indexes, geodesic distances)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import Connection

from risk_map.domain.correlation import Outlet, Pool, Reach, RiverFeature
from risk_map.domain.kinds import ON_RIVER

_P = "ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)"


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    inside: bool
    distance_m: float
    enterprise_id: str | None = None
    derived: dict | None = None


# The KNN operator (<->) walks the GIST index; the few nearest are then ranked by geodesic distance.
_SITE_NEAR = text(f"""
SELECT facility_id, enterprise_id, name, derived, ST_Intersects(geom, {_P}) AS inside,
       ST_Distance(geom::geography, {_P}::geography) AS d
FROM (SELECT * FROM rm_facilities WHERE kind = 'site' ORDER BY geom <-> {_P} LIMIT 5) s
ORDER BY inside DESC, d LIMIT 1
""")
_SITE_OF = text(f"""
SELECT facility_id, enterprise_id, name, derived, ST_Intersects(geom, {_P}) AS inside,
       ST_Distance(geom::geography, {_P}::geography) AS d
FROM rm_facilities WHERE kind = 'site' AND enterprise_id = :e ORDER BY d LIMIT 1
""")
_PARK_NEAR = text(f"""
SELECT park_id, name, ST_Intersects(geom, {_P}) AS inside, ST_Distance(geom::geography, {_P}::geography) AS d
FROM (SELECT * FROM rm_parks ORDER BY geom <-> {_P} LIMIT 3) s ORDER BY inside DESC, d LIMIT 1
""")
_PARK_BY_ID = text(f"""
SELECT park_id, name, ST_Intersects(geom, {_P}) AS inside, ST_Distance(geom::geography, {_P}::geography) AS d
FROM rm_parks WHERE park_id = :id
""")
_ENTERPRISE = text("SELECT enterprise_id, name, risk_level, park_id, jurisdiction_code FROM rm_enterprises WHERE enterprise_id = :e")
_LINES = text(f"""
SELECT facility_id, kind, name, attributes, reach_id, measure_m, ST_Distance(geom::geography, {_P}::geography) AS d
FROM rm_facilities WHERE enterprise_id = :e AND kind IN ('risk_unit', 'drain_pipe', 'emergency_pool', 'rain_outlet')
ORDER BY d
""")
_PARK_POOLS = text(f"""
SELECT facility_id, name, attributes, ST_Distance(geom::geography, {_P}::geography) AS d
FROM rm_facilities WHERE park_id = :park AND enterprise_id IS NULL AND kind = 'emergency_pool' ORDER BY d
""")
_PARK_GATES = text(f"""
SELECT facility_id, name, attributes, ST_Distance(geom::geography, {_P}::geography) AS d
FROM rm_facilities WHERE park_id = :park AND kind = 'river_gate' ORDER BY d
""")
_NEAREST_REACH = text(f"""
SELECT reach_id, d, ST_LineLocatePoint(geom, {_P}) * length_m AS measure FROM (
  SELECT reach_id, geom, length_m, ST_Distance(geom::geography, {_P}::geography) AS d
  FROM (SELECT * FROM rm_reaches ORDER BY geom <-> {_P} LIMIT 5) s) r
WHERE d <= :max_d ORDER BY d LIMIT 1
""")
# Reaches downstream in flow order; the path array stops a mistaken loop in the network from running forever.
_CHAIN = text("""
WITH RECURSIVE chain AS (
    SELECT reach_id, name, river_name, downstream_reach_id, length_m, velocity_mps, 1 AS n,
           length_m - :m0 AS dist_end, (length_m - :m0) / velocity_mps AS t_end, ARRAY[reach_id] AS path
    FROM rm_reaches WHERE reach_id = :r
    UNION ALL
    SELECT r.reach_id, r.name, r.river_name, r.downstream_reach_id, r.length_m, r.velocity_mps, c.n + 1,
           c.dist_end + r.length_m, c.t_end + r.length_m / r.velocity_mps, c.path || r.reach_id
    FROM chain c JOIN rm_reaches r ON r.reach_id = c.downstream_reach_id
    WHERE c.dist_end < :hm AND c.t_end < :hs AND NOT r.reach_id = ANY(c.path)
)
SELECT c.n, c.reach_id, c.name, c.river_name, c.length_m, c.velocity_mps,
       f.facility_id, f.kind, f.name AS f_name, f.measure_m, f.attributes
FROM chain c LEFT JOIN rm_facilities f ON f.reach_id = c.reach_id AND f.kind = ANY(:kinds)
ORDER BY c.n, f.measure_m
""")
_ON_RIVER_KINDS = sorted(k.value for k in ON_RIVER)
_PLANS = text("""
SELECT DISTINCT ON (plan_id) plan_id, version_no, river_name, title, actions FROM rm_river_plans
WHERE plan_id IN (SELECT plan_id FROM rm_river_plans p, jsonb_array_elements(p.actions) a WHERE a->>'reach_id' = ANY(:ids))
ORDER BY plan_id, version_no DESC
""")
_KNN_ONE = f"""(SELECT kind, facility_id, name, attributes, d FROM (
  SELECT kind, facility_id, name, attributes, ST_Distance(geom::geography, {_P}::geography) AS d
  FROM (SELECT * FROM rm_facilities WHERE kind = '{{kind}}' ORDER BY geom <-> {_P} LIMIT :pre) s) r
ORDER BY d LIMIT :k)"""
# Fixed kinds (never input), each answered by its own partial GIST index.
_KNN = text(" UNION ALL ".join(_KNN_ONE.format(kind=k) for k in ("material_depot", "response_team")))
_HAZARDS = text(f"""
SELECT hazard_id, enterprise_id, ledger_no, grade, description, ST_Distance(geom::geography, {_P}::geography) AS d
FROM rm_hazards WHERE status = 'open' AND (enterprise_id = :e OR (geom && ST_Expand({_P}, :deg)
      AND ST_DWithin(geom::geography, {_P}::geography, :radius)))
ORDER BY d NULLS FIRST
""")


class CorrelationQueries:
    """One connection's view of the read model, positioned at the incident's point."""

    def __init__(self, conn: Connection, lon: float, lat: float) -> None:
        self.conn, self.p = conn, {"lon": lon, "lat": lat}

    def site(self, enterprise_id: str | None) -> Place | None:
        row = (self.conn.execute(_SITE_OF, {**self.p, "e": enterprise_id}) if enterprise_id
               else self.conn.execute(_SITE_NEAR, self.p)).first()
        return Place(row.facility_id, row.name, row.inside, row.d, row.enterprise_id, row.derived) if row else None

    def park(self, park_id: str | None) -> Place | None:
        row = (self.conn.execute(_PARK_BY_ID, {**self.p, "id": park_id}) if park_id
               else self.conn.execute(_PARK_NEAR, self.p)).first()
        return Place(row.park_id, row.name, row.inside, row.d) if row else None

    def enterprise(self, enterprise_id: str):
        return self.conn.execute(_ENTERPRISE, {"e": enterprise_id}).first()

    def lines(self, enterprise_id: str) -> tuple[list, list, list[Pool], list[Outlet]]:
        rows = self.conn.execute(_LINES, {**self.p, "e": enterprise_id}).all()
        units = [r for r in rows if r.kind == "risk_unit"]
        pipes = [r for r in rows if r.kind == "drain_pipe"]
        pools = [Pool(r.facility_id, r.name, float(r.attributes.get("capacity_m3") or 0),
                      float(r.attributes.get("free_volume_m3") or 0), r.d) for r in rows if r.kind == "emergency_pool"]
        outlets = [Outlet(r.facility_id, r.name, r.attributes.get("valve_state") or "unknown",
                          bool(r.attributes.get("remote_controllable")), r.attributes.get("pending_command"),
                          r.reach_id, r.d) for r in rows if r.kind == "rain_outlet"]
        self._outlet_entry = {r.facility_id: (r.reach_id, r.measure_m) for r in rows if r.kind == "rain_outlet"}
        return units, pipes, pools, outlets

    def outlet_entry(self, facility_id: str) -> tuple[str | None, float | None]:
        return self._outlet_entry.get(facility_id, (None, None))

    def park_pools(self, park_id: str) -> list[Pool]:
        return [Pool(r.facility_id, r.name, float(r.attributes.get("capacity_m3") or 0),
                     float(r.attributes.get("free_volume_m3") or 0), r.d)
                for r in self.conn.execute(_PARK_POOLS, {**self.p, "park": park_id})]

    def park_gates(self, park_id: str) -> list:
        return self.conn.execute(_PARK_GATES, {**self.p, "park": park_id}).all()

    def nearest_reach(self, max_distance_m: float):
        return self.conn.execute(_NEAREST_REACH, {**self.p, "max_d": max_distance_m}).first()

    def downstream(self, reach_id: str, entry_measure_m: float, horizon_m: float,
                   horizon_s: float) -> tuple[list[Reach], list[RiverFeature]]:
        """The reaches in flow order up to the horizon and the river features on them, in one round trip."""
        rows = self.conn.execute(_CHAIN, {"r": reach_id, "m0": entry_measure_m, "hm": horizon_m, "hs": horizon_s,
                                          "kinds": _ON_RIVER_KINDS}).all()
        reaches: dict[str, Reach] = {}
        features = []
        for r in rows:
            reaches.setdefault(r.reach_id, Reach(r.reach_id, r.name, r.river_name, r.length_m, r.velocity_mps))
            if r.facility_id is not None:
                features.append(RiverFeature(r.facility_id, r.kind, r.f_name, r.reach_id, r.measure_m or 0.0, r.attributes))
        return list(reaches.values()), features

    def plans(self, reach_ids: list[str]) -> list:
        return self.conn.execute(_PLANS, {"ids": reach_ids}).all()

    def nearest_resources(self, k: int) -> dict[str, list]:
        """The k nearest material depots and response teams, by geodesic distance."""
        out: dict[str, list] = {"material_depot": [], "response_team": []}
        for row in self.conn.execute(_KNN, {**self.p, "k": k, "pre": k * 4}):
            out[row.kind].append(row)
        return out

    def hazards(self, enterprise_id: str | None, radius_m: float) -> list:
        # Degrees of longitude shrink with latitude: a box wide enough for the radius at this latitude.
        deg = radius_m / 111_320.0 / max(math.cos(math.radians(self.p["lat"])), 0.1) * 1.1
        return self.conn.execute(_HAZARDS, {**self.p, "e": enterprise_id or "", "radius": radius_m, "deg": deg}).all()
