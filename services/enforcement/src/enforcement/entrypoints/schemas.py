"""Request and response bodies of the register API (pydantic), with Chinese descriptions for the docs."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ecosafe_kit.text import Line, Text
from enforcement.domain.values import RiskLevel
from enforcement.service_layer.commands import EnterpriseInput

Id = Annotated[Line, Field(min_length=1, max_length=100)]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LocationIn(_Body):
    lon: float = Field(description="经度, -180~180 (WGS 84)", examples=[112.905])
    lat: float = Field(description="纬度, -90~90 (WGS 84)", examples=[35.402])


class EnterpriseIn(_Body):
    """一条企业名录记录; 变更时提交完整的新记录。"""

    name: Annotated[Line, Field(max_length=200, description="企业名称")]
    credit_code: Annotated[Line, Field(max_length=40, description="统一社会信用代码 (18 位, 按 GB 32100-2015 校验第 18 位)")]
    industry: Annotated[Line, Field(max_length=10, description="国民经济行业分类代码 (GB/T 4754-2017), 如 C2614")]
    sector: Annotated[Line, Field(max_length=40)] | None = Field(
        default=None, description="行业类别代码 (见 GET /enterprises/sectors); 缺省时由行业代码推出")
    risk_level: Literal["general", "elevated", "major"] = Field(
        description="环境风险等级: general 一般, elevated 较大, major 重大")
    principal_name: Annotated[Line, Field(max_length=50, description="主要负责人")]
    principal_phone: Annotated[Line, Field(max_length=30, description="主要负责人联系电话")] = ""
    parent_enterprise_id: Id | None = Field(default=None, description="上级公司 / 集团在名录中的企业标识 (须已登记)")
    park_id: Id | None = Field(default=None, description="所在园区标识")
    jurisdiction_code: Annotated[Line, Field(max_length=12, description="所属县级辖区代码 (GB/T 2260), 如 140525")]
    address: Annotated[Text, Field(max_length=300, description="地址")]
    location: LocationIn = Field(description="位置点 (WGS 84 经纬度)")
    boundary: dict[str, Any] | None = Field(
        default=None, description="厂区边界: GeoJSON Polygon, 经纬度 (EPSG:4326); 须有效且位置点在边界内或 1 公里内")
    hazardous_waste_permit_no: Annotated[Line, Field(max_length=60)] | None = Field(
        default=None, description="危险废物经营许可证编号")

    def to_input(self) -> EnterpriseInput:
        return EnterpriseInput(
            name=self.name, credit_code=self.credit_code, industry=self.industry, sector=self.sector,
            risk_level=RiskLevel(self.risk_level), principal_name=self.principal_name,
            principal_phone=self.principal_phone, parent_enterprise_id=self.parent_enterprise_id,
            park_id=self.park_id, jurisdiction_code=self.jurisdiction_code, address=self.address,
            lon=self.location.lon, lat=self.location.lat, boundary=self.boundary,
            hazardous_waste_permit_no=self.hazardous_waste_permit_no)


class EnterpriseCreateIn(EnterpriseIn):
    """企业登记; 管理员迁移既有名录时可带原企业标识。"""

    enterprise_id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,99}$")] | None = Field(
        default=None, description="仅管理员可填: 迁移既有名录时沿用的企业标识 (小写字母、数字和 -, 宜为 UUID); "
                                  "缺省由服务生成 UUID")


class DeregistrationIn(_Body):
    reason: Annotated[Text, Field(min_length=1, max_length=500, description="注销原因, 如 已关闭取缔")]


class CommandOut(BaseModel):
    enterprise_id: str = Field(description="企业标识 (UUID)")
    version: int = Field(description="当前版本 (亦见响应头 ETag)")
    changed_fields: list[str] = Field(default=[], description="本次变更的字段 (仅变更时)")


class EnterpriseOut(BaseModel):
    enterprise_id: str
    name: str
    credit_code: str
    industry: str
    sector: str
    sector_label: str = Field(description="行业类别 (中文)")
    risk_level: str
    risk_level_label: str = Field(description="环境风险等级 (中文)")
    principal_name: str
    principal_phone: str
    parent_enterprise_id: str | None
    park_id: str | None
    jurisdiction_code: str
    address: str
    location: dict = Field(description="位置点 {lon, lat}")
    boundary: dict | None = Field(description="厂区边界 (GeoJSON Polygon)")
    hazardous_waste_permit_no: str | None
    status: Literal["registered", "deregistered"] = Field(description="registered 在册, deregistered 已注销")
    deregistration_reason: str | None
    closed: bool = Field(description="人民政府已责令关闭 (仍留在名录中, 不能再变更或安排检查)")
    closure: dict | None = Field(default=None, description=(
        "责令关闭决定: case_id, government 人民政府, document_no 文号, decided_on 日期, attachment_uri / attachment_name "
        "附件 (仅查看单个企业时给出)"))
    version: int
    registered_at: datetime
    updated_at: datetime


class EnterprisePage(BaseModel):
    items: list[EnterpriseOut]
    total: int = Field(description="符合条件的总数")


class SignerOut(BaseModel):
    subject: str
    name: str
    roles: list[str]
    jurisdiction: str


class HistoryEntry(BaseModel):
    version: int
    event_type: str = Field(description="EnterpriseRegistered 登记, EnterpriseUpdated 变更, EnterpriseDeregistered 注销")
    occurred_at: datetime
    signed_by: SignerOut = Field(description="签署人 (谁签名、谁负责)")
    changed_fields: list[str]
    reason: str | None
    hash: str = Field(description="本事件在哈希链中的 SHA-256")


class HistoryOut(BaseModel):
    enterprise_id: str
    entries: list[HistoryEntry]
    chain_intact: bool = Field(description="哈希链校验结果: false 表示存储中的记录被篡改或删除")


class SectorOut(BaseModel):
    code: str
    label: str
    industry_prefixes: list[str] = Field(description="归入此类别的国民经济行业代码前缀")
