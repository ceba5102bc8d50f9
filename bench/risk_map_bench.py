"""Risk-map benchmark: province-scale map; correlation over HTTP against an in-memory geopandas + networkx baseline,
and vector tiles against tipg serving the same rows, in the same run.

Run on the test stack with `make bench-risk-map`, or `.venv/bin/python bench/risk_map_bench.py [--incidents 300]
[--tiles 350] [--regenerate]`. Data: bench/risk_map_data.py (≥50,000 enterprises, ≥400,000 facilities, 100,000
reaches, 100,000 hazards). The service runs as deployed on two cores: uvicorn with 2 workers. Prints p50/p95 of
the full correlation answer over HTTP (which records IncidentReported and IncidentCorrelated) with 1 and 8 clients,
the baseline's time for the same incidents and the ratio, how often the two agree on the gates to close and the
first sensitive target, and tiles per second with p95 at zooms 10–16 for the service and for tipg.
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import multiprocessing
import random
import statistics
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sqlalchemy import create_engine, text

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests" / "integration" / "risk_map"))
from live import LiveServer  # noqa: E402

import risk_map_tipg  # noqa: E402
from ecosafe_kit.auth.principal import Principal  # noqa: E402
from ecosafe_kit.auth.tokens import encode_token  # noqa: E402
from risk_map.settings import Settings  # noqa: E402
from risk_map_baseline import Baseline  # noqa: E402
from benchlib import Target, git_revision, machine_description  # noqa: E402
from hazard_usage import Usage  # noqa: E402
from risk_map_data import ENTERPRISES, KAFKA_DEFAULT, prepare  # noqa: E402

KAFKA = KAFKA_DEFAULT
WORKERS = 2  # one uvicorn worker per core, as deployed on this two-core machine


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def incidents(n: int) -> list[dict]:
    rng = random.Random(7)
    return [{"enterprise": f"e-{rng.randint(1, ENTERPRISES)}", "volume": rng.choice([100, 400, 800, 3000])}
            for _ in range(n)]


def _connection(url: str) -> http.client.HTTPConnection:
    """A keep-alive connection from the standard library: the clients share the two cores with the service, and
    http.client spends a fraction of httpx's CPU per request, so less of the clients' work shows as latency."""
    parts = urllib.parse.urlsplit(url)
    return http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)


def _exchange(conn: http.client.HTTPConnection, method: str, path: str, headers: dict, body: bytes | None = None) -> bytes:
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    data = response.read()
    if response.status >= 400:
        raise RuntimeError(f"{method} {path}: {response.status} {data[:300]!r}")
    return data


def _client(url: str, token: str, chunk: list[tuple[int, dict]], ready, results) -> None:
    """One client process: connects, waits at `ready` until every client has, then posts its incidents one after
    another; puts (latencies in ms, answers by case index, its CPU seconds while posting) on `results`."""
    latencies, answers = [], {}
    cpu = 0.0
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    conn = _connection(url)
    try:
        _exchange(conn, "GET", "/healthz", headers)  # connected before the clock starts
        ready.wait()
        cpu = time.process_time()
        for index, case in chunk:
            body = {"location": {"type": "Point", "coordinates": case["point"]}, "pollutant": "甲醇",
                    "volume_m3": case["volume"], "level": "较大", "enterprise_id": case["enterprise"]}
            payload = json.dumps(body).encode()
            started = time.perf_counter()
            answer = _exchange(conn, "POST", "/incidents", headers, payload)
            latencies.append((time.perf_counter() - started) * 1000)
            answers[index] = answer.decode()
        cpu = time.process_time() - cpu
    finally:
        conn.close()
        results.put((latencies, answers, cpu))


def run_http(url: str, token: str, cases: list[dict], clients: int) -> tuple[list[float], dict[int, str], float]:
    """`clients` concurrent clients, each its own process (threads would queue on one GIL and count that wait as
    the service's latency), sharing the incidents; latencies of all, the answers by case index and the clients'
    CPU seconds.

    A spawned process imports this module again (geopandas and all, about a second of CPU each), so the clients
    start together at a barrier once every one of them is connected: none is still starting while others measure."""
    ctx = multiprocessing.get_context("spawn")
    ready, results = ctx.Barrier(clients + 1), ctx.Queue()
    indexed = list(enumerate(cases))
    processes = [ctx.Process(target=_client, args=(url, token, indexed[i::clients], ready, results))
                 for i in range(clients)]
    for process in processes:
        process.start()
    ready.wait(timeout=120)
    parts = [results.get(timeout=600) for _ in processes]
    for process in processes:
        process.join()
    if any(process.exitcode for process in processes):
        raise RuntimeError("a benchmark client failed (its error is above)")
    latencies = [ms for part, _, _ in parts for ms in part]
    answers = {k: v for _, part, _ in parts for k, v in part.items()}
    if len(answers) != len(cases):
        raise RuntimeError(f"{len(cases) - len(answers)} incidents unanswered")
    return latencies, answers, sum(cpu for _, _, cpu in parts)


def healthz_floor(url: str, n: int = 300) -> list[float]:
    """GET /healthz from one client: what HTTP and uvicorn cost on this machine at this minute, so runs on
    different days can be compared."""
    conn = _connection(url)
    out = []
    try:
        for _ in range(n):
            started = time.perf_counter()
            _exchange(conn, "GET", "/healthz", {})
            out.append((time.perf_counter() - started) * 1000)
    finally:
        conn.close()
    return out


def tile_list(points: list[tuple[float, float]]) -> list[tuple[int, int, int]]:
    """The tile at each point, zooms 10 to 16 in turn."""
    out = []
    for i, (lon, lat) in enumerate(points):
        z = 10 + i % 7
        n = 2 ** z
        out.append((z, int((lon + 180) / 360 * n), int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)))
    return out


def fetch_tiles(url: str, token: str, paths: list[str], clients: int) -> tuple[float, float, int]:
    """Tiles per second over all clients, p95 latency (ms) and total bytes."""
    latencies: list[float] = []
    sizes: list[int] = []
    lock = threading.Lock()

    def worker(chunk: list[str]) -> None:
        conn = _connection(url)
        headers = {"Authorization": f"Bearer {token}"}
        try:
            for path in chunk:
                t = time.perf_counter()
                data = _exchange(conn, "GET", path, headers)
                elapsed = (time.perf_counter() - t) * 1000
                with lock:
                    latencies.append(elapsed)
                    sizes.append(len(data))
        finally:
            conn.close()

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(worker, [paths[i::clients] for i in range(clients)]))
    return len(paths) / (time.perf_counter() - started), pct(latencies, 95), sum(sizes)


def agreement(cases: list[dict], answers: dict[int, str], baseline: Baseline) -> tuple[int, int]:
    """How many answers name the same gates to close and sensitive targets as the baseline, each at the same
    distance (within a metre: the service rounds to 0.1 m), and the same first target (or one at its distance:
    the synthetic map puts several features at one point)."""
    same = 0
    for index, case in enumerate(cases):
        down = json.loads(answers[index]).get("downstream") or {}
        mine = {f["facility_id"]: f["distance_m"] for key in ("gates_to_close", "sensitive_targets")
                for f in down.get(key, [])}
        expected = baseline.correlate(case["enterprise"], case["volume"])
        theirs = {fid: d for d, _, fid, kind in expected["hits"]
                  if kind in ("river_gate", "interception_point", "sensitive_target")}
        first = (down.get("first_sensitive_target") or {}).get("facility_id")
        targets = [(d, fid) for d, _, fid, kind in expected["hits"] if kind == "sensitive_target"]
        first_ok = first is None if not targets else (first in theirs and abs(theirs[first] - min(targets)[0]) < 1)
        same += (mine.keys() == theirs.keys() and all(abs(mine[k] - theirs[k]) < 1 for k in mine) and first_ok)
    return same, len(cases)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=300)
    parser.add_argument("--tiles", type=int, default=350, help="tiles per measurement (zooms 10–16 in turn)")
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--no-tiles", action="store_true", help="only the correlation")
    parser.add_argument("--rounds", type=int, default=3,
                        help="rounds of the 8-client measurement (each round posts every incident once)")
    args = parser.parse_args()
    url = prepare(args.regenerate)
    settings = Settings(database_url=url, kafka_bootstrap_servers=KAFKA)
    token = encode_token(Principal("bench", "基准", frozenset({"admin"})), secret=settings.jwt_secret.get_secret_value())
    cases = incidents(args.incidents)
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT enterprise_id, ST_X(location), ST_Y(location) FROM rm_enterprises "
                                 "WHERE enterprise_id = ANY(:ids)"), {"ids": [c["enterprise"] for c in cases]})
        where = {r[0]: [r[1], r[2]] for r in rows}
        tile_points = [tuple(r) for r in conn.execute(text(
            "SELECT ST_X(location), ST_Y(location) FROM rm_enterprises ORDER BY md5(enterprise_id) LIMIT :n"),
            {"n": args.tiles})]
    engine.dispose()
    for case in cases:
        case["point"] = where[case["enterprise"]]
    tiles = tile_list(tile_points)
    ours = {layer: [f"/tiles/{layer}/{z}/{x}/{y}.mvt" for z, x, y in tiles] for layer in ("sites", "all")}
    tile_rows = []
    with LiveServer(settings, workers=WORKERS) as live:
        # Warm-up with 8 clients: both workers open the pool connections 8 clients need and prepare their
        # statements there (a new connection's first correlation costs ~10 ms more: backend start, planning).
        run_http(live.url, token, cases[:80], 8)
        floor = healthz_floor(live.url)
        one, answers, _ = run_http(live.url, token, cases, 1)
        before = Usage.of(live.process.pid, url)
        measured = [run_http(live.url, token, cases, 8) for _ in range(args.rounds)]
        cpu = before.per_request(Usage.of(live.process.pid, url), len(cases) * args.rounds)
        clients_ms = sum(part[2] for part in measured) * 1000 / (len(cases) * args.rounds)
        rounds = [part[0] for part in measured]
        eight = [ms for part in rounds for ms in part]
        fetch_tiles(live.url, token, ours["sites"][:50], 2)
        for clients in (() if args.no_tiles else (1, 4)):
            tile_rows.append(("sites", "风险一张图 sites", clients, *fetch_tiles(live.url, token, ours["sites"], clients)))
            tile_rows.append(("all", "风险一张图 all (组合图层)", clients, *fetch_tiles(live.url, token, ours["all"], clients)))
    if args.no_tiles:
        pass
    elif risk_map_tipg.available():
        with risk_map_tipg.TipgServer(url, workers=WORKERS) as tipg:
            theirs = [tipg.tile_path(z, x, y) for z, x, y in tiles]
            fetch_tiles(tipg.url, token, theirs[:50], 2)
            for clients in (1, 4):
                tile_rows.append(("tipg", "tipg bench_sites (同 sites 数据)", clients, *fetch_tiles(tipg.url, token, theirs, clients)))
    else:
        print("tipg 未安装 (make bench-tipg-venv), 瓦片无对比", file=sys.stderr)
    baseline = Baseline(url)
    base = []
    for case in cases:
        started = time.perf_counter()
        baseline.correlate(case["enterprise"], case["volume"])
        base.append((time.perf_counter() - started) * 1000)
    same, total = agreement(cases, answers, baseline)
    print()
    print(f"{time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC, revision {git_revision()}; "
          f"{machine_description(Target(url, {}, KAFKA))}")
    print(f"\n关联分析 ({total} 个随机事件, uvicorn {WORKERS} 个进程):\n")
    print("| 测量 | p50 ms | p95 ms | 目标 p95 |")
    print("| --- | ---: | ---: | ---: |")
    print(f"| 关联分析 HTTP, 1 客户端 (含记录两条事件) | {statistics.median(one):.1f} | {pct(one, 95):.1f} | ≤ 15 |")
    print(f"| 关联分析 HTTP, 8 客户端 ({len(rounds)} 轮合计) | {statistics.median(eight):.1f} | {pct(eight, 95):.1f} | ≤ 50 |")
    for number, part in enumerate(rounds, 1):
        print(f"| 　第 {number} 轮 | {statistics.median(part):.1f} | {pct(part, 95):.1f} | |")
    print(f"| 内存基线 (geopandas + networkx, 进程内, 不含 HTTP) | {statistics.median(base):.2f} | {pct(base, 95):.2f} | |")
    print(f"| 比值 服务 / 基线 (1 客户端) | {statistics.median(one) / statistics.median(base):.1f} | "
          f"{pct(one, 95) / pct(base, 95):.1f} | |")
    print(f"| GET /healthz, 1 客户端 (本机此刻 HTTP 与 uvicorn 的底线) | {statistics.median(floor):.2f} | "
          f"{pct(floor, 95):.2f} | |")
    print(f"\n8 客户端时每次关联分析的 CPU: 服务 {cpu.service:.2f} ms, PostgreSQL {cpu.database:.2f} ms, "
          f"客户端 {clients_ms:.2f} ms; 整机 (两核) 繁忙 {cpu.busy:.0%}")
    print(f"\n基线加载数据用时 {baseline.load_seconds:.1f} s (服务无需加载, 始终为最新); "
          f"闸控/拦截点、敏感目标 (含距离) 与首个敏感目标一致: {same}/{total}")
    print("\n矢量瓦片 z10–16:\n")
    print("| 服务 | 客户端 | 瓦片/s | p95 ms | 平均 KB |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for _, name, clients, rate, p95, size in tile_rows:
        print(f"| {name} | {clients} | {rate:.0f} | {p95:.1f} | {size / len(tiles) / 1024:.1f} |")
    rates = {(key, clients): rate for key, _, clients, rate, _, _ in tile_rows}
    for clients in (1, 4):
        mine, theirs = rates.get(("sites", clients)), rates.get(("tipg", clients))
        if mine and theirs:
            print(f"\nsites 对 tipg, {clients} 客户端: {mine / theirs:.2f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
