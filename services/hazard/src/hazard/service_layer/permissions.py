"""Who may do what to a hazard: roles per command, then the record's jurisdiction or enterprise (ensure_within)."""

from __future__ import annotations

from ecosafe_kit.auth.dependencies import ensure_within
from ecosafe_kit.auth.principal import Principal, Role
from ecosafe_kit.auth.scope import ReadScope
from ecosafe_kit.errors import FieldProblem, Forbidden, InvalidInput, NotFound
from hazard.domain.values import ConfirmationLevel, Grade, Source

R = Role
_LOOP_OFFICERS = (R.county_officer, R.city_officer)

# command → roles that may issue it (admin may too, but for OFFICERS_ONLY); enterprise users act only for their own
# enterprise.
COMMAND_ROLES: dict[str, tuple[Role, ...]] = {
    "report:self_inspection": (R.enterprise_user, *_LOOP_OFFICERS),
    "report:inspection": (R.inspector, *_LOOP_OFFICERS),
    "report:superior_referral": (R.city_officer, R.county_officer, R.group_leader),
    "assign": _LOOP_OFFICERS,
    # Only the bureau that assigned the deadline (or a superior one) extends it: `authorize_assigning_bureau`.
    "extend_deadline": _LOOP_OFFICERS,
    "submit_plan": (R.enterprise_user, *_LOOP_OFFICERS),
    "record_progress": (R.enterprise_user, *_LOOP_OFFICERS),
    "complete": (R.enterprise_user, *_LOOP_OFFICERS),
    "verify": (R.inspector, *_LOOP_OFFICERS),
    "close:general": (*_LOOP_OFFICERS, R.group_leader),
    # 需要办结销号的 (重大隐患) 必须经领导小组组长审核并签字确认 (seed 003).
    "close:major": (R.group_leader,),
    "list": (*_LOOP_OFFICERS, R.group_leader),
    # 重新定级 is the bureau's judgement (a public report is registered as general pending it); inspectors
    # propose a grade when they report, the bureau or the leading group decides it.
    "regrade": (*_LOOP_OFFICERS, R.group_leader),
    # Taking a major hazard down to general would let its closure skip the group leader's sign-off: only the
    # group leader may do it.
    "regrade:downgrade_major": (R.group_leader,),
    "confirm:principal": (R.enterprise_user,),
    "confirm:parent": (R.enterprise_user,),
    "confirm:bureau": _LOOP_OFFICERS,
    # 举报人联系方式: officers of the jurisdiction ask (two different ones unseal it) and then read it.
    "request_contact_unseal": (*_LOOP_OFFICERS, R.group_leader),
    "read_contact": (*_LOOP_OFFICERS, R.group_leader),
    "flag_reward": _LOOP_OFFICERS,
    "decide_reward": (*_LOOP_OFFICERS, R.group_leader),
}
# Who reads a hazard is not a command's roles but the kit's ReadScope: see `authorize_read`.

# A whistleblower's identity is unsealed by officers of the jurisdiction, not by whoever administers the system.
OFFICERS_ONLY = frozenset({"request_contact_unseal", "read_contact"})

_COMMAND_LABELS = {
    "report:self_inspection": "登记企业自查隐患", "report:inspection": "登记执法检查隐患",
    "report:superior_referral": "登记上级交办隐患", "assign": "交办", "extend_deadline": "整改延期", "submit_plan": "提交整改方案",
    "record_progress": "报告整改进展", "complete": "报告整改完成", "verify": "督查验收",
    "close:general": "一般隐患销号", "close:major": "重大事故隐患销号", "list": "挂牌督办", "regrade": "重新定级",
    "regrade:downgrade_major": "重大隐患降为一般隐患",
    "confirm:principal": "主要负责人签字确认", "confirm:parent": "上级主体企业确认",
    "confirm:bureau": "属地生态环境部门确认",
    "request_contact_unseal": "申请启封举报人联系方式", "read_contact": "查看举报人联系方式",
    "flag_reward": "标记举报奖励", "decide_reward": "决定举报奖励",
}


def close_command(grade: Grade | None) -> str:
    return "close:major" if grade is Grade.major else "close:general"


def regrade_command(current: Grade | None, new: Grade) -> str:
    return "regrade:downgrade_major" if current is Grade.major and new is not Grade.major else "regrade"


def report_command(source: Source) -> str:
    return f"report:{source.value}"


