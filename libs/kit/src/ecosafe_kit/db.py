"""Database engine for a service's own PostgreSQL database (psycopg 3 through SQLAlchemy)."""

import time

import orjson
from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import DisconnectionError

from ecosafe_kit.prepared import PREPARE_ONLY_WHEN_ASKED

DRIVERNAME = "postgresql+psycopg"
# A pooled connection given back less than this long ago is handed out again without a ping (see make_engine).
PING_AFTER_IDLE_SECONDS = 1.0
_LAST_USED = "ecosafe_last_used"


def dumps(value) -> str:
    """JSON text for a JSONB parameter: orjson (a tenth of the json module's CPU), non-string keys allowed as the
    json module allows them."""
    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()


def psycopg_url(url: str | URL) -> URL:
    """The URL with its PostgreSQL driver set to psycopg 3: `postgresql://` and `postgresql+psycopg2://` (older
    settings and deployments) name the same database. Other backends are left as they are."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        parsed = parsed.set(drivername=DRIVERNAME)
    return parsed


def make_engine(url: str | URL, *, pool_size: int = 8, max_overflow: int = 0,
                ping_after_idle: float = PING_AFTER_IDLE_SECONDS) -> Engine:
    """An engine on psycopg 3 whatever PostgreSQL driver the URL names (`postgresql://`, `postgresql+psycopg2://`
    and `postgresql+psycopg://` alike); JSON and JSONB columns are encoded and decoded with orjson. Pool defaults as
    ServiceSettings' (why: there).

    A connection that has been idle in the pool for `ping_after_idle` seconds is pinged when handed out, so a
    restarted database costs one failed check rather than a failed request. One used moments ago is not: pinging
    on every checkout was one round trip in four of every single-event append, and a connection that just
    committed is alive unless the server went away in between, which the failed statement then reports (and
    SQLAlchemy discards that connection).

    psycopg's automatic preparation (after 5 runs of the same statement) is off: it would put every repeated
    query on a generic plan in sessions that force them (ecosafe_kit.prepared), and psycopg deallocates all prepared
    statements of a session on each rollback, taking the ones ecosafe_kit.prepared made with them."""
    return _engine(psycopg_url(url), pool_size, max_overflow, ping_after_idle, prepare_threshold=None)


def _engine(url: URL, pool_size: int, max_overflow: int, ping_after_idle: float, *, prepare_threshold: int | None,
            **options) -> Engine:
    engine = create_engine(url, pool_size=pool_size, max_overflow=max_overflow, pool_pre_ping=False,
                           json_serializer=dumps, json_deserializer=orjson.loads,
                           connect_args={"prepare_threshold": prepare_threshold}, **options)
    _ping_when_idle(engine, ping_after_idle)
    return engine


def make_autocommit_engine(engine: Engine) -> Engine:
    """A pool of its own beside `engine`'s, on the same database, of sessions in autocommit whose statements psycopg
    prepares when asked (`binary_rows(..., prepare=True)`): each statement is a transaction of its own.

    Its own pool, because psycopg deallocates every statement of a session (DEALLOCATE ALL, SQL-level ones too) on
    a rollback from inside a transaction, which a session in autocommit never makes."""
    pool_size = engine.pool.size() if hasattr(engine.pool, "size") else 2
    return _engine(engine.url, pool_size, 0, PING_AFTER_IDLE_SECONDS, prepare_threshold=PREPARE_ONLY_WHEN_ASKED,
                   isolation_level="AUTOCOMMIT")


def _ping_when_idle(engine: Engine, idle_seconds: float) -> None:
    # SQLAlchemy's documented pessimistic-disconnect recipe (a checkout handler raising DisconnectionError, after
    # which the pool discards the connection and tries another), with the ping skipped for a recently used one.
    def used(dbapi_connection, record, *_) -> None:
        record.info[_LAST_USED] = time.monotonic()

    def checkout(dbapi_connection, record, proxy) -> None:
        last = record.info.get(_LAST_USED)
        if last is not None and time.monotonic() - last < idle_seconds:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as error:
            raise DisconnectionError(f"pooled connection failed its ping: {error}") from error

    event.listen(engine, "connect", used)
    event.listen(engine, "checkin", used)
    event.listen(engine, "checkout", checkout)
