"""Use cases of the hazard service: each one transaction (load → decide → save → apply own projections)."""
