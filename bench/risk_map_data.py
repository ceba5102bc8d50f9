"""Synthetic province-scale risk map for bench/risk_map_bench.py, written straight into risk-map's read model.

Database `risk_map_bench` on the test stack: 50,000 enterprises with sites, risk units, pools and rain outlets;
1,000 rivers of 100 reaches each (100,000 directed reaches); 50,000 river features; 3,000 depots and teams;
100,000 hazards (half of them open). Generated once (about 40 s) and kept; `--regenerate` starts again.
The event store is not needed to measure reads, so rows are written in bulk SQL, not through the API.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

REPO = Path(__file__).resolve().parent.parent
KAFKA_DEFAULT = os.environ.get("ECOSAFE_TEST_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:29092")
# psycopg 3 whatever driver the URL names, as the kit's make_engine reads it.
ADMIN_URL = make_url(os.environ.get(
    "ECOSAFE_TEST_DATABASE_URL", "postgresql+psycopg://ecosafe:ecosafe@127.0.0.1:25432/hazard")).set(
    drivername="postgresql+psycopg")
DATABASE = "risk_map_bench"
RIVERS, REACHES_PER_RIVER, ENTERPRISES = 1000, 100, 50_000
# 山西省 as the synthetic province.
LON0, LON1, LAT0, LAT1 = 110.3, 114.5, 34.7, 40.6

GENERATE = [
    # 1000 rivers of 100 reaches each, ~1 km per reach, flowing roughly south; each reach points to the next.
    """CREATE TEMP TABLE rivers AS SELECT i, :lon0 + random() * (:lon1 - :lon0) AS x0, :lat0 + random() * (:lat1 - :lat0) AS y0,
         (random() - 0.5) * 0.012 AS dx, -0.004 - random() * 0.006 AS dy, 0.2 + random() * 1.0 AS v
       FROM generate_series(1, :rivers) i""",
    """INSERT INTO rm_reaches (reach_id, name, river_name, downstream_reach_id, length_m, velocity_mps, geom)
       SELECT 'r-' || i || '-' || k, '河段 ' || k, '河流 ' || i,
              CASE WHEN k < :per THEN 'r-' || i || '-' || (k + 1) END,
              ST_Length(ST_MakeLine(ST_MakePoint(x0 + dx * (k - 1), y0 + dy * (k - 1)), ST_MakePoint(x0 + dx * k, y0 + dy * k))::geography),
              v, ST_SetSRID(ST_MakeLine(ST_MakePoint(x0 + dx * (k - 1), y0 + dy * (k - 1)), ST_MakePoint(x0 + dx * k, y0 + dy * k)), 4326)
       FROM rivers, generate_series(1, :per) k""",
    """INSERT INTO rm_facilities (facility_id, kind, name, jurisdiction_code, geom, attributes, declared_crs, version, updated_at)
       SELECT reach_id, 'river_reach', name, '140000', geom,
              jsonb_build_object('river_name', river_name, 'velocity_mps', velocity_mps, 'downstream_reach_id', downstream_reach_id),
              'EPSG:4326', 1, now() FROM rm_reaches""",
    # River features on random reaches: gates, interception points, sections, targets, spaces (50,000).
    """INSERT INTO rm_facilities (facility_id, kind, name, jurisdiction_code, geom, attributes, declared_crs, reach_id, measure_m, version, updated_at)
       SELECT 'rf-' || n, (ARRAY['river_gate','interception_point','monitoring_section','sensitive_target','emergency_space'])[1 + n % 5],
              '设施 ' || n, '140000', ST_LineInterpolatePoint(r.geom, f), 
              jsonb_build_object('target_type', 'drinking_water_intake', 'storage_volume_m3', 1000 + (n % 50) * 1000, 'gate_state', 'open'),
              'EPSG:4326', r.reach_id, f * r.length_m, 1, now()
       FROM (SELECT n, 'r-' || (1 + (n * 7919) % :rivers) || '-' || (1 + (n * 104729) % :per) AS rid, ((n * 37) % 100) / 100.0 AS f
             FROM generate_series(1::bigint, 50000::bigint) n) s JOIN rm_reaches r ON r.reach_id = s.rid""",
    # 50,000 enterprises, each with a site, two risk units, a pool and a rain outlet on its nearest reach.
    """CREATE TEMP TABLE ents AS SELECT n, :lon0 + random() * (:lon1 - :lon0) AS x, :lat0 + random() * (:lat1 - :lat0) AS y
       FROM generate_series(1, :ents) n""",
    """INSERT INTO rm_enterprises (enterprise_id, name, risk_level, jurisdiction_code, location, updated_at)
       SELECT 'e-' || n, '企业 ' || n, (ARRAY['general','elevated','major'])[1 + n % 3], '140000', ST_SetSRID(ST_MakePoint(x, y), 4326), now() FROM ents""",
    """INSERT INTO rm_facilities (facility_id, kind, name, enterprise_id, jurisdiction_code, geom, attributes, derived, declared_crs, version, updated_at)
       SELECT 'site-' || n, 'site', '企业 ' || n, 'e-' || n, '140000', ST_MakeEnvelope(x - 0.001, y - 0.001, x + 0.001, y + 0.001, 4326),
              '{}'::jsonb, '{"pool_adequacy": {"required_volume_m3": 1000}}'::jsonb, 'EPSG:4326', 1, now() FROM ents
       UNION ALL SELECT 'ru-' || n || '-' || u, 'risk_unit', '风险单元', 'e-' || n, '140000', ST_SetSRID(ST_MakePoint(x + 0.0003 * u, y), 4326),
              '{"unit_type": "tank_farm", "max_volume_m3": 500}'::jsonb, '{}'::jsonb, 'EPSG:4326', 1, now() FROM ents, generate_series(1, 2) u
       UNION ALL SELECT 'pool-' || n, 'emergency_pool', '事故应急池', 'e-' || n, '140000', ST_SetSRID(ST_MakePoint(x - 0.0005, y), 4326),
              jsonb_build_object('capacity_m3', 800, 'free_volume_m3', 200 + n % 600), '{}'::jsonb, 'EPSG:4326', 1, now() FROM ents""",
    """INSERT INTO rm_facilities (facility_id, kind, name, enterprise_id, jurisdiction_code, geom, attributes, declared_crs, reach_id, measure_m, version, updated_at)
       SELECT 'out-' || n, 'rain_outlet', '雨水排口', 'e-' || n, '140000', ST_SetSRID(ST_MakePoint(x, y - 0.001), 4326),
              jsonb_build_object('valve_state', (ARRAY['open','closed','unknown'])[1 + n % 3], 'remote_controllable', n % 2 = 0),
              'EPSG:4326', r.reach_id, ST_LineLocatePoint(r.geom, ST_SetSRID(ST_MakePoint(x, y), 4326)) * r.length_m, 1, now()
       FROM ents CROSS JOIN LATERAL (SELECT reach_id, geom, length_m FROM rm_reaches ORDER BY geom <-> ST_SetSRID(ST_MakePoint(x, y), 4326) LIMIT 1) r""",
    """INSERT INTO rm_facilities (facility_id, kind, name, jurisdiction_code, geom, attributes, declared_crs, version, updated_at)
       SELECT (ARRAY['depot-','team-'])[1 + n % 2] || n, (ARRAY['material_depot','response_team'])[1 + n % 2], '资源 ' || n, '140000',
              ST_SetSRID(ST_MakePoint(:lon0 + random() * (:lon1 - :lon0), :lat0 + random() * (:lat1 - :lat0)), 4326), '{}'::jsonb,
              'EPSG:4326', 1, now() FROM generate_series(1, 3000) n""",
    "ANALYZE",
]

# Two hazards per enterprise at its site, one open and one closed (added to a database generated before them).
HAZARDS = """
INSERT INTO rm_hazards (hazard_id, enterprise_id, ledger_no, grade, description, status, geom, updated_at)
SELECT 'hz-' || e.enterprise_id || '-' || h, e.enterprise_id, '140000-2026-11-' || lpad((h + 2 * n)::text, 6, '0'),
       (ARRAY['general', 'major'])[1 + (n + h) % 2], '合成隐患 ' || h, (ARRAY['open', 'closed'])[h], e.location, now()
