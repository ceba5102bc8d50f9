"""PostGIS queries that gather what an incident's correlation needs: two prepared statements, two round trips.

The first gathers everything around the point (site, enterprise, park, the three lines, park pools and gates,
nearest depots and teams, open hazards; the enterprises with their sanction status), the second walks the river downstream from the entry reach and
fetches the river plans for the reaches it passes. Both are PREPAREd once per database session: planning these
statements costs more than running them. Rows come back as JSON built by PostgreSQL, one document per part.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from types import SimpleNamespace

from sqlalchemy import text
from sqlalchemy.engine import Connection

from ecosafe_kit.prepared import PreparedStatement
from risk_map.adapters.read_queries import SANCTION_JOIN, SANCTION_PROPERTIES
from risk_map.domain.correlation import Outlet, Pool, Reach, RiverFeature
from risk_map.domain.kinds import ON_RIVER

# :pt is the incident's point (EWKT, EPSG:4326), :pg the same point as geography for geodesic distances.
# The KNN operator (<->) walks a GIST index; the few nearest are then ranked by geodesic distance.
_GATHER = PreparedStatement("rm_correlation_gather", """
WITH site AS (
    SELECT * FROM (
        -- the reported enterprise's site, wherever it is
        SELECT s.facility_id, s.enterprise_id, s.name, s.derived, ST_Intersects(s.geom, :pt) AS inside,
               ST_Distance(s.geom::geography, :pg) AS d, 0 AS by_report
        FROM rm_facilities s WHERE :e IS NOT NULL AND s.kind = 'site' AND s.enterprise_id = :e
        UNION ALL
        -- else the site the point lies in, or the nearest within the stated radius
        SELECT n.facility_id, n.enterprise_id, n.name, n.derived, ST_Intersects(n.geom, :pt),
               ST_Distance(n.geom::geography, :pg), 1
        FROM (SELECT * FROM rm_facilities WHERE :e IS NULL AND kind = 'site' ORDER BY geom <-> :pt LIMIT 5) n
    ) c
    WHERE by_report = 0 OR inside OR d <= :site_radius
    ORDER BY by_report, inside DESC, d LIMIT 1
), subject AS (
    SELECT COALESCE(:e, (SELECT enterprise_id FROM site)) AS enterprise_id
), enterprise AS (
    SELECT e.enterprise_id, e.name, e.risk_level, e.park_id, e.jurisdiction_code, """ + SANCTION_PROPERTIES + """ AS sanctions
    FROM rm_enterprises e """ + SANCTION_JOIN + """e.enterprise_id WHERE e.enterprise_id = (SELECT enterprise_id FROM subject)
), park AS (
    SELECT * FROM (
        -- the enterprise's own park, wherever the point is
        SELECT p.park_id, p.name, ST_Intersects(p.geom, :pt) AS inside, ST_Distance(p.geom::geography, :pg) AS d,
               0 AS by_register, p.jurisdiction_code
        FROM rm_parks p WHERE p.park_id = (SELECT park_id FROM enterprise) AND p.retired_at IS NULL
        UNION ALL
        -- else the park the point lies in, or the nearest within the stated radius
        SELECT n.park_id, n.name, ST_Intersects(n.geom, :pt), ST_Distance(n.geom::geography, :pg), 1, n.jurisdiction_code
        FROM (SELECT * FROM rm_parks WHERE (SELECT park_id FROM enterprise) IS NULL AND retired_at IS NULL
              ORDER BY geom <-> :pt LIMIT 3) n
    ) c
    WHERE by_register = 0 OR inside OR d <= :park_radius
    ORDER BY by_register, inside DESC, d LIMIT 1
)
SELECT
    (SELECT row_to_json(site) FROM site) AS site,
    (SELECT row_to_json(enterprise) FROM enterprise) AS enterprise,
    (SELECT row_to_json(park) FROM park) AS park,
    (SELECT json_agg(l ORDER BY l.d) FROM (
        SELECT f.facility_id, f.kind, f.name, f.attributes, f.reach_id, f.measure_m,
               ST_Distance(f.geom::geography, :pg) AS d
        FROM rm_facilities f
        WHERE f.enterprise_id = (SELECT enterprise_id FROM subject)
          AND f.kind IN ('risk_unit', 'drain_pipe', 'emergency_pool', 'rain_outlet')) l) AS lines,
    (SELECT json_agg(x ORDER BY x.d) FROM (
        SELECT f.facility_id, f.name, f.attributes, ST_Distance(f.geom::geography, :pg) AS d
        FROM rm_facilities f
        WHERE f.park_id = (SELECT park_id FROM park) AND f.enterprise_id IS NULL
          AND f.kind = 'emergency_pool') x) AS park_pools,
    (SELECT json_agg(x ORDER BY x.d) FROM (
        SELECT f.facility_id, f.name, f.attributes, ST_Distance(f.geom::geography, :pg) AS d
        FROM rm_facilities f WHERE f.park_id = (SELECT park_id FROM park) AND f.kind = 'river_gate') x) AS park_gates,
    (SELECT json_agg(r) FROM (
        (SELECT kind, facility_id, name, attributes, d FROM (
            SELECT kind, facility_id, name, attributes, ST_Distance(geom::geography, :pg) AS d
            FROM (SELECT * FROM rm_facilities WHERE kind = 'material_depot' ORDER BY geom <-> :pt LIMIT :pre) s) n
         WHERE d <= :resource_radius ORDER BY d LIMIT :k)
        UNION ALL
        (SELECT kind, facility_id, name, attributes, d FROM (
            SELECT kind, facility_id, name, attributes, ST_Distance(geom::geography, :pg) AS d
            FROM (SELECT * FROM rm_facilities WHERE kind = 'response_team' ORDER BY geom <-> :pt LIMIT :pre) s) n
         WHERE d <= :resource_radius ORDER BY d LIMIT :k)) r) AS resources,
    (SELECT json_agg(h ORDER BY h.d NULLS FIRST) FROM (
        -- each hazard's enterprise with its sanction status: a primary-key probe per hazard already read
        SELECT hazard_id, u.enterprise_id, ledger_no, grade, description, ST_Distance(geom::geography, :pg) AS d,
               """ + SANCTION_PROPERTIES + """ AS enterprise_sanctions
        FROM (
            -- two index scans rather than one OR that no index answers
            SELECT * FROM rm_hazards WHERE status = 'open' AND enterprise_id = (SELECT enterprise_id FROM subject)
            UNION ALL
            SELECT * FROM rm_hazards
            WHERE status = 'open' AND enterprise_id IS DISTINCT FROM (SELECT enterprise_id FROM subject)
              AND geom && ST_Expand(:pt, :deg) AND ST_DWithin(geom::geography, :pg, :hazard_radius)) u
        """ + SANCTION_JOIN + """u.enterprise_id) h) AS hazards
