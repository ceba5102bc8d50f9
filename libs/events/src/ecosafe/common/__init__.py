"""Generated package ecosafe.common (from proto/ecosafe/common); do not edit, run make proto."""
