#!/bin/sh
# Container start of the hazard service: apply its database migrations, then serve the API on port 8000.
set -eu
cd /app
alembic -c services/hazard/alembic.ini upgrade head
exec ecosafe-serve hazard.entrypoints.app:create_app --factory --host 0.0.0.0 --port 8000 "$@"
