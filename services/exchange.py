"""Exchange packages: an agent's laptop sends its records to the provincial office (issue #6).

A package (`.kxp`) is one zip, optionally encrypted as a whole with a password
(services.backup_crypto), holding:

* `manifest.json` — format, version, the sending installation (`origin`, `agent_name`), the
  scope (cluster, since), record counts, and the sha256 and size of every other member;
* `records.json`  — `{"records": {kind: [row, …]}, "links": {"joint_action_firm": [[ja, firm]]},
  "children": {activity_id: {"participants": [id…], "resolutions": [id…]}}}`; a row holds every
  column of the record (dates and stamps as ISO text) except the local `version`;
* `files/<sha256>` — the attachments' bytes.

Import merges by UUID. Per record and sending installation, `exchange_state.base_updated_at`
remembers the stamp of the last imported copy: an incoming stamp equal to it brings nothing new;
a local stamp equal to it means the record was not changed here, so the incoming copy simply
replaces it; when both changed, that is a conflict: the newer change (updated_at) wins and the
conflict is listed in the report. Deletions travel as tombstones (deleted_at). Importing the same
package again changes nothing. Everything is checked before anything is written: a hostile or
broken package is refused whole, in well under two seconds, with the database untouched; then,
on SQLite, a backup is made, and the import runs as one transaction through the ORM (so the
search index follows).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import stat
import tempfile
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    Integer,
    bindparam,
    delete,
    insert,
    select,
    update,
)
from sqlalchemy.orm import Session

from models import search_index
from models.base import utcnow
from models.database import Database, installation_id_in
from models.entities import (
    ACTIVITY_CLASSES,
    Activity,
    Attachment,
    Cluster,
    ExchangeState,
    Firm,
    JointAction,
    JointActionFirm,
    Participant,
    Person,
    Resolution,
    Setting,
)
from models.vocab import PARTICIPANT_ROLES
from persian.digits import to_persian_digits
from persian.fold import name_key
from services.backup_crypto import BackupError, decrypt_file, encrypt_file, is_encrypted
from services.errors import ServiceError, ValidationError
from services.schema import MODEL_BY_KIND, SPECS
from services.uow import unit_of_work
from services.validation import clean_record

FORMAT = "khooshe-exchange"
FORMAT_VERSION = 1
SUFFIX = ".kxp"
MANIFEST = "manifest.json"
RECORDS = "records.json"
FILES_PREFIX = "files/"

# Caps for hostile packages (checked before anything is read or written).
MAX_PACKAGE_BYTES = 4 << 30
MAX_ENTRIES = 20_000
MAX_TOTAL_BYTES = 4 << 30  # everything uncompressed
MAX_MANIFEST_BYTES = 4 << 20
MAX_RECORDS_BYTES = 512 << 20
MAX_RATIO = 100  # uncompressed / compressed, for members above RATIO_FLOOR
RATIO_FLOOR = 1 << 20
MAX_JSON_DEPTH = 6
MAX_RECORDS = 2_000_000

# Parents before children, so references resolve in one pass.
KINDS = ("cluster", "organisation", "firm", "person", "activity", "participant", "resolution",
         "joint_action", "action_plan_item", "indicator_value", "attachment")
MODELS: dict[str, type] = {k: MODEL_BY_KIND[k] for k in KINDS}
EXTRA_LABELS = {"participant": "شرکت‌کننده", "attachment": "پیوست"}
# Foreign keys of the kinds that have no RecordSpec.
EXTRA_REFS = {"participant": {"activity_id": "activity", "person_id": "person",
                              "firm_id": "firm"}}
_UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
                      r"[0-9a-fA-F]{12}$")
_SHA_RE = re.compile(r"^[0-9a-f]{64}$")
# "…" with escapes, unrolled (same matches as "(?:[^"\\]|\\.)*", three times faster).
_STRING_RE = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKET_RE = re.compile(rb"[^\[\]{}]+")
_PAIR_RE = re.compile(rb"\[\]|\{\}")

REFUSED = "بسته تبادل پذیرفته نشد و چیزی در پایگاه داده نوشته نشد: "
TAMPERED = REFUSED + "فایل خراب یا دست‌کاری شده است (کنترل صحت نخواند)."
FOREIGN = REFUSED + "این فایل بسته تبادل خوشه نیست."


class ExchangeError(ServiceError):
    """A package could not be written or was refused; `.message` is Persian."""

    code = "exchange_error"

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code


def kind_label(kind: str) -> str:
    return SPECS[kind].label if kind in SPECS else EXTRA_LABELS[kind]


# --------------------------------------------------------------------------------------------
# Identity of this installation


def installation_id(db: Database) -> str:
    with unit_of_work(db) as session:
        return installation_id_in(session)


def agent_name(db: Database) -> str:
    with db.session_factory() as session:
        row = session.get(Setting, "agent_name")
        if row is None:
            return ""
        try:
            value = json.loads(row.value)
        except ValueError:
            return ""
        return value if isinstance(value, str) else ""


def set_agent_name(db: Database, name: str) -> None:
    with unit_of_work(db) as session:
        row = session.get(Setting, "agent_name")
        text = json.dumps(name.strip(), ensure_ascii=False)
        if row is None:
            session.add(Setting(key="agent_name", value=text))
        else:
            row.value = text


# --------------------------------------------------------------------------------------------
# Rows <-> JSON


def _columns(model: type) -> list:
    return [c for c in model.__table__.columns if c.name != "version"]


def _to_json(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


# --------------------------------------------------------------------------------------------
# Export


@dataclass(frozen=True)
class ExportResult:
    path: Path
    counts: dict[str, int]
    attachments: int
    missing_attachments: int
    encrypted: bool


def _since_stamp(since: date | None) -> datetime | None:
    return datetime.combine(since, time.min) if since is not None else None


def _find_cluster(session: Session, name: str) -> Cluster:
    key = name_key(name)
    for c in session.scalars(select(Cluster).where(Cluster.deleted_at.is_(None))):
        if name_key(c.name) == key:
            return c
    raise ExchangeError(f"خوشه «{name}» پیدا نشد؛ نام خوشه را همان‌طور که ثبت شده بنویسید.",
                        "exchange_cluster_missing")


def _ref_fields(kind: str) -> dict[str, str]:
    if kind in SPECS:
        return {f.name: f.ref_kind for f in SPECS[kind].fields
                if f.type == "ref" and f.ref_kind is not None}
    return EXTRA_REFS.get(kind, {})


def _select_records(session: Session, cluster: Cluster | None,
                    since: datetime | None) -> dict[str, dict[str, Any]]:
    """kind -> {id: ORM object} for the package, closed over references."""
    picked: dict[str, dict[str, Any]] = {k: {} for k in KINDS}

    def take(kind: str, stmt) -> None:  # noqa: ANN001 - a Select
        model = MODELS[kind]
        if since is not None:
            stmt = stmt.where(model.updated_at >= since)
        for obj in session.scalars(stmt):
            picked[kind][obj.id] = obj

    cid = cluster.id if cluster is not None else None
    scoped = {"firm": Firm, "activity": Activity, "joint_action": JointAction,
              "action_plan_item": MODELS["action_plan_item"],
              "indicator_value": MODELS["indicator_value"]}
    take("cluster", select(Cluster) if cid is None else select(Cluster).where(Cluster.id == cid))
    for kind, model in scoped.items():
        stmt = select(model)
        if cid is not None:
            stmt = stmt.where(model.cluster_id == cid)
        take(kind, stmt)
    if cid is None:
        take("organisation", select(MODELS["organisation"]))
        take("person", select(Person))
    else:
        take("person", select(Person).where(Person.firm_id.in_(
            select(Firm.id).where(Firm.cluster_id == cid))))
    scope_activities = select(Activity.id)
    if cid is not None:
        scope_activities = scope_activities.where(Activity.cluster_id == cid)
    take("participant", select(Participant).where(Participant.activity_id.in_(scope_activities)))
    take("resolution", select(Resolution).where(Resolution.meeting_id.in_(scope_activities)))
    # The children of every exported activity travel whole (they are replaced as a set).
    for kind, model, key in (("participant", Participant, "activity_id"),
                             ("resolution", Resolution, "meeting_id")):
        ids = list(picked["activity"])
        for chunk in _chunks(ids):
            for obj in session.scalars(select(model).where(getattr(model, key).in_(chunk))):
                picked[kind][obj.id] = obj
    # Close over references: a record never travels without what it points to.
    changed = True
    while changed:
        changed = False
        for kind in KINDS:
            refs = _ref_fields(kind)
            if not refs:
                continue
            for obj in list(picked[kind].values()):
                for name, ref_kind in refs.items():
                    ref_id = getattr(obj, name)
                    if ref_id and ref_id not in picked[ref_kind]:
                        target = session.get(MODELS[ref_kind], ref_id)
                        if target is not None:
                            picked[ref_kind][ref_id] = target
                            changed = True
    owners = {i for k in KINDS if k != "attachment" for i in picked[k]}
    stmt = select(Attachment)
    if since is not None:
        stmt = stmt.where(Attachment.updated_at >= since)
    for a in session.scalars(stmt):
        if cid is None or a.owner_id in owners:
            picked["attachment"][a.id] = a
    return picked


def export_package(db: Database, out: Path | str, *, cluster: str | None = None,
                   since: date | None = None, password: str | None = None) -> ExportResult:
    """Writes one package file with the records (of a cluster, changed since a date)."""
    out = Path(out)
    origin = installation_id(db)
    agent = agent_name(db)
    with db.session_factory() as session:
        chosen = _find_cluster(session, cluster) if cluster else None
        picked = _select_records(session, chosen, _since_stamp(since))
        rows: dict[str, list[dict[str, Any]]] = {}
        for kind in KINDS:
            rows[kind] = [_row(obj, kind) for obj in sorted(picked[kind].values(),
                                                            key=lambda o: o.id)]
        ja_ids = list(picked["joint_action"])
        links: list[list[str]] = []
        for chunk in _chunks(ja_ids):
            links += [[a, f] for a, f in session.execute(
                select(JointActionFirm.joint_action_id, JointActionFirm.firm_id)
                .where(JointActionFirm.joint_action_id.in_(chunk)))]
        children: dict[str, dict[str, list[str]]] = {
            aid: {"participants": [], "resolutions": []} for aid in picked["activity"]}
        for p in picked["participant"].values():
            if p.activity_id in children:
                children[p.activity_id]["participants"].append(p.id)
        for r in picked["resolution"].values():
            if r.meeting_id in children:
                children[r.meeting_id]["resolutions"].append(r.id)
    from services.attachments import blob_path

    missing = 0
    kept_attachments = []
    for row in rows["attachment"]:
        if blob_path(db.files_dir, row["sha256"]).is_file():
            kept_attachments.append(row)
        else:
            missing += 1
    rows["attachment"] = kept_attachments
    payload = json.dumps({"records": rows, "links": {"joint_action_firm": sorted(links)},
                          "children": children},
                         ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".khooshe-exchange-", dir=out.parent))
    try:
        plain = work / "package.zip"
        members: dict[str, dict[str, Any]] = {
            RECORDS: {"sha256": hashlib.sha256(payload).hexdigest(), "size": len(payload)}}
        with zipfile.ZipFile(plain, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6,
                             allowZip64=True) as zf:
            zf.writestr(RECORDS, payload)
            for sha in sorted({r["sha256"] for r in rows["attachment"]}):
                source = blob_path(db.files_dir, sha)
                zf.write(source, FILES_PREFIX + sha)
                members[FILES_PREFIX + sha] = {"sha256": sha, "size": source.stat().st_size}
            manifest = {
                "format": FORMAT, "format_version": FORMAT_VERSION,
                "created_at": utcnow().isoformat(), "origin": origin, "agent_name": agent,
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
        with final_src.open("rb") as fh:
            os.fsync(fh.fileno())
        os.replace(final_src, out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return ExportResult(path=out, counts={k: len(v) for k, v in rows.items()},
                        attachments=len(rows["attachment"]), missing_attachments=missing,
                        encrypted=bool(password))


def _row(obj: Any, kind: str) -> dict[str, Any]:
    model = Activity if kind == "activity" else MODELS[kind]
    return {c.name: _to_json(getattr(obj, c.name)) for c in _columns(model)}


def _chunks(items: list[str], size: int = 500) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start: start + size]


# --------------------------------------------------------------------------------------------
# Reading a package: every check before anything is written


@dataclass
class Package:
    path: Path
    manifest: dict[str, Any]
    records: dict[str, list[dict[str, Any]]]  # kind -> rows with Python values
    links: list[tuple[str, str]]
    children: dict[str, dict[str, list[str]]]
    zip_file: zipfile.ZipFile

    @property
    def origin(self) -> str:
        return self.manifest["origin"]

    @property
    def agent_name(self) -> str:
        return self.manifest.get("agent_name") or ""


def _safe_member_name(name: str) -> bool:
    if not name or "\\" in name or "\x00" in name or name.startswith("/"):
        return False
    if re.match(r"^[A-Za-z]:", name):
        return False
    parts = name.split("/")
    return all(p not in ("", ".", "..") for p in parts)


def _check_members(zf: zipfile.ZipFile, package_size: int) -> dict[str, zipfile.ZipInfo]:
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        raise ExchangeError(REFUSED + f"تعداد فایل‌های درون بسته بیش از حد است "
                            f"({to_persian_digits(str(len(infos)))}).", "exchange_too_many")
    by_name: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        name = info.filename
        if not _safe_member_name(name):
            raise ExchangeError(REFUSED + f"مسیر ناامن درون بسته: «{name}».", "exchange_unsafe_path")
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode) or info.is_dir():
            raise ExchangeError(REFUSED + f"پیوند نمادین یا پوشه درون بسته: «{name}».",
                                "exchange_unsafe_path")
        if name in by_name:
            raise ExchangeError(REFUSED + f"فایل تکراری درون بسته: «{name}».", "exchange_tampered")
        if name not in (MANIFEST, RECORDS) and not (
                name.startswith(FILES_PREFIX) and _SHA_RE.match(name[len(FILES_PREFIX):])):
            raise ExchangeError(REFUSED + f"فایل ناشناخته درون بسته: «{name}».", "exchange_tampered")
        if info.flag_bits & 0x1:
            raise ExchangeError(REFUSED + "فایل‌های رمزگذاری‌شده zip پذیرفته نمی‌شوند.",
                                "exchange_tampered")
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise ExchangeError(REFUSED + "حجم بازشده بسته بیش از حد مجاز است (بمب فشرده‌سازی).",
                                "exchange_bomb")
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ExchangeError(REFUSED + f"نسبت فشرده‌سازی «{name}» غیرعادی است "
                                "(بمب فشرده‌سازی).", "exchange_bomb")
        by_name[name] = info
    if total > MAX_RATIO * max(package_size, 1) and total > RATIO_FLOOR:
        raise ExchangeError(REFUSED + "نسبت فشرده‌سازی بسته غیرعادی است (بمب فشرده‌سازی).",
                            "exchange_bomb")
    return by_name


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytes:
    if info.file_size > cap:
        raise ExchangeError(REFUSED + f"«{info.filename}» بیش از حد بزرگ است.", "exchange_too_big")
    with zf.open(info) as fh:
        data = fh.read(cap + 1)
    if len(data) > cap or len(data) != info.file_size:
        raise ExchangeError(TAMPERED, "exchange_tampered")
    return data


def json_depth_ok(raw: bytes, max_depth: int = MAX_JSON_DEPTH) -> bool:
    """True when the JSON text nests at most `max_depth` brackets (checked before json.loads)."""
    brackets = _NOT_BRACKET_RE.sub(b"", _STRING_RE.sub(b"", raw))
    for _ in range(max_depth):
        reduced = _PAIR_RE.sub(b"", brackets)
        if reduced == brackets:
            break
        brackets = reduced
    return not brackets


def _load_json(raw: bytes, what: str) -> Any:
    if not json_depth_ok(raw):
        raise ExchangeError(REFUSED + f"ساختار «{what}» بیش از حد تودرتو یا نامعتبر است.",
                            "exchange_json_depth")
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ExchangeError(REFUSED + f"«{what}» JSON معتبری نیست.", "exchange_tampered") from None


def _record_name(kind: str, row: dict[str, Any]) -> str:
    title_field = SPECS[kind].title_field if kind in SPECS else (
        "file_name" if kind == "attachment" else None)
    title = row.get(title_field) if title_field else None
    ident = row.get("id")
    text = f"{kind_label(kind)}"
    if isinstance(title, str) and title.strip():
        short = title.strip()
        text += f" «{short[:60]}{'…' if len(short) > 60 else ''}»"
    if isinstance(ident, str):
        text += f" (شناسه {ident[:36]})"
    return text


def _bad_record(kind: str, row: dict[str, Any], message: str) -> ExchangeError:
    return ExchangeError(REFUSED + f"{_record_name(kind, row)}: {message}", "exchange_invalid_record")


@cache
def _column_map(kind: str) -> dict[str, Any]:
    return {c.name: c for c in _columns(Activity if kind == "activity" else MODELS[kind])}


_DATETIME, _DATE, _BOOL, _INT, _FLOAT, _TEXT = range(6)


@cache
def _convert_plan(kind: str) -> tuple[tuple[str, int, int | None], ...]:
    """(column, type tag, text length) of a kind, worked out once instead of per row."""
    plan = []
    for name, column in _column_map(kind).items():
        ctype = column.type
        if isinstance(ctype, DateTime):
            tag = _DATETIME
        elif isinstance(ctype, Date):
            tag = _DATE
        elif isinstance(ctype, Boolean):
            tag = _BOOL
        elif isinstance(ctype, Integer):  # BigInteger too
            tag = _INT
        elif isinstance(ctype, Float):
            tag = _FLOAT
        else:
            tag = _TEXT
        plan.append((name, tag, getattr(ctype, "length", None)))
    return tuple(plan)


def _convert(kind: str, row: Any) -> dict[str, Any]:
    """JSON row -> Python values by column type; raises ExchangeError naming the record."""
    if not isinstance(row, dict):
        raise ExchangeError(TAMPERED, "exchange_tampered")
    columns = _column_map(kind)
    unknown = row.keys() - columns.keys()
    if unknown:
        raise _bad_record(kind, row, f"فیلد ناشناخته: {', '.join(sorted(map(str, unknown)))[:200]}")
    out: dict[str, Any] = {}
    get = row.get
    for name, tag, length in _convert_plan(kind):
        value = get(name)
        if value is None:
            out[name] = None
            continue
        try:
            if tag == _TEXT:
                if type(value) is not str or "\x00" in value or (length and len(value) > length):
                    raise ValueError
            elif tag == _DATETIME:
                if type(value) is not str:
                    raise ValueError
                value = datetime.fromisoformat(value).replace(tzinfo=None)
            elif tag == _DATE:
                if type(value) is not str:
                    raise ValueError
                value = date.fromisoformat(value)
            elif tag == _BOOL:
                if not isinstance(value, bool):
                    raise ValueError
            elif tag == _INT:
                if not isinstance(value, int) or isinstance(value, bool) or abs(value) > 2**62:
                    raise ValueError
            elif not isinstance(value, int | float) or isinstance(value, bool):
                raise ValueError
            else:
                value = float(value)
            out[name] = value
        except (ValueError, OverflowError):
            label = name
            if kind in SPECS and name in SPECS[kind].field_names:
                label = SPECS[kind].field(name).label
            raise _bad_record(kind, row, f"مقدار «{label}» نامعتبر است.") from None
    if not isinstance(out.get("id"), str) or not _UUID_RE.match(out["id"]):
        raise _bad_record(kind, row, "شناسه رکورد نامعتبر است.")
    if out.get("origin") is not None and not _UUID_RE.match(out["origin"]):
        raise _bad_record(kind, row, "شناسه عامل سازنده نامعتبر است.")
    if out.get("created_at") is None or out.get("updated_at") is None:
        raise _bad_record(kind, row, "زمان ثبت یا ویرایش رکورد ندارد.")
    return out


def _validate(kind: str, row: dict[str, Any]) -> dict[str, Any]:
    """services/schema.py rules (clean_record) for spec kinds; explicit rules for the others."""
    if kind in SPECS:
        spec = SPECS[kind]
        activity_kind = row.get("kind") if kind == "activity" else None
        data = {name: row.get(name) for name in spec.field_names}
        try:
            values = clean_record(spec, data, session=None, activity_kind=activity_kind)
        except ValidationError as exc:
            raise _bad_record(kind, row, exc.message) from None
        cleaned = dict(row)
        for name in spec.field_names:
            cleaned[name] = values.get(name)
        return cleaned
    if kind == "participant":
        if not row.get("activity_id"):
            raise _bad_record(kind, row, "فعالیت ندارد.")
        if not row.get("person_id") and not row.get("firm_id"):
            raise _bad_record(kind, row, "هر شرکت‌کننده باید یک فرد یا یک بنگاه باشد.")
        if row.get("role") not in PARTICIPANT_ROLES:
            raise _bad_record(kind, row, "نقش شرکت‌کننده شناخته نیست.")
        if row.get("hours") is not None and not 0 <= row["hours"] < 10_000:
            raise _bad_record(kind, row, "ساعت حضور نامعتبر است.")
        row.setdefault("position", 0)
        if row.get("attended") is None:
            row["attended"] = True
        if row.get("position") is None:
            row["position"] = 0
        return row
    if kind == "attachment":
        if row.get("owner_kind") not in MODEL_BY_KIND or not row.get("owner_id"):
            raise _bad_record(kind, row, "صاحب پیوست نامعتبر است.")
        if not row.get("file_name") or "/" in row["file_name"] or "\\" in row["file_name"]:
            raise _bad_record(kind, row, "نام فایل پیوست نامعتبر است.")
        if not _SHA_RE.match(row.get("sha256") or "") or row.get("size") is None \
                or row["size"] < 0:
            raise _bad_record(kind, row, "چکیده یا اندازه پیوست نامعتبر است.")
        return row
    raise AssertionError(kind)


@contextmanager
def open_package(path: Path | str, *, password: str | None = None) -> Iterator[Package]:
    """Reads and checks a package completely (nothing is written but a temp copy when it is
    encrypted, removed on exit); raises ExchangeError/BackupError for anything wrong."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ExchangeError(f"فایل بسته خوانده نشد: {exc.strerror or exc}",
                            "exchange_unreadable") from exc
    if size > MAX_PACKAGE_BYTES:
        raise ExchangeError(REFUSED + "فایل بسته بیش از حد بزرگ است.", "exchange_too_big")
    with tempfile.TemporaryDirectory(prefix="khooshe-exchange-") as tmp:
        zip_path = path
        if is_encrypted(path):
            if not password:
                raise ExchangeError("این بسته رمزگذاری شده است؛ رمز عبور آن را بدهید "
                                    "(--password-file).", "exchange_password_required")
            zip_path = Path(tmp) / "package.zip"
            try:
                decrypt_file(path, zip_path, password)
            except BackupError as exc:
                raise ExchangeError(REFUSED + exc.message, exc.code) from None
        try:
            zf = zipfile.ZipFile(zip_path)
        except (zipfile.BadZipFile, OSError):
            raise ExchangeError(FOREIGN, "exchange_foreign") from None
        try:
            yield _read(zf, zip_path)
        except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, RuntimeError,
                NotImplementedError):
            raise ExchangeError(TAMPERED, "exchange_tampered") from None
        finally:
            zf.close()