FROM (SELECT enterprise_id, location, row_number() OVER (ORDER BY enterprise_id) AS n FROM rm_enterprises) e,
     generate_series(1, 2) h
"""
# The same rows as risk-map's `sites` tile layer, as a view tipg can serve.
SITES_VIEW = """
CREATE VIEW bench_sites AS
SELECT facility_id AS id, name, kind, enterprise_id, park_id, (derived->'pool_adequacy'->>'pool_adequate')::boolean AS pool_adequate, geom
FROM rm_facilities WHERE kind = 'site'
"""


def prepare(regenerate: bool) -> str:
    """The bench database's URL; the database is created, migrated and filled when it is missing or incomplete."""
    url = make_url(ADMIN_URL).set(database=DATABASE).render_as_string(hide_password=False)
    admin = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": DATABASE}).first()
        if exists and regenerate:
            conn.execute(text(f"DROP DATABASE {DATABASE} WITH (FORCE)"))
            exists = None
        if not exists:
            conn.execute(text(f"CREATE DATABASE {DATABASE}"))
    admin.dispose()
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("CREATE EXTENSION IF NOT EXISTS postgis"))
    subprocess.run([sys.executable, "-m", "alembic", "-c", str(REPO / "services/risk-map/alembic.ini"), "-x",
                    f"database_url={url}", "upgrade", "head"], check=True, cwd=REPO, capture_output=True)
    with engine.begin() as conn:
        have = conn.execute(text("SELECT count(*) FROM rm_reaches")).scalar()
    if not have:
        started = time.perf_counter()
        params = {"lon0": LON0, "lon1": LON1, "lat0": LAT0, "lat1": LAT1, "rivers": RIVERS, "per": REACHES_PER_RIVER,
                  "ents": ENTERPRISES}
        with engine.begin() as conn:
            conn.execute(text("SELECT setseed(0.42)"))
            for statement in GENERATE:
                conn.execute(text(statement), params)
        print(f"生成合成数据 {time.perf_counter() - started:.0f} s")
    with engine.begin() as conn:
        if not conn.execute(text("SELECT EXISTS (SELECT 1 FROM rm_hazards)")).scalar():
            conn.execute(text(HAZARDS))
            conn.execute(text("ANALYZE rm_hazards"))
        conn.execute(text("DROP VIEW IF EXISTS bench_sites"))  # its columns may have changed
        conn.execute(text(SITES_VIEW))
    with engine.connect() as conn:
        counts = dict(conn.execute(text("SELECT 'facilities', count(*) FROM rm_facilities UNION ALL "
                                        "SELECT 'reaches', count(*) FROM rm_reaches UNION ALL "
                                        "SELECT 'enterprises', count(*) FROM rm_enterprises UNION ALL "
                                        "SELECT 'hazards', count(*) FROM rm_hazards")).all())
    print(f"数据规模: {counts}")
    engine.dispose()
    return url
