"""DDL of the kit's tables (events, relay checkpoints, consumer tracking); each service's first migration runs it."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

# Version 1 of the kit schema. Later changes get their own list and their own service migrations;
# this list is never edited once released.
SCHEMA_V1 = [
    """
    CREATE TABLE IF NOT EXISTS es_events (
        seq          bigint GENERATED ALWAYS AS IDENTITY,
        tx_id        xid8        NOT NULL DEFAULT pg_current_xact_id(),
        stream_type  text        NOT NULL,
        stream_id    text        NOT NULL,
        version      integer     NOT NULL CHECK (version >= 1),
        event_id     uuid        NOT NULL UNIQUE,
        event_type   text        NOT NULL,
        content_type text        NOT NULL,
        payload      bytea       NOT NULL,
        signed_by    text        NOT NULL,
        signer       jsonb       NOT NULL,
        metadata     jsonb       NOT NULL DEFAULT '{}'::jsonb,
        occurred_at  timestamptz NOT NULL,
        prev_hash    bytea,
        hash         bytea       NOT NULL,
        PRIMARY KEY (stream_id, version)
    )
    """,
    # The global log's order; readers page through it by (tx_id, seq).
    "CREATE UNIQUE INDEX IF NOT EXISTS es_events_position ON es_events (tx_id, seq)",
    "CREATE INDEX IF NOT EXISTS es_events_type_time ON es_events (stream_type, occurred_at)",
    # Events are immutable: refuse UPDATE and DELETE. A superuser can still disable this trigger,
    # which is what the hash chain is there to catch.
    """
    CREATE OR REPLACE FUNCTION es_events_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'es_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
    END $$
    """,
    # Created only when missing: (re)creating a trigger locks the table against every writer.
    """
    DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'es_events_immutable'
                       AND tgrelid = 'es_events'::regclass) THEN
            CREATE TRIGGER es_events_immutable BEFORE UPDATE OR DELETE ON es_events
            FOR EACH ROW EXECUTE FUNCTION es_events_immutable();
        END IF;
    END $$
    """,
    """
    CREATE TABLE IF NOT EXISTS es_relay_checkpoints (
        relay       text PRIMARY KEY,
        tx_id       xid8   NOT NULL,
        seq         bigint NOT NULL,
        updated_at  timestamptz NOT NULL DEFAULT now()
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS es_tracking (
        consumer    text NOT NULL,
        event_id    uuid NOT NULL,
        applied_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
    )
    """,
]


# Version 2: every statement that appends events notifies channel `es_events` with its transaction's id, so
# the outbox relay sleeps until there is something to publish instead of polling the log every 20 ms; payloads
# are compressed with lz4.
RELAY_CHANNEL = "es_events"
SCHEMA_V2 = [
    f"""
    CREATE OR REPLACE FUNCTION es_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        -- Delivered at commit, once per transaction (identical notifications are merged), never on rollback.
        PERFORM pg_notify('{RELAY_CHANNEL}', pg_current_xact_id()::text);
        RETURN NULL;
    END $$
    """,
    """
    DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'es_events_notify'
                       AND tgrelid = 'es_events'::regclass) THEN
            CREATE TRIGGER es_events_notify AFTER INSERT ON es_events
            FOR EACH STATEMENT EXECUTE FUNCTION es_events_notify();
        END IF;
    END $$
    """,
    # Payloads of new events are compressed with lz4 where the server has it: a 17 KB payload cost 0.19 ms of
    # PostgreSQL CPU with the default pglz, 0.05 ms with lz4 (a change of metadata only; old rows stay as they are).
    """
    DO $$ BEGIN
        -- Only when not done yet: ALTER TABLE locks es_events against every writer, however briefly.
        IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals))
           AND NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'es_events'::regclass
                           AND attname = 'payload' AND attcompression = 'l') THEN
            ALTER TABLE es_events ALTER COLUMN payload SET COMPRESSION lz4;
        END IF;
    END $$
    """,
]


# Version 3: a writer notifies the relay only while the relay sleeps. A NOTIFY in a transaction takes a
# cluster-wide lock at commit and holds it through the commit's WAL flush, so writers that all notify cannot share
# a flush (with 16 writers, 7 on average were queued on that lock). The relay holds this advisory lock exclusively
# from the moment it decides to sleep; an appending statement that cannot take it shared therefore notifies, and
# one that can holds it shared to its commit, so the relay cannot start sleeping between that check and the commit
# (its try fails while a writer holds it, and it polls instead). The key is a constant, as is the channel.
RELAY_ASLEEP_LOCK = 7_000_002
SCHEMA_V3 = [
    f"""
    CREATE OR REPLACE FUNCTION es_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        -- Notifications are delivered at commit, once per transaction, never on rollback.
        IF NOT pg_try_advisory_xact_lock_shared({RELAY_ASLEEP_LOCK}) THEN
            PERFORM pg_notify('{RELAY_CHANNEL}', pg_current_xact_id()::text);
        END IF;
        RETURN NULL;
    END $$
    """,
]


# Version 4: the index on (stream_type, occurred_at) goes. No statement of the kit or the services reads through it;
# every append paid for it (about a tenth of a 100-event append's PostgreSQL CPU), and it drew the planner into a
# bitmap scan plus a sort for a page of a rare stream type, where the log's (tx_id, seq) order serves better.
SCHEMA_V4 = ["DROP INDEX IF EXISTS es_events_type_time"]
_SCHEMA_V4_DOWN = ["CREATE INDEX IF NOT EXISTS es_events_type_time ON es_events (stream_type, occurred_at)"]


# Version 5: the log's `seq` is taken from its sequence 100 values at a time per session, not one. Each value taken
# locks the sequence's one page, and every 32nd writes WAL; a batch of 100 did so 100 times, and concurrent writers
# queued on that page (4 and 16 writers of batches of 100, two alternated rounds: 0-11 % more events/s cached). Readers order by
# (tx_id, seq): the values a session takes still rise within each of its transactions, which is all that order
# needs; values a session took and did not use are skipped, as rolled-back ones always were.
SEQ_CACHE = 100
SCHEMA_V5 = [
    f"""
    DO $$ BEGIN
        -- Only when not done yet: ALTER TABLE locks es_events against every writer, however briefly.
        IF (SELECT seqcache FROM pg_sequence
            WHERE seqrelid = pg_get_serial_sequence('es_events', 'seq')::regclass) < {SEQ_CACHE} THEN
            ALTER TABLE es_events ALTER COLUMN seq SET CACHE {SEQ_CACHE};
        END IF;
    END $$
    """,
]
_SCHEMA_V5_DOWN = ["ALTER TABLE es_events ALTER COLUMN seq SET CACHE 1"]


def _run(conn: Connection, statements: list[str]) -> None:
    for statement in statements:
        conn.execute(text(statement))


def create_schema_v1(conn: Connection) -> None:
    """Version 1 of the kit's tables (a service's first migration)."""
    _run(conn, SCHEMA_V1)


def create_schema_v2(conn: Connection) -> None:
    """Version 2: the relay's wake-up notification (a later migration of each service)."""
    _run(conn, SCHEMA_V2)


