"""Incidents remember whether they were a drill (演练), so maps and lists can tell a drill from a real emergency."""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE rm_incidents ADD COLUMN drill boolean NOT NULL DEFAULT false")


def downgrade() -> None:
    op.execute("ALTER TABLE rm_incidents DROP COLUMN drill")
