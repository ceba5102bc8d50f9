"""Generated package ecosafe.enforcement.v1 (from proto/ecosafe/enforcement/v1); do not edit, run make proto."""
