"""The live map feed (nt_map_feed, in the global log's order) and what it needs: facilities, cases, incident points."""

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("""
    CREATE TABLE nt_map_feed (
        seq bigint GENERATED ALWAYS AS IDENTITY,
        tx_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        source_event_id text NOT NULL UNIQUE,
        kind text NOT NULL,
        aggregate_id text NOT NULL,
        event text NOT NULL,
        title text NOT NULL,
        urgent boolean NOT NULL,
        jurisdiction_code text,
        also_jurisdictions jsonb NOT NULL DEFAULT '[]',
        enterprise_id text,
        park_id text,
        lon double precision,
        lat double precision,
        state text,
        occurred_at timestamptz NOT NULL
    );
    -- Readers page through it as through es_events: by (tx_id, seq), below the oldest running transaction.
    CREATE UNIQUE INDEX nt_map_feed_position ON nt_map_feed (tx_id, seq);

    CREATE TABLE nt_facilities (
        facility_id text PRIMARY KEY,
        kind text NOT NULL,
        name text NOT NULL,
        jurisdiction_code text NOT NULL,
        enterprise_id text,
        park_id text,
        lon double precision,
        lat double precision,
        attributes jsonb NOT NULL DEFAULT '{}',
        state text,
        close_commanded_at timestamptz,
        retired boolean NOT NULL DEFAULT false,
        version integer NOT NULL
    );

    CREATE TABLE nt_cases (
        case_id text PRIMARY KEY,
        enterprise_id text NOT NULL,
        enterprise_name text NOT NULL,
        jurisdiction_code text NOT NULL
    );

    ALTER TABLE nt_incidents ADD COLUMN lon double precision, ADD COLUMN lat double precision;
    """)


def downgrade() -> None:
    op.execute("""
    ALTER TABLE nt_incidents DROP COLUMN lon, DROP COLUMN lat;
    DROP TABLE nt_cases;
    DROP TABLE nt_facilities;
    DROP TABLE nt_map_feed;
    """)
