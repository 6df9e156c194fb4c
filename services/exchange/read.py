"""Reading a package: every check on the file before anything is written."""

from __future__ import annotations

import hashlib
import json
import re
import stat
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from models.collector import collector_paused
from persian.digits import to_persian_digits
from services.backup import BackupError, decrypt_file, is_encrypted
from services.exchange.common import (
    FILES_PREFIX,
    FOREIGN,
    FORMAT,
    FORMAT_VERSION,
    KINDS,
    MANIFEST,
    RECORDS,
    REFUSED,
    SHA_RE,
    TAMPERED,
    UUID_RE,
    ExchangeError,
    bad_record,
)
from services.exchange.validate import convert_row, validate_row
from services.manifests import Refusal, format_version

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
# Every byte but the quotes and brackets, deleted by bytes.translate (the depth guard's sieve).
_NOT_STRUCTURE = bytes(b for b in range(256) if b not in b'"[]{}')
_PAIR_RE = re.compile(rb"\[\]|\{\}")


# Asked with (origin, records digest): was a package with these very records applied already?
AppliedCheck = Callable[[str, str], bool]


@dataclass
class Package:
    path: Path
    manifest: dict[str, Any]
    # kind -> rows with Python values; when `applied`, the rows as the JSON holds them (strings),
    # since they are byte for byte those of a package checked and applied before.
    records: dict[str, list[dict[str, Any]]]
    links: list[tuple[str, str]]
    children: dict[str, dict[str, list[str]]]
    zip_file: zipfile.ZipFile
    records_digest: str = ""  # sha256 of records.json, checked against the manifest
    applied: bool = False  # the database already holds a package with these very records
    # What the records point to outside the package (plan.outside_pointers, kept once worked out).
    outside_pointers: dict[str, dict[str, tuple[str, dict[str, Any], str]]] | None = None

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
                name.startswith(FILES_PREFIX) and SHA_RE.match(name[len(FILES_PREFIX):])):
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
    """True when the JSON text nests at most `max_depth` brackets (checked before json.loads).

    Strings are taken out first (brackets in them do not count): in JSON a backslash always
    starts an escape of two characters or a \\uXXXX without quotes, so removing the escaped
    backslashes and then the escaped quotes, left to right as bytes.replace does, leaves quotes
    that only open and close strings; then everything but quotes and brackets goes, and every
    second piece between quotes is string. All of it in C over the whole text: the regular
    expression that skipped strings one by one was the import's costliest check (0.35 s of 27 MB,
    now well under 0.1 s).
    """
    if b"\\" in raw:
        raw = raw.replace(b"\\\\", b"").replace(b'\\"', b"")
    # Two quotes side by side have nothing between them: taking them out leaves every other
    # byte inside or outside a string as it was (most strings hold no bracket: this is most).
    sieved = raw.translate(None, _NOT_STRUCTURE).replace(b'""', b"")
    brackets = b"".join(sieved.split(b'"')[::2])
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


@contextmanager
def open_package(path: Path | str, *, password: str | None = None,
                 applied: AppliedCheck | None = None) -> Iterator[Package]:
    """Reads and checks a package completely (nothing is written but a temp copy when it is
    encrypted, removed on exit); raises ExchangeError/BackupError for anything wrong.

    `applied` (origin, records digest) says whether the target database already applied a
    package with exactly these records: then each record is not converted and validated again
    (its bytes passed those checks when it was applied), every other check still runs."""
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
            yield read_package(zf, zip_path, applied)
        except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, RuntimeError,
                NotImplementedError):
            raise ExchangeError(TAMPERED, "exchange_tampered") from None
        finally:
            zf.close()


def _refusal(why: Refusal) -> ExchangeError:
    too_new = REFUSED + "این بسته با نسخه جدیدتری از خوشه ساخته شده است؛ برنامه را به‌روز کنید."
    return ExchangeError({"foreign": FOREIGN, "tampered": TAMPERED, "too_new": too_new}[why],
                         f"exchange_{why}")


