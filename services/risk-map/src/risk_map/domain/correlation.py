"""Incident correlation rules: the three lines of defence, the downstream trace and 以空间换时间, explained.

Pure functions over plain records that the adapters read from the read model; every number in the answer
carries the features and distances it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from risk_map.domain.kinds import STATE_LABELS


@dataclass(frozen=True)
class Pool:
    facility_id: str
    name: str
    capacity_m3: float
    free_volume_m3: float
    distance_m: float


@dataclass(frozen=True)
class Outlet:
    facility_id: str
    name: str
    valve_state: str
    remote_controllable: bool
    pending_command: str | None
    discharges_to_reach_id: str | None
    distance_m: float
    state_simulated: bool = False  # the valve state was confirmed by the simulated device adapter, not a device


@dataclass(frozen=True)
class Reach:
    reach_id: str
    name: str
    river_name: str
    length_m: float
    velocity_mps: float
    jurisdiction_code: str | None = None  # who reads an incident whose trace reaches it


@dataclass(frozen=True)
class RiverFeature:
    facility_id: str
    kind: str
    name: str
    reach_id: str
    measure_m: float
    attributes: dict = field(default_factory=dict)


def _h(seconds: float) -> float:
    return round(seconds / 3600.0, 2)


def second_line(volume_m3: float, pools: list[Pool]) -> dict:
    """Do the plant's pools have the free volume to take the spill?"""
    free = round(sum(p.free_volume_m3 for p in pools), 3)
    holds = bool(pools) and free >= volume_m3
    names = "、".join(f"{p.name} 剩余 {p.free_volume_m3:g} m³" for p in pools) or "无"
    explanation = (f"厂内事故应急池剩余容积合计 {free:g} m³ ({names}), 泄漏量 {volume_m3:g} m³: "
                   + ("可容纳" if holds else f"不足 {max(volume_m3 - free, 0):g} m³" if pools else "企业未登记事故应急池"))
    return {"pools": [{"facility_id": p.facility_id, "name": p.name, "capacity_m3": p.capacity_m3,
                       "free_volume_m3": p.free_volume_m3, "distance_m": round(p.distance_m, 1)} for p in pools],
            "free_volume_m3": free, "spill_volume_m3": volume_m3, "pools_hold_spill": holds,
            "explanation": explanation}


def close_order(outlets: list[Outlet]) -> list[Outlet]:
    """Outlets to close first: open before unknown; remote-controllable (一键关闭, seconds) before manual;
    then the nearest to the incident. Closed outlets need no action."""
    rank = {"open": 0, "unknown": 1}
    todo = [o for o in outlets if o.valve_state != "closed"]
    return sorted(todo, key=lambda o: (rank.get(o.valve_state, 1), not o.remote_controllable, o.distance_m))


def third_line(outlets: list[Outlet]) -> dict:
    """The plant's rain outlets and the order to close them. `all_closed` is None (unknown) when the plant has no
    outlet registered: nothing on the map says where its rain water leaves, so it is not taken as closed."""
    order = close_order(outlets)
    all_closed = (not order) if outlets else None
    rows = []
    for o in outlets:
        rows.append({"facility_id": o.facility_id, "name": o.name, "valve_state": o.valve_state,
                     "valve_state_label": STATE_LABELS.get(o.valve_state, o.valve_state),
                     "remote_controllable": o.remote_controllable, "pending_command": o.pending_command,
                     "discharges_to_reach_id": o.discharges_to_reach_id, "distance_m": round(o.distance_m, 1),
                     "state_simulated": o.state_simulated})
    close_first = [{"facility_id": o.facility_id, "name": o.name, "priority": i + 1,
                    "reason": f"阀门{STATE_LABELS.get(o.valve_state, o.valve_state)}"
                              + (", 可远程一键关闭" if o.remote_controllable else ", 须现场手动关闭")
                              + f", 距事发点 {o.distance_m:.0f} m"} for i, o in enumerate(order)]
    if not outlets:
        explanation = "企业未登记厂界雨水排口: 排口状态未知, 不能认定已关闭, 须现场核实"
    elif all_closed:
        explanation = f"{len(outlets)} 个厂界雨水排口均已关闭"
    else:
        explanation = f"{len(outlets)} 个厂界雨水排口中 {len(order)} 个未确认关闭, 按所列顺序关闭"
    simulated = [o for o in outlets if o.state_simulated]
    if simulated:
        explanation += (f"; 其中 {len(simulated)} 个排口的阀门状态由模拟设备确认 (非真实设备回传), 须现场核实: "
                        + "、".join(o.name for o in simulated))
    return {"outlets": rows, "close_first": close_first, "all_closed": all_closed,
            "states_simulated": bool(simulated),
            "outlets_registered": bool(outlets), "explanation": explanation}


