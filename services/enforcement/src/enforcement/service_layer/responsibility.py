"""Responsibility-list use cases: record whether a list exists (the enterprise itself or an inspector), read them
with what seed 003's spot-check item makes of them."""

from __future__ import annotations

from sqlalchemy.engine import Connection, Engine

from ecosafe_kit.auth.principal import Principal, Role
from ecosafe_kit.auth.signing import signer_of
from ecosafe_kit.errors import Forbidden, NotFound
from ecosafe_kit.eventstore import EventStore
from ecosafe_kit.repository import Repository
from ecosafe_kit.web.etag import check_if_match
from enforcement.adapters import campaign_queries, responsibility as q
from enforcement.adapters.flat_codec import RESPONSIBILITY_CODEC
from enforcement.adapters.responsibility import PROJECTIONS, RESPONSIBILITY_STREAM
from enforcement.domain import responsibility as r
from enforcement.domain.checklist import ITEMS
from enforcement.domain.problems import invalid
from enforcement.service_layer import permissions
from enforcement.service_layer.recording import record

RECORDERS = (Role.inspector, Role.county_officer, Role.city_officer)
SPOT_CHECK_ITEM = "no_responsibility_list"


def summary(conn: Connection, enterprise_id: str) -> dict:
    """The latest record of each list and the spot-check item they answer (True violated, False met, None unknown)."""
    rows = q.of_enterprise(conn, enterprise_id)
    present = {row["kind"]: row["present"] for row in rows if row["campaign_id"] is None}
    return {"lists": [{**{k: v for k, v in row.items() if k != "campaign_key"}, "label": r.LABELS[r.Kind(row["kind"])]}
                      for row in rows],
            "spot_check": {"item": SPOT_CHECK_ITEM, "label": ITEMS[SPOT_CHECK_ITEM],
                           "violated": r.no_responsibility_list(present)}}


class ResponsibilityLists:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.repository: Repository[r.ResponsibilityLists] = Repository(
            EventStore(engine), RESPONSIBILITY_CODEC, r.ResponsibilityLists, RESPONSIBILITY_STREAM,
            not_found="责任清单不存在")

    def record(self, principal: Principal, enterprise_id: str, kind: r.Kind, present: bool, document_ref: str,
               campaign_id: str | None, note: str, expected_version: int | None) -> dict:
        """责任清单登记 by the enterprise's own user, or an inspector / officer of its area."""
        with self.engine.begin() as conn:
            enterprise = permissions.visible_enterprise(conn, principal, enterprise_id)
            own = principal.has_role(Role.enterprise_user) and principal.enterprise_id == enterprise_id
            inspecting = principal.has_role(*RECORDERS) and principal.covers(enterprise["jurisdiction_code"])
            if not (principal.is_admin or own or inspecting):
                raise Forbidden("责任清单由企业本身或属地执法检查人员、县局、市局登记")
            if campaign_id is not None and campaign_queries.campaign(conn, campaign_id) is None:
                raise invalid("campaign_id", f"专项行动不存在: {campaign_id}")
            try:
                lists = self.repository.get(conn, r.lists_id(enterprise_id))
            except NotFound:
                lists = r.ResponsibilityLists.of(enterprise_id)  # the enterprise's first record
            check_if_match(expected_version, lists.version)
            lists.record(kind, present, document_ref, campaign_id, note)
            record(conn, self.repository, lists, signer_of(principal), PROJECTIONS)
            return {"enterprise_id": enterprise_id, "version": lists.version}

    def view(self, principal: Principal, enterprise_id: str) -> dict:
        with self.engine.connect() as conn:
            permissions.visible_enterprise(conn, principal, enterprise_id)
            return {"enterprise_id": enterprise_id, **summary(conn, enterprise_id)}
