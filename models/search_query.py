"""The SQLite reads behind the search box, on the DB-API connection with bound parameters.

A search is a handful of small statements: SQLAlchemy's compile and result machinery cost more
than the statements themselves (~1–2 ms of a 2 ms search at 10k records), so they run on the
driver's cursor inside one read transaction (one snapshot for all of them).

Every read of the FTS5 indexes (search_fts: titles and bodies; search_fts_title: titles alone)
walks them newest-first (`ORDER BY rowid DESC LIMIT n`), which FTS5 serves lazily: a common
word costs the same at 10k and at 100k records, because only the first `n` matches are ever
visited. Nothing here ranks a whole result set.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

from models.id_lists import json_array

# Every walk below with filters is "FTS5 CROSS JOIN search_doc": CROSS JOIN keeps FTS5 the outer
# loop, so its newest-first order serves ORDER BY and LIMIT stops the walk; the planner would
# otherwise scan search_doc and probe the index per row.


@dataclass(frozen=True)
class Filters:
    """Which search rows may be returned: never deleted ones; optionally some kinds, a cluster."""

    kinds: tuple[str, ...] = ()
    cluster_id: str | None = None

    @property
    def any(self) -> bool:
        return bool(self.kinds) or self.cluster_id is not None

    def sql(self) -> tuple[str, list[object]]:
        clause = " AND d.deleted = 0"
        params: list[object] = []
        if self.cluster_id is not None:
            # Records of no cluster (people, organisations) belong to every cluster's view.
            clause += " AND (d.cluster_id = ? OR d.cluster_id IS NULL)"
            params.append(self.cluster_id)
        if self.kinds:
            clause += " AND d.kind IN (" + ", ".join("?" for _ in self.kinds) + ")"
            params.extend(self.kinds)
        return clause, params


@dataclass(frozen=True)
class DocRow:
    rowid: int
    kind: str
    record_id: str
    title: str
    detail: str | None
    cluster_id: str | None
    sort_date: str | None
    title_score: float


@contextmanager
def reading(engine: Engine) -> Iterator[sqlite3.Connection]:
    """The raw sqlite3 connection of a pooled connection, inside one read transaction."""
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        # The engine's connections have isolation_level None (database.py): we open and end the
        # transaction ourselves, so every statement below reads the same snapshot.
        raw.execute("BEGIN")
        try:
            yield raw
        finally:
            if raw.in_transaction:
                raw.execute("ROLLBACK")


def _fetch_all(raw: sqlite3.Connection, sql: str, args: Sequence[object]) -> list[Any]:
    """Every row, with the cursor closed here: searches also run in background jobs, and a
    cursor left to the garbage collector could be finalized by another thread."""
    cursor = raw.execute(sql, args)
    try:
        return cursor.fetchall()
    finally:
        cursor.close()


def recent_matches(raw: sqlite3.Connection, expression: str, *, limit: int, filters: Filters,
                   titles: bool = False, before: int | None = None) -> list[int]:
    """Rowids of the newest `limit` rows matching the FTS5 `expression` (below `before`), in
    titles and bodies or (`titles`) in titles alone.

    With kind or cluster filters the rows are checked against search_doc during the walk (a
    rare kind may sit behind thousands of hits). Without them they are not, and deleted rows
    may be among those returned: the caller drops them when it reads the rows, because a
    lookup of the deleted flag per walked row cost more than the walk itself.
    """
    table = "search_fts_title" if titles else "search_fts"
    if filters.any:
        clause, params = filters.sql()
        sql = (f"SELECT f.rowid AS r FROM {table} AS f CROSS JOIN search_doc AS d "  # noqa: S608
               f"ON d.rowid = f.rowid WHERE {table} MATCH ?")
    else:
        clause, params = "", []
        sql = f"SELECT rowid AS r FROM {table} AS f WHERE {table} MATCH ?"  # noqa: S608
    args: list[object] = [expression]
    if before is not None:
        sql += " AND f.rowid < ?"
        args.append(before)
    sql += clause + " ORDER BY f.rowid DESC LIMIT ?"
    args.extend(params)
    args.append(limit)
    return [row[0] for row in _fetch_all(raw, sql, args)]


def _title_score_sql(words: Sequence[str], *, prefixes: bool, key: str
                     ) -> tuple[str, list[object]]:
    """SQL scoring how much of the query a row's title holds: 1 per whole word (½ per word that
    only starts a title word, when `prefixes`), or every word if the title has them joined."""
    # `key` is SQL for " " + title_key + " ": folded tokens (and joined pairs) between spaces,
    # so " word " finds a whole word and " word" a word it starts.
    parts, params = [], []
    for word in words:
        if prefixes:
            parts.append(f"(CASE WHEN instr({key}, ?) THEN 1.0 "
                         f"WHEN instr({key}, ?) THEN 0.5 ELSE 0.0 END)")
            params += [f" {word} ", f" {word}"]
        else:
            parts.append(f"(CASE WHEN instr({key}, ?) THEN 1.0 ELSE 0.0 END)")
            params.append(f" {word} ")
    score = " + ".join(parts)
    if len(words) > 1:
        score = f"max({score}, CASE WHEN instr({key}, ?) THEN ? ELSE 0.0 END)"
        params += [f" {''.join(words)} ", float(len(words))]
    return score, params


def best_rows(raw: sqlite3.Connection, rowids: Sequence[int], words: Sequence[str], *,
              prefixes: bool, filters: Filters, limit: int) -> list[DocRow]:
    """The best `limit` of these rows that `filters` accept, best first: more of the words in
    the title, then the newest (by date, then by row).

    Scoring and sorting happen in SQLite, so only the rows shown become Python objects.
    """
    if not rowids:
        return []
    score, score_params = _title_score_sql(words, prefixes=prefixes,
                                           key="(' ' || d.title_key || ' ')")
    clause, params = filters.sql()
    # Rank on the row id, score and date alone; read what a line shows for the winners only
    # (the sorter then holds small records, and only `limit` rows become Python objects).
    # The ids travel as one JSON array: one statement text whatever their number (the
    # statement cache keeps it compiled) and no cap on bound parameters.
    ranked = (f"SELECT d.rowid AS r, {score} AS score, d.sort_date AS sd "  # noqa: S608
              "FROM search_doc AS d "
              f"WHERE d.rowid IN (SELECT value FROM json_each(?)){clause} "
              "ORDER BY score DESC, sd DESC, r DESC LIMIT ?")
    sql = ("SELECT t.r, d.kind, d.record_id, d.display_title, d.display_detail, d.cluster_id, "  # noqa: S608
           f"d.sort_date, t.score FROM ({ranked}) AS t CROSS JOIN search_doc AS d "
           "ON d.rowid = t.r ORDER BY t.score DESC, t.sd DESC, t.r DESC")
    args = [*score_params, json_array(rowids), *params, limit]
    return [DocRow(*row) for row in _fetch_all(raw, sql, args)]
