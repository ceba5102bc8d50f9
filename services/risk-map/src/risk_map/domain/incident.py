"""Incident aggregate (突发环境事件): reported, then correlated with the risk map."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ecosafe_kit.domain import Aggregate
from risk_map.domain.errors import invalid
from risk_map.domain.events import IncidentCorrelated, IncidentReported

@dataclass(frozen=True)
class IncidentPlace:
    """Where an incident belongs: who may report it and who reads it.

    The jurisdiction is the enterprise's (the one reported, else the site found around the point), else the
    park's the point lies in or next to, else the receiving reach's, else the reporter's own (nothing registered
    nearby says otherwise). Officers of the counties the downstream trace reaches read it too.
    """

    jurisdiction_code: str | None
    park_id: str | None
    enterprise_id: str | None
    downstream_jurisdiction_codes: tuple[str, ...] = ()

    @classmethod
    def of(cls, *, enterprise_id: str | None, enterprise_code: str | None, park_id: str | None,
           park_code: str | None, reach_codes: list[str | None], reporter_code: str | None) -> IncidentPlace:
        codes = [c for c in reach_codes if c]
        code = enterprise_code or park_code or (codes[0] if codes else None) or reporter_code
        downstream = tuple(dict.fromkeys(c for c in codes if c != code))
        return cls(code, park_id, enterprise_id, downstream)


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

    def correlated(self, picture_json: str, contained: bool, first_target: str | None, hours: float | None,
                   place: IncidentPlace) -> None:
        self._record(IncidentCorrelated(self.id, picture_json, contained, first_target, hours, place.jurisdiction_code,
                                        place.park_id, place.downstream_jurisdiction_codes, place.enterprise_id))

    def apply_IncidentReported(self, event: IncidentReported) -> None:
        self.reported = event

    def apply_IncidentCorrelated(self, event: IncidentCorrelated) -> None:
        self.correlations += 1
