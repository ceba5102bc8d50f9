"""Response tasks of incidents (nt_incident_tasks) and what planning them needs: the incident's time and answer."""

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("""
    ALTER TABLE nt_incidents ADD COLUMN occurred_at timestamptz, ADD COLUMN picture jsonb,
        ADD COLUMN correlated_at timestamptz;

    CREATE TABLE nt_incident_tasks (
        task_id text PRIMARY KEY,
        incident_id text NOT NULL,
        kind text NOT NULL,
        target_id text NOT NULL,
        target_name text NOT NULL,
        jurisdiction_code text NOT NULL,
        assignee text NOT NULL,
        eta_hours double precision,
        due_at timestamptz NOT NULL,
        notification_id text NOT NULL,
        dispatched_at timestamptz NOT NULL,
        dispatched_by text NOT NULL,
        acknowledged_at timestamptz,
        acknowledged_by text,
        escalated_at timestamptz,
        escalation_notification_id text,
        completed_at timestamptz,
        completed_by text,
        completion_source text,
        completion_note text,
        version integer NOT NULL
    );
    CREATE INDEX nt_incident_tasks_incident ON nt_incident_tasks (incident_id);
    -- The sweep reads the open tasks by deadline; a device reading looks up the open tasks of its facility.
    CREATE INDEX nt_incident_tasks_open ON nt_incident_tasks (due_at) WHERE completed_at IS NULL AND escalated_at IS NULL;
    CREATE INDEX nt_incident_tasks_target ON nt_incident_tasks (target_id) WHERE completed_at IS NULL;
    """)


def downgrade() -> None:
    op.execute("""
    DROP TABLE nt_incident_tasks;
    ALTER TABLE nt_incidents DROP COLUMN occurred_at, DROP COLUMN picture, DROP COLUMN correlated_at;
    """)
