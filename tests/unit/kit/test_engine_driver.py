"""The kit's engines run on psycopg 3 whichever PostgreSQL driver their URL names."""

from __future__ import annotations

import psycopg
import pytest

from ecosafe_kit.db import make_engine, psycopg_url


@pytest.mark.parametrize("scheme", ["postgresql", "postgresql+psycopg2", "postgresql+psycopg"])
def test_every_postgresql_url_is_read_with_psycopg_3(scheme):
    url = psycopg_url(f"{scheme}://u:p@db.example:6543/hazard?connect_timeout=3")
    assert url.drivername == "postgresql+psycopg"
    assert (url.username, url.password, url.host, url.port, url.database) == ("u", "p", "db.example", 6543, "hazard")
    assert url.query == {"connect_timeout": "3"}


def test_a_url_of_another_backend_is_left_as_it_is():
    assert psycopg_url("sqlite:///x.db").drivername == "sqlite"


def test_an_engine_from_an_older_url_uses_the_psycopg_dialect_with_its_c_implementation():
    engine = make_engine("postgresql+psycopg2://u:p@127.0.0.1:1/none")  # never connected
    try:
        assert (engine.dialect.name, engine.dialect.driver) == ("postgresql", "psycopg")
        assert engine.dialect.dbapi is psycopg
        assert psycopg.pq.__impl__ == "binary"
    finally:
        engine.dispose()
