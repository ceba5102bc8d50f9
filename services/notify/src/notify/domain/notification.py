"""The notification aggregate after routing: acknowledgements and the escalation of urgent ones."""

from __future__ import annotations

from ecosafe_kit.domain import Aggregate
from notify.domain import events as ev
from notify.domain.values import Recipient

# Escalation ladder of an unacknowledged urgent notification: 副班 first, then 带班领导.
ESCALATION_STEPS = ("deputy", "leader")


class Notification(Aggregate):
    def _init_state(self) -> None:
        self.urgent = False
        self.drill = False
        self.jurisdiction_code = ""
        self.acknowledged_by: set[str] = set()
        self.escalation_level = 0

    def acknowledge(self, user_id: str, note: str, on_behalf_of: str = "") -> bool:
        """Record the user's acknowledgement; False (nothing recorded) if they already acknowledged."""
        if user_id in self.acknowledged_by:
            return False
        self._record(ev.NotificationAcknowledged(self.id, user_id, note, on_behalf_of))
        return True

    def next_escalation(self) -> str | None:
        """The duty position the next escalation goes to, or None when it must not escalate (any more)."""
        if not self.urgent or self.acknowledged_by or self.escalation_level >= len(ESCALATION_STEPS):
            return None
        return ESCALATION_STEPS[self.escalation_level]

    def escalate(self, recipients: list[Recipient], reason: str) -> None:
        position = self.next_escalation()
        if position is None:
            raise ValueError("notification does not escalate")
        self._record(ev.NotificationEscalated(self.id, self.escalation_level + 1, position, tuple(recipients), reason))

    def apply_NotificationRouted(self, event: ev.NotificationRouted) -> None:
        self.urgent = event.urgent
        self.drill = event.drill
        self.jurisdiction_code = event.jurisdiction_code

    def apply_NotificationAcknowledged(self, event: ev.NotificationAcknowledged) -> None:
        self.acknowledged_by.add(event.user_id)

    def apply_NotificationEscalated(self, event: ev.NotificationEscalated) -> None:
        self.escalation_level = event.level
