"""Request and response bodies of the warning API (预警信息)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from ecosafe_kit.text import Line, Text
from notify.domain.warnings import WarningSpec
from notify.entrypoints.duty_schemas import Instant


class WarningIn(BaseModel):
    """一条预警: 区域为辖区 (jurisdiction_code) 或多边形 (area, GeoJSON, 经纬度) 二者之一。"""

    model_config = ConfigDict(extra="forbid")

    kind: Annotated[Line, Field(max_length=20, description="weather 气象, flood 汛情, other 其他")]
    level: Annotated[Line, Field(max_length=20, description="blue 蓝色, yellow 黄色, orange 橙色, red 红色 (橙色、红色须确认)")]
    title: Annotated[Line, Field(min_length=1, max_length=200, description="标题, 如 暴雨橙色预警")]
    content: Annotated[Text, Field(min_length=1, max_length=5000, description="预警内容与防范措施")]
    valid_until: Instant = Field(description="有效期至 (不带时区按北京时间)")
    jurisdiction_code: Annotated[Line, Field(max_length=12)] | None = Field(
        default=None, description="区域为辖区时: 辖区代码 (其内全部在册企业)")
    area: dict[str, Any] | None = Field(default=None, description="区域为多边形时: GeoJSON Polygon / MultiPolygon (经纬度)")

    def to_spec(self) -> WarningSpec:
        return WarningSpec(self.kind, self.level, self.title, self.content, self.valid_until, self.jurisdiction_code,
                           json.dumps(self.area) if self.area is not None else None)


class UnitAck(BaseModel):
    user_id: str
    acknowledged_at: datetime
    note: str | None


class WarnedEnterprise(BaseModel):
    enterprise_id: str
    name: str
    acknowledgement: UnitAck | None = Field(description="该企业的首次确认; 空为未确认")


class WarnedPark(BaseModel):
    park_id: str
    acknowledgement: UnitAck | None


class WarningOut(BaseModel):
    warning_id: str
    kind: str
    level: str
    title: str
    content: str
    jurisdiction_code: str | None
    area_geojson: str | None
    issuer_jurisdiction: str
    issued_by: str
    issued_at: datetime
    valid_until: datetime
    notification_id: str = Field(description="送达各企业、园区的通知")
    enterprises: list[WarnedEnterprise] | None = None
    parks: list[WarnedPark] | None = None
    acknowledged: int | None = Field(default=None, description="已确认的企业数")


class WarningPage(BaseModel):
    items: list[WarningOut]
