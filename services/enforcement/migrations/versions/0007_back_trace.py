"""Who assigned each known hazard (the back-trace names who was in charge of its rectification)."""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("""
    ALTER TABLE enf_hazards ADD COLUMN assigned_by jsonb;
    """)


def downgrade() -> None:
    op.execute("ALTER TABLE enf_hazards DROP COLUMN assigned_by")
