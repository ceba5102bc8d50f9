"""Sanctions that end: a suspension lifted (恢复生产), a closure proposal answered or withdrawn, a closure decided
(责令关闭, the enterprise's `closed` flag), a blacklist entry removed (信用修复)."""

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

_UP = """
ALTER TABLE rm_cases ADD COLUMN suspension_lifted_at timestamptz, ADD COLUMN closure_answered_at timestamptz,
    ADD COLUMN closure_decided_at timestamptz;
ALTER TABLE rm_blacklist_entries ADD COLUMN removed_at timestamptz;
ALTER TABLE rm_enterprise_sanctions ADD COLUMN closed boolean NOT NULL DEFAULT false, ADD COLUMN closed_case_id text;
"""

_DOWN = """
ALTER TABLE rm_enterprise_sanctions DROP COLUMN closed, DROP COLUMN closed_case_id;
ALTER TABLE rm_blacklist_entries DROP COLUMN removed_at;
ALTER TABLE rm_cases DROP COLUMN suspension_lifted_at, DROP COLUMN closure_answered_at, DROP COLUMN closure_decided_at;
"""


def upgrade() -> None:
    op.execute(_UP)


def downgrade() -> None:
    op.execute(_DOWN)
