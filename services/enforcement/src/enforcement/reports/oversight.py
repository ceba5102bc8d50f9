"""Use case of recording the bureaus' oversight work the dispatch table counts (帮扶指导, 问责, 约谈通报)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime, timezone

from sqlalchemy.engine import Engine

from ecosafe_kit.auth.principal import Principal
from ecosafe_kit.auth.signing import signer_of
from ecosafe_kit.errors import NotFound
from ecosafe_kit.eventstore import EventStore
from ecosafe_kit.repository import Repository
from enforcement.domain import reports_oversight as o
from enforcement.domain.problems import invalid
from enforcement.reports.oversight_codec import OVERSIGHT_CODEC
from enforcement.service_layer.campaign_permissions import ensure_may_organise, valid_area
from enforcement.service_layer.campaigns import Campaigns
from enforcement.service_layer.recording import record

OVERSIGHT_STREAM = "oversight"


class OversightActivities:
    def __init__(self, engine: Engine, now: Callable[[], datetime] = lambda: datetime.now(timezone.utc)) -> None:
        self.engine = engine
        self.now = now
        self.repository: Repository[o.OversightActivity] = Repository(
            EventStore(engine), OVERSIGHT_CODEC, o.OversightActivity, OVERSIGHT_STREAM, not_found="监管工作记录不存在")

    def record(self, principal: Principal, kind: o.Kind, bureau_code: str, campaign_id: str | None,
               occurred_on: datetime, target: str, persons: int, note: str) -> dict:
        """监管工作记录 by an officer of the bureau that did it; the consumer of its topic counts it."""
        valid_area(bureau_code, "bureau_code")
        ensure_may_organise(principal, bureau_code, "记录监管工作")
        with self.engine.begin() as conn:
            if campaign_id is not None:
                try:
                    Campaigns.visible(conn, principal, campaign_id)
                except NotFound as missing:  # told as the field at fault
                    raise invalid("campaign_id", f"专项行动不存在: {campaign_id}") from missing
            activity = o.OversightActivity.record(str(uuid.uuid4()), kind, bureau_code, campaign_id, occurred_on,
                                                  target, persons, note, self.now())
            record(conn, self.repository, activity, signer_of(principal), [])
        return {"activity_id": activity.id, "version": activity.version}