def authorize_report(principal: Principal, source: Source, *, jurisdiction_code: str, enterprise_id: str) -> None:
    """`authorize` for registering a hazard on an enterprise; out of reach, the 403 says nothing of where the
    enterprise is (its county or park), only what the caller sent."""
    try:
        authorize(principal, report_command(source), jurisdiction_code=jurisdiction_code, enterprise_id=enterprise_id)
    except Forbidden as refused:
        if "required_roles" in refused.extra:
            raise
        raise Forbidden(f"超出您的管辖范围: 无权为企业 {enterprise_id} 登记隐患", extra={"field": "enterprise_id"}) from None


def confirm_command(level: ConfirmationLevel) -> str:
    return f"confirm:{level.value}"


def authorize(principal: Principal, command: str, *, jurisdiction_code: str, enterprise_id: str,
              park_id: str | None = None) -> None:
    """Forbidden unless the principal holds a role for `command` and the hazard lies within their reach."""
    roles = COMMAND_ROLES[command]
    if not (principal.is_admin and command not in OFFICERS_ONLY) and not principal.has_role(*roles):
        names = "、".join(f"{r.label}({r.value})" for r in roles)
        extra = {"required_roles": [r.value for r in roles], "command": command}
        if command.startswith("report:"):
            extra["field"] = "source"  # who may report depends on the source they chose
        raise Forbidden(f"{_COMMAND_LABELS[command]}需要以下角色之一: {names}", extra=extra)
    # Only the roles that may act pass their kind of scope: an enterprise user's token never reaches
    # another enterprise, a government user acts by area.
    ensure_within(
        principal,
        jurisdiction_code=jurisdiction_code if any(r not in (R.enterprise_user, R.park_operator) for r in roles) else None,
        enterprise_id=enterprise_id if R.enterprise_user in roles else None,
        park_id=park_id if (R.park_operator in roles and park_id) else None,
    )


def hidden(hazard_id: str) -> NotFound:
    """What an unknown hazard answers. A hazard out of the caller's reach answers exactly the same, so another
    enterprise or county learns nothing of it, not even that it exists."""
    return NotFound(f"隐患不存在: {hazard_id}", extra={"id": hazard_id})


def authorize_read(principal: Principal, hazard_id: str, *, jurisdiction_code: str, enterprise_id: str,
                   park_id: str | None, parent_enterprise_id: str | None = None) -> None:
    """`hidden` (404) unless the principal may read this hazard; checked before every read and every command.

    Readers (the kit's ReadScope, as the ledger's): the area's government users, the enterprise's own users, its
    park's operator, and the users of its parent enterprise (上级主体企业), who confirm its self-found hazards (两级确认)
    and so must see them."""
    try:
        scope = ReadScope.of(principal, "隐患")
    except Forbidden:
        raise hidden(hazard_id) from None
    if not scope.covers(jurisdiction_code, enterprise_id, park_id, parent_enterprise_id):
        raise hidden(hazard_id)


def authorize_assigning_bureau(principal: Principal, assigning_jurisdiction: str) -> None:
    """Forbidden unless the principal's jurisdiction is the one that assigned the hazard, or contains it."""
    if principal.is_admin or (principal.jurisdiction and principal.covers(assigning_jurisdiction)):
        return
    raise Forbidden(f"整改延期须由交办的生态环境部门 (辖区 {assigning_jurisdiction}) 或其上级批准",
                    extra={"assigning_jurisdiction": assigning_jurisdiction, "command": "extend_deadline"})


def check_self_inspection(principal: Principal, source: Source, *, enterprise_id: str, on_behalf_of: str) -> None:
    """企业自查 counts as the enterprise's own finding (the monthly dispatch table counts it so): its own user
    registers it, or an officer records it on its behalf and says so, naming who at the enterprise reported it."""
    if source is not Source.self_inspection:
        return  # on_behalf_of with another source is the domain's 422
    own_user = principal.has_role(R.enterprise_user) and principal.enterprise_id == enterprise_id
    if own_user and on_behalf_of.strip():
        raise InvalidInput("企业用户登记本企业自查隐患, 无需代录", [FieldProblem("on_behalf_of", "企业自行登记时不填写代录信息")])
    if not own_user and not on_behalf_of.strip():
        message = "部门人员登记企业自查隐患须注明代企业登记: 在 on_behalf_of 中写明报告该隐患的企业人员; 否则请选择 inspection"
        raise InvalidInput(message, [FieldProblem("source", message),
                                     FieldProblem("on_behalf_of", "代企业登记须写明报告该隐患的企业人员")])
