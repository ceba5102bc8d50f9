"""The risk-map migrations go down and up again on a database of their own."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

REPO = Path(__file__).resolve().parents[3]
_HAS_PICTURE = text("SELECT count(*) FROM information_schema.columns "
                    "WHERE table_name = 'rm_incidents' AND column_name = 'picture'")


def _alembic(url: str, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "alembic", "-c", str(REPO / "services" / "risk-map" / "alembic.ini"),
                    "-x", f"database_url={url}", *args], check=True, cwd=REPO)


def test_the_incident_answer_column_is_dropped_and_comes_back_on_downgrade(database_url, unique):
    name = f"risk_map_migrations_{unique}"
    admin = create_engine(database_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("CREATE DATABASE " + name))  # name from the test's own hex suffix
    url = make_url(database_url).set(database=name).render_as_string(hide_password=False)
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text("CREATE EXTENSION postgis"))
        _alembic(url, "upgrade", "head")
        with engine.connect() as conn:
            assert conn.execute(_HAS_PICTURE).scalar() == 0
        _alembic(url, "downgrade", "0006")
        with engine.connect() as conn:
            assert conn.execute(_HAS_PICTURE).scalar() == 1
        _alembic(url, "upgrade", "head")
        with engine.connect() as conn:
            assert conn.execute(_HAS_PICTURE).scalar() == 0
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"))
        admin.dispose()
