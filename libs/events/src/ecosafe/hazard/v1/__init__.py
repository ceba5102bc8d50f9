"""Generated package ecosafe.hazard.v1 (from proto/ecosafe/hazard/v1); do not edit, run make proto."""
