"""Ledger rows say when an officer recorded an enterprise's self-inspection finding on its behalf, and for whom."""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE hazard_ledger ADD COLUMN on_behalf_of text NOT NULL DEFAULT ''")


def downgrade() -> None:
    op.execute("ALTER TABLE hazard_ledger DROP COLUMN on_behalf_of")