def read_package(zf: zipfile.ZipFile, zip_path: Path,
                 applied: AppliedCheck | None = None) -> Package:
    members = _check_members(zf, zip_path.stat().st_size)
    if MANIFEST not in members or RECORDS not in members:
        raise ExchangeError(FOREIGN, "exchange_foreign")
    manifest = _load_json(_read_member(zf, members[MANIFEST], MAX_MANIFEST_BYTES), MANIFEST)
    format_version(manifest, FORMAT, FORMAT_VERSION, _refusal)
    listed = manifest.get("members")
    origin = manifest.get("origin")
    if not isinstance(listed, dict) or not isinstance(origin, str) or not UUID_RE.match(origin):
        raise ExchangeError(TAMPERED, "exchange_tampered")
    if set(listed) != set(members) - {MANIFEST}:
        raise ExchangeError(REFUSED + "فهرست فایل‌های بسته با محتوای آن نمی‌خواند.",
                            "exchange_manifest_mismatch")
    for name, meta in listed.items():
        if not isinstance(meta, dict) or meta.get("size") != members[name].file_size:
            raise ExchangeError(REFUSED + f"اندازه «{name}» با فهرست بسته نمی‌خواند.",
                                "exchange_manifest_mismatch")
    raw = _read_member(zf, members[RECORDS], MAX_RECORDS_BYTES)
    records_digest = hashlib.sha256(raw).hexdigest()
    if records_digest != listed[RECORDS].get("sha256"):
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
    known = applied is not None and applied(origin, records_digest)
    with collector_paused():
        return _read_records(zf, zip_path, manifest, members, raw, records_digest, known)


def _read_records(zf: zipfile.ZipFile, zip_path: Path, manifest: dict[str, Any],
                  members: dict[str, zipfile.ZipInfo], raw: bytes, records_digest: str,
                  known: bool) -> Package:
    # Bytes equal to records that passed every check below when applied: the nesting guard
    # and the per-record checks would say the same again (the re-import's two biggest costs).
    body = json.loads(raw) if known else _load_json(raw, RECORDS)
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
        if known:
            records[kind] = rows
            continue
        converted = []
        for raw_row in rows:
            row = validate_row(kind, convert_row(kind, raw_row))
            if row["id"] in seen:
                raise bad_record(kind, row, "شناسه تکراری در بسته.")
            seen.add(row["id"])
            if kind == "attachment" and FILES_PREFIX + row["sha256"] not in members:
                raise bad_record(kind, row, "فایل پیوست در بسته نیست.")
            converted.append(row)
        records[kind] = converted
    links_raw = (body.get("links") or {}).get("joint_action_firm") or []
    children_raw = body.get("children") or {}
    if not isinstance(links_raw, list) or not isinstance(children_raw, dict):
        raise ExchangeError(TAMPERED, "exchange_tampered")
    links = []
    for pair in links_raw:
        if not known and (not isinstance(pair, list) or len(pair) != 2
                          or not all(isinstance(x, str) and UUID_RE.match(x) for x in pair)):
            raise ExchangeError(TAMPERED, "exchange_tampered")
        links.append((pair[0], pair[1]))
    children: dict[str, dict[str, list[str]]] = {}
    for aid, lists in children_raw.items():
        if not known and not isinstance(lists, dict):
            raise ExchangeError(TAMPERED, "exchange_tampered")
        entry = {}
        for key in ("participants", "resolutions"):
            ids = lists.get(key) or []
            if not known and (not isinstance(ids, list)
                              or not all(isinstance(x, str) for x in ids)):
                raise ExchangeError(TAMPERED, "exchange_tampered")
            entry[key] = ids
        children[aid] = entry
    return Package(path=zip_path, manifest=manifest, records=records, links=links,
                   children=children, zip_file=zf, records_digest=records_digest, applied=known)

