"""Rows decoded by the store's fast path are the StoredEvents the dataclasses' own constructors would build."""

import json
import uuid
from datetime import datetime, timezone

from ecosafe_kit.eventstore.decode import decode_rows
from ecosafe_kit.eventstore.records import Position, Signer, StoredEvent


def _row(event_id: uuid.UUID, signer: dict, metadata: str, prev: bytes | None) -> tuple:
    # As psycopg 3 gives them in binary: a UUID, bytes for bytea, the JSON columns as text (the statement casts).
    return (1234567890123, 42, "hazard", "h-1", 3, event_id, "t.V1", "application/protobuf", b"\x08\x01",
            json.dumps(signer), metadata, datetime(2026, 3, 1, tzinfo=timezone.utc), prev, b"h" * 32)


def test_a_decoded_row_equals_the_event_built_by_its_constructor_and_behaves_like_it():
    signer = {"subject": "u-1", "name": "李检查", "roles": ["inspector"], "jurisdiction": "140525"}
    for metadata, prev in (("{}", None), ('{"原因": "复查", "n": [1, 2]}', b"p" * 32)):
        event_id = uuid.uuid4()
        [decoded] = decode_rows([_row(event_id, signer, metadata, prev)])
        built = StoredEvent(
            position=Position(1234567890123, 42), stream_type="hazard", stream_id="h-1", version=3,
            event_id=uuid.UUID(str(event_id)), event_type="t.V1", content_type="application/protobuf",
            payload=b"\x08\x01", signer=Signer.from_dict(signer), metadata=json.loads(metadata),
            occurred_at=datetime(2026, 3, 1, tzinfo=timezone.utc), prev_hash=prev, hash=b"h" * 32)
        assert decoded == built
        assert hash(decoded.event_id) == hash(event_id) and str(decoded.event_id) == str(event_id)
        assert decoded.position < Position(1234567890123, 43)
        assert type(decoded.payload) is bytes and type(decoded.hash) is bytes


def test_events_of_one_signer_share_it_but_never_their_metadata():
    signer = {"subject": "u-1", "name": "", "roles": [], "jurisdiction": ""}
    first, second = decode_rows([_row(uuid.uuid4(), signer, "{}", None), _row(uuid.uuid4(), signer, "{}", None)])
    assert first.signer is second.signer
    first.metadata["changed"] = True
    assert second.metadata == {}
