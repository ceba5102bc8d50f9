"""Ledger rows remember the pool review a hazard came from; the register is indexed by park for park operators."""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("""
    ALTER TABLE hazard_ledger ADD COLUMN pool_review_id text;
    -- A park operator's ledger and enterprise list select the park's enterprises on every read.
    CREATE INDEX hazard_enterprises_park ON hazard_enterprises (park_id) WHERE park_id IS NOT NULL;
    """)


def downgrade() -> None:
    op.execute("""
    DROP INDEX hazard_enterprises_park;
    ALTER TABLE hazard_ledger DROP COLUMN pool_review_id;
    """)
