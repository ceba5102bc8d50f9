"""Request bodies of the risk-map API (geometry rules are checked by the domain, not here)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ecosafe_kit.text import Line, Text


class FeatureIn(BaseModel):
    """A GeoJSON Feature; `properties.kind` says what it is, `crs` may declare EPSG:4326, EPSG:4490 or GCJ-02."""

    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [{
        "type": "Feature", "id": "pool-ent-140525-001-1", "crs": "EPSG:4490",
        "geometry": {"type": "Point", "coordinates": [112.9052, 35.4021]},
        "properties": {"kind": "emergency_pool", "name": "1号事故应急池", "enterprise_id": "ent-140525-001",
                       "capacity_m3": 1200, "free_volume_m3": 1150}}]})

    type: Line = Field(description="固定为 Feature")
    id: Line | None = Field(default=None, description="设施标识 (可选, 省略则生成 UUID)")
    geometry: Any = Field(description="GeoJSON 几何, [经度, 纬度]")
    properties: dict = Field(default_factory=dict, description="kind、name、enterprise_id、park_id、jurisdiction_code 及该类设施属性")
    crs: Any = Field(default=None, description="申报坐标系: EPSG:4326 (默认)、EPSG:4490 或 GCJ-02")


class CommandIn(BaseModel):
    command: Literal["close", "open"] = Field(description="close 关闭 / open 开启")
    reason: Text = Field(default="", max_length=500, description="原因")
    incident_id: Line | None = Field(default=None, max_length=100, description="关联的事件")


class StateIn(BaseModel):
    state: Literal["open", "closed", "unknown"] | None = Field(default=None, description="阀门/闸门状态")
    free_volume_m3: float | None = Field(default=None, ge=0, allow_inf_nan=False, description="事故应急池剩余容积 (m³)")


class RetireIn(BaseModel):
    reason: Text = Field(min_length=1, max_length=500, description="注销原因")


class ParkListIn(BaseModel):
    updated_on: date = Field(description="清单更新日期")
    entries: list[Any] = Field(default_factory=list, description="清单条目")


class ParkListOut(BaseModel):
    park_id: str = Field(description="园区标识")
    # `list` on the wire; another name here, so `list[...]` below still means the builtin.
    list_kind: str = Field(alias="list", description="清单类别: enterprise_risk / risk_substance / sensitive_target")
    label: str = Field(description="清单名称")
    updated_on: date | None = Field(description="清单更新日期 (从未更新为 null)")
    entry_count: int = Field(description="条目数")
    stale: bool = Field(description="超过一年未更新或从未更新")
    stale_reason: str | None = Field(description="标出的原因")
    version: int = Field(description="清单版本 (上次更新时园区的版本, 从未更新为 0), 与响应头 ETag 相同")
    entries: list[Any] = Field(description="当前条目, 与最近一次提交的相同")


class ReachActionIn(BaseModel):
    reach_id: Line = Field(max_length=100, description="河段标识")
    action: Text = Field(max_length=2000, description="措施")
    facility_ids: list[Line] = Field(default_factory=list, description="涉及的设施 (闸坝、拦截点等)")
    materials: list[Line] = Field(default_factory=list, description="所需物资")
    responsible: Line = Field(default="", max_length=200, description="责任单位或责任人")


class RiverPlanIn(BaseModel):
    plan_id: Line | None = Field(default=None, max_length=100, description="方案标识 (首次发布时可选)")
    river_name: Line = Field(max_length=200, description="河流名称")
    title: Line = Field(default="", max_length=200, description="方案名称")
    actions: list[ReachActionIn] = Field(description="各河段措施")


class IncidentIn(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "location": {"type": "Point", "coordinates": [112.9051, 35.4019]}, "pollutant": "甲醇", "volume_m3": 300,
        "level": "较大", "enterprise_id": "ent-140525-001"}]})

    incident_id: Line | None = Field(default=None, max_length=100, description="事件标识 (可选)")
    location: Any = Field(description="事发位置, GeoJSON Point [经度, 纬度]")
    crs: Any = Field(default=None, description="申报坐标系: EPSG:4326 (默认)、EPSG:4490 或 GCJ-02")
    occurred_at: datetime | None = Field(default=None, description="事发时间 (带时区), 默认为现在; 不早于 2000-01-01, "
                                                                    "不晚于当前时间 10 分钟之后")
    pollutant: Line = Field(min_length=1, max_length=200, description="污染物")
    volume_m3: float = Field(ge=0, le=1e9, allow_inf_nan=False, description="估计泄漏量 (m³), 0 至 10 亿")
    level: Line = Field(max_length=20, description="事件级别: 一般/较大/重大/特别重大 (或 general/larger/major/extraordinary)")
    enterprise_id: Line | None = Field(default=None, max_length=100, description="涉事企业 (可选)")
    drill: bool = Field(default=False, description="演练 (如一河一策一图演练): 与真实事件同样分析, 记录并标记为演练")
    horizon_km: float = Field(default=50.0, gt=0, le=1000, description="下游追踪距离上限 (km)")
    horizon_hours: float = Field(default=24.0, gt=0, le=720, description="下游追踪时间上限 (小时)")
    k: int = Field(default=3, ge=1, le=20, description="列出最近的应急物资库/应急队伍个数")
    resource_radius_km: float = Field(default=50.0, gt=0, le=500,
                                      description="应急物资库/应急队伍的搜索半径 (km); 半径内没有时如实说明")
