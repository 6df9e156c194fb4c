"""One column of many rows, fast: for the lists that read every id of 100k records.

SQLAlchemy builds a Row object per result row; for "every id in display order" that Python work
cost ~190 ms at 100k rows, and it held the GIL while the GUI thread was painting. On SQLite the
same compiled statement, with the same bound parameters, runs on the DB-API cursor (~25 ms).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session


def first_column(session: Session, stmt: Select) -> list[Any]:
    bind = session.get_bind()
    if bind.dialect.name != "sqlite":
        return list(session.scalars(stmt))
    compiled = stmt.compile(dialect=bind.dialect)
    params = compiled.construct_params()
    names = compiled.positiontup or []
    raw = session.connection().connection.driver_connection
    cursor = raw.execute(str(compiled), tuple(params[name] for name in names))
    try:
        return [row[0] for row in cursor]
    finally:
        cursor.close()


# -- plain rows and packed columns (the activities list) ------------------------------------------
# The same idea for a few list reads that run on every scroll landing: Row objects and the
# per-column type processors cost more than the query itself. These return what the DB-API gives
# (on SQLite: dates as ISO text); callers that need typed values convert the few they use.

# Compiled SQL of a statement whose only parameters are one expanding IN list, per length.
_IN_LIST_SQL: dict[tuple[str, int, str], str] = {}


def _raw_execute(session: Session, sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    raw = session.connection().connection.driver_connection
    cursor = raw.execute(sql, params)
    try:
        return cursor.fetchall()
    finally:
        cursor.close()


def plain_rows(session: Session, stmt: Select) -> list[tuple[Any, ...]]:
    """Every row of `stmt` as a plain tuple of DB-API values, with its bound parameters."""
    bind = session.get_bind()
    if bind.dialect.name != "sqlite":
        return [tuple(row) for row in session.execute(stmt)]
    compiled = stmt.compile(dialect=bind.dialect, compile_kwargs={"render_postcompile": True})
    params = compiled.construct_params()
    names = compiled.positiontup or []
    return _raw_execute(session, str(compiled), tuple(params[name] for name in names))


def padded_in_list(values: Sequence[Any]) -> list[Any]:
    """`values` lengthened to a power of two by repeating the last one (same IN, fewer SQLs)."""
    size = 8
    while size < len(values):
        size *= 2
    return [*values, *[values[-1]] * (size - len(values))] if values else []


def plain_rows_in(session: Session, key: str, build: Callable[[list[Any]], Select],
                  values: Sequence[Any]) -> list[tuple[Any, ...]]:
    """Like plain_rows for `build(values)`, a statement whose only bound values are one IN list.

    Compiling a 200-value IN list costs milliseconds on every scroll landing; the SQL depends
    only on the list's length, so the list is padded (`padded_in_list`), the SQL is compiled once
    per (key, length) and the values are bound as parameters.
    """
    bind = session.get_bind()
    values = padded_in_list(values)
    if bind.dialect.name != "sqlite":
        return [tuple(row) for row in session.execute(build(values))]
    cache_key = (key, len(values), bind.dialect.name)
    sql = _IN_LIST_SQL.get(cache_key)
    if sql is None:
        compiled = build(values).compile(dialect=bind.dialect,
                                         compile_kwargs={"render_postcompile": True})
        params = compiled.construct_params()
        bound = [params[name] for name in compiled.positiontup or []]
        if bound != list(values):  # other parameters in the statement: no caching possible
            return _raw_execute(session, str(compiled), tuple(bound))
        sql = _IN_LIST_SQL[cache_key] = str(compiled)
    return _raw_execute(session, sql, tuple(values))


def packed_first_column(session: Session, stmt: Select) -> list[str]:
    """The first column of `stmt` (text values without U+001F), in order, read in one step.

    `first_column` still builds a Python object per row while holding the GIL (~100 ms for 100k
    ids), which stalls a GUI thread painting meanwhile. Here SQLite concatenates the column in C
    — one sqlite3_step, during which the sqlite3 module releases the GIL — and one str.split
    makes the list. SQLite does not flatten a sub-select with ORDER BY into an aggregate, so the
    rows reach group_concat in the sub-select's order.
    """
    bind = session.get_bind()
    if bind.dialect.name != "sqlite":
        return first_column(session, stmt)
    inner = stmt.subquery()
    packed = select(func.group_concat(inner.c[0], _SEPARATOR), func.count())
    found = plain_rows(session, packed)
    text, count = found[0] if found else (None, 0)
    values = text.split(_SEPARATOR) if text else []
    if len(values) != count:  # a NULL or a separator inside a value: read row by row instead
        return first_column(session, stmt)
    return values


_SEPARATOR = "\x1f"  # ASCII unit separator: never in a UUID
