"""What is open beyond a case's area: the credit blacklist (every bureau) and the public record of penalties and
typical cases (双随机、一公开), without personal phone numbers."""

from __future__ import annotations

from sqlalchemy.engine import Engine

from ecosafe_kit.auth.principal import GOVERNMENT_ROLES, Principal
from ecosafe_kit.errors import Forbidden
from enforcement.adapters import case_queries as q
from enforcement.service_layer.cases import present_penalty


class Disclosure:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def blacklist(self, principal: Principal, enterprise_id: str | None, status: str, offset: int,
                  limit: int) -> tuple[list[dict], int]:
        """失信名单: "一处失信、处处受限" (seed 004), so every government user sees every entry, whatever the area."""
        if not principal.is_admin and not principal.has_role(*GOVERNMENT_ROLES):
            raise Forbidden("失信名单供各级政府部门查询")
        with self.engine.connect() as conn:
            return q.blacklist_entries(conn, enterprise_id, status, offset, limit)

    def penalties(self, offset: int, limit: int) -> tuple[list[dict], int]:
        with self.engine.connect() as conn:
            rows, total = q.public_penalties(conn, offset, limit)
        return [present_penalty(r) for r in rows], total

    def typical_cases(self, offset: int, limit: int) -> tuple[list[dict], int]:
        with self.engine.connect() as conn:
            rows, total = q.typical_cases(conn, offset, limit)
        return [{"case_id": r["case_id"], "enterprise_name": r["enterprise_name"],
                 "jurisdiction_code": r["jurisdiction_code"], "legal_basis": r["legal_basis"],
                 "published_at": r["taken_at"], **r["details"]} for r in rows], total
