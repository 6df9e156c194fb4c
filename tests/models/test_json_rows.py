"""models.json_rows: SQLite's text of a row is json.dumps of the row as SQLAlchemy reads it
(dates and date-times as isoformat()), or NULL; never something else."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    insert,
    select,
)
from sqlalchemy.orm import Session

from models import json_rows

METADATA = MetaData()
THING = Table(
    "thing", METADATA,
    Column("id", String(36), primary_key=True),
    Column("name", String(200)),
    Column("notes", Text),
    Column("count", Integer),
    Column("amount", BigInteger),
    Column("flag", Boolean),
    Column("hours", Float),
    Column("day", Date),
    Column("stamp", DateTime),
)
COLUMNS = [c for c in THING.columns]


@pytest.fixture()
def session(tmp_path: Path) -> Session:
    engine = create_engine(f"sqlite:///{tmp_path / 'rows.db'}")
    METADATA.create_all(engine)
    with Session(engine) as s:
        yield s
    engine.dispose()


def _reader(session: Session) -> json_rows.JsonRows:
    return json_rows.JsonRows(THING, COLUMNS, ["id"], json_rows.text_affinity(session, THING),
                              session.get_bind().dialect)


def _store(session: Session, rows: list[dict[str, Any]]) -> None:
    """The values as SQLite holds them, written past SQLAlchemy's processors (any shape)."""
    raw = session.connection().connection.driver_connection
    names = [c.name for c in COLUMNS]
    raw.executemany(f"INSERT INTO thing ({', '.join(names)}) "  # noqa: S608 - fixed names
                    f"VALUES ({', '.join('?' for _ in names)})",
                    [tuple(r.get(n) for n in names) for r in rows])


def _python_text(session: Session, ident: str) -> bytes | None:
    """What the export wrote before: the row read by SQLAlchemy, dates as isoformat(), dumped;
    None where SQLAlchemy cannot read the row."""
    try:
        row = session.execute(select(THING).where(THING.c.id == ident)).one()._asdict()
    except (ValueError, TypeError):
        return None
    row = {k: v.isoformat() if isinstance(v, date | datetime) else v for k, v in row.items()}
    return json.dumps(row, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _sqlite_texts(session: Session) -> dict[str, bytes | None] | None:
    found = json_rows.read(session, _reader(session).select())
    return None if found is None else {ident: text for text, ident in found}


def test_every_code_point_is_escaped_as_python_escapes_it(session: Session) -> None:
    points = [cp for cp in range(0x110000) if not 0xD800 <= cp < 0xE000]
    rows = [{"id": f"r{i}", "name": "".join(map(chr, points[i:i + 4096]))}
            for i in range(0, len(points), 4096)]
    _store(session, rows)
    texts = _sqlite_texts(session)
    assert texts is not None
    for row in rows:
        assert texts[row["id"]] == _python_text(session, row["id"])


def test_the_usual_values_are_written_by_sqlite(session: Session) -> None:
    """What SQLAlchemy itself stores is rendered (not left to Python) and equal."""
    values = [
        {"id": "a", "name": 'گلاب "ناب"\\ \n\t\x01', "notes": None, "count": 3, "amount": 2**62,
         "flag": True, "hours": 2.5, "day": date(2024, 2, 29),
         "stamp": datetime(2025, 1, 2, 3, 4, 5, 120)},
        {"id": "b", "count": -7, "flag": False, "hours": 40.0,
         "stamp": datetime(2025, 1, 2, 3, 4, 5)},  # a zero fraction: isoformat leaves it out
        {"id": "c"},
    ]
    with session.begin():
        for row in values:
            session.execute(insert(THING).values(**row))
    texts = _sqlite_texts(session)
    assert texts is not None
    for ident in ("a", "b", "c"):
        assert texts[ident] is not None
        assert texts[ident] == _python_text(session, ident)


ODD_STAMPS = ["2023-02-29 10:00:00.000000", "2024-01-01 24:00:00.000000",
              "0000-01-01 00:00:00.000000", "2024-13-01 00:00:00.000000",
              "2024-01-01 10:00:60.000000", "2024-01-01 10:00:00.12345Z",
              "2024-01-01 10:00:00.1234 Z", "2024-01-01 10:00:00.1     ",
              "2024-01-01T10:00:00.000000", "2024-01-01 10:00:00", "2024-01-00 10:00:00.000000",
              "۲۰۲۴-01-01 10:00:00.000000", "2024-01-01 10:00:00.000000+05:00", "2024-01-01",
              "1900-02-29 00:00:00.000000", "2000-02-29 23:59:59.999999", "9999-12-31 23:59:59.000000",
              "2000-02-29 12:30:59.500000"]
ODD_DAYS = ["2023-02-29", "1900-02-29", "2000-02-29", "0000-01-01", "2024-W01-1", "20240101",
            "2024-01-01 ", " 2024-01-01", "2024-1-01", "2024-02-30", "9999-12-31", "0001-01-01"]


def test_odd_dates_and_times_are_left_to_python_or_written_alike(session: Session) -> None:
    rows = [{"id": f"s{i}", "stamp": v} for i, v in enumerate(ODD_STAMPS)] + \
        [{"id": f"d{i}", "day": v} for i, v in enumerate(ODD_DAYS)] + \
        [{"id": f"n{i}", "stamp": v, "day": v} for i, v in enumerate([1, 2.5, "x", ""])]
    _store(session, rows)
    texts = _sqlite_texts(session)
    assert texts is not None
    rendered = {r["id"] for r in rows if texts[r["id"]] is not None}
    for row in rows:
        if row["id"] in rendered:
            assert texts[row["id"]] == _python_text(session, row["id"]), row
    # The real dates among them are SQLite's to write (but for a last-millisecond one, which
    # SQLite's date() rounds into the next day: Python's then).
    assert {"s16", "s17", "d2", "d10", "d11"} <= rendered


STORED_STAMPS = st.one_of(
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)).map(
        lambda d: d.strftime("%Y-%m-%d %H:%M:%S.%f")),
    st.from_regex(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}\Z"),
    st.sampled_from(ODD_STAMPS),
    st.text(max_size=30), st.integers(-2**63, 2**63 - 1), st.floats(allow_nan=False))
