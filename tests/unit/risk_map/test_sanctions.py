"""The sanction status in responders' words: which labels apply, and when an incident's explanation says so."""

from risk_map.domain.sanctions import incident_line, status_labels

NONE = {"open_case_count": 0, "suspended": False, "closure_proposed": False, "closed": False, "blacklisted": False}


def test_labels_name_each_status_that_applies_and_nothing_else():
    assert status_labels(NONE) == []
    assert status_labels({**NONE, "open_case_count": 3}) == ["在办案件 3 件"]
    assert status_labels({**NONE, "closure_proposed": True, "closure_case_id": "c-9", "blacklisted": True,
                          "blacklist_reason": "拒不整改"}) == ["已提请关闭 (案件 c-9)", "已列入失信名单 (拒不整改)"]


def test_an_open_case_alone_adds_no_line_to_the_incident():
    assert incident_line("甲公司", None) is None
    assert incident_line("甲公司", {**NONE, "open_case_count": 1}) is None


def test_a_suspended_enterprise_is_named_and_the_production_is_to_be_checked():
    line = incident_line("甲公司", {**NONE, "open_case_count": 1, "suspended": True, "suspension_case_id": "c-1"})
    assert line == ("执法处置: 涉事企业「甲公司」在办案件 1 件、已被责令停产整治 (案件 c-1); "
                    "停产整治或提请关闭期间发生事件, 须核查是否违法组织生产")


def test_a_blacklisted_enterprise_is_named_without_the_production_check():
    line = incident_line("乙公司", {**NONE, "blacklisted": True, "blacklist_reason": "拒不整改重大事故隐患"})
    assert line == "执法处置: 涉事企业「乙公司」已列入失信名单 (拒不整改重大事故隐患)"


def test_a_closed_enterprise_is_named_and_running_again_is_to_be_checked():
    line = incident_line("丙公司", {**NONE, "closed": True, "closed_case_id": "c-7"})
    assert line == ("执法处置: 涉事企业「丙公司」已被人民政府责令关闭 (案件 c-7); "
                    "已责令关闭的企业发生事件, 须核查是否违法恢复生产")


def test_lifted_or_answered_sanctions_carry_no_label():
    assert status_labels({**NONE, "closed": False, "open_case_count": 1}) == ["在办案件 1 件"]
