"""The fixed set of map layers (OGC collections and MVT layers): the only names that ever reach SQL text."""

from __future__ import annotations

from dataclasses import dataclass

from risk_map.domain.kinds import RULES, FacilityKind

# The river network and what lies on it, and the emergency resources: one map everybody responding to a spill
# needs whole (a spill crosses county and park borders), so they are not cut to the reader's scope. Everything
# else belongs to an area, a park or an enterprise and is read within the reader's scope.
SHARED_KINDS = frozenset({FacilityKind.river_reach, FacilityKind.river_gate, FacilityKind.interception_point,
                          FacilityKind.monitoring_section, FacilityKind.sensitive_target, FacilityKind.emergency_space,
                          FacilityKind.material_depot, FacilityKind.response_team})
# "Recent" enforcement findings (近期检查发现问题): the last 90 days, on the site features and in their layer.
RECENT_FINDING_DAYS = 90
# The sites' sanction flags (enforcement's cases and blacklist), filterable as true / false and drawn in the tiles.
SANCTION_QUERYABLES = ("case_open", "suspended", "closure_proposed", "blacklisted")


@dataclass(frozen=True)
class Layer:
    id: str
    title: str
    description: str
    kind: FacilityKind | None  # None: a table of its own (parks, incidents, hazards, findings)
    tile_properties: tuple[str, ...] = ()  # attribute keys carried into vector tiles

    @property
    def shared(self) -> bool:
        """Whether every signed-in user reads the whole layer (see SHARED_KINDS); else it is read within scope."""
        return self.kind in SHARED_KINDS

    @property
    def queryables(self) -> tuple[str, ...]:
        base = ("name", "enterprise_id", "park_id", "jurisdiction_code")
        if self.kind is None:
            return {"parks": ("name", "jurisdiction_code"), "incidents": ("pollutant", "level", "enterprise_id"),
                    "hazards": ("enterprise_id", "grade", "status"),
                    "findings": ("enterprise_id", "inspection_id", "campaign_id", "domain", "suggested_grade")}[self.id]
        own = tuple(k for k, (typ, _) in RULES[self.kind].attributes.items() if typ in ("string", "boolean"))
        return base + own + (SANCTION_QUERYABLES if self.id == "sites" else ())


def _facility(id_: str, kind: FacilityKind, description: str, tile_properties: tuple[str, ...] = ()) -> Layer:
    return Layer(id_, RULES[kind].label, description, kind, tile_properties)


LAYERS: dict[str, Layer] = {layer.id: layer for layer in (
    Layer("parks", "园区", "工业园区、开发区边界及三张清单更新情况", None),
    _facility("sites", FacilityKind.site, "企业厂区 (点或边界), 含事故应急池容积核算及企业在办案件、停产整治、提请关闭、失信名单",
              ("pool_adequate", "open_case_count", "risk_level", *SANCTION_QUERYABLES)),
    _facility("risk_units", FacilityKind.risk_unit, "第一道防线: 罐区、车间、仓库等风险单元", ("unit_type",)),
    _facility("drain_pipes", FacilityKind.drain_pipe, "第二道防线: 雨污分流管网", ("network",)),
    _facility("emergency_pools", FacilityKind.emergency_pool, "第二道防线: 事故应急池 (容积、剩余容积)",
              ("capacity_m3", "free_volume_m3")),
    _facility("rain_outlets", FacilityKind.rain_outlet, "第三道防线: 厂界雨水排口及阀门状态",
              ("valve_state", "remote_controllable", "pending_command")),
    _facility("park_rain_pipes", FacilityKind.park_rain_pipe, "园区公共雨水管网"),
    _facility("river_reaches", FacilityKind.river_reach, "河段 (有向: 线的方向即水流方向), 长度与典型流速",
              ("river_name", "velocity_mps")),
    _facility("river_gates", FacilityKind.river_gate, "河道闸控设施及闸门状态", ("gate_state", "remote_controllable")),
    _facility("interception_points", FacilityKind.interception_point, "拦截点 / 截流点", ("method",)),
    _facility("monitoring_sections", FacilityKind.monitoring_section, "应急监测断面", ("section_type",)),
    _facility("sensitive_targets", FacilityKind.sensitive_target, "环境敏感保护目标 (饮用水水源地取水口、学校、居民区等)",
              ("target_type",)),
    _facility("emergency_spaces", FacilityKind.emergency_space, "环境应急空间与设施 (坑塘、水库、闸坝、桥梁) 及库容",
              ("space_type", "storage_volume_m3")),
    _facility("material_depots", FacilityKind.material_depot, "应急物资库"),
    _facility("response_teams", FacilityKind.response_team, "应急队伍", ("specialty",)),
    Layer("incidents", "突发环境事件", "已上报的突发环境事件", None),
    Layer("hazards", "未销号隐患", "隐患服务上报、尚未销号的隐患 (位于企业厂区)", None),
)}

# Layers served by the OGC API only (the vector tiles have no rows for them yet).
FEATURE_LAYERS: dict[str, Layer] = {**LAYERS, "findings": Layer(
    "findings", "检查发现问题", f"近 {RECENT_FINDING_DAYS} 天执法检查发现的问题 (位于企业厂区)", None)}
