"""Incidents keep where they happened (jurisdiction, park) and the counties downstream; reaches their jurisdiction."""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# Who reads an incident follows where it happened, not who reported it (issue 11, item 14). Rows of incidents
# correlated before this revision take the enterprise's jurisdiction in the register, else the reporter's;
# a rebuild gives the same (the projection falls back alike for events without the new fields).


def upgrade() -> None:
    op.execute("ALTER TABLE rm_reaches ADD COLUMN jurisdiction_code text")
    op.execute("UPDATE rm_reaches r SET jurisdiction_code = f.jurisdiction_code FROM rm_facilities f "
               "WHERE f.facility_id = r.reach_id")
    op.execute("ALTER TABLE rm_incidents ADD COLUMN jurisdiction_code text, ADD COLUMN park_id text, "
               "ADD COLUMN downstream_jurisdiction_codes text[] NOT NULL DEFAULT '{}'")
    op.execute("UPDATE rm_incidents i SET jurisdiction_code = COALESCE("
               "(SELECT e.jurisdiction_code FROM rm_enterprises e WHERE e.enterprise_id = i.enterprise_id), "
               "i.reported_by->>'jurisdiction')")


def downgrade() -> None:
    op.execute("ALTER TABLE rm_incidents DROP COLUMN jurisdiction_code, DROP COLUMN park_id, "
               "DROP COLUMN downstream_jurisdiction_codes")
    op.execute("ALTER TABLE rm_reaches DROP COLUMN jurisdiction_code")
