"""An enterprise's sanction status as enforcement reports it, in the words an incident's responders read."""

from __future__ import annotations


def status_labels(sanctions: dict) -> list[str]:
    """在办案件 / 责令停产整治 / 提请关闭 / 责令关闭 / 列入失信名单, as far as they stand (`sanctions`: the read model's
    keys; a lifted suspension, an answered or withdrawn proposal and a removed entry no longer stand)."""
    labels = []
    if sanctions.get("open_case_count"):
        labels.append(f"在办案件 {sanctions['open_case_count']} 件")
    if sanctions.get("suspended"):
        labels.append(f"已被责令停产整治 (案件 {sanctions['suspension_case_id']})")
    if sanctions.get("closure_proposed"):
        labels.append(f"已提请关闭 (案件 {sanctions['closure_case_id']})")
    if sanctions.get("closed"):
        labels.append(f"已被人民政府责令关闭 (案件 {sanctions['closed_case_id']})")
    if sanctions.get("blacklisted"):
        labels.append(f"已列入失信名单 ({sanctions['blacklist_reason']})")
    return labels


def incident_line(enterprise_name: str, sanctions: dict | None) -> str | None:
    """The explanation's line when the incident's enterprise is suspended, proposed for closure, closed or
    blacklisted: a plant told to stop producing should hold little, so what leaked, and why it was running, is to be
    checked."""
    if not sanctions or not (sanctions.get("suspended") or sanctions.get("closure_proposed")
                             or sanctions.get("closed") or sanctions.get("blacklisted")):
        return None
    line = f"执法处置: 涉事企业「{enterprise_name}」" + "、".join(status_labels(sanctions))
    if sanctions.get("closed"):
        line += "; 已责令关闭的企业发生事件, 须核查是否违法恢复生产"
    elif sanctions.get("suspended") or sanctions.get("closure_proposed"):
        line += "; 停产整治或提请关闭期间发生事件, 须核查是否违法组织生产"
    return line
