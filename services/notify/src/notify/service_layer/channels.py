"""Channel use cases: register (the signing secret kept apart from the event), retire, read, the delivery log."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import Connection, Engine

from ecosafe_kit.auth.principal import Principal
from ecosafe_kit.errors import FieldProblem
from ecosafe_kit.eventstore import EventStore
from ecosafe_kit.repository import Repository
from ecosafe_kit.web.etag import check_if_match
from notify.adapters import delivery_queries
from notify.adapters.codec import CODEC
from notify.adapters.projections import CHANNEL_STREAM
from notify.adapters.tables import channel_secrets, channels
from notify.domain.channels import Channel, ChannelSpec, problems_of
from notify.service_layer import permissions
from notify.service_layer.inbox import Inbox
from notify.service_layer.recording import Result, record, refuse

WHAT = "外发通道"


class Channels:
    def __init__(self, engine: Engine, inbox: Inbox) -> None:
        self.engine = engine
        self.inbox = inbox
        self.repository: Repository[Channel] = Repository(EventStore(engine), CODEC, Channel, CHANNEL_STREAM,
                                                          not_found="通道不存在")

    def register(self, principal: Principal, name: str, code: str, kind: str, target: str,
                 secret: str | None) -> Result:
        spec = ChannelSpec(name, code, kind, target, signed=bool(secret))
        problems = problems_of(spec)
        if secret is not None and len(secret) < 16:
            problems.append(FieldProblem("secret", "签名密钥至少 16 个字符"))
        refuse(problems)
        permissions.ensure_may_manage(principal, code, WHAT)
        channel = Channel.register(str(uuid.uuid4()), spec)
        with self.engine.begin() as conn:
            record(conn, self.repository, channel, principal)
            if secret:
                conn.execute(insert(channel_secrets).values(channel_id=channel.id, secret=secret))
        return Result(channel.id, channel.version)

    def retire(self, principal: Principal, channel_id: str, reason: str, expected_version: int | None) -> Result:
        with self.engine.begin() as conn:
            row = self._visible(conn, principal, channel_id)
            permissions.ensure_may_manage(principal, row["jurisdiction_code"], WHAT)
            channel = self.repository.get(conn, channel_id)
            check_if_match(expected_version, channel.version)
            channel.retire(reason)
            record(conn, self.repository, channel, principal)
        return Result(channel.id, channel.version)

    def get(self, principal: Principal, channel_id: str) -> dict:
        with self.engine.connect() as conn:
            return self._visible(conn, principal, channel_id)

    def list(self, principal: Principal) -> list[dict]:
        permissions.ensure_rule_role(principal, WHAT)
        with self.engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(
                select(channels).order_by(channels.c.jurisdiction_code, channels.c.name))]
        return [r for r in rows if permissions.may_see(principal, r["jurisdiction_code"])]

    def unusable(self, principal: Principal, channel_ids: tuple[str, ...]) -> list[str]:
        """The ids among `channel_ids` the caller cannot attach to a rule (unknown, retired, or not visible)."""
        with self.engine.connect() as conn:
            rows = {r.channel_id: r for r in conn.execute(select(channels.c.channel_id, channels.c.active,
                                                                 channels.c.jurisdiction_code)
                                                          .where(channels.c.channel_id.in_(channel_ids)))}
        return [c for c in channel_ids if c not in rows or not rows[c].active
                or not permissions.may_see(principal, rows[c].jurisdiction_code)]

    def deliveries(self, principal: Principal, notification_id: str) -> list[dict]:
        """The delivery log of a notification the caller may see."""
        self.inbox.get(principal, notification_id)
        with self.engine.connect() as conn:
            return delivery_queries.of_notification(conn, notification_id)

    def _visible(self, conn: Connection, principal: Principal, channel_id: str) -> dict:
        row = conn.execute(select(channels).where(channels.c.channel_id == channel_id)).first()
        return permissions.visible(principal, dict(row._mapping) if row else None, "通道", channel_id)
