"""Codec between the domain's event dataclasses and their protobuf messages (same names, same fields)."""

from __future__ import annotations

import dataclasses
from datetime import timezone

from ecosafe.risk_map.v1 import facility_pb2, incident_pb2, map_token_pb2, park_pb2, pool_review_pb2, river_plan_pb2
from risk_map.domain import events

_MODULES = (facility_pb2, park_pb2, river_plan_pb2, incident_pb2, pool_review_pb2, map_token_pb2)
_PROTO = {name: getattr(module, name) for module in _MODULES for name in module.DESCRIPTOR.message_types_by_name}
_DOMAIN = {cls.__name__: cls for cls in vars(events).values()
           if isinstance(cls, type) and dataclasses.is_dataclass(cls)}
# Enum fields: the domain keeps lowercase codes, protobuf an enum whose value names are PREFIX_CODE.
_ENUMS = {("kind"): "FACILITY_KIND_", ("level"): "INCIDENT_LEVEL_"}
# Timestamp fields (google.protobuf.Timestamp): aware datetimes in the domain, UTC instants on the wire.
_TIMESTAMPS = frozenset({"occurred_at", "computed_at", "expires_at"})


def _enum_field(message, name):
    field = message.DESCRIPTOR.fields_by_name[name]
    return field.enum_type


class RiskMapCodec:
    """Maps every risk-map domain event to (`ecosafe.risk_map.v1.<Name>`, protobuf bytes) and back."""

    def encode(self, event) -> tuple[str, bytes]:
        message = _PROTO[type(event).__name__]()
        for f in dataclasses.fields(event):
            value = getattr(event, f.name)
            if value is None:
                continue
            if f.name in _ENUMS:
                setattr(message, f.name, _enum_field(message, f.name).values_by_name[_ENUMS[f.name] + value.upper()].number)
            elif f.name in _TIMESTAMPS:
                getattr(message, f.name).FromDatetime(value.astimezone(timezone.utc))
            elif f.name == "actions":
                for action in value:
                    message.actions.add(**action)
            elif isinstance(value, (tuple, list)):
                getattr(message, f.name).extend(value)
            else:
                setattr(message, f.name, value)
        return message.DESCRIPTOR.full_name, message.SerializeToString()

    def type_name(self, cls: type) -> str:
        """The wire type of a domain event class, as stored in `es_events.event_type`."""
        return _PROTO[cls.__name__].DESCRIPTOR.full_name

    def decode(self, event_type: str, payload: bytes):
        name = event_type.rsplit(".", 1)[-1]
        message = _PROTO[name].FromString(payload)
        cls = _DOMAIN[name]
        values = {}
        for f in dataclasses.fields(cls):
            descriptor = message.DESCRIPTOR.fields_by_name[f.name]
            if descriptor.has_presence and not message.HasField(f.name) and f.name not in _TIMESTAMPS:
                values[f.name] = None
            elif f.name in _ENUMS:
                values[f.name] = descriptor.enum_type.values_by_number[getattr(message, f.name)].name[len(_ENUMS[f.name]):].lower()
            elif f.name in _TIMESTAMPS:
                values[f.name] = getattr(message, f.name).ToDatetime(tzinfo=timezone.utc)
            elif f.name == "actions":
                values[f.name] = tuple({"reach_id": a.reach_id, "action": a.action, "facility_ids": list(a.facility_ids),
                                        "materials": list(a.materials), "responsible": a.responsible}
                                       for a in message.actions)
            elif descriptor.is_repeated:
                values[f.name] = tuple(getattr(message, f.name))
            else:
                values[f.name] = getattr(message, f.name)
        return cls(**values)


CODEC = RiskMapCodec()
