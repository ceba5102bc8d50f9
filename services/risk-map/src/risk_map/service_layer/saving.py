"""Save an aggregate's new events, signed by the caller, and apply them to the own read model in the same transaction."""

from __future__ import annotations

import re
import uuid

from sqlalchemy.engine import Connection

from ecosafe_kit.eventstore import Signer
from ecosafe_kit.messaging.envelope import source_for
from ecosafe_kit.projections import apply_stored
from ecosafe_kit.repository import Repository
from risk_map.adapters.projections import PROJECTIONS
from risk_map.domain.errors import invalid

SOURCE = source_for("risk-map")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$")


def save(conn: Connection, repository: Repository, aggregate, signer: Signer) -> None:
    stored = repository.save(conn, aggregate, signer)
    apply_stored(conn, PROJECTIONS, stored, SOURCE)


def new_id(given: object, field: str = "id") -> str:
    """The caller's stable id if well-formed (letters, digits, . _ : -), else a fresh UUID."""
    if given is None or given == "":
        return str(uuid.uuid4())
    if not isinstance(given, str) or not _ID.match(given):
        raise invalid(field, "标识须为 1-100 个字母、数字或 . _ : - 字符")
    return given
