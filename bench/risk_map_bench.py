"""Risk-map benchmark: province-scale synthetic map; correlation over HTTP vs an in-memory geopandas baseline; MVT tiles.

Run on the test stack: `.venv/bin/python bench/risk_map_bench.py [--incidents 300] [--regenerate]`.
Data: ≥50,000 enterprises (sites), ≥200,000 facilities, ≥100,000 directed river reaches, written straight into the
read model of an own database `risk_map_bench` (bulk SQL; the event store is not needed to measure reads). Prints
p50/p95 of the full correlation answer over HTTP with 1 and 8 clients, the same correlation computed by a careful
in-memory implementation (geopandas + shapely STRtree + a dict walk of the reach graph — networkx is not installed
here and a downstream walk of a tree is all it would do), their ratio, and vector tiles per second at zooms 10–16.
tipg is not installed in this environment (asked before adding it), so its column is left out.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import geopandas as gpd
import httpx
import numpy as np
from shapely import STRtree
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests" / "integration" / "risk_map"))
from live import LiveServer  # noqa: E402

from ecosafe_kit.auth.principal import Principal  # noqa: E402
from ecosafe_kit.auth.tokens import encode_token  # noqa: E402
from risk_map.settings import Settings  # noqa: E402

ADMIN_URL = os.environ.get("ECOSAFE_TEST_DATABASE_URL", "postgresql+psycopg2://ecosafe:ecosafe@127.0.0.1:25432/hazard")
KAFKA = os.environ.get("ECOSAFE_TEST_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:29092")
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


def prepare(regenerate: bool) -> str:
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
    with engine.connect() as conn:
        counts = dict(conn.execute(text("SELECT 'facilities', count(*) FROM rm_facilities UNION ALL "
                                        "SELECT 'reaches', count(*) FROM rm_reaches UNION ALL "
                                        "SELECT 'enterprises', count(*) FROM rm_enterprises")).all())
    print(f"数据规模: {counts}")
    engine.dispose()
    return url


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def incidents(n: int) -> list[dict]:
    rng = random.Random(7)
    out = []
    for _ in range(n):
        e = rng.randint(1, ENTERPRISES)
        out.append({"enterprise": f"e-{e}", "volume": rng.choice([100, 400, 800, 3000])})
    return out


# ---------------------------------------------------------------- in-memory baseline (what a GIS analyst writes)
class Baseline:
    def __init__(self, url: str) -> None:
        started = time.perf_counter()
        engine = create_engine(url)
        facilities = gpd.read_postgis("SELECT facility_id, kind, enterprise_id, reach_id, measure_m, attributes, geom FROM rm_facilities",
                                      engine, geom_col="geom")
        self.reaches = gpd.read_postgis("SELECT reach_id, downstream_reach_id, length_m, velocity_mps, geom FROM rm_reaches",
                                        engine, geom_col="geom").set_index("reach_id")
        engine.dispose()
        self.by_enterprise = {k: g for k, g in facilities[facilities.enterprise_id.notna()].groupby("enterprise_id")}
        on_river = facilities[facilities.kind.isin(["river_gate", "interception_point", "monitoring_section",
                                                    "sensitive_target", "emergency_space"])]
        self.on_reach = {k: g.sort_values("measure_m") for k, g in on_river.groupby("reach_id")}
        self.down = self.reaches["downstream_reach_id"].to_dict()
        self.length = self.reaches["length_m"].to_dict()
        self.velocity = self.reaches["velocity_mps"].to_dict()
        self.resources = {}
        for kind in ("material_depot", "response_team"):
            frame = facilities[facilities.kind == kind].reset_index(drop=True)
            self.resources[kind] = (frame, STRtree(frame.geometry.values))
        self.load_seconds = time.perf_counter() - started

    def correlate(self, enterprise_id: str, volume: float, horizon_m: float = 50_000, horizon_s: float = 86_400) -> dict:
        rows = self.by_enterprise[enterprise_id]
        site = rows[rows.kind == "site"].geometry.iloc[0].centroid
        pools = rows[rows.kind == "emergency_pool"]
        free = sum(a.get("free_volume_m3", 0) for a in pools.attributes)
        outlets = rows[rows.kind == "rain_outlet"]
        states = [a.get("valve_state") for a in outlets.attributes]
        contained = free >= volume and all(s == "closed" for s in states)
        result = {"contained": contained, "hits": []}
        if not contained and len(outlets):
            reach, m0 = outlets.reach_id.iloc[0], outlets.measure_m.iloc[0]
            d0 = -m0
            t0 = -m0 / self.velocity[reach]
            first = True
            while reach is not None and d0 < horizon_m and t0 < horizon_s:
                features = self.on_reach.get(reach)
                if features is not None:
                    for fid, kind, m in zip(features.facility_id, features.kind, features.measure_m):
                        if first and m < m0:
                            continue
                        result["hits"].append((fid, kind, d0 + m, t0 + m / self.velocity[reach]))
                d0 += self.length[reach]
                t0 += self.length[reach] / self.velocity[reach]
                following = self.down.get(reach)
                reach, first = (following if isinstance(following, str) else None), False  # NaN: the river's mouth
        for kind, (frame, tree) in self.resources.items():
            idx = tree.query_nearest(site, return_distance=False, all_matches=False)
            result[kind] = frame.facility_id.iloc[int(np.atleast_1d(idx)[-1])]
        return result


def run_http(url: str, token: str, cases: list[dict], clients: int) -> list[float]:
    latencies: list[float] = []
    lock = threading.Lock()

    def worker(chunk: list[dict]) -> None:
        with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=30) as http:
            for case in chunk:
                body = {"location": {"type": "Point", "coordinates": [0, 0]}, "pollutant": "甲醇",
                        "volume_m3": case["volume"], "level": "较大", "enterprise_id": case["enterprise"]}
                body["location"]["coordinates"] = case["point"]
                started = time.perf_counter()
                response = http.post("/incidents", json=body)
                elapsed = (time.perf_counter() - started) * 1000
                response.raise_for_status()
                with lock:
                    latencies.append(elapsed)

    chunks = [cases[i::clients] for i in range(clients)]
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(worker, chunks))
    return latencies


def tiles(url: str, token: str, points: list[tuple[float, float]], layer: str) -> tuple[float, float]:
    latencies = []
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=30) as http:
        started = time.perf_counter()
        for i, (lon, lat) in enumerate(points):
            z = 10 + i % 7
            n = 2 ** z
            x = int((lon + 180) / 360 * n)
            y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
            t = time.perf_counter()
            http.get(f"/tiles/{layer}/{z}/{x}/{y}.mvt").raise_for_status()
            latencies.append((time.perf_counter() - t) * 1000)
        total = time.perf_counter() - started
    return len(points) / total, pct(latencies, 95)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=300)
    parser.add_argument("--regenerate", action="store_true")
    args = parser.parse_args()
    url = prepare(args.regenerate)
    settings = Settings(database_url=url, kafka_bootstrap_servers=KAFKA)
    token = encode_token(Principal("bench", "基准", frozenset({"admin"})), secret=settings.jwt_secret.get_secret_value())
    cases = incidents(args.incidents)
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT enterprise_id, ST_X(location), ST_Y(location) FROM rm_enterprises "
                                 "WHERE enterprise_id = ANY(:ids)"), {"ids": [c["enterprise"] for c in cases]})
        where = {r[0]: (r[1], r[2]) for r in rows}
    engine.dispose()
    for case in cases:
        case["point"] = list(where[case["enterprise"]])
    with LiveServer(settings) as live:
        run_http(live.url, token, cases[:30], 1)  # warm-up
        one = run_http(live.url, token, cases, 1)
        eight_one_worker = run_http(live.url, token, cases, 8)
    # Python holds one core per process: with two cores, two uvicorn workers serve concurrent clients.
    with LiveServer(settings, workers=2) as live:
        run_http(live.url, token, cases[:30], 2)
        eight = run_http(live.url, token, cases, 8)
        points = [tuple(c["point"]) for c in cases]
        tiles_sites = tiles(live.url, token, points, "sites")
        tiles_all = tiles(live.url, token, points, "all")
    baseline = Baseline(url)
    base = []
    for case in cases:
        started = time.perf_counter()
        baseline.correlate(case["enterprise"], case["volume"])
        base.append((time.perf_counter() - started) * 1000)
    print()
    print("| 测量 | p50 ms | p95 ms |")
    print("| --- | ---: | ---: |")
    print(f"| 关联分析 HTTP, 1 客户端 (含记录两条事件) | {statistics.median(one):.1f} | {pct(one, 95):.1f} |")
    print(f"| 关联分析 HTTP, 8 客户端, 1 个 uvicorn 进程 | {statistics.median(eight_one_worker):.1f} | {pct(eight_one_worker, 95):.1f} |")
    print(f"| 关联分析 HTTP, 8 客户端, 2 个 uvicorn 进程 | {statistics.median(eight):.1f} | {pct(eight, 95):.1f} |")
    print(f"| 内存基线 (geopandas, 进程内, 不含 HTTP) | {statistics.median(base):.2f} | {pct(base, 95):.2f} |")
    print(f"| 比值 服务 p95 / 基线 p95 (1 客户端) | | {pct(one, 95) / pct(base, 95):.1f} |")
    print(f"\n基线加载数据用时 {baseline.load_seconds:.1f} s (服务无需加载, 始终为最新)")
    print(f"矢量瓦片 z10–16, 图层 sites: {tiles_sites[0]:.0f} 瓦片/s, p95 {tiles_sites[1]:.1f} ms; "
          f"组合图层 all: {tiles_all[0]:.0f} 瓦片/s, p95 {tiles_all[1]:.1f} ms (tipg 未安装, 未对比)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
