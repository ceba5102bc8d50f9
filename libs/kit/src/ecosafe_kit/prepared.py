"""Statements PREPAREd once per database session and then EXECUTEd by name, so hot queries skip planning.

Sent as plain text, a statement is planned again each time; for a large read statement the planning can cost more
than the execution. A `PreparedStatement` is prepared on a pooled connection the first time that connection runs
it (prepared statements survive rollbacks and live as long as the session) and executed with positional parameters
afterwards. PostgreSQL re-plans it by itself when a table it reads changes, unless the change alters the columns
it returns: then its connection is discarded. Prepared statements run on their generic plan, so a statement meant
for this module must not rely on a parameter's value to pick an index: no `col = :x OR other` where separate
index scans are wanted (write a UNION), no `LIKE :pattern` on an index.

Why SQL PREPARE / EXECUTE rather than psycopg's own prepared statements: psycopg 3 deallocates every statement it
prepared on each rollback (and SQLAlchemy rolls back every read-only use of a connection), so they would be
prepared again on nearly every checkout. EXECUTE cannot take bound parameters (PostgreSQL does not pass them into
a utility statement), so its arguments are rendered as literals by psycopg's client-side binding, and the
session's own automatic preparation is switched off, as its DEALLOCATE ALL would take these statements with it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import psycopg
from psycopg import ClientCursor, sql
from psycopg.errors import FeatureNotSupported, InvalidSqlStatementName
from sqlalchemy.engine import Connection, CursorResult
from sqlalchemy.exc import DBAPIError

# `:name` parameters, as in SQLAlchemy's text(); `::type` casts are left alone.
_PARAMETER = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")
_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
_INFO_KEY = "ecosafe_prepared"
_GENERIC_KEY = "ecosafe_generic_plans"
_RENDERER_KEY = "ecosafe_renderer"
_GENERIC_PLANS = "SET plan_cache_mode = force_generic_plan"
_IDLE = psycopg.pq.TransactionStatus.IDLE
_ROWS = psycopg.pq.ExecStatus.TUPLES_OK
# PREPARE's and EXECUTE's texts hold no placeholders for the driver (`$n` are PostgreSQL's, the rest literals): they
# must reach it as they are, with no placeholder processing.
_AS_IS = {"no_parameters": True}
# psycopg's prepare threshold for sessions where it prepares only what `binary_rows(..., prepare=True)` asks for
# (db.make_autocommit_engine): so many runs that it never prepares a statement on its own.
PREPARE_ONLY_WHEN_ASKED = 2**31 - 1


def _force_generic_plans(conn: Connection, dbapi: psycopg.Connection) -> bool:
    """Put the session's prepared statements on their generic plans; True if for the session's life, False if
    only until the transaction that is open ends (a SET made in a transaction is undone when it rolls back)."""
    # Left to itself PostgreSQL may keep re-planning a statement whose generic plan it cannot cost well, and
    # planning is what preparing is meant to save. Statements written for this module let no parameter decide an
    # index choice. Only prepared statements are affected.
    if dbapi.info.transaction_status != _IDLE:
        conn.exec_driver_sql(_GENERIC_PLANS, execution_options=_AS_IS)
        return False
    autocommit = dbapi.autocommit
    dbapi.autocommit = True  # outside a transaction: the SET is committed at once
    try:
        conn.exec_driver_sql(_GENERIC_PLANS, execution_options=_AS_IS)
    finally:
        if not dbapi.closed:  # SQLAlchemy closes a connection it found dead
            dbapi.autocommit = autocommit
    return True


class PreparedStatement:
    """One constant statement with typed `:name` parameters, prepared lazily per connection.

    The statement is text, or psycopg.sql composed from constants (identifiers and literals quoted by psycopg)."""

    def __init__(self, name: str, statement: str | sql.Composable, types: Mapping[str, str]) -> None:
        if not _NAME.fullmatch(name):
            raise ValueError(f"prepared statement name {name!r} must be a lowercase SQL identifier")
        self.name = name
        self._statement = statement
        self._types = dict(types)
        self.parameters: tuple[str, ...] = ()
        self._prepare: str | None = None
        self._execute: str | None = None
        if isinstance(statement, str):
            self._compile(statement)

    def _compile(self, statement: str) -> None:
        order: list[str] = []

        def positional(match: re.Match) -> str:
            parameter = match.group(1)
            if parameter not in self._types:
                raise ValueError(f"parameter :{parameter} of {self.name} has no declared type")
            if parameter not in order:
                order.append(parameter)
            return f"${order.index(parameter) + 1}"

        body = _PARAMETER.sub(positional, statement)
        unused = set(self._types) - set(order)
        if unused:
            raise ValueError(f"{self.name} declares types for parameters it does not use: {sorted(unused)}")
        self.parameters = tuple(order)
        # Type names are the statement's own constants (never input); the name is checked above. Both texts are
        # the same for every session: only the name, the types and placeholders, no connection-dependent quoting.
        self._prepare = sql.SQL("PREPARE {} ({}) AS {}").format(
            sql.Identifier(self.name), sql.SQL(", ").join(sql.SQL(self._types[p]) for p in order),
            sql.SQL(body)).as_string()
        self._execute = sql.SQL("EXECUTE {} ({})").format(
            sql.Identifier(self.name), sql.SQL(", ").join(sql.Placeholder() for _ in order)).as_string()

    def _rendered(self, conn: Connection, parameters: Mapping[str, object]) -> str:
        """The EXECUTE for `parameters`, the statement prepared on `conn`'s session first if it is not yet."""
        dbapi = conn.connection.dbapi_connection
        if self._prepare is None:  # composed with psycopg.sql: its literals are rendered for a connection
            self._compile(self._statement.as_string(dbapi))
        info = conn.connection.info
        prepared = info.setdefault(_INFO_KEY, set())
        if not prepared and dbapi.prepare_threshold != PREPARE_ONLY_WHEN_ASKED:
            # psycopg would otherwise prepare statements of its own after a few runs, and deallocate all of the
            # session's statements, these too, on the next rollback. (make_engine's sessions start so. Those of
            # db.make_autocommit_engine, which never roll back from inside a transaction, keep psycopg preparing
            # what they ask it to; a session merely in autocommit for a while may go back to transactions.)
            dbapi.prepare_threshold = None
        if not info.get(_GENERIC_KEY) and (not prepared or dbapi.info.transaction_status == _IDLE):
            info[_GENERIC_KEY] = _force_generic_plans(conn, dbapi)
        if self.name not in prepared:
            # Through SQLAlchemy, like the EXECUTE below: its error wrapping and dead-connection handling apply.
            conn.exec_driver_sql(self._prepare, execution_options=_AS_IS)
            prepared.add(self.name)
        missing = [p for p in self.parameters if p not in parameters]
        if missing:
            raise KeyError(f"{self.name} needs parameters {missing}")
        values = tuple(parameters[p] for p in self.parameters)
        renderer = info.get(_RENDERER_KEY)
        if renderer is None:  # one per session: making a cursor cost a tenth of a single-event append's client CPU
            renderer = info[_RENDERER_KEY] = ClientCursor(dbapi)
        try:
            return renderer.mogrify(self._execute, values)
        except psycopg.Error as error:  # a value psycopg cannot adapt: wrapped as SQLAlchemy wraps driver errors
            raise DBAPIError.instance(self._execute, values, error, psycopg.Error) from error

    def execute(self, conn: Connection, parameters: Mapping[str, object]) -> CursorResult:
        """Run the statement on `conn`'s session (preparing it there first if needed); rows as from text()."""
        statement = self._rendered(conn, parameters)
        try:
            return conn.exec_driver_sql(statement, execution_options=_AS_IS)
        except DBAPIError as error:
            if _stale(error.orig):
                conn.invalidate()
            raise

    def driver_statement(self) -> str:
        """The statement with psycopg's placeholders, each cast to its declared type: for sessions where psycopg
        prepares it itself (binary_rows with `prepare`)."""
        if not isinstance(self._statement, str):
            raise TypeError(f"{self.name} is composed; only a text statement has a driver form")
        return _PARAMETER.sub(lambda match: f"%({match.group(1)})s::{self._types[match.group(1)]}",
                              self._statement.replace("%", "%%"))

    def rows(self, conn: Connection, parameters: Mapping[str, object]) -> list[tuple]:
        """Run the statement like `execute`, its rows as plain tuples in psycopg's binary result format (bytes for
        bytea, UUID, datetime, no text to parse): for readers of many rows, such as the event store's."""
        return binary_rows(conn, self._rendered(conn, parameters))


