"""Where an append's time goes: round trips counted by a pass-through proxy, and statements compiled on every call."""

from __future__ import annotations

import re
import socket
import statistics
import threading
import time
from collections import Counter
from dataclasses import dataclass, field, replace

from sqlalchemy import event, text
from sqlalchemy.engine import Engine, default, make_url

from append_writers import plain_transaction, store_in_transaction, store_transaction
from benchlib import Target
from ecosafe_kit.db import make_engine
from ecosafe_kit.messaging.relay import OutboxRelay

WARMUP = 5


@dataclass
class RoundTrips:
    """Queries per transaction (each is one wait for the server) and which statements they were."""

    label: str
    per_transaction: float
    statements: list[tuple[str, float]]
    compile_ms: dict[str, float] = field(default_factory=dict)  # statement -> ms, for those compiled every call
    kind: str = ""  # the writer kind of append_writers ("store", "store-tx", "plain"); empty for the relay
    batch: int = 0


class CompileWatch:
    """Notes which statements SQLAlchemy compiled afresh instead of reusing a cached form, and times compiling them.

    A statement with its values baked in (``insert(...).values(rows)``) has no cache key, so each call pays
    for compiling it again; that cost is client CPU that a plain psycopg INSERT does not have.
    """

    def __init__(self) -> None:
        self.uncached: dict[str, tuple] = {}

    def __enter__(self) -> CompileWatch:
        event.listen(Engine, "before_cursor_execute", self._note)
        return self

    def __exit__(self, *exc) -> None:
        event.remove(Engine, "before_cursor_execute", self._note)

    def _note(self, conn, cursor, statement, parameters, context, executemany) -> None:
        if context is not None and context.compiled is not None and context.cache_hit != default.CACHE_HIT:
            self.uncached[_label(statement)] = (context.compiled.statement, conn.dialect)

    def compile_ms(self, repeats: int = 20) -> dict[str, float]:
        timings = {}
        for label, (statement, dialect) in self.uncached.items():
            runs = []
            for _ in range(repeats):
                start = time.perf_counter()
                statement.compile(dialect=dialect)
                runs.append((time.perf_counter() - start) * 1000)
            timings[label] = statistics.median(runs)
        return timings


class CountingProxy:
    """Forwards bytes both ways, parses the client's messages and, while counting, keeps each round trip's text.

    psycopg sends BEGIN and COMMIT as simple queries ('Q': one round trip each) and parameterised statements in the
    extended protocol: Parse (the text, once per prepared statement and session), Bind (naming it), Execute, then
    a Sync, after which libpq waits for ReadyForQuery. So a round trip ends at each 'Q' and each 'S'; the text of a
    Bind's prepared statement comes from the Parse seen for it, before counting started or not.
    """

    def __init__(self, host: str, port: int) -> None:
        self.upstream = (host, port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.counting = False
        self.queries: list[str] = []
        self._prepared: dict[bytes, str] = {}  # statement name -> text, per proxy (names are unique per session)
        self._batch: list[str] = []  # the texts of the extended-protocol messages since the last Sync
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, name="bench-proxy", daemon=True).start()

    def start(self) -> None:
        # Called between transactions, when the client is idle: the next byte it sends starts a message.
        with self._lock:
            self.queries = []
            self.counting = True

    def stop(self) -> list[str]:
        with self._lock:
            self.counting = False
            return list(self.queries)

    def close(self) -> None:
        self.listener.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return  # closed
            server = socket.create_connection(self.upstream)
            threading.Thread(target=self._pump, args=(client, server, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, False), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket, from_client: bool) -> None:
        pending = b""
        starting = from_client  # the client's first messages (SSL/GSS requests, startup) carry no type byte
        try:
            while data := source.recv(65536):
                if from_client:
                    pending += data
                    if starting:
                        pending, starting = _skip_startup(pending)
                    if not starting:
                        pending = self._parse(pending)
                sink.sendall(data)
        except OSError:
            pass  # the other side went away; closing both ends below is all there is to do
        finally:
            source.close()
            sink.close()

    def _parse(self, buffer: bytes) -> bytes:
        while len(buffer) >= 5:
            length = int.from_bytes(buffer[1:5], "big")
            if len(buffer) < 1 + length:
                break
            kind, body = buffer[0:1], buffer[5:1 + length]
            with self._lock:
                if kind == b"Q" and self.counting:
                    self.queries.append(body.rstrip(b"\x00").decode(errors="replace"))
                elif kind == b"P":  # Parse: name, query
                    name, query = body.split(b"\x00", 2)[:2]
                    self._prepared[name] = text = query.decode(errors="replace")
                    self._batch.append(text)
                elif kind == b"B":  # Bind: portal, statement name
                    name = body.split(b"\x00", 2)[1]
                    if name:  # the unnamed statement's text came with its Parse, in this batch
                        self._batch.append(self._prepared.get(name, "(prepared)"))
                elif kind == b"S":  # Sync: the round trip
                    if self.counting:
                        self.queries.append(" + ".join(dict.fromkeys(self._batch)) or "Sync")
                    self._batch = []
            buffer = buffer[1 + length:]
        return buffer


