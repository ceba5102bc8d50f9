"""ecosafe-serve: worker connections get TCP_NODELAY (no 40 ms stalls); a dead worker's live gauges are forgotten."""

from __future__ import annotations

import asyncio
import multiprocessing.reduction
import os
import pickle
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import uvicorn

from ecosafe_kit.serve import TcpConfig


def _nodelay_of_accepted_connection(listener: socket.socket) -> int:
    """Serve one connection from `listener` with asyncio, as a uvicorn worker does, and read its TCP_NODELAY."""
    seen: list[int] = []

    class Probe(asyncio.Protocol):
        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            seen.append(transport.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            transport.close()

    async def run() -> None:
        server = await asyncio.get_running_loop().create_server(Probe, sock=listener)
        host, port = listener.getsockname()[:2]
        _, writer = await asyncio.open_connection(host, port)
        for _ in range(100):
            if seen:
                break
            await asyncio.sleep(0.01)
        writer.close()
        server.close()

    asyncio.run(run())
    return seen[0]


def _as_a_worker_receives_it(sock: socket.socket) -> socket.socket:
    """The listener as a spawned worker process rebuilds it (multiprocessing pickles sockets this way)."""
    buffer = multiprocessing.reduction.ForkingPickler.dumps(sock)
    return pickle.loads(buffer)


def test_the_listener_says_tcp_so_worker_connections_get_nodelay():
    config = TcpConfig("unused:app", host="127.0.0.1", port=0, workers=2)
    listener = _as_a_worker_receives_it(config.bind_socket())
    assert listener.proto == socket.IPPROTO_TCP
    assert _nodelay_of_accepted_connection(listener) == 1


def test_uvicorns_own_listener_still_loses_nodelay_and_this_workaround_is_still_needed():
    # When this fails, uvicorn has fixed issue #3149: ecosafe-serve can then go back to plain uvicorn.
    listener = _as_a_worker_receives_it(uvicorn.Config("unused:app", host="127.0.0.1", port=0, workers=2).bind_socket())
    assert _nodelay_of_accepted_connection(listener) == 0


_APP = '''
from prometheus_client import Gauge

IN_FLIGHT = Gauge("probe_in_flight", "a live gauge, as the kit's requests in flight", multiprocess_mode="livesum")
IN_FLIGHT.set(1)


async def app(scope, receive, send):
    if scope["type"] == "http":
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})
'''


def _live_gauge_pids(directory: Path) -> set[int]:
    return {int(f.stem.rsplit("_", 1)[1]) for f in directory.glob("gauge_livesum_*.db")}


def _wait_for(condition, seconds: float = 20.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.1)
    return condition()


def test_a_dead_workers_live_gauges_are_forgotten_when_it_is_replaced(tmp_path):
    (tmp_path / "probe_app.py").write_text(_APP)
    metrics = tmp_path / "metrics"
    metrics.mkdir()
    env = {**os.environ, "PYTHONPATH": str(tmp_path), "PROMETHEUS_MULTIPROC_DIR": str(metrics)}
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "ecosafe_kit.serve", "probe_app:app", "--port", str(port),
                               "--workers", "2", "--log-level", "warning"], env=env, cwd=tmp_path)
    try:
        first = _wait_for(lambda: len(_live_gauge_pids(metrics)) == 2 and _live_gauge_pids(metrics))
        assert len(first) == 2
        victim = min(first)
        os.kill(victim, signal.SIGKILL)
        # The supervisor starts a replacement; the victim's file goes, the replacement's appears.
        after = _wait_for(lambda: (victim not in _live_gauge_pids(metrics) and len(_live_gauge_pids(metrics)) == 2
                                   and _live_gauge_pids(metrics)))
        assert after and victim not in after and (first - {victim}) <= after
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_serve_needs_nothing_but_uvicorn_so_the_benchmark_can_start_tipg_with_it():
    # The risk-map benchmark starts tipg through ecosafe-serve from tipg's own venv, which has no prometheus_client.
    blocked = "import sys; sys.modules['prometheus_client'] = None; import ecosafe_kit.serve"
    assert subprocess.run([sys.executable, "-c", blocked]).returncode == 0
