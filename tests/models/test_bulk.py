"""models.bulk.insert_rows stores exactly what Core's executemany stores, table by table."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    create_engine,
    event,
    insert,
)
from sqlalchemy.dialects import sqlite as sqlite_types

from models import entities  # noqa: F401 - registers every table on the metadata
from models.base import Base
from models.bulk import driver_values, insert_rows


def _value(column: Column, i: int) -> Any:
    if column.nullable and not column.primary_key and i % 3 == 2:
        return None
    kind = column.type.python_type
    if kind is bool:
        return i % 2 == 0
    if kind is int:
        return i * 7 - 3
    if kind is float:
        return i / 4
    if kind is datetime:  # with and without microseconds, far from and near the ends
        return [datetime(2025, 1, 1, 8, 30) + timedelta(seconds=i * 3607, microseconds=i * 11),
                datetime(1, 1, 1, 0, 0, 1), datetime(9999, 12, 31, 23, 59, 59, 999999)][i % 3]
    if kind is date:
        return date(2025, 1, 1) + timedelta(days=i * 5)
    text = f"{i:04d} خوشهٔ حلوای «لار» ي ك\u200c x"
    length = getattr(column.type, "length", None)
    return text[:length] if length else text


def _rows(table: Table, count: int = 12) -> list[dict[str, Any]]:
    columns = [c for c in table.columns if not (c.primary_key and c.autoincrement is True
                                                and c.type.python_type is int)]
    return [{c.key: _value(c, i) for c in columns} for i in range(count)]


def _stored(path: Path, table: str) -> list[tuple]:
    with sqlite3.connect(path) as con:
        names = [r[1] for r in con.execute(f"PRAGMA table_info({table})")]
        typed = ", ".join(f'"{n}", typeof("{n}")' for n in names)
        return con.execute(f"SELECT {typed} FROM {table} ORDER BY rowid").fetchall()  # noqa: S608


def _both(tmp_path: Path, metadata: MetaData, table: Table, rows: list[dict[str, Any]],
          *, driver: bool = True) -> tuple:
    """The rows as stored by Core and by insert_rows; `driver`: insert_rows took its own path
    (the driver's executemany), not Core's."""
    stored = []
    for name, write in (("core", lambda c: c.execute(insert(table), rows)),
                        ("bulk", lambda c: insert_rows(c, table, rows))):
        path = tmp_path / f"{name}-{table.name}.db"
        engine = create_engine(f"sqlite:///{path}")
        metadata.create_all(engine, tables=[table])
        compiled: list[bool] = []
        event.listen(engine, "before_cursor_execute",
                     lambda *args, seen=compiled: seen.append(args[4].compiled is not None))
        with engine.begin() as connection:
            write(connection)
        assert compiled == [name == "core" or not driver], compiled
        engine.dispose()
        stored.append(_stored(path, table.name))
    return tuple(stored)


@pytest.mark.parametrize("table", list(Base.metadata.sorted_tables), ids=lambda t: t.name)
def test_every_table_stores_what_core_stores(tmp_path: Path, table: Table) -> None:
    core, bulk = _both(tmp_path, Base.metadata, table, _rows(table))
    assert core and bulk == core


def test_a_date_time_stored_in_another_format_keeps_its_processor(tmp_path: Path) -> None:
    metadata = MetaData()
    odd = sqlite_types.DATETIME(storage_format="%(year)04d/%(month)02d/%(day)02d "
                                               "%(hour)02d.%(minute)02d")
    table = Table("odd", metadata, Column("id", String(10), primary_key=True),
                  Column("at", odd), Column("plain", DateTime))
    engine = create_engine("sqlite://")
    assert driver_values(table.c.at, engine.dialect) is not None
    when = datetime(2025, 6, 1, 14, 5, 9, 77)
    rows = [{"id": "a", "at": when, "plain": when}, {"id": "b", "at": None, "plain": None}]
    core, bulk = _both(tmp_path, metadata, table, rows)
    assert bulk == core
    assert core[0][2] == "2025/06/01 14.05"  # the format was used, not isoformat
    assert core[0][4] == "2025-06-01 14:05:09.000077"


def test_a_type_with_no_shortcut_keeps_its_processor(tmp_path: Path) -> None:
    metadata = MetaData()
    table = Table("other", metadata, Column("id", String(10), primary_key=True),
                  Column("doc", JSON), Column("amount", Numeric(10, 2)))
    rows = [{"id": "a", "doc": {"نام": "لار", "n": [1, 2]}, "amount": Decimal("12.50")},
            {"id": "b", "doc": None, "amount": None}]
    core, bulk = _both(tmp_path, metadata, table, rows)
    assert bulk == core
    assert core[0][2] == '{"\\u0646\\u0627\\u0645": "\\u0644\\u0627\\u0631", "n": [1, 2]}'


def test_rows_leaving_a_python_default_out_go_through_core(tmp_path: Path) -> None:
    metadata = MetaData()
    table = Table("defaults", metadata, Column("id", String(10), primary_key=True),
                  Column("n", Integer, default=41), Column("at", DateTime,
                                                           default=lambda: datetime(2025, 1, 2)))
    core, bulk = _both(tmp_path, metadata, table, [{"id": "a"}, {"id": "b"}], driver=False)
    assert bulk == core == [("a", "text", 41, "integer", "2025-01-02 00:00:00.000000", "text"),
                            ("b", "text", 41, "integer", "2025-01-02 00:00:00.000000", "text")]


def test_no_rows_writes_nothing(tmp_path: Path) -> None:
    engine = create_engine("sqlite://")
    table = Base.metadata.tables["exchange_state"]
    Base.metadata.create_all(engine, tables=[table])
    with engine.begin() as connection:
        insert_rows(connection, table, [])
        assert connection.exec_driver_sql("SELECT count(*) FROM exchange_state").scalar() == 0


def test_indexes_built_after_keeps_every_uniqueness_check() -> None:
    """Plain indexes are gone inside the block and back, with their own text, after it; a
    UNIQUE index and a UNIQUE constraint stay throughout, so a duplicate is still refused."""
    from sqlalchemy.exc import IntegrityError

    from models.bulk import indexes_built_after
    from models.database import make_engine

    engine = make_engine("sqlite://")  # BEGINs itself, as the app's engines do
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE t (id TEXT PRIMARY KEY, a TEXT UNIQUE, b TEXT, c TEXT)")
        conn.exec_driver_sql("CREATE INDEX ix_t_b ON t (b) WHERE b IS NOT NULL")
        conn.exec_driver_sql("CREATE UNIQUE INDEX ux_t_c ON t (c)")
    listing = "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"
    with engine.connect() as conn:
        before = conn.exec_driver_sql(listing).all()
        conn.rollback()
        with conn.begin(), indexes_built_after(conn, ["t"]):
            inside = {name for name, _sql in conn.exec_driver_sql(listing).all()}
            assert "ix_t_b" not in inside and "ux_t_c" in inside
            conn.exec_driver_sql("INSERT INTO t VALUES ('1', 'x', 'b', 'c')")
            for duplicate in ("('1', 'y', 'b', 'd')", "('2', 'x', 'b', 'e')", "('3', 'z', 'b', 'c')"):
                with pytest.raises(IntegrityError):  # the statement fails, the transaction goes on
                    conn.exec_driver_sql(f"INSERT INTO t VALUES {duplicate}")  # noqa: S608
        assert conn.exec_driver_sql(listing).all() == before
        conn.rollback()
        with pytest.raises(RuntimeError), conn.begin(), indexes_built_after(conn, ["t"]):
            raise RuntimeError
        assert conn.exec_driver_sql(listing).all() == before  # the DROP rolled back


def test_indexes_built_after_drops_nothing_outside_a_begun_transaction() -> None:
    """Python's sqlite3 in its default mode has no transaction open before DML: a DROP there
    would be committed at once, so nothing is dropped."""
    from models.bulk import indexes_built_after

    engine = create_engine("sqlite://")
    with engine.connect() as conn:
        conn.exec_driver_sql("CREATE TABLE t (id TEXT PRIMARY KEY, b TEXT)")
        conn.exec_driver_sql("CREATE INDEX ix_t_b ON t (b)")
        conn.commit()
        with indexes_built_after(conn, ["t"]):
            names = {r[0] for r in conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert "ix_t_b" in names


def test_holds_fewer_than_counts_no_further_than_asked(tmp_path):
    from sqlalchemy import create_engine, text

    from models.bulk import holds_fewer_than

    engine = create_engine(f"sqlite:///{tmp_path / 'n.db'}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (x)"))
        conn.execute(text("INSERT INTO t VALUES (1), (2), (3)"))
        assert holds_fewer_than(conn, "t", 4)
        assert not holds_fewer_than(conn, "t", 3)
        assert not holds_fewer_than(conn, "t", 1)
    engine.dispose()
