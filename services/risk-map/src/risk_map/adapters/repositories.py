"""Event-sourced repositories of the risk map's aggregates and the stream types they use."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

from ecosafe_kit.eventstore import EventStore
from ecosafe_kit.repository import Repository
from risk_map.adapters.codec import CODEC
from risk_map.domain.facility import Facility
from risk_map.domain.incident import Incident
from risk_map.domain.map_token import MapToken
from risk_map.domain.park import Park
from risk_map.domain.pool_review import PoolReview
from risk_map.domain.river_plan import RiverPlan

# Published as ecosafe.risk-map.<stream type>; "pool-review" is the topic name the hazard service subscribes to.
STREAM_TYPES = ["facility", "park", "river_plan", "incident", "pool-review", "map-token"]
_LOCK_REVIEWS = text("SELECT pg_advisory_xact_lock(hashtext('risk-map:pool-review:' || :e))")


def facilities(store: EventStore) -> Repository[Facility]:
    return Repository(store, CODEC, Facility, "facility", not_found="设施不存在")


def parks(store: EventStore) -> Repository[Park]:
    return Repository(store, CODEC, Park, "park", not_found="园区不存在")


def river_plans(store: EventStore) -> Repository[RiverPlan]:
    return Repository(store, CODEC, RiverPlan, "river_plan", not_found="一河一策一图方案不存在")


def incidents(store: EventStore) -> Repository[Incident]:
    return Repository(store, CODEC, Incident, "incident", not_found="事件不存在")


def pool_reviews(store: EventStore) -> Repository[PoolReview]:
    return Repository(store, CODEC, PoolReview, "pool-review", not_found="应急池容积核算记录不存在")


def map_tokens(store: EventStore) -> Repository[MapToken]:
    return Repository(store, CODEC, MapToken, "map-token", not_found="地图令牌不存在")


def lock_pool_reviews(conn: Connection, enterprise_id: str) -> None:
    """Serialise raises for one enterprise until the transaction ends, so two at once cannot both pass the
    "no open review" check (reviews are separate streams; the store's version key cannot see the clash)."""
    conn.execute(_LOCK_REVIEWS, {"e": enterprise_id})