def _read(zf: zipfile.ZipFile, zip_path: Path) -> Package:
    members = _check_members(zf, zip_path.stat().st_size)
    if MANIFEST not in members or RECORDS not in members:
        raise ExchangeError(FOREIGN, "exchange_foreign")
    manifest = _load_json(_read_member(zf, members[MANIFEST], MAX_MANIFEST_BYTES), MANIFEST)
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ExchangeError(FOREIGN, "exchange_foreign")
    version = manifest.get("format_version")
    if not isinstance(version, int):
        raise ExchangeError(TAMPERED, "exchange_tampered")
    if version > FORMAT_VERSION:
        raise ExchangeError(REFUSED + "این بسته با نسخه جدیدتری از خوشه ساخته شده است؛ "
                            "برنامه را به‌روز کنید.", "exchange_too_new")
    listed = manifest.get("members")
    origin = manifest.get("origin")
    if not isinstance(listed, dict) or not isinstance(origin, str) or not _UUID_RE.match(origin):
        raise ExchangeError(TAMPERED, "exchange_tampered")
    if set(listed) != set(members) - {MANIFEST}:
        raise ExchangeError(REFUSED + "فهرست فایل‌های بسته با محتوای آن نمی‌خواند.",
                            "exchange_manifest_mismatch")
    for name, meta in listed.items():
        if not isinstance(meta, dict) or meta.get("size") != members[name].file_size:
            raise ExchangeError(REFUSED + f"اندازه «{name}» با فهرست بسته نمی‌خواند.",
                                "exchange_manifest_mismatch")
    raw = _read_member(zf, members[RECORDS], MAX_RECORDS_BYTES)
    if hashlib.sha256(raw).hexdigest() != listed[RECORDS].get("sha256"):
        raise ExchangeError(REFUSED + "چکیده رکوردها با فهرست بسته نمی‌خواند (دست‌کاری شده).",
                            "exchange_checksum")
    for name, meta in listed.items():
        if not name.startswith(FILES_PREFIX):
            continue
        digest = hashlib.sha256()
        with zf.open(members[name]) as fh:
            while chunk := fh.read(1 << 20):
                digest.update(chunk)
        sha = digest.hexdigest()
        if sha != meta.get("sha256") or sha != name[len(FILES_PREFIX):]:
            raise ExchangeError(REFUSED + f"چکیده پیوست «{name}» نمی‌خواند (دست‌کاری شده).",
                                "exchange_checksum")
    body = _load_json(raw, RECORDS)
    if not isinstance(body, dict) or not isinstance(body.get("records"), dict):
        raise ExchangeError(TAMPERED, "exchange_tampered")
    raw_records = body["records"]
    if set(raw_records) - set(KINDS):
        raise ExchangeError(TAMPERED, "exchange_tampered")
    total = sum(len(v) for v in raw_records.values() if isinstance(v, list))
    if total > MAX_RECORDS:
        raise ExchangeError(REFUSED + "تعداد رکوردهای بسته بیش از حد است.", "exchange_too_many")
    records: dict[str, list[dict[str, Any]]] = {}
    seen: set[str] = set()
    for kind in KINDS:
        rows = raw_records.get(kind, [])
        if not isinstance(rows, list):
            raise ExchangeError(TAMPERED, "exchange_tampered")
        converted = []
        for raw_row in rows:
            row = _validate(kind, _convert(kind, raw_row))
            if row["id"] in seen:
                raise _bad_record(kind, row, "شناسه تکراری در بسته.")
            seen.add(row["id"])
            if kind == "attachment" and FILES_PREFIX + row["sha256"] not in members:
                raise _bad_record(kind, row, "فایل پیوست در بسته نیست.")
            converted.append(row)
        records[kind] = converted
    links_raw = (body.get("links") or {}).get("joint_action_firm") or []
    children_raw = body.get("children") or {}
    if not isinstance(links_raw, list) or not isinstance(children_raw, dict):
        raise ExchangeError(TAMPERED, "exchange_tampered")
    links = []
    for pair in links_raw:
        if (not isinstance(pair, list) or len(pair) != 2
                or not all(isinstance(x, str) and _UUID_RE.match(x) for x in pair)):
            raise ExchangeError(TAMPERED, "exchange_tampered")
        links.append((pair[0], pair[1]))
    children: dict[str, dict[str, list[str]]] = {}
    for aid, lists in children_raw.items():
        if not isinstance(lists, dict):
            raise ExchangeError(TAMPERED, "exchange_tampered")
        entry = {}
        for key in ("participants", "resolutions"):
            ids = lists.get(key) or []
            if not isinstance(ids, list) or not all(isinstance(x, str) for x in ids):
                raise ExchangeError(TAMPERED, "exchange_tampered")
            entry[key] = ids
        children[aid] = entry
    return Package(path=zip_path, manifest=manifest, records=records, links=links,
                   children=children, zip_file=zf)