def containment(volume_m3: float, second: dict, third: dict, park_pools: list[Pool]) -> dict:
    """小事故不出厂区、大事故不出园区: contained in the plant when its pools hold the spill and its outlets are
    closed; in the park when the park's own pools take what the plant cannot. `status` says which, and is
    `unknown` when the pools hold the spill but no outlet is registered (never counted as contained)."""
    outlets_closed = third["all_closed"]
    in_plant = second["pools_hold_spill"] and outlets_closed is True
    overflow = max(volume_m3 - second["free_volume_m3"], 0.0)
    park_free = round(sum(p.free_volume_m3 for p in park_pools), 3)
    in_park = in_plant or (bool(park_pools) and park_free >= overflow)
    if in_plant:
        why = "厂内事故应急池可容纳泄漏量且厂界雨水排口均已关闭: 事故水可控制在厂内"
    elif second["pools_hold_spill"] and outlets_closed is None:
        why = "厂内事故应急池可容纳泄漏量, 但企业未登记厂界雨水排口: 能否控制在厂内未知, 须现场核实排口"
    elif second["pools_hold_spill"]:
        why = "厂内事故应急池可容纳泄漏量, 但仍有雨水排口未确认关闭: 关闭后方可控制在厂内"
    else:
        why = f"厂内事故应急池不足以容纳, 超出 {overflow:g} m³ 可能出厂"
    if in_plant and third.get("states_simulated"):
        why += " (排口关闭状态含模拟设备确认, 须现场核实)"
    why += (f"; 园区公共事故应急池剩余 {park_free:g} m³" + (", 可容纳出厂部分" if in_park and not in_plant else "")
            if park_pools else "; 园区未登记公共事故应急池")
    if in_plant:
        status = "contained_in_plant"
    elif second["pools_hold_spill"] and outlets_closed is None:
        status = "unknown"
    else:
        status = "contained_in_park" if in_park else "not_contained"
    return {"status": status, "contained_in_plant": in_plant, "contained_in_park": in_park,
            "overflow_m3": round(overflow, 3),
            "park_pools": [{"facility_id": p.facility_id, "name": p.name, "free_volume_m3": p.free_volume_m3,
                            "distance_m": round(p.distance_m, 1)} for p in park_pools],
            "explanation": why}


def downstream_trace(volume_m3: float, entry_measure_m: float, reaches: list[Reach], features: list[RiverFeature],
                     horizon_m: float, horizon_s: float) -> dict:
    """Walk the reaches in flow order from the entry point: every feature with its distance and arrival time.

    Distance along the river = rest of the entry reach after the entry point + whole reaches passed + the
    feature's position on its reach; time = the same pieces each divided by its reach's typical velocity.
    """
    by_reach: dict[str, list[RiverFeature]] = {}
    for f in features:
        by_reach.setdefault(f.reach_id, []).append(f)
    start_d, start_t = -entry_measure_m, -entry_measure_m / reaches[0].velocity_mps if reaches else 0.0
    hits, walked = [], []
    for i, reach in enumerate(reaches):
        if start_d > horizon_m or start_t > horizon_s:
            break
        walked.append({"reach_id": reach.reach_id, "name": reach.name, "river_name": reach.river_name,
                       # as registered to the decimetre and mm/s: the walk itself uses the full values
                       "length_m": round(reach.length_m, 1), "velocity_mps": round(reach.velocity_mps, 3),
                       "distance_at_start_m": round(max(start_d, 0.0), 1), "hours_at_start": _h(max(start_t, 0.0))})
        for f in sorted(by_reach.get(reach.reach_id, []), key=lambda f: f.measure_m):
            if i == 0 and f.measure_m < entry_measure_m:
                continue  # upstream of the entry point
            d = start_d + f.measure_m
            t = start_t + f.measure_m / reach.velocity_mps
            if d > horizon_m or t > horizon_s:
                continue
            hits.append((d, t, f, reach))
        start_d += reach.length_m
        start_t += reach.length_m / reach.velocity_mps
    hits.sort(key=lambda h: (h[0], h[2].facility_id))  # features at the same point: a stable order

    def row(d, t, f, reach):
        return {"facility_id": f.facility_id, "kind": f.kind, "name": f.name, "reach_id": reach.reach_id,
                "river_name": reach.river_name, "distance_m": round(d, 1), "eta_hours": _h(t),
                "explanation": f"沿河距入河点 {d:.0f} m, 按各河段典型流速推算约 {_h(t)} 小时到达"}

    gates = [row(*h) for h in hits if h[2].kind in ("river_gate", "interception_point")]
    sections = [row(*h) for h in hits if h[2].kind == "monitoring_section"]
    targets = [dict(row(*h), target_type=h[2].attributes.get("target_type")) for h in hits if h[2].kind == "sensitive_target"]
    first_target = targets[0] if targets else None
    limit_d = first_target["distance_m"] if first_target else float("inf")
    spaces = []
    for d, t, f, reach in hits:
        if f.kind != "emergency_space" or d >= limit_d:
            continue
        storage = float(f.attributes.get("storage_volume_m3") or 0)
        r = row(d, t, f, reach)
        r.update(storage_volume_m3=storage, space_type=f.attributes.get("space_type"),
                 holds_spill=storage >= volume_m3, uses=f.attributes.get("uses") or [])
        r["explanation"] += (f"; 库容 {storage:g} m³ " + ("≥" if storage >= volume_m3 else "<") + f" 泄漏量 {volume_m3:g} m³"
                             + (f", 在首个敏感目标「{first_target['name']}」之前" if first_target else ""))
        spaces.append(r)
    usable = [s for s in spaces if s["holds_spill"]]
    for i, g in enumerate(gates):
        g["order"] = i + 1
    return {
        "reaches": walked, "gates_to_close": gates, "monitoring_sections": sections, "sensitive_targets": targets,
        "emergency_spaces": usable, "emergency_spaces_too_small": [s for s in spaces if not s["holds_spill"]],
        "first_sensitive_target": first_target,
        "horizon": {"distance_m": horizon_m, "hours": _h(horizon_s)},
        "explanation": (f"自入河点沿水流方向追踪 {len(walked)} 个河段 (上限 {horizon_m / 1000:g} km 或 {_h(horizon_s)} 小时): "
                        f"{len(gates)} 处闸控/拦截点, {len(sections)} 个监测断面, {len(targets)} 个敏感目标"
                        + (f"; 首个敏感目标「{first_target['name']}」距 {first_target['distance_m']:.0f} m, "
                           f"约 {first_target['eta_hours']} 小时到达" if first_target else "")
                        + (f"; {len(usable)} 处应急空间可在其之前容纳全部泄漏量 (以空间换时间)" if usable else "")),
    }
