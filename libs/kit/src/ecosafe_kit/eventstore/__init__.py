"""PostgreSQL event store: append with expected version, signed and hash-chained events, gapless reading."""

from ecosafe_kit.eventstore.records import NewEvent, Position, Signer, StoredEvent, StreamVerification
from ecosafe_kit.eventstore.store import EventStore, StreamHead

__all__ = ["EventStore", "NewEvent", "Position", "Signer", "StoredEvent", "StreamHead", "StreamVerification"]
