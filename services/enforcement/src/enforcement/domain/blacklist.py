"""The credit blacklist entry (失信名单): made by a case's joint punishment, seen by every bureau."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from ecosafe_kit.domain import Aggregate
from ecosafe_kit.errors import Conflict, FieldProblem
from enforcement.domain.problems import refuse

# The seeds give no period; one year on the list before credit repair (信用修复) is the usual minimum in China's
# safety-production blacklist practice, so an entry is removed no earlier than this after it was made.
MINIMUM_LISTING = timedelta(days=365)


@dataclass(frozen=True)
class EnterpriseBlacklisted:
    entry_id: str
    enterprise_id: str
    enterprise_name: str
    credit_code: str
    jurisdiction_code: str
    case_id: str
    reason: str
    departments: tuple[str, ...]


@dataclass(frozen=True)
class EnterpriseRemovedFromBlacklist:
    entry_id: str
    enterprise_id: str
    case_id: str
    reason: str
    rectification: str


ALL_EVENTS = (EnterpriseBlacklisted, EnterpriseRemovedFromBlacklist)


class BlacklistEntry(Aggregate):
    """列入失信名单: one entry per joint punishment.

    推进企业安全生产诚信体系建设，健全联合惩戒和激励机制，做到“一处失信、处处受限”。…落实安全生产“黑名单”制度 (seed 004):
    every joint punishment of a case makes an entry, and every bureau sees the list."""

    def _init_state(self) -> None:
        self.entry: EnterpriseBlacklisted | None = None
        self.removed = False

    @classmethod
    def enter(cls, event: EnterpriseBlacklisted) -> BlacklistEntry:
        entry = cls(event.entry_id)
        entry._init_state()
        entry._record(event)
        return entry

    def remove(self, reason: str, rectification: str, listed_at: datetime, case_closed: bool,
               now: datetime) -> None:
        """移出失信名单 (信用修复): once, no earlier than MINIMUM_LISTING after the entry was made, and only when the case
        that made it is closed (结案: its decisions carried out), with what the enterprise did to repair its credit."""
        if self.removed:
            raise Conflict("该企业已移出失信名单", extra={"entry_id": self.id})
        problems: list[FieldProblem] = []
        if not reason.strip():
            problems.append(FieldProblem("reason", "须写明移出理由"))
        if not rectification.strip():
            problems.append(FieldProblem("rectification", "须写明信用修复情况 (整改完成、履行处罚决定等)"))
        refuse(problems)
        if now < listed_at + MINIMUM_LISTING:
            raise Conflict(f"列入失信名单未满 {MINIMUM_LISTING.days} 天, 不能信用修复移出",
                           extra={"entry_id": self.id, "earliest": (listed_at + MINIMUM_LISTING).isoformat()})
        if not case_closed:
            raise Conflict("列入失信名单的案件尚未结案, 不能信用修复移出", extra={"entry_id": self.id})
        assert self.entry is not None
        self._record(EnterpriseRemovedFromBlacklist(self.id, self.entry.enterprise_id, self.entry.case_id, reason,
                                                    rectification))

    def apply_EnterpriseBlacklisted(self, event: EnterpriseBlacklisted) -> None:
        self.entry = event

    def apply_EnterpriseRemovedFromBlacklist(self, event: EnterpriseRemovedFromBlacklist) -> None:
        self.removed = True
