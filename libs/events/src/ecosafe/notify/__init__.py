"""Generated package ecosafe.notify (from proto/ecosafe/notify); do not edit, run make proto."""
