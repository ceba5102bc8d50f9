"""Generated package ecosafe.enforcement (from proto/ecosafe/enforcement); do not edit, run make proto."""
