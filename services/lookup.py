"""Finding one record the way people name it, for the command line, the reports and the app.

A record is named by its full id, by the first letters of its id (as git names commits: any
prefix that only one record has), or — for activities — by a Jalali date and part of the title
(«1404/10/06 کمیته»; the date alone or the title part alone also work when only one record fits).
Titles are compared folded (ي/ی, ك/ک, ZWNJ and spaces optional), so what a user types from an
Arabic keyboard still finds the record.

When a name fits no record or more than one, the error lists the records it could have meant —
Jalali date in Persian digits, title, short id — one per line, so the user can copy the short id.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from models.database import Database
from models.entities import Activity, Cluster
from models.vocab import ACTIVITY_KINDS
from persian.digits import to_latin_digits
from persian.fold import name_key, strip_bidi
from persian.jalali import JalaliDateError, format_jalali, parse_jalali
from services.errors import NotFoundError, item_lines
from services.schema import SPECS
from services.views import RecordView

SHORT_ID_LENGTH = 8  # a UUID's first group: unique in practice, longer only where it must be
CANDIDATES_SHOWN = 12
_ID_PREFIX = re.compile(r"[0-9a-f][0-9a-f-]{3,35}")  # four characters at least, as git asks

# What an activity kind is called in a message: (the noun, "a … of it", the indefinite form).
_NOUNS = {"meeting": ("جلسه", "جلسه‌ها", "جلسه‌ای"),
          "training": ("دوره آموزشی", "دوره‌های آموزشی", "دوره آموزشی‌ای")}


@dataclass(frozen=True)
class Candidate:
    """A record a name could mean, as the user is shown it."""

    id: str
    short_id: str
    title: str
    date: date | None

    def line(self) -> str:
        when = format_jalali(self.date) if self.date else "—"
        return f"{when}  {self.title}  ({self.short_id})"


class LookupFailed(NotFoundError):
    """The name fits no record or several; ``candidates`` are the records it could have meant."""

    code = "lookup"

    def __init__(self, message: str, candidates: Sequence[Candidate] = ()) -> None:
        super().__init__(message)
        self.candidates = tuple(candidates)


def _clean(ref: str | None) -> str:
    return " ".join(strip_bidi(str(ref or "")).split())


def _id_prefix(text: str) -> str | None:
    """``text`` read as (the start of) an id, or None: ids are lower-case hex, typed any way.

    A short run of digits alone («1404», «2025») is more likely a year or a number in a title
    than the start of an id: it is read as an id only from SHORT_ID_LENGTH characters on.
    """
    candidate = to_latin_digits(text).lower()
    if not _ID_PREFIX.fullmatch(candidate):
        return None
    if candidate.isdigit() and len(candidate) < SHORT_ID_LENGTH:
        return None
    return candidate


def short_ids(db: Database, kind: str, ids: Iterable[str]) -> dict[str, str]:
    """The shortest prefix (at least eight characters) that names each record of ``kind`` alone.

    One query: every id of the table that shares a hit's first eight characters (a handful at
    most); the prefix then grows past the longest start it shares with any of them.
    """
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    model = SPECS[kind].model
    heads = sorted({i[:SHORT_ID_LENGTH] for i in wanted})
    with db.session_factory() as session:
        # Deleted records count too: one restored from the trash must not make a printed id ambiguous.
        rows = session.scalars(
            select(model.id).where(func.substr(model.id, 1, SHORT_ID_LENGTH).in_(heads))).all()
    by_head: dict[str, list[str]] = {}
    for other in rows:
        by_head.setdefault(other[:SHORT_ID_LENGTH], []).append(other)
    result = {}
    for rid in wanted:
        length = SHORT_ID_LENGTH
        for other in by_head.get(rid[:SHORT_ID_LENGTH], ()):
            if other != rid:
                shared = next((i for i, (a, b) in enumerate(zip(rid, other, strict=False))
                               if a != b), min(len(rid), len(other)))
                length = max(length, shared + 1)
        short = rid[:length]
        if short.endswith("-"):  # «3f2a1b4c-» reads as a typo; take the next character too
            short = rid[:length + 1]
        result[rid] = short
    return result


# --- clusters -------------------------------------------------------------------------------

def find_cluster(db: Database, ref: str | None) -> RecordView:
    """The live cluster named by ``ref``: its id or id prefix, its name (folded), or a unique part of it."""
    from services import records

    wanted = _clean(ref)
    if not wanted:
        raise LookupFailed("نام خوشه را بدهید.")
    clusters = records.list_records(db, "cluster")
    exact = [c for c in clusters if wanted in (c.id, c.title.strip())]
    if len(exact) == 1:
        return exact[0]
    key = name_key(wanted)
    prefix = _id_prefix(wanted)
    for test in (lambda c: name_key(c.title) == key,
                 lambda c: prefix is not None and c.id.startswith(prefix),
                 lambda c: bool(key) and key in name_key(c.title)):
        matches = [c for c in clusters if test(c)]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise _ambiguous(db, "cluster", f"بیش از یک خوشه با «{wanted}» جور است", matches)
    if not clusters:
        raise LookupFailed(f"خوشه «{wanted}» پیدا نشد؛ هیچ خوشه‌ای ثبت نشده است.")
    names = sorted(c.title for c in clusters)
    raise LookupFailed(f"خوشه «{wanted}» پیدا نشد. خوشه‌های ثبت‌شده:\n"
                       + item_lines(names, limit=CANDIDATES_SHOWN))


def find_province(db: Database, ref: str | None) -> str:
    """The province, spelled as its clusters have it, that ``ref`` names (folded comparison)."""
    wanted = _clean(ref)
    if not wanted:
        raise LookupFailed("نام استان را بدهید.")
    with db.session_factory() as session:
        known = sorted({p for (p,) in session.execute(
            select(Cluster.province).where(Cluster.deleted_at.is_(None))) if p})
    for p in known:
        if p == wanted or name_key(p) == name_key(wanted):
            return p
    if not known:
        raise LookupFailed(f"خوشه‌ای در استان «{wanted}» ثبت نشده است؛ هیچ استانی ثبت نشده است.")
    raise LookupFailed(f"خوشه‌ای در استان «{wanted}» ثبت نشده است. استان‌ها:\n" + item_lines(known))


def _ambiguous(db: Database, kind: str, head: str, views: Sequence[RecordView]) -> LookupFailed:
    date_field = SPECS[kind].date_field
    shorts = short_ids(db, kind, (v.id for v in views))
    found = [Candidate(v.id, shorts[v.id], v.title, v.get(date_field) if date_field else None)
             for v in views]
    return _listing(f"{head}؛ یکی را با شناسه کوتاهش بدهید:", found)


def _listing(head: str, candidates: Sequence[Candidate], total: int | None = None) -> LookupFailed:
    """The error naming ``candidates`` one per line (``total``: how many fit, if more than shown)."""
    return LookupFailed(head + "\n" + item_lines([c.line() for c in candidates],
                                                 limit=CANDIDATES_SHOWN, total=total), candidates)


# --- activities -----------------------------------------------------------------------------

def _nouns(kind: str) -> tuple[str, str, str]:
    noun = ACTIVITY_KINDS.get(kind, "فعالیت")
    return _NOUNS.get(kind, (noun, f"{noun}‌ها", f"{noun}ی"))


def _split_date(text: str) -> tuple[date | None, str]:
    """A Jalali date at the start or the end of ``text``, and the rest (part of a title)."""
    words = text.split(" ")
    for at in (0, -1) if len(words) > 1 else (0,):
        try:
            when = parse_jalali(words[at])
        except JalaliDateError:
            continue
        rest = words[1:] if at == 0 else words[:-1]
        return when, " ".join(rest)
    return None, text


def _activity_rows(db: Database, *conditions, limit: int | None = None,  # noqa: ANN002
                   ) -> list[tuple[str, str, str, date]]:
    """(id, kind, title, start date) of live activities, newest first."""
    stmt = (select(Activity.id, Activity.kind, Activity.title, Activity.start_date)
            .where(Activity.deleted_at.is_(None), *conditions)
            .order_by(Activity.start_date.desc(), Activity.id).limit(limit))
    with db.session_factory() as session:
        return [tuple(r) for r in session.execute(stmt)]


def _candidates(db: Database, rows: Sequence[tuple[str, str, str, date]]) -> list[Candidate]:
    shorts = short_ids(db, "activity", (r[0] for r in rows))
    return [Candidate(r[0], shorts[r[0]], r[2], r[3]) for r in rows]


def find_activity(db: Database, ref: str | None, kind: str) -> Candidate:
    """The live activity of ``kind`` (meeting, training…) named by ``ref``; see the module notes."""
    noun, plural, some = _nouns(kind)
    text = _clean(ref)
    if not text:
        raise LookupFailed(f"{noun} را مشخص کنید: شناسه، چند نویسه اول شناسه، "
                           "یا تاریخ شمسی و بخشی از عنوان.")
    prefix = _id_prefix(text)
    if prefix is not None:
        rows = _activity_rows(db, Activity.id.startswith(prefix, autoescape=True))
        mine = [r for r in rows if r[1] == kind]
        if len(mine) == 1:
            return _candidates(db, mine)[0]
        if len(mine) > 1:
            raise _listing(f"بیش از یک {noun} با شناسه «{text}» شروع می‌شود؛ "
                           "چند نویسه بیشتر از شناسه را بدهید:", _candidates(db, mine))
        if rows:
            got = ACTIVITY_KINDS.get(rows[0][1], rows[0][1])
            raise LookupFailed(f"شناسه «{text}» مال یک {got} است، نه {noun}؛ شناسه یک {noun} را بدهید.")
        # No id starts so: the text may still be part of a title («2025 expo»), read on.
    when, part = _split_date(text)
    conditions = [Activity.kind == kind]
    if when is not None:
        conditions += [Activity.start_date <= when,
                       func.coalesce(Activity.end_date, Activity.start_date) >= when]
    rows = _activity_rows(db, *conditions)
    key = name_key(part)
    fits = [r for r in rows if key in name_key(r[2])] if key else rows
    if len(fits) == 1:
        return _candidates(db, fits)[0]
    if len(fits) > 1:
        raise _listing(f"بیش از یک {noun} با «{text}» جور است؛ یکی را با شناسه کوتاهش "
                       "یا تاریخ و عنوان دقیق‌تر بدهید:", _candidates(db, fits[:CANDIDATES_SHOWN]),
                       total=len(fits))
    missing = f"{some} با «{text}» پیدا نشد."
    if when is not None and rows:
        raise _listing(f"{missing} {plural} همان تاریخ:", _candidates(db, rows[:CANDIDATES_SHOWN]),
                       total=len(rows))
    latest = _activity_rows(db, Activity.kind == kind, limit=CANDIDATES_SHOWN)
    if not latest:
        raise LookupFailed(f"{missing} هیچ {noun} ثبت نشده است.")
    with db.session_factory() as session:
        total = session.scalar(select(func.count()).select_from(Activity).where(
            Activity.kind == kind, Activity.deleted_at.is_(None)))
    raise _listing(f"{missing} آخرین {plural}:", _candidates(db, latest), total=total)


__all__ = ["Candidate", "LookupFailed", "find_activity", "find_cluster", "find_province",
           "short_ids"]
