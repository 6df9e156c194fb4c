"""Writing a package: the records of a cluster (changed since a date), closed over references."""

from __future__ import annotations

import hashlib
import json
import platform
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import Date, DateTime, String, and_, select, type_coerce
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session

from models import json_rows
from models.base import utcnow
from models.database import Database
from models.entities import Cluster, JointActionFirm
from models.id_lists import id_filters
from services.backup import encrypt_file
from services.exchange.common import (
    FILES_PREFIX,
    FORMAT,
    FORMAT_VERSION,
    KINDS,
    MANIFEST,
    MODELS,
    RECORDS,
    ExchangeError,
    chunks,
    columns_of,
    ref_fields,
)
from services.exchange.identity import agent_name, installation_id
from services.lookup import LookupFailed, find_cluster
from services.userfiles import publish


@dataclass(frozen=True)
class ExportResult:
    path: Path
    counts: dict[str, int]
    attachments: int
    missing_attachments: int
    encrypted: bool


def _since_stamp(since: date | None) -> datetime | None:
    return datetime.combine(since, time.min) if since is not None else None


def _cluster_id(db: Database, name: str) -> str:
    """The cluster named as everywhere else (id, id start, folded name or a unique part of it)."""
    try:
        return find_cluster(db, name).id
    except LookupFailed as exc:
        raise ExchangeError(exc.message, "exchange_cluster_missing") from exc


# A record as the export holds it: its JSON text as records.json holds it, then the fields the
# export itself looks at (`_fields`: id, references, an attachment's owner and file), as SQLite
# gives them beside the text.
Entry = tuple[Any, ...]


def _dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _fields(kind: str) -> list[str]:
    """The fields of a record that the export looks at (an entry holds them after the text)."""
    return ["id", *ref_fields(kind), *(("owner_id", "sha256") if kind == "attachment" else ())]


def _position(kind: str, name: str) -> int:
    return 1 + _fields(kind).index(name)


# Built once per kind (its statement has a few hundred parts: ~5 ms each time).
_JSON_ROWS: dict[tuple[str, frozenset[str], str], json_rows.JsonRows] = {}


def _json_rows(kind: str, text_columns: frozenset[str], dialect: Dialect) -> json_rows.JsonRows:
    key = (kind, text_columns, dialect.name)
    found = _JSON_ROWS.get(key)
    if found is None:
        found = _JSON_ROWS[key] = json_rows.JsonRows(
            MODELS[kind].__table__, columns_of(MODELS[kind]), _fields(kind), set(text_columns),
            dialect)
    return found


class _Reader:
    """Records of one kind as the package holds them.

    On SQLite, SQLite writes each record's JSON text itself (models.json_rows: no Python object
    per value, no json.dumps of them: that was two thirds of an export), beside the few fields
    the export looks at. A row SQLite would not write exactly as Python does (a date in another
    shape, a float with more digits ...) and any other database are read with Core statements:
    one tuple per row turned into a dict in column order, only the date and time columns
    converted, and written by json.dumps.

    The date and time columns are read as the text SQLite holds and turned into the package's
    ISO text by `package_text`, instead of parsed into datetime objects only to be formatted
    again (isoformat formats each number through sprintf: a tenth of an export)."""

    def __init__(self, session: Session, kind: str, in_sqlite: bool) -> None:
        self.session = session
        self.table = MODELS[kind].__table__
        columns = columns_of(MODELS[kind])
        dialect = session.get_bind().dialect
        self.names = [c.name for c in columns]
        self.temporal: list[tuple[int, Callable[[Any], Any]]] = []
        self.wanted = []
        for i, c in enumerate(columns):
            column = self.table.c[c.name]
            if isinstance(c.type, Date | DateTime):
                read = c.type.dialect_impl(dialect).result_processor(dialect, None)
                self.temporal.append((i, _package_text(isinstance(c.type, DateTime), read)))
                column = type_coerce(column, String)  # the stored value, unconverted
            self.wanted.append(column)
        self.keys = _fields(kind)
        self.json = _json_rows(kind, frozenset(json_rows.text_affinity(session, self.table)),
                               dialect) if in_sqlite else None

    def rows(self, where: Any = None, since: datetime | None = None) -> list[tuple[str, Entry]]:
        """(id, entry) of each record, in the order the database gives them."""
        if since is not None:
            since_where = self.table.c.updated_at >= since
            where = since_where if where is None else and_(where, since_where)
        if self.json is not None:
            found = json_rows.read(self.session, self.json.select(where))
            if found is not None:
                return self._entries(found)
        return [(row["id"], self._entry(row)) for row in self._dicts(where)]

    def _entry(self, row: dict[str, Any]) -> Entry:
        return (_dumps(row), *(row[k] for k in self.keys))

    def _entries(self, found: list[Entry]) -> list[tuple[str, Entry]]:
        by_python = [row[1] for row in found if row[0] is None]
        if not by_python:
            return [(row[1], row) for row in found]
        read = {row["id"]: self._entry(row)
                for where in id_filters("sqlite", self.table.c.id, by_python)
                for row in self._dicts(where)}
        return [(row[1], row if row[0] is not None else read[row[1]]) for row in found]

    def _dicts(self, where: Any) -> Iterator[dict[str, Any]]:
        stmt = select(*self.wanted)
        if where is not None:
            stmt = stmt.where(where)
        names, temporal = self.names, self.temporal
        for values in self.session.execute(stmt):
            if temporal:
                values = list(values)
                for i, convert in temporal:
                    if values[i] is not None:
                        values[i] = convert(values[i])
            yield dict(zip(names, values, strict=True))


