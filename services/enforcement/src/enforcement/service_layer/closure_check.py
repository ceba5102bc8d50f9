"""The periodic check of seed 003's closure rule, for enterprises whose major hazard became long-standing after their
last penalty (the penalty path only checks it when a penalty is imposed)."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from ecosafe_kit.errors import Conflict
from enforcement.adapters import case_queries as q
from enforcement.domain import case_rules as rules
from enforcement.service_layer.cases import Cases

log = logging.getLogger(__name__)


class ClosureCheck:
    """One round: every enterprise due for a closure proposal gets it on its case, each in its own transaction."""

    def __init__(self, cases: Cases) -> None:
        self.cases = cases  # its clock is the check's "now"

    def run_once(self, enterprise_ids: Sequence[str] | None = None) -> list[str]:
        """Proposes closure where the rule now holds; returns the cases that got a proposal. `enterprise_ids`
        narrows the round (tests on a shared database)."""
        now = self.cases.clock()
        with self.cases.engine.connect() as conn:
            candidates = q.closure_candidates(conn, now - rules.LONG_STANDING, rules.REPEATED_PENALTIES,
                                              None if enterprise_ids is None else list(enterprise_ids))
        proposed = []
        for enterprise_id in candidates:
            try:
                with self.cases.engine.begin() as conn:
                    case_id = rules.closure_due_periodically(q.closure_standing(conn, enterprise_id), now)
                    if case_id is None:
                        continue
                    case = self.cases.repository.get(conn, case_id)
                    self.cases.propose_closure_by_rule(conn, case)
                proposed.append(case_id)
                log.info("closure rule proposed closure of enterprise %s on case %s", enterprise_id, case_id)
            except Conflict:
                # Another replica's round, the penalty path or an officer got there first (a stale version, or the
                # aggregate's guard): nothing is lost, the next round looks at this enterprise afresh.
                log.info("closure check: %s changed concurrently, will look again next round", enterprise_id)
        return proposed
