"""Read model of the risk map: PostGIS tables (SRID 4326, lon/lat; CGCS2000 input stored as given) with GIST indexes."""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Every geometry column is EPSG:4326 (WGS 84 longitude/latitude). CGCS2000 (EPSG:4490) coordinates differ from
# WGS 84 by centimetres and are stored unchanged; GCJ-02 input is converted before it reaches an event.
_UP = """
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE EXTENSION IF NOT EXISTS pgrouting;

CREATE TABLE rm_enterprises (
    enterprise_id text PRIMARY KEY,
    name text NOT NULL,
    credit_code text,
    industry text,
    risk_level text,
    park_id text,
    jurisdiction_code text NOT NULL,
    address text,
    location geometry(Point, 4326),
    updated_at timestamptz NOT NULL
);
CREATE INDEX rm_enterprises_location_gist ON rm_enterprises USING gist (location);

CREATE TABLE rm_parks (
    park_id text PRIMARY KEY,
    name text NOT NULL,
    jurisdiction_code text NOT NULL,
    geom geometry(MultiPolygon, 4326) NOT NULL,
    declared_crs text NOT NULL,
    lists jsonb NOT NULL DEFAULT '{}'::jsonb,
    version integer NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE INDEX rm_parks_geom_gist ON rm_parks USING gist (geom);

CREATE TABLE rm_facilities (
    facility_id text PRIMARY KEY,
    kind text NOT NULL,
    name text NOT NULL,
    enterprise_id text,
    park_id text,
    jurisdiction_code text NOT NULL,
    geom geometry(Geometry, 4326) NOT NULL,
    attributes jsonb NOT NULL DEFAULT '{}'::jsonb,
    derived jsonb NOT NULL DEFAULT '{}'::jsonb,
    declared_crs text NOT NULL,
    reach_id text,
    measure_m double precision,
    version integer NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE INDEX rm_facilities_geom_gist ON rm_facilities USING gist (geom);
-- Partial GIST indexes for the nearest-neighbour searches of the correlation (KNN per kind).
CREATE INDEX rm_facilities_site_gist ON rm_facilities USING gist (geom) WHERE kind = 'site';
CREATE INDEX rm_facilities_depot_gist ON rm_facilities USING gist (geom) WHERE kind = 'material_depot';
CREATE INDEX rm_facilities_team_gist ON rm_facilities USING gist (geom) WHERE kind = 'response_team';
CREATE INDEX rm_facilities_enterprise ON rm_facilities (enterprise_id, kind);
CREATE INDEX rm_facilities_park ON rm_facilities (park_id, kind);
CREATE INDEX rm_facilities_reach ON rm_facilities (reach_id, measure_m);

CREATE TABLE rm_reaches (
    reach_id text PRIMARY KEY,
    name text NOT NULL,
    river_name text NOT NULL,
    downstream_reach_id text,
    length_m double precision NOT NULL,
    velocity_mps double precision NOT NULL,
    geom geometry(LineString, 4326) NOT NULL
);
CREATE INDEX rm_reaches_geom_gist ON rm_reaches USING gist (geom);
CREATE INDEX rm_reaches_downstream ON rm_reaches (downstream_reach_id);

CREATE TABLE rm_river_plans (
    plan_id text NOT NULL,
    version_no integer NOT NULL,
    river_name text NOT NULL,
    title text NOT NULL,
    actions jsonb NOT NULL,
    published_at timestamptz NOT NULL,
    signed_by jsonb NOT NULL,
    PRIMARY KEY (plan_id, version_no)
);
CREATE INDEX rm_river_plans_reaches ON rm_river_plans USING gin (actions jsonb_path_ops);

CREATE TABLE rm_incidents (
    incident_id text PRIMARY KEY,
    occurred_at timestamptz NOT NULL,
    location geometry(Point, 4326) NOT NULL,
    pollutant text NOT NULL,
    volume_m3 double precision NOT NULL,
    level text NOT NULL,
    enterprise_id text,
    contained_in_plant boolean,
    picture jsonb,
    reported_by jsonb NOT NULL,
    version integer NOT NULL
);
CREATE INDEX rm_incidents_location_gist ON rm_incidents USING gist (location);

CREATE TABLE rm_hazards (
    hazard_id text PRIMARY KEY,
    enterprise_id text NOT NULL,
    ledger_no text,
    grade text,
    description text,
    status text NOT NULL,
    geom geometry(Point, 4326),
    updated_at timestamptz NOT NULL
);
CREATE INDEX rm_hazards_geom_gist ON rm_hazards USING gist (geom);
CREATE INDEX rm_hazards_enterprise ON rm_hazards (enterprise_id, status);
"""

_DOWN = """
DROP TABLE IF EXISTS rm_hazards, rm_incidents, rm_river_plans, rm_reaches, rm_facilities, rm_parks, rm_enterprises;
"""


def upgrade() -> None:
    op.execute(_UP)


def downgrade() -> None:
    op.execute(_DOWN)