def _package_text(with_time: bool, read: Callable[[Any], Any] | None) -> Callable[[Any], Any]:
    """Stored value -> the package's text: isoformat() of the value SQLAlchemy reads (`read`,
    the column's result processor). SQLAlchemy's own SQLite text ('YYYY-MM-DD HH:MM:SS.ffffff',
    'YYYY-MM-DD') is sliced into it once Python has checked it is a real date (fromisoformat);
    anything else — another shape, another backend's objects — goes through `read`."""

    def through_read(stored: Any) -> Any:
        value = read(stored) if read is not None else stored
        return None if value is None else value.isoformat()

    def date_time(stored: Any) -> Any:
        if type(stored) is str and len(stored) == 26 and stored[10] == " " and stored[19] == ".":
            try:
                datetime.fromisoformat(stored)
            except ValueError:
                return through_read(stored)
            # isoformat() leaves out a zero fraction.
            return stored[:10] + "T" + (stored[11:19] if stored[20:] == "000000" else stored[11:])
        return through_read(stored)

    def day(stored: Any) -> Any:
        if type(stored) is str and len(stored) == 10:
            try:
                date.fromisoformat(stored)
            except ValueError:
                return through_read(stored)
            return stored
        return through_read(stored)

    return date_time if with_time else day


def _select_records(session: Session, cluster_id: str | None, since: datetime | None, *,
                    in_sqlite: bool = True) -> dict[str, dict[str, Entry]]:
    """kind -> {id: the record as the package holds it}, closed over references.

    `in_sqlite=False` reads every record into Python (what any other database does)."""
    picked: dict[str, dict[str, Entry]] = {k: {} for k in KINDS}
    in_sqlite = in_sqlite and json_rows.supported(session)
    readers = {k: _Reader(session, k, in_sqlite) for k in KINDS}

    def take(kind: str, where: Any = None, *, changed_since: datetime | None = since) -> None:
        picked[kind].update(readers[kind].rows(where, changed_since))

    def column(kind: str, name: str) -> Any:
        return readers[kind].table.c[name]

    cid = cluster_id
    take("cluster", None if cid is None else column("cluster", "id") == cid)
    for kind in ("firm", "activity", "joint_action", "action_plan_item", "indicator_value"):
        take(kind, None if cid is None else column(kind, "cluster_id") == cid)
    if cid is None:
        take("organisation")
        take("person")
    else:
        take("person", column("person", "firm_id").in_(
            select(column("firm", "id")).where(column("firm", "cluster_id") == cid)))
    scope_activities = select(column("activity", "id"))
    if cid is not None:
        scope_activities = scope_activities.where(column("activity", "cluster_id") == cid)
    take("participant", column("participant", "activity_id").in_(scope_activities))
    take("resolution", column("resolution", "meeting_id").in_(scope_activities))
    # The children of every exported activity travel whole (they are replaced as a set); without
    # `since` they were all read just above.
    ids = list(picked["activity"]) if since is not None else []
    for kind, key in (("participant", "activity_id"), ("resolution", "meeting_id")):
        for chunk in chunks(ids):
            take(kind, column(kind, key).in_(chunk), changed_since=None)
    # Close over references: a record never travels without what it points to.
    changed = True
    while changed:
        changed = False
        for kind in KINDS:
            refs = ref_fields(kind)
            for name, ref_kind in refs.items():
                at = _position(kind, name)
                missing = {entry[at] for entry in picked[kind].values()} - picked[ref_kind].keys()
                missing.discard(None)
                missing.discard("")
                for chunk in chunks(sorted(missing)):
                    before = len(picked[ref_kind])
                    take(ref_kind, column(ref_kind, "id").in_(chunk), changed_since=None)
                    changed = changed or len(picked[ref_kind]) > before
    owners = {i for k in KINDS if k != "attachment" for i in picked[k]}
    owner_at = _position("attachment", "owner_id")
    for ident, entry in readers["attachment"].rows(since=since):
        if cid is None or entry[owner_at] in owners:
            picked["attachment"][ident] = entry
    return picked


