#!/bin/sh
# Container start of the risk-map service: apply its database migrations, then serve the API on port 8000.
set -eu
cd /app
alembic -c services/risk-map/alembic.ini upgrade head
exec ecosafe-serve risk_map.entrypoints.app:create_app --factory --host 0.0.0.0 --port 8000 "$@"
