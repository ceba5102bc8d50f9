from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class HazardGrade(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    HAZARD_GRADE_UNSPECIFIED: _ClassVar[HazardGrade]
    HAZARD_GRADE_GENERAL: _ClassVar[HazardGrade]
    HAZARD_GRADE_MAJOR: _ClassVar[HazardGrade]
HAZARD_GRADE_UNSPECIFIED: HazardGrade
HAZARD_GRADE_GENERAL: HazardGrade
HAZARD_GRADE_MAJOR: HazardGrade

class GeoPoint(_message.Message):
    __slots__ = ("lon", "lat")
    LON_FIELD_NUMBER: _ClassVar[int]
    LAT_FIELD_NUMBER: _ClassVar[int]
    lon: float
    lat: float
    def __init__(self, lon: _Optional[float] = ..., lat: _Optional[float] = ...) -> None: ...

class Attachment(_message.Message):
    __slots__ = ("uri", "name", "media_type", "sha256")
    URI_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    MEDIA_TYPE_FIELD_NUMBER: _ClassVar[int]
    SHA256_FIELD_NUMBER: _ClassVar[int]
    uri: str
    name: str
    media_type: str
    sha256: str
    def __init__(self, uri: _Optional[str] = ..., name: _Optional[str] = ..., media_type: _Optional[str] = ..., sha256: _Optional[str] = ...) -> None: ...