# --------------------------------------------------------------------------------------------
# Merging


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

    @property
    def changed(self) -> int:
        return sum(c.new + c.updated + c.deleted for c in self.counts.values())


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


def _check_references(session: Session, package: Package) -> None:
    in_package = {kind: {r["id"] for r in package.records[kind]} for kind in KINDS}
    wanted: dict[str, dict[str, tuple[str, dict[str, Any], str]]] = {k: {} for k in KINDS}
    for kind in KINDS:
        refs = _ref_fields(kind)
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
    for ref_kind, items in wanted.items():
        if not items:
            continue
        model = MODEL_BY_KIND[ref_kind]
        ids = list(items)
        found: set[str] = set()
        for chunk in _chunks(ids):
            found |= set(session.scalars(select(model.id).where(model.id.in_(chunk))))
        for ref_id in ids:
            if ref_id not in found:
                kind, row, name = items[ref_id]
                raise _bad_record(kind, row, f"به {kind_label(ref_kind) if ref_kind in KINDS else ref_kind}"
                                  f"ی اشاره می‌کند که نه در بسته هست و نه در پایگاه داده "
                                  f"({name}).")


class _Row:
    """A database row read for comparison (attribute access like the ORM object)."""

    __slots__ = ("_values",)

    def __init__(self, values: Any) -> None:
        self._values = dict(values)

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None


