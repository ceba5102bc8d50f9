"""Ledger rows show whether verification passed (awaiting 销号) and the 五到位 plan in force."""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # verification_passed is backfilled from the store (a passed verification is never undone); the opinion and the
    # plan live inside protobuf payloads: `ecosafe-rebuild --projections hazard.adapters.projections:PROJECTIONS`.
    op.execute("""
    ALTER TABLE hazard_ledger ADD COLUMN verification_passed boolean NOT NULL DEFAULT false;
    ALTER TABLE hazard_ledger ADD COLUMN verification_opinion text;
    ALTER TABLE hazard_ledger ADD COLUMN plan jsonb;
    -- A leader's list of what waits for 销号.
    CREATE INDEX hazard_ledger_awaiting_closure ON hazard_ledger (jurisdiction_code)
        WHERE state = 'verifying' AND verification_passed;
    UPDATE hazard_ledger l SET verification_passed = true WHERE EXISTS (
        SELECT 1 FROM es_events e WHERE e.stream_id = l.hazard_id
                                    AND e.event_type = 'ecosafe.hazard.v1.VerificationPassed');
    """)


def downgrade() -> None:
    op.execute("""
    DROP INDEX hazard_ledger_awaiting_closure;
    ALTER TABLE hazard_ledger DROP COLUMN plan;
    ALTER TABLE hazard_ledger DROP COLUMN verification_opinion;
    ALTER TABLE hazard_ledger DROP COLUMN verification_passed;
    """)
