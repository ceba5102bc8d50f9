from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class RoutingRuleSpec(_message.Message):
    __slots__ = ("name", "jurisdiction_code", "event_types", "grades", "domains", "park_ids", "enterprise_ids", "recipient_roles", "recipient_users", "recipient_duty_positions", "recipient_parties", "urgent", "channel_ids")
    NAME_FIELD_NUMBER: _ClassVar[int]
    JURISDICTION_CODE_FIELD_NUMBER: _ClassVar[int]
    EVENT_TYPES_FIELD_NUMBER: _ClassVar[int]
    GRADES_FIELD_NUMBER: _ClassVar[int]
    DOMAINS_FIELD_NUMBER: _ClassVar[int]
    PARK_IDS_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_IDS_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_ROLES_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_USERS_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_DUTY_POSITIONS_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_PARTIES_FIELD_NUMBER: _ClassVar[int]
    URGENT_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_IDS_FIELD_NUMBER: _ClassVar[int]
    name: str
    jurisdiction_code: str
    event_types: _containers.RepeatedScalarFieldContainer[str]
    grades: _containers.RepeatedScalarFieldContainer[str]
    domains: _containers.RepeatedScalarFieldContainer[str]
    park_ids: _containers.RepeatedScalarFieldContainer[str]
    enterprise_ids: _containers.RepeatedScalarFieldContainer[str]
    recipient_roles: _containers.RepeatedScalarFieldContainer[str]
    recipient_users: _containers.RepeatedScalarFieldContainer[str]
    recipient_duty_positions: _containers.RepeatedScalarFieldContainer[str]
    recipient_parties: _containers.RepeatedScalarFieldContainer[str]
    urgent: bool
    channel_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, name: _Optional[str] = ..., jurisdiction_code: _Optional[str] = ..., event_types: _Optional[_Iterable[str]] = ..., grades: _Optional[_Iterable[str]] = ..., domains: _Optional[_Iterable[str]] = ..., park_ids: _Optional[_Iterable[str]] = ..., enterprise_ids: _Optional[_Iterable[str]] = ..., recipient_roles: _Optional[_Iterable[str]] = ..., recipient_users: _Optional[_Iterable[str]] = ..., recipient_duty_positions: _Optional[_Iterable[str]] = ..., recipient_parties: _Optional[_Iterable[str]] = ..., urgent: _Optional[bool] = ..., channel_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class RoutingRuleCreated(_message.Message):
    __slots__ = ("rule_id", "spec")
    RULE_ID_FIELD_NUMBER: _ClassVar[int]
    SPEC_FIELD_NUMBER: _ClassVar[int]
    rule_id: str
    spec: RoutingRuleSpec
    def __init__(self, rule_id: _Optional[str] = ..., spec: _Optional[_Union[RoutingRuleSpec, _Mapping]] = ...) -> None: ...

class RoutingRuleChanged(_message.Message):
    __slots__ = ("rule_id", "spec")
    RULE_ID_FIELD_NUMBER: _ClassVar[int]
    SPEC_FIELD_NUMBER: _ClassVar[int]
    rule_id: str
    spec: RoutingRuleSpec
    def __init__(self, rule_id: _Optional[str] = ..., spec: _Optional[_Union[RoutingRuleSpec, _Mapping]] = ...) -> None: ...

class RoutingRuleRetired(_message.Message):
    __slots__ = ("rule_id", "reason")
    RULE_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    rule_id: str
    reason: str
    def __init__(self, rule_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...