@dataclass
class Plan:
    apply: list[tuple[str, dict[str, Any], Any]]  # (kind, row, existing object or None)
    removals: list[Any]  # children the sender removed from an activity
    state_new: list[dict[str, Any]]
    state_changed: list[dict[str, Any]]

    @property
    def empty(self) -> bool:
        return not (self.apply or self.removals or self.state_new or self.state_changed)


PACKAGE_KEY = "package"


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
    for kind, model, key, list_name in (("participant", Participant, "activity_id", "participants"),
                                        ("resolution", Resolution, "meeting_id", "resolutions")):
        counts = report.counts.setdefault(kind, KindCounts())
        keep = {aid: set(lists[list_name]) for aid, lists in package.children.items()}
        for chunk in _chunks(aids):
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


def _plan(session: Session, package: Package, report: ImportReport) -> Plan:
    """What to write, and the report's figures."""
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
    for kind in KINDS:
        counts = report.counts.setdefault(kind, KindCounts())
        rows = package.records[kind]
        if not rows:
            continue
        model = MODELS[kind]
        ids = [r["id"] for r in rows]
        existing: dict[str, Any] = {}
        bases: dict[str, datetime] = {}
        table = model.__table__
        wanted = [table.c[c.name] for c in _columns(Activity if kind == "activity" else model)]
        for chunk in _chunks(ids):
            existing.update({r.id: _Row(r._mapping) for r in session.execute(
                select(*wanted).where(table.c.id.in_(chunk)))})
            bases.update(dict(session.execute(select(
                ExchangeState.record_id, ExchangeState.base_updated_at).where(
                ExchangeState.origin == origin, ExchangeState.record_id.in_(chunk))).all()))
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
            state = {"record_id": rid, "origin": origin, "kind": kind,
                     "base_updated_at": incoming, "imported_at": now}
            if base is None:
                state_new.append(state)
            elif base != incoming:
                state_changed.append(state)
            local = existing.get(rid)
            if local is None:
                apply.append((kind, row, None))
                if row["deleted_at"] is not None:
                    counts.deleted += 1
                else:
                    counts.new += 1
                continue
            if kind == "activity" and local.kind != row["kind"]:
                raise _bad_record(kind, row, "نوع فعالیت با نوع ثبت‌شده در پایگاه داده فرق دارد.")
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
                    kind=kind, record_id=rid, title=_record_name(kind, row),
                    local_updated_at=local.updated_at, incoming_updated_at=incoming,
                    winner="incoming" if incoming_wins else "local", fields=differs))
                if not incoming_wins:
                    continue
            apply.append((kind, row, local))
            if row["deleted_at"] is not None and local.deleted_at is None:
                counts.deleted += 1
            else:
                counts.updated += 1
    return Plan(apply, _removed_children(session, package, report), state_new, state_changed)


