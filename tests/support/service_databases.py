"""A service's own test database on the test stack: created once (parallel sessions agree), then migrated."""

from __future__ import annotations

import subprocess
import sys
import zlib
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

REPO = Path(__file__).resolve().parents[2]


def migrated_database(database_url: str, database: str, service_dir: str, extensions: tuple[str, ...] = ()) -> str:
    """The URL of `database`, created if missing, with `extensions` and the service's migrations at head."""
    admin = create_engine(database_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        lock = zlib.crc32(database.encode())  # one lock per database name
        conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": lock})
        try:
            if not conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": database}).first():
                # CREATE DATABASE takes no bind parameter; the name is a constant of the caller's, not input.
                conn.execute(text("CREATE DATABASE " + conn.dialect.identifier_preparer.quote_identifier(database)))
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": lock})
    admin.dispose()
    url = make_url(database_url).set(database=database).render_as_string(hide_password=False)
    if extensions:
        engine = create_engine(url, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            for extension in extensions:
                conn.execute(text("CREATE EXTENSION IF NOT EXISTS "
                                  + conn.dialect.identifier_preparer.quote_identifier(extension)))
        engine.dispose()
    subprocess.run([sys.executable, "-m", "alembic", "-c", str(REPO / "services" / service_dir / "alembic.ini"),
                    "-x", f"database_url={url}", "upgrade", "head"], check=True, cwd=REPO)
    return url
