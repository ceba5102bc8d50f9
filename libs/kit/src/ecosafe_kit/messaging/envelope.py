"""EventEnvelope: one event as handlers see it, whether read from the own store or from Kafka (CloudEvents binary)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from cloudevents.core.bindings.kafka import KafkaMessage, from_binary, to_binary
from cloudevents.core.formats.json import JSONFormat
from cloudevents.core.v1.event import CloudEvent

from ecosafe_kit.eventstore.records import Signer, StoredEvent

_FORMAT = JSONFormat()  # passes bytes through untouched; the payload is protobuf


class NotACloudEvent(ValueError):
    """A Kafka message without the CloudEvents binary-mode headers this platform requires."""


@dataclass(frozen=True)
class EventEnvelope:
    """Everything a projection or a policy needs to know about one event."""

    event_id: uuid.UUID
    event_type: str
    source: str
    stream_type: str
    stream_id: str
    version: int
    occurred_at: datetime
    signer: Signer
    content_type: str
    payload: bytes
    hash: str = ""
    metadata: dict = field(default_factory=dict)

    @classmethod
    def from_stored(cls, event: StoredEvent, source: str) -> EventEnvelope:
        return cls(
            event_id=event.event_id, event_type=event.event_type, source=source, stream_type=event.stream_type,
            stream_id=event.stream_id, version=event.version, occurred_at=event.occurred_at, signer=event.signer,
            content_type=event.content_type, payload=event.payload, hash=event.hash.hex(), metadata=event.metadata,
        )


def source_for(service: str) -> str:
    """The ce_source of a service's events."""
    return f"/ecosafe/{service}"


def to_kafka(envelope: EventEnvelope) -> KafkaMessage:
    """CloudEvents 1.0 Kafka binding, binary mode: ce_ headers, the payload as the value, key = stream id."""
    attributes = {
        "id": str(envelope.event_id),
        "source": envelope.source,
        "type": envelope.event_type,
        "specversion": "1.0",
        "subject": envelope.stream_id,
        "time": envelope.occurred_at,
        "datacontenttype": envelope.content_type,
        "partitionkey": envelope.stream_id,
        "streamtype": envelope.stream_type,
        "streamversion": str(envelope.version),
        "signedby": envelope.signer.subject,
        "signername": envelope.signer.name,
        "signerroles": ",".join(envelope.signer.roles),
        "signerjuris": envelope.signer.jurisdiction,
        "hash": envelope.hash,
    }
    for key, value in envelope.metadata.items():
        # Metadata such as causation ids travel as extensions when their names are valid ones.
        if key.isalnum() and key.islower() and key not in attributes:
            attributes[key] = str(value)
    return to_binary(CloudEvent(attributes, envelope.payload), _FORMAT)


def from_kafka(headers: list[tuple[str, bytes]], key: bytes | None, value: bytes) -> EventEnvelope:
    """Parse a Kafka record in CloudEvents binary mode; raises NotACloudEvent when it is not one."""
    header_map = {name: raw for name, raw in headers or [] if raw is not None}
    if "ce_id" not in header_map or "ce_type" not in header_map:
        raise NotACloudEvent("缺少 CloudEvents 头(ce_id / ce_type)")
    try:
        event = from_binary(KafkaMessage(headers=header_map, key=key, value=value or b""), _FORMAT)
    except Exception as exc:  # the SDK raises several unrelated types for malformed attributes
        raise NotACloudEvent(f"CloudEvents 头无效: {exc}") from exc
    attrs = event.get_attributes()
    known = {"id", "source", "type", "specversion", "subject", "time", "datacontenttype", "partitionkey",
             "streamtype", "streamversion", "signedby", "signername", "signerroles", "signerjuris", "hash"}
    data = event.get_data()
    return EventEnvelope(
        event_id=uuid.UUID(attrs["id"]),
        event_type=attrs["type"],
        source=attrs["source"],
        stream_type=attrs.get("streamtype", ""),
        stream_id=attrs.get("subject") or attrs.get("partitionkey", ""),
        version=int(attrs.get("streamversion", "0")),
        occurred_at=attrs.get("time"),
        signer=Signer(
            subject=attrs.get("signedby", ""),
            name=attrs.get("signername", ""),
            roles=tuple(r for r in attrs.get("signerroles", "").split(",") if r),
            jurisdiction=attrs.get("signerjuris", ""),
        ),
        content_type=attrs.get("datacontenttype", "application/octet-stream"),
        payload=data if isinstance(data, bytes) else (value or b""),
        hash=attrs.get("hash", ""),
        metadata={k: v for k, v in attrs.items() if k not in known},
    )
