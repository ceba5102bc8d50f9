"""Pure rules of the weekly / daily reports' submission states and of the dashboard's zeroing figures."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from enforcement.domain import reports_dashboard as dash, reports_periodic as p
from enforcement.domain.reports_dispatch import Fact

T0 = datetime(2026, 11, 30, 0, 0, tzinfo=timezone.utc)


def fact(kind, subject, unit, hours=0, enterprise="e1", campaign=None, happened=None, **data) -> Fact:
    at = T0 + timedelta(hours=hours)
    return Fact(f"{kind}-{subject}-{unit}-{hours}", kind, subject, unit, enterprise, happened or at, at, campaign, data)


OBLIGATION = fact("obligation_created", "ob", "140500", obligation_kind="weekly", name="周报",
                  unit_codes=["140521", "140522", "140523", "140524"])


def test_submission_states_follow_notifys_events_in_the_order_they_were_entered():
    facts = [OBLIGATION,
             fact("report_submitted", "ob", "140521", 1, period="2026-W49", summary="按时"),
             fact("report_missed", "ob", "140522", 2, period="2026-W49"),
             fact("report_submitted", "ob", "140522", 3, period="2026-W49", summary="补报"),
             fact("report_missed", "ob", "140523", 2, period="2026-W49"),
             fact("report_submitted", "ob", "140524", 1, period="2026-W48", summary="上周的")]
    states = {u: p.submissions(facts, u, "weekly", "2026-W49")[0]["state"]
              for u in ("140521", "140522", "140523", "140524")}
    assert states == {"140521": "submitted", "140522": "late", "140523": "missing", "140524": "pending"}
    assert p.submissions(facts, "140521", "daily", "2026-11-30") == []  # no daily obligation


def test_a_day_without_incidents_but_a_drill_is_a_zero_report():
    facts = [fact("incident_reported", "i1", "140521", 2, drill=True, level="INCIDENT_LEVEL_GENERAL"),
             fact("incident_reported", "i2", "", 3, drill=False), fact("incident_correlated", "i2", "140522", 4)]
    assert p.incidents(facts, lambda c: c == "140521", T0, T0 + timedelta(days=1)) == []
    placed = p.incidents(facts, lambda c: c == "140522", T0, T0 + timedelta(days=1))
    assert [i["incident_id"] for i in placed] == ["i2"]  # placed by its correlation when the reporter had no area


def test_zeroing_counts_stock_new_closed_open_and_overdue_at_a_moment():
    start = T0
    facts = [fact("hazard_reported", "stock", "140521", -48, source="self_inspection", grade="major"),
             fact("hazard_reported", "gone", "140521", -72, source="self_inspection", grade="major"),
             fact("hazard_closed", "gone", "", -60),
             fact("hazard_reported", "new", "140521", 24, source="public_report", grade="major"),
             fact("hazard_overdue", "new", "", 48),
             fact("hazard_closed", "stock", "", 72),
             fact("hazard_reported", "minor", "140521", 24, source="self_inspection", grade="general"),
             fact("case_penalty", "k1", "140521", 30, decision_no="罚1", amount_fen=1_234_500),
             fact("case_penalty", "k1", "140521", 30, decision_no="罚1", amount_fen=10_000)]
    at_36h = dash.bureau_figures(facts, "c1", start, T0 + timedelta(hours=36), ["140521"])["140521"]
    assert {k: at_36h[k] for k in dash.FIGURES} == {"stock_at_start": 1, "new": 1, "closed": 0, "open": 2,
                                                     "overdue": 0, "penalties": 1}
    assert at_36h["penalty_wan_yuan"] == "1.24"  # 1.2445 万元 rounded half up
    later = dash.bureau_figures(facts, "c1", start, T0 + timedelta(hours=96), ["140521"])["140521"]
    assert {k: later[k] for k in ("closed", "open", "overdue")} == {"closed": 1, "open": 1, "overdue": 1}
    assert dash.totals({"a": later, "b": later})["penalty_wan_yuan"] == "2.49"
