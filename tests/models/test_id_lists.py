"""models.id_lists: many ids as one JSON array on SQLite, chunked IN lists elsewhere."""

from __future__ import annotations

import pytest
from sqlalchemy import Column, MetaData, String, Table, create_engine, insert, select, text

from models.id_lists import CHUNK, JSON_IDS, chunks, id_filters, json_array

META = MetaData()
THING = Table("thing", META, Column("id", String, primary_key=True))
IDS = [f"id-{n:05d}" for n in range(3 * CHUNK + 7)]


@pytest.fixture
def conn():
    engine = create_engine("sqlite://")
    META.create_all(engine)
    with engine.begin() as c:
        c.execute(insert(THING), [{"id": i} for i in IDS])
        yield c


@pytest.mark.parametrize("dialect, statements", [("sqlite", 1), ("postgresql", 4)])
def test_the_conditions_pick_exactly_the_ids(conn, dialect, statements):
    wanted = IDS[3:] + ["not-there"]  # 1,505 ids: four chunks of at most 500
    conditions = list(id_filters(dialect, THING.c.id, wanted))
    assert len(conditions) == statements
    found = [row for where in conditions for row in conn.scalars(select(THING.c.id).where(where))]
    assert sorted(found) == sorted(wanted[:-1])


def test_no_ids_no_statement():
    assert list(id_filters("sqlite", THING.c.id, [])) == []
    assert list(id_filters("postgresql", THING.c.id, [])) == []


def test_the_sqlite_text_subquery_reads_the_json_array(conn):
    wanted = IDS[:CHUNK * 2]  # more than SQLite would take as bound parameters of an IN list
    got = conn.scalars(text(f"SELECT id FROM thing WHERE id IN {JSON_IDS}"),  # noqa: S608
                       {"ids": json_array(iter(wanted))}).all()
    assert sorted(got) == wanted


def test_chunks_cover_the_list_in_order():
    parts = list(chunks(IDS))
    assert [len(p) for p in parts] == [CHUNK, CHUNK, CHUNK, 7]
    assert [i for p in parts for i in p] == IDS
