"""Tables and the Markdown summary of the hazard API benchmark."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

from benchlib import KAFKA, Target, fmt, git_revision, machine_description, markdown_table, percentile, ratio
from hazard_load import Cell
from hazard_usage import PerRequest
from hazard_loops import STEPS


@dataclass
class Row:
    """One offered rate: the /healthz baseline and the loop commands, side by side."""

    rate: float
    baseline: Cell
    command: Cell
    kafka_ms: list[float] = field(default_factory=list)
    missing: int = 0
    usage: PerRequest | None = None
    base_usage: PerRequest | None = None
    load: float = float("nan")

    @property
    def p50(self) -> float:
        return percentile(self.command.latencies_ms, 50)

    @property
    def p99(self) -> float:
        return percentile(self.command.latencies_ms, 99)

    @property
    def base_p50(self) -> float:
        return percentile(self.baseline.latencies_ms, 50)

    @property
    def base_p99(self) -> float:
        return percentile(self.baseline.latencies_ms, 99)

    @property
    def kafka_p50(self) -> float:
        return percentile(self.kafka_ms, 50)

    @property
    def kafka_p99(self) -> float:
        return percentile(self.kafka_ms, 99)


def _table(rows: list[Row], highest: float | None) -> str:
    headers = ["offered /s", "healthz /s", "healthz p50", "healthz p99", "commands /s", "p50 ms", "p99 ms",
               "p99 ÷ healthz", "→Kafka p50", "→Kafka p99", "failed/unanswered"]
    body = []
    for r in rows:
        mark = " ★" if r.rate == highest else ""
        errors = sum(r.command.errors.values()) + r.command.unfinished
        body.append([fmt(r.rate) + mark, fmt(r.baseline.throughput, 1), fmt(r.base_p50, 1), fmt(r.base_p99, 1),
                     fmt(r.command.throughput, 1), fmt(r.p50, 1), fmt(r.p99, 1), ratio(r.p99, r.base_p99),
                     fmt(r.kafka_p50, 1), fmt(r.kafka_p99, 1), fmt(errors)])
    return markdown_table(headers, body)


def _cpu_table(rows: list[Row]) -> str:
    headers = ["offered /s", "svc ms/healthz", "svc ms/cmd", "db ms/cmd", "client ms/cmd", "machine busy",
               "others' share", "load avg"]
    body = []
    for r in rows:
        u, b = r.usage, r.base_usage
        body.append([fmt(r.rate), fmt(b.service, 2), fmt(u.service, 2), fmt(u.database, 2), fmt(u.client, 2),
                     f"{u.busy:.0%}", f"{u.others:.0%}", fmt(r.load, 1)])
    return markdown_table(headers, body)


def _steps(row: Row) -> str:
    body = [[s, fmt(len(row.command.by_step_ms.get(s, []))), fmt(percentile(row.command.by_step_ms.get(s, []), 50), 1),
             fmt(percentile(row.command.by_step_ms.get(s, []), 99), 1)] for s in STEPS]
    return markdown_table(["step", "n", "p50 ms", "p99 ms"], body)


def print_report(rows: dict[float, Row], highest: float | None, args, target_rate: float, target_p99: float,
                 database_url: str, elapsed: float, closed_loops: int, idle_cpu: float) -> None:
    ordered = [rows[r] for r in sorted(rows)]
    target = rows.get(target_rate)
    met = target is not None and target.p99 <= target_p99 and target.command.throughput >= 0.95 * target_rate
    verdict = (f"p99 {fmt(target.p99, 1)} ms at {target_rate:.0f} commands/s → target p99 ≤ {target_p99:.0f} ms "
               f"{'MET' if met else 'NOT MET'}") if target else "the 200/s cell did not run"
    errors = {}
    for r in ordered:
        for key, n in r.command.errors.items():
            errors[key] = errors.get(key, 0) + n
    machine = machine_description(Target(url=database_url, dsn={}, kafka=KAFKA))
    lines = [
        "### Benchmark (`bench/hazard_api.py`)",
        "",
        f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, revision {git_revision()}; {machine}.",
        (f"uvicorn with {args.workers} worker processes (ecosafe-serve, " if args.workers > 1 else "One uvicorn process (")
        + "`--log-level warning --no-access-log`, relay and consumers in-process) on its own "
        "database; the load generator (asyncio + aiohttp, open loop: requests leave on a fixed schedule and latency "
        "counts from the scheduled time) on the same machine. A command is one step of a hazard's loop "
        "(report → assign → plan → complete → verify → close; half the hazards major, closed by a group leader), "
        f"sent with its role's token and `If-Match`. Each cell: {args.warmup:g} s warm-up, {args.seconds:g} s "
        "measured; /healthz at the same rate and with the same client first, as the floor of HTTP + uvicorn. "
        "→Kafka: from the command's HTTP response to a kafka-python consumer receiving that event "
        "(`ecosafe.hazard.hazard`, matched by hazard id and `ce_streamversion`). ★ highest sustainable rate (≥ 95 % of offered answered, "
        f"p99 ≤ {args.slo_ms:g} ms, < 1 % errors).",
        "",
        _table(ordered, highest),
        "",
        f"**{verdict}.** Highest sustainable rate: {fmt(highest)} commands/s. "
        f"{closed_loops} loops closed in {elapsed / 60:.1f} min; errors: {errors or 'none'}.",
        "",
        "CPU per request (ms) of the service process (all its threads: HTTP, endpoints, relay, consumers), of its "
        "PostgreSQL backends and of the load generator; machine busy = all cores; others' share = CPU of every "
        f"other process (Kafka, other sessions' work). Idle, the service uses {idle_cpu:.1%} of a core "
        "(relay, consumers, sweep).",
        "",
        _cpu_table(ordered),
    ]
    if target:
        lines += ["", f"Per step at {target_rate:.0f}/s:", "", _steps(target)]
    print("\n" + "\n".join(lines))
