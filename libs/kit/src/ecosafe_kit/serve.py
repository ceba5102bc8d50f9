"""`ecosafe-serve`: runs a service under uvicorn, with worker processes whose connections skip Nagle's delay.

uvicorn's `--workers N` binds the listening socket itself with `proto` 0; the workers' accepted sockets inherit
it, and asyncio turns on TCP_NODELAY only for sockets that say IPPROTO_TCP. Every keep-alive response then
leaves in two segments, the second held until the client's delayed ACK: about 40 ms per request on Linux
(uvicorn issue #3149). This binds the listener with IPPROTO_TCP and otherwise runs uvicorn as its CLI would; with
several workers it also gives them one Prometheus directory, so /metrics speaks for the whole service, and forgets
the live gauges of a worker that died.
"""

from __future__ import annotations

import argparse
import os
import socket
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from uvicorn.supervisors import Multiprocess


class MetricsSupervisor(Multiprocess):
    """uvicorn's worker supervisor that also tells prometheus_client when a worker is gone.

    In multiprocess mode every worker writes its gauges into files named after its pid; the `live*` gauges (requests
    in flight, relay and consumer lag) of a worker that died or was replaced would be reported until the service
    restarts unless its files are marked dead."""

    def keep_subprocess_alive(self) -> None:
        before = self._pids()
        super().keep_subprocess_alive()
        self._forget_gone(before)

    def restart_all(self) -> None:
        before = self._pids()
        super().restart_all()
        self._forget_gone(before)

    def _pids(self) -> set[int]:
        return {process.pid for process in self.processes if process.pid is not None}

    def _forget_gone(self, before: set[int]) -> None:
        gone = before - self._pids()
        if not gone:
            return
        try:
            from prometheus_client import multiprocess
        except ImportError:
            # ecosafe-serve also runs apps without Prometheus (tipg, for the benchmark, from a venv of its own):
            # they have no gauges to forget.
            return
        for pid in gone:
            multiprocess.mark_process_dead(pid)


class TcpConfig(uvicorn.Config):
    """uvicorn's Config whose bound listener says IPPROTO_TCP, so asyncio sets TCP_NODELAY on each connection."""

    def bind_socket(self) -> socket.socket:
        sock = super().bind_socket()
        if sock.family not in (socket.AF_INET, socket.AF_INET6) or sock.proto == socket.IPPROTO_TCP:
            return sock
        # Same descriptor, same binding; only the protocol the Python object reports changes.
        tcp = socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=sock.detach())
        tcp.set_inheritable(True)
        return tcp


@contextmanager
def _shared_metrics_directory() -> Iterator[None]:
    """Worker processes write their Prometheus figures into one directory (prometheus_client's multiprocess mode),
    so /metrics reports the whole service whichever worker answers. Set before the workers start: they read it
    when they first import prometheus_client. An operator's own PROMETHEUS_MULTIPROC_DIR is kept."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        yield
        return
    with tempfile.TemporaryDirectory(prefix="ecosafe-metrics-") as directory:
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = directory
        try:
            yield
        finally:
            del os.environ["PROMETHEUS_MULTIPROC_DIR"]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="ecosafe-serve", description="以 uvicorn 运行服务 (多进程时连接启用 TCP_NODELAY)")
    parser.add_argument("app", help="应用的导入路径, 如 risk_map.entrypoints.app:create_app")
    parser.add_argument("--factory", action="store_true", help="app 是返回应用的工厂函数")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--workers", type=int, default=1, help="工作进程数 (每核一个)")
    parser.add_argument("--log-level", default="info")
    parser.add_argument("--no-access-log", action="store_true")
    parser.add_argument("--proxy-headers", action="store_true")
    parser.add_argument("--forwarded-allow-ips", default=None)
    args = parser.parse_args(argv)
    config = TcpConfig(args.app, factory=args.factory, host=args.host, port=args.port, workers=args.workers,
                       log_level=args.log_level, access_log=not args.no_access_log, proxy_headers=args.proxy_headers,
                       forwarded_allow_ips=args.forwarded_allow_ips)
    if config.workers > 1:
        with _shared_metrics_directory():
            MetricsSupervisor(config, sockets=[config.bind_socket()]).run()
    else:
        # One process: uvicorn lets asyncio bind from getaddrinfo, which already says IPPROTO_TCP.
        uvicorn.Server(config).run()


if __name__ == "__main__":
    main()
