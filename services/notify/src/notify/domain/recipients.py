"""Whom a matched rule addresses for one event, each address with its reason, deduplicated across rules."""

from __future__ import annotations

from collections.abc import Callable

from ecosafe_kit.auth.principal import Role
from notify.domain.values import DUTY_POSITIONS, PARTIES, EventFacts, Recipient, RuleSpec

# (jurisdiction, position) → the users holding it when the event happened, each with a label for the explanation.
DutyLookup = Callable[[str, str], list[Recipient]]


def addressed(spec: RuleSpec, facts: EventFacts, on_duty: DutyLookup) -> tuple[list[Recipient], list[str]]:
    """The recipients `spec` names for `facts`, and a line for every address that reached nobody."""
    found: list[Recipient] = []
    unreached: list[str] = []
    for role in spec.recipient_roles:
        found.append(Recipient("role", role, facts.jurisdiction_code,
                               f"角色 {Role(role).label}, 辖区覆盖 {facts.jurisdiction_code}"))
    for user in spec.recipient_users:
        found.append(Recipient("user", user, "", f"规则指定的用户 {user}"))
    for position in spec.recipient_duty_positions:
        holders = on_duty(facts.jurisdiction_code, position)
        if holders:
            found.extend(holders)
        else:
            unreached.append(f"{DUTY_POSITIONS[position]}: 辖区 {facts.jurisdiction_code} 此刻无人值班")
    for party in spec.recipient_parties:
        recipient = _party(party, facts)
        if recipient is None:
            unreached.append(f"{PARTIES[party]}: 该事件没有")
        else:
            found.append(recipient)
    return found, unreached


def _party(party: str, facts: EventFacts) -> Recipient | None:
    if party == "enterprise":
        return Recipient("enterprise", facts.enterprise_id, "", "涉事企业的用户") if facts.enterprise_id else None
    if party == "park":
        return Recipient("park", facts.park_id, "", "企业所在园区的管理用户") if facts.park_id else None
    user = facts.party_users.get(party)
    return Recipient("user", user, "", f"{PARTIES[party]} {user}") if user else None
