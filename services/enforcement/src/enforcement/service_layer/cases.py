"""Case use cases: open (by an officer or by a seed rule), penalties and the other sanctions, transfers with their
receipt, close; read, list, history."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timezone
from decimal import Decimal

from sqlalchemy.engine import Connection, Engine

from ecosafe_kit.auth.principal import Principal
from ecosafe_kit.auth.signing import signer_of
from ecosafe_kit.errors import Conflict, NotFound
from ecosafe_kit.eventstore import EventStore, Signer
from ecosafe_kit.repository import Repository
from ecosafe_kit.web.etag import check_if_match
from enforcement.adapters import case_queries as q, inspection_queries, register_queries
from enforcement.adapters.case_projections import BLACKLIST_STREAM, CASE_STREAM, PROJECTIONS
from enforcement.adapters.dates import SHANGHAI, decided_day
from enforcement.adapters.flat_codec import BLACKLIST_CODEC, CASE_CODEC
from enforcement.domain import blacklist as b, case as c, case_rules as rules, money
from enforcement.domain.problems import invalid
from enforcement.service_layer import permissions
from enforcement.service_layer.campaign_permissions import ensure_may_organise
from enforcement.service_layer.recording import record

# Cases a rule opens from a hazard event get ids derived from the hazard and the rule, so a redelivery opens none.
_RULE_NAMESPACE = uuid.UUID("6f1c8d2e-4b7a-5c3d-9e8f-0a1b2c3d4e5f")
RULE_SIGNER_SUBJECT = "system:enforcement-rules"


def rule_signer(jurisdiction_code: str) -> Signer:
    """Who signs what a seed rule decides: the service itself, on behalf of the enterprise's bureau."""
    return Signer(RULE_SIGNER_SUBJECT, "执法规则 (专项行动方案)", (), jurisdiction_code)


@dataclass(frozen=True)
class OpenCommand:
    enterprise_id: str
    origin: c.Origin
    legal_basis: str
    description: str
    finding_id: str | None = None
    hazard_id: str | None = None
    decided_on: date | None = None  # 立案日期; None: the day it is recorded


@dataclass(frozen=True)
class PenaltyCommand:
    decision_no: str
    legal_basis: str
    enterprise_amount_yuan: Decimal
    principal_amount_yuan: Decimal | None = None
    decided_on: date | None = None  # 处罚决定日期; None: the day it is recorded


def _fen(field: str, yuan: Decimal) -> int:
    fen = money.fen_of_yuan(yuan)
    if fen is None:
        raise invalid(field, "罚款金额应为大于 0 的元金额, 最多两位小数")
    return fen


def present_penalty(row: dict) -> dict:
    """A penalty as shown: the exact amount in yuan and in 万元 with two decimals (strings, never floats)."""
    shown = {k: v for k, v in row.items() if k != "amount_fen"}
    shown["amount_yuan"] = money.yuan_text(row["amount_fen"])
    shown["amount_wan_yuan"] = money.wan_yuan_text(row["amount_fen"])
    return shown


