"""Attribute rules per facility kind: types, non-negative numbers, valve states, pool free volume ≤ capacity."""

from __future__ import annotations

import math

from risk_map.domain.errors import FieldProblem, InvalidInput
from risk_map.domain.kinds import RULES, VALVE_STATES, FacilityKind


# Larger than any volume, area or count on the map; beyond it a number is a typo (and 10**400 is no float at all).
MAX_NUMBER = 1e12


def _finite(value: int | float) -> bool:
    try:
        return math.isfinite(value)
    except OverflowError:  # an int too large for a float
        return False


def clean_attributes(kind: FacilityKind, raw: dict, field: str = "properties") -> dict:
    """The attributes a facility of `kind` keeps, checked; unknown keys are kept as given (free annotations)."""
    rule = RULES[kind]
    problems: list[FieldProblem] = []
    out: dict = {}
    for key, value in raw.items():
        spec = rule.attributes.get(key)
        if spec is None or value is None:
            if value is not None:
                out[key] = value
            continue
        typ, _ = spec
        where = f"{field}.{key}"
        if typ == "number":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not _finite(value):
                problems.append(FieldProblem(where, "须为数值"))
                continue
            if abs(value) > MAX_NUMBER:
                problems.append(FieldProblem(where, f"数值超出范围 (不超过 {MAX_NUMBER:.0e})"))
                continue
            if value < 0:
                problems.append(FieldProblem(where, "不能为负数"))
                continue
        elif typ == "string" and not isinstance(value, str):
            problems.append(FieldProblem(where, "须为字符串"))
            continue
        elif typ == "boolean" and not isinstance(value, bool):
            problems.append(FieldProblem(where, "须为 true 或 false"))
            continue
        elif typ == "list" and not isinstance(value, list):
            problems.append(FieldProblem(where, "须为数组"))
            continue
        out[key] = value
    for key, (_, required) in rule.attributes.items():
        if required and out.get(key) is None:
            problems.append(FieldProblem(f"{field}.{key}", f"{rule.label}必须填写 {key}"))
    for key in ("valve_state", "gate_state"):
        if key in out and out[key] not in VALVE_STATES:
            problems.append(FieldProblem(f"{field}.{key}", "状态须为 open (开启)、closed (关闭) 或 unknown (未知)"))
    if kind == FacilityKind.emergency_pool and not problems:
        out.setdefault("free_volume_m3", out["capacity_m3"])
        if out["free_volume_m3"] > out["capacity_m3"]:
            problems.append(FieldProblem(f"{field}.free_volume_m3", "剩余容积不能大于设计容积 capacity_m3"))
    if kind == FacilityKind.river_reach and not problems and out["velocity_mps"] <= 0:
        problems.append(FieldProblem(f"{field}.velocity_mps", "流速须大于 0"))
    if kind == FacilityKind.rain_outlet:
        out.setdefault("valve_state", "unknown")
        out.setdefault("remote_controllable", False)
    if kind == FacilityKind.river_gate:
        out.setdefault("gate_state", "unknown")
        out.setdefault("remote_controllable", False)
    if problems:
        raise InvalidInput("；".join(f"{p.field}: {p.message}" for p in problems), problems)
    return out
