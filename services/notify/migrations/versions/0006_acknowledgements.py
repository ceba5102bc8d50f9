"""Per-user read and acknowledgement state of notifications, and their escalation level."""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("""
    ALTER TABLE nt_notifications
        ADD COLUMN acknowledged_at timestamptz,
        ADD COLUMN escalation_level integer NOT NULL DEFAULT 0;
    CREATE INDEX nt_notifications_awaiting_ack ON nt_notifications (created_at)
        WHERE urgent AND acknowledged_at IS NULL;

    CREATE TABLE nt_receipts (
        notification_id text NOT NULL REFERENCES nt_notifications (notification_id),
        user_id text NOT NULL,
        read_at timestamptz,
        acknowledged_at timestamptz,
        note text,
        PRIMARY KEY (notification_id, user_id)
    );
    """)


def downgrade() -> None:
    op.execute("""
    DROP TABLE nt_receipts;
    DROP INDEX nt_notifications_awaiting_ack;
    ALTER TABLE nt_notifications DROP COLUMN acknowledged_at, DROP COLUMN escalation_level;
    """)
