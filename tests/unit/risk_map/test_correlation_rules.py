"""Correlation rules on hand-built records whose right answers are stated independently here."""

from risk_map.domain.correlation import (Outlet, Pool, Reach, RiverFeature, close_order, containment,
                                         downstream_trace, second_line, third_line)


def _outlet(fid, state, remote, dist):
    return Outlet(fid, fid, state, remote, None, "r1", dist)


def test_outlets_open_first_then_remote_then_nearest_and_closed_ones_are_left():
    outlets = [_outlet("a", "closed", True, 10), _outlet("b", "unknown", True, 20), _outlet("c", "open", False, 30),
               _outlet("d", "open", True, 300), _outlet("e", "open", True, 100)]
    assert [o.facility_id for o in close_order(outlets)] == ["e", "d", "c", "b"]


def test_contained_only_when_pools_hold_and_outlets_are_closed():
    pools = [Pool("p1", "1号池", 500, 400, 50), Pool("p2", "2号池", 300, 100, 80)]
    second = second_line(450, pools)
    assert second["free_volume_m3"] == 500 and second["pools_hold_spill"]
    open_one = containment(450, second, third_line([_outlet("o", "open", True, 5)]), [])
    assert not open_one["contained_in_plant"] and "未确认关闭" in open_one["explanation"]
    closed = containment(450, second, third_line([_outlet("o", "closed", True, 5)]), [])
    assert closed["contained_in_plant"] and closed["contained_in_park"]
    too_much = second_line(800, pools)
    park = containment(800, too_much, third_line([]), [Pool("pp", "园区公共池", 1000, 1000, 900)])
    assert not park["contained_in_plant"] and park["contained_in_park"] and park["overflow_m3"] == 300


def test_downstream_trace_orders_features_and_computes_distance_and_time():
    # Entry 400 m into r1 (1000 m at 0.5 m/s), then r2 (2000 m at 1 m/s), then r3 (5000 m at 2 m/s).
    reaches = [Reach("r1", "一段", "丹河", 1000, 0.5), Reach("r2", "二段", "丹河", 2000, 1.0),
               Reach("r3", "三段", "丹河", 5000, 2.0)]
    features = [
        RiverFeature("g0", "river_gate", "上游闸", "r1", 100),                 # upstream of entry: not listed
        RiverFeature("g1", "river_gate", "1号闸", "r1", 900),                  # 500 m, 1000 s
        RiverFeature("m1", "monitoring_section", "断面1", "r2", 500),          # 600+500=1100 m, 1200+500=1700 s
        RiverFeature("e1", "emergency_space", "小坑塘", "r2", 1000, {"storage_volume_m3": 100, "space_type": "pond"}),
        RiverFeature("e2", "emergency_space", "大坑塘", "r2", 1500, {"storage_volume_m3": 5000, "space_type": "pond"}),
        RiverFeature("i1", "interception_point", "拦截坝", "r3", 1000),        # 2600+1000=3600 m, 3200+500=3700 s
        RiverFeature("s1", "sensitive_target", "水源地取水口", "r3", 3000, {"target_type": "drinking_water_intake"}),
        RiverFeature("e3", "emergency_space", "水库", "r3", 4000, {"storage_volume_m3": 90000}),  # after the target
    ]
    trace = downstream_trace(1000, 400, reaches, features, horizon_m=50_000, horizon_s=86_400)
    assert [g["facility_id"] for g in trace["gates_to_close"]] == ["g1", "i1"]
    assert trace["gates_to_close"][0]["distance_m"] == 500 and trace["gates_to_close"][0]["eta_hours"] == round(1000 / 3600, 2)
    assert trace["monitoring_sections"][0]["distance_m"] == 1100
    target = trace["first_sensitive_target"]
    assert target["facility_id"] == "s1" and target["distance_m"] == 5600      # 600 + 2000 + 3000
    assert target["eta_hours"] == round((1200 + 2000 + 1500) / 3600, 2)        # 4700 s
    assert [s["facility_id"] for s in trace["emergency_spaces"]] == ["e2"]      # big enough and before the target
    assert [s["facility_id"] for s in trace["emergency_spaces_too_small"]] == ["e1"]


def test_horizon_stops_the_trace():
    reaches = [Reach("r1", "一段", "丹河", 1000, 1.0), Reach("r2", "二段", "丹河", 10000, 1.0)]
    features = [RiverFeature("s1", "sensitive_target", "取水口", "r2", 5000, {"target_type": "x"})]
    assert downstream_trace(10, 0, reaches, features, horizon_m=3000, horizon_s=86_400)["sensitive_targets"] == []
    assert downstream_trace(10, 0, reaches, features, horizon_m=50_000, horizon_s=3600)["sensitive_targets"] == []
    assert len(downstream_trace(10, 0, reaches, features, horizon_m=50_000, horizon_s=86_400)["sensitive_targets"]) == 1


def test_a_plant_without_registered_outlets_is_unknown_not_contained():
    pools = [Pool("p1", "1号池", 500, 500, 50)]
    third = third_line([])
    assert third["all_closed"] is None and third["outlets_registered"] is False and "未知" in third["explanation"]
    answer = containment(100, second_line(100, pools), third, [])
    assert answer["status"] == "unknown" and answer["contained_in_plant"] is False
    assert "未知" in answer["explanation"]
    closed = containment(100, second_line(100, pools), third_line([_outlet("o", "closed", True, 5)]), [])
    assert closed["status"] == "contained_in_plant" and closed["contained_in_plant"] is True
    short = containment(900, second_line(900, pools), third_line([_outlet("o", "closed", True, 5)]), [])
    assert short["status"] == "not_contained"
