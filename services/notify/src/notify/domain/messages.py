"""The Chinese text of a notification: what happened, where, what to do (the link is added by the router)."""

from __future__ import annotations

from notify.domain.values import EVENT_TYPES, GRADES, Incoming

_WHAT_TO_DO = {
    "hazard.reported": "请核实隐患情况, 确定等级并交办整改。",
    "hazard.assigned": "请责任单位在期限内制定整改方案并完成整改。",
    "hazard.overdue": "隐患已超过整改期限, 请督促责任单位立即整改并说明逾期原因。",
    "hazard.listed": "隐患已挂牌督办, 请跟踪整改进展直至销号。",
    "hazard.verification_failed": "督查未通过, 请督促责任单位重新整改。",
    "hazard.closed": "隐患已销号, 知悉即可。",
    "inspection.completed": "请企业按检查意见落实整改, 属地监管部门跟踪。",
    "finding.recorded": "请核定隐患等级, 督促企业立即整改。",
    "incident.reported": "请立即核实情况, 按应急预案启动响应, 并在规定时限内报告。",
    "incident.correlated": "请查看关联分析结果, 立即落实关闸、截污、启用应急空间等处置措施。",
}


def compose(occurrence: Incoming) -> tuple[str, str]:
    """Title and body of the notification."""
    event_type, grade_code = occurrence.facts.event_type, occurrence.facts.grade
    what = EVENT_TYPES[event_type]
    grade = GRADES[grade_code] if grade_code in GRADES else ""
    prefix = "【演练】" if occurrence.drill else ""
    title = f"{prefix}{grade}{what}: {occurrence.subject}"
    lines = [f"事件: {what}{' (' + grade + ')' if grade else ''}", f"对象: {occurrence.subject}",
             f"地点: {occurrence.place}", *occurrence.details]
    to_do = _WHAT_TO_DO[event_type]
    lines.append("处置: " + ("本次为演练, 请按演练方案处置, 勿作真实警情。" if occurrence.drill else to_do))
    return title, "\n".join(lines)
