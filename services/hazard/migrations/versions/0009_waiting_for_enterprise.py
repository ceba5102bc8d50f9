"""Findings and pool shortfalls whose enterprise has not reached the register yet wait here until it does."""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("""
    CREATE TABLE hazard_waiting_for_enterprise (
        hazard_id text PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('finding', 'pool_review')),
        enterprise_id text NOT NULL,
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        payload bytea NOT NULL,
        signer jsonb NOT NULL,
        parked_at timestamptz NOT NULL,
        -- Why it could not be opened once its enterprise arrived (the message itself at fault); kept for the operators.
        error text
    );
    CREATE INDEX hazard_waiting_for_enterprise_enterprise ON hazard_waiting_for_enterprise (enterprise_id);
    """)


def downgrade() -> None:
    op.execute("DROP TABLE hazard_waiting_for_enterprise")