def create_schema_v3(conn: Connection) -> None:
    """Version 3: writers notify the relay only while it sleeps (a later migration of each service)."""
    _run(conn, SCHEMA_V3)


def create_schema_v4(conn: Connection) -> None:
    """Version 4: the unused (stream_type, occurred_at) index dropped (a later migration of each service)."""
    _run(conn, SCHEMA_V4)


def create_schema_v5(conn: Connection) -> None:
    """Version 5: `seq` values cached 100 at a time per session (a later migration of each service)."""
    _run(conn, SCHEMA_V5)


def create_schema(conn: Connection) -> None:
    """Create the kit's current schema, every version, in the connection's database (idempotent)."""
    create_schema_v1(conn)
    create_schema_v2(conn)
    create_schema_v3(conn)
    create_schema_v4(conn)
    create_schema_v5(conn)


def drop_schema_v5(conn: Connection) -> None:
    _run(conn, _SCHEMA_V5_DOWN)


def drop_schema_v4(conn: Connection) -> None:
    _run(conn, _SCHEMA_V4_DOWN)


def drop_schema_v3(conn: Connection) -> None:
    _run(conn, SCHEMA_V2[:1])  # every append notifies again


def drop_schema_v2(conn: Connection) -> None:
    conn.execute(text("ALTER TABLE es_events ALTER COLUMN payload SET COMPRESSION default"))
    conn.execute(text("DROP TRIGGER IF EXISTS es_events_notify ON es_events"))
    conn.execute(text("DROP FUNCTION IF EXISTS es_events_notify()"))


def drop_schema(conn: Connection) -> None:
    """Drop the kit's tables (migration downgrade)."""
    conn.execute(text("DROP TABLE IF EXISTS es_tracking, es_relay_checkpoints, es_events"))
    conn.execute(text("DROP FUNCTION IF EXISTS es_events_immutable()"))
    conn.execute(text("DROP FUNCTION IF EXISTS es_events_notify()"))
