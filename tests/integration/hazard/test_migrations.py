"""Hazard migrations down and up on a database of their own: 0007 fills verification_passed, 0012 drops an index."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine
from sqlalchemy.engine import make_url

from ecosafe_kit.auth.principal import Principal
from hazard.domain.values import Attachment, Grade, RectificationPlan, Source
from hazard.service_layer import commands as c
from hazard.service_layer.hazards import HazardService

REPO = Path(__file__).resolve().parents[3]


def _alembic(url: str, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "alembic", "-c", str(REPO / "services" / "hazard" / "alembic.ini"),
                    "-x", f"database_url={url}", *args], check=True, cwd=REPO)


def _columns(engine) -> set[str]:
    with engine.connect() as conn:
        return set(conn.execute(text("SELECT column_name FROM information_schema.columns "
                                     "WHERE table_name = 'hazard_ledger'")).scalars())


@contextmanager
def _scratch_database(database_url: str, name: str) -> Iterator[tuple[str, Engine]]:
    """A database of the test's own (its URL and an engine), dropped afterwards whatever happened."""
    admin = create_engine(database_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("CREATE DATABASE " + name))  # name from the test's own hex suffix
    url = make_url(database_url).set(database=name).render_as_string(hide_password=False)
    engine = create_engine(url)
    try:
        yield url, engine
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"))
        admin.dispose()


def test_down_to_0004_and_up_again_and_verification_passed_is_filled_from_the_store(database_url, unique):
    with _scratch_database(database_url, f"hazard_migrations_{unique}") as (url, engine):
        _alembic(url, "upgrade", "head")
        with engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO hazard_enterprises VALUES ('ent-m', '丹源化工', '91140500', 'chem', 'major', '张', NULL, "
                "NULL, '140525', '泽州', 1, now())"))
        officer = Principal(subject="u-m", name="王", roles=frozenset({"county_officer"}), jurisdiction="140525")
        service = HazardService(engine)
        created = service.report(officer, c.ReportHazard(
            enterprise_id="ent-m", source=Source.inspection, domain="hazardous_waste", grade=Grade.general,
            grade_basis="b", description="d", found_at=datetime.now(timezone.utc) - timedelta(hours=1)))
        today = service.clock.today()
        service.assign(officer, created.hazard_id, c.Assign("u", "p", today + timedelta(days=5)))
        service.submit_plan(officer, created.hazard_id, c.SubmitPlan(RectificationPlan(
            "张", ("换",), 1, today + timedelta(days=5), "预案")))
        service.complete(officer, created.hazard_id, c.Complete("s", (Attachment("s3://e/1.jpg"),)))
        service.verify(officer, created.hazard_id, c.Verify(True, "ok"))
        added = {"deadline_extensions", "on_behalf_of", "verification_passed", "plan", "reporter_contact", "reward"}
        assert added <= _columns(engine)

        _alembic(url, "downgrade", "0004")
        assert not added & _columns(engine)
        _alembic(url, "upgrade", "head")
        with engine.connect() as conn:
            row = conn.execute(text("SELECT verification_passed, plan, reporter_contact, deadline_extensions "
                                    "FROM hazard_ledger WHERE hazard_id = :h"), {"h": created.hazard_id}).one()
        # Filled from the store; the plan comes back with a rebuild (it lives in the protobuf payload).
        assert tuple(row) == (True, None, "none", 0)


def _event_log_indexes(engine) -> set[str]:
    with engine.connect() as conn:
        return set(conn.execute(text("SELECT indexname FROM pg_indexes WHERE tablename = 'es_events'")).scalars())


def test_kit_schema_v4_drops_the_event_logs_type_and_time_index_and_its_downgrade_restores_it(database_url, unique):
    with _scratch_database(database_url, f"hazard_kit_v4_{unique}") as (url, engine):
        _alembic(url, "upgrade", "head")
        kept = {"es_events_pkey", "es_events_event_id_key", "es_events_position"}
        assert _event_log_indexes(engine) == kept
        _alembic(url, "downgrade", "0011")
        assert _event_log_indexes(engine) == kept | {"es_events_type_time"}
        _alembic(url, "upgrade", "head")
        assert _event_log_indexes(engine) == kept


def _seq_cache(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(text("SELECT seqcache FROM pg_sequence "
                                 "WHERE seqrelid = pg_get_serial_sequence('es_events', 'seq')::regclass")).scalar()


def test_kit_schema_v5_caches_the_event_logs_seq_values_and_its_downgrade_takes_them_one_by_one(database_url, unique):
    with _scratch_database(database_url, f"hazard_kit_v5_{unique}") as (url, engine):
        _alembic(url, "upgrade", "head")
        assert _seq_cache(engine) == 100
        _alembic(url, "downgrade", "0012")
        assert _seq_cache(engine) == 1
        _alembic(url, "upgrade", "head")
        assert _seq_cache(engine) == 100
