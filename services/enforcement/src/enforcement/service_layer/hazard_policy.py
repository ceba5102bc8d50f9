"""The policy reacting to the hazard service's events: the seeds' rules that open cases by themselves."""

from __future__ import annotations

import logging

from sqlalchemy.engine import Connection

from ecosafe_kit.messaging.envelope import EventEnvelope
from enforcement.adapters import case_queries as q, hazard_events
from enforcement.domain import case_rules as rules
from enforcement.service_layer.cases import Cases

log = logging.getLogger(__name__)

OVERDUE_BASIS = ("《安全生产法》第一百零二条; 专项行动方案: 对隐患未按时整改的，一律依法依规立案处罚")
PERSISTING_BASIS = ("《安全生产法》第一百零二条; 专项行动方案: 对排查整治不力导致重大事故隐患依然存在或发生事故的，"
                    "要依法对企业和企业主要负责人实行“一案双罚”")


class HazardPolicy:
    """Consumer handler (kit ConsumerRunner, inside its exactly-once transaction) of ecosafe.hazard.hazard."""

    def __init__(self, cases: Cases) -> None:
        self.cases = cases

    def __call__(self, conn: Connection, envelope: EventEnvelope) -> None:
        what = hazard_events.project(conn, envelope)
        if what not in ("HazardOverdue", "VerificationFailed"):
            return
        hazard = q.hazard(conn, envelope.stream_id)
        assert hazard is not None  # project() answered a name, so it is known
        opened = None
        if what == "HazardOverdue" and rules.overdue_opens_case(hazard):
            opened = self.cases.open_by_rule(conn, hazard, rules.OVERDUE_RULE, OVERDUE_BASIS,
                                             "隐患未按整改期限完成整改, 依规立案", dual=False)
        elif rules.persisting_major_hazard_makes_dual_case(hazard, verification_failed=what == "VerificationFailed"):
            opened = self.cases.open_by_rule(conn, hazard, rules.PERSISTING_RULE, PERSISTING_BASIS,
                                             "重大事故隐患整改验收未通过, 隐患依然存在, 拟一案双罚", dual=True)
        if opened:
            log.info("rule %s opened case %s for hazard %s", what, opened, hazard.hazard_id)
