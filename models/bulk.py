"""Many new rows into one table: one executemany on the driver, values bound as SQLAlchemy binds.

Core's executemany (`connection.execute(insert(table), rows)`) builds every row's parameters in
Python — construct_params, then each value's bind processor (SQLite's date and time processors
format text with `%` from a dict of the value's parts): for the exchange import's 120k rows that
cost more than SQLite's own inserting. Here the statement is compiled once, each column's
processor is looked up once through the public type API (`TypeEngine.dialect_impl(dialect)
.bind_processor(dialect)`), and dates, date-times and booleans are converted by the C methods
that give the very same value (isoformat, int). Each such shortcut is checked against the
column's own processor before it is used: a column with another storage format keeps its
processor. tests/models/test_bulk.py compares every table's stored rows with Core's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from operator import itemgetter
from typing import Any

from sqlalchemy import Column, Table, insert, text
from sqlalchemy.engine import Connection, Dialect


def insert_rows(connection: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """INSERTs `rows` (mappings with the same keys, column keys of `table`) into `table`.

    Stored exactly as `connection.execute(insert(table), rows)` stores them. Every column that
    would take a Python-side default must be in the rows (else the rows go through Core)."""
    if not rows:
        return
    dialect = connection.dialect
    names = list(rows[0])
    compiled = insert(table).compile(dialect=dialect, column_keys=names)
    order = compiled.positiontup
    if dialect.name != "sqlite" or order is None or sorted(order) != sorted(names):
        # Another driver's paramstyle, or a default SQLAlchemy would compute per row.
        connection.execute(insert(table), list(rows))
        return
    getter = itemgetter(*order) if len(order) > 1 else lambda row: (row[order[0]],)
    values = list(map(getter, rows))  # tuples in column order, built in C
    converters = [(i, convert) for i, name in enumerate(order)
                  if (convert := driver_values(table.c[name], dialect)) is not None]
    if converters:
        # Column by column: only the columns that need it are converted, each in one loop.
        columns = list(zip(*values, strict=True))
        for i, convert in converters:
            columns[i] = convert(columns[i])
        values = list(zip(*columns, strict=True))
    connection.exec_driver_sql(str(compiled), values)


Convert = Callable[[Any], Any]
ConvertColumn = Callable[[Sequence[Any]], list[Any]]


def _each(process: Convert) -> ConvertColumn:
    def convert(values: Sequence[Any]) -> list[Any]:
        return list(map(process, values))  # None too: JSON's processor makes it 'null'
    return convert


def _datetime_texts(process: Convert) -> ConvertColumn:
    def convert(values: Sequence[Any]) -> list[Any]:
        return [v.isoformat(" ", "microseconds") if type(v) is datetime and v.tzinfo is None
                else v if v is None else process(v) for v in values]
    return convert


def _date_texts(process: Convert) -> ConvertColumn:
    def convert(values: Sequence[Any]) -> list[Any]:
        return [v.isoformat() if type(v) is date else v if v is None else process(v)
                for v in values]
    return convert


def _bool_ints(process: Convert) -> ConvertColumn:
    def convert(values: Sequence[Any]) -> list[Any]:
        return [int(v) if type(v) is bool else v if v is None else process(v) for v in values]
    return convert


# Python type -> (the shortcut around its processor, values it must agree with the processor on).
_SHORTCUTS: dict[type, tuple[Callable[[Convert], ConvertColumn], tuple[Any, ...]]] = {
    datetime: (_datetime_texts, (datetime(2025, 3, 9, 7, 5, 3),
                                 datetime(2025, 3, 9, 7, 5, 3, 120), datetime(1, 1, 1),
                                 datetime(9999, 12, 31, 23, 59, 59, 999999))),
    date: (_date_texts, (date(2025, 3, 9), date(1, 1, 1), date(9999, 12, 31))),
    bool: (_bool_ints, (True, False)),
}


def driver_values(column: Column, dialect: Dialect) -> ConvertColumn | None:
    """What turns a column's Python values into the values SQLAlchemy hands the driver (None:
    the values themselves)."""
    process = column.type.dialect_impl(dialect).bind_processor(dialect)
    if process is None:
        return None
    try:
        python_type = column.type.python_type
    except NotImplementedError:
        return _each(process)
    shortcut = _SHORTCUTS.get(python_type)
    if shortcut is None:
        return _each(process)
    make, samples = shortcut
    convert = make(process)
    ours, theirs = convert([*samples, None]), list(map(process, [*samples, None]))
    if ours != theirs or list(map(type, ours)) != list(map(type, theirs)):
        return _each(process)
    return convert


@contextmanager
def indexes_built_after(connection: Connection, tables: Iterable[str]) -> Iterator[None]:
    """Inside a transaction: the plain secondary indexes of `tables` (SQLite) are dropped, and
    re-created from their own stored CREATE INDEX text when the block has ended without error.

    For a load into a table that is empty or far smaller than the load: an index built once
    from the finished table costs less than the same index kept up row by row (on the 10k
    exchange import, SQLite's inserting ≈ 0.5 s less against ≈ 0.23 s to build them after).
    Only indexes with no constraint are touched: those behind a PRIMARY KEY or UNIQUE
    constraint (sqlite_autoindex_*, which have no stored text and cannot be dropped) and every
    CREATE UNIQUE INDEX stay, so every uniqueness check is made as before, row by row. The
    caller's transaction must roll back on an error (SQLite's DDL is transactional): the DROPs
    then roll back with the rows, so nothing is re-created here on an error. Other backends,
    and a connection not inside a begun transaction: nothing is changed."""
    found: list[tuple[str, str]] = []
    # Only inside a transaction SQLite itself has begun: Python's sqlite3 in its default mode
    # begins one only before DML, and a DROP outside one would be committed at once.
    if connection.dialect.name == "sqlite" and connection.connection.driver_connection.in_transaction:
        for table in tables:
            found += connection.execute(text(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = :t "
                "AND sql IS NOT NULL ORDER BY name"), {"t": table}).tuples().all()
        found = [(name, sql) for name, sql in found
                 if not sql.lstrip().upper().startswith("CREATE UNIQUE")]
        for name, _sql in found:
            connection.exec_driver_sql(f'DROP INDEX "{name}"')
    yield
    for _name, sql in found:
        connection.exec_driver_sql(sql)  # the schema's own text, as stored


def holds_fewer_than(connection: Connection, table: str, count: int) -> bool:
    """Whether `table` holds fewer than `count` rows, counting no further than `count` (a big
    table costs no full count)."""
    return connection.execute(text(f'SELECT count(*) FROM (SELECT 1 FROM "{table}" '  # noqa: S608
                                   "LIMIT :n) AS counted"), {"n": count}).scalar_one() < count


def refresh_statistics(connection: Connection, tables: Iterable[str]) -> None:
    """ANALYZE each table: after a big load PostgreSQL's planner needs fresh statistics."""
    for table in tables:
        connection.exec_driver_sql(f'ANALYZE "{table}"')
