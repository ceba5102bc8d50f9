"""责任倒查 (一案三查): which hazards an inspection recorded and which it missed, from what was found later."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class KnownHazard:
    hazard_id: str
    found_at: datetime
    finding_id: str | None


def recorded_and_missed(completed_at: datetime | None, finding_ids: Iterable[str],
                        hazards: Sequence[KnownHazard]) -> tuple[list[str], list[str]]:
    """The hazards an inspection recorded (opened from its findings) and those it missed: found at the enterprise
    after it was completed and not from its findings ("对重大事故隐患该发现而未发现…要实行“一案三查”", seed 003).
    An inspection not yet completed has missed nothing."""
    own = set(finding_ids)
    recorded = [h.hazard_id for h in hazards if h.finding_id is not None and h.finding_id in own]
    if completed_at is None:
        return recorded, []
    missed = [h.hazard_id for h in hazards if h.found_at > completed_at and h.finding_id not in own]
    return recorded, missed
