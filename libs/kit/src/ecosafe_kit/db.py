"""Database engine for a service's own PostgreSQL database (psycopg2 through SQLAlchemy)."""

from sqlalchemy import create_engine
from sqlalchemy.engine import Engine


def make_engine(url: str, *, pool_size: int = 10) -> Engine:
    """An engine with pre-ping, so a restarted database costs one failed check rather than a failed request."""
    return create_engine(url, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True)
