"""Parks can be retired (ParkRetired): rm_parks keeps when and why; retired parks leave the map."""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE rm_parks ADD COLUMN retired_at timestamptz, ADD COLUMN retired_reason text")


def downgrade() -> None:
    op.execute("ALTER TABLE rm_parks DROP COLUMN retired_at, DROP COLUMN retired_reason")