""", {"pt": "geometry", "pg": "geography", "e": "text", "site_radius": "float8", "park_radius": "float8",
      "pre": "int", "k": "int", "deg": "float8", "hazard_radius": "float8", "resource_radius": "float8"})

# Reaches downstream in flow order, the river features on them, and the river plans that name any of them.
# The path array stops a mistaken loop in the network from running forever.
_DOWNSTREAM = PreparedStatement("rm_correlation_downstream", """
WITH RECURSIVE chain AS (
    SELECT reach_id, name, river_name, downstream_reach_id, length_m, velocity_mps, jurisdiction_code, 1 AS n,
           length_m - :m0 AS dist_end, (length_m - :m0) / velocity_mps AS t_end, ARRAY[reach_id] AS path
    FROM rm_reaches WHERE reach_id = :r
    UNION ALL
    SELECT r.reach_id, r.name, r.river_name, r.downstream_reach_id, r.length_m, r.velocity_mps, r.jurisdiction_code,
           c.n + 1,
           c.dist_end + r.length_m, c.t_end + r.length_m / r.velocity_mps, c.path || r.reach_id
    FROM chain c JOIN rm_reaches r ON r.reach_id = c.downstream_reach_id
    WHERE c.dist_end < :hm AND c.t_end < :hs AND NOT r.reach_id = ANY(c.path)
)
SELECT
    (SELECT json_agg(c ORDER BY c.n) FROM (
        SELECT n, reach_id, name, river_name, length_m, velocity_mps, jurisdiction_code FROM chain) c) AS reaches,
    -- the features apart from their reaches: a reach's columns once, not once per feature on it
    (SELECT json_agg(x ORDER BY x.n, x.measure_m) FROM (
        SELECT c.n, f.reach_id, f.facility_id, f.kind, f.name, f.measure_m, f.attributes
        FROM chain c JOIN rm_facilities f ON f.reach_id = c.reach_id AND f.kind = ANY(:kinds)) x) AS features,
    (SELECT json_agg(p) FROM (
        SELECT DISTINCT ON (plan_id) plan_id, version_no, river_name, title, actions FROM rm_river_plans
        WHERE plan_id IN (
            -- one probe of the actions' GIN index per reach
            SELECT p.plan_id FROM chain c
            JOIN rm_river_plans p ON p.actions @> jsonb_build_array(jsonb_build_object('reach_id', c.reach_id)))
        ORDER BY plan_id, version_no DESC) p) AS plans
""", {"m0": "float8", "r": "text", "hm": "float8", "hs": "float8", "kinds": "text[]"})

_ON_RIVER_KINDS = sorted(k.value for k in ON_RIVER)

# Only for a spill whose outlets name no receiving reach: the nearest reach within a radius, and where on it.
_NEAREST_REACH = text("""
SELECT reach_id, d, ST_LineLocatePoint(geom, ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)) * length_m AS measure FROM (
  SELECT reach_id, geom, length_m, ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)::geography) AS d
  FROM (SELECT * FROM rm_reaches ORDER BY geom <-> ST_SetSRID(ST_MakePoint(:lon, :lat), 4326) LIMIT 5) s) r
