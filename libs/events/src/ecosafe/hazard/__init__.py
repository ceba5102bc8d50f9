"""Generated package ecosafe.hazard (from proto/ecosafe/hazard); do not edit, run make proto."""
