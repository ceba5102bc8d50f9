"""Outcomes of sanctions: where a case's closure proposal stands and the government's decision, and blacklist
entries removed by credit repair (信用修复)."""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("""
    ALTER TABLE enf_cases ADD COLUMN closure_status text, ADD COLUMN closure_decision jsonb;
    UPDATE enf_cases SET closure_status = 'proposed' WHERE closure_proposed;
    -- The register answers "is this enterprise closed" from the decided cases.
    CREATE INDEX enf_cases_closed ON enf_cases (enterprise_id) WHERE closure_status = 'decided';
    ALTER TABLE enf_blacklist ADD COLUMN removed_at timestamptz, ADD COLUMN removed_by jsonb,
        ADD COLUMN removal_reason text, ADD COLUMN rectification text;
    """)


def downgrade() -> None:
    op.execute("""
    ALTER TABLE enf_blacklist DROP COLUMN removed_at, DROP COLUMN removed_by, DROP COLUMN removal_reason,
        DROP COLUMN rectification;
    DROP INDEX enf_cases_closed;
    ALTER TABLE enf_cases DROP COLUMN closure_status, DROP COLUMN closure_decision;
    """)