WHERE d <= :max_d ORDER BY d LIMIT 1
""")


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    inside: bool
    distance_m: float
    enterprise_id: str | None = None
    derived: dict | None = None
    jurisdiction_code: str | None = None


@dataclass
class Surroundings:
    """What lies around the incident's point, as the read model has it now."""

    site: Place | None
    enterprise: SimpleNamespace | None
    park: Place | None
    units: list = field(default_factory=list)
    pipes: list = field(default_factory=list)
    pools: list[Pool] = field(default_factory=list)
    outlets: list[Outlet] = field(default_factory=list)
    outlet_entry: dict[str, tuple[str | None, float | None]] = field(default_factory=dict)
    park_pools: list[Pool] = field(default_factory=list)
    park_gates: list = field(default_factory=list)
    resources: dict[str, list] = field(default_factory=dict)
    hazards: list = field(default_factory=list)


def _record(row: dict) -> SimpleNamespace:
    return SimpleNamespace(**row)


def _pool(r: dict) -> Pool:
    a = r["attributes"]
    return Pool(r["facility_id"], r["name"], float(a.get("capacity_m3") or 0), float(a.get("free_volume_m3") or 0), r["d"])


class CorrelationQueries:
    """One connection's view of the read model, positioned at the incident's point."""

    def __init__(self, conn: Connection, lon: float, lat: float) -> None:
        self.conn, self.lon, self.lat = conn, lon, lat
        point = f"SRID=4326;POINT({lon!r} {lat!r})"  # a bound value (EWKT), not SQL
        self.p = {"pt": point, "pg": point}

    def gather(self, enterprise_id: str | None, *, site_radius_m: float, park_radius_m: float, k: int,
               hazard_radius_m: float, resource_radius_m: float) -> Surroundings:
        """Site (the reported enterprise's, else the one within `site_radius_m`), its enterprise, its park (the
        register's, else the one within `park_radius_m`), the three lines, the park's pools and gates, the k
        nearest depots and teams within `resource_radius_m`, and the open hazards of the enterprise and within `hazard_radius_m`."""
        # Degrees of longitude shrink with latitude: a box wide enough for the radius at this latitude.
        deg = hazard_radius_m / 111_320.0 / max(math.cos(math.radians(self.lat)), 0.1) * 1.1
        row = _GATHER.execute(self.conn, {**self.p, "e": enterprise_id, "site_radius": site_radius_m,
                                          "park_radius": park_radius_m, "pre": k * 4, "k": k, "deg": deg,
                                          "hazard_radius": hazard_radius_m,
                                          "resource_radius": resource_radius_m}).one()
        site = row.site and Place(row.site["facility_id"], row.site["name"], row.site["inside"], row.site["d"],
                                  row.site["enterprise_id"], row.site["derived"])
        park = row.park and Place(row.park["park_id"], row.park["name"], row.park["inside"], row.park["d"],
                                  jurisdiction_code=row.park["jurisdiction_code"])
        lines = row.lines or []
        out = Surroundings(site=site or None, enterprise=_record(row.enterprise) if row.enterprise else None,
                           park=park or None)
        out.units = [_record(r) for r in lines if r["kind"] == "risk_unit"]
        out.pipes = [_record(r) for r in lines if r["kind"] == "drain_pipe"]
        out.pools = [_pool(r) for r in lines if r["kind"] == "emergency_pool"]
        out.outlets = [Outlet(r["facility_id"], r["name"], r["attributes"].get("valve_state") or "unknown",
                              bool(r["attributes"].get("remote_controllable")), r["attributes"].get("pending_command"),
                              r["reach_id"], r["d"], bool(r["attributes"].get("state_simulated")))
                       for r in lines if r["kind"] == "rain_outlet"]
        out.outlet_entry = {r["facility_id"]: (r["reach_id"], r["measure_m"]) for r in lines if r["kind"] == "rain_outlet"}
        out.park_pools = [_pool(r) for r in row.park_pools or []]
        out.park_gates = [_record(r) for r in row.park_gates or []]
        out.resources = {"material_depot": [], "response_team": []}
        for r in row.resources or []:
            out.resources[r["kind"]].append(_record(r))
        out.hazards = [_record(r) for r in row.hazards or []]
        return out

    def nearest_reach(self, max_distance_m: float):
        return self.conn.execute(_NEAREST_REACH, {"lon": self.lon, "lat": self.lat, "max_d": max_distance_m}).first()

    def downstream(self, reach_id: str, entry_measure_m: float, horizon_m: float,
                   horizon_s: float) -> tuple[list[Reach], list[RiverFeature], list]:
        """The reaches in flow order up to the horizon, the river features on them, and the river plans naming
        any of them (latest version of each), in one round trip."""
        row = _DOWNSTREAM.execute(self.conn, {"r": reach_id, "m0": entry_measure_m, "hm": horizon_m,
                                              "hs": horizon_s, "kinds": _ON_RIVER_KINDS}).one()
        reaches = [Reach(r["reach_id"], r["name"], r["river_name"], r["length_m"], r["velocity_mps"],
                         r["jurisdiction_code"])
                   for r in row.reaches or []]
        features = [RiverFeature(f["facility_id"], f["kind"], f["name"], f["reach_id"], f["measure_m"] or 0.0,
                                 f["attributes"]) for f in row.features or []]
        return reaches, features, [_record(p) for p in row.plans or []]

