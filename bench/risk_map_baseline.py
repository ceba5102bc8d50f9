"""The baseline for the correlation benchmark: the same answer computed in memory, as a GIS analyst would write it.

geopandas frames loaded once from the read model, a networkx graph of the reaches walked downstream with Dijkstra
(by distance and by travel time, each cut off at the horizon), numpy distances for the nearest depots and teams, a shapely STRtree for hazards nearby.
It answers in a few milliseconds once it has spent its seconds loading, and it is stale from then on.
"""

from __future__ import annotations

import time

import geopandas as gpd
import networkx as nx
import numpy as np
import shapely
from shapely import STRtree
from sqlalchemy import create_engine

ON_RIVER = ("river_gate", "interception_point", "monitoring_section", "sensitive_target", "emergency_space")


class Baseline:
    def __init__(self, url: str) -> None:
        started = time.perf_counter()
        engine = create_engine(url)
        facilities = gpd.read_postgis(
            "SELECT facility_id, kind, enterprise_id, reach_id, measure_m, attributes, geom FROM rm_facilities",
            engine, geom_col="geom")
        reaches = gpd.read_postgis("SELECT reach_id, downstream_reach_id, length_m, velocity_mps, geom FROM rm_reaches",
                                   engine, geom_col="geom")
        hazards = gpd.read_postgis("SELECT hazard_id, enterprise_id, geom FROM rm_hazards WHERE status = 'open'",
                                   engine, geom_col="geom")
        engine.dispose()
        self.by_enterprise = {k: g for k, g in facilities[facilities.enterprise_id.notna()].groupby("enterprise_id")}
        on_river = facilities[facilities.kind.isin(ON_RIVER)]
        self.on_reach = {k: g.sort_values("measure_m") for k, g in on_river.groupby("reach_id")}
        self.length = dict(zip(reaches.reach_id, reaches.length_m))
        self.velocity = dict(zip(reaches.reach_id, reaches.velocity_mps))
        # An edge from each reach to the one it flows into, weighted by the upstream reach's length and travel time.
        self.graph = nx.DiGraph()
        self.graph.add_nodes_from(reaches.reach_id)
        self.graph.add_edges_from(
            (r, d, {"length": self.length[r], "seconds": self.length[r] / self.velocity[r]})
            for r, d in zip(reaches.reach_id, reaches.downstream_reach_id) if isinstance(d, str))
        self.resources = {}
        for kind in ("material_depot", "response_team"):
            frame = facilities[facilities.kind == kind].reset_index(drop=True)
            self.resources[kind] = (frame.facility_id.to_numpy(), frame.geometry.values)
        self.hazards = hazards.reset_index(drop=True)
        self.hazard_tree = STRtree(self.hazards.geometry.values)
        self.hazards_of = {k: list(g.hazard_id) for k, g in self.hazards.groupby("enterprise_id")}
        self.load_seconds = time.perf_counter() - started

    def correlate(self, enterprise_id: str, volume: float, horizon_m: float = 50_000, horizon_s: float = 86_400,
                  k: int = 3, hazard_radius_deg: float = 0.01) -> dict:
        rows = self.by_enterprise[enterprise_id]
        site = rows[rows.kind == "site"].geometry.iloc[0].centroid
        pools = rows[rows.kind == "emergency_pool"]
        free = sum(a.get("free_volume_m3", 0) for a in pools.attributes)
        outlets = rows[rows.kind == "rain_outlet"]
        states = [a.get("valve_state") for a in outlets.attributes]
        contained = free >= volume and all(s == "closed" for s in states)
        result: dict = {"contained": contained, "gates": [], "first_target": None, "hits": []}
        if not contained and len(outlets):
            entry, m0 = outlets.reach_id.iloc[0], float(outlets.measure_m.iloc[0])
            # Distance and time from the entry reach's start to the start of every reach downstream of it.
            dist = nx.single_source_dijkstra_path_length(self.graph, entry, cutoff=horizon_m + m0, weight="length")
            secs = nx.single_source_dijkstra_path_length(
                self.graph, entry, cutoff=horizon_s + m0 / self.velocity[entry], weight="seconds")
            for reach, d_start in dist.items():
                if reach not in secs:
                    continue
                features = self.on_reach.get(reach)
                if features is None:
                    continue
                t_start = secs[reach] - m0 / self.velocity[entry]
                for fid, kind, m in zip(features.facility_id, features.kind, features.measure_m):
                    if reach == entry and m < m0:
                        continue  # upstream of the entry point
                    d = d_start - m0 + m
                    t = t_start + m / self.velocity[reach]
                    if d <= horizon_m and t <= horizon_s:
                        result["hits"].append((d, t, fid, kind))
            result["hits"].sort()
            result["gates"] = [h[2] for h in result["hits"] if h[3] in ("river_gate", "interception_point")]
            targets = [h[2] for h in result["hits"] if h[3] == "sensitive_target"]
            result["first_target"] = targets[0] if targets else None
        for kind, (ids, geoms) in self.resources.items():
            # A few thousand points: one vectorised distance over all of them beats any index.
            distances = shapely.distance(geoms, site)
            nearest = np.argpartition(distances, k)[:k]
            result[kind] = list(ids[nearest[np.argsort(distances[nearest])]])
        near = self.hazard_tree.query(site.buffer(hazard_radius_deg))
        result["hazards"] = sorted(set(self.hazards.hazard_id.iloc[near]) | set(self.hazards_of.get(enterprise_id, [])))
        return result
