"""Benchmark of the hazard API over real HTTP: whole closed loops at fixed offered rates, against a /healthz floor."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # benchlib and the hazard_* modules

import aiohttp  # noqa: E402
import uvloop  # noqa: E402

import hazard_stack  # noqa: E402
from benchlib import KAFKA, StackNotRunning, check_stack  # noqa: E402
from hazard_kafka import KafkaWatch  # noqa: E402
from hazard_load import Cell, Driver  # noqa: E402
from hazard_loops import Tokens  # noqa: E402
from hazard_report import Row, print_report  # noqa: E402
from hazard_usage import Usage  # noqa: E402

TARGET_RATE, TARGET_P99_MS = 200.0, 25.0
FIXED = (50.0, 200.0)
RAMP = (50.0, 75.0, 100.0, 150.0, 200.0, 300.0, 400.0, 500.0, 650.0, 800.0, 1000.0)


def jwt_secret() -> str:
    """The key the service will check tokens with: the same ECOSAFE_JWT_SECRET (or default) it reads."""
    from hazard.settings import Settings
    return Settings().jwt_secret.get_secret_value()


def sustainable(row: Row, slo_ms: float) -> bool:
    """Keeps up (≥ 95 % of the offered rate answered in the window, < 1 % errors) with p99 within `slo_ms`."""
    cell = row.command
    return (cell.throughput >= 0.95 * cell.offered and row.p99 <= slo_ms
            and sum(cell.errors.values()) <= 0.01 * max(1, cell.completed_in_window) and cell.unfinished == 0)


class Bench:
    """Runs the cells of one benchmark against one service process and one Kafka watcher."""

    def __init__(self, args, service: hazard_stack.Service, watch: KafkaWatch) -> None:
        self.args, self.service, self.watch = args, service, watch
        self.rows: dict[float, Row] = {}

    async def cell(self, driver: Driver, rate: float) -> Row:
        if rate in self.rows:
            return self.rows[rate]
        a = self.args
        await self.settle()
        before = Usage.take(self.service)
        baseline = await driver.run("healthz", rate, a.seconds, a.warmup, a.drain)
        middle = Usage.take(self.service)
        command = await driver.run("command", rate, a.seconds, a.warmup, a.drain)
        after = Usage.take(self.service)
        arrivals = {}
        if not a.no_relay:
            arrivals = await asyncio.to_thread(self.watch.collect, list(command.answered_at), a.kafka_timeout)
        kafka_ms = [(arrivals[k] - t) * 1000 for k, t in command.answered_at.items() if k in arrivals]
        row = Row(rate, baseline, command, kafka_ms, missing=len(command.answered_at) - len(kafka_ms),
                  # CPU of the whole cell, warm-up included, over every command it sent (not just the measured
                  # window's, which overstated the cost per command by (warm-up + seconds) / seconds).
                  usage=middle.per_request(after, rate * (a.seconds + a.warmup)),
                  base_usage=before.per_request(middle, rate * (a.seconds + a.warmup)), load=os.getloadavg()[0])
        self.rows[rate] = row
        ok = "ok" if sustainable(row, a.slo_ms) else "NOT sustained"
        print(f"  {rate:>6.0f}/s  healthz p99 {row.base_p99:7.1f} ms | command {command.throughput:6.1f}/s "
              f"p50 {row.p50:6.1f} p99 {row.p99:7.1f} ms | kafka p99 {row.kafka_p99:7.1f} ms "
              f"({row.missing} missing) | errors {sum(command.errors.values())} | CPU ms/cmd svc "
              f"{row.usage.service:.1f} db {row.usage.database:.1f} client {row.usage.client:.1f}, "
              f"machine busy {row.usage.busy:.0%} | {ok}", flush=True)
        return row

    async def settle(self, limit: float = 60.0) -> None:
        """Wait until the service has worked off what an overloaded cell left queued (under 25 % of a core)."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            first = Usage.take(self.service)
            await asyncio.sleep(1.0)
            if first.per_second(Usage.take(self.service)) < 0.25:
                return

    async def run(self) -> float | None:
        a = self.args
        # aiohttp rather than httpx: the load generator shares the two cores with the service, and aiohttp's
        # C parser costs about a third of httpx's CPU per request.
        connector = aiohttp.TCPConnector(limit=a.connections)
        async with aiohttp.ClientSession(self.service.base_url, connector=connector,
                                         timeout=aiohttp.ClientTimeout(total=60.0)) as client:
            driver = Driver(client, Tokens(jwt_secret()), self.service.enterprises, a.connections)
            idle = Usage.take(self.service)
            await asyncio.sleep(3.0)
            self.idle_cpu = idle.per_second(Usage.take(self.service))
            await driver.run("command", 20.0, 2.0, 0.0, a.drain)  # warm the connections, caches and JIT-free paths
            print("offered rate → results (each cell: /healthz first, then loop commands)", flush=True)
            highest_ok, first_bad = None, None
            for rate in RAMP:
                row = await self.cell(driver, rate)
                if sustainable(row, a.slo_ms):
                    highest_ok = rate
                elif first_bad is None:
                    first_bad = rate
                if first_bad is not None and rate >= max(FIXED):
                    break
            for rate in (35.0, 25.0, 15.0, 10.0):  # nothing in the ramp kept up: look below it
                if highest_ok is not None:
                    break
                if sustainable(await self.cell(driver, rate), a.slo_ms):
                    highest_ok = rate
            if highest_ok is not None and first_bad is not None and first_bad > highest_ok * 1.2:
                middle = round((highest_ok + first_bad) / 2 / 10) * 10  # one bisection step
                if sustainable(await self.cell(driver, middle), a.slo_ms):
                    highest_ok = middle
            self.closed = driver.closed_loops
        return highest_ok


