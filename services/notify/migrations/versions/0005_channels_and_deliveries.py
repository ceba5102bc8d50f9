"""Outbound channels, their signing secrets (kept out of events), the delivery queue and its attempt log."""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("""
    CREATE TABLE nt_channels (
        channel_id text PRIMARY KEY,
        name text NOT NULL,
        jurisdiction_code text NOT NULL,
        kind text NOT NULL,
        target text NOT NULL,
        signed boolean NOT NULL,
        active boolean NOT NULL,
        retired_reason text,
        version integer NOT NULL,
        updated_at timestamptz NOT NULL
    );
    -- Signing keys are not events (topics are kept forever and read by other services): a rebuild keeps this table.
    CREATE TABLE nt_channel_secrets (
        channel_id text PRIMARY KEY,
        secret text NOT NULL
    );

    -- The delivery queue: one row per notification and channel, claimed with a lease by the delivery worker. Not a
    -- projection (no foreign key to nt_notifications, which a rebuild clears and refills).
    CREATE TABLE nt_deliveries (
        delivery_id text PRIMARY KEY,
        notification_id text NOT NULL,
        channel_id text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'sending', 'retrying', 'delivered', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        lease_until timestamptz,
        possible_duplicate boolean NOT NULL DEFAULT false,
        last_error text,
        updated_at timestamptz NOT NULL
    );
    CREATE INDEX nt_deliveries_due ON nt_deliveries (next_attempt_at) WHERE status IN ('pending', 'retrying', 'sending');
    CREATE INDEX nt_deliveries_notification ON nt_deliveries (notification_id);

    CREATE TABLE nt_delivery_attempts (
        delivery_id text NOT NULL,
        attempt integer NOT NULL,
        at timestamptz NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('delivered', 'failed')),
        detail text NOT NULL,
        next_attempt_at timestamptz,
        possible_duplicate boolean NOT NULL,
        PRIMARY KEY (delivery_id, attempt)
    );
    """)


def downgrade() -> None:
    op.execute("DROP TABLE nt_delivery_attempts, nt_deliveries, nt_channel_secrets, nt_channels")
