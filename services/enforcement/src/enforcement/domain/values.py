"""Value objects of the enterprise register: risk level, position and the facts one register entry holds."""

from __future__ import annotations

import enum
from dataclasses import dataclass, fields


class RiskLevel(enum.StrEnum):
    """环境风险等级."""

    general = "general"
    elevated = "elevated"
    major = "major"

    @property
    def label(self) -> str:
        return _RISK_LABELS[self]


_RISK_LABELS = {RiskLevel.general: "一般", RiskLevel.elevated: "较大", RiskLevel.major: "重大"}
RISK_BY_LABEL = {label: level for level, label in _RISK_LABELS.items()}


@dataclass(frozen=True)
class Point:
    """A position, longitude/latitude in WGS 84 (EPSG:4326)."""

    lon: float
    lat: float


@dataclass(frozen=True)
class EnterpriseFacts:
    """What the register holds about one enterprise; an update replaces all of it at once."""

    name: str
    credit_code: str
    industry: str
    sector: str
    risk_level: RiskLevel
    principal_name: str
    principal_phone: str
    jurisdiction_code: str
    address: str
    location: Point
    parent_enterprise_id: str | None = None
    park_id: str | None = None
    boundary_geojson: str | None = None
    hazardous_waste_permit_no: str | None = None

    def changed_fields(self, other: EnterpriseFacts) -> list[str]:
        """Names of the fields whose value differs in `other`, in declaration order (the proto's names)."""
        return [f.name for f in fields(self) if getattr(self, f.name) != getattr(other, f.name)]
