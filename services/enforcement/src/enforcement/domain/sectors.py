"""行业类别 (sector): the campaign sectors the seeds name, and which GB/T 4754-2017 industry codes fall in each.

Seed 003 scopes its campaign to "钢铁冶铸、电力、煤化工、煤炭开采及洗选、建材" and "从事固体废物和危险废物 …
收集、贮存、利用、填埋、处置单位"; seed 002 names 化工 and 电力 among its 32 sectors; seed 000 adds 污水处理 and
危险废物产生及经营. A sector is what a campaign's scope picks; the industry code is the statistical class.
"""

from __future__ import annotations

import re

SECTORS: dict[str, str] = {
    "steel": "钢铁冶铸",
    "power": "电力",
    "coal_chemical": "煤化工",
    "coal_mining": "煤炭开采及洗选",
    "building_materials": "建材",
    "chemical": "化工",
    "hazardous_waste": "危险废物经营",
    "sewage_treatment": "污水处理",
    "other": "其他",
}
BY_LABEL = {label: code for code, label in SECTORS.items()}

# GB/T 4754-2017 code prefixes → sector; the longest matching prefix wins (C252 煤炭加工 before C25 石油煤炭加工).
INDUSTRY_PREFIXES: dict[str, str] = {
    "C31": "steel",            # 黑色金属冶炼和压延加工业
    "C339": "steel",           # 铸造及其他金属制品制造 (C3391 黑色金属铸造, C3392 有色金属铸造)
    "D44": "power",            # 电力、热力生产和供应业
    "C252": "coal_chemical",   # 煤炭加工: 炼焦、煤制合成气、煤制液体燃料、煤制品
    "B06": "coal_mining",      # 煤炭开采和洗选业
    "C30": "building_materials",  # 非金属矿物制品业: 水泥、石灰、玻璃、陶瓷、砖瓦
    "C26": "chemical",         # 化学原料和化学制品制造业
    "C27": "chemical",         # 医药制造业 (原料药 by chemical synthesis)
    "C251": "chemical",        # 精炼石油产品制造
    "C28": "chemical",         # 化学纤维制造业
    "N7724": "hazardous_waste",  # 危险废物治理
    "D462": "sewage_treatment",  # 污水处理及其再生利用
}

# A section letter and 2 to 4 digits: the division, group, class or subclass of GB/T 4754-2017.
INDUSTRY_CODE = re.compile(r"[A-T][0-9]{2,4}")


def sector_of_industry(industry: str) -> str:
    """The sector an industry code belongs to; `other` when none of the campaign sectors covers it."""
    for length in range(len(industry), 0, -1):
        sector = INDUSTRY_PREFIXES.get(industry[:length])
        if sector is not None:
            return sector
    return "other"


def label(sector: str) -> str:
    return SECTORS.get(sector, SECTORS["other"])
