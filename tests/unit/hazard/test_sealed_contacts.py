"""The contact seal: AES-256-GCM bound to the hazard id; the key comes from the settings, base64 of 32 bytes."""

from __future__ import annotations

import base64
import os

import pytest
from cryptography.exceptions import InvalidTag

from ecosafe_kit.errors import InvalidInput
from hazard.adapters.sealed_contacts import ContactSeal
from hazard.service_layer.public_reports import PublicReports


def _key() -> str:
    return base64.urlsafe_b64encode(os.urandom(32)).decode()


def test_a_sealed_contact_opens_for_its_own_hazard_only():
    seal = ContactSeal.from_setting(_key())
    sealed = seal.seal("h-1", "王女士 13912345678")
    assert "13912345678".encode() not in sealed
    assert seal.open("h-1", sealed) == "王女士 13912345678"
    with pytest.raises(InvalidTag):
        seal.open("h-2", sealed)  # copied onto another hazard's row, it does not open
    with pytest.raises(InvalidTag):
        ContactSeal.from_setting(_key()).open("h-1", sealed)
    assert seal.seal("h-1", "x") != seal.seal("h-1", "x")  # a fresh nonce each time


def test_the_key_setting_is_32_bytes_of_base64_or_unset():
    assert ContactSeal.from_setting(None) is None and ContactSeal.from_setting("") is None
    with pytest.raises(ValueError):
        ContactSeal.from_setting(base64.b64encode(b"too short").decode())
    standard = base64.b64encode(os.urandom(32)).decode()
    assert ContactSeal.from_setting(standard).key_id == ContactSeal.from_setting(standard).key_id


def test_without_a_key_a_contact_is_refused_naming_the_field_and_nothing_is_written():
    class NoDatabase:
        engine = None

    reports = PublicReports(NoDatabase(), limit=5, window_seconds=3600, seal=None)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput) as error:
        reports.submit(enterprise_id="e", domain="other", description="d", site="", attachments=(), contact="电话")
    assert [p.field for p in error.value.errors] == ["contact"]
