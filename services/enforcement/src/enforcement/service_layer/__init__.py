"""Use cases of the enforcement service, one transaction each."""
