"""A repository codec over protobuf: a service's domain events ↔ (ce_type, protobuf bytes)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from types import ModuleType, SimpleNamespace
from typing import Any


class ProtobufCodec:
    """Encodes with `to_message(event)`, decodes with `from_message(message)`; the wire type of each domain event
    class is the generated message of the same name in `module` (e.g. ecosafe.hazard.v1.hazard_pb2, or a namespace
    gathering messages of several generated modules)."""

    def __init__(self, module: ModuleType | SimpleNamespace, event_classes: Iterable[type], to_message: Callable[[Any], Any],
                 from_message: Callable[[Any], Any], what: str) -> None:
        self._to_message = to_message
        self._from_message = from_message
        self._what = what
        self._messages = {}
        for cls in event_classes:
            message_class = getattr(module, cls.__name__)
            self._messages[message_class.DESCRIPTOR.full_name] = message_class

    def encode(self, event: Any) -> tuple[str, bytes]:
        message = self._to_message(event)
        return message.DESCRIPTOR.full_name, message.SerializeToString()

    def decode(self, event_type: str, payload: bytes) -> Any:
        try:
            cls = self._messages[event_type]
        except KeyError:
            raise TypeError(f"not {self._what} event type: {event_type}") from None
        return self._from_message(cls.FromString(payload))
