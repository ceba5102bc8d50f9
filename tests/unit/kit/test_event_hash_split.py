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
