"""Lifting and answering sanctions without a database: 恢复生产, the government's answer to a closure proposal
(责令关闭 / 不予关闭), withdrawing a proposal, and credit repair (移出失信名单) with its conditions."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from ecosafe_kit.errors import Conflict, InvalidInput
from enforcement.adapters.flat_codec import BLACKLIST_CODEC, CASE_CODEC
from enforcement.domain import blacklist as b, case as c

TODAY = date(2026, 7, 15)
LISTED = datetime(2026, 7, 15, 2, 0, tzinfo=timezone.utc)


def opened() -> c.Case:
    return c.Case.open(c.CaseOpened("k-1", "e-1", "某化工公司", "张丽娜", "140525", "direct", None, None,
                                    "《安全生产法》第一百零二条", "案情"))


def decision(**overrides) -> c.GovernmentDecision:
    values = dict(government="泽州县人民政府", document_no="泽政发〔2026〕12号", decided_on=TODAY,
                  attachment_uri="https://files.example.cn/d/12.pdf", attachment_name="责令关闭决定书.pdf")
    values.update(overrides)
    return c.GovernmentDecision(**values)


def test_a_suspension_is_lifted_after_acceptance_and_may_be_ordered_again():
    case = opened()
    with pytest.raises(Conflict):
        case.lift_suspension("验收合格", "整改完成")
    case.order_suspension("危废暂存库防渗层破损, 停产整治")
    with pytest.raises(InvalidInput) as refused:
        case.lift_suspension(" ", "")
    assert {p.field for p in refused.value.errors} == {"acceptance", "reason"}
    case.lift_suspension("经现场验收, 防渗层已修复", "整改完成, 准予恢复生产")
    assert not case.suspended and isinstance(case.pending_events[-1], c.SuspensionLifted)
    with pytest.raises(Conflict):
        case.lift_suspension("验收合格", "再次")
    case.order_suspension("再次发现问题")
    assert case.suspended


def test_a_suspension_still_standing_is_lifted_after_the_case_was_closed():
    case = opened()
    case.order_suspension("停产整治")
    case.close("结案")
    case.lift_suspension("验收合格", "恢复生产")
    assert not case.suspended


def test_the_government_answers_only_a_pending_proposal():
    case = opened()
    for answer in (lambda: case.record_closure_decision(decision(), TODAY),
                   lambda: case.record_closure_declined(decision(), "理由", TODAY),
                   lambda: case.withdraw_closure_proposal("撤回")):
        with pytest.raises(Conflict):
            answer()
    case.propose_closure("重大事故隐患长期存在", True)
    case.record_closure_decision(decision(), TODAY)
    decided = case.pending_events[-1]
    assert isinstance(decided, c.ClosureDecided) and decided.principal_industry_ban
    assert (decided.government, decided.document_no, decided.decided_on) == ("泽州县人民政府", "泽政发〔2026〕12号",
                                                                               "2026-07-15")
    assert case.closure == c.ClosureState.decided and not case.closure_proposed
    with pytest.raises(Conflict):
        case.record_closure_declined(decision(), "理由", TODAY)
    with pytest.raises(Conflict):
        case.propose_closure("再次", False)


def test_a_closure_decision_needs_its_government_number_and_a_past_date():
    case = opened()
    case.propose_closure("理由", False)
    with pytest.raises(InvalidInput) as refused:
        case.record_closure_decision(decision(government=" ", document_no="", decided_on=TODAY + timedelta(days=1),
                                              attachment_uri="javascript:alert(1)"), TODAY)
    assert {p.field for p in refused.value.errors} == {"government", "document_no", "decided_on", "attachment_uri"}
    assert case.pending_events[-1].__class__ is c.ClosureProposed


def test_a_declined_or_withdrawn_proposal_may_be_made_again():
    case = opened()
    case.propose_closure("第一次", False)
    with pytest.raises(InvalidInput) as refused:
        case.record_closure_declined(decision(document_no=""), " ", TODAY)
    assert [p.field for p in refused.value.errors] == ["reason"]
    case.record_closure_declined(decision(document_no=""), "企业已完成整改, 暂不关闭", TODAY)
    assert case.closure == c.ClosureState.declined and not case.closure_proposed
    case.propose_closure("第二次", False)
    case.withdraw_closure_proposal("隐患已消除")
    assert case.closure == c.ClosureState.withdrawn
    again = c.Case.rehydrate("k-1", case.pending_events)
    assert again.closure == c.ClosureState.withdrawn and not again.closure_proposed and again.version == 5


def entry() -> b.BlacklistEntry:
    return b.BlacklistEntry.enter(b.EnterpriseBlacklisted("b-1", "e-1", "某化工公司", "91140500MA0000000X", "140525",
                                                          "k-1", "拒不整改", ("市场监管局",)))


def test_credit_repair_waits_for_the_minimum_period_and_the_closed_case():
    listed = entry()
    with pytest.raises(Conflict) as early:
        listed.remove("信用修复", "已整改并缴清罚款", LISTED, True, LISTED + timedelta(days=364))
    assert early.value.extra["earliest"] == (LISTED + b.MINIMUM_LISTING).isoformat()
    with pytest.raises(Conflict):
        listed.remove("信用修复", "已整改并缴清罚款", LISTED, False, LISTED + timedelta(days=400))
    with pytest.raises(InvalidInput) as refused:
        listed.remove("", " ", LISTED, True, LISTED + timedelta(days=400))
    assert {p.field for p in refused.value.errors} == {"reason", "rectification"}
    listed.remove("信用修复", "已整改并缴清罚款", LISTED, True, LISTED + b.MINIMUM_LISTING)
    removed = listed.pending_events[-1]
    assert isinstance(removed, b.EnterpriseRemovedFromBlacklist) and removed.case_id == "k-1"
    with pytest.raises(Conflict):
        listed.remove("再次", "再次", LISTED, True, LISTED + timedelta(days=800))


@pytest.mark.parametrize("event", [
    c.SuspensionLifted("k", "e", "验收合格", "恢复生产"),
    c.ClosureDecided("k", "e", "泽州县人民政府", "泽政发〔2026〕12号", "2026-07-15", "s3://b/d.pdf", "决定书", True),
    c.ClosureDeclined("k", "e", "泽州县人民政府", "", "2026-07-15", "暂不关闭"),
    c.ClosureProposalWithdrawn("k", "e", "撤回"),
], ids=lambda e: type(e).__name__)
def test_the_outcome_events_survive_the_wire(event):
    assert CASE_CODEC.decode(*CASE_CODEC.encode(event)) == event


def test_the_removal_event_survives_the_wire():
    event = b.EnterpriseRemovedFromBlacklist("b", "e", "k", "信用修复", "已整改")
    assert BLACKLIST_CODEC.decode(*BLACKLIST_CODEC.encode(event)) == event
