"""Facility kinds API: each kind's label, geometry types and attributes, for forms that register facilities."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field

from ecosafe_kit.auth.dependencies import CurrentPrincipal
from risk_map.domain.kinds import ATTRIBUTE_LABELS, RULES, STATE_LABELS, VALVE_STATES

router = APIRouter(prefix="/facility-kinds", tags=["设施 (三道防线、河流、资源)"])


class AttributeSpec(BaseModel):
    name: str = Field(description="属性名 (properties 中的键)")
    label: str = Field(description="中文名称")
    type: str = Field(description="number、string、boolean 或 list")
    required: bool
    choices: list[dict] | None = Field(default=None, description="可选值 (value, label), 如阀门状态")


class KindSpec(BaseModel):
    kind: str
    label: str = Field(description="中文名称")
    geometry_types: list[str] = Field(description="允许的几何类型")
    owner: str = Field(description="归属: enterprise 企业、park 园区或 any 任意")
    attributes: list[AttributeSpec]


_STATE_CHOICES = [{"value": state, "label": STATE_LABELS[state]} for state in VALVE_STATES]


@router.get("", summary="设施类型及其属性",
            description="每种设施的中文名称、允许的几何类型、归属与属性 (类型、是否必填、中文名称、可选值), "
                        "与登记设施 (POST /facilities) 和批量导入的校验规则相同; 供填写设施表单使用。")
async def list_kinds(principal: CurrentPrincipal) -> list[KindSpec]:
    return [
        KindSpec(
            kind=kind.value,
            label=rule.label,
            geometry_types=sorted(rule.geometry_types),
            owner=rule.owner,
            attributes=[
                AttributeSpec(name=name, label=ATTRIBUTE_LABELS[name], type=typ, required=required,
                              choices=_STATE_CHOICES if name in ("valve_state", "gate_state") else None)
                for name, (typ, required) in rule.attributes.items()
            ],
        )
        for kind, rule in RULES.items()
    ]
