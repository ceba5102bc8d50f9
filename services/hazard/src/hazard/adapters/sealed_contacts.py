"""举报人联系方式, sealed: AES-GCM (cryptography) under a key from the settings, bound to its hazard id.

The contact never enters an event (topics are kept for ever); it lives here, encrypted, and only the service layer
decides who may open it."""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from datetime import datetime

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from hazard.adapters.tables import reporter_contacts

_NONCE_BYTES = 12


class ContactSeal:
    """Seals and opens contacts with one AES-256-GCM key; the hazard id is the associated data, so a sealed value
    copied onto another hazard's row does not open."""

    def __init__(self, key: bytes) -> None:
        if len(key) != 32:
            raise ValueError("the reporter contact key must be 32 bytes (AES-256), base64-encoded")
        self._aead = AESGCM(key)
        # Which key sealed a row, without revealing it: rows sealed under a retired key are found, not garbled.
        self.key_id = hashlib.sha256(b"ecosafe-reporter-contact" + key).hexdigest()[:16]

    @classmethod
    def from_setting(cls, value: str | None) -> ContactSeal | None:
        """The seal for ECOSAFE_REPORTER_CONTACT_KEY (URL-safe or standard base64 of 32 bytes); None when unset."""
        if not value:
            return None
        try:
            key = base64.urlsafe_b64decode(value.strip().replace("+", "-").replace("/", "_"))
        except (binascii.Error, ValueError) as error:
            raise ValueError("ECOSAFE_REPORTER_CONTACT_KEY is not base64") from error
        return cls(key)

    def seal(self, hazard_id: str, contact: str) -> bytes:
        nonce = os.urandom(_NONCE_BYTES)
        return nonce + self._aead.encrypt(nonce, contact.encode(), hazard_id.encode())

    def open(self, hazard_id: str, sealed: bytes) -> str:
        return self._aead.decrypt(sealed[:_NONCE_BYTES], sealed[_NONCE_BYTES:], hazard_id.encode()).decode()


def store(conn: Connection, seal: ContactSeal, hazard_id: str, contact: str, now: datetime) -> None:
    conn.execute(insert(reporter_contacts).values(hazard_id=hazard_id, key_id=seal.key_id,
                                                  sealed=seal.seal(hazard_id, contact), created_at=now))


def load(conn: Connection, seal: ContactSeal, hazard_id: str) -> str | None:
    """The contact in clear, None if none was left; LookupError if it was sealed under another key."""
    row = conn.execute(select(reporter_contacts.c.key_id, reporter_contacts.c.sealed)
                       .where(reporter_contacts.c.hazard_id == hazard_id)).first()
    if row is None:
        return None
    if row.key_id != seal.key_id:
        raise LookupError(f"reporter contact of {hazard_id} was sealed under key {row.key_id}, not {seal.key_id}")
    return seal.open(hazard_id, bytes(row.sealed))
