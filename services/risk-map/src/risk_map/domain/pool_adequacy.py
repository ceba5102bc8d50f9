"""Accident-water volume a pool must hold, (V1+V2−V3)max+V4+V5, and whether the pools are enough."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class UnitVolumes:
    """One risk unit's terms: V1 largest tank/unit volume, V2 fire-fighting water, V3 transferable volume (m³)."""

    unit_id: str
    name: str
    v1: float
    v2: float = 0.0
    v3: float = 0.0

    @property
    def net(self) -> float:
        return max(self.v1 + self.v2 - self.v3, 0.0)


@dataclass(frozen=True)
class PoolAdequacy:
    required_volume: float
    capacity: float
    shortfall: float
    adequate: bool
    governing_unit_id: str | None
    terms: dict
    explanation: list[str] = field(default_factory=list)


def rainfall_volume(rainfall_mm: float, catchment_area_ha: float) -> float:
    """V5 = 10·q·F: q the design rainfall depth (mm), F the catchment area draining to the pool (ha) → m³."""
    return 10.0 * rainfall_mm * catchment_area_ha


def pool_adequacy(units: list[UnitVolumes], pool_capacities: list[float], process_water_m3: float = 0.0,
                  rainfall_mm: float = 0.0, catchment_area_ha: float = 0.0) -> PoolAdequacy:
    """Required accident-water volume V = (V1+V2−V3)max + V4 + V5 compared with the sum of pool capacities.

    V1: the largest single tank or unit volume of a risk unit; V2: the fire-fighting water used on it;
    V3: what can be transferred elsewhere (other tanks, bunds); the bracket is taken for each unit and the
    largest counts, because one accident is assumed at a time. V4: process water that must still enter the
    system during the accident. V5: rainfall on the catchment during the accident (10·q·F).
    """
    governing = max(units, key=lambda u: u.net, default=None)
    v123 = governing.net if governing else 0.0
    v4 = max(process_water_m3, 0.0)
    v5 = rainfall_volume(max(rainfall_mm, 0.0), max(catchment_area_ha, 0.0))
    required = round(v123 + v4 + v5, 3)
    capacity = round(sum(pool_capacities), 3)
    shortfall = round(max(required - capacity, 0.0), 3)
    explanation = []
    if governing:
        explanation.append(
            f"(V1+V2−V3)max = {v123:g} m³: 取自风险单元「{governing.name}」(V1 最大储罐/单元容积 {governing.v1:g} m³ + "
            f"V2 消防水量 {governing.v2:g} m³ − V3 可转输量 {governing.v3:g} m³), 为 {len(units)} 个风险单元中最大者")
    else:
        explanation.append("(V1+V2−V3)max = 0 m³: 未登记风险单元")
    explanation.append(f"V4 = {v4:g} m³: 事故时仍须进入收集系统的生产废水量")
    explanation.append(f"V5 = 10×q×F = 10×{rainfall_mm:g} mm×{catchment_area_ha:g} ha = {v5:g} m³: 事故时汇水区降雨量")
    explanation.append(f"所需事故应急池容积 V = {required:g} m³; 已登记 {len(pool_capacities)} 个事故应急池, 总容积 {capacity:g} m³")
    explanation.append(f"缺口 {shortfall:g} m³, 容积不足" if shortfall > 0 else "容积满足要求")
    return PoolAdequacy(required, capacity, shortfall, shortfall == 0, governing.unit_id if governing else None,
                        {"v1_v2_v3_max": v123, "v4": v4, "v5": v5}, explanation)
