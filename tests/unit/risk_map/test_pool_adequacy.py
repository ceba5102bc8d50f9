"""(V1+V2−V3)max+V4+V5: each term, the governing unit, and the comparison with pool capacity."""

import pytest

from risk_map.domain.pool_adequacy import UnitVolumes, pool_adequacy, rainfall_volume


def test_the_largest_bracket_governs_and_the_terms_add_up():
    units = [UnitVolumes("u1", "甲醇罐区", v1=500, v2=300, v3=100),   # 700
             UnitVolumes("u2", "合成车间", v1=200, v2=600, v3=0),     # 800 ← governs
             UnitVolumes("u3", "危化品库", v1=50, v2=100, v3=200)]    # negative → 0
    result = pool_adequacy(units, [600, 300], process_water_m3=50, rainfall_mm=30, catchment_area_ha=2)
    assert result.terms == {"v1_v2_v3_max": 800, "v4": 50, "v5": 600}
    assert result.required_volume == 1450 and result.capacity == 900
    assert result.shortfall == 550 and not result.adequate
    assert result.governing_unit_id == "u2"
    text = "\n".join(result.explanation)
    assert "合成车间" in text and "V5 = 10×q×F = 10×30 mm×2 ha = 600 m³" in text and "缺口 550 m³" in text


def test_enough_pool_capacity_has_no_shortfall():
    result = pool_adequacy([UnitVolumes("u", "罐区", 100, 50, 0)], [500])
    assert result.adequate and result.shortfall == 0 and result.required_volume == 150


def test_rainfall_volume_is_ten_q_f():
    assert rainfall_volume(25, 1.5) == pytest.approx(375)


def test_no_units_and_no_pools():
    result = pool_adequacy([], [])
    assert result.required_volume == 0 and result.adequate and "未登记风险单元" in result.explanation[0]
