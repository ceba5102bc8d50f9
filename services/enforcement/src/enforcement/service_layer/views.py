"""How register rows are shown: Chinese labels next to codes, the boundary as GeoJSON, list filters checked."""

from __future__ import annotations

import json

from ecosafe_kit.auth import jurisdiction
from ecosafe_kit.errors import FieldProblem, InvalidInput
from enforcement.adapters.register_queries import Filter
from enforcement.domain import sectors
from enforcement.domain.values import RiskLevel


def present(row: dict) -> dict:
    shown = {k: v for k, v in row.items() if k not in ("lon", "lat", "boundary_geojson")}
    shown["location"] = {"lon": row["lon"], "lat": row["lat"]}
    shown["boundary"] = json.loads(row["boundary_geojson"]) if row["boundary_geojson"] else None
    shown["sector_label"] = sectors.label(row["sector"])
    shown["risk_level_label"] = RiskLevel(row["risk_level"]).label
    return shown


def list_filter(q: str | None, jurisdiction_code: str | None, park_id: str | None, sector: str | None,
                risk_level: str | None, status: str) -> Filter:
    """The list's filters; a malformed jurisdiction code or an unknown sector is a 422 naming the parameter."""
    problems = []
    if jurisdiction_code is not None and not jurisdiction.is_valid_code(jurisdiction_code):
        problems.append(FieldProblem("query.jurisdiction", "行政区划代码无效, 如 140500 或 140525"))
    if sector is not None and sector not in sectors.SECTORS:
        problems.append(FieldProblem("query.sector", "未知的行业类别代码, 见 GET /enterprises/sectors"))
    if problems:
        raise InvalidInput("；".join(p.message for p in problems), problems)
    return Filter(terms=tuple((q or "").split()),
                  area_prefix=jurisdiction.area_prefix(jurisdiction_code) if jurisdiction_code else None,
                  park_id=park_id, sector=sector, risk_level=risk_level,
                  status=None if status == "all" else status)


def sector_list() -> list[dict]:
    prefixes: dict[str, list[str]] = {code: [] for code in sectors.SECTORS}
    for prefix, code in sectors.INDUSTRY_PREFIXES.items():
        prefixes[code].append(prefix)
    return [{"code": code, "label": label, "industry_prefixes": sorted(prefixes[code])}
            for code, label in sectors.SECTORS.items()]
