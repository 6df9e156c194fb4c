"""One search over everything: activities, firms, people, organisations, resolutions, joint actions.

Queries and records meet through folded keys (persian.fold): Arabic letters, digits of any script,
ZWNJ and diacritics do not matter. Records also index each adjacent pair of words joined, so
«می شود» finds «میشود» and the other way round. SQLite's FTS5 does the matching.

On SQLite the work is bounded whatever the number of records (models.search_query): the newest
matches of the words as whole words, plus the newest title hits (titles have their own FTS5
index, migration 0004), are ranked: more of the query's words in the title first, then the
newest. Only when whole words leave the page short is the half-typed reading (every word as a
prefix, «گواه» → «گواهی») read, and its hits come after every whole-word hit. Ranking every
match of a common word with bm25 made the median query 38 ms at 100k records and 9× its cost
at 10k; this is about 2 ms at both.

On PostgreSQL (the provincial office) the same folded keys are matched with LIKE on word starts
(`' ' || key LIKE '% word%'`, served by the GIN trigram indexes of migration 0002), with the same
rule: every word as a prefix, or all the words joined as one prefix; a title hit weighs 5×.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date

from sqlalchemy import (
    ColumnElement,
    Float,
    Integer,
    Select,
    and_,
    case,
    cast,
    column,
    literal,
    or_,
    select,
    text,
)
from sqlalchemy.orm import Session

from models.database import Database
from models.entities import SearchDoc
from models.search_query import (
    DocRow,
    Filters,
    best_rows,
    reading,
    recent_matches,
)
from persian.fold import tokens

KIND_LABELS = {
    "activity": "فعالیت",
    "firm": "بنگاه",
    "person": "فرد",
    "organisation": "نهاد",
    "resolution": "مصوبه",
    "joint_action": "اقدام مشترک",
    "cluster": "خوشه",
}

MAX_QUERY_TOKENS = 12


@dataclass(frozen=True)
class SearchHit:
    kind: str
    record_id: str
    title: str
    detail: str
    cluster_id: str | None
    date: date | None
    rank: float


def _quote(token: str) -> str:
    # Tokens hold letters and digits only, but quote anyway: FTS5 syntax must never leak in.
    return '"' + token.replace('"', '""') + '"'


def match_expression(query: str) -> str | None:
    """The FTS5 MATCH text for a user's query, or None when it has nothing to search for.

    Every word must appear (as a prefix, for search-as-you-type), or — for the spelling without
    spaces — all the words joined must appear as one token.
    """
    words = tokens(query)[:MAX_QUERY_TOKENS]
    if not words:
        return None
    every_word = " AND ".join(_quote(w) + "*" for w in words)
    if len(words) == 1:
        return every_word
    return f"({every_word}) OR {_quote(''.join(words))}*"


def _match_subquery(expression: str, kind: str | None) -> Select:
    fts = text("SELECT rowid FROM search_fts WHERE search_fts MATCH :expr").bindparams(
        expr=expression
    ).columns(column("rowid", Integer))
    stmt = select(SearchDoc.record_id).where(SearchDoc.rowid.in_(fts), SearchDoc.deleted.is_(False))
    if kind:
        stmt = stmt.where(SearchDoc.kind == kind)
    return stmt


def _like_pattern(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return "% " + escaped + "%"


def _word_hit(key: ColumnElement, word: str) -> ColumnElement:
    return (literal(" ") + key).like(_like_pattern(word), escape="\\")


def _pg_condition(words: list[str]) -> tuple[ColumnElement, ColumnElement]:
    """(WHERE condition, rank score: higher is better) for PostgreSQL."""

    def hit(word: str) -> ColumnElement:
        return or_(_word_hit(SearchDoc.title_key, word), _word_hit(SearchDoc.body_key, word))

    def score(word: str) -> ColumnElement:
        return (case((_word_hit(SearchDoc.title_key, word), 5.0), else_=0.0)
                + case((_word_hit(SearchDoc.body_key, word), 1.0), else_=0.0))

    every = and_(*[hit(w) for w in words])
    rank = sum((score(w) for w in words[1:]), score(words[0]))
    if len(words) > 1:
        joined = "".join(words)
        every = or_(every, hit(joined))
        rank = rank + score(joined) * len(words)
    return every, cast(rank, Float)


def _is_postgresql(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def fts_match_ids(session: Session, query: str, *, kind: str | None = None) -> Select:
    """A sub-select of record ids matching `query` (for list filters); matches nothing if empty."""
    if _is_postgresql(session):
        words = tokens(query)[:MAX_QUERY_TOKENS]
        if not words:
            return select(SearchDoc.record_id).where(SearchDoc.rowid.is_(None))
        condition, _rank = _pg_condition(words)
        stmt = select(SearchDoc.record_id).where(condition, SearchDoc.deleted.is_(False))
        if kind:
            stmt = stmt.where(SearchDoc.kind == kind)
        return stmt
    expression = match_expression(query)
    if expression is None:
        return select(SearchDoc.record_id).where(SearchDoc.rowid.is_(None))
    return _match_subquery(expression, kind)


def search(
    db: Database,
    query: str,
    *,
    kinds: set[str] | None = None,
    cluster_id: str | None = None,
    limit: int = 50,
) -> list[SearchHit]:
    """Ranked hits for `query` across every record kind (deleted records are never found).

    Order: records holding every word whole come before records where some word only starts a
    longer one; then more of the words in the title first; then the newest first.
    """
    expression = match_expression(query)
    if expression is None:
        return []
    limit = max(1, min(limit, 1000))
    if db.engine.dialect.name == "postgresql":
        return _search_postgresql(db, query, kinds=kinds, cluster_id=cluster_id, limit=limit)
    words = tokens(query)[:MAX_QUERY_TOKENS]
    filters = Filters(kinds=tuple(sorted(kinds or ())), cluster_id=cluster_id or None)
    with reading(db.engine) as raw:
        rows = _best(raw, exact_expression(words), words, prefixes=False, limit=limit,
                     filters=filters)
        whole_hits = len(rows)
        if len(rows) < limit:
            # Every whole-word hit is in hand and the page is not full: the half-typed reading
            # («گواه» for «گواهی») fills it. Only then, because a prefix of a common word
            # expands to many index terms whose lists FTS5 must merge in full.
            seen = {row.rowid for row in rows}
            more = _best(raw, expression, words, prefixes=True, limit=limit, filters=filters,
                         skip=seen)
            rows += more[: limit - len(rows)]
    bonus = len(words) + 1  # more than any title score
    return [
        SearchHit(kind=row.kind, record_id=row.record_id, title=row.title,
                  detail=row.detail or "", cluster_id=row.cluster_id,
                  date=date.fromisoformat(row.sort_date) if row.sort_date else None,
                  # lower is better, as with bm25; every whole-word hit above every prefix one
                  rank=-row.title_score - (bonus if i < whole_hits else 0))
        for i, row in enumerate(rows)
    ]


def _best(raw: sqlite3.Connection, expression: str, words: list[str], *, prefixes: bool,
          limit: int, filters: Filters, skip: set[int] | None = None) -> list[DocRow]:
    """The best `limit` live rows matching `expression`, best first, from a bounded candidate
    set whatever the corpus size: the newest matches, plus the newest title hits."""
    skip = skip or set()
    batch = limit + len(skip) + 10  # a few deleted rows should not cost a second walk
    newest = recent_matches(raw, expression, limit=batch, filters=filters)
    # The newest title hits too (from the titles' own index, so as cheap): a person or firm
    # named in thousands of newer activities still comes first.
    titled = recent_matches(raw, expression, limit=batch, filters=filters, titles=True) \
        if len(newest) == batch else []
    candidates = sorted(set(newest).union(titled).difference(skip), reverse=True)
    rows = best_rows(raw, candidates, words, prefixes=prefixes, filters=filters, limit=limit)
    while len(rows) < limit and len(newest) == batch:
        # Deleted rows (or ones the filters refuse) took places: walk further back.
        newest = recent_matches(raw, expression, limit=batch * 4, filters=filters,
                                before=newest[-1])
        candidates += [r for r in newest if r not in skip]
        rows = best_rows(raw, candidates, words, prefixes=prefixes, filters=filters,
                         limit=limit)
        batch *= 4
    return rows


def exact_expression(words: list[str]) -> str:
    """Like match_expression, for the (non-empty) folded words as whole words only."""
    every_word = " AND ".join(_quote(w) for w in words)
    if len(words) == 1:
        return every_word
    return f"({every_word}) OR {_quote(''.join(words))}"


def _search_postgresql(db: Database, query: str, *, kinds: set[str] | None,
                       cluster_id: str | None, limit: int) -> list[SearchHit]:
    words = tokens(query)[:MAX_QUERY_TOKENS]
    condition, score = _pg_condition(words)
    rank = (-score).label("rank")
    stmt = select(SearchDoc.kind, SearchDoc.record_id, SearchDoc.display_title,
                  SearchDoc.display_detail, SearchDoc.cluster_id, SearchDoc.sort_date, rank
                  ).where(condition, SearchDoc.deleted.is_(False))
    if cluster_id:
        stmt = stmt.where(or_(SearchDoc.cluster_id == cluster_id, SearchDoc.cluster_id.is_(None)))
    if kinds:
        stmt = stmt.where(SearchDoc.kind.in_(sorted(kinds)))
    stmt = stmt.order_by(rank, SearchDoc.sort_date.desc().nulls_last()).limit(
        max(1, min(limit, 1000)))
    with db.session_factory() as session:
        rows = session.execute(stmt).all()
    return [SearchHit(kind=r[0], record_id=r[1], title=r[2], detail=r[3] or "", cluster_id=r[4],
                      date=r[5], rank=float(r[6])) for r in rows]
