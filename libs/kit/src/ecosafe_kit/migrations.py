"""Alembic plumbing shared by the services' migrations: the kit's tables and a locked, online run."""

from __future__ import annotations

from alembic import context, op
from sqlalchemy import create_engine, pool, text

from ecosafe_kit.db import psycopg_url
from ecosafe_kit.eventstore.schema import (create_schema_v1, create_schema_v2, create_schema_v3, create_schema_v4,
                                          create_schema_v5, drop_schema, drop_schema_v2, drop_schema_v3,
                                          drop_schema_v4, drop_schema_v5)
from ecosafe_kit.settings import ServiceSettings

# Every service's migrations take this lock, so replicas starting together do not migrate twice at once.
_MIGRATION_LOCK = 7_000_001


def upgrade_kit_schema() -> None:
    """The event store, relay checkpoints and consumer tracking tables (kit schema v1)."""
    create_schema_v1(op.get_bind())


def downgrade_kit_schema() -> None:
    drop_schema(op.get_bind())


def upgrade_kit_schema_v2() -> None:
    """Kit schema v2: appends notify the outbox relay (channel es_events)."""
    create_schema_v2(op.get_bind())


def downgrade_kit_schema_v2() -> None:
    drop_schema_v2(op.get_bind())


def upgrade_kit_schema_v3() -> None:
    """Kit schema v3: appends notify the outbox relay only while it sleeps."""
    create_schema_v3(op.get_bind())


def downgrade_kit_schema_v3() -> None:
    drop_schema_v3(op.get_bind())


def upgrade_kit_schema_v4() -> None:
    """Kit schema v4: the unused (stream_type, occurred_at) index of es_events dropped."""
    create_schema_v4(op.get_bind())


def downgrade_kit_schema_v4() -> None:
    drop_schema_v4(op.get_bind())


def upgrade_kit_schema_v5() -> None:
    """Kit schema v5: the event log's `seq` values cached 100 at a time per session."""
    create_schema_v5(op.get_bind())


def downgrade_kit_schema_v5() -> None:
    drop_schema_v5(op.get_bind())


def run_migrations(settings: ServiceSettings, target_metadata=None) -> None:
    """Body of a service's migrations/env.py: online migrations against the service's database.

    `alembic -x database_url=...` overrides the setting (tests migrate their own databases this way).
    """
    url = context.get_x_argument(as_dictionary=True).get("database_url") or settings.database_url
    engine = create_engine(psycopg_url(url), poolclass=pool.NullPool)
    with engine.connect() as connection:
        connection.execute(text("SELECT pg_advisory_lock(:k)"), {"k": _MIGRATION_LOCK})
        connection.commit()
        try:
            context.configure(connection=connection, target_metadata=target_metadata)
            with context.begin_transaction():
                context.run_migrations()
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _MIGRATION_LOCK})
            connection.commit()
    engine.dispose()