STORED_DAYS = st.one_of(
    st.dates(min_value=date(1, 1, 1)).map(lambda d: d.strftime("%Y-%m-%d")),
    st.from_regex(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z"),
    st.sampled_from(ODD_DAYS),
    st.text(max_size=12), st.integers(-2**63, 2**63 - 1))
ANY = st.one_of(st.none(), st.text(max_size=20), st.integers(-2**63, 2**63 - 1),
                st.floats(allow_nan=False, allow_infinity=False))
ROWS = st.fixed_dictionaries({
    "name": st.one_of(st.none(), st.text(max_size=40)),
    "notes": ANY,
    "count": ANY,
    "amount": st.one_of(st.none(), st.integers(-2**63, 2**63 - 1)),
    "flag": st.one_of(st.none(), st.sampled_from([0, 1, 2, -1]), ANY),
    "hours": st.one_of(st.none(), st.integers(-10**13, 10**13).map(lambda n: n / 2),
                       st.floats(allow_nan=False), ANY),
    "day": st.one_of(st.none(), STORED_DAYS),
    "stamp": st.one_of(st.none(), STORED_STAMPS),
})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(ROWS, min_size=1, max_size=25))
def test_sqlite_writes_python_s_text_or_leaves_the_row_to_python(
        session: Session, rows: list[dict[str, Any]]) -> None:
    session.rollback()
    raw = session.connection().connection.driver_connection
    raw.execute("DELETE FROM thing")
    rows = [{"id": f"r{i}", **row} for i, row in enumerate(rows)]
    _store(session, rows)
    texts = _sqlite_texts(session)
    assert texts is not None
    for row in rows:
        text = texts[row["id"]]
        if text is not None:
            assert text == _python_text(session, row["id"]), row


def test_a_blob_leaves_the_table_to_python(session: Session) -> None:
    _store(session, [{"id": "a", "name": b"\x00\x01"}])
    assert _sqlite_texts(session) is None


def test_text_affinity_follows_the_declared_types(session: Session) -> None:
    assert json_rows.text_affinity(session, THING) == {"id", "name", "notes"}
    assert json_rows.supported(session)
    assert sqlite3.sqlite_version_info >= (3, 38)