_SSL_OR_GSS_REQUESTS = {80877103, 80877104}


def _skip_startup(buffer: bytes) -> tuple[bytes, bool]:
    """Drop the untyped messages a connection opens with; returns what is left and whether still starting."""
    while len(buffer) >= 8:
        length, code = int.from_bytes(buffer[0:4], "big"), int.from_bytes(buffer[4:8], "big")
        if len(buffer) < length:
            break
        buffer = buffer[length:]
        if code not in _SSL_OR_GSS_REQUESTS:
            return buffer, False  # the StartupMessage: typed messages follow
    return buffer, True


def _label(query: str) -> str:
    flat = re.sub(r"\s+", " ", query).strip()
    flat = re.sub(r"VALUES .*", "VALUES …", flat)
    flat = re.sub(r'^(EXECUTE "?\w+"?) .*', r"\1 (…)", flat)  # a prepared statement: one label whatever its arguments
    return flat if len(flat) <= 72 else flat[:71] + "…"


def _summarise(label: str, queries: list[str], transactions: int, compile_ms: dict[str, float]) -> RoundTrips:
    counts = Counter(_label(q) for q in queries)
    return RoundTrips(label=label, per_transaction=len(queries) / transactions,
                      statements=[(s, n / transactions) for s, n in counts.most_common()], compile_ms=compile_ms)


def _through(target: Target, proxy: CountingProxy) -> Target:
    url = make_url(target.url).set(host="127.0.0.1", port=proxy.port)
    return replace(target, url=url.render_as_string(hide_password=False),
                   dsn={**target.dsn, "host": "127.0.0.1", "port": proxy.port})


def measure(target: Target, stream_type: str, prefix: str, transactions: int = 100) -> list[RoundTrips]:
    """Round trips of one append (1 event and 100 events), of the plain INSERT, and of one idle relay poll."""
    proxy = CountingProxy(target.dsn["host"], int(target.dsn["port"]))
    proxied = _through(target, proxy)
    found = []
    try:
        for kind, label, make in (("store", "event store, `append_alone`", store_transaction),
                                  ("store-tx", "event store, `append` in a caller's transaction", store_in_transaction),
                                  ("plain", "plain INSERT", plain_transaction)):
            for batch in (1, 100):
                transaction, _ = make(proxied, stream_type, f"{prefix}-rt-{kind}{batch}", batch)
                found.append(replace(_count(proxy, f"{label}, {batch} event{'s' if batch > 1 else ''}/tx",
                                            transaction, transactions), kind=kind, batch=batch))
        name = f"bench-relay-rt-{prefix}"
        _start_caught_up(target, name)
        relay = OutboxRelay(engine=make_engine(proxied.url, pool_size=2), service="bench",
                            bootstrap_servers=target.kafka, stream_types=[f"{stream_type}-none"], name=name)
        found.append(_count(proxy, "relay, one poll finding nothing", relay.publish_batch, transactions))
        relay.engine.dispose()
    finally:
        proxy.close()
    return found


# A relay that has published everything so far starts from the log's last event: from a checkpoint at the log's
# start, each poll of a stream type with no events would read through the whole bench log (millions of rows).
_CAUGHT_UP = text("INSERT INTO es_relay_checkpoints (relay, tx_id, seq) "
                  "SELECT :relay, tx_id, seq FROM es_events ORDER BY tx_id DESC, seq DESC LIMIT 1")


def _start_caught_up(target: Target, relay: str) -> None:
    engine = make_engine(target.url, pool_size=1)
    try:
        with engine.begin() as conn:
            conn.execute(_CAUGHT_UP, {"relay": relay})
    finally:
        engine.dispose()


def _count(proxy: CountingProxy, label: str, transaction, transactions: int) -> RoundTrips:
    for _ in range(WARMUP):
        transaction()
    proxy.start()
    with CompileWatch() as watch:
        for _ in range(transactions):
            transaction()
    return _summarise(label, proxy.stop(), transactions, watch.compile_ms())
