"""Ledger rows count the deadline extensions the bureau granted and keep the last one's reason."""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("""
    ALTER TABLE hazard_ledger ADD COLUMN deadline_extensions integer NOT NULL DEFAULT 0;
    ALTER TABLE hazard_ledger ADD COLUMN last_extension_reason text;
    """)


def downgrade() -> None:
    op.execute("""
    ALTER TABLE hazard_ledger DROP COLUMN last_extension_reason;
    ALTER TABLE hazard_ledger DROP COLUMN deadline_extensions;
    """)
