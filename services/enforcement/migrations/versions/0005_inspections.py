"""Read models of inspections and their findings (coverage of campaign targets counts completed inspections)."""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("""
    CREATE TABLE enf_inspections (
        inspection_id text PRIMARY KEY,
        enterprise_id text NOT NULL,
        jurisdiction_code text NOT NULL,
        campaign_id text,
        draw_id text,
        mode text NOT NULL,
        inspector_ids jsonb NOT NULL,
        joint_departments jsonb NOT NULL,
        planned_for date NOT NULL,
        status text NOT NULL CHECK (status IN ('planned', 'completed')),
        completed_at timestamptz,
        bureau_code text,
        bureau_level text,
        checklist jsonb,
        summary text,
        version integer NOT NULL,
        planned_at timestamptz NOT NULL,
        completed_by jsonb
    );
    CREATE INDEX enf_inspections_campaign ON enf_inspections (campaign_id, status);
    CREATE INDEX enf_inspections_enterprise ON enf_inspections (enterprise_id);
    CREATE TABLE enf_findings (
        finding_id text PRIMARY KEY,
        inspection_id text NOT NULL,
        enterprise_id text NOT NULL,
        campaign_id text,
        domain text NOT NULL,
        description text NOT NULL,
        suggested_grade text NOT NULL,
        grade_basis text NOT NULL,
        found_at timestamptz NOT NULL
    );
    CREATE INDEX enf_findings_inspection ON enf_findings (inspection_id);
    """)


def downgrade() -> None:
    op.execute("DROP TABLE enf_findings, enf_inspections")
