"""ecosafe-serve's listener: connections accepted by uvicorn's worker processes get TCP_NODELAY (no 40 ms stalls)."""

from __future__ import annotations

import asyncio
import multiprocessing.reduction
import pickle
import socket

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
