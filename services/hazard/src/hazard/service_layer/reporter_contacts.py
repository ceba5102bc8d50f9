"""举报人联系方式: read only by the officers whose two requests unsealed it; sealed at intake by the public reports."""

from __future__ import annotations

import logging

from ecosafe_kit.auth.principal import Principal
from ecosafe_kit.errors import Forbidden
from hazard.adapters import enterprises, sealed_contacts
from hazard.adapters.sealed_contacts import ContactSeal
from hazard.service_layer import permissions
from hazard.service_layer.hazards import UNSEAL_REQUESTED, HazardService

log = logging.getLogger(__name__)


class ReporterContacts:
    def __init__(self, hazards: HazardService, seal: ContactSeal | None) -> None:
        self.hazards = hazards
        self.seal = seal

    def read(self, principal: Principal, hazard_id: str) -> dict:
        """The contact, to an officer who asked for it once two different officers have; 403 otherwise."""
        with self.hazards.engine.connect() as conn:
            hazard = self.hazards.repository.get(conn, hazard_id)
            enterprise = enterprises.find(conn, hazard.enterprise_id)
            permissions.authorize_read(principal, hazard_id, jurisdiction_code=hazard.jurisdiction_code,
                                       enterprise_id=hazard.enterprise_id,
                                       park_id=enterprise.park_id if enterprise else None,
                                       parent_enterprise_id=enterprise.parent_enterprise_id if enterprise else None)
            permissions.authorize(principal, "read_contact", jurisdiction_code=hazard.jurisdiction_code,
                                  enterprise_id=hazard.enterprise_id)
            requesters = [s.subject for s in self.hazards.signers_of(conn, hazard_id, UNSEAL_REQUESTED)]
            if not hazard.contact_sealed:
                raise Forbidden("该举报没有留下联系方式", extra={"reporter_contact": "none"})
            if not hazard.contact_unsealed:
                raise Forbidden("举报人联系方式仍密封: 须由本辖区两名不同的工作人员分别申请启封 (写明理由)",
                                extra={"reporter_contact": "sealed", "requests": len(requesters)})
            if principal.subject not in requesters:
                raise Forbidden("只有申请启封的工作人员可以查看举报人联系方式", extra={"reporter_contact": "unsealed"})
            if self.seal is None:
                raise Forbidden("本服务未配置举报人联系方式密钥, 无法启封", extra={"reporter_contact": "unsealed"})
            contact = sealed_contacts.load(conn, self.seal, hazard_id)
        # Who read a whistleblower's contact is kept in the log as well as implied by the signed requests.
        log.info("reporter contact of hazard %s read by %s", hazard_id, principal.subject)
        return {"hazard_id": hazard_id, "contact": contact, "requested_by": requesters}
