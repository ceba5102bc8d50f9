"""PoolReview aggregate (应急池容积不足转隐患): an enterprise's accident-pool shortfall raised as a hazard."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from ecosafe_kit.domain import Aggregate
from risk_map.domain.errors import Conflict, invalid
from risk_map.domain.events import PoolShortfallRaised
from risk_map.domain.pool_adequacy import PoolAdequacy

MAX_NOTE = 1000
# A review whose hazard the hazard service has not confirmed yet still counts as open for this long: long enough
# for the consumer to catch up after an outage, short enough that a review lost on the way (dead-lettered) does
# not block the enterprise for good.
PENDING_HOURS = 24
SHANGHAI = ZoneInfo("Asia/Shanghai")


@dataclass(frozen=True)
class OpenReview:
    """An earlier raise for the same enterprise that still stands: its hazard is open, or not yet confirmed."""

    review_id: str
    raised_at: datetime
    raised_by: str
    ledger_no: str | None


def _m3(value: float) -> str:
    return f"{value:g} m³"


def figures(adequacy: PoolAdequacy) -> dict:
    """The numbers a 409 or a review shows: required volume, pool capacity, shortfall."""
    return {"required_volume_m3": adequacy.required_volume, "capacity_m3": adequacy.capacity,
            "shortfall_m3": adequacy.shortfall}


class PoolReview(Aggregate):
    def _init_state(self) -> None:
        self.raised: PoolShortfallRaised | None = None

    @classmethod
    def raise_shortfall(cls, review_id: str, *, enterprise_id: str, jurisdiction_code: str, park_id: str | None,
                        adequacy: PoolAdequacy, note: str, raised_by_role: str, computed_at: datetime,
                        open_review: OpenReview | None) -> PoolReview:
        """Raise the shortfall, unless there is none or an earlier raise for the enterprise still stands."""
        if adequacy.shortfall <= 0:
            raise Conflict(f"事故应急池容积满足要求, 无需转为隐患: 所需事故应急池容积 V = {_m3(adequacy.required_volume)}, "
                           f"已登记事故应急池总容积 {_m3(adequacy.capacity)}, 无缺口",
                           extra={**figures(adequacy), "explanation": adequacy.explanation})
        if open_review is not None:
            # One shortfall, one hazard: a second raise (a double click, a colleague on another screen) would
            # open a second hazard for the same pools in the ledger.
            hazard = (f"对应隐患 {open_review.ledger_no} 尚未销号" if open_review.ledger_no
                      else "隐患服务尚未确认建立隐患")
            at = open_review.raised_at.astimezone(SHANGHAI)
            raise Conflict(f"企业 {enterprise_id} 的事故应急池容积不足已于 {at:%Y-%m-%d %H:%M} "
                           f"由 {open_review.raised_by} 提出 ({hazard}), 不重复提出",
                           extra={"review_id": open_review.review_id, "raised_at": open_review.raised_at.isoformat(),
                                  "ledger_no": open_review.ledger_no, **figures(adequacy)})
        note = (note or "").strip()
        if len(note) > MAX_NOTE:
            raise invalid("note", f"说明不能超过 {MAX_NOTE} 字")
        review = cls(review_id)
        review._init_state()
        review._record(PoolShortfallRaised(
            review_id=review_id, enterprise_id=enterprise_id, jurisdiction_code=jurisdiction_code, park_id=park_id,
            required_volume_m3=adequacy.required_volume, capacity_m3=adequacy.capacity,
            shortfall_m3=adequacy.shortfall, explanation="；".join(adequacy.explanation), note=note,
            raised_by_role=raised_by_role, computed_at=computed_at))
        return review

    def apply_PoolShortfallRaised(self, event: PoolShortfallRaised) -> None:
        self.raised = event
