"""Read model of enterprises' responsibility lists (责任清单): the latest record of each kind (and campaign)."""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("""
    CREATE TABLE enf_responsibility_lists (
        enterprise_id text NOT NULL,
        kind text NOT NULL,
        campaign_key text NOT NULL,
        campaign_id text,
        present boolean NOT NULL,
        document_ref text NOT NULL,
        note text NOT NULL,
        recorded_at timestamptz NOT NULL,
        recorded_by jsonb NOT NULL,
        version integer NOT NULL,
        PRIMARY KEY (enterprise_id, kind, campaign_key)
    );
    """)


def downgrade() -> None:
    op.execute("DROP TABLE enf_responsibility_lists")
