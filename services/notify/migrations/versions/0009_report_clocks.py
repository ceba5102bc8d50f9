"""Report clocks of incidents (初报, 续报, 处理结果报告): per incident and stage, its deadline and what happened."""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("""
    CREATE TABLE nt_report_clocks (
        incident_id text NOT NULL,
        stage text NOT NULL,
        jurisdiction_code text NOT NULL,
        level text NOT NULL,
        started_at timestamptz NOT NULL,
        limit_hours double precision NOT NULL,
        due_at timestamptz NOT NULL,
        reminded_at timestamptz,
        missed_at timestamptz,
        submitted_at timestamptz,
        submitted_by text,
        summary text,
        version integer NOT NULL,
        PRIMARY KEY (incident_id, stage)
    );
    -- The sweep reads the clocks still running.
    CREATE INDEX nt_report_clocks_open ON nt_report_clocks (due_at) WHERE submitted_at IS NULL AND missed_at IS NULL;
    """)


def downgrade() -> None:
    op.execute("DROP TABLE nt_report_clocks")
