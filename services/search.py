"""One search over everything: activities, firms, people, organisations, resolutions, joint actions.

Queries and records meet through folded keys (persian.fold): Arabic letters, digits of any script,
ZWNJ and diacritics do not matter. Records also index each adjacent pair of words joined, so
«می شود» finds «میشود» and the other way round. SQLite's FTS5 does the matching and bm25 ranks.

On PostgreSQL (the provincial office) the same folded keys are matched with LIKE on word starts
(`' ' || key LIKE '% word%'`, served by the GIN trigram indexes of migration 0002), with the same
rule: every word as a prefix, or all the words joined as one prefix; a title hit weighs 5×.
"""

from __future__ import annotations

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
    """Ranked hits for `query` across every record kind (deleted records are never found)."""
    expression = match_expression(query)
    if expression is None:
        return []
    if db.engine.dialect.name == "postgresql":
        return _search_postgresql(db, query, kinds=kinds, cluster_id=cluster_id, limit=limit)
    # Rank inside FTS5 first and join only the best candidates: joining every match of a common
    # word to search_doc before ranking cost 4-5x more at 100k records.
    # With a kind or cluster filter the best overall candidates may all be filtered out: rank all.
    candidates = -1 if (kinds or cluster_id) else max(1, min(limit, 1000)) * 4 + 50
    sql = (
        "SELECT d.kind, d.record_id, d.display_title, d.display_detail, d.cluster_id, "
        "d.sort_date, m.rank FROM ("
        "SELECT rowid, bm25(search_fts, 5.0, 1.0) AS rank FROM search_fts "
        "WHERE search_fts MATCH :expr ORDER BY rank LIMIT :candidates"
        ") AS m JOIN search_doc AS d ON d.rowid = m.rowid WHERE d.deleted = 0 "
    )
    params: dict[str, object] = {"expr": expression, "limit": max(1, min(limit, 1000)),
                                 "candidates": candidates}
    if cluster_id:
        sql += "AND (d.cluster_id = :cluster OR d.cluster_id IS NULL) "
        params["cluster"] = cluster_id
    if kinds:
        names = sorted(kinds)
        sql += "AND d.kind IN (" + ", ".join(f":k{i}" for i in range(len(names))) + ") "
        params.update({f"k{i}": k for i, k in enumerate(names)})
    sql += "ORDER BY m.rank, d.sort_date DESC LIMIT :limit"
    with db.session_factory() as session:
        rows = session.execute(text(sql), params).all()
    return [
        SearchHit(
            kind=r[0], record_id=r[1], title=r[2], detail=r[3] or "", cluster_id=r[4],
            date=date.fromisoformat(r[5]) if isinstance(r[5], str) else r[5], rank=float(r[6]),
        )
        for r in rows
    ]


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
