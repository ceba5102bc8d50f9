"""Responsibility lists without a database: what a record needs, what the spot-check item reads from them."""

from __future__ import annotations

import pytest

from ecosafe_kit.errors import InvalidInput
from enforcement.adapters.flat_codec import RESPONSIBILITY_CODEC
from enforcement.domain import responsibility as r


def test_the_spot_check_item_reads_the_principals_and_the_managers_lists():
    assert r.no_responsibility_list({}) is None
    assert r.no_responsibility_list({"principal_list": True}) is None
    assert r.no_responsibility_list({"principal_list": True, "manager_list": True}) is False
    assert r.no_responsibility_list({"principal_list": True, "manager_list": False}) is True
    assert r.no_responsibility_list({"principal_list": False}) is True


def test_a_list_present_needs_its_document_and_a_campaign_list_its_campaign():
    lists = r.ResponsibilityLists.of("e-1")
    with pytest.raises(InvalidInput) as refused:
        lists.record(r.Kind.campaign_work_list, True, " ", None, "")
    assert {p.field for p in refused.value.errors} == {"document_ref", "campaign_id"}
    with pytest.raises(InvalidInput):
        lists.record(r.Kind.principal_list, False, "", "c-1", "")
    lists.record(r.Kind.campaign_work_list, True, "方案", "c-1", "")
    event = lists.pending_events[0]
    assert event.lists_id == r.lists_id("e-1") and RESPONSIBILITY_CODEC.decode(*RESPONSIBILITY_CODEC.encode(event)) == event
