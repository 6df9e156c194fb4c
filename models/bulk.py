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

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, Table, insert
from sqlalchemy.engine import Connection, Dialect

Convert = Callable[[Any], Any]


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
    converters = [(i, convert) for i, name in enumerate(order)
                  if (convert := driver_value(table.c[name], dialect)) is not None]
    values: list[tuple[Any, ...]] = []
    append = values.append
    for row in rows:
        value = [row[name] for name in order]
        for i, convert in converters:
            if value[i] is not None:
                value[i] = convert(value[i])
        append(tuple(value))
    connection.exec_driver_sql(str(compiled), values)


def _datetime_text(process: Convert) -> Convert:
    def convert(value: Any) -> Any:
        if type(value) is datetime and value.tzinfo is None:
            return value.isoformat(" ", "microseconds")
        return process(value)
    return convert


def _date_text(process: Convert) -> Convert:
    def convert(value: Any) -> Any:
        return value.isoformat() if type(value) is date else process(value)
    return convert


def _bool_int(process: Convert) -> Convert:
    def convert(value: Any) -> Any:
        return int(value) if type(value) is bool else process(value)
    return convert


# Python type -> (the shortcut around its processor, values it must agree with the processor on).
_SHORTCUTS: dict[type, tuple[Callable[[Convert], Convert], tuple[Any, ...]]] = {
    datetime: (_datetime_text, (datetime(2025, 3, 9, 7, 5, 3), datetime(2025, 3, 9, 7, 5, 3, 120),
                                datetime(1, 1, 1), datetime(9999, 12, 31, 23, 59, 59, 999999))),
    date: (_date_text, (date(2025, 3, 9), date(1, 1, 1), date(9999, 12, 31))),
    bool: (_bool_int, (True, False)),
}


def driver_value(column: Column, dialect: Dialect) -> Convert | None:
    """What turns a Python value of `column` into the value SQLAlchemy hands the driver (None:
    the value itself)."""
    process = column.type.dialect_impl(dialect).bind_processor(dialect)
    if process is None:
        return None
    try:
        python_type = column.type.python_type
    except NotImplementedError:
        return process
    shortcut = _SHORTCUTS.get(python_type)
    if shortcut is None:
        return process
    make, samples = shortcut
    convert = make(process)
    for sample in samples:
        ours, theirs = convert(sample), process(sample)
        if ours != theirs or type(ours) is not type(theirs):
            return process
    return convert
