"""The hash chain that lets a stream be verified as untampered: each event hashes its content and its predecessor."""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import datetime, timezone

_DOMAIN_TAG = b"ecosafe-event-v1\x00"


def _canonical_json(value: dict) -> bytes:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def _canonical_time(value: datetime) -> bytes:
    return value.astimezone(timezone.utc).isoformat(timespec="microseconds").encode()


def event_hash(
    *,
    prev_hash: bytes | None,
    stream_type: str,
    stream_id: str,
    version: int,
    event_id: uuid.UUID,
    event_type: str,
    occurred_at: datetime,
    signer: dict,
    metadata: dict,
    content_type: str,
    payload: bytes,
) -> bytes:
    """SHA-256 over the predecessor's hash and every field of the event, each length-prefixed."""
    digest = hashlib.sha256(_DOMAIN_TAG)
    parts = [
        prev_hash or b"",
        stream_type.encode(),
        stream_id.encode(),
        str(version).encode(),
        str(event_id).encode(),
        event_type.encode(),
        _canonical_time(occurred_at),
        _canonical_json(signer),
        _canonical_json(metadata),
        content_type.encode(),
        payload,
    ]
    for part in parts:
        # Length prefixes keep ("ab","c") and ("a","bc") from hashing alike.
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.digest()
