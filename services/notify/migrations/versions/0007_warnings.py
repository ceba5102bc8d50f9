"""Warnings (预警信息) and the unit an acknowledgement was given for (their acknowledgements count per unit)."""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("""
    ALTER TABLE nt_receipts ADD COLUMN on_behalf_of text;
    CREATE TABLE nt_warnings (
        warning_id text PRIMARY KEY,
        kind text NOT NULL,
        level text NOT NULL,
        title text NOT NULL,
        content text NOT NULL,
        jurisdiction_code text,
        area_geojson text,
        issuer_jurisdiction text NOT NULL,
        issued_by text NOT NULL,
        issued_at timestamptz NOT NULL,
        valid_until timestamptz NOT NULL,
        enterprise_ids jsonb NOT NULL,
        park_ids jsonb NOT NULL,
        notification_id text NOT NULL
    );
    CREATE INDEX nt_warnings_issuer ON nt_warnings (issuer_jurisdiction text_pattern_ops);
    """)


def downgrade() -> None:
    op.execute("DROP TABLE nt_warnings; ALTER TABLE nt_receipts DROP COLUMN on_behalf_of")
