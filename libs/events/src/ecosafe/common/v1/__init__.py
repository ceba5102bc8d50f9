"""Generated package ecosafe.common.v1 (from proto/ecosafe/common/v1); do not edit, run make proto."""
