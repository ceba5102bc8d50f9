"""Turn a submitted GeoJSON Feature into validated facility data: kind, owner, geometry, attributes."""

from __future__ import annotations

from sqlalchemy.engine import Connection

from ecosafe_kit.auth import jurisdiction as jurisdictions
from ecosafe_kit.auth.principal import Principal
from risk_map.adapters import lookups
from risk_map.domain.attributes import clean_attributes
from risk_map.domain.errors import FieldProblem, InvalidInput, invalid
from risk_map.domain.facility import FacilityData
from risk_map.domain.free_text import ensure_clean_text, ensure_line
from risk_map.domain.geometry import clean_geometry, feature_crs
from risk_map.domain.kinds import RULES, FacilityKind
from risk_map.service_layer.placement import RIVER_NETWORK, place

_RESERVED = {"kind", "name", "enterprise_id", "park_id", "jurisdiction_code"}


def check_jurisdiction(code: object, field: str) -> str:
    """A well-formed administrative division code, or a 422 naming the field."""
    if not isinstance(code, str):
        raise InvalidInput("须给出辖区 (行政区划代码)", [FieldProblem(field, "不属于企业或园区的设施须写明辖区代码")])
    try:
        return jurisdictions.validate_code(code)
    except jurisdictions.InvalidJurisdictionCode:
        raise invalid(field, f"辖区代码 {code!r} 不是有效的行政区划代码") from None


def facility_data(conn: Connection, principal: Principal, feature: dict, declared_crs: object = None, where: str = "",
                  default_park: str | None = None) -> FacilityData:
    """Validate one Feature (properties: kind, name, enterprise_id?, park_id?, jurisdiction_code?, attributes…).

    `default_park` (the import's park) is the owner of a feature that names none, unless it is a river-network
    feature that states its jurisdiction; either way the geometry then decides (`placement.place`)."""
    p = f"{where}." if where else ""
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise invalid(f"{p}type" if where else "type", "须为 GeoJSON Feature (type 为 Feature)")
    props = feature.get("properties") or {}
    if not isinstance(props, dict):
        raise invalid(f"{p}properties", "properties 须为对象")
    ensure_clean_text(props, f"{p}properties")  # before any of them reaches a query or a jsonb column
    try:
        kind = FacilityKind(props.get("kind"))
    except ValueError:
        raise invalid(f"{p}properties.kind", "设施类别无效, 须为: " + "、".join(f"{k.value}({RULES[k].label})" for k in FacilityKind)) from None
    rule = RULES[kind]
    geometry = clean_geometry(feature.get("geometry"), declared_crs=feature_crs(feature, declared_crs, p), allowed_types=rule.geometry_types,
                              field=f"{p}geometry")
    attributes = clean_attributes(kind, {k: v for k, v in props.items() if k not in _RESERVED}, field=f"{p}properties")
    for key in ("enterprise_id", "park_id", "jurisdiction_code"):
        if props.get(key) not in (None, "") and not isinstance(props[key], str):
            raise invalid(f"{p}properties.{key}", f"{key} 须为字符串标识")
    enterprise_id = props.get("enterprise_id") or None
    park_id = props.get("park_id") or None
    jurisdiction_code = props.get("jurisdiction_code") or None
    if default_park and not park_id and not enterprise_id and not (kind in RIVER_NETWORK and jurisdiction_code):
        park_id = default_park
    if enterprise_id is not None:
        ref = lookups.enterprise(conn, enterprise_id)
        if ref is None:
            raise invalid(f"{p}properties.enterprise_id", f"企业名录中没有企业 {enterprise_id}")
        if ref.deregistered:
            raise invalid(f"{p}properties.enterprise_id",
                          f"企业 {enterprise_id} ({ref.name}) 已从企业名录注销: 其设施只能注销, 不能再登记或变更")
        jurisdiction_code = ref.jurisdiction_code
        park_id = park_id or ref.park_id
    elif rule.owner == "enterprise":
        raise invalid(f"{p}properties.enterprise_id", f"{rule.label}须属于一家企业 (enterprise_id)")
    if park_id is not None:
        park_code = lookups.park_jurisdiction(conn, park_id)
        if park_code is None:
            raise invalid(f"{p}properties.park_id", f"园区 {park_id} 不存在或已撤销")
        jurisdiction_code = jurisdiction_code or park_code
    elif rule.owner == "park":
        raise invalid(f"{p}properties.park_id", f"{rule.label}须属于一个园区 (park_id)")
    check_jurisdiction(jurisdiction_code, f"{p}properties.jurisdiction_code")
    name = props.get("name")
    if not isinstance(name, str) or not name.strip():
        raise invalid(f"{p}properties.name", "名称不能为空")
    ensure_line(name, f"{p}properties.name")
    data = FacilityData(kind, name, enterprise_id, park_id, jurisdiction_code, geometry.geojson, attributes,
                        geometry.declared_crs)
    return place(conn, principal, data, where)
