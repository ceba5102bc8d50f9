"""CPU accounting of a benchmark cell: the service process, its PostgreSQL backends, the client, the machine."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from benchlib import process_cpu_seconds
from hazard_stack import Service, backend_pids

_TICKS = os.sysconf("SC_CLK_TCK")


def _machine() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot, from /proc/stat."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    total = sum(fields[:8])  # guest time is already counted in user
    return (total - idle) / _TICKS, total / _TICKS


def _tree_cpu_seconds(pid: int) -> float:
    """CPU seconds of a process and its living descendants (uvicorn's worker processes under --workers N)."""
    total = process_cpu_seconds(pid) or 0.0
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return total
    return total + sum(_tree_cpu_seconds(int(child)) for child in children)


@dataclass(frozen=True)
class PerRequest:
    """CPU milliseconds per request of each party, and how busy the machine was (fractions of all cores)."""

    service: float
    database: float
    client: float
    busy: float
    others: float  # everything else on the machine: Kafka, other sessions' tests and benchmarks


@dataclass(frozen=True)
class Usage:
    """A reading of the CPU counters at one instant."""

    wall: float
    service: float
    backends: dict[int, float]
    client: float
    machine_busy: float
    machine_total: float

    @classmethod
    def take(cls, service: Service) -> "Usage":
        return cls.of(service.process.pid, service.database_url)

    @classmethod
    def of(cls, service_pid: int, database_url: str) -> "Usage":
        """The service's process tree, the backends connected to its database, this process as the client."""
        pids = backend_pids(database_url)
        busy, total = _machine()
        return cls(time.monotonic(), _tree_cpu_seconds(service_pid),
                   {p: process_cpu_seconds(p) or 0.0 for p in pids}, time.process_time(), busy, total)

    def per_request(self, later: "Usage", requests: float) -> PerRequest:
        n = max(1.0, requests)
        service = later.service - self.service
        # Backends alive at the later reading: one the pool opened in between counts whole (all its CPU falls in
        # the interval; under load the pools grow, and those backends did most of the work). One closed in
        # between is missed.
        database = sum(cpu - self.backends.get(p, 0.0) for p, cpu in later.backends.items())
        client = later.client - self.client
        total = max(1e-9, later.machine_total - self.machine_total)
        busy = later.machine_busy - self.machine_busy
        return PerRequest(service * 1000 / n, database * 1000 / n, client * 1000 / n, busy / total,
                          max(0.0, busy - service - database - client) / total)

    def per_second(self, later: "Usage") -> float:
        """The service's CPU use as a fraction of one core between the two readings."""
        return (later.service - self.service) / max(1e-9, later.wall - self.wall)
