"""Protobuf codec of the oversight activity events (ecosafe.enforcement.v1.OversightActivityRecorded)."""

from __future__ import annotations

from datetime import timezone

from ecosafe.enforcement.v1 import oversight_pb2
from ecosafe_kit.codec import ProtobufCodec
from enforcement.domain import reports_oversight as o


def _encode(e: o.OversightActivityRecorded):
    m = oversight_pb2.OversightActivityRecorded(activity_id=e.activity_id, kind=e.kind, bureau_code=e.bureau_code,
                                                target=e.target, persons=e.persons, note=e.note)
    if e.campaign_id is not None:
        m.campaign_id = e.campaign_id
    m.occurred_on.FromDatetime(e.occurred_on)
    return m


def _decode(m) -> o.OversightActivityRecorded:
    return o.OversightActivityRecorded(
        activity_id=m.activity_id, kind=m.kind, bureau_code=m.bureau_code,
        campaign_id=m.campaign_id if m.HasField("campaign_id") else None,
        occurred_on=m.occurred_on.ToDatetime(tzinfo=timezone.utc), target=m.target, persons=m.persons, note=m.note)


OVERSIGHT_CODEC = ProtobufCodec(oversight_pb2, o.ALL_EVENTS, _encode, _decode, "an oversight activity")