def _write(session: Session, db: Database, package: Package, plan: Plan) -> None:
    from services.attachments import blob_path

    apply = plan.apply
    if plan.removals:
        gone = [c.id for c in plan.removals]
        for child in plan.removals:
            session.delete(child)
        for chunk in _chunks(gone):
            session.execute(delete(STATE).where(STATE.c.origin == package.origin,
                                                STATE.c.record_id.in_(chunk)))
        session.flush()
    applied_joint_actions: set[str] = set()
    for kind in KINDS:
        batch = [(row, obj) for k, row, obj in apply if k == kind]
        if not batch:
            continue
        model = MODELS[kind]
        fresh = [row for row, obj in batch if obj is None]
        if fresh:
            _insert_new(session, kind, fresh)
            if kind == "joint_action":
                applied_joint_actions.update(row["id"] for row in fresh)
            elif kind == "attachment":
                for row in fresh:
                    target = blob_path(db.files_dir, row["sha256"])
                    if not target.is_file():
                        _store_blob(package.zip_file, FILES_PREFIX + row["sha256"], target)
        batch = [(row, obj) for row, obj in batch if obj is not None]
        if not batch:
            continue
        loaded: dict[str, Any] = {}
        present = [row["id"] for row, obj in batch if obj is not None]
        for chunk in _chunks(present):
            loaded.update({o.id: o for o in session.scalars(select(model).where(
                model.id.in_(chunk)))})
        for row, found in batch:
            obj = loaded.get(row["id"]) if found is not None else None
            if found is not None and obj is None:
                raise conflict_error()
            if obj is None:
                model = ACTIVITY_CLASSES[row["kind"]] if kind == "activity" else MODELS[kind]
                obj = model(**row)
                session.add(obj)
            else:
                for name, value in row.items():
                    if name != "id":
                        setattr(obj, name, value)
            if kind == "joint_action":
                applied_joint_actions.add(row["id"])
            elif kind == "attachment":
                target = blob_path(db.files_dir, row["sha256"])
                if not target.is_file():
                    _store_blob(package.zip_file, FILES_PREFIX + row["sha256"], target)
        session.flush()
    if applied_joint_actions:
        for chunk in _chunks(sorted(applied_joint_actions)):
            session.execute(delete(JointActionFirm).where(
                JointActionFirm.joint_action_id.in_(chunk)))
        pairs = [{"joint_action_id": a, "firm_id": f} for a, f in package.links
                 if a in applied_joint_actions]
        if pairs:
            session.execute(insert(JointActionFirm.__table__), pairs)
    session.flush()