class Cases:
    def __init__(self, engine: Engine, clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc)) -> None:
        self.engine = engine
        self.clock = clock  # what "now" is for the blacklist's minimum period and the closure rule
        self.store = EventStore(engine)
        self.repository: Repository[c.Case] = Repository(self.store, CASE_CODEC, c.Case, CASE_STREAM,
                                                         not_found="案件不存在")
        self.blacklist: Repository[b.BlacklistEntry] = Repository(self.store, BLACKLIST_CODEC, b.BlacklistEntry,
                                                                  BLACKLIST_STREAM, not_found="失信名单记录不存在")

    # ------------------------------------------------------------------ opening
    def open(self, principal: Principal, command: OpenCommand) -> tuple[str, int]:
        """立案 by an officer of the enterprise's area; refused while seed 003 spares a self-reported hazard."""
        now = datetime.now(timezone.utc)
        with self.engine.begin() as conn:
            enterprise = self._enterprise(conn, command.enterprise_id)
            inspectors = self._check_origin(conn, command)
            if principal.subject not in inspectors:  # who inspected (also across areas, drawn) may open the case
                ensure_may_organise(principal, enterprise["jurisdiction_code"], "立案")
            if command.hazard_id is not None:
                hazard = q.hazard(conn, command.hazard_id)
                assert hazard is not None  # _check_origin made sure
                if rules.self_report_spares_penalty(hazard, now):
                    raise Conflict("企业自查查出并已按规定报告、正在按期整改的隐患不予行政处罚 (专项行动方案: "
                                   "对企业自查查出的重大事故隐患，已按规定报告并正在采取有效措施消除的，不予行政处罚)",
                                   extra={"hazard_id": command.hazard_id, "rule": "self_report_spares_penalty"})
            opened_on = c.decision_day(command.decided_on, self._today(), self._origin_day(conn, command),
                                       "立案日期不能早于其来源 (检查发现或隐患) 的发现日期")
            dual = rules.accident_makes_dual_case(command.origin.value)
            case = c.Case.open(c.CaseOpened(
                str(uuid.uuid4()), command.enterprise_id, enterprise["name"], enterprise["principal_name"],
                enterprise["jurisdiction_code"], command.origin.value, command.finding_id, command.hazard_id,
                command.legal_basis, command.description, rules.ACCIDENT_RULE if dual else "", dual,
                opened_on.isoformat()))
            record(conn, self.repository, case, signer_of(principal), PROJECTIONS)
            return case.id, case.version

    def open_by_rule(self, conn: Connection, hazard: rules.HazardState, rule: str, legal_basis: str,
                     description: str, dual: bool) -> str | None:
        """A case a seed rule opens for a hazard, once per hazard and rule, in the caller's transaction; None when
        the enterprise is not in this register or the case exists."""
        case_id = str(uuid.uuid5(_RULE_NAMESPACE, f"{hazard.hazard_id}:{rule}"))
        enterprise = register_queries.one(conn, hazard.enterprise_id)
        if enterprise is None or q.case(conn, case_id) is not None:
            return None
        case = c.Case.open(c.CaseOpened(
            case_id, hazard.enterprise_id, enterprise["name"], enterprise["principal_name"],
            enterprise["jurisdiction_code"], c.Origin.hazard.value, None, hazard.hazard_id, legal_basis,
            description, rule, dual, self._today().isoformat()))
        record(conn, self.repository, case, rule_signer(enterprise["jurisdiction_code"]), PROJECTIONS)
        return case_id

    # ------------------------------------------------------------------ sanctions
    def impose_penalty(self, principal: Principal, case_id: str, command: PenaltyCommand,
                       expected_version: int | None) -> dict:
        """行政处罚 (一案双罚 with a principal amount); then seed 003's closure rule is checked."""
        enterprise_fen = _fen("enterprise_amount_yuan", command.enterprise_amount_yuan)
        principal_fen = (None if command.principal_amount_yuan is None
                         else _fen("principal_amount_yuan", command.principal_amount_yuan))

        def act(conn: Connection, case: c.Case, day: date) -> None:
            case.impose_penalty(command.decision_no, command.legal_basis, enterprise_fen, principal_fen,
                                (str(uuid.uuid4()), str(uuid.uuid4())), day)

        return self._act(principal, case_id, expected_version, "行政处罚", act, after=self._closure_rule,
                         decided_on=command.decided_on)

    def act(self, principal: Principal, case_id: str, expected_version: int | None, what: str,
            command: Callable[[c.Case, date], None], decided_on: date | None = None) -> dict:
        """Any other decision on a case (移送, 停产整治, 恢复生产, 提请关闭, 撤回提请, 约谈, 曝光, 典型案例, 移交, 回执, 结案),
        dated `decided_on` (the day it is recorded when None); the command gets the day checked."""
        return self._act(principal, case_id, expected_version, what, lambda conn, case, day: command(case, day),
                         decided_on=decided_on)

    def joint_punishment(self, principal: Principal, case_id: str, departments: tuple[str, ...], reason: str,
                         expected_version: int | None, decided_on: date | None = None) -> dict:
        """联合惩戒 and the credit blacklist entry that follows it (b.BlacklistEntry cites seed 004)."""
        def act(conn: Connection, case: c.Case, day: date) -> None:
            case.decide_joint_punishment(departments, reason, day)

        def enter(conn: Connection, case: c.Case, signer: Signer) -> None:
            enterprise = register_queries.one(conn, case.enterprise_id)
            assert enterprise is not None  # a case is only opened for a registered enterprise
            entry = b.BlacklistEntry.enter(b.EnterpriseBlacklisted(
                str(uuid.uuid4()), case.enterprise_id, enterprise["name"], enterprise["credit_code"],
                enterprise["jurisdiction_code"], case.id, reason, departments))
            record(conn, self.blacklist, entry, signer, PROJECTIONS)

        return self._act(principal, case_id, expected_version, "联合惩戒", act, after=enter, decided_on=decided_on)

    def record_closure_decision(self, principal: Principal, case_id: str, decision: c.GovernmentDecision,
                                expected_version: int | None) -> dict:
        """责令关闭决定 as the bureau records it; the enterprise is closed from then on."""
        return self._act(principal, case_id, expected_version, "录入责令关闭决定",
                         lambda conn, case, day: case.record_closure_decision(decision, self._today()),
                         dated=False)

    def record_closure_declined(self, principal: Principal, case_id: str, decision: c.GovernmentDecision,
                                reason: str, expected_version: int | None) -> dict:
        """不予关闭 as the bureau records it."""
        return self._act(principal, case_id, expected_version, "录入不予关闭决定",
                         lambda conn, case, day: case.record_closure_declined(decision, reason, self._today()),
                         dated=False)

    def remove_from_blacklist(self, principal: Principal, entry_id: str, reason: str, rectification: str,
                              expected_version: int | None) -> dict:
        """移出失信名单 (信用修复) by an officer of the enterprise's area (b.BlacklistEntry.remove has the conditions)."""
        with self.engine.begin() as conn:
            row = q.blacklist_entry(conn, entry_id)
            if row is None:
                raise NotFound(f"失信名单记录不存在: {entry_id}", extra={"id": entry_id})
            ensure_may_organise(principal, row["jurisdiction_code"], "信用修复移出失信名单")
            entry = self.blacklist.get(conn, entry_id)
            check_if_match(expected_version, entry.version)
            case = q.case(conn, row["case_id"])
            entry.remove(reason, rectification, row["listed_at"], case is not None and case["status"] == "closed",
                         self.clock())
            record(conn, self.blacklist, entry, signer_of(principal), PROJECTIONS)
            return {"entry_id": entry_id, "version": entry.version}

    def _today(self) -> date:
        return self.clock().astimezone(SHANGHAI).date()

    def _act(self, principal: Principal, case_id: str, expected_version: int | None, what: str,
             command: Callable[[Connection, c.Case, date], None],
             after: Callable[[Connection, c.Case, Signer], None] | None = None,
             decided_on: date | None = None, dated: bool = True) -> dict:
        """A decision on a case; `dated` False for the government's answers, whose required decided_on the aggregate
        checks with their other fields (not after today)."""
        with self.engine.begin() as conn:
            row = self.visible(conn, principal, case_id)
            ensure_may_organise(principal, row["jurisdiction_code"], what)
            case = self.repository.get(conn, case_id)
            check_if_match(expected_version, case.version)
            # A case opened before its events carried a date was opened on the day it was recorded.
            day = (case.decision_day(decided_on, self._today(), row["opened_at"].astimezone(SHANGHAI).date())
                   if dated else self._today())
            command(conn, case, day)
            signer = signer_of(principal)
            record(conn, self.repository, case, signer, PROJECTIONS)
            if after is not None:
                after(conn, case, signer)
            return {"case_id": case_id, "version": case.version}

    def _closure_rule(self, conn: Connection, case: c.Case, signer: Signer) -> None:
        """Seed 003's closure rule (rules.closure_and_industry_ban), signed by the rule, on this case."""
        if case.closure_proposed or case.closure == c.ClosureState.decided or not rules.closure_and_industry_ban(
                q.open_hazards(conn, case.enterprise_id), q.penalty_decisions(conn, case.enterprise_id), self.clock()):
            return
        self.propose_closure_by_rule(conn, case)

    def propose_closure_by_rule(self, conn: Connection, case: c.Case) -> None:
        """The closure rule's proposal (提请关闭, principal's 行业禁入) on `case`, signed by the rule, dated today; the
        aggregate refuses it (Conflict) while one awaits the government or after a closure decision."""
        case.propose_closure("重大事故隐患长期存在并多次受到处罚, 提请地方人民政府予以关闭并落实企业主要负责人行业禁入规定",
                             True, rules.CLOSURE_RULE, self._today())
        assert case.opened is not None
        record(conn, self.repository, case, rule_signer(case.opened.jurisdiction_code), PROJECTIONS)

    # ------------------------------------------------------------------ reads
    def get(self, principal: Principal, case_id: str) -> dict:
        with self.engine.connect() as conn:
            row = self.visible(conn, principal, case_id)
            details = q.case_details(conn, case_id)
        fen = sum(p["amount_fen"] for p in details["penalties"])
        details["penalties"] = [present_penalty(p) for p in details["penalties"]]
        return {**{k: v for k, v in row.items() if k != "park_id"}, **details,
                "penalty_total_wan_yuan": money.wan_yuan_text(fen)}

    def listing(self, principal: Principal, enterprise_id: str | None, status: str | None, offset: int,
                limit: int) -> tuple[list[dict], int]:
        reach = register_queries.reach(permissions.read_scope(principal))
        with self.engine.connect() as conn:
            return q.case_listing(conn, reach, enterprise_id, status, offset, limit)

    def history(self, principal: Principal, case_id: str) -> dict:
        """Every event of the case with who signed it, and the hash chain's verdict."""
        with self.engine.connect() as conn:
            self.visible(conn, principal, case_id)
            stored = self.store.load(conn, case_id)
            verdict = self.store.verify_stream(conn, case_id)
        return {"case_id": case_id, "chain_intact": verdict.ok, "entries": [
            {"version": e.version, "event_type": e.event_type.rsplit(".", 1)[-1], "occurred_at": e.occurred_at,
             "decided_on": decided_day(CASE_CODEC.decode(e.event_type, e.payload).decided_on, e.occurred_at),
             "signed_by": e.signer.as_dict(), "hash": e.hash.hex()} for e in stored]}

    # ------------------------------------------------------------------ helpers
    def visible(self, conn: Connection, principal: Principal, case_id: str) -> dict:
        """The case's row if the caller sees it; 404 otherwise."""
        row = q.case(conn, case_id)
        # Who opened a case (a drawn inspector from another area, too) keeps seeing it.
        if row is None or not (row["opened_by"]["subject"] == principal.subject or permissions.read_scope(
                principal).covers(row["jurisdiction_code"], row["enterprise_id"], row["park_id"])):
            raise NotFound(f"案件不存在: {case_id}", extra={"id": case_id})
        return row

    @staticmethod
    def _enterprise(conn: Connection, enterprise_id: str) -> dict:
        enterprise = register_queries.one(conn, enterprise_id)
        if enterprise is None or enterprise["status"] != "registered":
            raise invalid("enterprise_id", f"企业名录中没有在册企业 {enterprise_id}")
        return enterprise

    @staticmethod
    def _origin_day(conn: Connection, command: OpenCommand) -> date | None:
        """The day the finding or hazard a case comes from was found (the case cannot be opened before it); None when
        it has none (_check_origin has made sure the one named exists)."""
        if command.finding_id is not None:
            found = inspection_queries.finding(conn, command.finding_id)["found_at"]
        elif command.hazard_id is not None:
            hazard = q.hazard(conn, command.hazard_id)
            assert hazard is not None
            found = hazard.found_at
        else:
            return None
        return found.astimezone(SHANGHAI).date()

    @staticmethod
    def _check_origin(conn: Connection, command: OpenCommand) -> tuple[str, ...]:
        """The finding or hazard a case is opened from must exist and be of the same enterprise; answers the
        inspectors of the finding's inspection."""
        inspectors: tuple[str, ...] = ()
        if command.origin == c.Origin.inspection:
            finding = inspection_queries.finding(conn, command.finding_id) if command.finding_id else None
            if finding is None or finding["enterprise_id"] != command.enterprise_id:
                raise invalid("finding_id", "来源为检查发现的立案须给出该企业的检查发现 (finding_id)")
            inspectors = tuple(inspection_queries.one(conn, finding["inspection_id"])["inspector_ids"])
        elif command.finding_id is not None:
            raise invalid("finding_id", "只有来源为检查发现 (inspection) 的立案可以给出 finding_id")
        if command.origin == c.Origin.hazard:
            hazard = q.hazard(conn, command.hazard_id) if command.hazard_id else None
            if hazard is None or hazard.enterprise_id != command.enterprise_id:
                raise invalid("hazard_id", "来源为隐患的立案须给出该企业的隐患 (hazard_id)")
        elif command.hazard_id is not None:
            raise invalid("hazard_id", "只有来源为隐患 (hazard) 的立案可以给出 hazard_id")
        return inspectors
