"""The credit blacklist entry (失信名单): made by a case's joint punishment, seen by every bureau."""

from __future__ import annotations

from dataclasses import dataclass

from ecosafe_kit.domain import Aggregate


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


ALL_EVENTS = (EnterpriseBlacklisted,)


class BlacklistEntry(Aggregate):
    """列入失信名单: one entry per joint punishment.

    推进企业安全生产诚信体系建设，健全联合惩戒和激励机制，做到“一处失信、处处受限”。…落实安全生产“黑名单”制度 (seed 004):
    every joint punishment of a case makes an entry, and every bureau sees the list."""

    def _init_state(self) -> None:
        self.entry: EnterpriseBlacklisted | None = None

    @classmethod
    def enter(cls, event: EnterpriseBlacklisted) -> BlacklistEntry:
        entry = cls(event.entry_id)
        entry._init_state()
        entry._record(event)
        return entry

    def apply_EnterpriseBlacklisted(self, event: EnterpriseBlacklisted) -> None:
        self.entry = event
