"""Statements PREPAREd once per database session and then EXECUTEd by name, so hot queries skip planning.

psycopg2 sends every statement as text, and PostgreSQL plans it again each time; for a large read statement the
planning can cost more than the execution. A `PreparedStatement` is prepared on a pooled connection the first time
that connection runs it (prepared statements survive rollbacks and live as long as the session) and executed
with positional parameters afterwards. PostgreSQL re-plans it by itself when a table it reads changes, unless
the change alters the columns it returns: then its connection is discarded. Prepared statements run on their
generic plan, so a statement meant for this module must not rely on a parameter's value to pick an index: no
`col = :x OR other` where separate index scans are wanted (write a UNION), no `LIKE :pattern` on an index.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from psycopg2 import sql
from psycopg2.errors import FeatureNotSupported
from sqlalchemy.engine import Connection, CursorResult
from sqlalchemy.exc import DBAPIError

# `:name` parameters, as in SQLAlchemy's text(); `::type` casts are left alone.
_PARAMETER = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")
_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
_INFO_KEY = "ecosafe_prepared"


class PreparedStatement:
    """One constant statement with typed `:name` parameters, prepared lazily per connection.

    The statement is text, or psycopg2.sql composed from constants (identifiers and literals quoted by psycopg2)."""

    def __init__(self, name: str, statement: str | sql.Composable, types: Mapping[str, str]) -> None:
        if not _NAME.fullmatch(name):
            raise ValueError(f"prepared statement name {name!r} must be a lowercase SQL identifier")
        self.name = name
        self._statement = statement
        self._types = dict(types)
        self.parameters: tuple[str, ...] = ()
        self._prepare: sql.Composable | None = None
        self._execute_text: str | None = None
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
        # Type names are the statement's own constants (never input); the name is checked above.
        self._prepare = sql.SQL("PREPARE {} ({}) AS {}").format(
            sql.Identifier(self.name), sql.SQL(", ").join(sql.SQL(self._types[p]) for p in order), sql.SQL(body))
        self._execute = sql.SQL("EXECUTE {} ({})").format(
            sql.Identifier(self.name), sql.SQL(", ").join(sql.Placeholder() for _ in order))

    def execute(self, conn: Connection, parameters: Mapping[str, object]) -> CursorResult:
        """Run the statement on `conn`'s session (preparing it there first if needed); rows as from text()."""
        dbapi = conn.connection.dbapi_connection
        if self._prepare is None:  # composed with psycopg2.sql: its literals are rendered for a connection
            self._compile(self._statement.as_string(dbapi))
        prepared = conn.connection.info.setdefault(_INFO_KEY, set())
        if self.name not in prepared:
            with dbapi.cursor() as cursor:
                if not prepared:
                    # Left to itself PostgreSQL may keep re-planning a statement whose generic plan it cannot
                    # cost well, and planning is what preparing is meant to save. Statements written for this
                    # module let no parameter decide an index choice. Only prepared statements are affected.
                    cursor.execute("SET plan_cache_mode = force_generic_plan")
                cursor.execute(self._prepare.as_string(dbapi))
            prepared.add(self.name)
        missing = [p for p in self.parameters if p not in parameters]
        if missing:
            raise KeyError(f"{self.name} needs parameters {missing}")
        if self._execute_text is None:  # rendered once: only the name and placeholders, the same for any session
            self._execute_text = self._execute.as_string(dbapi)
        try:
            return conn.exec_driver_sql(self._execute_text, tuple(parameters[p] for p in self.parameters))
        except DBAPIError as error:
            if isinstance(error.orig, FeatureNotSupported):
                # A migration changed the columns this statement returns; PostgreSQL will not re-plan that. The
                # session's statements are stale: drop the connection so the pool opens a fresh one.
                conn.invalidate()
            raise
