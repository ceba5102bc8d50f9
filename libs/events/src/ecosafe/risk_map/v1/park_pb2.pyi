from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class ParkRegistered(_message.Message):
    __slots__ = ("park_id", "name", "jurisdiction_code", "geometry_geojson", "declared_crs")
    PARK_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    JURISDICTION_CODE_FIELD_NUMBER: _ClassVar[int]
    GEOMETRY_GEOJSON_FIELD_NUMBER: _ClassVar[int]
    DECLARED_CRS_FIELD_NUMBER: _ClassVar[int]
    park_id: str
    name: str
    jurisdiction_code: str
    geometry_geojson: str
    declared_crs: str
    def __init__(self, park_id: _Optional[str] = ..., name: _Optional[str] = ..., jurisdiction_code: _Optional[str] = ..., geometry_geojson: _Optional[str] = ..., declared_crs: _Optional[str] = ...) -> None: ...

class ParkUpdated(_message.Message):
    __slots__ = ("park_id", "name", "jurisdiction_code", "geometry_geojson", "declared_crs")
    PARK_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    JURISDICTION_CODE_FIELD_NUMBER: _ClassVar[int]
    GEOMETRY_GEOJSON_FIELD_NUMBER: _ClassVar[int]
    DECLARED_CRS_FIELD_NUMBER: _ClassVar[int]
    park_id: str
    name: str
    jurisdiction_code: str
    geometry_geojson: str
    declared_crs: str
    def __init__(self, park_id: _Optional[str] = ..., name: _Optional[str] = ..., jurisdiction_code: _Optional[str] = ..., geometry_geojson: _Optional[str] = ..., declared_crs: _Optional[str] = ...) -> None: ...

class ParkListUpdated(_message.Message):
    __slots__ = ("park_id", "list_kind", "updated_on", "entry_count", "entries_json")
    PARK_ID_FIELD_NUMBER: _ClassVar[int]
    LIST_KIND_FIELD_NUMBER: _ClassVar[int]
    UPDATED_ON_FIELD_NUMBER: _ClassVar[int]
    ENTRY_COUNT_FIELD_NUMBER: _ClassVar[int]
    ENTRIES_JSON_FIELD_NUMBER: _ClassVar[int]
    park_id: str
    list_kind: str
    updated_on: str
    entry_count: int
    entries_json: str
    def __init__(self, park_id: _Optional[str] = ..., list_kind: _Optional[str] = ..., updated_on: _Optional[str] = ..., entry_count: _Optional[int] = ..., entries_json: _Optional[str] = ...) -> None: ...

class ParkRetired(_message.Message):
    __slots__ = ("park_id", "reason")
    PARK_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    park_id: str
    reason: str
    def __init__(self, park_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...
