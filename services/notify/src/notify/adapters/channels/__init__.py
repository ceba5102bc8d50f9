"""Outbound channel adapters: each sends one notification to one target, or raises SendFailed with the reason."""

from __future__ import annotations

from typing import Protocol

from notify.domain.channels import OutgoingMessage


class SendFailed(Exception):
    """An attempt that did not reach the channel (or was refused by it); the reason is in Chinese."""


class Sender(Protocol):
    def send(self, target: str, secret: str | None, message: OutgoingMessage) -> str:
        """Send; returns a short description of the channel's answer (e.g. "HTTP 200")."""
        ...


def markdown(message: OutgoingMessage) -> str:
    """The markdown the group robots show: title, one paragraph per line of the body, the link."""
    lines = [line for line in message.body.splitlines() if not line.startswith("详情: ")]
    flag = "【可能重复】" if message.possible_duplicate else ""
    urgent = "【紧急, 请确认】" if message.urgent else ""
    return f"### {flag}{urgent}{message.title}\n\n" + "\n\n".join(lines) + f"\n\n[查看详情]({message.link})"
