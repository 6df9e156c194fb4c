"""models.sqlalchemy_internals: each private SQLAlchemy answer against the public one.

A SQLAlchemy upgrade that renames or changes `_generate_cache_key` or `_bind_processors` fails
here by name, instead of somewhere in the activities list.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.dialects import sqlite

from models import sqlalchemy_internals as internals
from models.entities import Activity
from models.fast_query import plain_rows
from services import activities, records


def _stmt(day: date, title: str):
    return (select(Activity.id, Activity.title, Activity.start_date)
            .where(Activity.start_date >= day, Activity.title != title,
                   Activity.updated_at < datetime(2100, 1, 1))
            .order_by(Activity.start_date))


def test_this_sqlalchemy_has_the_private_api_the_fast_path_uses() -> None:
    compiled = _stmt(date(2025, 1, 1), "x").compile(dialect=sqlite.dialect())
    assert hasattr(_stmt(date(2025, 1, 1), "x"), "_generate_cache_key")
    assert hasattr(compiled, "_bind_processors")


def test_cache_keys_match_by_shape_and_carry_the_values() -> None:
    first = _stmt(date(2025, 1, 1), "x")
    a = internals.cache_key(first)
    b = internals.cache_key(_stmt(date(2026, 5, 5), "y"))
    other = internals.cache_key(select(Activity.id))
    assert a is not None and b is not None and other is not None
    assert a.key == b.key and a.key != other.key
    # Compiled once for the shape, bound with the second statement's values, the parameters are
    # the ones the public compile of the second statement gives.
    dialect = sqlite.dialect()
    compiled = first.compile(dialect=dialect, cache_key=a)
    public = _stmt(date(2026, 5, 5), "y").compile(dialect=dialect)
    assert str(compiled) == str(public)
    assert compiled.construct_params(extracted_parameters=b.bindparams) == \
        public.construct_params()


def test_bind_processors_equal_the_public_type_api() -> None:
    compiled = _stmt(date(2025, 1, 1), "x").compile(dialect=sqlite.dialect())
    fast = internals.bind_processors(compiled)
    public = internals.public_bind_processors(compiled)
    assert set(fast) == set(public) and public  # dates and stamps have processors on SQLite
    params = compiled.construct_params()
    for name, process in public.items():
        assert fast[name](params[name]) == process(params[name])


def test_plain_rows_give_what_the_orm_gives(db) -> None:
    cluster = records.create(db, "cluster", {"name": "خوشه زعفران"})
    for i, day in enumerate(("1404/01/10", "1404/03/01", "1404/08/20")):
        activities.save_activity(db, {"kind": "meeting", "cluster_id": cluster.id,
                                      "title": f"جلسه {i}", "start_date": day})
    stmt = _stmt(date(2025, 5, 1), "جلسه 2")
    with db.session_factory() as session:
        fast = plain_rows(session, stmt)
        public = [tuple(r) for r in session.execute(stmt)]
    # plain_rows returns the DB-API's values: dates as ISO text on SQLite.
    assert [(i, t, date.fromisoformat(d)) for i, t, d in fast] == public
    assert len(public) == 1
