"""Saving an aggregate's new events, signed by the caller, and projecting them in the same transaction."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Connection

from ecosafe_kit.auth.principal import Principal
from ecosafe_kit.auth.signing import signer_of
from ecosafe_kit.domain import Aggregate
from ecosafe_kit.errors import FieldProblem, InvalidInput
from ecosafe_kit.messaging.envelope import source_for
from ecosafe_kit.projections import apply_stored
from ecosafe_kit.repository import Repository
from notify.adapters.projections import PROJECTIONS

SOURCE = source_for("notify")


@dataclass(frozen=True)
class Result:
    """What a command answers: the aggregate's id and its version (the new ETag)."""

    id: str
    version: int


def refuse(problems: list[FieldProblem]) -> None:
    """One 422 naming every field at fault, if there is any."""
    if problems:
        raise InvalidInput("；".join(f"{p.field}: {p.message}" for p in problems), problems)


def record(conn: Connection, repository: Repository, aggregate: Aggregate, principal: Principal) -> None:
    apply_stored(conn, PROJECTIONS, repository.save(conn, aggregate, signer_of(principal)), SOURCE)
