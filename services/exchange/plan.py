"""What an import would change: per record new, updated, deleted, unchanged or in conflict."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.base import utcnow
from models.entities import Activity, ExchangeState, Participant, Resolution
from models.fast_query import first_column
from services.exchange.common import (
    KINDS,
    MODELS,
    Row,
    bad_record,
    chunks,
    columns_of,
    kind_label,
    record_name,
    ref_fields,
)
from services.exchange.read import Package
from services.schema import MODEL_BY_KIND, SPECS


@dataclass(frozen=True)
class Conflict:
    kind: str
    record_id: str
    title: str
    local_updated_at: datetime
    incoming_updated_at: datetime
    winner: str  # "incoming" | "local"
    fields: tuple[str, ...]  # Persian labels of the fields that differ


@dataclass
class KindCounts:
    new: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    conflicts: int = 0


@dataclass
class ImportReport:
    origin: str
    agent_name: str
    created_at: str | None
    dry_run: bool
    counts: dict[str, KindCounts] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    backup: Path | None = None
    # Who sent it when `agent_name` is empty: the package's cluster(s) and the sender's computer.
    cluster: str | None = None
    laptop: str | None = None
    # The database had applied these very records before: nothing was planned record by record.
    already_applied: bool = False

    @property
    def changed(self) -> int:
        return sum(c.new + c.updated + c.deleted for c in self.counts.values())

    @property
    def sender(self) -> str:
        """The sender as people name it: the agent's name, else cluster and computer (in
        Persian, for the command line; the app builds the same from the fields)."""
        if self.agent_name:
            return self.agent_name
        return f"عامل بی‌نام، خوشه «{self.cluster or '—'}»، رایانه «{self.laptop or '—'}»"


STATE = ExchangeState.__table__
COMPARE_SKIP = {"id", "created_at", "updated_at", "origin"}


def _differences(kind: str, row: dict[str, Any], obj: Any) -> tuple[str, ...]:
    labels = []
    for name, value in row.items():
        if name in COMPARE_SKIP:
            continue
        if getattr(obj, name) != value:
            if kind in SPECS and name in SPECS[kind].field_names:
                labels.append(SPECS[kind].field(name).label)
            elif name == "deleted_at":
                labels.append("حذف‌شده")
            else:
                labels.append(name)
    return tuple(labels)


Pointers = dict[str, dict[str, tuple[str, dict[str, Any], str]]]


def outside_pointers(package: Package) -> Pointers:
    """ref kind -> {id: (kind, row, field)} of the records the package points to but does not
    hold. A function of the package alone, so worked out once per package (the import checks
    references before its transaction and again inside it)."""
    if package.outside_pointers is not None:
        return package.outside_pointers
    in_package = {kind: {r["id"] for r in package.records[kind]} for kind in KINDS}
    wanted: Pointers = {k: {} for k in KINDS}
    for kind in KINDS:
        refs = ref_fields(kind)
        if kind != "attachment" and not _points_outside(package.records[kind], refs, in_package):
            continue  # the usual whole package: one set difference per field, no loop per row
        for row in package.records[kind]:
            pairs = [(row.get(name), ref_kind, name) for name, ref_kind in refs.items()]
            if kind == "attachment":
                pairs.append((row["owner_id"], row["owner_kind"], "owner_id"))
            for ref_id, ref_kind, name in pairs:
                if ref_id and ref_id not in in_package.get(ref_kind, set()):
                    wanted.setdefault(ref_kind, {})[ref_id] = (kind, row, name)
    for a, f in package.links:
        if a not in in_package["joint_action"]:
            wanted["joint_action"][a] = ("joint_action", {"id": a}, "id")
        if f not in in_package["firm"]:
            wanted["firm"][f] = ("joint_action", {"id": a}, "firm")
    package.outside_pointers = wanted
    return wanted


def check_references(session: Session, package: Package) -> None:
    """Refuses the package when a record it points to is neither in it nor in the database."""
    wanted = outside_pointers(package)
    for ref_kind, items in wanted.items():
        if not items:
            continue
        model = MODEL_BY_KIND[ref_kind]
        ids = list(items)
        found: set[str] = set()
        for chunk in chunks(ids):
            found |= set(session.scalars(select(model.id).where(model.id.in_(chunk))))
        for ref_id in ids:
            if ref_id not in found:
                kind, row, name = items[ref_id]
                raise bad_record(kind, row, f"به {kind_label(ref_kind) if ref_kind in KINDS else ref_kind}"
                                  f"ی اشاره می‌کند که نه در بسته هست و نه در پایگاه داده "
                                  f"({name}).")


def _points_outside(rows: list[dict[str, Any]], refs: dict[str, str],
                    in_package: dict[str, set[str]]) -> bool:
    """Whether any of `rows` refers to a record the package does not hold."""
    for name, ref_kind in refs.items():
        outside = {row.get(name) for row in rows} - in_package.get(ref_kind, set())
        if any(outside):  # None and "" refer to nothing
            return True
    return False


@dataclass
class Plan:
    apply: list[tuple[str, dict[str, Any], Any]]  # (kind, row, existing object or None)
    removals: list[Any]  # children the sender removed from an activity
    # Bases of records already here, and the package mark; a record new to this database gets
    # its base from its inserted row (merge.new_record_states), not from a row built here.
    state_new: list[dict[str, Any]]
    state_changed: list[dict[str, Any]]
    imported_at: datetime  # every base this plan writes says it was written then

    @property
    def empty(self) -> bool:
        return not (self.apply or self.removals or self.state_new or self.state_changed)


PACKAGE_KEY = "package"
# An applied package's records digest, remembered per sender in exchange_state (record_id holds
# its first 36 hex digits, the column's width on every backend): importing those very records
# again is recognised without planning every record (see already_applied_report).
DIGEST_KIND = "package-digest"


def digest_key(records_digest: str) -> str:
    return records_digest[:36]


def is_applied(session: Session, origin: str, records_digest: str) -> bool:
    return session.scalar(select(ExchangeState.record_id).where(
        ExchangeState.origin == origin, ExchangeState.record_id == digest_key(records_digest),
        ExchangeState.kind == DIGEST_KIND)) is not None


def digest_mark(package: Package) -> dict[str, Any] | None:
    """The exchange_state row that remembers `package` as applied (None: nothing to remember)."""
    if not package.records_digest or not package.origin:
        return None
    now = utcnow()
    return {"record_id": digest_key(package.records_digest), "origin": package.origin,
            "kind": DIGEST_KIND, "base_updated_at": _package_made(package) or now,
            "imported_at": now}


def already_applied_report(session: Session, package: Package, report: ImportReport) -> None:
    """The plan of a package whose very records were applied before, without planning each one.

    Applying a package sets every record's base stamp (exchange_state) to the package's stamp,
    and a base only ever moves forward; so each record is "unchanged" for plan_import — its
    stamp equals its base (a change made here since is kept) or is older (never rolled back), or
    it was removed here or by a newer package of the sender (not brought back) — and the
    package mark (the newest package seen) is already at or past this one. What is left to
    check is what the database may have lost since: the records outside the package that it
    points to (check_references, as the full path does)."""
    check_references(session, package)
    for kind in KINDS:
        report.counts[kind] = KindCounts(unchanged=len(package.records[kind]))
    report.already_applied = True


def _package_made(package: Package) -> datetime | None:
    try:
        return datetime.fromisoformat(str(package.manifest.get("created_at"))).replace(tzinfo=None)
    except ValueError:
        return None


def _removed_children(session: Session, package: Package, report: ImportReport) -> list[Any]:
    """Participants/resolutions that came from this sender earlier and that the sender's copy of
    the activity no longer has (the app removes them for real, so no tombstone travels)."""
    removals: list[Any] = []
    made = _package_made(package)
    if made is None:
        return removals
    aids = sorted(package.children)
    # Only an activity this database holds can have children here.
    held = _held(session, Activity.__table__.c.id, aids)
    if held is not None:
        aids = [a for a in aids if a in held]
    for kind, model, key, list_name in (("participant", Participant, "activity_id", "participants"),
                                        ("resolution", Resolution, "meeting_id", "resolutions")):
        counts = report.counts.setdefault(kind, KindCounts())
        keep = {aid: set(package.children[aid][list_name]) for aid in aids}
        for chunk in chunks(aids):
            parent = getattr(model, key)
            candidates = [cid for cid, aid in session.execute(
                select(model.id, parent).where(parent.in_(chunk))) if cid not in keep[aid]]
            if not candidates:
                continue
            received = dict(session.execute(select(
                ExchangeState.record_id, ExchangeState.base_updated_at).where(
                ExchangeState.origin == package.origin,
                ExchangeState.record_id.in_(candidates))).all())
            # Received from this sender, and not in a package made after this one.
            gone = [cid for cid in candidates if cid in received and received[cid] <= made]
            if gone:
                removals += list(session.scalars(select(model).where(model.id.in_(gone))))
                counts.deleted += len(gone)
    return removals


# The last kind whose planning can refuse a package (an activity whose kind differs from the
# local copy's): a plan asked only whether anything will be written may stop after it.
LAST_REFUSING_KIND = "activity"


def plan_import(session: Session, package: Package, report: ImportReport, *,
                only_whether_writing: bool = False) -> Plan:
    """What to write, and the report's figures.

    `only_whether_writing`: the plan only has to say whether records will be written (and so a
    backup made), and every refusal the full plan would make: it stops after the last kind that
    can refuse once a record is to be written (the import plans again in its transaction, so
    the first look at a fresh office's 53,509 records no longer walks them all). Its figures
    are then partial."""
    origin = package.origin
    apply: list[tuple[str, dict[str, Any], Any]] = []
    state_new: list[dict[str, Any]] = []
    state_changed: list[dict[str, Any]] = []
    now = utcnow()
    # The newest package seen from this sender: a package older than it may still list
    # participants/resolutions the sender has removed since (they leave no tombstone).
    made = _package_made(package)
    last = session.scalar(select(ExchangeState.base_updated_at).where(
        ExchangeState.origin == origin, ExchangeState.record_id == PACKAGE_KEY))
    stale_package = made is None or (last is not None and made < last)
    if made is not None:
        mark = {"record_id": PACKAGE_KEY, "origin": origin, "kind": "package",
                "base_updated_at": made, "imported_at": now}
        if last is None:
            state_new.append(mark)
        elif made > last:
            state_changed.append(mark)
    # Every base this sender has here, read at once when there are not many more of them than
    # records in the package (a sender's first package: none), else looked up per chunk.
    sender_bases = _sender_bases(session, origin, sum(len(rows) for rows in package.records.values()))
    for kind in KINDS:
        if only_whether_writing and apply and KINDS.index(kind) > KINDS.index(LAST_REFUSING_KIND):
            return Plan(apply, [], state_new, state_changed, now)
        counts = report.counts.setdefault(kind, KindCounts())
        rows = package.records[kind]
        if not rows:
            continue
        model = MODELS[kind]
        ids = [r["id"] for r in rows]
        existing: dict[str, Any] = {}
        table = model.__table__
        wanted = [table.c[c.name] for c in columns_of(Activity if kind == "activity" else model)]
        held = _held(session, table.c.id, ids)
        for chunk in chunks(ids if held is None else [i for i in ids if i in held]):
            existing.update({r.id: Row(r._mapping) for r in session.execute(
                select(*wanted).where(table.c.id.in_(chunk)))})
        if sender_bases is None:
            bases = _bases(session, origin, ids)
        else:
            bases = {i: sender_bases[i] for i in ids if i in sender_bases}
        for row in rows:
            rid = row["id"]
            incoming = row["updated_at"]
            base = bases.get(rid)
            if rid not in existing and (base is not None or (
                    stale_package and kind in ("participant", "resolution"))):
                # Received before and removed for good since (a participant or resolution
                # taken off its activity), or maybe removed at the sender after this older
                # package was made: do not bring it back.
                counts.unchanged += 1
                continue
            if base is not None and incoming < base:
                # An older package from the same sender (imported late or again): a newer copy
                # of this record was received already; never roll it back.
                counts.unchanged += 1
                continue
            local = existing.get(rid)
            if local is None:
                # New here (and so without a base: that case stopped above). Its base is copied
                # from the inserted row by INSERT ... SELECT: a dict per record cost more.
                apply.append((kind, row, None))
                if row["deleted_at"] is not None:
                    counts.deleted += 1
                else:
                    counts.new += 1
                continue
            state = {"record_id": rid, "origin": origin, "kind": kind,
                     "base_updated_at": incoming, "imported_at": now}
            if base is None:
                state_new.append(state)
            elif base != incoming:
                state_changed.append(state)
            if kind == "activity" and local.kind != row["kind"]:
                raise bad_record(kind, row, "نوع فعالیت با نوع ثبت‌شده در پایگاه داده فرق دارد.")
            differs = _differences(kind, row, local)
            if not differs or incoming == base:
                # Nothing new in the package (a change made here since is kept).
                counts.unchanged += 1
                continue
            local_changed = base is None or local.updated_at != base
            incoming_wins = incoming > local.updated_at
            if local_changed:
                counts.conflicts += 1
                report.conflicts.append(Conflict(
                    kind=kind, record_id=rid, title=record_name(kind, row),
                    local_updated_at=local.updated_at, incoming_updated_at=incoming,
                    winner="incoming" if incoming_wins else "local", fields=differs))
                if not incoming_wins:
                    continue
            apply.append((kind, row, local))
            if row["deleted_at"] is not None and local.deleted_at is None:
                counts.deleted += 1
            else:
                counts.updated += 1
    return Plan(apply, _removed_children(session, package, report), state_new, state_changed,
                now)


# Reading a whole table's ids costs a few times less per id than looking ids up in chunks of
# IN lists (SQLAlchemy renders and binds every value), so a table with up to this many times
# the package's records is read whole: a fresh office's tables answer "none" in one query each.
READ_WHOLE_FACTOR = 8


def _held(session: Session, column: Any, ids: list[str]) -> set[str] | None:
    """Which of `ids` `column` holds, read in one query when its table is small next to `ids`;
    None when it is bigger (the caller then looks the ids up chunk by chunk)."""
    limit = READ_WHOLE_FACTOR * len(ids) + 1
    found = first_column(session, select(column).limit(limit))
    if len(found) >= limit:
        return None
    return set(found).intersection(ids)


def _sender_bases(session: Session, origin: str, records: int) -> dict[str, datetime] | None:
    """record id -> base stamp of everything received from `origin`, when there are at most
    READ_WHOLE_FACTOR × `records` of them (else None)."""
    limit = READ_WHOLE_FACTOR * records + 1
    found = dict(session.execute(select(ExchangeState.record_id, ExchangeState.base_updated_at)
                                 .where(ExchangeState.origin == origin).limit(limit)).all())
    return None if len(found) >= limit else found


def _bases(session: Session, origin: str, ids: list[str]) -> dict[str, datetime]:
    bases: dict[str, datetime] = {}
    for chunk in chunks(ids):
        bases.update(dict(session.execute(select(
            ExchangeState.record_id, ExchangeState.base_updated_at).where(
            ExchangeState.origin == origin, ExchangeState.record_id.in_(chunk))).all()))
    return bases

