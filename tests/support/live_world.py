"""Records of every kind in the hazard and risk-map apps, made once per session: the authorization table acts on
them, and the property-based tests read them so their responses are checked against the OpenAPI too."""

from __future__ import annotations

import json
import math
import random
from datetime import date, datetime, timezone

from ecosafe_kit.eventstore import EventStore
from ecosafe_kit.messaging.envelope import EventEnvelope, source_for
from enforcement_register import credit_code, enterprise_body
from hazard.adapters.enterprises import handle_enterprise_event as hazard_takes_enterprise
from live_apps import OWN_COUNTY
from risk_map.service_layer.register_sites import handle_enterprise_event as risk_map_takes_enterprise


def _square(lon: float, lat: float, d: float) -> dict:
    return {"type": "Polygon", "coordinates": [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d],
                                                [lon - d, lat + d], [lon - d, lat - d]]]}


def _point(lon: float, lat: float) -> dict:
    return {"type": "Point", "coordinates": [lon, lat]}


def _feature(kind: str, fid: str, geometry: dict, **props) -> dict:
    return {"type": "Feature", "id": fid, "geometry": geometry, "properties": {"kind": kind, "name": fid, **props}}


def _created(response, what: str) -> dict:
    assert response.status_code in (200, 201, 204), f"{what}: {response.status_code} {response.text}"
    return response.json() if response.content else {}


