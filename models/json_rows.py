"""Rows of a table as JSON text built by SQLite (`json_object`), not by Python objects.

The exchange export read each record into a dict (a DB-API tuple, a SQLAlchemy row, every date
converted) only for `json.dumps` to turn it into text again: per-value Python work that was most
of an export's time. SQLite builds the same text in C, and the sqlite3 module hands it over as
one bytes object per row (no UTF-8 decoding, no str per value).

"The same text" is `json.dumps(row, ensure_ascii=False, separators=(",", ":"))` of the row as
SQLAlchemy reads it, dates and date-times as `isoformat()` (what the export writes). SQLite's
string escaping is Python's (`"`, `\\`, `\\b \\f \\n \\r \\t`, other controls as `\\u00xx`,
nothing else escaped: tests/models/test_json_rows.py checks every code point). Where SQLite's
answer could differ, the row is not rendered and its text is NULL (`JsonRows.json`), so the
caller reads that row the usual way:

* a float other than a non-zero whole or half number below 10^12 (SQLite prints `%!.15g`,
  Python the shortest repr; for those two `%.1f` is repr), and any value a type turns into
  something else (Numeric, Enum, Time ...): rendered only when NULL;
* a REAL held in a column of another type (only a TEXT-affinity column cannot hold one);
* a date or date-time other than SQLAlchemy's own SQLite text of a real date (`YYYY-MM-DD`,
  `YYYY-MM-DD HH:MM:SS.ffffff`, year 0001 at least: what `date/datetime.fromisoformat` takes):
  that is, a shape or a range SQLite's date functions would read loosely. A real date is one
  `date(value, '+0 days')` gives back unchanged (the modifier makes SQLite normalise: the 30th of
  February, hour 24 and the like come back as another day);
* a boolean that is not an integer (Python's `bool()` of the value is then not SQLite's test).

A BLOB anywhere makes `json_object` fail ("JSON cannot hold BLOB values"): `read` answers None
and the caller reads the table the usual way (where `json.dumps` refuses the bytes as before).

SQLite only (JSON functions, 3.38+ or the json1 extension) and UTF-8 databases (the text is
taken as its bytes); `supported` says so. Every value reaches SQLite as a bound parameter.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    ColumnElement,
    Date,
    DateTime,
    Float,
    Integer,
    LargeBinary,
    Select,
    String,
    Table,
    and_,
    case,
    cast,
    func,
    literal,
    null,
    or_,
    select,
    text,
    type_coerce,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeEngine

from models.fast_query import plain_rows

_DIGIT = "[0-9]"
_DAY_GLOB = f"{_DIGIT * 4}-{_DIGIT * 2}-{_DIGIT * 2}"
_STAMP_GLOB = f"{_DAY_GLOB} {_DIGIT * 2}:{_DIGIT * 2}:{_DIGIT * 2}.{_DIGIT * 6}"


def _text(value: str) -> ColumnElement[Any]:
    return literal(value, String)


def _int(value: int) -> ColumnElement[Any]:
    return literal(value, Integer)


def _real_day(stored: ColumnElement[Any], day: ColumnElement[Any]) -> ColumnElement[bool]:
    """`day` (the value's first ten characters) names a date that exists, from year 0001.

    Text is compared with what substr gives, never with the column itself: next to a column of
    NUMERIC affinity (DATE, DATETIME) SQLite would turn '0001' into the number 1."""
    return and_(func.substr(stored, _int(1), _int(4)) >= _text("0001"),
                func.date(stored, _text("+0 days")) == day)


def text_affinity(session: Session, table: Table) -> set[str]:
    """The columns of `table` whose declared type in the database file gives TEXT affinity
    (SQLite's rules: no INT, and CHAR, CLOB or TEXT): they hold no REAL (SQLite stores a number
    written to them as its text)."""
    found = set()
    for name, declared in session.execute(
            text("SELECT name, type FROM pragma_table_info(:table)"), {"table": table.name}):
        upper = (declared or "").upper()
        if "INT" not in upper and any(word in upper for word in ("CHAR", "CLOB", "TEXT")):
            found.add(name)
    return found


def supported(session: Session) -> bool:
    """True on a UTF-8 SQLite database whose SQLite has the JSON functions."""
    bind = session.get_bind()
    if bind.dialect.name != "sqlite":
        return False
    try:
        encoding = session.execute(text("PRAGMA encoding")).scalar()
        session.execute(select(func.json_object(_text("a"), _int(1)))).scalar()
    except DBAPIError:
        return False
    return encoding == "UTF-8"


class JsonRows:
    """For one table: the statement that reads each row's JSON text (`text`, NULL where SQLite
    would not write what Python writes) beside some of its columns as stored (`extra`)."""

    def __init__(self, table: Table, columns: Sequence[Column], extra: Sequence[str],
                 text_columns: set[str], dialect: Dialect) -> None:
        self.table = table
        self.extra = list(extra)
        pairs: list[ColumnElement[Any]] = []
        checks: list[ColumnElement[bool]] = []
        for column in columns:
            value, check = _render(table.c[column.name], column.type, column.name in text_columns,
                                   dialect)
            pairs += [_text(column.name), value]
            if check is not None:
                checks.append(check)
        rendered = cast(func.json_object(*pairs), LargeBinary)  # its UTF-8 bytes, not a str
        self.json = case((and_(*checks), rendered), else_=null()) if checks else rendered

    def select(self, where: Any = None) -> Select:
        stmt = select(self.json, *(self.table.c[name] for name in self.extra))
        return stmt.where(where) if where is not None else stmt


def _render(column: ColumnElement[Any], kind: TypeEngine[Any], holds_text_only: bool,
            dialect: Dialect) -> tuple[ColumnElement[Any], ColumnElement[bool] | None]:
    """(the value as the JSON holds it, the test that SQLite renders it as Python would)."""
    stored = type_coerce(column, String)  # what SQLite holds: no processor on the literals
    is_null = stored.is_(None)
    is_text = func.typeof(stored) == _text("text")
    if isinstance(kind, DateTime):
        # isoformat() leaves a zero fraction out.
        value = case((func.substr(stored, _int(21)) == _text("000000"),
                      func.replace(func.substr(stored, _int(1), _int(19)), _text(" "),
                                   _text("T"))),
                     else_=func.replace(stored, _text(" "), _text("T")))
        return value, or_(is_null, and_(is_text, stored.op("GLOB")(_text(_STAMP_GLOB)),
                                        _real_day(stored, func.substr(stored, _int(1),
                                                                      _int(10)))))
    if isinstance(kind, Date):
        return stored, or_(is_null, and_(is_text, stored.op("GLOB")(_text(_DAY_GLOB)),
                                         _real_day(stored, func.substr(stored, _int(1),
                                                                       _int(10)))))
    if isinstance(kind, Boolean):
        value = case((is_null, null()), (stored == _int(0), func.json(_text("false"))),
                     else_=func.json(_text("true")))
        return value, func.typeof(stored).in_([_text("integer"), _text("null")])
    if isinstance(kind, Float) and not kind.asdecimal and \
            kind.dialect_impl(dialect).result_processor(dialect, None) is None:
        # A whole or half number below 10^12 is written alike (repr: '2.0', '-7.5'; %.1f is
        # exact for them); zero is left to Python (-0.0 would lose its sign), and the rest too.
        doubled = stored * _int(2)
        value = case((is_null, null()), else_=func.json(func.printf(_text("%.1f"), stored)))
        return value, or_(is_null, and_(
            func.typeof(stored) == _text("real"), stored != _int(0),
            func.abs(stored) < literal(1e12, Float), doubled == cast(doubled, Integer)))
    if isinstance(kind, String | Integer) and \
            kind.dialect_impl(dialect).result_processor(dialect, None) is None:
        # Read as stored: text and integers are written alike by both.
        return stored, None if holds_text_only else func.typeof(stored) != _text("real")
    return stored, is_null


def read(session: Session, stmt: Select) -> list[tuple[Any, ...]] | None:
    """The rows of a `JsonRows.select` statement (text as bytes first), or None when SQLite
    refused to render one (a BLOB value)."""
    try:
        return plain_rows(session, stmt)
    except sqlite3.OperationalError as exc:
        if "JSON cannot hold BLOB" in str(exc):
            return None
        raise

