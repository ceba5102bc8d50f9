"""Where one hazard command's time goes: its phases timed in-process, one loop after another, plus a cProfile top list."""

from __future__ import annotations

import argparse
import collections
import cProfile
import io
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import asyncio  # noqa: E402

import httpx  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402

import hazard_stack  # noqa: E402
from benchlib import KAFKA, fmt, markdown_table  # noqa: E402
from hazard_loops import Loop, Tokens  # noqa: E402

PHASES = ("auth (JWT decode)", "load aggregate", "enterprise lookup", "ledger number", "append (store)",
          "projection", "service total", "request total")


class Phases:
    """Wraps the functions a command passes through and adds up wall and CPU time per phase."""

    def __init__(self) -> None:
        self.wall: dict[str, list[float]] = collections.defaultdict(list)
        self.cpu: dict[str, list[float]] = collections.defaultdict(list)
        self._patched: list[tuple[object, str, object]] = []

    def wrap(self, owner, name: str, phase: str) -> None:
        original = getattr(owner, name)

        def timed(*args, **kwargs):
            w, c = time.perf_counter(), time.thread_time()
            try:
                return original(*args, **kwargs)
            finally:
                self.wall[phase].append((time.perf_counter() - w) * 1000)
                self.cpu[phase].append((time.thread_time() - c) * 1000)

        setattr(owner, name, timed)
        self._patched.append((owner, name, original))

    def install(self) -> None:
        import ecosafe_kit.auth.dependencies as auth
        import hazard.adapters.enterprises as enterprises
        import hazard.adapters.ledger_numbers as ledger_numbers
        import hazard.service_layer.hazards as hazards
        from ecosafe_kit.repository import Repository
        self.wrap(auth, "decode_token", PHASES[0])
        self.wrap(Repository, "get", PHASES[1])
        self.wrap(enterprises, "find", PHASES[2])
        self.wrap(ledger_numbers, "allocate", PHASES[3])
        self.wrap(Repository, "save", PHASES[4])
        self.wrap(hazards, "apply_stored", PHASES[5])
        for name in ("report", "_act"):
            self.wrap(hazards.HazardService, name, PHASES[6])

    def table(self, commands: int) -> str:
        rows = []
        for phase in PHASES:
            wall, cpu = sum(self.wall[phase]) / commands, sum(self.cpu[phase]) / commands
            rows.append([phase, fmt(wall, 2), fmt(cpu, 2), fmt(wall - cpu, 2)])
        return markdown_table(["phase (per command)", "wall ms", "CPU ms (this thread)", "waiting ms"], rows)


def inline_threadpool() -> None:
    """Run FastAPI's sync endpoints and dependencies on the calling thread, so one profiler sees everything."""
    import fastapi.dependencies.utils as dependency_utils
    import fastapi.routing as routing

    async def inline(func, *args, **kwargs):
        return func(*args, **kwargs)

    import hazard.entrypoints.hazards as hazard_endpoints  # async endpoints that hop to the threadpool themselves

    routing.run_in_threadpool = inline
    dependency_utils.run_in_threadpool = inline
    hazard_endpoints.run_in_threadpool = inline


def run(loops: int, profile_top: int, callers: list[str]) -> None:
    url = hazard_stack.prepare_database(fresh=False)
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(text(
            "SELECT enterprise_id, jurisdiction_code FROM hazard_enterprises ORDER BY enterprise_id LIMIT 30"))]
    engine.dispose()
    if not rows:
        raise SystemExit("no enterprises in hazard_bench yet: run bench/hazard_api.py --quick once first")
    from hazard.entrypoints.app import create_app
    from hazard.settings import Settings
    settings = Settings(database_url=url, kafka_bootstrap_servers=KAFKA, relay_enabled=False,
                        consumers_enabled=False, log_level="WARNING")
    inline_threadpool()
    app = create_app(settings)  # no lifespan: no relay, consumers or sweep in this process
    tokens = Tokens(settings.jwt_secret.get_secret_value())
    phases = Phases()
    phases.install()

    asyncio.run(drive(app, tokens, rows, phases, loops, profile_top, callers))


async def drive(app, tokens: Tokens, rows: list[dict], phases: Phases, loops: int, profile_top: int,
                callers: list[str]) -> None:
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://hazard")

    async def one_loop(n: int) -> int:
        row = rows[n % len(rows)]
        loop, sent = Loop(row["enterprise_id"], row["jurisdiction_code"], "major" if n % 2 == 0 else "general"), 0
        while not loop.done:
            _, path, headers, body = loop.request(tokens)
            w, c = time.perf_counter(), time.thread_time()
            response = await client.post(path, headers=headers, json=body)
            phases.wall[PHASES[7]].append((time.perf_counter() - w) * 1000)
            phases.cpu[PHASES[7]].append((time.thread_time() - c) * 1000)
            assert response.status_code in (200, 201), response.text
            loop.advance(response.json())
            sent += 1
        return sent

    for n in range(5):  # warm caches (statement cache, connection pool) before timing
        await one_loop(n)
    phases.wall.clear(), phases.cpu.clear()
    commands = 0
    for n in range(loops):  # timed without the profiler, whose overhead would swell every phase
        commands += await one_loop(n)
    timed = (dict(phases.wall), dict(phases.cpu))
    profiler = cProfile.Profile()
    profiler.enable()
    for n in range(loops):
        await one_loop(n)
    profiler.disable()
    phases.wall, phases.cpu = timed
    print(f"\n{commands} commands, one at a time, in-process through the ASGI app (httpx ASGITransport, sync "
          "endpoints run inline so one thread does all; no sockets, no uvicorn, no relay)\n")
    print(phases.table(commands))
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(profile_top)
    stats.sort_stats("cumulative").print_stats(profile_top)
    for pattern in callers:
        stats.print_callers(pattern)
    print(f"\ncProfile of {commands} more commands, by own time then by cumulative time:\n")
    print("\n".join(line.replace(str(Path(sys.prefix)), "<venv>") for line in out.getvalue().splitlines()
                    if line.strip()))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--loops", type=int, default=50, help="hazard loops to time (6 commands each)")
    p.add_argument("--top", type=int, default=30, help="functions to list from cProfile")
    p.add_argument("--callers", action="append", default=[], metavar="REGEX",
                   help="also list who calls the functions matching REGEX (repeatable)")
    args = p.parse_args(argv)
    run(args.loops, args.top, args.callers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
