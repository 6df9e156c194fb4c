"""One column of many rows, fast: for the lists that read every id of 100k records.

SQLAlchemy builds a Row object per result row; for "every id in display order" that Python work
cost ~190 ms at 100k rows, and it held the GIL while the GUI thread was painting. On SQLite the
same compiled statement, with the same bound parameters, runs on the DB-API cursor (~25 ms).
The SQLAlchemy internals this needs are in models.sqlalchemy_internals.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, overload

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from models.sqlalchemy_internals import bind_processors, cache_key


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
    """Every row of `stmt` as a plain tuple of DB-API values, with its bound parameters.

    Compiling a list query costs ~1.5 ms; as SQLAlchemy does when it executes, the compiled form
    is kept per statement shape (its cache key) and only the parameter values change.
    """
    bind = session.get_bind()
    if bind.dialect.name != "sqlite":
        return [tuple(row) for row in session.execute(stmt)]
    key = cache_key(stmt)
    compiled = None
    if key is not None:
        slot = (bind.dialect.name, key.key)
        compiled = _COMPILED.get(slot)
        if compiled is None:
            compiled = stmt.compile(dialect=bind.dialect, cache_key=key)
            if len(_COMPILED) >= 256:
                _COMPILED.clear()
            _COMPILED[slot] = compiled
        params = compiled.construct_params(extracted_parameters=key.bindparams)
    if compiled is None or compiled.positiontup is None or compiled.literal_execute_params \
            or compiled.post_compile_params:  # (IN lists and the like: compiled each time)
        compiled = stmt.compile(dialect=bind.dialect,
                                compile_kwargs={"render_postcompile": True})
        params = compiled.construct_params()
    processors = bind_processors(compiled)  # date → ISO text etc., as SQLAlchemy binds them
    values = []
    for name in compiled.positiontup or []:
        value = params[name]
        process = processors.get(name)
        values.append(process(value) if process is not None and value is not None else value)
    return _raw_execute(session, str(compiled), tuple(values))


_COMPILED: dict[tuple[str, Any], Any] = {}


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
    slot = (key, len(values), bind.dialect.name)
    sql = _IN_LIST_SQL.get(slot)
    if sql is None:
        compiled = build(values).compile(dialect=bind.dialect,
                                         compile_kwargs={"render_postcompile": True})
        params = compiled.construct_params()
        bound = [params[name] for name in compiled.positiontup or []]
        if bound != list(values):  # other parameters in the statement: no caching possible
            return _raw_execute(session, str(compiled), tuple(bound))
        sql = _IN_LIST_SQL[slot] = str(compiled)
    return _raw_execute(session, sql, tuple(values))


def packed_first_column(session: Session, stmt: Select) -> list[Any]:
    """The first column of `stmt` (text values), in order, read in one SQLite step.

    `first_column` still builds a Python object per row while holding the GIL (~100 ms for 100k
    ids), which stalls a GUI thread painting meanwhile. Here SQLite concatenates the column in C
    — one sqlite3_step, during which the sqlite3 module releases the GIL — and one str.split
    makes the list. SQLite does not flatten a sub-select with ORDER BY into an aggregate, so the
    rows reach group_concat in the sub-select's order.
    """
    packed = _packed(session, stmt)
    if packed is None:
        return first_column(session, stmt)
    text, count = packed
    return text.split(_SEPARATOR) if count else []


def packed_column_view(session: Session, stmt: Select) -> Sequence[Any]:
    """packed_first_column without the list: when every value has the same length (UUID ids),
    the packed text itself is the sequence (`PackedColumn`), so not even the split holds the
    GIL, and 100k ids take 3.7 MB instead of 9 MB of small objects."""
    packed = _packed(session, stmt)
    if packed is None:
        return first_column(session, stmt)
    text, count = packed
    return PackedColumn.of(text, count) or (text.split(_SEPARATOR) if count else [])


def _packed(session: Session, stmt: Select) -> tuple[str, int] | None:
    """(values joined by U+001F, how many), or None where that cannot be read faithfully."""
    bind = session.get_bind()
    if bind.dialect.name != "sqlite":
        return None
    inner = stmt.subquery()
    packed = select(func.group_concat(inner.c[0], _SEPARATOR), func.count())
    found = plain_rows(session, packed)
    text, count = found[0] if found else (None, 0)
    if not count:
        return "", 0
    if not isinstance(text, str) or text.count(_SEPARATOR) != count - 1:
        return None  # a NULL, a number or a separator inside a value: read row by row
    return text, count


_SEPARATOR = "\x1f"  # ASCII unit separator: never in a UUID


class PackedColumn(Sequence[str]):
    """`count` strings of one length, joined by U+001F in `text`: a read-only list of them."""

    __slots__ = ("_count", "_text", "_width")

    def __init__(self, text: str, count: int, width: int) -> None:
        self._text, self._count, self._width = text, count, width

    @classmethod
    def of(cls, text: str, count: int) -> PackedColumn | None:
        """The view of `text` if its values all have one length and hold no separator."""
        if count <= 0 or (len(text) + 1) % count:
            return None
        width = (len(text) + 1) // count
        if width < 2 or text[width - 1::width] != _SEPARATOR * (count - 1):
            return None
        if text.count(_SEPARATOR) != count - 1:
            return None
        return cls(text, count, width)

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            start, stop, step = index.indices(self._count)
            if step != 1:
                return [self[i] for i in range(start, stop, step)]
            if stop <= start:
                return []
            w = self._width
            return self._text[start * w:stop * w - 1].split(_SEPARATOR)
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError(index)
        start = index * self._width
        return self._text[start:start + self._width - 1]

    def index(self, value: Any, start: int = 0, stop: int | None = None) -> int:
        w, text = self._width, self._text
        if not isinstance(value, str) or len(value) != w - 1 or _SEPARATOR in value:
            raise ValueError(value)
        position = text.find(value, start * w)
        while position >= 0:
            if position % w == 0:  # a whole value, not the middle of two
                found = position // w
                if stop is not None and found >= stop:
                    break
                return found
            position = text.find(value, position + 1)
        raise ValueError(value)

    def __contains__(self, value: object) -> bool:
        try:
            self.index(value)
        except ValueError:
            return False
        return True

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PackedColumn):
            return self._text == other._text and self._count == other._count
        if isinstance(other, list | tuple):
            return len(other) == self._count and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]
