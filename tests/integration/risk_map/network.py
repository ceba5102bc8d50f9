"""A small hand-built map (one enterprise, three reaches, gates, targets) at a random place, with its right answers."""

from __future__ import annotations

import random

from rm_helpers import feature, point, square


class Network:
    """Reaches r1 (1000 m, 0.5 m/s) → r2 (2000 m, 1 m/s) → r3 (5000 m, 2 m/s), drawn west to east on one parallel,
    so a feature's position along a reach is linear in longitude; the outlet enters r1 400 m from its start."""

    def __init__(self, client, tokens, register_enterprise, unique: str) -> None:
        self.client, self.tokens, self.u = client, tokens, unique
        self.lon0 = round(random.uniform(100.0, 120.0), 4)
        self.lat0 = round(random.uniform(25.0, 40.0), 4)
        self.enterprise_id = f"ent-{unique}"
        register_enterprise(self.enterprise_id, lon=self.lon0 + 0.004, lat=self.lat0 + 0.003)

    def id(self, name: str) -> str:
        return f"{name}-{self.u}"

    def at(self, dlon: float, dlat: float = 0.0002) -> dict:
        return point(self.lon0 + dlon, self.lat0 + dlat)

    def post(self, body: dict, headers: dict | None = None):
        response = self.client.post("/facilities", json=body, headers=headers or self.tokens.admin)
        assert response.status_code == 201, response.text
        return response.json()

    def build(self) -> Network:
        L, B, e, id_ = self.lon0, self.lat0, self.enterprise_id, self.id
        river = {"jurisdiction_code": "140525"}
        line = lambda a, b: {"type": "LineString", "coordinates": [[L + a, B], [L + b, B]]}  # noqa: E731
        self.post(feature("river_reach", "三段", line(0.03, 0.08), id_("r3"), river_name="测试河", length_m=5000,
                          velocity_mps=2.0, **river))
        self.post(feature("river_reach", "二段", line(0.01, 0.03), id_("r2"), river_name="测试河", length_m=2000,
                          velocity_mps=1.0, downstream_reach_id=id_("r3"), **river))
        self.post(feature("river_reach", "一段", line(0.0, 0.01), id_("r1"), river_name="测试河", length_m=1000,
                          velocity_mps=0.5, downstream_reach_id=id_("r2"), **river))
        self.post(feature("site", "测试化工厂区", square(L + 0.004, B + 0.003, 0.001), id_("site"), enterprise_id=e,
                          process_water_m3=20, rainfall_mm=30, catchment_area_ha=1))
        self.post(feature("risk_unit", "甲醇罐区", square(L + 0.0045, B + 0.0035, 0.0002), id_("unit"), enterprise_id=e,
                          unit_type="tank_farm", max_volume_m3=500, fire_water_m3=300, transferable_m3=100, bunding=True))
        self.post(feature("emergency_pool", "1号事故应急池", point(L + 0.0035, B + 0.0025), id_("p1"), enterprise_id=e,
                          capacity_m3=500, free_volume_m3=400))
        self.post(feature("emergency_pool", "2号事故应急池", point(L + 0.0036, B + 0.0025), id_("p2"), enterprise_id=e,
                          capacity_m3=300, free_volume_m3=100))
        self.post(feature("rain_outlet", "1号雨水排口", point(L + 0.004, B + 0.0021), id_("o1"), enterprise_id=e,
                          valve_state="open", remote_controllable=True, discharges_to_reach_id=id_("r1")))
        self.post(feature("rain_outlet", "2号雨水排口", point(L + 0.0045, B + 0.0021), id_("o2"), enterprise_id=e,
                          valve_state="closed", remote_controllable=False, discharges_to_reach_id=id_("r1")))
        self.post(feature("river_gate", "上游闸", self.at(0.001), id_("g0"), gate_state="open", **river))
        self.post(feature("river_gate", "1号闸", self.at(0.009), id_("g1"), gate_state="open", remote_controllable=True, **river))
        self.post(feature("monitoring_section", "断面1", self.at(0.015), id_("m1"), **river))
        self.post(feature("emergency_space", "小坑塘", self.at(0.02), id_("e1"), space_type="pond", storage_volume_m3=100, **river))
        self.post(feature("emergency_space", "大坑塘", self.at(0.025), id_("e2"), space_type="pond", storage_volume_m3=5000, **river))
        self.post(feature("interception_point", "拦截坝", self.at(0.04), id_("i1"), method="dam", **river))
        self.post(feature("sensitive_target", "水源地取水口", self.at(0.06), id_("s1"),
                          target_type="drinking_water_intake", **river))
        self.post(feature("emergency_space", "水库", self.at(0.07), id_("e3"), space_type="reservoir",
                          storage_volume_m3=90000, **river))
        self.post(feature("material_depot", "近物资库", point(L + 0.006, B + 0.004), id_("d1"), contents=["围油栏 200 m"], **river))
        self.post(feature("material_depot", "远物资库", point(L + 0.02, B + 0.02), id_("d2"), **river))
        self.post(feature("response_team", "应急队", point(L + 0.01, B + 0.01), id_("t1"), members=12, **river))
        return self

    def incident(self, volume: float, **extra):
        body = {"location": point(self.lon0 + 0.004, self.lat0 + 0.003), "pollutant": "甲醇", "volume_m3": volume,
                "level": "较大", **extra}
        response = self.client.post("/incidents", json=body, headers=self.tokens.headers("command_center", jurisdiction="140525"))
        assert response.status_code == 201, response.text
        return response.json()
