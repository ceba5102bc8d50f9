"""Enterprises can leave the register (EnterpriseDeregistered): hazard_enterprises keeps when and why."""

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE hazard_enterprises ADD COLUMN deregistered_at timestamptz, "
               "ADD COLUMN deregistered_reason text")


def downgrade() -> None:
    op.execute("ALTER TABLE hazard_enterprises DROP COLUMN deregistered_at, DROP COLUMN deregistered_reason")