def _stale(error: BaseException | None) -> bool:
    # A migration changed the columns a prepared statement returns, which PostgreSQL will not re-plan; or the
    # session lost its statements (a DEALLOCATE ALL). Either way the session's statements are stale: the connection
    # is dropped so the pool opens a fresh one.
    return isinstance(error, (FeatureNotSupported, InvalidSqlStatementName))


def binary_rows(conn: Connection, statement: str, parameters: Mapping[str, object] | None = None, *,
                prepare: bool = False) -> list[tuple]:
    """Run `statement` (psycopg placeholders, bound by the server) on `conn`'s session with binary parameters where
    psycopg has them and binary results; its rows as plain tuples. Not prepared unless `prepare` and the session
    lets psycopg prepare (only those of db.make_autocommit_engine do).

    SQLAlchemy's cursor results offer no binary format, so this runs on the psycopg connection beneath; errors come
    out as SQLAlchemy's (DBAPIError subclasses) and a dead connection is invalidated, as for a statement SQLAlchemy
    runs. Like one, it begins the SQLAlchemy transaction when none is begun."""
    if not conn.in_transaction():
        conn.begin()
    dbapi = conn.connection.dbapi_connection
    try:
        with dbapi.cursor(binary=True) as cursor:
            cursor.execute(statement, parameters, prepare=prepare)
            # The result's status, not `description`, which would build a column object per column on every call.
            return cursor.fetchall() if cursor.pgresult.status == _ROWS else []
    except psycopg.Error as error:
        dead = conn.dialect.is_disconnect(error, dbapi, None)
        if dead or _stale(error):
            conn.invalidate()
        raise DBAPIError.instance(statement, parameters, error, psycopg.Error, connection_invalidated=dead,
                                  dialect=conn.dialect) from error
