"""The event store's signer for an authenticated user: every event records who signed it (谁签名、谁负责)."""

from ecosafe_kit.auth.principal import Principal
from ecosafe_kit.eventstore.records import Signer


def signer_of(principal: Principal) -> Signer:
    return Signer(
        subject=principal.subject,
        name=principal.name,
        roles=tuple(sorted(r.value for r in principal.roles)),
        jurisdiction=principal.jurisdiction or "",
    )
