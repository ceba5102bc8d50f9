"""Input of the register's commands as the API and the bulk import hand it over, and how it becomes facts."""

from __future__ import annotations

from dataclasses import dataclass

from ecosafe_kit.errors import FieldProblem
from enforcement.domain import boundary as plant_boundary, sectors
from enforcement.domain.values import EnterpriseFacts, Point, RiskLevel


@dataclass(frozen=True)
class EnterpriseInput:
    """One register entry as submitted; `sector` may be left out (derived from the industry code) and
    `boundary` is a GeoJSON Polygon object."""

    name: str
    credit_code: str
    industry: str
    risk_level: RiskLevel
    principal_name: str
    jurisdiction_code: str
    address: str
    lon: float
    lat: float
    principal_phone: str = ""
    sector: str | None = None
    parent_enterprise_id: str | None = None
    park_id: str | None = None
    boundary: dict | None = None
    hazardous_waste_permit_no: str | None = None


def to_facts(given: EnterpriseInput) -> tuple[EnterpriseFacts, list[FieldProblem]]:
    """The facts to record, and the problems found turning the input into them (the domain checks the rest)."""
    problems: list[FieldProblem] = []
    boundary_text = None
    if given.boundary is not None:
        boundary_text, reason = plant_boundary.normalise(given.boundary)
        if reason:
            problems.append(FieldProblem("boundary", reason))
    industry = given.industry.strip().upper()
    facts = EnterpriseFacts(
        name=given.name.strip(), credit_code=given.credit_code.strip().upper(), industry=industry,
        sector=given.sector.strip() if given.sector else sectors.sector_of_industry(industry),
        risk_level=given.risk_level, principal_name=given.principal_name.strip(),
        principal_phone=given.principal_phone.strip(), jurisdiction_code=given.jurisdiction_code.strip(),
        address=given.address.strip(), location=Point(float(given.lon), float(given.lat)),
        parent_enterprise_id=given.parent_enterprise_id or None, park_id=given.park_id or None,
        boundary_geojson=boundary_text, hazardous_waste_permit_no=given.hazardous_waste_permit_no or None)
    return facts, problems
