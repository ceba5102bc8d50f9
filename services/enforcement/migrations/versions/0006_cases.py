"""Read models of cases, their penalties and measures, the credit blacklist, and the hazards the rules read."""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("""
    CREATE TABLE enf_cases (
        case_id text PRIMARY KEY,
        enterprise_id text NOT NULL,
        enterprise_name text NOT NULL,
        jurisdiction_code text NOT NULL,
        origin text NOT NULL,
        finding_id text,
        hazard_id text,
        legal_basis text NOT NULL,
        description text NOT NULL,
        rule text NOT NULL,
        dual_penalty_proposed boolean NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'closed')),
        suspended boolean NOT NULL DEFAULT false,
        closure_proposed boolean NOT NULL DEFAULT false,
        principal_industry_ban boolean NOT NULL DEFAULT false,
        blacklisted boolean NOT NULL DEFAULT false,
        conclusion text,
        version integer NOT NULL,
        opened_at timestamptz NOT NULL,
        opened_by jsonb NOT NULL,
        closed_at timestamptz
    );
    CREATE INDEX enf_cases_enterprise ON enf_cases (enterprise_id);
    CREATE INDEX enf_cases_hazard ON enf_cases (hazard_id);
    CREATE TABLE enf_penalties (
        penalty_id text PRIMARY KEY,
        case_id text NOT NULL,
        enterprise_id text NOT NULL,
        target text NOT NULL,
        party_name text NOT NULL,
        amount_fen bigint NOT NULL CHECK (amount_fen > 0),
        legal_basis text NOT NULL,
        decision_no text NOT NULL,
        dual boolean NOT NULL,
        imposed_at timestamptz NOT NULL,
        signed_by jsonb NOT NULL
    );
    CREATE INDEX enf_penalties_case ON enf_penalties (case_id);
    CREATE INDEX enf_penalties_enterprise ON enf_penalties (enterprise_id);
    CREATE TABLE enf_case_measures (
        case_id text NOT NULL,
        version integer NOT NULL,
        kind text NOT NULL,
        details jsonb NOT NULL,
        taken_at timestamptz NOT NULL,
        signed_by jsonb NOT NULL,
        PRIMARY KEY (case_id, version)
    );
    CREATE TABLE enf_transfers (
        transfer_id text PRIMARY KEY,
        case_id text NOT NULL,
        department text NOT NULL,
        department_name text NOT NULL,
        note text NOT NULL,
        sent_at timestamptz NOT NULL,
        received_at timestamptz,
        receiver text,
        receipt_note text
    );
    CREATE INDEX enf_transfers_case ON enf_transfers (case_id);
    CREATE TABLE enf_blacklist (
        entry_id text PRIMARY KEY,
        enterprise_id text NOT NULL,
        enterprise_name text NOT NULL,
        credit_code text NOT NULL,
        jurisdiction_code text NOT NULL,
        case_id text NOT NULL,
        reason text NOT NULL,
        departments jsonb NOT NULL,
        listed_at timestamptz NOT NULL,
        listed_by jsonb NOT NULL
    );
    CREATE INDEX enf_blacklist_enterprise ON enf_blacklist (enterprise_id);
    CREATE TABLE enf_hazards (
        hazard_id text PRIMARY KEY,
        enterprise_id text NOT NULL,
        ledger_no text NOT NULL,
        source text NOT NULL,
        grade text NOT NULL,
        description text NOT NULL,
        finding_id text,
        found_at timestamptz NOT NULL,
        reported_by jsonb NOT NULL,
        responsible_person text,
        deadline timestamptz,
        overdue boolean NOT NULL DEFAULT false,
        verification_failures integer NOT NULL DEFAULT 0,
        status text NOT NULL CHECK (status IN ('open', 'closed'))
    );
    CREATE INDEX enf_hazards_enterprise ON enf_hazards (enterprise_id);
    """)


def downgrade() -> None:
    op.execute("DROP TABLE enf_hazards, enf_blacklist, enf_transfers, enf_case_measures, enf_penalties, enf_cases")
