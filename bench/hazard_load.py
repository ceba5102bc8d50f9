"""Open-loop load: requests sent on a fixed schedule, latency counted from the scheduled send time."""

from __future__ import annotations

import asyncio
import collections
import gc
import time
from dataclasses import dataclass, field

import aiohttp
from tqdm import tqdm

from hazard_loops import Loop, Tokens, new_loops


@dataclass
class Cell:
    """What one offered rate gave: latencies (ms) of the measured window, completions and failures."""

    kind: str
    offered: float
    seconds: float
    latencies_ms: list[float] = field(default_factory=list)
    completed_in_window: int = 0
    errors: collections.Counter = field(default_factory=collections.Counter)
    unfinished: int = 0
    by_step_ms: dict[str, list[float]] = field(default_factory=lambda: collections.defaultdict(list))
    # (hazard id, version) -> wall-clock time the command's response arrived, for the Kafka match
    answered_at: dict[tuple[str, int], float] = field(default_factory=dict)
    lag_ms: float = 0.0  # worst lateness of the scheduler itself (client saturation shows here)

    @property
    def throughput(self) -> float:
        return self.completed_in_window / self.seconds


class Driver:
    """Sends healthz probes or loop commands; hazards waiting for their next step queue in `ready`."""

    def __init__(self, client: aiohttp.ClientSession, tokens: Tokens, enterprises: list[dict],
                 connections: int) -> None:
        self.client = client
        # Requests beyond the pool wait here, in a FIFO that costs O(1) per request, rather than in the
        # client's connection pool.
        self.slots = asyncio.Semaphore(connections)
        self.tokens = tokens
        self.ready: collections.deque[Loop] = collections.deque()
        self.fresh = new_loops(enterprises)
        self.closed_loops = 0

    async def healthz(self, cell: Cell, scheduled: float, measured: bool) -> None:
        async with self.client.get("/healthz") as response:
            await response.read()
            if response.status != 200:
                cell.errors[f"healthz {response.status}"] += 1

    async def command(self, cell: Cell, scheduled: float, measured: bool) -> tuple[str, int] | None:
        # The slot goes to the hazard that has waited longest for its next step, else to a new report.
        loop = self.ready.popleft() if self.ready else next(self.fresh)
        step, path, headers, body = loop.request(self.tokens)
        async with self.client.post(path, headers=headers, json=body) as response:
            answer = await response.json()
            if response.status not in (200, 201):
                cell.errors[f"{step} {response.status}"] += 1
                return None  # this hazard is dropped; the error count says so
        loop.advance(answer)
        if measured:
            cell.answered_at[(loop.hazard_id, loop.version)] = time.time()
        if loop.done:
            self.closed_loops += 1
        else:
            self.ready.append(loop)
        return step, loop.version

    async def run(self, kind: str, rate: float, seconds: float, warmup: float, drain: float) -> Cell:
        """Offer `rate` requests/s for warmup + seconds; only the last `seconds` are measured."""
        # The generator's own full collections (35 ms measured) would count as the service's latency: collect
        # before the cell and not during it; a cell's garbage fits in memory.
        gc.collect()
        gc.disable()
        try:
            return await self._offer(kind, rate, seconds, warmup, drain)
        finally:
            gc.enable()

    async def _offer(self, kind: str, rate: float, seconds: float, warmup: float, drain: float) -> Cell:
        cell = Cell(kind, rate, seconds)
        send = self.healthz if kind == "healthz" else self.command
        total = int(round((warmup + seconds) * rate))
        start = time.perf_counter() + 0.05
        window = (start + warmup, start + warmup + seconds)
        bar = tqdm(total=total, desc=f"{kind:>7} {rate:>5.0f}/s", unit="req", leave=False, mininterval=0.5)
        tasks: set[asyncio.Task] = set()

        async def one(scheduled: float) -> None:
            measured = scheduled >= window[0]
            try:
                async with self.slots:
                    result = await send(cell, scheduled, measured)
            except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
                cell.errors[type(exc).__name__] += 1
                return
            finally:
                bar.update(1)
            done = time.perf_counter()
            if measured and (kind == "healthz" or result is not None):
                cell.latencies_ms.append((done - scheduled) * 1000)
                if result is not None:
                    cell.by_step_ms[result[0]].append((done - scheduled) * 1000)
            if window[0] <= done < window[1] and (kind == "healthz" or result is not None):
                cell.completed_in_window += 1

        for i in range(total):
            scheduled = start + i / rate
            delay = scheduled - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            else:
                cell.lag_ms = max(cell.lag_ms, -delay * 1000)
            task = asyncio.create_task(one(scheduled))
            tasks.add(task)
            task.add_done_callback(tasks.discard)
        if tasks:
            await asyncio.wait(set(tasks), timeout=drain)
        # Still unanswered after the drain: counted at the time waited so far, a lower bound of their latency.
        now = time.perf_counter()
        for task in list(tasks):
            task.cancel()
        cell.unfinished = len(tasks)
        if tasks:
            waited = (now - window[0]) * 1000
            cell.latencies_ms.extend([waited] * len(tasks))
            await asyncio.gather(*tasks, return_exceptions=True)
        bar.close()
        return cell