def parse(argv: list[str] | None):
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--quick", action="store_true", help="short cells (4 s measured, 1 s warm-up)")
    p.add_argument("--seconds", type=float, help="measured seconds per cell (default 15, --quick 4)")
    p.add_argument("--warmup", type=float, help="unmeasured seconds at the start of each cell (default 3)")
    p.add_argument("--drain", type=float, default=20.0, help="seconds to wait for answers after a cell's last send")
    p.add_argument("--slo-ms", type=float, default=100.0,
                   help="p99 above which a rate counts as not sustained in the ramp (default 100)")
    p.add_argument("--connections", type=int, default=64, help="HTTP connections of the client pool")
    p.add_argument("--kafka-timeout", type=float, default=20.0, help="seconds to wait for events on Kafka per cell")
    p.add_argument("--no-relay", action="store_true",
                   help="diagnostic: the service without its in-process outbox relay (no →Kafka figures)")
    p.add_argument("--workers", type=int, default=1,
                   help="uvicorn worker processes of the service (ecosafe-serve; 2 uses both cores of this machine)")
    p.add_argument("--fresh", action="store_true", help="drop and re-create the hazard_bench database first")
    args = p.parse_args(argv)
    args.seconds = args.seconds or (4.0 if args.quick else 15.0)
    args.warmup = args.warmup if args.warmup is not None else (1.0 if args.quick else 3.0)
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    try:
        check_stack()
    except StackNotRunning as exc:
        print(exc, file=sys.stderr)
        return 2
    run_id = uuid.uuid4().hex[:8]
    started = time.time()
    print(f"hazard API benchmark {run_id}: preparing database {hazard_stack.DATABASE}", flush=True)
    url = hazard_stack.prepare_database(args.fresh)
    watch = KafkaWatch(KAFKA)
    service = None
    try:
        service = hazard_stack.start(url, run_id, relay=not args.no_relay, workers=args.workers)
        print(f"service at {service.base_url} (pid {service.process.pid}, log {service.log_path}); "
              f"{len(service.enterprises)} enterprises known", flush=True)
        bench = Bench(args, service, watch)
        # uvloop: the load generator shares the two cores with the service, so its own CPU per request matters.
        with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
            highest = runner.run(bench.run())
    finally:
        if service is not None:
            service.stop()
        watch.stop()
    print_report(bench.rows, highest, args, TARGET_RATE, TARGET_P99_MS, url, time.time() - started, bench.closed,
                 bench.idle_cpu)
    return 0


if __name__ == "__main__":
    sys.exit(main())
