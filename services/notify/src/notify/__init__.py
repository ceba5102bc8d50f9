"""EcoSafe notify service: a shell today (its database, migrations, operational endpoints and /me)."""
