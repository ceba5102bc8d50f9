"""Authentication and authorisation: roles, principals, jurisdictions, bearer tokens, FastAPI dependencies."""

# No re-exports: domain code imports ecosafe_kit.auth.principal without pulling in FastAPI.