def _records_json(rows: dict[str, list[Entry]], rest: dict[str, Any]) -> bytes:
    """records.json: what json.dumps({"records": {kind: [record, ...]}, **rest}) writes (no
    spaces, UTF-8 as is), each record's text already written."""
    # One join of every piece: the 27 MB of a 10k package copied once more, not four times.
    pieces = [b'{"records":{']
    for kind, entries in rows.items():
        pieces += [b"," if len(pieces) > 1 else b"", _dumps(kind), b":[",
                   b",".join([entry[0] for entry in entries]), b"]"]
    pieces.append(b"}" + (b"," + _dumps(rest)[1:] if rest else b"}"))
    return b"".join(pieces)


def export_package(db: Database, out: Path | str, *, cluster: str | None = None,
                   since: date | None = None, password: str | None = None,
                   _in_sqlite: bool = True) -> ExportResult:
    """Writes one package file with the records (of a cluster, changed since a date).

    (`_in_sqlite=False`: every record read into Python; the tests compare the two.)"""
    out = Path(out)
    origin = installation_id(db)
    agent = agent_name(db)
    cluster_id = _cluster_id(db, cluster) if cluster else None
    with db.session_factory() as session:
        chosen = session.get(Cluster, cluster_id) if cluster_id else None
        picked = _select_records(session, cluster_id, _since_stamp(since), in_sqlite=_in_sqlite)
        rows: dict[str, list[Entry]] = {
            kind: [picked[kind][i] for i in sorted(picked[kind])] for kind in KINDS}
        ja_ids = list(picked["joint_action"])
        links: list[list[str]] = []
        for chunk in chunks(ja_ids):
            links += [[a, f] for a, f in session.execute(
                select(JointActionFirm.joint_action_id, JointActionFirm.firm_id)
                .where(JointActionFirm.joint_action_id.in_(chunk)))]
        children: dict[str, dict[str, list[str]]] = {
            aid: {"participants": [], "resolutions": []} for aid in picked["activity"]}
        for kind, key, field in (("participant", "participants", "activity_id"),
                                 ("resolution", "resolutions", "meeting_id")):
            at = _position(kind, field)
            for ident, entry in picked[kind].items():
                if entry[at] in children:
                    children[entry[at]][key].append(ident)
    from services.attachments import blob_path

    missing = 0
    sha_at = _position("attachment", "sha256")
    kept_attachments = []
    for row in rows["attachment"]:
        if blob_path(db.files_dir, row[sha_at]).is_file():
            kept_attachments.append(row)
        else:
            missing += 1
    rows["attachment"] = kept_attachments
    payload = _records_json(rows, {"links": {"joint_action_firm": sorted(links)},
                                   "children": children})
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".khooshe-exchange-", dir=out.parent))
    try:
        plain = work / "package.zip"
        members: dict[str, dict[str, Any]] = {
            RECORDS: {"sha256": hashlib.sha256(payload).hexdigest(), "size": len(payload)}}
        with zipfile.ZipFile(plain, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1,
                             allowZip64=True) as zf:
            zf.writestr(RECORDS, payload)
            for sha in sorted({r[sha_at] for r in rows["attachment"]}):
                source = blob_path(db.files_dir, sha)
                zf.write(source, FILES_PREFIX + sha)
                members[FILES_PREFIX + sha] = {"sha256": sha, "size": source.stat().st_size}
            manifest = {
                "format": FORMAT, "format_version": FORMAT_VERSION,
                "created_at": utcnow().isoformat(), "origin": origin, "agent_name": agent,
                # The computer's own name: how the office tells apart agents who gave no name.
                "laptop": platform.node()[:100],
                "cluster": chosen.name if chosen is not None else None,
                "since": since.isoformat() if since else None,
                "counts": {k: len(v) for k, v in rows.items()},
                "members": members,
            }
            zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
        final_src = plain
        if password:
            final_src = work / "package.enc"
            encrypt_file(plain, final_src, password)
        publish(final_src, out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return ExportResult(path=out, counts={k: len(v) for k, v in rows.items()},
                        attachments=len(rows["attachment"]), missing_attachments=missing,
                        encrypted=bool(password))

