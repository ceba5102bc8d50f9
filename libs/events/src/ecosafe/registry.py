"""Maps CloudEvents ce_type names to generated event classes; hand-written, not generated (make proto keeps it)."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from google.protobuf import descriptor_pool, message_factory
from google.protobuf.message import Message

import ecosafe

# Packages of shared value types: their messages are parts of events, never events themselves.
_SHARED_PACKAGE_PREFIX = "ecosafe.common."


@cache
def _import_generated() -> tuple[str, ...]:
    """Imports every generated *_pb2 module under ecosafe once, so the default pool knows all the contract."""
    names = []
    for info in pkgutil.walk_packages(ecosafe.__path__, prefix="ecosafe."):
        if info.name.endswith("_pb2"):
            importlib.import_module(info.name)
            names.append(info.name)
    return tuple(sorted(names))


@cache
def message_class(type_name: str) -> type[Message]:
    """The generated class of the event named type_name, e.g. "ecosafe.enforcement.v1.EnterpriseRegistered".

    type_name is a CloudEvents ce_type: the protobuf full name of a top-level message in a service package
    (ecosafe.<service>.v<N>). Raises KeyError for any other name, shared types (ecosafe.common.*) included.
    """
    if not type_name.startswith("ecosafe.") or type_name.startswith(_SHARED_PACKAGE_PREFIX):
        raise KeyError(f"not an EcoSafe event type: {type_name!r}")
    _import_generated()
    try:
        descriptor = descriptor_pool.Default().FindMessageTypeByName(type_name)
    except KeyError:
        raise KeyError(f"unknown EcoSafe event type: {type_name!r} (is ecosafe-events up to date?)") from None
    if descriptor.containing_type is not None:
        raise KeyError(f"not an EcoSafe event type (nested message): {type_name!r}")
    return message_factory.GetMessageClass(descriptor)


def type_name(message: Message | type[Message]) -> str:
    """The ce_type of an event message (or message class): its protobuf full name."""
    return message.DESCRIPTOR.full_name


def event_type_names() -> list[str]:
    """Full names of every event type the installed contract defines, sorted."""
    names = []
    for module_name in _import_generated():
        file_descriptor = importlib.import_module(module_name).DESCRIPTOR
        if not f"{file_descriptor.package}.".startswith(_SHARED_PACKAGE_PREFIX):
            names.extend(m.full_name for m in file_descriptor.message_types_by_name.values())
    return sorted(names)
