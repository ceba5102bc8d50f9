"""Whistleblowers' contacts, sealed (encrypted, outside the events); the ledger shows the seal and the reward."""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("""
    CREATE TABLE hazard_reporter_contacts (
        hazard_id text PRIMARY KEY,
        key_id text NOT NULL,
        sealed bytea NOT NULL,
        created_at timestamptz NOT NULL
    );
    ALTER TABLE hazard_ledger ADD COLUMN reporter_contact text NOT NULL DEFAULT 'none'
        CHECK (reporter_contact IN ('none', 'sealed', 'unsealed'));
    ALTER TABLE hazard_ledger ADD COLUMN contact_unseal_requests integer NOT NULL DEFAULT 0;
    ALTER TABLE hazard_ledger ADD COLUMN reward text CHECK (reward IN ('flagged', 'granted', 'refused'));
    ALTER TABLE hazard_ledger ADD COLUMN reward_amount bigint;
    """)


def downgrade() -> None:
    op.execute("""
    ALTER TABLE hazard_ledger DROP COLUMN reward_amount;
    ALTER TABLE hazard_ledger DROP COLUMN reward;
    ALTER TABLE hazard_ledger DROP COLUMN contact_unseal_requests;
    ALTER TABLE hazard_ledger DROP COLUMN reporter_contact;
    DROP TABLE hazard_reporter_contacts;
    """)
