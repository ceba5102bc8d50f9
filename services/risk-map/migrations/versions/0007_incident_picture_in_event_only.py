"""The correlation answer is kept once, in IncidentCorrelated: rm_incidents drops its copy of it."""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# Each correlation wrote its ~20 KB answer twice (the event's payload and this JSONB column), and logged both;
# GET /incidents/{id} now reads the event.


def upgrade() -> None:
    op.execute("ALTER TABLE rm_incidents DROP COLUMN picture")


def downgrade() -> None:
    # The column comes back empty: the previous revision's projection refills it on a rebuild
    # (`ecosafe-rebuild`), from the same events.
    op.execute("ALTER TABLE rm_incidents ADD COLUMN picture jsonb")
    op.execute("DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' "
               "AND 'lz4' = ANY(enumvals)) THEN ALTER TABLE rm_incidents ALTER COLUMN picture SET COMPRESSION lz4; "
               "END IF; END $$")
