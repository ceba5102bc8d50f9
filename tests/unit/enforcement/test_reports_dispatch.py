"""The dispatch table's counting rules (pure): period by when facts happened, grade at the month's end, rectified once
closed, distinct enterprises, decisions as 次, 万元 rounded half up, city and county apart, late entries flagged."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from enforcement.domain import reports_dispatch as d

START = datetime(2023, 4, 24, 16, 0, tzinfo=timezone.utc)  # 2023-04-25 00:00 Shanghai
JULY_END = datetime(2023, 7, 31, 16, 0, tzinfo=timezone.utc)  # 2023-08-01 00:00 Shanghai
JULY = d.Period("c1", START, JULY_END)
COUNTY, CITY = "140525", "140500"


def at(day: str) -> datetime:
    return datetime.fromisoformat(f"{day}T10:00:00+08:00")


def fact(kind, subject, unit="", day="2023-07-10", entered=None, enterprise="e1", campaign=None, **data) -> d.Fact:
    happened = at(day)
    return d.Fact(f"{kind}-{subject}-{day}-{len(data)}-{sorted(data.items())}", kind, subject, unit, enterprise,
                  happened, entered or happened, campaign, data)


def hazard(subject, source="self_inspection", day="2023-07-10", unit=COUNTY, grade="major", **kw) -> d.Fact:
    return fact("hazard_reported", subject, unit, day, source=source, grade=grade, ledger_no=subject, **kw)


def cells(facts, period=JULY, unit=COUNTY, scope="unit"):
    in_scope = (lambda c: c == unit) if scope == "unit" else (lambda c: c.startswith(unit[:4]))
    return d.cells(d.dispatch_table(facts, period, in_scope))


def test_hazards_count_by_when_found_and_are_rectified_once_closed_before_the_month_ends():
    facts = [hazard("h1"), fact("hazard_closed", "h1", day="2023-07-20"),
             hazard("h2"), fact("hazard_closed", "h2", day="2023-08-02"),  # closed after July: open in July's table
             hazard("h3", day="2023-08-01"),  # found in August
             hazard("h4", day="2023-04-01"),  # before the campaign
             hazard("h5", grade="general"),
             hazard("h6"), fact("hazard_regraded", "h6", day="2023-07-15", grade="general"),
             hazard("h7"), fact("hazard_regraded", "h7", day="2023-08-15", grade="general"),  # still major in July
             hazard("h8", campaign="another")]
    got = cells(facts)
    assert (got["1-1"], got["1-2"]) == (3, 1)  # h1, h2, h7; h1 closed


def test_each_channel_has_its_rows_and_listed_hazards_their_own():
    facts = [hazard("a", "inspection"), hazard("b", "public_report"), fact("hazard_closed", "b"),
             hazard("c", "superior_referral"), fact("hazard_listed", "c", day="2023-07-12"),
             fact("hazard_closed", "c", day="2023-07-30")]
    got = cells(facts)
    assert [got[f"1-{n}"] for n in range(1, 11)] == [0, 0, 1, 0, 1, 1, 1, 1, 1, 1]


def test_a_hazard_from_the_citys_inspection_is_the_citys_not_the_countys():
    facts = [fact("inspection_completed", "i1", CITY, campaign="c1", violated=[], finding_ids=["f1"]),
             hazard("h1", "inspection", finding_id="f1")]
    assert cells(facts, unit=COUNTY)["1-3"] == 0
    assert cells(facts, unit=CITY)["1-3"] == 1
    assert cells(facts, unit=CITY, scope="area")["1-3"] == 1


def test_spot_checks_count_distinct_enterprises_of_this_campaign():
    facts = [fact("inspection_completed", "i1", COUNTY, campaign="c1", violated=["no_drills"]),
             fact("inspection_completed", "i2", COUNTY, campaign="c1", violated=["no_drills", "chaotic_outsourcing"]),
             fact("inspection_completed", "i3", COUNTY, enterprise="e2", campaign="c1", violated=[]),
             fact("inspection_completed", "i4", COUNTY, enterprise="e3", campaign="other", violated=["no_drills"])]
    got = cells(facts)
    assert (got["2-1"], got["2-7"], got["2-8"], got["2-2"]) == (2, 1, 1, 0)


def test_penalties_count_decisions_and_add_amounts_in_wan_yuan_rounded_half_up():
    facts = [fact("case_opened", "k1", COUNTY, jurisdiction_code=COUNTY),
             fact("case_penalty", "k1", COUNTY, decision_no="罚1", amount_fen=10_000_000, dual=True,
                  target="enterprise"),
             fact("case_penalty", "k1", COUNTY, decision_no="罚1", amount_fen=2_000_000, dual=True, target="principal"),
             fact("case_penalty", "k1", "", decision_no="罚2", amount_fen=845_000, dual=False, target="enterprise"),
             fact("case_penalty", "k9", CITY, decision_no="罚9", amount_fen=100, dual=False, target="enterprise")]
    got = cells(facts)
    assert (got["3-3"], got["3-3-amount"], got["3-4"]) == (2, "12.85", 1)  # 12.845 → 12.85, not 12.84


def test_sanctions_count_enterprises_once_and_persons_as_people():
    facts = [fact("case_referred", "k1", COUNTY, persons=2, dangerous_operation_crime=True),
             fact("case_suspension", "k1", COUNTY), fact("case_suspension", "k2", COUNTY),
             fact("case_closure_proposed", "k1", COUNTY),  # a proposal alone closes nothing
             fact("case_closure_proposed", "k3", COUNTY, enterprise="e2"),
             fact("case_closure_decided", "k3", COUNTY, enterprise="e2", document_no="泽政发〔2023〕1号"),
             fact("case_exposure", "k1", COUNTY), fact("case_admonition", "k2", COUNTY),
             fact("case_joint_punishment", "k3", COUNTY, enterprise="e2"),
             fact("case_typical", "k1", COUNTY, dangerous_operation_crime=True),
             fact("case_typical", "k3", COUNTY, enterprise="e2", dangerous_operation_crime=False),
             fact("oversight", "o1", COUNTY, activity_kind="guidance_enterprise", target="e1"),
             fact("oversight", "o2", COUNTY, activity_kind="accountability", persons=3),
             fact("oversight", "o3", CITY, activity_kind="guidance_area", target=COUNTY)]
    got = cells(facts)
    assert [got[k] for k in ("3-1", "3-2", "3-5", "3-6", "3-6-closure", "3-7", "3-8", "3-8-crime", "3-9")] == \
        [0, 1, 2, 1, 1, 2, 2, 1, 3]
    assert cells(facts, unit=CITY)["3-1"] == 1


def test_facts_entered_after_the_first_generation_are_flagged_and_the_form_text_is_filled():
    generated = JULY_END + timedelta(hours=1)
    period = d.Period("c1", START, JULY_END, generated)
    facts = [hazard("h1"), d.Fact("late", "hazard_reported", "h2", COUNTY, "e2", at("2023-07-20"),
                                  generated + timedelta(days=3), None,
                                  {"source": "self_inspection", "grade": "major", "ledger_no": "h2"})]
    rows = d.dispatch_table(facts, period, lambda c: c == COUNTY)
    assert [(e["id"], e["figures"]) for e in d.late_entries(rows)] == [("h2", ["1-1"])]
    assert [r.text for r in rows if r.section == d.ENFORCEMENT and r.no in (3, 6, 8)] == \
        ["0次，0.00万元", "（停产）0 （关闭）0", "0，其中危险作业罪案例0"]
