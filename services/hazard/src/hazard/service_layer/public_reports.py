"""群众举报 (public report, as through 12369): rate-limited intake and a follow-up code to see progress."""

from __future__ import annotations

import base64
import hashlib
import math
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import insert, select
from sqlalchemy.engine import Engine

from ecosafe_kit.errors import FieldProblem, InvalidInput, NotFound, TooManyRequests
from ecosafe_kit.eventstore import Signer
from hazard.adapters import sealed_contacts, throttle
from hazard.adapters.tables import ledger, public_reports
from hazard.domain.values import Grade, Source
from hazard.service_layer import commands as c
from hazard.service_layer.hazards import HazardService

# The public signs nothing personal: an anonymous reporter stays anonymous in the events.
PUBLIC_SIGNER = Signer(subject="public:12369", name="群众举报", roles=(), jurisdiction="")
UNGRADED_BASIS = "群众举报, 隐患等级待监管部门核定"


def _hash(code: str) -> str:
    return hashlib.sha256(code.replace("-", "").upper().encode()).hexdigest()


def new_follow_up_code() -> str:
    """16 base32 characters in groups of four (80 random bits), easy to read out on the phone."""
    raw = base64.b32encode(secrets.token_bytes(10)).decode()
    return "-".join(raw[i:i + 4] for i in range(0, 16, 4))


@dataclass(frozen=True)
class PublicReceipt:
    ledger_no: str
    follow_up_code: str


class PublicReports:
    def __init__(self, hazards: HazardService, limit: int, window_seconds: int,
                 seal: sealed_contacts.ContactSeal | None = None) -> None:
        self.hazards = hazards
        self.seal = seal
        self.engine: Engine = hazards.engine
        self.limit = limit
        self.window_seconds = window_seconds

    def throttle(self, client: str) -> None:
        """Count the attempt in its own transaction (a refused flood still counts), 429 above the limit."""
        key = hashlib.sha256(client.encode()).hexdigest()  # the client's address is not kept in clear
        now = self.hazards.clock.now()
        with self.engine.begin() as conn:
            attempts = throttle.hit(conn, key, now, self.window_seconds)
        if attempts > self.limit:
            # The count starts again with the next window: that is when the reporter may try again.
            ends = throttle.window_start(now, self.window_seconds) + timedelta(seconds=self.window_seconds)
            retry_after = max(1, math.ceil((ends - now).total_seconds()))
            raise TooManyRequests(
                f"举报过于频繁: 每 {self.window_seconds // 60} 分钟最多 {self.limit} 次, 请 {math.ceil(retry_after / 60)} "
                f"分钟后再试或拨打 12369",
                extra={"limit": self.limit, "window_seconds": self.window_seconds, "retry_after_seconds": retry_after},
                retry_after=retry_after)

    def submit(self, *, enterprise_id: str, domain: str, description: str, site: str,
               attachments: tuple, contact: str = "") -> PublicReceipt:
        """Register the report; a contact the reporter left is sealed apart (the event only says there is one)."""
        contact = contact.strip()
        if contact and self.seal is None:
            raise InvalidInput("本服务尚未配置举报人联系方式加密密钥, 暂不能留下联系方式; 可不留联系方式匿名举报",
                               [FieldProblem("contact", "暂不能接收联系方式, 请删去后匿名举报")])
        code = new_follow_up_code()
        with self.engine.begin() as conn:
            enterprise = self.hazards.enterprise_or_422(conn, enterprise_id)
            result = self.hazards.report_in(conn, PUBLIC_SIGNER, c.ReportHazard(
                enterprise_id=enterprise_id, source=Source.public_report, domain=domain, grade=Grade.general,
                grade_basis=UNGRADED_BASIS, description=description, site=site, attachments=attachments,
                reporter_contact_sealed=bool(contact)), enterprise)
            if contact:
                assert self.seal is not None
                sealed_contacts.store(conn, self.seal, result.hazard_id, contact, self.hazards.clock.now())
            conn.execute(insert(public_reports).values(code_hash=_hash(code), hazard_id=result.hazard_id,
                                                       created_at=self.hazards.clock.now()))
        return PublicReceipt(result.ledger_no, code)

    def progress(self, code: str) -> dict:
        """What the reporter may see: the ledger number, the grade the bureau gave it, the state, the dates and the
        reward decided on the report; nothing personal."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(ledger.c.ledger_no, ledger.c.grade, ledger.c.state, ledger.c.deadline, ledger.c.reported_at,
                       ledger.c.closed_at, ledger.c.updated_at, ledger.c.progress_percent, ledger.c.reward,
                       ledger.c.reward_amount)
                .join(public_reports, public_reports.c.hazard_id == ledger.c.hazard_id)
                .where(public_reports.c.code_hash == _hash(code))).first()
        if row is None:
            raise NotFound("查询码无效或举报不存在", extra={"field": "code"})
        return dict(row._mapping)
