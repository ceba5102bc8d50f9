"""Database engine for a service's own PostgreSQL database (psycopg 3 through SQLAlchemy)."""

import orjson
from sqlalchemy import create_engine
from sqlalchemy.engine import URL, Engine, make_url

DRIVERNAME = "postgresql+psycopg"


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


def make_engine(url: str | URL, *, pool_size: int = 8, max_overflow: int = 0) -> Engine:
    """An engine on psycopg 3 whatever PostgreSQL driver the URL names (`postgresql://`, `postgresql+psycopg2://`
    and `postgresql+psycopg://` alike), with pre-ping, so a restarted database costs one failed check rather than
    a failed request; JSON and JSONB columns are encoded and decoded with orjson. Pool defaults as
    ServiceSettings' (why: there).

    psycopg's automatic preparation (after 5 runs of the same statement) is off: it would put every repeated
    query on a generic plan in sessions that force them (ecosafe_kit.prepared), and psycopg deallocates all prepared
    statements of a session on each rollback, taking the ones ecosafe_kit.prepared made with them."""
    return create_engine(psycopg_url(url), pool_size=pool_size, max_overflow=max_overflow, pool_pre_ping=True,
                         json_serializer=dumps, json_deserializer=orjson.loads,
                         connect_args={"prepare_threshold": None})
