"""پیوست‌ها: photos, scanned attendance sheets and documents attached to any record.

Files live in a content-addressed store beside the database (`<db>-files/ab/abcdef…`): the same
file attached twice is stored once, a stored file never changes under its name, and a backup can
check every attachment by its hash.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.base import utcnow
from models.database import Database
from models.entities import Activity, Attachment
from models.fsutil import replace_file
from services import records
from services.errors import NotFoundError, ServiceError
from services.schema import MODEL_BY_KIND
from services.uow import unit_of_work

MAX_ATTACHMENT_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class AttachmentView:
    id: str
    owner_kind: str
    owner_id: str
    file_name: str
    mime_type: str | None
    size: int
    sha256: str
    note: str | None
    in_report: bool = False

    @property
    def is_image(self) -> bool:
        return is_image(self.file_name, self.mime_type)

    @property
    def can_be_in_report(self) -> bool:
        """Only an activity's images reach a report's photo page (reports.photos)."""
        return self.owner_kind == "activity" and self.is_image


# What reportlab and Word both print; other image types (HEIC, SVG, TIFF) are not offered.
IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp"})


def is_image(file_name: str, mime_type: str | None) -> bool:
    return Path(file_name).suffix.lower() in IMAGE_SUFFIXES or (
        mime_type in {"image/jpeg", "image/png", "image/gif", "image/bmp", "image/webp"})


def _view(a: Attachment) -> AttachmentView:
    return AttachmentView(a.id, a.owner_kind, a.owner_id, a.file_name, a.mime_type, a.size,
                          a.sha256, a.note, bool(a.in_report))


def blob_path(files_dir: Path, sha256: str) -> Path:
    return files_dir / sha256[:2] / sha256


def _store(files_dir: Path, source: Path) -> tuple[str, int]:
    """Copies `source` into the store (atomically); returns its hash and size."""
    digest = hashlib.sha256()
    size = 0
    files_dir.mkdir(parents=True, exist_ok=True)
    tmp = files_dir / f".incoming-{os.getpid()}-{utcnow().timestamp():.6f}"
    try:
        with source.open("rb") as src, tmp.open("wb") as dst:
            while chunk := src.read(1024 * 1024):
                size += len(chunk)
                if size > MAX_ATTACHMENT_BYTES:
                    raise ServiceError("فایل پیوست بزرگ‌تر از ۲۰۰ مگابایت است؛ فایل کوچک‌تری انتخاب کنید.")
                digest.update(chunk)
                dst.write(chunk)
            dst.flush()
            os.fsync(dst.fileno())
        sha = digest.hexdigest()
        final = blob_path(files_dir, sha)
        final.parent.mkdir(parents=True, exist_ok=True)
        if final.exists():
            tmp.unlink()
        else:
            replace_file(tmp, final)
        return sha, size
    finally:
        tmp.unlink(missing_ok=True)


def add_attachment(db: Database, owner_kind: str, owner_id: str, source: Path | str,
                   *, note: str | None = None) -> AttachmentView:
    source = Path(source)
    if not source.is_file():
        raise ServiceError(f"فایل پیدا نشد یا خواندنی نیست: {source}")
    if owner_kind not in MODEL_BY_KIND:
        raise ServiceError(f"نوع رکورد نامعتبر: {owner_kind}")
    try:
        sha, size = _store(db.files_dir, source)
    except OSError as exc:
        raise ServiceError(f"فایل پیوست ذخیره نشد ({exc.strerror}). فضای دیسک را بررسی کنید.") from exc
    with unit_of_work(db) as session:
        if owner_kind in records.SPECS:
            records.load(session, owner_kind, owner_id)
        attachment = Attachment(owner_kind=owner_kind, owner_id=owner_id, file_name=source.name,
                                mime_type=mimetypes.guess_type(source.name)[0], size=size,
                                sha256=sha, note=note)
        session.add(attachment)
        session.flush()
        return _view(attachment)


def list_attachments_in(session: Session, owner_kind: str, owner_id: str) -> list[AttachmentView]:
    rows = session.scalars(select(Attachment).where(
        Attachment.owner_kind == owner_kind, Attachment.owner_id == owner_id,
        Attachment.deleted_at.is_(None)).order_by(Attachment.created_at))
    return [_view(a) for a in rows]


def list_attachments(db: Database, owner_kind: str, owner_id: str) -> list[AttachmentView]:
    with db.session_factory() as session:
        return list_attachments_in(session, owner_kind, owner_id)


def attachment_file(db: Database, attachment_id: str) -> Path:
    """The stored file of an attachment, after checking it is still whole."""
    with db.session_factory() as session:
        a = session.get(Attachment, attachment_id)
        if a is None:
            raise NotFoundError("پیوست پیدا نشد.")
        path = blob_path(db.files_dir, a.sha256)
    if not path.is_file():
        raise ServiceError("فایل این پیوست در پوشه پیوست‌ها نیست؛ از پشتیبان بازیابی کنید.")
    return path


def export_attachment(db: Database, attachment_id: str, dest: Path) -> Path:
    """Copies an attachment out under its original name (to open it with another program)."""
    path = attachment_file(db, attachment_id)
    with db.session_factory() as session:
        name = session.get(Attachment, attachment_id).file_name
    dest.mkdir(parents=True, exist_ok=True)
    target = dest / Path(name).name
    shutil.copyfile(path, target)
    return target


def set_in_report(db: Database, attachment_id: str, in_report: bool) -> AttachmentView:
    """Mark (or unmark) an activity's image «در گزارش»: printed in its minutes and the
    performance report. Anything else is refused with a message and left unchanged."""
    with unit_of_work(db) as session:
        a = session.get(Attachment, attachment_id)
        if a is None or a.deleted_at is not None:
            raise NotFoundError("پیوست پیدا نشد.")
        view = _view(a)
        if in_report and view.owner_kind != "activity":
            raise ServiceError("فقط عکس‌های یک فعالیت (جلسه، دوره، تور، نمایشگاه) در گزارش "
                               "چاپ می‌شوند.")
        if in_report and not view.is_image:
            raise ServiceError(f"«{a.file_name}» عکس نیست؛ فقط فایل‌های JPG، PNG، GIF، BMP و "
                               "WebP در گزارش چاپ می‌شوند.")
        if bool(a.in_report) != in_report:
            a.in_report = in_report
            session.flush()
        return _view(a)


@dataclass(frozen=True)
class ReportPhoto:
    """A marked photo as a report prints it: where its bytes are and what to write under it."""

    attachment_id: str
    activity_id: str
    activity_kind: str
    activity_title: str
    activity_date: date | None
    file_name: str
    caption: str
    sha256: str
    path: Path


def report_photos(db: Database, activity_ids: Sequence[str]) -> list[ReportPhoto]:
    """The live photos marked «در گزارش» of these activities, in the activities' order and then
    in the order they were attached. The file may be missing or damaged: the report checks."""
    if not activity_ids:
        return []
    order = {a: i for i, a in enumerate(dict.fromkeys(activity_ids))}
    found: list[tuple[Attachment, Activity]] = []
    with db.session_factory() as session:
        ids = list(order)
        for start in range(0, len(ids), 500):  # bound the IN list (SQLite's variable limit)
            found += session.execute(
                select(Attachment, Activity)
                .join(Activity, Activity.id == Attachment.owner_id)
                .where(Attachment.owner_kind == "activity",
                       Attachment.owner_id.in_(ids[start:start + 500]),
                       Attachment.in_report.is_(True), Attachment.deleted_at.is_(None),
                       Activity.deleted_at.is_(None))).tuples().all()
        photos = [ReportPhoto(a.id, act.id, act.kind, act.title, act.start_date, a.file_name,
                              (a.note or "").strip() or Path(a.file_name).stem, a.sha256,
                              blob_path(db.files_dir, a.sha256))
                  for a, act in found if is_image(a.file_name, a.mime_type)]
        stamps = {a.id: a.created_at for a, _ in found}
    photos.sort(key=lambda p: (order[p.activity_id], stamps[p.attachment_id], p.file_name))
    return photos


def remove_attachment(db: Database, attachment_id: str) -> None:
    """To the trash like any record; the stored bytes stay until no backup needs them."""
    with unit_of_work(db) as session:
        a = session.get(Attachment, attachment_id)
        if a is None or a.deleted_at is not None:
            raise NotFoundError("پیوست پیدا نشد.")
        a.deleted_at = utcnow()