def _insert_new(session: Session, kind: str, rows: list[dict[str, Any]]) -> None:
    """Records new to this database: one executemany INSERT per kind instead of an ORM object
    and flush per record, with what the ORM would have done: a column default where the value is
    None, version 1, this installation's origin where the record has none, and the search rows
    of the searchable kinds (models.search_index writes them from the same fields)."""
    model = MODELS[kind]
    table = model.__table__
    defaults = {c.name: c.default.arg for c in table.columns
                if c.default is not None and c.default.is_scalar}
    origin: str | None = None
    values = []
    for row in rows:
        out = dict(row)
        for name, default in defaults.items():
            if out.get(name) is None:
                out[name] = default
        if out.get("origin") is None:
            if origin is None:
                origin = installation_id_in(session)
            out["origin"] = origin
        out["version"] = 1
        values.append(out)
    for start in range(0, len(values), 2000):
        session.execute(insert(table), values[start:start + 2000])
    if not issubclass(model, search_index.SEARCHABLE):
        return
    objects = [(ACTIVITY_CLASSES[r["kind"]] if kind == "activity" else model)(**r)
               for r in values]
    meetings: dict[str, Any] = {}
    if kind == "resolution":
        ids = sorted({r["meeting_id"] for r in values if r["meeting_id"]})
        for chunk in _chunks(ids):
            meetings.update({i: _Row({"cluster_id": c}) for i, c in session.execute(
                select(Activity.id, Activity.cluster_id).where(Activity.id.in_(chunk)))})
    search_index._sync(_IndexSession(session, meetings), objects, [])


