"""EcoSafe shared kit: the plumbing every service uses (event store, messaging, web, auth)."""
