"""Routing rule use cases: create, change, retire, read, list, and explain what an event would match."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.engine import Connection, Engine

from ecosafe_kit.auth.principal import Principal
from ecosafe_kit.errors import FieldProblem
from ecosafe_kit.eventstore import EventStore
from ecosafe_kit.repository import Repository
from ecosafe_kit.web.etag import check_if_match
from notify.adapters import register
from notify.adapters.codec import CODEC
from notify.adapters.projections import RULE_STREAM
from notify.adapters.tables import rules
from notify.domain.rule import RoutingRule, problems_of
from notify.domain.times import utcnow
from notify.domain.values import EventFacts, Recipient, RuleSpec
from notify.service_layer import permissions
from notify.service_layer.recording import Result, record, refuse
from notify.service_layer.routing import Roster, RuleVerdict, gather, judge, no_roster


@dataclass(frozen=True)
class Explanation:
    facts: EventFacts
    verdicts: list[RuleVerdict]
    recipients: list[Recipient]




class RoutingRules:
    """Entry point of the rule use cases; the composition root builds one per app."""

    def __init__(self, engine: Engine, roster: Roster = no_roster, clock: Callable[[], datetime] = utcnow,
                 unusable_channels: Callable[[Principal, tuple[str, ...]], list[str]] | None = None) -> None:
        self.engine = engine
        self.repository: Repository[RoutingRule] = Repository(EventStore(engine), CODEC, RoutingRule, RULE_STREAM,
                                                              not_found="分发规则不存在")
        self.roster = roster
        self.clock = clock
        self.unusable_channels = unusable_channels

    def _refuse_invalid(self, principal: Principal, spec: RuleSpec) -> None:
        problems = problems_of(spec)
        bad = self.unusable_channels(principal, spec.channel_ids) if spec.channel_ids and self.unusable_channels else []
        if bad:
            problems.append(FieldProblem("channel_ids", f"通道不存在、已停用或不可见: {', '.join(bad)}"))
        refuse(problems)

    def create(self, principal: Principal, spec: RuleSpec) -> Result:
        self._refuse_invalid(principal, spec)
        permissions.ensure_may_manage(principal, spec.jurisdiction_code)
        rule = RoutingRule.create(str(uuid.uuid4()), spec)
        with self.engine.begin() as conn:
            self._save(conn, rule, principal)
        return Result(rule.id, rule.version)

    def change(self, principal: Principal, rule_id: str, spec: RuleSpec, expected_version: int | None) -> Result:
        self._refuse_invalid(principal, spec)
        with self.engine.begin() as conn:
            rule = self._load_managed(conn, principal, rule_id)
            check_if_match(expected_version, rule.version)
            permissions.ensure_may_manage(principal, spec.jurisdiction_code)
            if rule.change(spec):
                self._save(conn, rule, principal)
        return Result(rule.id, rule.version)

    def retire(self, principal: Principal, rule_id: str, reason: str, expected_version: int | None) -> Result:
        with self.engine.begin() as conn:
            rule = self._load_managed(conn, principal, rule_id)
            check_if_match(expected_version, rule.version)
            rule.retire(reason)
            self._save(conn, rule, principal)
        return Result(rule.id, rule.version)

    def get(self, principal: Principal, rule_id: str) -> dict:
        with self.engine.connect() as conn:
            return self._visible(conn, principal, rule_id)

    def list(self, principal: Principal, include_retired: bool) -> list[dict]:
        permissions.ensure_rule_role(principal)
        query = select(rules).order_by(rules.c.jurisdiction_code, rules.c.name, rules.c.rule_id)
        if not include_retired:
            query = query.where(rules.c.active)
        with self.engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(query)]
        # Rules are few (tens per area); the visibility test is the same one single reads use.
        return [r for r in rows if permissions.may_see(principal, r["jurisdiction_code"])]

    def explain(self, principal: Principal, facts: EventFacts) -> Explanation:
        """What routing would do with an event like `facts` now: every rule whose area holds it, and why."""
        permissions.ensure_may_manage(principal, facts.jurisdiction_code)
        with self.engine.connect() as conn:
            enterprise = register.find(conn, facts.enterprise_id)
            if enterprise is not None and facts.park_id is None:
                # Routing takes an enterprise's park from the register; the explanation does the same.
                facts = EventFacts(**{**facts.__dict__, "park_id": enterprise.park_id})
            verdicts = judge(conn, facts, self.roster, self.clock())
        everyone, _ = gather([v for v in verdicts if v.matched])
        return Explanation(facts, verdicts, everyone)

    def _visible(self, conn: Connection, principal: Principal, rule_id: str) -> dict:
        row = conn.execute(select(rules).where(rules.c.rule_id == rule_id)).first()
        return permissions.visible(principal, dict(row._mapping) if row else None, "分发规则", rule_id)

    def _load_managed(self, conn: Connection, principal: Principal, rule_id: str) -> RoutingRule:
        row = self._visible(conn, principal, rule_id)
        permissions.ensure_may_manage(principal, row["jurisdiction_code"])
        return self.repository.get(conn, rule_id)

    def _save(self, conn: Connection, rule: RoutingRule, principal: Principal) -> None:
        record(conn, self.repository, rule, principal)
