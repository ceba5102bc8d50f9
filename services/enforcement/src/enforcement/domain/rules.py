"""The register's checks of one entry's facts; every problem names its field so a bulk import can say which cell."""

from __future__ import annotations

import math
import re

from ecosafe_kit.auth import jurisdiction
from ecosafe_kit.errors import FieldProblem
from enforcement.domain import boundary, credit_code, sectors
from enforcement.domain.values import EnterpriseFacts

_PHONE = re.compile(r"\+?[0-9][0-9-]{4,19}")
MAX_NAME = 100


def problems_of(facts: EnterpriseFacts) -> list[FieldProblem]:
    """Every rule the facts break, each naming the field (as the API and the proto name it)."""
    found: list[FieldProblem] = []

    def refuse(field: str, message: str) -> None:
        found.append(FieldProblem(field, message))

    if not facts.name.strip():
        refuse("name", "必须填写企业名称")
    elif len(facts.name) > MAX_NAME:
        refuse("name", f"企业名称不能超过 {MAX_NAME} 个字符")
    reason = credit_code.problem_of(facts.credit_code)
    if reason:
        refuse("credit_code", reason)
    if not sectors.INDUSTRY_CODE.fullmatch(facts.industry):
        refuse("industry", "行业代码应为国民经济行业分类 (GB/T 4754-2017) 代码: 门类字母加 2-4 位数字, 如 C2614")
    if facts.sector not in sectors.SECTORS:
        refuse("sector", "行业类别应为以下之一: " + "、".join(f"{c} ({l})" for c, l in sectors.SECTORS.items()))
    if not facts.principal_name.strip():
        refuse("principal_name", "必须填写主要负责人")
    if facts.principal_phone and not _PHONE.fullmatch(facts.principal_phone):
        refuse("principal_phone", "联系电话应为 5-20 位数字 (可含 - 与开头的 +)")
    if not jurisdiction.is_valid_code(facts.jurisdiction_code) or (
            jurisdiction.level_of(facts.jurisdiction_code) is not jurisdiction.Level.county):
        refuse("jurisdiction_code", "辖区应为县级行政区划代码 (GB/T 2260, 6 位), 如 140525")
    if not facts.address.strip():
        refuse("address", "必须填写地址")
    lon, lat = facts.location.lon, facts.location.lat
    if not (math.isfinite(lon) and -180 <= lon <= 180):
        refuse("location.lon", "经度应在 -180 到 180 之间 (WGS 84)")
    if not (math.isfinite(lat) and -90 <= lat <= 90):
        refuse("location.lat", "纬度应在 -90 到 90 之间 (WGS 84)")
    if facts.boundary_geojson is not None and not found and not boundary.contains_near(
            facts.boundary_geojson, lon, lat):
        refuse("boundary", "位置点距厂区边界超过约 1 公里, 请检查位置或边界坐标")
    if facts.parent_enterprise_id is not None and not facts.parent_enterprise_id.strip():
        refuse("parent_enterprise_id", "上级企业编号不能为空字符串")
    if facts.park_id is not None and not facts.park_id.strip():
        refuse("park_id", "园区编号不能为空字符串")
    return found
