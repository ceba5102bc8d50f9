"""MapToken aggregate (地图令牌): a read-only, long-lived, revocable token for desktop GIS on /ogc and /tiles."""

from __future__ import annotations

from datetime import datetime, timedelta

from ecosafe_kit.domain import Aggregate
from risk_map.domain.errors import Conflict, invalid
from risk_map.domain.events import MapTokenIssued, MapTokenRevoked

# Long enough not to paste a token every shift; short enough that a forgotten one lapses within a year.
DEFAULT_DAYS = 180
MAX_DAYS = 366
MAX_LABEL = 100


class MapToken(Aggregate):
    def _init_state(self) -> None:
        self.holder = ""
        self.expires_at: datetime | None = None
        self.revoked = False

    @classmethod
    def issue(cls, token_id: str, token_sha256: str, label: str, now: datetime, days: int, *, roles: tuple[str, ...],
              jurisdiction: str | None, park_id: str | None, enterprise_id: str | None) -> MapToken:
        if not 1 <= days <= MAX_DAYS:
            raise invalid("days", f"有效期须为 1 至 {MAX_DAYS} 天")
        if len(label) > MAX_LABEL:
            raise invalid("label", f"用途说明不能超过 {MAX_LABEL} 字")
        if not (roles or jurisdiction or park_id or enterprise_id):
            raise invalid("scope", "您的令牌没有可读取的范围, 不能签发地图令牌")
        token = cls(token_id)
        token._init_state()
        token._record(MapTokenIssued(token_id, token_sha256, label.strip(), now + timedelta(days=days), roles,
                                     jurisdiction, park_id, enterprise_id))
        return token

    def revoke(self, reason: str) -> None:
        if self.revoked:
            raise Conflict(f"地图令牌 {self.id} 已撤销")
        if not reason.strip():
            raise invalid("reason", "须写明撤销原因")
        self._record(MapTokenRevoked(self.id, reason.strip()))

    def apply_MapTokenIssued(self, event: MapTokenIssued) -> None:
        self.expires_at = event.expires_at

    def apply_MapTokenRevoked(self, event: MapTokenRevoked) -> None:
        self.revoked = True
