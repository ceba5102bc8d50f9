"""Facility kinds: their Chinese labels, allowed geometry types and attribute rules."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class FacilityKind(enum.StrEnum):
    """What a facility on the risk map is (the glossary's names)."""

    site = "site"
    risk_unit = "risk_unit"
    drain_pipe = "drain_pipe"
    emergency_pool = "emergency_pool"
    rain_outlet = "rain_outlet"
    river_reach = "river_reach"
    river_gate = "river_gate"
    interception_point = "interception_point"
    monitoring_section = "monitoring_section"
    sensitive_target = "sensitive_target"
    emergency_space = "emergency_space"
    material_depot = "material_depot"
    response_team = "response_team"
    park_rain_pipe = "park_rain_pipe"


POINT = frozenset({"Point"})
AREA = frozenset({"Polygon", "MultiPolygon"})
LINE = frozenset({"LineString", "MultiLineString"})


@dataclass(frozen=True)
class KindRule:
    """How one kind is labelled and which geometry and attributes it takes."""

    label: str
    geometry_types: frozenset[str]
    # attribute → (type, required); numbers are checked non-negative
    attributes: dict
    owner: str  # "enterprise", "park" or "any": what a facility of this kind must belong to


_NUM, _STR, _BOOL, _LIST = "number", "string", "boolean", "list"

RULES: dict[FacilityKind, KindRule] = {
    FacilityKind.site: KindRule("企业厂区", POINT | AREA, {
        "process_water_m3": (_NUM, False), "rainfall_mm": (_NUM, False), "catchment_area_ha": (_NUM, False),
        "address": (_STR, False)}, "enterprise"),
    FacilityKind.risk_unit: KindRule("风险单元", POINT | AREA, {
        "unit_type": (_STR, True), "max_volume_m3": (_NUM, True), "fire_water_m3": (_NUM, False),
        "transferable_m3": (_NUM, False), "substances": (_LIST, False), "bunding": (_BOOL, False),
        "diversion": (_BOOL, False)}, "enterprise"),
    FacilityKind.drain_pipe: KindRule("管网", LINE, {
        "network": (_STR, True), "diameter_mm": (_NUM, False)}, "enterprise"),
    FacilityKind.emergency_pool: KindRule("事故应急池", POINT | AREA, {
        "capacity_m3": (_NUM, True), "free_volume_m3": (_NUM, False)}, "any"),
    FacilityKind.rain_outlet: KindRule("厂界雨水排口", POINT, {
        "valve_state": (_STR, False), "valve_mode": (_STR, False), "remote_controllable": (_BOOL, False),
        "discharges_to_reach_id": (_STR, False)}, "enterprise"),
    FacilityKind.river_reach: KindRule("河段", frozenset({"LineString"}), {
        "river_name": (_STR, True), "velocity_mps": (_NUM, True), "length_m": (_NUM, False),
        "downstream_reach_id": (_STR, False), "key_river": (_BOOL, False)}, "any"),
    FacilityKind.river_gate: KindRule("河道闸控设施", POINT, {
        "gate_state": (_STR, False), "remote_controllable": (_BOOL, False), "reach_id": (_STR, False)}, "any"),
    FacilityKind.interception_point: KindRule("拦截点", POINT, {
        "method": (_STR, False), "reach_id": (_STR, False)}, "any"),
    FacilityKind.monitoring_section: KindRule("监测断面", POINT, {
        "section_type": (_STR, False), "reach_id": (_STR, False)}, "any"),
    FacilityKind.sensitive_target: KindRule("环境敏感保护目标", POINT | AREA, {
        "target_type": (_STR, True), "reach_id": (_STR, False), "population": (_NUM, False)}, "any"),
    FacilityKind.emergency_space: KindRule("环境应急空间与设施", POINT | AREA, {
        "space_type": (_STR, True), "storage_volume_m3": (_NUM, True), "uses": (_LIST, False),
        "reach_id": (_STR, False)}, "any"),
    FacilityKind.material_depot: KindRule("应急物资库", POINT, {
        "contents": (_LIST, False), "contact": (_STR, False)}, "any"),
    FacilityKind.response_team: KindRule("应急队伍", POINT, {
        "members": (_NUM, False), "specialty": (_STR, False), "contact": (_STR, False)}, "any"),
    FacilityKind.park_rain_pipe: KindRule("园区公共雨水管网", LINE, {"diameter_mm": (_NUM, False)}, "park"),
}

VALVE_STATES = ("open", "closed", "unknown")
STATE_LABELS = {"open": "开启", "closed": "关闭", "unknown": "未知"}
# Kinds whose position along a river matters to the downstream trace; snapped to the nearest reach.
ON_RIVER = frozenset({FacilityKind.river_gate, FacilityKind.interception_point, FacilityKind.monitoring_section,
                      FacilityKind.sensitive_target, FacilityKind.emergency_space})
# Kinds with a valve or gate that can be commanded (一键启闭).
COMMANDABLE = frozenset({FacilityKind.rain_outlet, FacilityKind.river_gate})

# What people read for each attribute (forms, details); the keys are the attributes of RULES and the owner fields.
ATTRIBUTE_LABELS = {
    "process_water_m3": "生产废水量 V4 (m³)", "rainfall_mm": "降雨量 q (mm)", "catchment_area_ha": "汇水面积 F (ha)",
    "address": "地址", "unit_type": "风险单元类型", "max_volume_m3": "最大物料量 V1 (m³)",
    "fire_water_m3": "消防水量 V2 (m³)", "transferable_m3": "可转输量 V3 (m³)", "substances": "风险物质",
    "bunding": "有围堰", "diversion": "有导流", "network": "管网类别 (rain 雨水 / sewage 污水 / accident 事故)",
    "diameter_mm": "管径 (mm)", "capacity_m3": "设计容积 (m³)", "free_volume_m3": "剩余容积 (m³)",
    "valve_state": "阀门状态", "valve_mode": "阀门类型", "remote_controllable": "可远程控制",
    "discharges_to_reach_id": "排入河段", "river_name": "河流名称", "velocity_mps": "流速 (m/s)",
    "length_m": "长度 (m)", "downstream_reach_id": "下游河段", "key_river": "重点河流", "gate_state": "闸门状态",
    "reach_id": "所在河段", "method": "拦截方式", "section_type": "断面类型", "target_type": "目标类型",
    "population": "人口", "space_type": "空间类型", "storage_volume_m3": "可容纳量 (m³)", "uses": "用途",
    "contents": "物资", "contact": "联系方式", "members": "人数", "specialty": "专长",
}
