"""Generated package ecosafe.notify.v1 (from proto/ecosafe/notify/v1); do not edit, run make proto."""
