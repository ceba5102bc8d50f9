from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Recipient(_message.Message):
    __slots__ = ("kind", "value", "jurisdiction_code", "label")
    KIND_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    JURISDICTION_CODE_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    kind: str
    value: str
    jurisdiction_code: str
    label: str
    def __init__(self, kind: _Optional[str] = ..., value: _Optional[str] = ..., jurisdiction_code: _Optional[str] = ..., label: _Optional[str] = ...) -> None: ...

class RuleMatch(_message.Message):
    __slots__ = ("rule_id", "rule_name", "rule_version", "reasons", "recipient_indexes")
    RULE_ID_FIELD_NUMBER: _ClassVar[int]
    RULE_NAME_FIELD_NUMBER: _ClassVar[int]
    RULE_VERSION_FIELD_NUMBER: _ClassVar[int]
    REASONS_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_INDEXES_FIELD_NUMBER: _ClassVar[int]
    rule_id: str
    rule_name: str
    rule_version: int
    reasons: _containers.RepeatedScalarFieldContainer[str]
    recipient_indexes: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, rule_id: _Optional[str] = ..., rule_name: _Optional[str] = ..., rule_version: _Optional[int] = ..., reasons: _Optional[_Iterable[str]] = ..., recipient_indexes: _Optional[_Iterable[int]] = ...) -> None: ...

class NotificationRouted(_message.Message):
    __slots__ = ("notification_id", "source_event_id", "source_event_type", "event_type", "subject_id", "jurisdiction_code", "title", "body", "link", "urgent", "recipients", "matches", "drill")
    NOTIFICATION_ID_FIELD_NUMBER: _ClassVar[int]
    SOURCE_EVENT_ID_FIELD_NUMBER: _ClassVar[int]
    SOURCE_EVENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    EVENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_ID_FIELD_NUMBER: _ClassVar[int]
    JURISDICTION_CODE_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    LINK_FIELD_NUMBER: _ClassVar[int]
    URGENT_FIELD_NUMBER: _ClassVar[int]
    RECIPIENTS_FIELD_NUMBER: _ClassVar[int]
    MATCHES_FIELD_NUMBER: _ClassVar[int]
    DRILL_FIELD_NUMBER: _ClassVar[int]
    notification_id: str
    source_event_id: str
    source_event_type: str
    event_type: str
    subject_id: str
    jurisdiction_code: str
    title: str
    body: str
    link: str
    urgent: bool
    recipients: _containers.RepeatedCompositeFieldContainer[Recipient]
    matches: _containers.RepeatedCompositeFieldContainer[RuleMatch]
    drill: bool
    def __init__(self, notification_id: _Optional[str] = ..., source_event_id: _Optional[str] = ..., source_event_type: _Optional[str] = ..., event_type: _Optional[str] = ..., subject_id: _Optional[str] = ..., jurisdiction_code: _Optional[str] = ..., title: _Optional[str] = ..., body: _Optional[str] = ..., link: _Optional[str] = ..., urgent: _Optional[bool] = ..., recipients: _Optional[_Iterable[_Union[Recipient, _Mapping]]] = ..., matches: _Optional[_Iterable[_Union[RuleMatch, _Mapping]]] = ..., drill: _Optional[bool] = ...) -> None: ...

class NotificationAcknowledged(_message.Message):
    __slots__ = ("notification_id", "user_id", "note", "on_behalf_of")
    NOTIFICATION_ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    ON_BEHALF_OF_FIELD_NUMBER: _ClassVar[int]
    notification_id: str
    user_id: str
    note: str
    on_behalf_of: str
    def __init__(self, notification_id: _Optional[str] = ..., user_id: _Optional[str] = ..., note: _Optional[str] = ..., on_behalf_of: _Optional[str] = ...) -> None: ...

class NotificationEscalated(_message.Message):
    __slots__ = ("notification_id", "level", "duty_position", "recipients", "reason")
    NOTIFICATION_ID_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    DUTY_POSITION_FIELD_NUMBER: _ClassVar[int]
    RECIPIENTS_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    notification_id: str
    level: int
    duty_position: str
    recipients: _containers.RepeatedCompositeFieldContainer[Recipient]
    reason: str
    def __init__(self, notification_id: _Optional[str] = ..., level: _Optional[int] = ..., duty_position: _Optional[str] = ..., recipients: _Optional[_Iterable[_Union[Recipient, _Mapping]]] = ..., reason: _Optional[str] = ...) -> None: ...
