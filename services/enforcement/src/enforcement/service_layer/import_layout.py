"""The column layout of a register workbook (企业名录表) as bureaus keep it: Chinese headers, one enterprise a row."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    required: bool
    example: str
    note: str


COLUMNS = (
    Column("序号", "", False, "1", "可留空, 不导入"),
    Column("企业名称", "name", True, "晋城丹源化工有限公司", ""),
    Column("统一社会信用代码", "credit_code", True, "91350100M000100Y43", "18 位, 按 GB 32100-2015 校验"),
    Column("行业代码", "industry", True, "C2614", "国民经济行业分类 GB/T 4754-2017"),
    Column("行业类别", "sector", False, "化工", "钢铁冶铸/电力/煤化工/煤炭开采及洗选/建材/化工/危险废物经营/污水处理/其他; 留空按行业代码推出"),
    Column("环境风险等级", "risk_level", True, "重大", "一般/较大/重大"),
    Column("主要负责人", "principal_name", True, "张丽娜", ""),
    Column("联系电话", "principal_phone", False, "13800000000", ""),
    Column("上级企业统一社会信用代码", "parent_credit_code", False, "", "上级公司须已在册或在同一文件中"),
    Column("所在园区编号", "park_id", False, "park-zz-chem", ""),
    Column("所属辖区代码", "jurisdiction_code", True, "140525", "县级行政区划代码 GB/T 2260"),
    Column("地址", "address", True, "山西省晋城市泽州县巴公化工园区37号", ""),
    Column("经度", "lon", True, "112.905", "WGS 84, -180~180"),
    Column("纬度", "lat", True, "35.402", "WGS 84, -90~90"),
    Column("危险废物经营许可证编号", "hazardous_waste_permit_no", False, "", ""),
    Column("厂区边界", "boundary", False, "", "GeoJSON Polygon 文本, 经纬度 (EPSG:4326)"),
)
HEADERS = tuple(c.header for c in COLUMNS)
BY_HEADER = {c.header: c for c in COLUMNS}
MAX_ROWS = 5000
