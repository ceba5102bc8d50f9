"""The day each case decision was made (决定日期): on cases, penalties, transfers and measures; older rows get the day they were recorded."""

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Events recorded before they carried a date read as decided on their (Shanghai) recorded day; the rows get the same.
    op.execute("""
    ALTER TABLE enf_cases ADD COLUMN decided_on date, ADD COLUMN closed_on date;
    UPDATE enf_cases SET decided_on = (opened_at AT TIME ZONE 'Asia/Shanghai')::date,
        closed_on = (closed_at AT TIME ZONE 'Asia/Shanghai')::date;
    ALTER TABLE enf_cases ALTER COLUMN decided_on SET NOT NULL;
    ALTER TABLE enf_penalties ADD COLUMN decided_on date;
    UPDATE enf_penalties SET decided_on = (imposed_at AT TIME ZONE 'Asia/Shanghai')::date;
    ALTER TABLE enf_penalties ALTER COLUMN decided_on SET NOT NULL;
    ALTER TABLE enf_transfers ADD COLUMN decided_on date, ADD COLUMN received_on date;
    UPDATE enf_transfers SET decided_on = (sent_at AT TIME ZONE 'Asia/Shanghai')::date,
        received_on = (received_at AT TIME ZONE 'Asia/Shanghai')::date;
    ALTER TABLE enf_transfers ALTER COLUMN decided_on SET NOT NULL;
    UPDATE enf_case_measures SET details = details || jsonb_build_object(
        'decided_on', to_char(taken_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD'))
        WHERE coalesce(details->>'decided_on', '') = '';
    """)


def downgrade() -> None:
    op.execute("""
    ALTER TABLE enf_transfers DROP COLUMN decided_on, DROP COLUMN received_on;
    ALTER TABLE enf_penalties DROP COLUMN decided_on;
    ALTER TABLE enf_cases DROP COLUMN decided_on, DROP COLUMN closed_on;
    """)
