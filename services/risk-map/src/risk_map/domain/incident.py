"""Incident aggregate (突发环境事件): reported, then correlated with the risk map."""

from __future__ import annotations

from datetime import datetime

from ecosafe_kit.domain import Aggregate
from risk_map.domain.errors import invalid
from risk_map.domain.events import IncidentCorrelated, IncidentReported

LEVELS = {"general": "一般", "larger": "较大", "major": "重大", "extraordinary": "特别重大"}
LEVEL_ALIASES = {**{v: k for k, v in LEVELS.items()}, **{k: k for k in LEVELS}}


class Incident(Aggregate):
    def _init_state(self) -> None:
        self.reported: IncidentReported | None = None
        self.correlations = 0

    @classmethod
    def report(cls, incident_id: str, occurred_at: datetime, location_geojson: str, pollutant: str,
               volume_m3: float, level: str, enterprise_id: str | None, drill: bool = False) -> Incident:
        if level not in LEVEL_ALIASES:
            raise invalid("level", "事件级别须为 一般、较大、重大 或 特别重大")
        if volume_m3 < 0:
            raise invalid("volume_m3", "泄漏量不能为负数")
        if not pollutant.strip():
            raise invalid("pollutant", "须写明污染物")
        incident = cls(incident_id)
        incident._init_state()
        incident._record(IncidentReported(incident_id, occurred_at, location_geojson, pollutant.strip(),
                                          float(volume_m3), LEVEL_ALIASES[level], enterprise_id, bool(drill)))
        return incident

    def correlated(self, picture_json: str, contained: bool, first_target: str | None, hours: float | None) -> None:
        self._record(IncidentCorrelated(self.id, picture_json, contained, first_target, hours))

    def apply_IncidentReported(self, event: IncidentReported) -> None:
        self.reported = event

    def apply_IncidentCorrelated(self, event: IncidentCorrelated) -> None:
        self.correlations += 1
