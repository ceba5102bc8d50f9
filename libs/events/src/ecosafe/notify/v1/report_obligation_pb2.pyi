from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class ReportObligationCreated(_message.Message):
    __slots__ = ("obligation_id", "name", "jurisdiction_code", "kind", "due_time", "due_weekday", "due_day", "remind_minutes_before", "zero_report_allowed", "unit_codes", "on_rest_day")
    OBLIGATION_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    JURISDICTION_CODE_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    DUE_TIME_FIELD_NUMBER: _ClassVar[int]
    DUE_WEEKDAY_FIELD_NUMBER: _ClassVar[int]
    DUE_DAY_FIELD_NUMBER: _ClassVar[int]
    REMIND_MINUTES_BEFORE_FIELD_NUMBER: _ClassVar[int]
    ZERO_REPORT_ALLOWED_FIELD_NUMBER: _ClassVar[int]
    UNIT_CODES_FIELD_NUMBER: _ClassVar[int]
    ON_REST_DAY_FIELD_NUMBER: _ClassVar[int]
    obligation_id: str
    name: str
    jurisdiction_code: str
    kind: str
    due_time: str
    due_weekday: int
    due_day: int
    remind_minutes_before: int
    zero_report_allowed: bool
    unit_codes: _containers.RepeatedScalarFieldContainer[str]
    on_rest_day: str
    def __init__(self, obligation_id: _Optional[str] = ..., name: _Optional[str] = ..., jurisdiction_code: _Optional[str] = ..., kind: _Optional[str] = ..., due_time: _Optional[str] = ..., due_weekday: _Optional[int] = ..., due_day: _Optional[int] = ..., remind_minutes_before: _Optional[int] = ..., zero_report_allowed: _Optional[bool] = ..., unit_codes: _Optional[_Iterable[str]] = ..., on_rest_day: _Optional[str] = ...) -> None: ...

class ReportSubmitted(_message.Message):
    __slots__ = ("obligation_id", "unit_code", "period", "zero_report", "summary")
    OBLIGATION_ID_FIELD_NUMBER: _ClassVar[int]
    UNIT_CODE_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    ZERO_REPORT_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    obligation_id: str
    unit_code: str
    period: str
    zero_report: bool
    summary: str
    def __init__(self, obligation_id: _Optional[str] = ..., unit_code: _Optional[str] = ..., period: _Optional[str] = ..., zero_report: _Optional[bool] = ..., summary: _Optional[str] = ...) -> None: ...

class ReportReminded(_message.Message):
    __slots__ = ("obligation_id", "unit_code", "period", "notification_id")
    OBLIGATION_ID_FIELD_NUMBER: _ClassVar[int]
    UNIT_CODE_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    NOTIFICATION_ID_FIELD_NUMBER: _ClassVar[int]
    obligation_id: str
    unit_code: str
    period: str
    notification_id: str
    def __init__(self, obligation_id: _Optional[str] = ..., unit_code: _Optional[str] = ..., period: _Optional[str] = ..., notification_id: _Optional[str] = ...) -> None: ...

class ReportMissed(_message.Message):
    __slots__ = ("obligation_id", "unit_code", "period", "notification_id")
    OBLIGATION_ID_FIELD_NUMBER: _ClassVar[int]
    UNIT_CODE_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    NOTIFICATION_ID_FIELD_NUMBER: _ClassVar[int]
    obligation_id: str
    unit_code: str
    period: str
    notification_id: str
    def __init__(self, obligation_id: _Optional[str] = ..., unit_code: _Optional[str] = ..., period: _Optional[str] = ..., notification_id: _Optional[str] = ...) -> None: ...
