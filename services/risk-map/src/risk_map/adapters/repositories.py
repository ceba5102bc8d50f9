"""Event-sourced repositories of the risk map's aggregates and the stream types they use."""

from __future__ import annotations

from ecosafe_kit.eventstore import EventStore
from ecosafe_kit.repository import Repository
from risk_map.adapters.codec import CODEC
from risk_map.domain.facility import Facility
from risk_map.domain.incident import Incident
from risk_map.domain.park import Park
from risk_map.domain.river_plan import RiverPlan

STREAM_TYPES = ["facility", "park", "river_plan", "incident"]


def facilities(store: EventStore) -> Repository[Facility]:
    return Repository(store, CODEC, Facility, "facility", not_found="设施不存在")


def parks(store: EventStore) -> Repository[Park]:
    return Repository(store, CODEC, Park, "park", not_found="园区不存在")


def river_plans(store: EventStore) -> Repository[RiverPlan]:
    return Repository(store, CODEC, RiverPlan, "river_plan", not_found="一河一策一图方案不存在")


def incidents(store: EventStore) -> Repository[Incident]:
    return Repository(store, CODEC, Incident, "incident", not_found="事件不存在")