class _IndexSession:
    """What models.search_index reads through the session, with the meetings of new
    resolutions read in one query per chunk instead of one `session.get` per resolution."""

    def __init__(self, session: Session, meetings: dict[str, Any]) -> None:
        self._session = session
        self._meetings = meetings

    @property
    def no_autoflush(self) -> Any:
        return self._session.no_autoflush

    def connection(self) -> Any:
        return self._session.connection()

    def get(self, model: type, ident: str) -> Any:
        if model is Activity and ident in self._meetings:
            return self._meetings[ident]
        return self._session.get(model, ident)


def conflict_error() -> ServiceError:
    from services.records import conflict

    return conflict()


def _store_blob(zf: zipfile.ZipFile, member: str, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".incoming-{os.getpid()}-{target.name}")
    try:
        with zf.open(member) as src, tmp.open("wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
            dst.flush()
            os.fsync(dst.fileno())
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def agent_setting_key(origin: str) -> str:
    return f"agent_name:{origin}"


def _remember_agent(session: Session, package: Package) -> None:
    """The sender's own name for itself, so the office can tell its agents apart by name."""
    name = (package.agent_name or "").strip()
    if not name or not package.origin:
        return
    key = agent_setting_key(package.origin)
    value = json.dumps(name, ensure_ascii=False)
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    elif row.value != value:
        row.value = value


def import_package(db: Database, package: Package, *, dry_run: bool = False) -> ImportReport:
    """Merges a checked package into `db` (one transaction, a backup first on SQLite)."""
    report = ImportReport(origin=package.origin, agent_name=package.agent_name,
                          created_at=package.manifest.get("created_at"), dry_run=dry_run)
    with db.session_factory() as session:
        _check_references(session, package)
        first = _plan(session, package, report)
    if dry_run or first.empty:
        return report
    # Plan again inside the writing transaction (the database may have changed meanwhile); the
    # first pass decided whether anything will be written (and so whether to back up).
    report.counts.clear()
    report.conflicts.clear()
    if (first.apply or first.removals) and db.path is not None:
        from services.backup import create_backup, default_backup_dir

        info = create_backup(db.path, default_backup_dir(db.path), reason="before-import")
        report.backup = info.path
    from sqlalchemy.orm.exc import StaleDataError

    from services.records import conflict

    try:
        with unit_of_work(db) as session:
            _check_references(session, package)
            plan = _plan(session, package, report)
            _write(session, db, package, plan)
            _remember_agent(session, package)
            if plan.state_new:
                session.execute(insert(STATE), plan.state_new)
            if plan.state_changed:
                session.execute(
                    update(STATE)
                    .where(STATE.c.record_id == bindparam("b_id"),
                           STATE.c.origin == bindparam("b_origin"))
                    .values(base_updated_at=bindparam("b_base"), imported_at=bindparam("b_now")),
                    [{"b_id": s["record_id"], "b_origin": s["origin"],
                      "b_base": s["base_updated_at"], "b_now": s["imported_at"]}
                     for s in plan.state_changed])
    except StaleDataError:
        raise conflict() from None
    if db.engine.dialect.name == "postgresql" and report.changed > 1000:
        # Fresh statistics after a big load: without them the planner scans instead of using
        # the indexes (the next import of the same 10k package took 40 s instead of 4).
        with db.engine.begin() as conn:
            for kind in KINDS:
                conn.exec_driver_sql(f"ANALYZE {MODELS[kind].__tablename__}")  # noqa: S608
            conn.exec_driver_sql("ANALYZE exchange_state")
            conn.exec_driver_sql("ANALYZE search_doc")
    return report


def import_file(db: Database, path: Path | str, *, password: str | None = None,
                dry_run: bool = False) -> ImportReport:
    with open_package(path, password=password) as package:
        return import_package(db, package, dry_run=dry_run)


def conflict_lines(report: ImportReport) -> Iterable[str]:
    from persian.jalali import format_jalali_datetime

    for c in report.conflicts:
        winner = "نسخه بسته" if c.winner == "incoming" else "نسخه این پایگاه داده"
        fields = "، ".join(c.fields) or "—"
        yield (f"{c.title}: هر دو طرف تغییر داده‌اند (اینجا {format_jalali_datetime(c.local_updated_at)}، "
               f"بسته {format_jalali_datetime(c.incoming_updated_at)}); فیلدها: {fields}؛ "
               f"ماند: {winner}")