class World:
    """Path values (`{hazard_id}` → an id) and request bodies for the table's requests; all records belong to the
    own enterprise and park, in OWN_COUNTY."""

    def __init__(self, run: str, scope, callers) -> None:
        self.run, self.scope, self.callers = run, scope, callers
        self.lon, self.lat = round(random.uniform(100, 120), 3), round(random.uniform(25, 40), 3)
        self.values: dict[str, str] = {}
        self.register_events: list[EventEnvelope] = []

    def enterprise_rows(self) -> list[dict]:
        s = self.scope
        return [{"enterprise_id": s.enterprise, "name": "授权测试甲化工有限公司", "risk_level": "major",
                 "park_id": s.park, "jurisdiction_code": OWN_COUNTY, "location": {"lon": self.lon, "lat": self.lat}},
                {"enterprise_id": s.other_enterprise, "name": "授权测试乙化工有限公司", "risk_level": "major",
                 "park_id": s.other_park, "jurisdiction_code": OWN_COUNTY,
                 "location": {"lon": self.lon + 0.05, "lat": self.lat}}]

    def build_register(self, client) -> None:
        """Register the enterprises at the enforcement app and keep its signed events: the other apps run without
        consumers, so their handlers are given these events as Kafka would deliver them."""
        for row in self.enterprise_rows():
            body = enterprise_body(**row, credit_code=credit_code())
            _created(client.post("/enterprises", json=body, headers=self.callers["admin"]), row["enterprise_id"])
        store, source = EventStore(client.app.state.engine), source_for("enforcement")
        with client.app.state.engine.connect() as conn:
            for row in self.enterprise_rows():
                self.register_events += [EventEnvelope.from_stored(event, source)
                                         for event in store.load(conn, row["enterprise_id"])]

    @staticmethod
    def now() -> str:
        return datetime.now(timezone.utc).isoformat()

    # -- hazard ---------------------------------------------------------------------------------------------
    def hazard_report(self) -> dict:
        return {"enterprise_id": self.scope.enterprise, "source": "inspection", "domain": "hazardous_waste",
                "grade": "general", "grade_basis": "授权测试", "description": "危废暂存库标识不全", "site": "危废暂存库"}

    def build_hazard(self, client) -> None:
        engine = client.app.state.engine
        with engine.begin() as conn:
            for envelope in self.register_events:
                hazard_takes_enterprise(conn, envelope)
        hazard = _created(client.post("/hazards", json=self.hazard_report(), headers=self.callers["admin"]), "hazard")
        report = _created(client.post("/public/reports", json={"enterprise_id": self.scope.enterprise,
                                                               "description": "夜间偷排废水"}), "public report")
        self.values.update(hazard_id=hazard["hazard_id"], code=report["follow_up_code"])

    # -- risk map -------------------------------------------------------------------------------------------
    def park(self, park_id: str, lon: float) -> dict:
        return {"type": "Feature", "id": park_id, "geometry": _square(lon, self.lat, 0.01),
                "properties": {"name": f"授权测试园区 {park_id}", "jurisdiction_code": OWN_COUNTY}}

    def facility(self, fid: str) -> dict:
        return _feature("emergency_pool", fid, _point(self.lon + 0.001, self.lat + 0.001),
                        enterprise_id=self.scope.enterprise, capacity_m3=100)

    def incident(self) -> dict:
        return {"location": _point(self.lon + 0.002, self.lat + 0.002), "pollutant": "甲醇", "volume_m3": 5,
                "level": "一般", "drill": True}

    def river_plan(self) -> dict:
        return {"river_name": "授权测试河", "title": "授权测试河一河一策一图",
                "actions": [{"reach_id": f"reach-{self.run}", "action": "关闭1号闸"}]}

    def park_list(self) -> dict:
        return {"updated_on": date.today().isoformat(), "entries": [{"name": "甲醇"}]}

    def import_file(self) -> dict:
        collection = {"type": "FeatureCollection", "features": [self.facility(f"import-{self.run}")]}
        return {"file": ("park.geojson", json.dumps(collection).encode(), "application/geo+json")}

    def build_risk_map(self, client) -> None:
        admin, s = self.callers["admin"], self.scope
        _created(client.post("/parks", json=self.park(s.park, self.lon), headers=admin), "park")
        _created(client.post("/parks", json=self.park(s.other_park, self.lon + 0.05), headers=admin), "other park")
        with client.app.state.engine.begin() as conn:
            for envelope in self.register_events:
                risk_map_takes_enterprise(conn, envelope)
        site = _feature("site", f"site-{self.run}", _square(self.lon, self.lat, 0.002), enterprise_id=s.enterprise,
                        process_water_m3=20, rainfall_mm=30, catchment_area_ha=1)
        unit = _feature("risk_unit", f"unit-{self.run}", _point(self.lon + 0.0005, self.lat),
                        enterprise_id=s.enterprise, unit_type="tank_farm", max_volume_m3=500)
        for body in (site, unit, self.facility(f"pool-{self.run}"), self.facility(f"retire-{self.run}")):
            _created(client.post("/facilities", json=body, headers=admin), body["id"])
        outlet = _feature("rain_outlet", f"outlet-{self.run}", _point(self.lon + 0.003, self.lat),
                          enterprise_id=s.enterprise, valve_state="open", remote_controllable=True)
        _created(client.post("/facilities", json=outlet, headers=admin), "outlet")
        # The river of the plans runs through the own county: its officers (and their city) plan for it.
        reach = _feature("river_reach", f"reach-{self.run}", {"type": "LineString", "coordinates": [
            [self.lon + 0.004, self.lat], [self.lon + 0.02, self.lat]]}, river_name="授权测试河", velocity_mps=0.5,
            jurisdiction_code=OWN_COUNTY)
        _created(client.post("/facilities", json=reach, headers=admin), "reach")
        retired = self.park(f"park-retire-{self.run}", self.lon + 0.15)
        _created(client.post("/parks", json=retired, headers=admin), "park to retire")
        token = _created(client.post("/map-tokens", json={"label": "授权测试"}, headers=self.callers["county"]),
                         "map token")
        incident = _created(client.post("/incidents", json=self.incident(), headers=self.callers["command"]),
                            "incident")
        plan = _created(client.post("/river-plans", json=self.river_plan(), headers=admin), "river plan")
        review = _created(client.post(f"/enterprises/{s.enterprise}/pool-reviews", json={"note": "授权测试"},
                                      headers=self.callers["county"]), "pool review")
        z = 14
        x = int((self.lon + 180) / 360 * 2 ** z)
        y = int((1 - math.asinh(math.tan(math.radians(self.lat))) / math.pi) / 2 * 2 ** z)
        self.values.update(park_id=s.park, list="risk_substance", facility_id=f"pool-{self.run}",
                           outlet_id=f"outlet-{self.run}", retired_id=f"retire-{self.run}", enterprise_id=s.enterprise,
                           review_id=review["review_id"], incident_id=incident["incident_id"],
                           plan_id=plan["plan_id"], version_no="1", retired_park_id=retired["id"],
                           token_id=token["token_id"], collection_id="emergency_pools",
                           feature_id=f"pool-{self.run}", layer="emergency_pools", z=str(z), x=str(x), y=str(y))
