#!/bin/sh
# Container start of the enforcement service: apply its database migrations, then serve the API on port 8000.
set -eu
cd /app
alembic -c services/enforcement/alembic.ini upgrade head
exec ecosafe-serve enforcement.entrypoints.app:create_app --factory --host 0.0.0.0 --port 8000 "$@"
