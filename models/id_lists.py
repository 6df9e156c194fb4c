"""Many ids in a statement: on SQLite one JSON array read by `json_each`, elsewhere IN lists
of at most `CHUNK` values.

An IN list is rendered and bound value by value and SQLite caps the bound parameters of a
statement; a JSON array is one parameter whatever its length, and the statement's text stays
the same (SQLite's statement cache keeps it compiled). PostgreSQL has no `json_each` of that
shape, so there the ids go in chunks.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence

from sqlalchemy import ColumnElement, func, select

CHUNK = 500
# The ids of a `json_array(ids)` parameter named :ids, as a subquery for `… IN` in SQLite text.
JSON_IDS = "(SELECT value FROM json_each(:ids))"


def chunks(items: Sequence[str], size: int = CHUNK) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start: start + size]


def json_array(ids: Iterable[object]) -> str:
    """The parameter `JSON_IDS` (and `json_each(?)`) reads."""
    return json.dumps(list(ids))


def id_filters(dialect: str, column: ColumnElement[str],
               ids: Sequence[str]) -> Iterator[ColumnElement[bool]]:
    """`column IN ids` as few conditions as the backend allows: one on SQLite, else one per
    chunk. Run the statement once per condition; no ids, no condition."""
    if not ids:
        return
    if dialect == "sqlite":
        each = func.json_each(json_array(ids)).table_valued("value")
        yield column.in_(select(each.c.value))
        return
    for chunk in chunks(ids):
        yield column.in_(chunk)
