"""Reporting obligations (报送任务) and, per unit and period, whether it was submitted, reminded, missed."""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("""
    CREATE TABLE nt_report_obligations (
        obligation_id text PRIMARY KEY,
        name text NOT NULL,
        jurisdiction_code text NOT NULL,
        spec jsonb NOT NULL,
        version integer NOT NULL,
        created_at timestamptz NOT NULL
    );
    CREATE TABLE nt_report_status (
        obligation_id text NOT NULL,
        unit_code text NOT NULL,
        period text NOT NULL,
        submitted_at timestamptz,
        submitted_by text,
        zero_report boolean,
        summary text,
        reminded_at timestamptz,
        missed_at timestamptz,
        PRIMARY KEY (obligation_id, unit_code, period)
    );
    """)


def downgrade() -> None:
    op.execute("DROP TABLE nt_report_status, nt_report_obligations")
