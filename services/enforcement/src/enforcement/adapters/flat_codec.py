"""Codecs of events whose protobuf messages have the fields of their dataclasses, by the same names, as plain
scalars or repeated strings (cases, blacklist, responsibility lists): one field-by-field mapping serves them all."""

from __future__ import annotations

import dataclasses
from typing import Any

from ecosafe.enforcement.v1 import blacklist_pb2, case_pb2, responsibility_pb2
from ecosafe_kit.codec import ProtobufCodec
from enforcement.domain import blacklist as b, case as c, responsibility as r


def _encoder(module):
    def encode(event: Any):
        message = getattr(module, type(event).__name__)()
        for f in dataclasses.fields(event):
            value = getattr(event, f.name)
            if value is None:
                continue  # an optional field left out
            if isinstance(value, tuple):
                getattr(message, f.name).extend(value)
            else:
                setattr(message, f.name, value)
        return message
    return encode


def _decoder(events):
    classes = {cls.__name__: cls for cls in events}

    def decode(message: Any):
        cls = classes[type(message).__name__]
        values = {}
        for f in dataclasses.fields(cls):
            descriptor = message.DESCRIPTOR.fields_by_name[f.name]
            if descriptor.has_presence and not message.HasField(f.name):
                values[f.name] = None
            elif descriptor.is_repeated:
                values[f.name] = tuple(getattr(message, f.name))
            else:
                values[f.name] = getattr(message, f.name)
        return cls(**values)
    return decode


CASE_CODEC = ProtobufCodec(case_pb2, c.ALL_EVENTS, _encoder(case_pb2), _decoder(c.ALL_EVENTS), "a case")
BLACKLIST_CODEC = ProtobufCodec(blacklist_pb2, b.ALL_EVENTS, _encoder(blacklist_pb2), _decoder(b.ALL_EVENTS),
                                "a blacklist entry")
RESPONSIBILITY_CODEC = ProtobufCodec(responsibility_pb2, r.ALL_EVENTS, _encoder(responsibility_pb2),
                                     _decoder(r.ALL_EVENTS), "a responsibility list")
