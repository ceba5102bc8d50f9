"""Use cases of the risk map, one transaction each: load → decide → save → apply own projections."""
