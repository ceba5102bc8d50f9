"""The hash split between client and server (`hash_tail`, `chain_hash`) is the chain hash events already carry."""

import hashlib
import uuid
from datetime import datetime, timezone

from ecosafe_kit.eventstore.hashing import DOMAIN_TAG, chain_hash, event_hash, hash_tail

_FIELDS = dict(
    stream_type="hazard", stream_id="h-1", version=2, event_id=uuid.UUID("8c2d2f7e-3c1a-4c55-9a51-0f3e1d2c4b5a"),
    event_type="ecosafe.hazard.v1.Reported", occurred_at=datetime(2026, 3, 1, 8, 0, 0, 123456, tzinfo=timezone.utc),
    signer={"subject": "u-1", "name": "李检查", "roles": ["inspector"], "jurisdiction": "140525"}, metadata={"n": 1},
    content_type="application/protobuf", payload=b"\x08\x01",
)


def test_an_event_hashes_as_it_did_before_the_split_so_stored_chains_still_verify():
    # Computed by the kit's hashing module as released with schema v1 (one SHA-256 over every length-prefixed part).
    expected = "27b7759f47ab568df938ef57a37dbf4cf779501c82e68d0612f55129bdcf1704"
    assert event_hash(prev_hash=bytes(range(32)), **_FIELDS).hex() == expected


def test_the_server_side_finish_is_sha256_of_tag_length_prefixed_predecessor_and_tail():
    tail = hash_tail(**_FIELDS)
    for prev in (None, bytes(range(32))):
        body = prev or b""
        # What the append statement computes: sha256(tag || int8send(length(prev)) || prev || tail).
        assert chain_hash(prev, tail) == hashlib.sha256(DOMAIN_TAG + len(body).to_bytes(8, "big") + body + tail).digest()
        assert chain_hash(prev, tail) == event_hash(prev_hash=prev, **_FIELDS)


def test_a_batchs_tails_are_each_events_own_tail():
    from ecosafe_kit.eventstore.hashing import canonical_json, tail_of_json, tails_of_batch
    from ecosafe_kit.eventstore.records import NewEvent, Signer

    signers = [Signer("u-1", "李检查", ("inspector",), "140525"), Signer("u-2")]
    events = [NewEvent(event_type=f"hazard.V{i % 2}", payload=bytes([i]) * i, signer=signers[i % 2],
                       content_type="application/json" if i == 3 else "application/protobuf",
                       metadata={"原因": "复查"} if i == 2 else {}) for i in range(5)]
    signer_jsons = [canonical_json(e.signer.as_dict()) for e in events]
    metadata_jsons = [canonical_json(e.metadata) for e in events]
    batch = tails_of_batch(stream_type="hazard", stream_id="h-1", first_version=7, events=events,
                           signer_jsons=signer_jsons, metadata_jsons=metadata_jsons)
    assert batch == [
        tail_of_json(stream_type="hazard", stream_id="h-1", version=7 + i, event_id=e.event_id,
                     event_type=e.event_type, occurred_at=e.occurred_at, signer_json=signer_jsons[i],
                     metadata_json=metadata_jsons[i], content_type=e.content_type, payload=e.payload)
        for i, e in enumerate(events)]
    assert len(set(batch)) == 5
